"""What a page load costs a reader on a phone: only the page's own files, our scripts off the first paint's path
(fetched once the page has loaded: from <head> they shared the stylesheets' bandwidth and scored the home page below
plain Material's in Lighthouse).

Found by profiling the journal page (Lighthouse performance below plain Material's): Material read the Atom
feed link as another language of the site and fetched and parsed sitemap.xml on every page, and mounted its
own instant preview on every summary and key-point link (which carried `data-preview`, Material's opt-in).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import JOURNAL, PAGE_TYPES, settle

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("kind", ["home", "theme-hub", "briefing"])
def test_a_page_load_fetches_no_sitemap_and_our_scripts_only_once_it_has_loaded(phone_page, site_server, kind) -> None:
    page = phone_page
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url.removeprefix(site_server)))
    settle(page, site_server + PAGE_TYPES[kind])
    assert not [u for u in fetched if "sitemap" in u], fetched
    assert not [u for u in fetched if "pagefind" in u], f"the search index loads only when a reader searches: {fetched}"
    timing = page.evaluate("""() => ({
        loaded: performance.getEntriesByType("navigation")[0].loadEventStart,
        ours: performance.getEntriesByType("resource").filter(e => e.name.includes("/assets/briefings/") && e.name.endsWith(".js"))
            .map(e => [e.name.split("/").pop(), e.startTime]),
    })""")
    assert sorted(name for name, _ in timing["ours"]) == ["briefings.js", "search-box.js"], timing
    assert all(started >= timing["loaded"] for _, started in timing["ours"]), f"our scripts are fetched once the page has loaded: {timing}"
    assert page.evaluate("() => typeof window.BriefingsSearch") == "object", "and they run"
    assert page.locator('link[rel~="alternate"][type="application/atom+xml"]').count() == 1, "the feed is still announced"


def test_summary_links_get_our_paragraph_preview_and_not_materials_page_preview(page, site_server) -> None:
    settle(page, site_server + JOURNAL)
    link = page.locator("a.bf-sum").first
    link.hover()
    page.locator("#bf-preview").wait_for(state="visible")
    page.wait_for_timeout(600)  # Material's preview would open after its own delay
    assert page.locator(".md-tooltip2--preview, .md-preview").count() == 0
    assert page.locator("[role=tooltip]:visible").count() == 1
