"""A briefing page's table of contents: its own sections around the article's headings.

Key points, Summary, Full text (with the article's headings under it, ALL-CAPS
headings in sentence case), References, Related briefings, Linked from, Cite
this briefing. Pure functions over MkDocs' `AnchorLink` list.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..corpus import Doc
from ..markdown_ext import REFERENCE_HEADINGS

if TYPE_CHECKING:
    from mkdocs.structure.toc import AnchorLink

# (id, title) of the page's own sections, in reading order, around the article's headings.
_BEFORE = (("key-points", "Key points"), ("summary", "Summary"))
_AFTER = (("related-briefings", "Related briefings"), ("linked-from", "Linked from"), ("cite-this-briefing", "Cite this briefing"))


def sentence_case(title: str, keep: frozenset[str] = frozenset()) -> str:
    """An ALL-CAPS heading in sentence case for the table of contents; words in `keep` keep their case."""
    letters = [c for c in title if c.isalpha()]
    if not letters or any(c.islower() for c in letters):
        return title
    kept = {w.upper(): w for w in keep}
    out = []
    first = True
    pieces = re.split(r"(\W+)", title)
    for i, w in enumerate(pieces):
        if not w or not w[0].isalnum():
            out.append(w)
            first = first or ":" in w
            continue
        dotted = i >= 2 and pieces[i - 1] == "." and pieces[i - 2].isdigit() and w.isdigit()  # the "1" of "2.1"
        number = first and bool(_SECTION_NUMBER.fullmatch(w)) and (dotted or i + 1 < len(pieces) and pieces[i + 1].startswith((".", ")")))
        if w in kept:
            out.append(kept[w])
        elif _ROMAN.fullmatch(w) or number:
            out.append(w)  # "II. BACKGROUND" -> "II. Background", "PART IV" -> "Part IV", "A. SCOPE" -> "A. Scope"
        else:
            out.append(w[:1] + w[1:].lower() if first else w.lower())
        first = number  # the word after a section number opens the heading
    return "".join(out)


_ROMAN = re.compile(r"[IVX]{2,}|[IVX]*[LC][IVX]+")  # two or more numerals (a lone "I" or "X" may be a word)
_SECTION_NUMBER = re.compile(r"\d{1,3}|[IVX]{1,5}|[A-Z]")


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


def briefing_toc(items: list[AnchorLink], sections: tuple[str, ...], keep: frozenset[str] = frozenset()) -> list[AnchorLink]:
    """The briefing's table of contents: its own `sections` (ids present on the page) around the article's headings."""
    from mkdocs.structure.toc import AnchorLink

    present = set(sections)
    own_ids = {anchor for anchor, _ in _BEFORE + _AFTER} | {"full-text"}

    def own(ids: tuple[tuple[str, str], ...]) -> list[AnchorLink]:
        return [AnchorLink(title, anchor, 2) for anchor, title in ids if anchor in present]

    def recase(link: AnchorLink) -> AnchorLink:
        link.title = sentence_case(link.title, keep)
        for child in link.children:
            recase(child)
        return link

    article = [recase(i) for i in items if i.id not in own_ids]
    references = [i for i in article if REFERENCE_HEADINGS.match(i.title.strip())]
    body = [i for i in article if i not in references]
    full = AnchorLink("Full text", "full-text", 2)
    full.children = body
    return own(_BEFORE) + ([full] if "full-text" in present else body) + references + own(_AFTER)
