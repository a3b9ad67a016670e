"""Cross-links written by authors, resolved against the corpus (pure).

`[[slug]]`, `[[slug#p-12]]` and `[[slug|label]]` become Markdown links to the
other briefing (labelled with its title when no label is given);
`[[glossary:term]]` becomes a link to the term's glossary entry. Links that do
not resolve stay as written, and `briefings check` reports them.
"""

from __future__ import annotations

import re

from .body import WIKILINK
from .corpus import Corpus, term_key
from .markdown_text import escape_inline

_FENCE = re.compile(r"^\s*(```|~~~)", re.M)


def resolve_wikilinks(markdown: str, corpus: Corpus) -> str:
    """The body with every resolvable [[…]] link written as a Markdown link (code blocks untouched)."""
    if "[[" not in markdown:  # most bodies: nothing to scan line by line
        return markdown
    out: list[str] = []
    in_code = False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            in_code = not in_code
        out.append(line if in_code else _outside_code(line, corpus))
    return "\n".join(out)


def _outside_code(line: str, corpus: Corpus) -> str:
    parts = re.split(r"(`[^`\n]*`)", line)
    return "".join(p if p.startswith("`") else WIKILINK.sub(lambda m: _link(m, corpus), p) for p in parts)


def _link(m: re.Match[str], corpus: Corpus) -> str:
    target, anchor, label = m.group(1).strip(), m.group(2), m.group(3)
    if target.lower().startswith("glossary:"):
        term = target.split(":", 1)[1].strip()
        key = term_key(term)
        if key not in corpus.glossary:
            return m.group(0)
        return f"[{escape_inline(label or term)}](../glossary.md#term-{key})"
    doc = corpus.docs.get(target)
    if doc is None:
        return m.group(0)
    return f"[{escape_inline(label or doc.title)}]({doc.slug}.md{'#' + anchor if anchor else ''})"
