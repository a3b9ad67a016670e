"""The import check of the optional reader libraries (trafilatura for web pages, pdfminer.six for PDFs)."""

from __future__ import annotations

import importlib.util

from ..errors import InputError


def require(module: str, extra: str, source: str) -> None:
    """Import check for an optional reader library: one clear error naming the extra, never a traceback."""
    if importlib.util.find_spec(module) is None:
        raise InputError(source, f"reading this kind of file needs the '{module}' package, which is not installed",
                         f"install it with: pip install 'briefings[{extra}]'")
