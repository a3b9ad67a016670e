"""Analysis of hand-written briefings, cached on disk by content hash.

A no-change rebuild reads the cached analysis instead of recomputing it; the
cache key covers the article text and the theme/glossary configuration, so
editing either recomputes exactly what changed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..decode import analysis_from_dict
from ..model import Analysis, Article, GlossaryEntry, Theme, to_dict
from .store import JsonStore

if TYPE_CHECKING:
    from ..analysis import Analyser


class CachedAnalyser:
    """Callable Article -> Analysis that reuses results stored under the article's content hash."""

    def __init__(self, folder: Path, themes: tuple[Theme, ...], curated: tuple[GlossaryEntry, ...], *, read_only: bool = False):
        self.store = JsonStore(folder, read_only=read_only)
        self.themes = themes
        self.curated = curated
        from ..pipeline import code_fingerprint

        blob = json.dumps([to_dict(themes), to_dict(curated), code_fingerprint()], sort_keys=True)
        self.settings = hashlib.sha256(blob.encode()).hexdigest()
        self._analyser: Analyser | None = None  # prepared on the first miss: a no-change rebuild never pays for it

    def key(self, article: Article) -> str:
        blob = json.dumps([self.settings, to_dict(article.sections), article.title, article.abstract, list(article.keywords)], sort_keys=True)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:24]

    def __call__(self, article: Article) -> Analysis:
        key = self.key(article)
        cached = self.store.get(key)
        if cached is not None:
            try:
                return analysis_from_dict(cached)
            except (KeyError, TypeError, ValueError, AttributeError):
                pass
        if self._analyser is None:
            from ..analysis import Analyser

            self._analyser = Analyser.prepare(self.themes, self.curated)
        result = self._analyser(article)
        self.store.put(key, to_dict(result))
        return result

    def prune(self) -> None:
        """Forget cached analyses no briefing uses any more, so the cache does not grow without end."""
        self.store.prune()
