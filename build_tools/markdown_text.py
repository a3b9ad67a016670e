"""Article text made safe to embed in Markdown, keeping its light Markdown.

Text from articles is data, not markup: raw HTML, link syntax and attribute
lists are escaped so nothing in an article can inject an element, a script
or a `javascript:` link. Two kinds of markup are kept because real inputs use
them: `*emphasis*` / `**strong**` and `<https://…>` autolinks (http, https
and bare `www.` hosts only).
"""

from __future__ import annotations

import html
import re

_AUTOLINK = re.compile(r"<((?:https?://|www\.)[^\s<>\"'`]+)>")
_BARE_URL = re.compile(r"(?<![<(\w])(https?://[^\s<>\"'`]+[^\s<>\"'`.,;:)\]])")
# `*emphasis*` and `**strong**` as article text writes them (the one definition; the site renders the same shape).
EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2})(?=\S)([^*\n]+?)(?<=\S)\1(?![\w*])")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]])")
_LINE_START = re.compile(r"^(\s*)([#+\-=>|]|\d+(?=[.)]\s))")
_PLACEHOLDER = "\u0000{}\u0000"


def escape_markdown(text: str) -> str:
    """Escape text for Markdown; keep *emphasis* and <https://…> autolinks; never emit raw HTML."""
    kept: list[str] = []

    def keep(markup: str) -> str:
        kept.append(markup)
        return _PLACEHOLDER.format(len(kept) - 1)

    def autolink(m: re.Match[str]) -> str:
        url = m.group(1)
        href = url if url.lower().startswith("http") else f"https://{url}"
        return keep(f"[{_escape_plain(url)}](<{href}>)")

    def emphasis(m: re.Match[str]) -> str:
        return keep(f"{m.group(1)}{_escape_plain(m.group(2))}{m.group(1)}")

    text = text.replace("\u0000", "")
    text = _AUTOLINK.sub(autolink, text)
    text = _BARE_URL.sub(lambda m: keep(f"[{_escape_plain(m.group(1))}](<{m.group(1)}>)"), text)
    text = EMPHASIS.sub(emphasis, text)
    escaped = _escape_plain(text)
    return re.sub("\u0000(\\d+)\u0000", lambda m: kept[int(m.group(1))], escaped)


def _escape_plain(text: str) -> str:
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")
    # Only the start of a block can open a heading, list, quote or table.
    return _LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2)[0].isdigit() else m.group(2) + "\\"), text, count=1)


def escape_inline(text: str) -> str:
    """Escape short text (a heading, a link label) with no markup kept at all."""
    return _escape_plain(text.replace("\u0000", ""))
