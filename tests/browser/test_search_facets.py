"""Facets on the search page: theme, type and year with the number of the current query's results in each;
ticking one narrows the results, "Clear filters" brings them back; by keyboard, and folded on a phone."""

from __future__ import annotations

import re

import pytest
from tests.browser.conftest import DESKTOP, JOURNAL, PHONE, settle
from tests.conftest import build_project, make_scratch_project, serve_under_subpath

pytestmark = pytest.mark.browser

RESULTS = ".pagefind-ui__result"


def facets(page) -> dict[str, dict[str, int]]:
    """Group -> value -> count, as the filter panel shows them ("5G (2)")."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.pagefind-ui__filter-block')].map(b => [
            b.querySelector('.pagefind-ui__filter-name').innerText.trim(),
            Object.fromEntries([...b.querySelectorAll('.pagefind-ui__filter-label')].map(l => {
                const m = l.innerText.trim().match(/^(.*) \\((\\d+)\\)$/); return [m[1], Number(m[2])]; }))]))"""
    )


def settled_facets(page, groups: int = 3) -> dict[str, dict[str, int]]:
    """The facets once every group is drawn and the panel has stopped changing (Pagefind UI draws groups as their filters load)."""
    # Every group, without a reload: Pagefind UI alone drew the counts of whichever filter indexes had loaded when
    # the address's query ran (one load in forty), so search.js loads them all first (through search-shards/).
    page.wait_for_function(f"() => document.querySelectorAll('.pagefind-ui__filter-block').length >= {groups}", timeout=30_000)
    last = None
    for _ in range(300):
        now = facets(page)
        if now == last:
            return now
        last = now
        page.wait_for_timeout(200)
    return last


def wait_for_results(page, count: int) -> None:
    page.wait_for_function(
        f"() => document.querySelectorAll('{RESULTS}').length === {count}"
        f" && [...document.querySelectorAll('{RESULTS}')].every(r => r.querySelector('a.pagefind-ui__result-link'))",
        timeout=60_000,
    )


def wait_for_facets(page, group: str, value: str, count: int) -> None:
    page.locator(".pagefind-ui__filter-label", has_text=re.compile(rf"^{re.escape(value)} \({count}\)$")).first.wait_for(timeout=60_000)


def result_titles(page) -> set[str]:
    return set(page.evaluate(f"() => [...document.querySelectorAll('{RESULTS}')].map(r => r.querySelector('.pagefind-ui__result-title').innerText.trim())"))


def test_the_search_page_counts_the_querys_results_per_facet_and_a_facet_narrows_them(page, site_server, artifacts) -> None:
    page.set_viewport_size(DESKTOP)
    settle(page, site_server + "search/?q=Russia")
    wait_for_results(page, 2)
    wait_for_facets(page, "Type", "Journal article", 1)
    assert settled_facets(page) == {
        "Theme": {"5G": 2, "Ecosystems": 1, "Sovereignty": 1},
        "Type": {"Commentary": 1, "Journal article": 1},
        "Year": {"2019": 1, "2021": 1},  # the journal's year is its DOI's (inferred)
    }
    clear = page.get_by_role("button", name="Clear filters")
    assert clear.is_hidden(), "nothing to clear yet"
    page.screenshot(path=str(artifacts / "search-facets-1280.png"), full_page=True)

    page.get_by_role("checkbox", name=re.compile(r"^Journal article")).check()
    wait_for_results(page, 1)
    href = page.locator("a.pagefind-ui__result-link").first.get_attribute("href")
    assert href.startswith(f"/briefings-site/{JOURNAL}?highlight=russia"), href
    wait_for_facets(page, "Type", "Commentary", 0)
    assert settled_facets(page)["Year"] == {"2019": 0, "2021": 1}, "counts follow the narrowed results"
    page.screenshot(path=str(artifacts / "search-facets-ticked-1280.png"), full_page=True)

    clear.click()
    wait_for_results(page, 2)
    wait_for_facets(page, "Type", "Commentary", 1)
    assert not page.get_by_role("checkbox", name=re.compile(r"^Journal article")).is_checked()
    assert clear.is_hidden()


def test_a_filter_index_that_loads_last_still_gets_its_facet_group(page, site_server) -> None:
    """The race a reader met once in forty loads, made certain: one filter index arrives a second after the others."""
    held = []
    page.route("**/*.pf_filter", lambda route: held.append(route) if not held else route.continue_())
    page.goto(site_server + "search/?q=Russia")
    page.wait_for_function("() => document.querySelector('.pagefind-ui__search-input')")
    page.wait_for_timeout(1000)
    assert len(held) == 1, "the search page asks for its filter indexes at once"
    held[0].continue_()
    wait_for_results(page, 2)
    assert set(settled_facets(page)) == {"Theme", "Type", "Year"}


