"""The front-matter schema of a briefing: which keys, which types, what to do when wrong.

`validate_meta(briefing, theme_slugs)` returns problems, one per mistake, with
the line of the offending key. The same table documents the schema on the
"Writing a briefing" page (docs/writing-a-briefing.md) so the two cannot drift.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date as Date
from typing import Any

from .briefing_file import BriefingFile
from .errors import Problem

MAX_NUMBER = 100_000  # a reading time (minutes) beyond this is a typo, and .nan/.inf/huge integers break arithmetic


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    kind: str  # text | date | list-of-text | themes | authors | number | bool | records | mapping
    required: bool
    help: str


FIELDS: tuple[Field, ...] = (
    Field("title", "text", True, "The briefing's title."),
    Field("subtitle", "text", False, "A subtitle shown under the title."),
    Field("date", "date", False, "Publication date: YYYY-MM-DD, YYYY-MM or YYYY."),
    Field("type", "text", False, "Genre label shown above the title (commentary, journal article, report, news, interview, speech)."),
    Field("authors", "authors", False, "Writers: a list of names, or of {name, affiliations, email, orcid}."),
    Field("publisher", "text", False, "Where the original appeared."),
    Field("source_url", "text", False, "Link to the original (http or https)."),
    Field("doi", "text", False, "The original's DOI, e.g. 10.1234/abcd."),
    Field("abstract", "text", False, "The author's abstract or standfirst; the first sentence is the page's dek."),
    Field("dek", "text", False, "One sentence shown under the title (default: the abstract's first sentence)."),
    Field("keywords", "list-of-text", False, "Keywords as a list."),
    Field("funding", "text", False, "Funding note."),
    Field("provenance", "list-of-text", False, "Lines such as 'Originally published in …' or '© 2016 …'."),
    Field("themes", "themes", False, "Theme slugs from mkdocs.yml (computed when absent)."),
    Field("tags", "list-of-text", False, "Free tags for the tags page."),
    Field("draft", "bool", False, "true keeps the briefing out of the published site, its feed and search."),
    Field("reading_time_minutes", "number", False, "Reading time (computed when absent)."),
    Field("summary", "records", False, "Summary sentences: a list of {text, paragraph} (computed when absent)."),
    Field("key_points", "records", False, "Key points: a list of {text, paragraph} or plain strings (computed when absent)."),
    Field("glossary", "records", False, "Glossary terms: a list of {term, kind, definition} (computed when absent)."),
    Field("entities", "records", False, "People, organisations and places: {name, kind, mentions} (computed when absent)."),
    Field("paragraph_themes", "records", False, "Themes per paragraph: {paragraph, themes} (computed when absent)."),
    Field("inferred", "list-of-text", False, "Metadata fields guessed from the text's shape, not read from a label or tag (authors, date, type)."),
    Field("header_lines", "list-of-text", False, "Header lines of the raw article kept verbatim (written by ingestion)."),
    Field("diagnostics", "list-of-text", False, "What ingestion could not understand (written by ingestion)."),
    Field("generated", "mapping", False, "Written by ingestion: tool, source and a hash that detects hand edits. Do not edit."),
)
FIELD_NAMES = tuple(f.name for f in FIELDS)
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _where(bf: BriefingFile, key: str) -> tuple[int, int]:
    return bf.key_lines.get(key, 2), 1


def validate_meta(bf: BriefingFile, theme_slugs: tuple[str, ...]) -> list[Problem]:
    """Problems in one briefing's front matter (errors for wrong types, warnings for unknown keys)."""
    problems: list[Problem] = []
    meta = bf.meta

    def add(key: str, severity: str, message: str, hint: str) -> None:
        line, col = _where(bf, key)
        problems.append(Problem(bf.path, line, col, severity, message, hint))

    for key in meta:
        if key not in FIELD_NAMES:
            close = difflib.get_close_matches(str(key), FIELD_NAMES, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "remove it, or see 'Writing a briefing' for the fields"
            add(str(key), "warning", f"unknown front-matter key '{key}'", hint)
    title = meta.get("title")
    if title is None or (isinstance(title, str) and not title.strip()):
        problems.append(Problem(bf.path, bf.key_lines.get("title", 2), 1, "error", "the front matter has no title", "add a line 'title: Your title'"))
    elif not isinstance(title, str):
        add("title", "error", "title must be text", "put the title in quotes")
    for f in FIELDS:
        if f.name not in meta or meta[f.name] is None or f.name == "title":
            continue
        value = meta[f.name]
        problem = _type_problem(f, value, theme_slugs)
        if problem:
            add(f.name, "error", *problem)
    return problems


def _type_problem(f: Field, value: Any, theme_slugs: tuple[str, ...]) -> tuple[str, str] | None:
    if f.kind == "text" and not isinstance(value, (str, int, float)):
        return f"{f.name} must be text, not a {type(value).__name__}", f"write '{f.name}: some text'"
    if f.kind == "date":
        text = value.isoformat() if isinstance(value, Date) else str(value)
        if not _DATE.match(text) or not _valid_date(text):
            return f"date '{value}' is not a date", "write it as YYYY-MM-DD, YYYY-MM or YYYY"
    if f.kind == "list-of-text" and not (isinstance(value, list) and all(isinstance(x, (str, int, float)) for x in value)):
        return f"{f.name} must be a list of text", f"write '{f.name}: [first, second]'"
    if f.kind == "bool" and not isinstance(value, bool):
        return f"{f.name} must be true or false", f"write '{f.name}: true'"
    if f.kind == "number" and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return f"{f.name} must be a number", f"write '{f.name}: 5'"
    if f.kind == "number" and not 0 <= value <= MAX_NUMBER:  # also false for .nan; catches .inf and huge integers
        return f"{f.name} must be a number from 0 to {MAX_NUMBER:,}, not {str(value)[:20]}", f"write '{f.name}: 5'"
    if f.kind in ("records", "authors") and not isinstance(value, list):
        return f"{f.name} must be a list", f"write one '- …' item per line under '{f.name}:'"
    if f.kind == "authors":
        for item in value:
            if not (isinstance(item, str) or isinstance(item, dict) and isinstance(item.get("name"), str)):
                return "each author must be a name or a mapping with a 'name'", "write '- name: Jane Doe'"
    if f.kind == "mapping" and not isinstance(value, dict):
        return f"{f.name} must be a mapping", "leave it as ingestion wrote it, or delete it"
    if f.kind == "themes":
        if not isinstance(value, list):
            return "themes must be a list of theme slugs", "write 'themes: [5g, sovereignty]'"
        for item in value:
            slug = item.get("theme") if isinstance(item, dict) else item
            if not isinstance(slug, str) or slug not in theme_slugs:
                close = difflib.get_close_matches(str(slug), theme_slugs, n=1, cutoff=0.5)
                hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(theme_slugs)}"
                return f"theme '{slug}' is not configured", hint
    return None


