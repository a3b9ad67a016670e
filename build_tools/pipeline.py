"""Article -> Briefing: run the analysis steps with the configured themes and curated glossary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .model import Analysis, Article, Briefing, to_dict


def analyse_article(article: Article, config_path: Path | None = None) -> Briefing:
    """The article with its analysis; themes and the curated glossary come from the project config."""
    try:
        from .analysis import analyse
    except ImportError:  # analysis package not present yet
        return Briefing(article, Analysis())
    from .config import load_project_settings

    settings = load_project_settings(config_path)
    return Briefing(article, analyse(article, themes=settings.themes, curated_glossary=settings.curated_glossary))


def inspect_record(article: Article, config_path: Path | None = None) -> dict[str, Any]:
    """The public JSON record of `briefings inspect`: the article's fields, then the analysis fields."""
    briefing = analyse_article(article, config_path)
    record = to_dict(article)
    record.update(to_dict(briefing.analysis))
    return record
