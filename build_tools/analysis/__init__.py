"""The analysis steps, all pure and offline: one module per step, each a function of a `Document`.

    document     Document.of(article) -> the article split and weighed once for every step
    sentences    split_sentences, body_sentences
    summary      summarise            -> tuple[Anchored, ...]
    key_points   key_points           -> tuple[Anchored, ...]
    glossary     extract_glossary, load_curated_glossary, prepare_curated, curated_for_article, merge_glossary
    themes       DEFAULT_THEMES, compile_themes, score_themes
    entities     extract_entities     -> tuple[Entity, ...]
    reading_time reading_time_minutes -> int

`Analyser` holds what a project's configuration costs to prepare (compiled theme
keywords, curated glossary patterns): build it once per run, call it per article.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_tools.analysis.document import Document
from build_tools.analysis.entities import extract_entities
from build_tools.analysis.glossary import CuratedTerm, curated_for_article, extract_glossary, merge_glossary, prepare_curated
from build_tools.analysis.key_points import key_points
from build_tools.analysis.reading_time import reading_time_minutes
from build_tools.analysis.summary import summarise
from build_tools.analysis.themes import DEFAULT_THEMES, CompiledTheme, compile_themes, score_themes
from build_tools.model import Analysis

if TYPE_CHECKING:
    from build_tools.model import Article, GlossaryEntry, Theme

__all__ = ["DEFAULT_THEMES", "Analyser", "Document", "analyse"]


@dataclass(frozen=True, slots=True)
class Analyser:
    """Every analysis step, prepared for one configuration; call it with an article."""

    themes: tuple[CompiledTheme, ...]
    curated: tuple[CuratedTerm, ...] = ()

    @classmethod
    def prepare(cls, themes: Sequence[Theme] = DEFAULT_THEMES, curated_glossary: Sequence[GlossaryEntry] = ()) -> Analyser:
        """Compile the themes' keywords and the curated glossary's spellings (once per configuration).

        Prepared analysers are kept per configuration, so a preview rebuild after an edit
        does not compile every keyword pattern again.
        """
        return _prepared(tuple(themes), tuple(curated_glossary))

    def __call__(self, article: Article) -> Analysis:
        """Every analysis step on one article. Deterministic: the same article gives the same Analysis."""
        doc = Document.of(article)
        summary = summarise(doc)
        extracted = extract_glossary(doc)
        glossary = merge_glossary(extracted, curated_for_article(doc, self.curated))
        acronyms = {e.term: e.definition for e in extracted if e.kind == "acronym" and e.definition}
        article_themes, paragraph_themes = score_themes(doc, self.themes)
        return Analysis(
            summary=summary,
            key_points=key_points(doc, exclude=summary),
            glossary=glossary,
            themes=article_themes,
            paragraph_themes=paragraph_themes,
            entities=extract_entities(doc, acronyms=acronyms),
            reading_time_minutes=reading_time_minutes(article),
        )


@functools.lru_cache(maxsize=4)
def _prepared(themes: tuple[Theme, ...], curated_glossary: tuple[GlossaryEntry, ...]) -> Analyser:
    return Analyser(compile_themes(themes), prepare_curated(curated_glossary))


def analyse(
    article: Article,
    *,
    themes: Sequence[Theme] = DEFAULT_THEMES,
    curated_glossary: Sequence[GlossaryEntry] = (),
) -> Analysis:
    """Every analysis step on one article, preparing the configuration first; to analyse many, use one `Analyser`."""
    return Analyser.prepare(themes, curated_glossary)(article)
