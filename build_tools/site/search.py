"""Full-text search with Pagefind: a chunked index, so a query downloads only what it needs.

Only briefing pages are indexed: the plugin wraps their content in
`data-pagefind-body`, and only those pages are handed to Pagefind, each as
its content in a bare page (`search_document`), as soon as every page is
converted: Pagefind indexes them on the second core while MkDocs writes the
pages (`SearchIndexer`). Key
points, the summary, related briefings, backlinks and the citation block are
marked `data-pagefind-ignore` (they repeat the text or other pages), so a
result quotes the full text. The whole site is indexed as one language
(`--force-language`), so a query finds every briefing whatever language a
page declares; words in other scripts or transliterations are indexed as
written and match as typed.

Pagefind holds its whole index in memory while it builds it (about 0.65 MB
per long page), so a large corpus is indexed in shards of about
`shard_pages` briefings (a hash of the path decides), one Pagefind run after another. Shard 0 is the
bundle in `pagefind/`; shard k is `pagefind/shard-k/` (its index files only: the search page merges
every shard into the first bundle's Pagefind, one script and WebAssembly for all), and
`pagefind/shards.js` (a module) lists them for the search page, which searches them
all (`assets/search-shards/pagefind.js`). A briefing's shard comes from a hash of its path,
so adding a briefing changes one shard; each shard's bundle is cached under
the hash of its pages and reused while they are unchanged.

Each briefing carries its filters (theme, type, year: the search page's
facets); Pagefind writes them in a random order, which `pagefind_order` sorts,
so two builds stay byte-identical.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from ..fsutil import TEMP_PREFIX, safe_join
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
    SearchIndexer.run_pagefind(search_command(site_dir, language, output), None)


def search_document(title: str, content: str, language: str) -> str:
    """What Pagefind reads of a briefing page: its content in a bare page.

    Pagefind indexes only what lies inside `data-pagefind-body`, with the
    filters and meta marked there, all of which the page's content holds;
    the theme's header, navigation and footer lie outside it. So the index of
    these documents is the index of the finished pages (byte for byte, once
    `normalise_bundle` has run), and it can be made before the pages are.
    """
    return (f'<!doctype html>\n<html lang="{html.escape(language)}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title></head>\n<body>\n{content}\n</body></html>\n")


def write_search_document(folder: Path, page: str, document: str) -> None:
    """Put one page's search document at its path in the site under `folder`."""
    target = safe_join(folder, page)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(document, encoding="utf-8", errors="surrogatepass")


def _stage(documents: dict[str, str], pages: tuple[str, ...], stage: Path, staged: Path | None = None) -> None:
    """A folder holding these pages' search documents at their paths in the site, for one Pagefind run; a document
    already written under `staged` is moved from there."""
    shutil.rmtree(stage, ignore_errors=True)
    if staged is not None and pages and len(pages) == len(documents):  # this shard is every page: take the folder whole
        with contextlib.suppress(OSError):
            os.replace(staged, stage)
            for page in pages:
                if not safe_join(stage, page).is_file():
                    write_search_document(stage, page, documents[page])
            return
    stage.mkdir(parents=True, exist_ok=True)
    if not pages:  # Pagefind refuses an empty folder; a page without words gives an index that finds nothing
        (stage / "index.html").write_text('<!doctype html><html lang="en"><body data-pagefind-body></body></html>\n', encoding="utf-8")
    for page in pages:
        if staged is not None:
            target = safe_join(stage, page)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.replace(safe_join(staged, page), target)
                continue
            except OSError:  # not written ahead: written now
                pass
        write_search_document(stage, page, documents[page])


