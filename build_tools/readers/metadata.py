"""Metadata a reader found outside the text (front matter, meta tags), laid over the parsed article.

A field read from a label or a tag wins over what the text parser guessed from
the shape of the lines; the names of the fields the parser guessed stay in
`Article.inferred`, so the site can show them with care.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from ..dates import date_line_value
from ..model import Article, Author
from ..slugs import slugify

#: Genre words used by front matter, meta tags and JSON-LD, mapped to the record's `kind` values.
GENRES = {
    "news": "news", "newsarticle": "news", "reportagenewsarticle": "news", "news-article": "news",
    "opinion": "commentary", "opinionnewsarticle": "commentary", "analysisnewsarticle": "commentary",
    "blog": "commentary", "blogposting": "commentary", "blog-post": "commentary", "post": "commentary",
    "analysis": "commentary", "perspective": "commentary", "essay": "commentary",
    "op-ed": "commentary", "oped": "commentary", "commentary": "commentary", "editorial": "commentary", "column": "commentary",
    "scholarlyarticle": "journal article", "journal article": "journal article", "journal-article": "journal article",
    "paper": "journal article", "working paper": "journal article",
    "report": "report", "brief": "report", "issue brief": "report", "policy brief": "report", "white paper": "report",
    "presidential-actions": "report", "executive order": "report", "fact-sheets": "report", "statements-releases": "report",
    "speech": "speech", "speeches-remarks": "speech", "remarks": "speech", "press-briefings": "speech",
    "transcript": "speech", "testimony": "speech",
    "interview": "interview", "q&a": "interview",
}


@dataclass(frozen=True, slots=True)
class SourceMetadata:
    """What a reader read from labels or tags; None where it read nothing."""

    title: str | None = None
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    abstract: str | None = None
    url: str | None = None
    publisher: str | None = None
    keywords: tuple[str, ...] = ()
    kind: str | None = None
    doi: str | None = None


def plain(value: Any) -> str | None:
    """One line of text from a metadata value (no-break spaces and runs of whitespace made single spaces)."""
    if value is None or isinstance(value, (dict, list, tuple)):
        return None
    text = re.sub(r"\s+", " ", str(value).replace("\u00a0", " ")).strip()
    return text or None


def iso_date(value: Any) -> str | None:
    """YYYY-MM-DD (or YYYY-MM, YYYY) from a metadata date value in any common shape."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = plain(value)
    if not text:
        return None
    m = re.match(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)(?:$|[T\s])", text)
    if m:
        return "-".join(m.groups())
    m = re.match(r"^((?:19|20)\d\d)(?:-(\d\d))?$", text)
    if m:
        return text
    return date_line_value(text)


def genre(*words: Any) -> str | None:
    """The record kind named by the first genre word that is known, or None."""
    for word in words:
        for item in word if isinstance(word, (list, tuple)) else [word]:
            text = plain(item)
            if text and text.lower() in GENRES:
                return GENRES[text.lower()]
    return None


def overlay(article: Article, meta: SourceMetadata) -> Article:
    """The article with every field the metadata gives replaced by it; a new title gives a new slug."""
    changes: dict[str, Any] = {}
    inferred = set(article.inferred)
    if meta.title and meta.title != article.title:
        changes["title"] = meta.title
        changes["slug"] = slugify(meta.title, fallback_seed=article.source)
        if article.subtitle and _same(article.subtitle, meta.title):
            changes["subtitle"] = None
    if meta.subtitle:
        changes["subtitle"] = meta.subtitle
    if meta.authors:
        changes["authors"] = tuple(Author(name) for name in meta.authors)
        inferred.discard("authors")
    if meta.date:
        changes["date"] = meta.date
        inferred.discard("date")
    if meta.abstract:
        changes["abstract"] = meta.abstract
    for name in ("url", "publisher", "doi"):
        if getattr(meta, name):
            changes[name] = getattr(meta, name)
    if meta.keywords:
        changes["keywords"] = meta.keywords
    if meta.kind:
        changes["kind"] = meta.kind
        inferred.discard("kind")
    changes["inferred"] = tuple(sorted(inferred))
    return replace(article, **changes)


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W+", "", a).lower() == re.sub(r"\W+", "", b).lower()