def test_facets_work_by_keyboard_and_from_the_address(page, site_server) -> None:
    settle(page, site_server + "search/?q=Huawei&type=Commentary")
    wait_for_results(page, 1)
    assert page.get_by_role("checkbox", name=re.compile(r"^Commentary")).is_checked()
    page.get_by_role("button", name="Clear filters").click()
    wait_for_results(page, 2)
    page.locator("input.pagefind-ui__search-input").focus()
    names = []
    for _ in range(12):  # from the query box, Tab reaches the facets (Pagefind's Clear button and the group titles first)
        page.keyboard.press("Tab")
        names.append(page.evaluate("() => { const e = document.activeElement; return e.type === 'checkbox' ? e.labels[0].innerText : e.innerText; }"))
        if names[-1].startswith("Sovereignty"):
            break
    assert names[-1] == "Sovereignty (1)", names
    page.keyboard.press("Space")
    wait_for_results(page, 1)
    assert result_titles(page) == {"Russia in the Digital World: International Competition and Leadership"}
    assert page.get_by_role("button", name="Clear filters").is_visible()


def test_on_a_phone_the_facets_are_folded_above_the_results_and_open_with_a_tap(phone_page, site_server, artifacts) -> None:
    page = phone_page
    settle(page, site_server + "search/?q=Russia")
    wait_for_results(page, 2)
    groups = page.locator("details.pagefind-ui__filter-block")
    assert groups.count() == 3
    assert all(not d for d in groups.evaluate_all("ds => ds.map(d => d.open)")), "folded, so the results are on the first screen"
    page.locator("summary.pagefind-ui__filter-name", has_text="Type").tap()
    box = page.get_by_role("checkbox", name=re.compile(r"^Commentary"))
    box.wait_for()
    label = page.locator(".pagefind-ui__filter-label", has_text="Commentary").bounding_box()
    assert label and label["height"] >= 24 and label["x"] + label["width"] <= PHONE["width"], label
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"no sideways scrolling: {width}"
    page.screenshot(path=str(artifacts / "search-facets-390.png"), full_page=True)
    page.locator(".pagefind-ui__filter-label", has_text="Commentary").tap()
    wait_for_results(page, 1)


# A small corpus written for this test (CC0): six briefings, four of them about spectrum, in shards of two,
# so the counts are summed over three search bundles.
NOTES = {
    "auction-rules": ("Auction rules for 5G", "2019-03-01", "commentary", ["5g"], "The regulator set aside spectrum for new entrants."),
    "national-bands": ("National bands", "2020-05-02", "journal article", ["5g", "sovereignty"], "Sovereign control of spectrum shapes the rollout."),
    "licence-terms": ("Licence terms", "2020-09-09", "report", ["sovereignty"], "Licence terms tie spectrum to local data centres."),
    "platform-blocs": ("Platform blocs", "2021-01-15", "commentary", ["ecosystems"], "Rival blocs bid for spectrum and for app stores."),
    "vendor-choice": ("Vendor choice", "2021-06-30", "commentary", ["5g"], "Operators chose a vendor for the core network."),
    "app-stores": ("App stores", None, "report", ["ecosystems"], "Stores decide which apps reach a phone."),
}


@pytest.fixture(scope="module")
def notes_server(tmp_path_factory):
    project = make_scratch_project(tmp_path_factory.mktemp("facets") / "project", seeds=[])
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - briefings:\n", "  - briefings:\n      search_shard_pages: 2\n", 1), encoding="utf-8")
    for slug, (title, date, kind, themes, text) in NOTES.items():
        head = f"title: {title}\n" + (f"date: {date}\n" if date else "") + f"type: {kind}\nthemes: [{', '.join(themes)}]\n"
        (project / "briefings" / f"{slug}.md").write_text(f"---\n{head}---\n\n{text} A second sentence says more about it.\n", encoding="utf-8")
    result = build_project(project)
    assert result.returncode == 0, result.stderr
    with serve_under_subpath(project / "site") as url:
        yield url


def test_counts_on_a_small_corpus_in_shards_are_the_querys_results_per_value(page, notes_server) -> None:
    settle(page, notes_server + "search/?q=spectrum")
    wait_for_results(page, 4)
    wait_for_facets(page, "Year", "2020", 2)
    assert settled_facets(page) == {
        "Theme": {"5G": 2, "Ecosystems": 1, "Sovereignty": 2},
        "Type": {"Commentary": 2, "Journal article": 1, "Report": 1},
        "Year": {"2019": 1, "2020": 2, "2021": 1, "Not stated": 0},
    }
    page.get_by_role("checkbox", name=re.compile(r"^Sovereignty")).check()
    wait_for_results(page, 2)
    assert result_titles(page) == {"National bands", "Licence terms"}
    wait_for_facets(page, "Type", "Commentary", 0)
    assert settled_facets(page)["Type"] == {"Commentary": 0, "Journal article": 1, "Report": 1}
    page.get_by_role("checkbox", name=re.compile(r"^Report")).check()
    wait_for_results(page, 1)
    assert result_titles(page) == {"Licence terms"}
    page.get_by_role("button", name="Clear filters").click()
    wait_for_results(page, 4)
    assert result_titles(page) == {"Auction rules for 5G", "National bands", "Licence terms", "Platform blocs"}
