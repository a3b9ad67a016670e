"""Full-text search with Pagefind: a chunked index, so a query downloads only what it needs.

Only briefing pages are indexed: the plugin wraps their content in
`data-pagefind-body`, and only those pages are handed to Pagefind. Key
points, the summary, related briefings, backlinks and the citation block are
marked `data-pagefind-ignore` (they repeat the text or other pages), so a
result quotes the full text. The whole site is indexed as one language
(`--force-language`), so a query finds every briefing whatever language a
page declares; words in other scripts or transliterations are indexed as
written and match as typed.

Pagefind holds its whole index in memory while it builds it (about 0.65 MB
per long page), so a large corpus is indexed in shards of about
`shard_pages` briefings (a hash of the path decides), one Pagefind run after another. Shard 0 is the
bundle in `pagefind/`; shard k is `pagefind/shard-k/`, and
`pagefind/shards.js` (a module) lists them for the search page, which searches them
all (`assets/search-shards/pagefind.js`). A briefing's shard comes from a hash of its path,
so adding a briefing changes one shard; each shard's bundle is cached under
the hash of its pages and reused while they are unchanged.

Each briefing carries its filters (theme, type, year: the search page's
facets); Pagefind writes them in a random order, which `pagefind_order` sorts,
so two builds stay byte-identical.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..fsutil import TEMP_PREFIX
from .pagefind_order import normalise_bundle

SHARDS_SCRIPT = "shards.js"


@dataclass(frozen=True)
class SearchShard:
    """One Pagefind bundle: its number, the pages (site-relative paths) it indexes and the hash it is cached under."""

    number: int
    pages: tuple[str, ...]
    key: str

    @property
    def folder(self) -> str:
        """Where the bundle goes, relative to the site's `pagefind/` folder."""
        return "" if self.number == 0 else f"shard-{self.number}/"


def plan_shards(indexed: dict[str, str], shard_pages: int, salt: str) -> list[SearchShard]:
    """Split the indexed pages (path -> content hash) into ceil(N / shard_pages) shards by a hash of each path (empty ones dropped)."""
    count = max(1, math.ceil(len(indexed) / max(1, shard_pages)))
    groups: list[list[str]] = [[] for _ in range(count)]
    for path in sorted(indexed):
        groups[int(hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:12], 16) % count].append(path)
    groups = [g for g in groups if g] or [[]]  # an empty corpus still gets a (blank) index for the search page
    shards = []
    for number, pages in enumerate(groups):
        content = json.dumps([salt, count, number, [(p, indexed[p]) for p in pages]])
        shards.append(SearchShard(number, tuple(pages), hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()[:32]))
    return shards


def shards_script(shards: list[SearchShard]) -> str:
    """The module that tells the search page which bundles there are beside the first one."""
    return f"export const shards = {json.dumps([s.folder for s in shards[1:]])};\n"


def search_command(site_dir: Path, language: str = "en", output: Path | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", language, "--silent"]
    return cmd + (["--output-path", str(output)] if output is not None else [])


def build_search_index(site_dir: Path, language: str = "en", output: Path | None = None) -> None:
    """Run the Pagefind indexer (shipped as a Python package) over a folder of pages."""
    cmd = search_command(site_dir, language, output)
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RuntimeError(f"search index: could not run Pagefind ({exc})") from exc
    if result.returncode != 0:
        raise RuntimeError(f"search index: Pagefind failed: {(result.stderr or result.stdout).strip()[-500:]}")


def _link_or_copy(source: str, destination: str) -> None:
    """A hard link where the file system allows it (the index files are never changed in place), else a copy."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _stage(site_dir: Path, pages: tuple[str, ...], stage: Path) -> None:
    """A folder holding only these pages, at their paths in the site (hard links), for one Pagefind run."""
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    if not pages:  # Pagefind refuses an empty folder; a page without words gives an index that finds nothing
        (stage / "index.html").write_text('<!doctype html><html lang="en"><body data-pagefind-body></body></html>\n', encoding="utf-8")
    for page in pages:
        target = stage / page
        target.parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(os.fspath(site_dir / page), os.fspath(target))


def _build_shard(site_dir: Path, language: str, shard: SearchShard, cache_dir: Path, target: Path) -> None:
    stage = cache_dir / f"{TEMP_PREFIX}stage"
    built = cache_dir / f"{TEMP_PREFIX}{shard.key}"
    shutil.rmtree(built, ignore_errors=True)
    try:
        _stage(site_dir, shard.pages, stage)
        build_search_index(stage, language, built)
        normalise_bundle(built)  # Pagefind writes its filter index in hash-map order
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(built, target, copy_function=_link_or_copy)
    os.replace(built, cache_dir / shard.key)


def reuse_or_build_search_index(site_dir: Path, language: str, cache_dir: Path, shards: list[SearchShard]) -> int:
    """Put every shard's bundle into `site_dir/pagefind/` (from the cache, or built and cached); return how many were reused.

    A bundle depends only on its pages' HTML, the language and Pagefind's
    version, all in the shard's key. The cache keeps the bundles of the last
    build, and the site shares their files as hard links where it can.
    """
    target = site_dir / "pagefind"
    shutil.rmtree(target, ignore_errors=True)  # never write into files the cache shares
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only checkout still builds, without the cache
        with tempfile.TemporaryDirectory() as scratch:
            return reuse_or_build_search_index(site_dir, language, Path(scratch), shards)
    reused = 0
    for shard in shards:
        stored = cache_dir / shard.key
        if stored.is_dir():
            shutil.copytree(stored, target / shard.folder, copy_function=_link_or_copy)
            reused += 1
        else:
            _build_shard(site_dir, language, shard, cache_dir, target / shard.folder)
    (target / SHARDS_SCRIPT).write_text(shards_script(shards), encoding="utf-8")
    keep = {s.key for s in shards}
    for entry in cache_dir.iterdir():
        if entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)
    return reused
