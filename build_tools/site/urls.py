"""Where the site's pages are, and links between them written relative to the page (so the site works under any sub-path)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..corpus import Doc


def page_url(src_uri: str) -> str:
    """Directory-style URL of a source file, relative to the site root ("briefings/x/")."""
    if src_uri == "index.md":
        return ""
    stem = src_uri[:-3]
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def rel(from_src_uri: str, to_url: str) -> str:
    """Link from one page to a root-relative URL, so the site works under /<repo>/ too."""
    depth = page_url(from_src_uri).count("/")
    return "../" * depth + to_url if depth or to_url else "./"


def doc_url(doc: Doc) -> str:
    return f"briefings/{doc.slug}/"


def theme_url(slug: str) -> str:
    return f"themes/{slug}/"


def glossary_url(key: str) -> str:
    return f"glossary/#term-{key}"
