"""Load every briefing file into a Corpus, reporting (not raising on) bad files."""

from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .briefing_file import load_briefing
from .corpus import Corpus, Doc, build_corpus, doc_from_file
from .errors import Problem, unusable_file
from .markdown_ext import BlockReader
from .links import resolve_wikilinks
from .model import Theme
from .schema import validate_meta
from .caches.analysis import CachedAnalyser
from .caches.front_matter import FrontMatterCache

if TYPE_CHECKING:
    from .caches.same_object import SameObjectMemo
    from .config import ProjectSettings


@dataclass
class LoadResult:
    corpus: Corpus
    problems: list[Problem] = field(default_factory=list)


def briefing_paths(folder: Path) -> list[Path]:
    """Briefing files in a folder, sorted; backups and hidden files are not briefings."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.md") if not p.name.startswith("."))


class DocMemo:
    """Docs loaded by earlier rebuilds of one `mkdocs serve`, reused while their file is unchanged.

    `mkdocs serve` rebuilds the whole site after every saved file; reading,
    validating and parsing a thousand unchanged briefings again is most of a
    rebuild's own work. An entry is kept under the file's path and reused while
    its size, modification time and inode, and the analysis settings (themes,
    curated glossary, code), are the same; it also keeps the cache keys the
    file's load used, so the caches' prune at the end of the build keeps them.
    """

    def __init__(self) -> None:
        self.entries: dict[Path, tuple[tuple, tuple[Doc | None, list[Problem]], frozenset[str], frozenset[str]]] = {}

    def load(self, path: Path, shown: str, themes: dict[str, Theme], analyser: Any, reader: FrontMatterCache | None,
             block_reader: BlockReader | None = None) -> tuple[Doc | None, list[Problem]]:
        try:
            st = path.stat()
            stamp: tuple = (st.st_size, st.st_mtime_ns, st.st_ino, shown, getattr(analyser, "settings", None), tuple(themes),
                            getattr(reader, "salt", None))
        except OSError:
            stamp = ()
        entry = self.entries.get(path)
        if stamp and entry is not None and entry[0] == stamp:
            _mark_used(analyser, entry[2])
            _mark_used(reader, entry[3])
            return entry[1]
        before = (_swap_used(analyser), _swap_used(reader))
        try:
            loaded = _load_one(path, shown, themes, analyser, reader, block_reader)
        finally:
            used = (_swap_used(analyser, before[0]), _swap_used(reader, before[1]))
        if stamp:
            self.entries[path] = (stamp, loaded, frozenset(used[0]), frozenset(used[1]))
        _mark_used(analyser, used[0])
        _mark_used(reader, used[1])
        return loaded

    def forget_missing(self, paths: list[Path]) -> None:
        """Drop the entries of files that are gone, so a long session does not keep them."""
        keep = set(paths)
        for path in [p for p in self.entries if p not in keep]:
            del self.entries[path]


def _swap_used(cache: Any, used: set[str] | None = None) -> set[str]:
    """Give the cache's store a new `used` set (empty by default); return the one it had."""
    store = getattr(cache, "store", None)
    if store is None:
        return set()
    old, store.used = store.used, (used if used is not None else set())
    return old


def _mark_used(cache: Any, keys: frozenset[str] | set[str]) -> None:
    store = getattr(cache, "store", None)
    if store is not None:
        store.used |= keys


PARALLEL_MIN = 200  # below this many files to parse, starting worker processes costs more than it saves


def load_docs(root: Path, folder_name: str, themes: dict[str, Theme], analyser: Any, reader: FrontMatterCache | None = None,
              *, workers: int = 1, block_reader: BlockReader | None = None, memo: DocMemo | None = None) -> tuple[list[Doc], list[Problem]]:
    """Every briefing in the folder as a Doc, in file order, and the problems found; `workers` processes share the files
    (or, given a `memo`, one process reuses what an earlier rebuild loaded from unchanged files)."""
    folder = root / folder_name
    jobs = [(path, f"{folder_name.rstrip('/')}/{path.name}") for path in briefing_paths(folder)]
    loaded: list[tuple[Doc | None, list[Problem]]] | None = None
    if memo is not None:
        memo.forget_missing([path for path, _ in jobs])
        loaded = [memo.load(path, shown, themes, analyser, reader, block_reader) for path, shown in jobs]
    elif workers > 1 and len(jobs) >= PARALLEL_MIN and _can_fork() and _to_parse(reader, jobs) >= PARALLEL_MIN:
        try:
            loaded = _load_in_processes(jobs, themes, analyser, reader, workers, block_reader)
        except (OSError, BrokenProcessPool):  # no processes to be had (limits, memory): one process does it
            loaded = None
    if loaded is None:
        loaded = [_load_one(path, shown, themes, analyser, reader, block_reader) for path, shown in jobs]
    docs = [doc for doc, _ in loaded if doc is not None]
    return docs, [p for _, found in loaded for p in found]


