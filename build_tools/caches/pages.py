"""Finished briefing pages kept between builds, so a rebuild only renders what changed.

A page's key covers everything its HTML is made from: the page's Markdown and
the HTML parts the plugin adds (header, related, backlinks), the glossary
tooltips it marks, and a site fingerprint (mkdocs.yml and its resolved
values, the docs folder, the theme templates, the code and the versions of
MkDocs, Material and Python-Markdown). A hit skips Markdown conversion and the
theme's templates; its page is written as it was. Entries not used by a build
are pruned at its end, so the cache holds one site's worth of pages.

Links a page makes to other pages (`other.md#p-3`) are checked against this
build's files on a hit, so a link that broke since is reported as before.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from .store import JsonStore

# [label](target.md) and [label](target.md#anchor) as Markdown writes links to other pages.
_SITE_MARK = "site"  # the fingerprint of the site whose pages the cache holds (not a .json entry: prune removes it)
_MD_LINK = re.compile(r"\]\(\s*<?([^()\s<>#]+\.md)(?:#([^()\s<>]*))?>?\s*\)")
_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pagefind")
_CONFIG_VALUES = ("site_url", "site_name", "site_description", "site_author", "copyright", "repo_url", "repo_name", "edit_uri",
                  "use_directory_urls", "extra", "extra_css", "extra_javascript", "markdown_extensions", "mdx_configs", "nav")


@dataclass(frozen=True)
class CachedPage:
    """A finished page: the HTML file as written, and the anchors other pages may link to."""

    output: str
    anchors: tuple[str, ...]
    search: str = ""  # what the search index reads of it (site/search.py `search_document`)


def _files_digest(digest: Any, folder: Path) -> None:
    if not folder.is_dir():
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def _stable(value: object) -> str:
    """A value JSON cannot carry, by what it is: an extension instance by its class (its repr holds a memory address)."""
    if type(value).__repr__ is object.__repr__:
        return f"{type(value).__module__}.{type(value).__qualname__}"
    return str(value)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def site_fingerprint(config: Any, *, code_dir: Path, mode: str) -> str:
    """What every page of the site depends on besides its own content."""
    digest = hashlib.sha256()
    digest.update(mode.encode())
    digest.update(" ".join(f"{p}={_version(p)}" for p in _PACKAGES).encode())
    config_file = Path(config.config_file_path or "mkdocs.yml")
    if config_file.is_file():
        digest.update(config_file.read_bytes())
    values = {k: config.get(k) for k in _CONFIG_VALUES}
    digest.update(json.dumps(values, sort_keys=True, default=_stable).encode())
    _files_digest(digest, code_dir)
    _files_digest(digest, Path(config.docs_dir))  # nav titles can come from the docs pages
    for folder in config.theme.dirs:
        if "site-packages" not in Path(folder).parts:  # installed themes are covered by their version
            _files_digest(digest, Path(folder))
    return digest.hexdigest()


def page_key(fingerprint: str, src_uri: str, *parts: str) -> str:
    digest = hashlib.sha256(fingerprint.encode())
    for part in (src_uri, *parts):
        digest.update(b"\x00")
        digest.update(part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def page_links(src_uri: str, markdown: str) -> list[tuple[str, str | None, str]]:
    """(target src_uri, anchor or None, link as written) of every link to another Markdown page."""
    base = posixpath.dirname(src_uri)
    out = []
    for m in _MD_LINK.finditer(markdown):
        target = posixpath.normpath(posixpath.join(base, m.group(1)))
        out.append((target, m.group(2) or None, m.group(1) + (f"#{m.group(2)}" if m.group(2) else "")))
    return out


class PageCache:
    """Finished pages on disk under their key; `in_memory` also keeps them in memory (one `mkdocs serve`, many rebuilds)."""

    def __init__(self, folder: Path, *, in_memory: bool = False):
        self.store = JsonStore(folder)
        self.memory: dict[str, CachedPage] | None = {} if in_memory else None

    def get(self, key: str) -> CachedPage | None:
        if self.memory is not None and key in self.memory:
            self.store.used.add(key)
            return self.memory[key]
        data = self.store.get(key)
        try:
            page = CachedPage(data["output"], tuple(data["anchors"]), data["search"]) if data is not None else None
        except (KeyError, TypeError):
            return None
        if page is not None and self.memory is not None:
            self.memory[key] = page
        return page

    def put(self, key: str, page: CachedPage) -> None:
        self.store.put(key, {"output": page.output, "anchors": sorted(page.anchors), "search": page.search})
        if self.memory is not None:
            self.memory[key] = CachedPage(page.output, tuple(sorted(page.anchors)), page.search)

    def prune(self, fingerprint: str | None = None) -> None:
        """Forget pages this build did not use, so the cache does not grow without end; the next build starts counting afresh.
        Given the site's fingerprint, note that the cache now holds that site's pages (see `holds_site`)."""
        self.store.prune()
        if self.memory is not None:
            self.memory = {k: v for k, v in self.memory.items() if k in self.store.used}
        self.store.used = set()
        if fingerprint is not None and not self.store.read_only:
            try:
                (self.store.folder / _SITE_MARK).write_text(fingerprint, encoding="utf-8")
            except OSError:
                pass

    def holds_site(self, fingerprint: str) -> bool:
        """Whether the last build to finish left this site's pages here: a rebuild then finds most of its pages."""
        try:
            return (self.store.folder / _SITE_MARK).read_text(encoding="utf-8") == fingerprint
        except (OSError, UnicodeDecodeError):
            return False
