"""Briefing pages converted ahead, in worker processes: MkDocs converts one page after another on one core.

`mkdocs build` turns every page's Markdown into HTML in one loop (`_populate_page`), the largest part of a
cold build. Once the navigation is final (the plugin's on_nav), forked workers run that same step for the
briefing pages: the plugins' page events and Python-Markdown with every extension. Each hands back what a
page ends with (its HTML, table of contents, title, anchors and links to anchors) and what was logged while
it was converted. MkDocs' own loop then takes a page's result instead of converting it again, and the log
records are given again there, in page order, so the build says the same things (and `--strict` counts the
same warnings) as one process would.

Only where that is safe: `mkdocs build` (no server thread beside it), MkDocs 1.6 (whose loop this follows),
Linux (fork), at least `PARALLEL_MIN` briefings, and this plugin the only one with page events (another
plugin's page events would run in a worker, and whatever that plugin keeps would be lost). A page that a
worker could not convert, or whose finished HTML the page cache holds, goes through MkDocs' loop as before.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

import mkdocs
from mkdocs.structure.toc import AnchorLink, TableOfContents

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

PARALLEL_MIN = 200  # below this many briefings, starting workers costs more than it saves
CHUNK = 20  # pages a worker converts per task: small enough that the workers finish together
PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content")
_MKDOCS_1_6 = tuple(int(x) for x in mkdocs.__version__.split(".")[:2]) == (1, 6)


@dataclass(frozen=True)
class ConvertedPage:
    """What MkDocs' conversion step leaves on one page, made in a worker."""

    content: str
    toc: tuple[AnchorLink, ...]
    title: str | None  # from the page's first heading (MkDocs' `_title_from_render`)
    page_title: str  # the page's title, as its templates show it
    anchors: frozenset[str]
    links_to_anchors: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] | None  # (target src_uri, ((anchor, link), ...))
    records: tuple[tuple[str, int, str], ...]  # (logger name, level, message) logged while it was converted
    key: str  # what `key_of` said of the page in the worker (the plugin's page cache key)

    def apply(self, page: Page, files: Files) -> None:
        """`Page.render` for this page: set what converting it would have set."""
        page.content = self.content
        page.toc = TableOfContents(list(self.toc))
        page._title_from_render = self.title
        page.present_anchor_ids = set(self.anchors)
        if self.links_to_anchors is not None:
            page.links_to_anchors = {
                target: dict(anchors)
                for uri, anchors in self.links_to_anchors
                if (target := files.get_file_from_path(uri)) is not None
            }

    def replay_log(self) -> None:
        """Log again, in this process, what the worker logged while converting the page."""
        for name, level, message in self.records:
            logging.getLogger(name).log(level, message)


def can_convert_ahead(config: MkDocsConfig, owner: object, count: int) -> bool:
    """Whether this build may convert its `count` briefing pages in workers (see the module's docstring)."""
    if not _MKDOCS_1_6 or count < PARALLEL_MIN or not sys.platform.startswith("linux"):
        return False
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    events = config.plugins.events
    return all(getattr(handler, "__self__", None) is owner for name in PAGE_EVENTS for handler in events.get(name, ()))


_WORK: dict[str, Any] = {}
"""In a worker only: what the pool was forked with."""


class _Collect(logging.Handler):
    def __init__(self, into: list[tuple[str, int, str]]) -> None:
        super().__init__(logging.DEBUG)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append((record.name, record.levelno, record.getMessage()))


def _start_worker(config: MkDocsConfig, files: Files, key_of: Callable[[str], str | None],
                  after: Callable[[Page, ConvertedPage], None] | None) -> None:
    """Pool initializer: the build's state is inherited by fork; MkDocs' log goes to a list, handed back per page."""
    records: list[tuple[str, int, str]] = []
    logger = logging.getLogger("mkdocs")
    logger.handlers = [_Collect(records)]
    _WORK.update(config=config, files=files, key_of=key_of, after=after, records=records)


def _convert_chunk(src_uris: list[str]) -> list[ConvertedPage | None]:
    return [_convert_one(uri) for uri in src_uris]


def _convert_one(src_uri: str) -> ConvertedPage | None:
    """In a worker: MkDocs' conversion step for one page (None: let MkDocs' own loop do it)."""
    from mkdocs.commands.build import _populate_page

    config, files, records = _WORK["config"], _WORK["files"], _WORK["records"]
    file = files.get_file_from_path(src_uri)
    page = file.page if file is not None else None
    if page is None:
        return None
    records.clear()
    try:
        _populate_page(page, config, files)
    except Exception:  # noqa: BLE001 - MkDocs' own loop converts it again and reports the error as it always does
        return None
    key = _WORK["key_of"](src_uri)
    if key is None or page.content is None:
        return None
    links = page.links_to_anchors
    done = ConvertedPage(
        content=page.content,
        toc=tuple(page.toc.items),
        title=page._title_from_render,
        page_title=str(page.title or ""),
        anchors=frozenset(page.present_anchor_ids or ()),
        links_to_anchors=None if links is None else tuple(
            (target.src_uri, tuple(sorted(anchors.items()))) for target, anchors in links.items()
        ),
        records=tuple(records),
        key=key,
    )
    if _WORK["after"] is not None:
        _WORK["after"](page, done)
    page.content = page.markdown = None  # the parent keeps the result; this copy is not needed again
    return done


def convert_ahead(src_uris: list[str], config: MkDocsConfig, files: Files, workers: int,
                  key_of: Callable[[str], str | None],
                  after: Callable[[Page, ConvertedPage], None] | None = None) -> dict[str, ConvertedPage]:
    """Convert these pages in `workers` forked processes. `key_of(src_uri)`, asked in the worker once a page's
    events ran, gives the key the result is kept under, or None when the page needed no conversion after all
    (its finished HTML was cached); `after(page, result)`, if given, runs in the worker with each result (it
    may write files; what it keeps in memory is lost). Whatever was not done ahead is missing from the
    result, and MkDocs' own loop converts it."""
    chunks = [src_uris[i : i + CHUNK] for i in range(0, len(src_uris), CHUNK)]
    gc.freeze()  # the workers' garbage collector leaves the inherited objects alone: fewer pages copied on write
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_start_worker, initargs=(config, files, key_of, after)) as pool:
            results = [item for chunk in pool.map(_convert_chunk, chunks) for item in chunk]
    except (OSError, BrokenProcessPool):  # no processes to be had (limits, memory): MkDocs converts every page
        return {}
    finally:
        gc.unfreeze()
    return {uri: done for uri, done in zip(src_uris, results, strict=True) if done is not None}