def _link_or_copy(source: str, destination: str) -> None:
    """A hard link where the file system allows it (the index files are never changed in place), else a copy."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _runtime_files(folder: str, names: list[str]) -> set[str]:
    """Pagefind's scripts, styles and WebAssembly in a shard's bundle: the search page runs the first bundle's for
    every shard (merging the others' indexes into it), so only the index files go to the site."""
    return {name for name in names if name.endswith((".js", ".css")) or name.startswith("wasm.")}


class _Cancelled(Exception):
    """The build that wanted the index failed while Pagefind ran."""


class SearchIndexer:
    """Builds the shards the cache lacks, one Pagefind run after another, in a thread beside the rest of the build.

    `park()` writes the documents to disk, one folder per shard (moving those the
    convert-ahead workers wrote under `staged`), in the calling thread: a thread
    writing a thousand files beside MkDocs' loop waits for the GIL at every one.
    `start()` returns at once (the plugin starts a one-shard index as soon as
    every page is converted, and a larger one, whose Pagefind runs need the most
    memory, once the pages are written); `finish(site_dir)` waits, then puts every
    shard's bundle into `site_dir/pagefind/` (from the cache, where each built
    one is stored under its key) and prunes the cache. Pagefind runs as a child
    process, on the second core while MkDocs writes the pages; `cancel()` stops
    it (a failed build).
    """

    def __init__(self, cache_dir: Path, language: str, shards: list[SearchShard], documents: dict[str, str],
                 staged: Path | None = None) -> None:
        self.cache_dir, self.language, self.shards = cache_dir, language, shards
        self.documents = documents
        self.staged = staged  # where some documents already lie at their paths (written by the convert-ahead workers); `park` takes them
        self.reused = 0
        self.error: RuntimeError | None = None
        self.process: subprocess.Popen | None = None
        self.cancelled = False
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._scratch: tempfile.TemporaryDirectory | None = None
        self._missing: list[SearchShard] | None = None
        self._parked: set[int] = set()  # shards whose documents wait on disk, staged

    def _shards_to_build(self) -> list[SearchShard]:
        if self._missing is None:
            try:
                self.cache_dir.mkdir(parents=True, exist_ok=True)
            except OSError:  # a read-only checkout still builds, without the cache
                self._scratch = tempfile.TemporaryDirectory()
                self.cache_dir = Path(self._scratch.name)
            self._missing = [s for s in self.shards if not (self.cache_dir / s.key).is_dir()]
            self.reused = len(self.shards) - len(self._missing)
        return self._missing

    def park(self) -> SearchIndexer:
        """Stage the documents of the shards to build now, and let go of them: an index that starts later (after the
        pages are written) need not hold them in memory meanwhile."""
        for shard in self._shards_to_build():
            _stage(self.documents, shard.pages, self._stage_dir(shard), self.staged)
            self._parked.add(shard.number)
        self.documents = {}
        self._drop_staged()
        return self

    def _drop_staged(self) -> None:
        if self.staged is not None:
            shutil.rmtree(self.staged, ignore_errors=True)
            self.staged = None

    def start(self) -> SearchIndexer:
        missing = self._shards_to_build()
        self._thread = threading.Thread(target=self._build, args=(missing,), name="search-index", daemon=True)
        self._thread.start()
        return self

    def _stage_dir(self, shard: SearchShard) -> Path:
        return self.cache_dir / f"{TEMP_PREFIX}stage-{shard.number}"

    @property
    def started(self) -> bool:
        return self._thread is not None

    def _build(self, missing: list[SearchShard]) -> None:
        try:
            for shard in missing:
                if self.cancelled:
                    return
                self._build_shard(shard)
                for page in shard.pages:  # staged: its documents are not needed again
                    self.documents.pop(page, None)
        except _Cancelled:
            return
        except RuntimeError as exc:
            self.error = exc
        except OSError as exc:
            self.error = RuntimeError(f"search index: {exc}")
        finally:
            self.documents = {}

    def _build_shard(self, shard: SearchShard) -> None:
        stage = self._stage_dir(shard)
        built = self.cache_dir / f"{TEMP_PREFIX}{shard.key}"
        shutil.rmtree(built, ignore_errors=True)
        try:
            if shard.number not in self._parked:
                _stage(self.documents, shard.pages, stage)
            self.run_pagefind(search_command(stage, self.language, built), self)
            normalise_bundle(built)  # Pagefind writes its filter index in hash-map order
            os.replace(built, self.cache_dir / shard.key)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
            shutil.rmtree(built, ignore_errors=True)

    @staticmethod
    def run_pagefind(cmd: list[str], owner: SearchIndexer | None) -> None:
        """Run Pagefind; `owner` (if any) can cancel it while it runs."""
        try:
            process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        except OSError as exc:
            raise RuntimeError(f"search index: could not run Pagefind ({exc})") from exc
        if owner is not None:
            with owner._lock:
                owner.process = process
                if owner.cancelled:
                    process.kill()
        try:
            out, err = process.communicate(timeout=900)
        except subprocess.TimeoutExpired as exc:
            process.kill()
            process.communicate()
            raise RuntimeError(f"search index: Pagefind ran for more than {exc.timeout:.0f} s") from exc
        if owner is not None and owner.cancelled:
            raise _Cancelled
        if process.returncode != 0:
            raise RuntimeError(f"search index: Pagefind failed: {(err or out).strip()[-500:]}")

    def cancel(self) -> None:
        """Stop building (the build failed): kill a running Pagefind and wait for the thread."""
        with self._lock:
            self.cancelled = True
            if self.process is not None and self.process.poll() is None:
                self.process.kill()
        if self._thread is not None:
            self._thread.join()
        for shard in self._missing or ():
            shutil.rmtree(self._stage_dir(shard), ignore_errors=True)
        self._drop_staged()
        self._cleanup()

    def finish(self, site_dir: Path) -> int:
        """Wait for the shards being built, then install every shard's bundle in the site; return how many were reused."""
        if self._thread is not None:
            self._thread.join()
        try:
            if self.error is not None:
                raise self.error
            target = site_dir / "pagefind"
            shutil.rmtree(target, ignore_errors=True)  # never write into files the cache shares
            for shard in self.shards:
                shutil.copytree(self.cache_dir / shard.key, target / shard.folder, copy_function=_link_or_copy,
                                ignore=None if shard.number == 0 else _runtime_files)
            (target / SHARDS_SCRIPT).write_text(shards_script(self.shards), encoding="utf-8")
            keep = {s.key for s in self.shards}
            for entry in self.cache_dir.iterdir():
                if entry.name not in keep:
                    shutil.rmtree(entry, ignore_errors=True)
            return self.reused
        finally:
            self._cleanup()

    def _cleanup(self) -> None:
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None


def reuse_or_build_search_index(site_dir: Path, language: str, cache_dir: Path, shards: list[SearchShard]) -> int:
    """Put every shard's bundle of the site's own pages into `site_dir/pagefind/` (from the cache, or built and
    cached); return how many were reused. A bundle depends only on its pages, the language and Pagefind's
    version, all in the shard's key."""
    documents = {page: (site_dir / page).read_text(encoding="utf-8", errors="surrogatepass") for s in shards for page in s.pages}
    return SearchIndexer(cache_dir, language, shards, documents).start().finish(site_dir)
