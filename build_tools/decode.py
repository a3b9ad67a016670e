"""Analysis records from plain data: the one decoder for front matter and for the analysis cache.

Front matter is written by hand as often as by ingestion, so the decoder is
tolerant: a key point or a summary sentence may be a plain string, a theme a
bare slug; items it cannot read are left out (`briefings check` reports them).
The cache holds what `model.to_dict` wrote, which reads back exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .model import ENTITY_KINDS, Analysis, Anchored, Entity, GlossaryEntry, ParagraphThemes, ThemeScore

ANALYSIS_FIELDS = ("summary", "key_points", "glossary", "entities", "themes", "paragraph_themes", "reading_time_minutes")


def analysis_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """The analysis fields present in `data`, as typed values (keys absent from `data` are absent here)."""
    readers = {"summary": _anchored, "key_points": _anchored, "glossary": _glossary, "entities": _entities,
               "themes": _themes, "paragraph_themes": _paragraph_themes, "reading_time_minutes": _minutes}
    return {key: readers[key](data[key]) for key in ANALYSIS_FIELDS if key in data}


def analysis_from_dict(data: Mapping[str, Any]) -> Analysis:
    """A whole Analysis (fields absent from `data` take their defaults)."""
    return Analysis(**analysis_fields(data))


def _minutes(value: Any) -> int:
    return int(value or 1)


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _themes(value: Any) -> tuple[ThemeScore, ...]:
    out = []
    for item in value or ():
        if isinstance(item, str):
            out.append(ThemeScore(item, 1.0, ()))
        elif isinstance(item, dict) and item.get("theme"):
            out.append(ThemeScore(str(item["theme"]), float(item.get("score") or 1.0), tuple(item.get("paragraphs") or ())))
    return tuple(out)


def _anchored(value: Any) -> tuple[Anchored, ...]:
    out = []
    for item in value or ():
        if isinstance(item, str):
            out.append(Anchored(item, ""))
        elif isinstance(item, dict) and item.get("text"):
            out.append(Anchored(str(item["text"]), str(item.get("paragraph") or "")))
    return tuple(out)


def _glossary(value: Any) -> tuple[GlossaryEntry, ...]:
    return tuple(
        GlossaryEntry(str(i["term"]), "acronym" if i.get("kind") == "acronym" else "term", _text(i.get("definition")), _text(i.get("paragraph")))
        for i in value or () if isinstance(i, dict) and i.get("term")
    )


def _entities(value: Any) -> tuple[Entity, ...]:
    kinds = set(ENTITY_KINDS)
    return tuple(
        Entity(str(i["name"]), i.get("kind") if i.get("kind") in kinds else "other", int(i.get("mentions") or 1), tuple(i.get("paragraphs") or ()))
        for i in value or () if isinstance(i, dict) and i.get("name")
    )


def _paragraph_themes(value: Any) -> tuple[ParagraphThemes, ...]:
    return tuple(
        ParagraphThemes(str(i["paragraph"]), tuple(str(t) for t in i.get("themes") or ()))
        for i in value or () if isinstance(i, dict) and i.get("paragraph")
    )
