"""The analysis steps, all pure and offline: one module per step, combined by `analyse`.

    sentences    split_sentences, body_sentences
    summary      summarise            -> tuple[Anchored, ...]
    key_points   key_points           -> tuple[Anchored, ...]
    glossary     extract_glossary, load_curated_glossary, curated_for_article, merge_glossary
    themes       DEFAULT_THEMES, score_themes
    entities     extract_entities     -> tuple[Entity, ...]
    reading_time reading_time_minutes -> int
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from build_tools.analysis.entities import extract_entities
from build_tools.analysis.glossary import curated_for_article, extract_glossary, merge_glossary
from build_tools.analysis.key_points import key_points
from build_tools.analysis.reading_time import reading_time_minutes
from build_tools.analysis.sentences import body_sentences
from build_tools.analysis.summary import centrality_weights, summarise
from build_tools.analysis.themes import DEFAULT_THEMES, score_themes
from build_tools.model import Analysis

if TYPE_CHECKING:
    from build_tools.model import Article, GlossaryEntry, Theme

__all__ = ["DEFAULT_THEMES", "analyse"]


def analyse(
    article: Article,
    *,
    themes: Sequence[Theme] = DEFAULT_THEMES,
    curated_glossary: Sequence[GlossaryEntry] = (),
) -> Analysis:
    """Every analysis step on one article. Deterministic: the same article gives the same Analysis."""
    sentences = body_sentences(article)
    weights = centrality_weights(sentences, article)  # summary and key points weigh terms alike
    summary = summarise(article, sentences=sentences, weights=weights)
    extracted = extract_glossary(article)
    glossary = merge_glossary(extracted, curated_for_article(article, curated_glossary))
    acronyms = {e.term: e.definition for e in extracted if e.kind == "acronym" and e.definition}
    article_themes, paragraph_themes = score_themes(article, themes)
    return Analysis(
        summary=summary,
        key_points=key_points(article, exclude=summary, sentences=sentences, weights=weights),
        glossary=glossary,
        themes=article_themes,
        paragraph_themes=paragraph_themes,
        entities=extract_entities(article, acronyms=acronyms),
        reading_time_minutes=reading_time_minutes(article),
    )
