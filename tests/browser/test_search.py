"""Search as a reader uses it: the search page, the header search box, what a query downloads."""

from __future__ import annotations

import json
import re

import pytest

from build_tools.readers import read_seed
from tests.browser.conftest import JOURNAL, OPED, settle
from tests.conftest import (
    SEEDS,
    build_project,
    make_scratch_project,
    serve_under_subpath,
)

pytestmark = pytest.mark.browser
TITLES = {read_seed(s).title for s in SEEDS}


def _results(page) -> list[dict]:
    page.wait_for_function(
        "() => { const r = document.querySelectorAll('.pagefind-ui__result');"
        " return r.length > 0 && [...r].every(x => x.querySelector('a.pagefind-ui__result-link')); }",
        timeout=60_000,
    )
    return page.evaluate(
        """() => [...document.querySelectorAll('.pagefind-ui__result')].map(r => ({
            title: r.querySelector('.pagefind-ui__result-title').innerText.trim(),
            href: r.querySelector('a.pagefind-ui__result-link').getAttribute('href').split('?')[0],
            landing: r.querySelector('a.pagefind-ui__result-link').getAttribute('href'),
            marks: [...r.querySelectorAll('mark')].map(m => m.innerText.trim()),
            excerpt: r.innerText}))"""
    )


def test_searching_huawei_finds_both_briefings_with_passages_and_opens_one(page, site_server, artifacts) -> None:
    settle(page, site_server + "search/")
    box = page.get_by_role("textbox", name=re.compile("search", re.IGNORECASE))
    expect_focus = page.evaluate("() => document.activeElement && document.activeElement.classList.contains('pagefind-ui__search-input')")
    assert expect_focus, "the search page puts the cursor in the search box"
    sizes: list[int] = []
    page.on("response", lambda r: sizes.append(len(r.body())) if "/pagefind/" in r.url and r.ok else None)
    box.fill("Huawei")
    results = _results(page)
    assert {r["title"] for r in results} == TITLES, results
    for r in results:
        assert any(m.lower().startswith("huawei") for m in r["marks"]), f"no matching passage quoted for {r['title']}"
        assert r["href"].startswith("/briefings-site/briefings/"), "result links work under the sub-path"
    downloaded = sum(sizes)
    (artifacts / "search-bytes.json").write_text(json.dumps({"query": "Huawei", "bytes": downloaded, "responses": len(sizes)}), encoding="utf-8")
    assert downloaded < 400_000, f"one query downloaded {downloaded} bytes"

    page.locator("a.pagefind-ui__result-link").first.click()
    page.wait_for_load_state()
    assert "/briefings-site/briefings/" in page.url
    assert page.locator("h1#title").inner_text().strip() in TITLES


def test_a_transliterated_russian_title_in_a_reference_list_is_found(page, site_server) -> None:
    settle(page, site_server + "search/?q=Sotsialnye%20seti")
    results = _results(page)
    assert [r["href"] for r in results] == [f"/briefings-site/{JOURNAL}"], results
    marks = " ".join(results[0]["marks"]).lower()
    assert "sotsialnye" in marks and "seti" in marks


def test_only_briefing_content_is_searchable(page, site_server) -> None:
    # The home page and the theme descriptions name Huawei too, and "Writing a briefing" explains YAML;
    # neither is indexed, only briefings are.
    settle(page, site_server + "search/?q=Huawei")
    hrefs = {r["href"] for r in _results(page)}
    assert hrefs == {f"/briefings-site/{JOURNAL}", f"/briefings-site/{OPED}"}
    page.goto(site_server + "search/?q=YAML")
    page.locator(".pagefind-ui__message", has_text="No results").wait_for(timeout=60_000)
    assert page.locator(".pagefind-ui__result").count() == 0


def test_the_header_search_box_on_any_page_opens_the_results(page, site_server) -> None:
    settle(page, site_server + OPED)
    field = page.get_by_role("combobox", name="Search the briefings")  # a searchbox until search-box.js makes it a combobox
    field.fill("Huawei")
    field.press("Enter")
    page.wait_for_url(re.compile(r"/briefings-site/search/\?q=Huawei$"))
    assert {r["title"] for r in _results(page)} == TITLES


def test_the_search_tab_is_in_the_navigation_of_every_page_type(page, site_server) -> None:
    for path in ("", OPED, "glossary/"):
        settle(page, site_server + path)
        assert page.locator("nav.md-tabs a", has_text="Search").count() == 1


@pytest.fixture(scope="module")
def sharded_site_server(tmp_path_factory):
    """The seed site with the search index in shards of one briefing, served under /briefings-site/."""
    project = make_scratch_project(tmp_path_factory.mktemp("sharded") / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - briefings:\n", "  - briefings:\n      search_shard_pages: 1\n", 1), encoding="utf-8")
    result = build_project(project)
    assert result.returncode == 0, result.stderr
    assert "search index built (0 of 2 shards reused)" in result.stderr
    with serve_under_subpath(project / "site") as url:
        yield url


def test_a_search_index_in_shards_finds_briefings_in_every_shard(page, sharded_site_server) -> None:
    # One briefing per shard: the first bundle holds one seed, pagefind/shard-1/ the other.
    fetched: list[str] = []
    page.on("response", lambda r: fetched.append(r.url) if "/pagefind/" in r.url and r.ok else None)
    settle(page, sharded_site_server + "search/?q=Huawei")
    results = _results(page)
    assert {r["title"] for r in results} == TITLES, results
    assert all(r["href"].startswith("/briefings-site/briefings/") for r in results), "result links work under the sub-path"
    metas = {u.split("/pagefind/", 1)[1].rsplit("/", 1)[0] if "/shard-" in u else "" for u in fetched if u.endswith(".pf_meta")}
    assert metas == {"", "shard-1"}, f"both bundles' meta files are loaded: {fetched}"
    runtime = [u.split("/pagefind/", 1)[1] for u in fetched if re.search(r"/(pagefind\.js|pagefind-worker\.js|wasm\.[\w-]+\.pagefind)(\?|$)", u)]
    assert sorted(r.split("?")[0] for r in runtime) == ["pagefind-worker.js", "pagefind.js", "wasm.en.pagefind"], \
        f"one Pagefind runtime, the first bundle's, searches both shards: {runtime}"
    # The op-ed's shard has no "Sotsialnye": Pagefind alone would answer "seti" there; the search page
    # keeps only shards that know every word, as one index over both briefings does.
    page.goto(sharded_site_server + "search/?q=Sotsialnye%20seti")
    assert [r["href"] for r in _results(page)] == [f"/briefings-site/{JOURNAL}"]


def test_the_header_box_searches_every_shard_and_lands_on_the_paragraph(page, sharded_site_server) -> None:
    settle(page, sharded_site_server + OPED)
    box = page.locator("#bf-header-q")
    for query, expected in (("Huawei", {JOURNAL, OPED}), ("Sotsialnye seti", {JOURNAL})):
        box.fill("")
        box.type(query, delay=20)
        page.locator("#bf-suggest-list .bf-suggest__more", has_text=query).wait_for(timeout=10_000)
        hrefs = page.evaluate("() => [...document.querySelectorAll('#bf-suggest-list [role=option]')].map(a => a.getAttribute('href'))")
        found = [h for h in hrefs if "/briefings/" in h]
        assert {h.split("?")[0].removeprefix("/briefings-site/") for h in found} == expected, hrefs
        assert all(re.search(r"#(p-\d+|ref-[\w-]+)$", h) for h in found), hrefs
