"""A Content-Security-Policy for every page, as a <meta> tag (static hosts such as GitHub Pages set no headers).

Scripts run only from the site itself, plus the theme's own inline scripts,
allowed one by one by their sha256 hash. Which inline scripts are the theme's
is decided from the theme's templates, not from the page: every inline
<script> in the templates becomes a pattern (its Jinja expressions as
wildcards that cannot hold a quote or a tag), and only a script of the final
page that matches a pattern whole is hashed. So an inline script that reaches
a page from an article, a title or a hand-written briefing is never allowed,
and neither are inline event handlers or `javascript:` URLs. Pagefind
compiles its WebAssembly, hence 'wasm-unsafe-eval'; Material sets inline
styles, hence style-src 'unsafe-inline'.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_JS_TYPES = ("", "text/javascript", "application/javascript", "module")
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_JINJA = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.DOTALL)
_MIN_LITERAL = 40  # a template script with less fixed text than this would allow too much

POLICY = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'{hashes}",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def script_hash(source: str) -> str:
    """The CSP source expression that allows one inline script (the browser hashes it with newlines normalised)."""
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _runs(attrs: str) -> bool:
    if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE):
        return False
    kind = _TYPE.search(attrs)
    return (kind.group(1).lower() if kind else "") in _JS_TYPES  # JSON configuration and other data blocks never run


def template_patterns(templates: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    """One pattern per inline script in the theme's template sources; Jinja parts match a value without quotes or tags."""
    patterns: dict[str, re.Pattern[str]] = {}
    for source in templates:
        for m in _SCRIPT.finditer(source):
            if not _runs(m.group(1)) or "{%" in m.group(2):
                continue
            parts = _JINJA.split(m.group(2).strip())
            literal = "".join(p for p in parts if not _JINJA.fullmatch(p))
            if len(literal) < _MIN_LITERAL:
                continue
            regex = "".join(r"""[^"'<>`\\]*""" if _JINJA.fullmatch(p) else re.escape(p) for p in parts)
            patterns.setdefault(regex, re.compile(r"\s*" + regex + r"\s*", re.DOTALL))
    return tuple(patterns.values())


def theme_script_hashes(html: str, patterns: Iterable[re.Pattern[str]]) -> list[str]:
    """Hashes of the page's inline scripts that are the theme's own, in order, without repeats."""
    patterns = tuple(patterns)
    hashes: list[str] = []
    for m in _SCRIPT.finditer(html):
        if not _runs(m.group(1)) or not any(p.fullmatch(m.group(2)) for p in patterns):
            continue
        h = script_hash(m.group(2))
        if h not in hashes:
            hashes.append(h)
    return hashes


def policy(hashes: list[str]) -> str:
    return "; ".join(POLICY).format(hashes="".join(" " + h for h in hashes))


def add_csp_meta(html: str, patterns: Iterable[re.Pattern[str]]) -> str:
    """The page with its Content-Security-Policy <meta> as the first element after <meta charset>."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(theme_script_hashes(html, patterns))}">'
    m = _CHARSET.search(html)
    if m:
        return html[: m.end()] + "\n      " + tag + html[m.end():]
    head = re.search(r"<head[^>]*>", html, re.IGNORECASE)
    if head:
        return html[: head.end()] + tag + html[head.end():]
    return html
