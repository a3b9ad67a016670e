"""One reader per input kind: plain text, Markdown, a saved web page, a PDF, each -> Article.

Pelican's readers are the model: a reader turns one format into metadata and
text, and the pipeline after it never asks where the text came from. The kind
is recognised by content first (a PDF's `%PDF-` signature, an HTML document's
opening tags, front matter) and by the file's extension second, so a web page
saved as `.txt` is still read as a web page. Readers whose library is an
optional extra raise an InputError naming the extra to install.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from ..model import Article

#: File extensions `briefings ingest` picks up in seeds/, by kind.
SUFFIXES = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".pdf": "pdf",
}
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S)
_FRONT_MATTER_START = re.compile(rb"^(?:\xef\xbb\xbf)?(?:---|\+\+\+)[ \t]*\r?\n")


def detect_kind(name: str, data: bytes) -> str:
    """"pdf", "html", "markdown" or "text": by the bytes first, then by the file name's extension."""
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if _HTML_START.match(data[:4096]):
        return "html"
    by_suffix = SUFFIXES.get(Path(name).suffix.lower())
    if by_suffix in ("markdown", "html", "pdf"):
        return by_suffix
    if _FRONT_MATTER_START.match(data):
        return "markdown"
    return "text"


def read_bytes(data: bytes, source: str) -> Article:
    """The Article in one file's bytes, read by the reader for its kind."""
    return _READERS[detect_kind(source, data)](data, source)


def read_path(path: Path, *, source: str | None = None) -> Article:
    """Read one article file from disk; InputError with a hint when it cannot be read."""
    name = source or path.as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read the file ({exc.strerror})", "check the path and permissions") from exc
    return read_bytes(data, name)


def _read_text(data: bytes, source: str) -> Article:
    from ..seeds import parse_seed_bytes

    return parse_seed_bytes(data, source)


def _read_markdown(data: bytes, source: str) -> Article:
    from .markdown import read_markdown

    from ..decoding import decode_input

    decoded = decode_input(data, source)
    return read_markdown(decoded.text, source, repaired=decoded.repaired)


def _read_html(data: bytes, source: str) -> Article:
    from .html import read_html

    return read_html(data, source)


def _read_pdf(data: bytes, source: str) -> Article:
    from .pdf import read_pdf

    return read_pdf(data, source)


_READERS: dict[str, Callable[[bytes, str], Article]] = {
    "text": _read_text,
    "markdown": _read_markdown,
    "html": _read_html,
    "pdf": _read_pdf,
}


def read_seed(path: Path, *, source: str | None = None) -> Article:
    """One raw article file read with the reader for its kind (the name ingestion and the tests use)."""
    return read_path(path, source=source)