def _to_parse(reader: FrontMatterCache | None, jobs: list[tuple[Path, str]]) -> int:
    """Files whose front matter and body must be parsed: workers pay for themselves only on many of them (on a rebuild
    that finds nearly every file in the cache, one process reads the cache faster than workers hand their Docs back)."""
    return reader.uncached([path for path, _ in jobs]) if reader is not None else len(jobs)


def _load_one(path: Path, shown: str, themes: dict[str, Theme], analyser: Any, reader: FrontMatterCache | None,
              block_reader: BlockReader | None = None) -> tuple[Doc | None, list[Problem]]:
    bf, problems = reader.load(path, shown) if reader else load_briefing(path, shown)
    if bf is None:
        return None, problems
    meta_problems = validate_meta(bf, tuple(themes))
    if any(p.severity == "error" for p in meta_problems):
        return None, problems + meta_problems
    try:
        return doc_from_file(bf, analyser, block_reader), problems + meta_problems
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError, RecursionError) as exc:  # one bad file, not the build
        return None, [*problems, *meta_problems, unusable_file(shown, exc)]


def _can_fork() -> bool:
    """Forked workers inherit the loaders as they are; only where fork is the safe, native way (Linux)."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


_WORKER: dict[str, Any] = {}
"""In a worker process only: what `_start_worker` was given when the pool forked it."""


def _start_worker(themes: dict[str, Theme], analyser: Any, reader: FrontMatterCache | None,
                  block_reader: BlockReader | None = None) -> None:
    """Pool initializer: a forked worker receives the loaders as arguments (inherited by fork, never pickled)."""
    _WORKER.update(themes=themes, analyser=analyser, reader=reader, block_reader=block_reader)


def _load_chunk(jobs: list[tuple[Path, str]]) -> tuple[list[tuple[Doc | None, list[Problem]]], set[str], set[str]]:
    """In a worker: load some files; also return the cache keys used, so the parent's prune keeps them."""
    themes, analyser, reader, block_reader = _WORKER["themes"], _WORKER["analyser"], _WORKER["reader"], _WORKER["block_reader"]
    loaded = [_load_one(path, shown, themes, analyser, reader, block_reader) for path, shown in jobs]
    return loaded, _used(analyser), _used(reader)


def _used(cache: Any) -> set[str]:
    store = getattr(cache, "store", None)
    return set(store.used) if store is not None else set()


def _load_in_processes(jobs: list[tuple[Path, str]], themes: dict[str, Theme], analyser: Any, reader: FrontMatterCache | None,
                       workers: int, block_reader: BlockReader | None = None) -> list[tuple[Doc | None, list[Problem]]]:
    """Files in chunks of about 50 (so hand-written briefings, which need analysis, spread over the workers), results in file order."""
    chunks = [jobs[i : i + 50] for i in range(0, len(jobs), 50)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                             initializer=_start_worker, initargs=(themes, analyser, reader, block_reader)) as pool:
        results = list(pool.map(_load_chunk, chunks))
    for cache, used in ((analyser, set().union(*(r[1] for r in results))), (reader, set().union(*(r[2] for r in results)))):
        if getattr(cache, "store", None) is not None:
            cache.store.used |= used
    return [item for loaded, _, _ in results for item in loaded]


def load_corpus(
    root: Path, options: Any, themes: dict[str, Theme], *, include_drafts: bool, workers: int = 1,
    settings: ProjectSettings | None = None, block_reader: BlockReader | None = None, memo: DocMemo | None = None,
    derived: SameObjectMemo | None = None,
) -> LoadResult:
    """Read, validate and analyse the corpus; files with errors are left out and reported. The curated
    glossary comes from `settings`, loaded once from the configuration file the build was given
    (`mkdocs build -f other.yml`). `memo` and `derived` (`mkdocs serve`) reuse the Docs of unchanged files and
    what the corpus views worked out from them."""
    curated = settings.curated_glossary if settings else ()
    analyser = CachedAnalyser(root / ".briefings-cache" / "analysis", tuple(themes.values()), curated)
    reader = FrontMatterCache(root / ".briefings-cache" / "front-matter", block_reader)
    docs, problems = load_docs(root, options["briefings_dir"], themes, analyser, reader, workers=workers, block_reader=block_reader,
                               memo=memo)
    problems = [*(settings.problems if settings else ()), *problems]
    analyser.prune()
    reader.prune()
    if not include_drafts:
        docs = [d for d in docs if not d.draft]
    corpus = build_corpus(docs, derived)
    for slug, doc in list(corpus.docs.items()):
        linked = resolve_wikilinks(doc.body.markdown, corpus)
        if linked != doc.body.markdown:
            corpus.docs[slug] = replace(doc, body=replace(doc.body, markdown=linked))
    return LoadResult(corpus, problems)
