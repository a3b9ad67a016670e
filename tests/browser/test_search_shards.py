"""The search page's module over an index in shards answers as one index over the same pages does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools.mkdocs_plugin.assets import ASSET_DIR
from build_tools.site.search import plan_shards, reuse_or_build_search_index
from tests.conftest import serve_under_subpath

pytestmark = pytest.mark.browser

# Twelve short pages: some words in most of them, some in one or two, so a shard of four lacks them.
WORDS = ["spectrum auction policy", "huawei equipment ban", "sotsialnye seti reference", "data localisation rules",
         "open ran vendors", "huawei spectrum policy", "seti institute signals", "sanctions export controls",
         "seti and spectrum", "digital sovereignty russia", "russia huawei cooperation", "ecosystem platforms power"]
QUERIES = ["huawei", "spectrum policy", "sotsialnye seti", "seti", "russia huawei", "qqqzzz huawei", "\"export controls\""]


def _site(project: Path, shard_pages: int) -> Path:
    site = project / "site"
    pages = {}
    for i, words in enumerate(WORDS):
        path = f"briefings/b{i:02d}/index.html"
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(f'<!doctype html><html lang="en"><head><title>b{i:02d}</title></head>'
                                 f"<body><main data-pagefind-body><h1>Briefing {i:02d}</h1><p>{words}.</p></main></body></html>", encoding="utf-8")
        pages[path] = str(i)
    reuse_or_build_search_index(site, "en", project / "cache", plan_shards(pages, shard_pages, "test"))
    shim = site / "assets" / "briefings" / "search-shards" / "pagefind.js"
    shim.parent.mkdir(parents=True)
    shutil.copy(ASSET_DIR / "search-shards" / "pagefind.js", shim)
    (site / "index.html").write_text("<!doctype html><title>search</title>", encoding="utf-8")
    return site


SEARCH = """async ([module, queries]) => {
  const pagefind = await import(module);
  const out = {};
  for (const q of queries) {
    const found = await pagefind.search(q, {});
    out[q] = (await Promise.all(found.results.map(r => r.data()))).map(d => d.url).sort();
  }
  return out;
}"""


def test_shards_find_exactly_what_one_index_finds(page, tmp_path: Path) -> None:
    one, sharded = _site(tmp_path / "one", 1000), _site(tmp_path / "sharded", 4)
    assert len(list((sharded / "pagefind").glob("shard-*"))) == 2
    with serve_under_subpath(one) as url:
        page.goto(url)
        expected = page.evaluate(SEARCH, [url + "pagefind/pagefind.js", QUERIES])
    with serve_under_subpath(sharded) as url:
        page.goto(url)
        answered = page.evaluate(SEARCH, [url + "assets/briefings/search-shards/pagefind.js", QUERIES])
    assert expected["sotsialnye seti"] == ["/briefings-site/briefings/b02/"], "one index: only the page with both words"
    assert expected["huawei"] and expected["seti"]
    assert answered == expected