def _valid_date(text: str) -> bool:
    parts = [int(p) for p in text.split("-")]
    try:
        Date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


_JSON_TYPES: dict[str, dict[str, Any]] = {
    "text": {"type": ["string", "number"]},
    "date": {"type": "string", "pattern": _DATE.pattern},
    "list-of-text": {"type": "array", "items": {"type": ["string", "number"]}},
    "themes": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "object", "required": ["theme"]}]}},
    "authors": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}]}},
    "number": {"type": "number", "minimum": 0, "maximum": MAX_NUMBER},
    "bool": {"type": "boolean"},
    "records": {"type": "array"},
    "mapping": {"type": "object"},
}


def front_matter_json_schema() -> dict[str, Any]:
    """The front matter as a JSON Schema, from `FIELDS` (docs/briefing-front-matter.schema.json; editors can check with it).

    Theme slugs are the site's own, so the schema says only that themes are text; `briefings check` knows the slugs.
    """
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "briefing-front-matter.schema.json",
        "title": "Briefing front matter",
        "description": "The YAML front matter of a briefing file in briefings/. Generated from build_tools/schema.py FIELDS; do not edit.",
        "type": "object",
        "required": [f.name for f in FIELDS if f.required],
        "properties": {f.name: {"description": f.help, **_JSON_TYPES[f.kind]} for f in FIELDS},
    }
