"""What a briefing page adds to its body when it is rendered (see markdown_ext): pure functions of the corpus."""

from __future__ import annotations

import posixpath

from ..corpus import Corpus, Doc, term_key
from ..markdown_ext import PageMarks
from .pages import OWN_IDS

GLOSSARY_SRC = "glossary.md"  # the glossary page the plugin adds (see plugin.on_files)


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


def page_marks(doc: Doc, tooltips: dict[str, tuple[str, str]]) -> PageMarks:
    """The briefing's glossary links (relative to its page), its references' "cited in ¶n" links and the page's own ids."""
    # A link to the glossary's Markdown source, which MkDocs turns into the page's URL and whose anchor it checks.
    glossary = posixpath.relpath(GLOSSARY_SRC, posixpath.dirname(doc.src_uri) or ".")
    return PageMarks(
        tooltips={term: (f"{glossary}#term-{key}", title) for term, (key, title) in tooltips.items()},
        cited_in={ref: tuple((pid, f"¶{doc.paragraph_number(pid)}") for pid in pids) for ref, pids in doc.body.cited_in},
        own_ids=frozenset(OWN_IDS),
    )
