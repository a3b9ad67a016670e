"""Article text as a page shows it: escaped HTML with its emphasis, plain text, dates in words."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from ..dates import MONTH_NAMES as MONTHS
from ..markdown_text import EMPHASIS as _EMPHASIS  # applied here to already escaped text


def inline_html(text: str) -> Markup:
    """Article text as HTML: everything escaped, then `*emphasis*` and `**strong**` rendered."""

    def tag(m: re.Match[str]) -> str:
        name = "strong" if len(m.group(1)) == 2 else "em"
        return f"<{name}>{m.group(2)}</{name}>"

    return Markup(_EMPHASIS.sub(tag, str(escape(text))))


def plain(text: str) -> str:
    """Article text without its emphasis markers (for citations, titles in attributes)."""
    return _EMPHASIS.sub(lambda m: m.group(2), " ".join(text.split()))


def date_label(date: str | None) -> str:
    """"13 June 2019", "June 2019" or "2019" from an ISO date; "" when undated."""
    if not date:
        return ""
    parts = date.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return date
    return parts[0]
