"""`briefings new`: start a hand-written briefing from a commented template.

The template lists every front-matter field with a one-line explanation
(from `schema.FIELDS`, so the template and the schema cannot drift); the
required ones are filled in, the optional ones are commented out. With
`--from FILE` the body and metadata are pre-filled from a raw article; with
`--from URL` the URL is recorded as the source.
"""

from __future__ import annotations

import re
from datetime import date as Date
from pathlib import Path

import yaml

from .config import ProjectSettings, load_project_settings
from .errors import InputError
from .fsutil import atomic_write, safe_join
from .schema import FIELDS
from .slugs import slugify

_COMPUTED = {"summary", "key_points", "glossary", "entities", "paragraph_themes", "reading_time_minutes", "header_lines", "diagnostics", "generated"}


class NewBriefingError(Exception):
    """The briefing cannot be created; the message says why and what to do."""


def _yaml_value(value: object) -> str:
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000).strip().removesuffix("...").strip()


def template(title: str, *, themes: list[str], theme_slugs: tuple[str, ...], today: str, source_url: str | None = None,
             prefill: dict | None = None, body: str | None = None) -> str:
    """The text of a new briefing file."""
    values: dict[str, object] = {"title": title, "date": today}
    if themes:
        values["themes"] = themes
    if source_url:
        values["source_url"] = source_url
    values.update({k: v for k, v in (prefill or {}).items() if v not in (None, [], "")})
    lines = ["---", "# A briefing: YAML front matter between the two '---' lines, then the text in Markdown.",
             "# Lines starting with '#' are comments. Uncomment a field to use it; see docs/writing-a-briefing.md."]
    for f in FIELDS:
        if f.name in _COMPUTED and f.name not in values:
            continue
        help_text = f.help
        if f.name == "themes":
            help_text += f" Configured: {', '.join(theme_slugs)}."
        lines.append(f"# {f.name}: {help_text}{' (required)' if f.required else ''}")
        if f.name in values:
            lines.append(f"{f.name}: {_yaml_value(values[f.name])}")
        else:
            lines.append(f"# {f.name}: {_example(f.name, theme_slugs)}")
    lines.append("# Summary, key points, glossary, themes and entities are computed from the text; write them here to override.")
    lines.append("---")
    lines.append("")
    lines.append(body or _EXAMPLE_BODY)
    return "\n".join(lines) + "\n"


def _example(name: str, theme_slugs: tuple[str, ...]) -> str:
    return {
        "subtitle": "A line under the title",
        "type": "commentary",
        "authors": "[Jane Doe]",
        "publisher": "The Example Review",
        "source_url": "https://example.org/article",
        "doi": "10.1234/example.5678",
        "abstract": "One paragraph that says what the article argues.",
        "dek": "One sentence shown under the title.",
        "keywords": "[5G, spectrum]",
        "funding": "Funded by …",
        "provenance": "[Originally published in The Example Review.]",
        "themes": f"[{theme_slugs[0] if theme_slugs else '5g'}]",
        "tags": "[europe, vendors]",
        "draft": "true",
    }.get(name, "…")


_EXAMPLE_BODY = """Write the text here, one blank line between paragraphs. Each paragraph gets a stable anchor
(p-1, p-2, …) when the site is built.

## A heading

Link to another briefing with `[[its-file-name]]` or `[[its-file-name#p-3]]` (a paragraph), and to a
glossary entry with `[[glossary:5G]]` (write them without the backticks).
"""


def new_briefing(title: str, out_dir: Path, *, theme: list[str] | None = None, source: str | None = None,
                 config_path: Path | None = None, settings: ProjectSettings | None = None, today: str | None = None) -> Path:
    """Create out_dir/<slug>.md from the template and return its path; never overwrite."""
    if not title.strip():
        raise NewBriefingError("the title is empty; give the briefing a title")
    if settings is None:
        settings = load_project_settings(config_path if config_path and config_path.is_file() else None)
    theme_slugs = tuple(t.slug for t in settings.themes)
    for t in theme or []:
        if t not in theme_slugs:
            raise NewBriefingError(f"theme '{t}' is not configured; use one of: {', '.join(theme_slugs)}")
    slug = slugify(title)
    target = safe_join(out_dir, f"{slug}.md")
    if target.exists():
        raise NewBriefingError(f"{target.as_posix()} already exists; choose another title or edit that file")
    prefill, body, url = None, None, None
    if source and re.match(r"^https?://", source):
        url = source
    elif source:
        prefill, body = _prefill_from_article(Path(source))
    text = template(title, themes=list(theme or []), theme_slugs=theme_slugs, today=today or Date.today().isoformat(),
                    source_url=url, prefill=prefill, body=body)
    atomic_write(target, text)
    return target


def _prefill_from_article(path: Path) -> tuple[dict, str]:
    from .readers import read_path
    from .render import render_body

    try:
        article = read_path(path)
    except InputError as exc:
        raise NewBriefingError(str(exc)) from exc
    prefill = {
        "subtitle": article.subtitle, "date": article.date, "authors": [a.name for a in article.authors],
        "publisher": article.publisher, "doi": article.doi, "abstract": article.abstract, "keywords": list(article.keywords),
    }
    return prefill, render_body(article).rstrip("\n")
