"""Article -> Briefing: run the analysis steps with the configured themes and curated glossary."""

from __future__ import annotations

import hashlib
from functools import lru_cache
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


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the parser's and the analysis steps' source, so caches expire when either changes."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*package.glob("*.py"), *package.glob("parsing/*.py"), *package.glob("readers/*.py"), *package.glob("analysis/*.py")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
