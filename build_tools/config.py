"""Project settings shared by the command line and the MkDocs plugin.

Themes and the curated glossary live in `mkdocs.yml` under the `briefings`
plugin, so one file configures both ingestion and the site:

    plugins:
      - briefings:
          glossary: glossary.yml
          themes:
            - slug: 5g
              title: 5G
              description: …
              keywords: ["5G", "Huawei", …]

Without a `themes` option the defaults in `analysis/themes.py` apply; a
configured theme with a default slug and no `keywords` keeps the default ones.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem
from .model import GlossaryEntry, Theme


class _TolerantLoader(yaml.SafeLoader):
    """Safe loading of mkdocs.yml: MkDocs' own tags (!ENV, !relative, !!python/name) read as plain values."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


class SettingsError(ValueError):
    """mkdocs.yml's briefings options are wrong; the message names the option."""


@dataclass(frozen=True, slots=True)
class ProjectSettings:
    themes: tuple[Theme, ...]
    curated_glossary: tuple[GlossaryEntry, ...] = ()
    plugin_options: dict[str, Any] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()  # a glossary.yml that cannot be used: reported, and the build goes on without it


def plugin_options(config_path: Path | None) -> dict[str, Any]:
    """The `briefings` plugin's options from mkdocs.yml (empty when absent)."""
    if config_path is None or not config_path.is_file():
        return {}
    return copy.deepcopy(_shared_plugin_options(config_path))


def _shared_plugin_options(config_path: Path) -> dict[str, Any]:
    """`plugin_options` from the cache: shared, so callers must not change it."""
    stat = config_path.stat()
    return _plugin_options(config_path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _plugin_options(config: Path, mtime_ns: int, size: int) -> dict[str, Any]:
    """`plugin_options` of one version of a file; keyed by mtime and size so an edit is read again.

    Parsing mkdocs.yml costs more than analysing an article, and ingest asks for it once per article.
    """
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    for entry in data.get("plugins") or []:
        if isinstance(entry, dict) and "briefings" in entry:
            return dict(entry["briefings"] or {})
    return {}


def themes_from_options(options: dict[str, Any]) -> tuple[Theme, ...]:
    """Configured themes, or the defaults when none are configured."""
    from .analysis.themes import DEFAULT_THEMES

    raw = options.get("themes")
    if not raw:
        return DEFAULT_THEMES
    defaults = {t.slug: t for t in DEFAULT_THEMES}
    themes = []
    for number, t in enumerate(raw, start=1):
        if not hasattr(t, "get") or not t.get("slug"):
            raise SettingsError(f"plugins.briefings.themes, theme {number}: 'slug' is required "
                                "(a short lowercase name for the theme, e.g. 'export-controls')")
        slug = str(t["slug"])
        default = defaults.get(slug)
        keywords = tuple(str(k) for k in (t.get("keywords") or ())) or (default.keywords if default else ())
        themes.append(Theme(
            slug=slug,
            title=str(t.get("title") or (default.title if default else slug)),
            description=str(t.get("description") or (default.description if default else "")),
            keywords=keywords,
        ))
    return tuple(themes)


def load_project_settings(config_path: Path | None) -> ProjectSettings:
    """Themes and curated glossary for the project whose mkdocs.yml is at config_path (cached per file version)."""
    if config_path is None or not config_path.is_file():
        return _settings(None, None, None, None)
    options = _shared_plugin_options(config_path)
    glossary_path = config_path.parent / str(options.get("glossary", "glossary.yml"))
    return _settings(config_path.resolve(), config_path.stat().st_mtime_ns, glossary_path.resolve(),
                     glossary_path.stat().st_mtime_ns if glossary_path.is_file() else None)


@lru_cache(maxsize=8)
def _settings(config: Path | None, config_mtime: int | None, glossary: Path | None, glossary_mtime: int | None) -> ProjectSettings:
    from .analysis.glossary import load_curated_glossary

    options = plugin_options(config)
    if glossary is None:
        glossary = Path("glossary.yml").resolve()
    try:
        curated = load_curated_glossary(glossary.read_text(encoding="utf-8")) if glossary.is_file() else ()
    except (yaml.YAMLError, ValueError, TypeError, RecursionError, OSError) as exc:
        return ProjectSettings(themes_from_options(options), (), options, (_glossary_problem(glossary, config, exc),))
    return ProjectSettings(themes_from_options(options), curated, options)


def _glossary_problem(glossary: Path, config: Path | None, exc: Exception) -> Problem:
    """One `glossary.yml:line:col: error:` line for a glossary that cannot be loaded."""
    shown = glossary.name if config is None else os.path.relpath(glossary, config.parent)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
    message = (getattr(exc, "problem", None) or str(exc) or type(exc).__name__).strip()
    hint = "remove the tag: glossary.yml is plain YAML" if "constructor" in message else "fix the glossary; the build goes on without it"
    return Problem(shown, line, col, "error", f"glossary is not usable: {message}", hint)
