"""The search index in shards: which briefing goes where, and when a shard's bundle is reused."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from build_tools.site import search
from build_tools.site.search import SHARDS_SCRIPT, SearchIndexer, plan_shards, reuse_or_build_search_index


def _pages(n: int) -> dict[str, str]:
    return {f"briefings/b{i:04d}/index.html": f"hash-{i}" for i in range(n)}


def test_every_page_is_in_exactly_one_shard_and_shards_stay_under_the_size_given() -> None:
    pages = _pages(2500)
    shards = plan_shards(pages, 1000, "salt")
    assert len(shards) == 3
    placed = [p for s in shards for p in s.pages]
    assert sorted(placed) == sorted(pages)
    assert all(700 < len(s.pages) < 1100 for s in shards), [len(s.pages) for s in shards]
    assert [s.folder for s in shards] == ["", "shard-1/", "shard-2/"]
    assert plan_shards(dict(reversed(pages.items())), 1000, "salt") == shards, "the plan does not depend on order"


def test_editing_one_briefing_changes_one_shard_and_a_small_corpus_is_one_shard() -> None:
    pages = _pages(2500)
    before = plan_shards(pages, 1000, "salt")
    edited = dict(pages, **{"briefings/b0042/index.html": "edited"})
    after = plan_shards(edited, 1000, "salt")
    assert sum(a.key != b.key for a, b in zip(before, after)) == 1
    assert all(a.pages == b.pages for a, b in zip(before, after))
    assert len(plan_shards(_pages(1000), 1000, "salt")) == 1
    assert [s.pages for s in plan_shards({}, 1000, "salt")] == [()], "an empty corpus still gets an index"
    assert plan_shards(pages, 1000, "other settings")[0].key != before[0].key


def _page(words: str) -> str:
    return f'<!doctype html><html lang="en"><head><title>t</title></head><body><main data-pagefind-body><p>{words}</p></main></body></html>'


def test_shards_are_built_then_reused_and_an_edit_rebuilds_only_its_shard(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    texts = {f"briefings/b{i}/index.html": f"briefing number {i} about spectrum auctions" for i in range(6)}
    for path, text in texts.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(_page(text), encoding="utf-8")
    (site / "index.html").write_text(_page("the home page is not indexed"), encoding="utf-8")

    shards = plan_shards(dict.fromkeys(texts, "v1"), 2, "salt")
    assert len(shards) == 3 and all(s.pages for s in shards)
    assert reuse_or_build_search_index(site, "en", cache, shards) == 0
    bundle = site / "pagefind"
    assert all((bundle / s.folder / "pagefind-entry.json").is_file() for s in shards)
    assert (bundle / SHARDS_SCRIPT).read_text(encoding="utf-8") == 'export const shards = ["shard-1/", "shard-2/"];\n'
    assert (bundle / "pagefind.js").is_file() and list(bundle.glob("wasm.*.pagefind")), "the first bundle carries Pagefind's runtime"
    for shard in shards[1:]:  # the search page merges them into the first bundle's Pagefind
        assert not [p.name for p in (bundle / shard.folder).rglob("*") if p.suffix in (".js", ".css") or p.name.startswith("wasm.")]
        assert list((bundle / shard.folder).glob("*.pf_meta")) and list((bundle / shard.folder / "index").glob("*.pf_index"))
    assert not list(cache.glob(".briefings-tmp-*")), "no staging folder is left behind"
    fragments = sorted(p.name for p in bundle.rglob("*.pf_fragment"))
    assert len(fragments) == 6, "the six briefings are indexed, the home page is not"

    assert reuse_or_build_search_index(site, "en", cache, shards) == 3
    assert sorted(p.name for p in bundle.rglob("*.pf_fragment")) == fragments

    edited = plan_shards(dict(dict.fromkeys(texts, "v1"), **{"briefings/b0/index.html": "v2"}), 2, "salt")
    assert reuse_or_build_search_index(site, "en", cache, edited) == 2
    assert sorted(p.name for p in cache.iterdir()) == sorted(s.key for s in edited), "bundles of the old shards are dropped"


def test_a_cancelled_index_stops_pagefind_and_leaves_nothing_in_the_cache(tmp_path: Path) -> None:
    """A build that fails while Pagefind runs beside it (on_build_error) stops it: no process, no bundle, no staging."""
    cache = tmp_path / "cache"
    documents = {f"briefings/b{i}/index.html": _page(f"briefing {i} on spectrum " * 200) for i in range(300)}
    shards = plan_shards(dict.fromkeys(documents, "v1"), 100, "salt")
    indexer = SearchIndexer(cache, "en", shards, documents).start()
    deadline = time.monotonic() + 60  # a hang guard: wait until the first Pagefind has started
    while indexer.process is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process = indexer.process
    indexer.cancel()
    assert process is not None and process.poll() is not None, "Pagefind is not left running"
    assert not [p for p in cache.iterdir() if p.name in {s.key for s in shards[1:]}], "no later shard was built after the cancel"
    assert indexer.error is None


def test_a_failed_pagefind_is_one_error_when_the_index_is_finished(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "search_command", lambda *args: [sys.executable, "-c", "import sys; sys.exit('pagefind: out of memory')"])
    shards = plan_shards({"briefings/a/index.html": "v1"}, 10, "salt")
    indexer = SearchIndexer(tmp_path / "cache", "en", shards, {"briefings/a/index.html": _page("words")}).start()
    with pytest.raises(RuntimeError, match="Pagefind failed: pagefind: out of memory"):
        indexer.finish(tmp_path / "site")
    assert not (tmp_path / "site" / "pagefind").exists()


def test_a_parked_index_holds_no_documents_and_builds_the_same_bundles_later(tmp_path: Path) -> None:
    """A larger index waits for the pages to be written with its documents staged on disk, not in memory."""
    documents = {f"briefings/b{i}/index.html": _page(f"briefing number {i} about spectrum auctions") for i in range(6)}
    shards = plan_shards(dict.fromkeys(documents, "v1"), 2, "salt")
    parked = SearchIndexer(tmp_path / "parked-cache", "en", shards, dict(documents)).park()
    assert parked.documents == {} and not parked.started
    assert len(list((tmp_path / "parked-cache").glob(".briefings-tmp-stage-*"))) == 3
    assert parked.start().finish(tmp_path / "parked") == 0
    SearchIndexer(tmp_path / "direct-cache", "en", shards, dict(documents)).start().finish(tmp_path / "direct")
    files = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    assert files(tmp_path / "parked" / "pagefind") == files(tmp_path / "direct" / "pagefind")
    assert sorted(p.name for p in (tmp_path / "parked-cache").iterdir()) == sorted(s.key for s in shards), "no staging left"


@pytest.mark.parametrize("shard_pages", [10, 2], ids=["one-shard", "three-shards"])
def test_documents_written_ahead_by_the_workers_give_the_bundles_of_documents_in_memory(tmp_path: Path, shard_pages: int) -> None:
    """The workers that convert the pages write their search documents; one they could not write is written from memory."""
    documents = {f"briefings/b{i}/index.html": _page(f"briefing number {i} about spectrum auctions") for i in range(6)}
    shards = plan_shards(dict.fromkeys(documents, "v1"), shard_pages, "salt")
    staged = tmp_path / "ahead-cache" / ".briefings-tmp-ahead"
    for page, document in list(documents.items())[1:]:  # the first page's worker failed to write it
        search.write_search_document(staged, page, document)
    ahead = SearchIndexer(tmp_path / "ahead-cache", "en", shards, dict(documents), staged).park()
    assert not staged.exists(), "parking moves the documents written ahead into the shards' stages"
    assert ahead.start().finish(tmp_path / "ahead") == 0
    SearchIndexer(tmp_path / "memory-cache", "en", shards, dict(documents)).start().finish(tmp_path / "memory")
    files = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    assert files(tmp_path / "ahead" / "pagefind") == files(tmp_path / "memory" / "pagefind")
    assert sorted(p.name for p in (tmp_path / "ahead-cache").iterdir()) == sorted(s.key for s in shards), "nothing staged is left"
