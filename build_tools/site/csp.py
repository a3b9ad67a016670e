"""A Content-Security-Policy for every page, as a <meta> tag (static hosts such as GitHub Pages set no headers).

Scripts, styles, images, fonts and fetches come only from the site's own
folder: the published address (`site_url`, say https://owner.github.io/repo/)
when it is a real host, so another project on the same github.io origin is not
trusted; 'self' for a local build, which is opened on any port. Inline scripts
run only when they are the theme's own, exactly as rendered for the page:
each inline <script> of the theme's templates whose Jinja expressions read
nothing but `config.*` and `base_url` is rendered with the page's own context,
and the sha256 of that text is allowed when the page holds it. A script that
reaches a page from an article, a title or a hand-written briefing is never
allowed (it would have to be one of the theme's scripts, byte for byte), and
neither are inline event handlers or `javascript:` URLs. `base-uri 'none'`
stops an injected <base> from moving relative script URLs elsewhere. Pagefind
compiles its WebAssembly, hence 'wasm-unsafe-eval'; Material sets inline
styles, hence style-src 'unsafe-inline'.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_JS_TYPES = ("", "text/javascript", "application/javascript", "module")
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_JINJA = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.DOTALL)
# The only template values a hashed script may contain: the site's configuration and the page's path to the root.
_SAFE_EXPRESSION = re.compile(r"\{\{\s*(?:config(?:\.\w+)+|base_url)(?:\s*\|\s*d\(\s*(?:config(?:\.\w+)+|base_url)\s*\))?\s*\}\}")
_LOCAL_HOSTS = ("", "127.0.0.1", "localhost", "::1", "0.0.0.0")

POLICY = (
    "default-src {src}",
    "script-src {src} 'wasm-unsafe-eval'{hashes}",
    "style-src {src} 'unsafe-inline'",
    "img-src {src} data:",
    "font-src {src} data:",
    "connect-src {src}",
    "media-src {src}",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action {src}",
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


def template_scripts(templates: Iterable[str]) -> tuple[str, ...]:
    """The inline scripts of the theme's template sources that may be hashed: Jinja only in `{{ config.… }}`/`{{ base_url }}`."""
    found: dict[str, None] = {}
    for source in templates:
        for m in _SCRIPT.finditer(source):
            body = m.group(2)
            if not _runs(m.group(1)) or not body.strip():
                continue
            if all(_SAFE_EXPRESSION.fullmatch(part) for part in _JINJA.findall(body)):
                found.setdefault(body, None)
    return tuple(found)


def rendered_scripts(scripts: Iterable[str], env: Any, context: Mapping[str, Any]) -> tuple[str, ...]:
    """Each theme script as the page's context renders it (a script that does not render is left out, so never allowed)."""
    return ScriptRenderer(tuple(scripts), env)(context)


class ScriptRenderer:
    """`rendered_scripts` for one build: each script compiled once, its text kept per `base_url`.

    A hashed script reads nothing but `config.*` and `base_url` (see
    `template_scripts`), and the configuration is the same for every page of a
    build, so pages at the same depth get the same texts: compiling and
    rendering them for each of thousands of pages would redo the same work.
    """

    def __init__(self, scripts: tuple[str, ...], env: Any):
        self.compiled: list[tuple[str, Any]] = []
        for body in scripts:
            try:
                self.compiled.append((body, env.from_string(body) if "{" in body else None))
            except Exception:  # noqa: BLE001 - a script that does not compile gets no hash
                continue
        self.by_base_url: dict[str, tuple[str, ...]] = {}

    def __call__(self, context: Mapping[str, Any]) -> tuple[str, ...]:
        key = str(context.get("base_url"))
        if key not in self.by_base_url:
            out: dict[str, None] = {}
            for body, template in self.compiled:
                try:
                    out.setdefault(template.render(**context) if template is not None else body, None)
                except Exception:  # noqa: BLE001 - a template error only means this script gets no hash
                    continue
            self.by_base_url[key] = tuple(out)
        return self.by_base_url[key]


def theme_script_hashes(html: str, scripts: Iterable[str]) -> list[str]:
    """Hashes of the page's inline scripts that are, byte for byte, one of the theme's rendered scripts; in page order."""
    allowed = set(scripts)
    hashes: list[str] = []
    for m in _SCRIPT.finditer(html):
        if _runs(m.group(1)) and m.group(2) in allowed:
            h = script_hash(m.group(2))
            if h not in hashes:
                hashes.append(h)
    return hashes


def source_for(site_url: str | None) -> str:
    """The source expression for the site's own files: its published folder, or 'self' for a local build."""
    parts = urlsplit(site_url or "")
    if parts.scheme not in ("http", "https") or (parts.hostname or "") in _LOCAL_HOSTS:
        return "'self'"
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme}://{parts.netloc}{path}".replace(";", "%3B").replace(",", "%2C").replace(" ", "%20")


def policy(hashes: list[str], site_url: str | None = None) -> str:
    return "; ".join(POLICY).format(src=source_for(site_url), hashes="".join(" " + h for h in hashes))


def add_csp_meta(html: str, scripts: Iterable[str], site_url: str | None = None) -> str:
    """The page with its Content-Security-Policy <meta> as the first element after <meta charset>."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(theme_script_hashes(html, scripts), site_url)}">'
    m = _CHARSET.search(html)
    if m:
        return html[: m.end()] + "\n      " + tag + html[m.end():]
    head = re.search(r"<head[^>]*>", html, re.IGNORECASE)
    if head:
        return html[: head.end()] + tag + html[head.end():]
    return html


def allow_script(html: bytes, script: str) -> bytes:
    """The page with one more inline script allowed by its policy (the live-reload script `mkdocs serve` adds)."""
    marker = b"script-src "
    at = html.find(b'http-equiv="Content-Security-Policy"')
    start = html.find(marker, at) if at >= 0 else -1
    if start < 0:
        return html
    end = html.find(b";", start)
    if end < 0:
        return html
    return html[:end] + b" " + script_hash(script).encode("ascii") + html[end:]
