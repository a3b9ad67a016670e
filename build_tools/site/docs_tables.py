"""Tables for the authoring docs, generated from the schema and the configured themes so they never drift."""

from __future__ import annotations

from ..markdown_text import escape_inline
from ..model import Theme
from ..schema import FIELDS

FIELDS_MARKER = "<!-- briefings:fields -->"
THEMES_MARKER = "<!-- briefings:themes -->"


def fields_table() -> str:
    rows = ["| field | type | required | meaning |", "| --- | --- | --- | --- |"]
    for f in FIELDS:
        rows.append(f"| `{f.name}` | {f.kind} | {'yes' if f.required else 'no'} | {escape_inline(f.help)} |")
    return "\n".join(rows)


def themes_table(themes: dict[str, Theme]) -> str:
    rows = ["| slug | title | what it covers |", "| --- | --- | --- |"]
    for t in themes.values():
        rows.append(f"| `{t.slug}` | {escape_inline(t.title)} | {escape_inline(t.description)} |")
    return "\n".join(rows)


def fill_markers(markdown: str, themes: dict[str, Theme]) -> str:
    return markdown.replace(FIELDS_MARKER, fields_table()).replace(THEMES_MARKER, themes_table(themes))
