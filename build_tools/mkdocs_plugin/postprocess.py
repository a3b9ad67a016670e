"""HTML post-processing of a briefing page: glossary terms marked on first use."""

from __future__ import annotations

import re

from markupsafe import escape

from ..corpus import Corpus, Doc, term_key
from .pages import glossary_url, rel

_TAG = re.compile(r"(<[^>]+>)")
_BODY_PARA = re.compile(r'<p id="p-\d+"')


def mark_glossary_terms(html: str, doc: Doc, corpus: Corpus, src_uri: str) -> str:
    """Wrap the first use of each glossary term in the full text with a tooltip link to its entry."""
    start = html.find('id="full-text"')
    if start < 0 or not doc.glossary:
        return html
    head, body = html[:start], html[start:]
    pending = {}
    for g in doc.glossary:
        key = term_key(g.term)
        entry = corpus.glossary.get(key)
        definition = (entry.definition if entry and entry.definition else g.definition) or g.kind
        pending[g.term] = (key, definition)
    if not pending:
        return html
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(t) for t in sorted(pending, key=len, reverse=True)) + r")(?![\w-])")
    out: list[str] = []
    depth_a = 0
    in_para = False
    for piece in _TAG.split(body):
        if piece.startswith("<"):
            lower = piece[:3].lower()
            if lower.startswith("<a ") or piece.lower() == "<a>":
                depth_a += 1
            elif piece.lower().startswith("</a"):
                depth_a = max(0, depth_a - 1)
            if _BODY_PARA.match(piece):
                in_para = True
            elif piece.startswith(("<h2", "<h3", "<h4", "</p")):
                in_para = in_para and not piece.startswith(("<h2", "<h3", "<h4"))
            out.append(piece)
            continue
        if not in_para or depth_a or not pending:
            out.append(piece)
            continue

        def wrap(m: re.Match[str]) -> str:
            term = m.group(1)
            if term not in pending:
                return term
            key, definition = pending.pop(term)
            href = rel(src_uri, glossary_url(key))
            return f'<a class="bf-term" href="{escape(href)}" title="{escape(definition)}">{term}</a>'

        out.append(pattern.sub(wrap, piece))
    return head + "".join(out)
