"""The central records: frozen, slotted dataclasses holding tuples.

An `Article` is what the parser reads out of one raw text; a `Briefing` is an
article plus the results of analysis. Both serialise deterministically with
`to_dict`, which is the public JSON shape of `briefings inspect --json`
(documented in docs/schema.md and docs/briefing-record.schema.json).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
#: "law" covers laws, treaties, declarations and programmes; "other" a recurring name of no known kind.
EntityKind = Literal["person", "organisation", "company", "place", "law", "publication", "other"]
ENTITY_KINDS: tuple[str, ...] = ("person", "organisation", "company", "place", "law", "publication", "other")
GlossaryKind = Literal["acronym", "term"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something the parser or a check could not fully understand, with its 1-based line."""

    line: int | None
    severity: Severity
    message: str


@dataclass(frozen=True, slots=True)
class Author:
    """A writer of the article, with what the text says about them."""

    name: str
    affiliations: tuple[str, ...] = ()
    email: str | None = None
    orcid: str | None = None
    address: str | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One body block. `kind` is "text", "list" (one item per line) or "quote"."""

    id: str
    text: str
    line: int | None = None
    kind: str = "text"


@dataclass(frozen=True, slots=True)
class Section:
    """A run of paragraphs under one heading (None for the text before the first heading)."""

    heading: str | None
    paragraphs: tuple[Paragraph, ...]
    level: int = 2
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """One entry of the reference list."""

    id: str
    text: str
    authors: tuple[str, ...] = ()
    year: str | None = None
    title: str | None = None
    url: str | None = None
    doi: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """An in-text citation: where it is, what it says, and the reference id it resolves to (or None)."""

    paragraph: str
    text: str
    reference: str | None
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink the original had on some words of a paragraph (Markdown or a web page): where, and to what."""

    paragraph: str
    start: int
    end: int
    url: str


@dataclass(frozen=True, slots=True)
class Article:
    """The lossless structured record of one raw article."""

    source: str
    slug: str
    title: str
    subtitle: str | None = None
    date: str | None = None
    authors: tuple[Author, ...] = ()
    doi: str | None = None
    funding: str | None = None
    publisher: str | None = None
    abstract: str | None = None
    keywords: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    references: tuple[Reference, ...] = ()
    citations: tuple[Citation, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    kind: str = "article"
    url: str | None = None
    provenance: tuple[str, ...] = ()
    metadata_lines: tuple[str, ...] = ()
    #: Metadata fields guessed from the shape of the text rather than read from a label or a tag.
    inferred: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()

    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every body paragraph in reading order."""
        return tuple(p for s in self.sections for p in s.paragraphs)


@dataclass(frozen=True, slots=True)
class Anchored:
    """A sentence or statement taken from the body, with the id of its paragraph."""

    text: str
    paragraph: str


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    term: str
    kind: GlossaryKind
    definition: str | None
    paragraph: str | None


@dataclass(frozen=True, slots=True)
class ThemeScore:
    theme: str
    score: float
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ParagraphThemes:
    paragraph: str
    themes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    kind: EntityKind
    mentions: int
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the analysis steps add to an article."""

    summary: tuple[Anchored, ...] = ()
    key_points: tuple[Anchored, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()
    themes: tuple[ThemeScore, ...] = ()
    paragraph_themes: tuple[ParagraphThemes, ...] = ()
    entities: tuple[Entity, ...] = ()
    reading_time_minutes: int = 1


@dataclass(frozen=True, slots=True)
class Theme:
    """A configured theme: slug, title, description and the phrases that signal it."""

    slug: str
    title: str
    description: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Briefing:
    """An article together with its analysis."""

    article: Article
    analysis: Analysis = field(default_factory=Analysis)


def to_dict(obj: Any) -> Any:
    """Plain JSON-able data from records, in field order (tuples become lists)."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (tuple, list)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj
