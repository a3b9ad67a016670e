"""Article -> Briefing: run the analysis steps with the configured themes and curated glossary."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Article, Briefing, to_dict

if TYPE_CHECKING:
    from .analysis import Analyser


def analyse_article(article: Article, analyser: Analyser) -> Briefing:
    """The article with its analysis, by the analyser prepared for the project's themes and curated glossary."""
    return Briefing(article, analyser(article))


def inspect_record(article: Article, analyser: Analyser) -> dict[str, Any]:
    """The public JSON record of `briefings inspect`: the article's fields, then the analysis fields."""
    briefing = analyse_article(article, analyser)
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
