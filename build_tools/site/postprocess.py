"""HTML post-processing of a briefing page (pure string functions).

- glossary terms marked on first use in the full text, with a tooltip and a link to the entry;
- bare `<host/path>` addresses in the reference list made into real links;
- the page wrapped for Pagefind (`data-pagefind-body`), so only briefings are indexed;
- the table of contents rebuilt: Key points, Summary, Full text (with the article's
  headings under it), References, Related briefings, Linked from, Cite this briefing.
"""

from __future__ import annotations

import re
from html import unescape
from typing import TYPE_CHECKING

from markupsafe import escape

from ..corpus import Corpus, Doc, term_key
from .pages import OWN_IDS, glossary_url, rel

if TYPE_CHECKING:
    from mkdocs.structure.toc import AnchorLink

_TAG = re.compile(r"(<[^>]+>)")
_BODY_PARA = re.compile(r'<p id="p-\d+"')
_REF_PARA = re.compile(r'(<p class="bf-ref"[^>]*>)(.*?)(</p>)', re.DOTALL)
# "<vc.ru/social/182436-…>" as reference lists write addresses, after HTML escaping.
_BARE_ADDRESS = re.compile(r"&lt;((?:https?://)?(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?:/[^\s<>]*?)?)&gt;")
_REFERENCE_HEADINGS = re.compile(r"(?i)^(references|bibliography|sources|notes|works cited)$")
# (id, title) of the page's own sections, in reading order, around the article's headings.
_BEFORE = (("key-points", "Key points"), ("summary", "Summary"))
_AFTER = (("related-briefings", "Related briefings"), ("linked-from", "Linked from"), ("cite-this-briefing", "Cite this briefing"))


def glossary_tooltips(doc: Doc, corpus: Corpus) -> dict[str, tuple[str, str]]:
    """term -> (glossary key, tooltip) for each of the briefing's terms whose glossary entry has a definition."""
    tooltips = {}
    for g in doc.glossary:
        key = term_key(g.term)
        entry = corpus.glossary.get(key)
        if entry is None:
            continue
        definition = (entry.definition or g.definition or "").strip()
        if not definition:  # nothing to explain: the term is not marked as if it had a definition
            continue
        tooltips[g.term] = (key, f"{g.term}: {definition}")
    return tooltips


def mark_glossary_terms(body: str, tooltips: dict[str, tuple[str, str]], src_uri: str) -> str:
    """Wrap the first use of each glossary term in the body's paragraphs with a tooltip link to its entry."""
    if not tooltips:
        return body
    pending = dict(tooltips)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(t) for t in sorted(pending, key=len, reverse=True)) + r")(?![\w-])")
    out: list[str] = []
    depth_a = 0
    in_para = False
    for piece in _TAG.split(body):
        if piece.startswith("<"):
            lower = piece.lower()
            if lower.startswith("<a ") or lower == "<a>":
                depth_a += 1
            elif lower.startswith("</a"):
                depth_a = max(0, depth_a - 1)
            if _BODY_PARA.match(piece):
                in_para = True
            elif lower.startswith(("<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "</p")):
                in_para = False
            out.append(piece)
            continue
        if not in_para or depth_a or not pending:
            out.append(piece)
            continue

        def wrap(m: re.Match[str]) -> str:
            term = m.group(1)
            if term not in pending:
                return term
            key, tooltip = pending.pop(term)
            href = rel(src_uri, glossary_url(key))
            return f'<a class="bf-term" href="{escape(href)}" title="{escape(tooltip)}">{term}</a>'

        out.append(pattern.sub(wrap, piece))
    return "".join(out)


def link_bare_addresses(html: str) -> str:
    """In reference entries, `<vc.ru/path>` (an address without a scheme) becomes a real https link."""

    def entry(m: re.Match[str]) -> str:
        def link(a: re.Match[str]) -> str:
            address = a.group(1)
            href = address if address.lower().startswith(("http://", "https://")) else "https://" + address
            return f'&lt;<a href="{escape(unescape(href))}" rel="noopener">{address}</a>&gt;'

        return m.group(1) + _BARE_ADDRESS.sub(link, m.group(2)) + m.group(3)

    return _REF_PARA.sub(entry, html)


def rename_own_ids(body: str, toc: list[AnchorLink]) -> str:
    """An article heading whose id is one of the page's own ("summary", "full-text") gets "_1" added, in the body and its TOC entry."""
    taken = re.compile(r'(<h[1-6] id=")(' + "|".join(map(re.escape, OWN_IDS)) + r')(")')
    if not taken.search(body):
        return body

    def rename(links: list[AnchorLink]) -> None:
        for link in links:
            if link.id in OWN_IDS:
                link.id += "_1"
            rename(link.children)

    rename(toc)
    return taken.sub(lambda m: f"{m.group(1)}{m.group(2)}_1{m.group(3)}", body)


def search_body(html: str) -> str:
    """Mark a briefing's content as the part Pagefind indexes (pages without the mark are not indexed)."""
    return f"<div data-pagefind-body>\n{html}\n</div>"


def sentence_case(title: str, keep: frozenset[str] = frozenset()) -> str:
    """An ALL-CAPS heading in sentence case for the table of contents; words in `keep` keep their case."""
    letters = [c for c in title if c.isalpha()]
    if not letters or any(c.islower() for c in letters):
        return title
    kept = {w.upper(): w for w in keep}
    out = []
    first = True
    for w in re.split(r"(\W+)", title):
        if not w or not w[0].isalnum():
            out.append(w)
            first = first or ":" in w
            continue
        if w in kept:
            out.append(kept[w])
        else:
            out.append(w[:1] + w[1:].lower() if first else w.lower())
        first = False
    return "".join(out)


def proper_words(doc: Doc) -> frozenset[str]:
    """Words whose case a heading keeps: names of people and places, one-word organisations, acronyms (China, EU, 5G)."""
    words: set[str] = set()
    for e in doc.entities:
        parts = [w for w in re.split(r"\W+", e.name) if w]
        if e.kind in ("person", "place") or len(parts) == 1:
            words.update(w for w in parts if w[:1].isupper())
    for g in doc.glossary:
        words.update(w for w in re.split(r"\W+", g.term) if len(w) > 1 and (w.isupper() or any(c.isdigit() for c in w)))
    return frozenset(words)


def briefing_toc(items: list[AnchorLink], html: str, keep: frozenset[str] = frozenset()) -> list[AnchorLink]:
    """The briefing's table of contents: its own sections around the article's headings (nested under Full text)."""
    from mkdocs.structure.toc import AnchorLink

    present = set(re.findall(r'<h2 id="([\w-]+)"', html))
    own_ids = {anchor for anchor, _ in _BEFORE + _AFTER} | {"full-text"}

    def own(ids: tuple[tuple[str, str], ...]) -> list[AnchorLink]:
        return [AnchorLink(title, anchor, 2) for anchor, title in ids if anchor in present]

    def recase(link: AnchorLink) -> AnchorLink:
        link.title = sentence_case(link.title, keep)
        for child in link.children:
            recase(child)
        return link

    article = [recase(i) for i in items if i.id not in own_ids]
    references = [i for i in article if _REFERENCE_HEADINGS.match(i.title.strip())]
    body = [i for i in article if i not in references]
    full = AnchorLink("Full text", "full-text", 2)
    full.children = body
    return own(_BEFORE) + ([full] if "full-text" in present else body) + references + own(_AFTER)
