"""Project settings shared by the command line and the MkDocs plugin, loaded once per run.

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

The command line reads the file through MkDocs itself (`mkdocs.config.load_config`),
so `!ENV` and the other MkDocs tags resolve and the plugin's typed options
(`BriefingsConfig`, `ThemeConfig`) are the one validation; the plugin builds the
same `ProjectSettings` from its validated options in `on_config`. Orchestrators
load settings once and pass them on; no worker reads a file.

Without a `themes` option the defaults in `analysis/themes.py` apply; a
configured theme with a default slug and no `keywords` keeps the default ones.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem
from .model import GlossaryEntry, Theme


class SettingsError(ValueError):
    """mkdocs.yml's briefings options are wrong; the message names the option."""


@dataclass(frozen=True, slots=True)
class ProjectSettings:
    themes: tuple[Theme, ...]
    curated_glossary: tuple[GlossaryEntry, ...] = ()
    plugin_options: dict[str, Any] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()  # a glossary.yml that cannot be used: reported, and the build goes on without it


def plugin_options(config_path: Path) -> dict[str, Any]:
    """The `briefings` plugin's validated options from mkdocs.yml, read by MkDocs (empty when the plugin is absent).

    This is what `mkdocs.config.load_config` does (MkDocs' YAML loader, so `!ENV`,
    `!relative` and `INHERIT` resolve; then MkDocs' validation, which runs the plugin's
    typed options), except that only the plugins' errors count: ingesting needs no
    `docs/` folder or theme. Raises SettingsError with MkDocs' own message, which names the option.
    """
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import ConfigurationError

    try:
        with config_path.open("rb") as fd:
            config = MkDocsConfig(config_file_path=os.fspath(config_path))
            config.load_file(fd)
    except (ConfigurationError, yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
        raise SettingsError(str(exc).strip() or type(exc).__name__) from exc
    docs_dir = config_path.parent / str(config.get("docs_dir") or "docs")
    if not docs_dir.is_dir():  # MkDocs stops at the first bad option, and ingestion needs no docs/ folder
        config["docs_dir"] = os.fspath(config_path.parent.resolve())
    errors, _ = config.validate()
    for name, error in errors:
        if name == "plugins":
            raise SettingsError(f"Config value 'plugins': {error}")
    plugin = config.plugins.get("briefings") if config.plugins else None
    return dict(plugin.config) if plugin is not None else {}


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
    """Themes and curated glossary of the project whose mkdocs.yml is at config_path (defaults when there is none)."""
    if config_path is None or not config_path.is_file():
        return settings_from_options({}, None)
    return settings_from_options(plugin_options(config_path), config_path)


def settings_from_options(options: dict[str, Any], config_path: Path | None) -> ProjectSettings:
    """Settings from the plugin's validated options; the glossary path is relative to mkdocs.yml."""
    from .analysis.glossary import load_curated_glossary

    root = config_path.parent if config_path is not None else Path(".")
    glossary = (root / str(options.get("glossary") or "glossary.yml")).resolve()
    themes = themes_from_options(options)
    try:
        curated = load_curated_glossary(glossary.read_text(encoding="utf-8")) if glossary.is_file() else ()
    except (yaml.YAMLError, ValueError, TypeError, RecursionError, OSError) as exc:
        shown = config_path.resolve() if config_path is not None else None
        return ProjectSettings(themes, (), options, (_glossary_problem(glossary, shown, exc),))
    return ProjectSettings(themes, curated, options)


def _glossary_problem(glossary: Path, config: Path | None, exc: Exception) -> Problem:
    """One `glossary.yml:line:col: error:` line for a glossary that cannot be loaded."""
    shown = glossary.name if config is None else os.path.relpath(glossary, config.parent)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
    message = (getattr(exc, "problem", None) or str(exc) or type(exc).__name__).strip()
    hint = "remove the tag: glossary.yml is plain YAML" if "constructor" in message else "fix the glossary; the build goes on without it"
    return Problem(shown, line, col, "error", f"glossary is not usable: {message}", hint)
