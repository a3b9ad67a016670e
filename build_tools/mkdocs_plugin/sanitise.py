"""Last line of defence for briefing pages: HTML that an author's Markdown let through is defused.

Article text is escaped when ingested, but a hand-written body is Markdown, and
Markdown passes raw HTML and attribute lists through. After conversion, every
briefing page loses script-bearing elements (script, iframe, object, embed,
base, meta, link, style, frame), every `on…` event attribute, and every link
or source whose scheme is `javascript:`, `vbscript:` or `data:`. The
Content-Security-Policy would stop such script from running anyway; this makes
sure it is not in the page at all.
"""

from __future__ import annotations

import html
import re

_DROP_WITH_CONTENT = re.compile(r"<(script|style|iframe|object|embed|frameset|frame|template|noscript)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_DROP_TAG = re.compile(r"</?(?:script|style|iframe|object|embed|base|meta|link|frameset|frame|template|noscript)\b[^>]*>", re.I)
_TAG = re.compile(r"<([a-zA-Z][\w:-]*)(\s[^<>]*?)?(/?)>")
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "srcset", "data"}
_BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data):", re.I)


def sanitise_html(text: str) -> str:
    """The HTML without script-bearing elements, event attributes or script URLs."""
    text = _DROP_WITH_CONTENT.sub("", text)
    text = _DROP_TAG.sub("", text)
    return _TAG.sub(_clean_tag, text)


def _clean_tag(m: re.Match[str]) -> str:
    name, attrs, close = m.group(1), m.group(2) or "", m.group(3)
    if not attrs.strip():
        return m.group(0)
    kept = []
    for a in _ATTR.finditer(attrs):
        key, value = a.group(1), a.group(2)
        lower = key.lower()
        if lower.startswith("on"):
            continue
        if value is not None and lower in _URL_ATTRS:
            raw = html.unescape(value.strip("\"'"))
            if _BAD_SCHEME.match(re.sub(r"[\s\x00-\x1f]+", "", raw)):
                continue
        kept.append(a.group(0))
    return f"<{name}{''.join(' ' + k for k in kept)}{close}>"
