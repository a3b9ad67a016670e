"""Search as you type: the header box on every page, results that open the briefing at the matching paragraph
with the query words highlighted, and a small set of queries whose first
result (briefing and paragraph) is fixed."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import DESKTOP, JOURNAL, OPED, PHONE, settle
from tests.browser.test_search_facets import settled_facets

pytestmark = pytest.mark.browser

# Search quality: query -> (briefing, paragraph) that must come first. Each paragraph was read and is the one
# a reader asking this would want: it holds every query word, more often than any other paragraph does.
QUALITY = {
    "Huawei": (OPED, "p-15"),
    "MTS": (OPED, "p-13"),
    "Sotsialnye seti": (JOURNAL, None),  # a reference-list entry: the landing anchor is a ref-… id
    "Eurasian integration": (JOURNAL, "p-63"),
    "election interference": (OPED, "p-19"),
    "import substitution": (JOURNAL, "p-28"),  # not the title's or a paragraph's "important" (the same stem)
}


def _suggestions(page) -> list[dict]:
    page.locator("#bf-suggest-list [role=option]").first.wait_for(timeout=10_000)
    return page.evaluate(
        """() => [...document.querySelectorAll('#bf-suggest-list .bf-suggest__item[role=option]')].map(o => ({
            id: o.id, href: o.getAttribute('href'), selected: o.getAttribute('aria-selected'),
            title: o.querySelector('.bf-suggest__title').innerText.trim(),
            marks: [...o.querySelectorAll('mark')].map(m => m.innerText.trim().toLowerCase())}))"""
    )


def _type(page, text: str) -> None:
    box = page.locator("#bf-header-q")
    box.click()
    box.fill("")
    box.type(text, delay=20)


def _wait_for_answer(page, text: str) -> list[dict]:
    # The list is redrawn for every keystroke; wait until the last one is answered (the "all results" entry names it).
    page.locator("#bf-suggest-list .bf-suggest__more", has_text=text).wait_for(timeout=10_000)
    return _suggestions(page)


def test_the_header_box_answers_as_you_type_and_opens_the_paragraph_highlighted(page, site_server, artifacts) -> None:
    page.set_viewport_size(DESKTOP)
    settle(page, site_server + "glossary/")
    _type(page, "Huawei")
    found = _wait_for_answer(page, "Huawei")
    briefings = [s for s in found if "/briefings/" in s["href"]]
    assert len(briefings) == 2, found
    for s in briefings:
        assert re.search(r"\?highlight=huawei#p-\d+$", s["href"], re.I), s["href"]
        assert any(m.startswith("huawei") for m in s["marks"]), f"the excerpt quotes the query word: {s}"
    assert page.get_by_role("combobox", name="Search the briefings").get_attribute("aria-expanded") == "true"
    page.screenshot(path=str(artifacts / "instant-search-1280.png"))

    box = page.locator("#bf-header-q")
    box.press("ArrowDown")
    box.press("ArrowDown")
    chosen = _suggestions(page)
    assert [s["selected"] for s in chosen[:2]] == ["false", "true"], "arrow keys move the choice"
    assert box.get_attribute("aria-activedescendant") == chosen[1]["id"]
    box.press("ArrowUp")
    target = _suggestions(page)[0]["href"]
    box.press("Enter")
    page.wait_for_url(re.compile(re.escape(target.split("?")[0]) + r"\?highlight=huawei#p-\d+$", re.I))
    page.wait_for_load_state("networkidle")
    anchor = target.rsplit("#", 1)[1]
    page.locator("mark.bf-hit").first.wait_for(timeout=10_000)
    marks = page.evaluate(f"""() => [...document.querySelectorAll('#{anchor} mark.bf-hit')].map(m => m.innerText.toLowerCase())""")
    assert marks and all(m.startswith("huawei") for m in marks), marks
    assert page.locator(".bf-keypoints mark.bf-hit").count() == 0, "only the full text is marked"
    in_view = page.evaluate(f"""() => {{ const r = document.getElementById('{anchor}').getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight; }}""")
    assert in_view, "the page opens at the matching paragraph"
    page.screenshot(path=str(artifacts / "search-landing-1280.png"))


def test_escape_closes_the_results_and_enter_without_a_choice_opens_the_search_page(page, site_server) -> None:
    settle(page, site_server + OPED)
    _type(page, "sovereignty")
    _wait_for_answer(page, "sovereignty")
    assert page.locator("#bf-suggest").is_visible()
    page.locator("#bf-header-q").press("Escape")
    assert not page.locator("#bf-suggest").is_visible()
    assert page.locator("#bf-header-q").get_attribute("aria-expanded") == "false"
    page.locator("#bf-header-q").press("Enter")
    page.wait_for_url(re.compile(r"/briefings-site/search/\?q=sovereignty$"))


def _header_facets(page) -> dict[str, dict[str, int]]:
    """Group -> value -> count, as the header panel shows them."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('#bf-suggest-list .bf-suggest__facets')].map(row => [
            row.getAttribute('aria-label'),
            Object.fromEntries([...row.querySelectorAll('[role=option]')].map(a => [
                a.firstChild.textContent.trim(), Number(a.querySelector('.bf-suggest__count').textContent)]))]))"""
    )


def test_the_header_panel_shows_the_querys_facets_and_a_facet_opens_the_search_page_filtered(page, site_server, artifacts) -> None:
    page.set_viewport_size(DESKTOP)
    settle(page, site_server + "search/?q=Huawei")
    on_search_page = {group: {v: n for v, n in values.items() if n} for group, values in settled_facets(page).items()}
    settle(page, site_server + "glossary/")
    _type(page, "Huawei")
    _wait_for_answer(page, "Huawei")
    shown = _header_facets(page)
    assert shown == on_search_page, "the header's facets are the search page's, with the same counts"
    assert shown["Theme"]["5G"] == 2
    assert page.locator("#bf-suggest-list [role=group][aria-label=Theme] [role=option]").first.get_attribute("aria-label") == "Theme: 5G, 2 results"
    page.screenshot(path=str(artifacts / "instant-search-facets-1280.png"))
    box = page.locator("#bf-suggest")
    right = page.evaluate("() => document.getElementById('bf-suggest').getBoundingClientRect().right")
    assert right <= DESKTOP["width"], "the panel stays on screen"

    # The arrow keys walk the results, then the facets; Enter on "5G" opens the search page with it ticked.
    field = page.locator("#bf-header-q")
    for _ in range(20):
        field.press("ArrowDown")
        chosen = page.locator("#bf-suggest-list [aria-selected=true]")
        if "bf-suggest__facet" in (chosen.get_attribute("class") or ""):
            break
    assert chosen.get_attribute("aria-label") == "Theme: 5G, 2 results"
    assert field.get_attribute("aria-activedescendant") == chosen.get_attribute("id")
    field.press("Escape")
    assert not box.is_visible() and field.get_attribute("aria-expanded") == "false"
    field.press("ArrowDown")  # opens the list again, nothing chosen
    page.locator("#bf-suggest .bf-suggest__more").wait_for()
    first_facet = page.evaluate(
        "() => [...document.querySelectorAll('#bf-suggest-list [role=option]')].findIndex(o => o.classList.contains('bf-suggest__facet'))")
    for _ in range(first_facet + 1):
        field.press("ArrowDown")
    assert page.locator("#bf-suggest-list [aria-selected=true]").get_attribute("aria-label") == "Theme: 5G, 2 results"
    field.press("Enter")
    page.wait_for_url(re.compile(r"/briefings-site/search/\?q=Huawei&theme=5G$"))
    ticked = page.locator(".pagefind-ui__filter-checkbox:checked")
    ticked.first.wait_for(state="attached", timeout=60_000)
    assert ticked.count() == 1


def test_without_javascript_the_header_form_still_opens_the_search_page(browser, site_server) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_server + JOURNAL)
        field = page.get_by_role("searchbox", name="Search the briefings")
        field.fill("Huawei")
        field.press("Enter")
        page.wait_for_url(re.compile(r"/briefings-site/search/\?q=Huawei$"))
    finally:
        context.close()


@pytest.mark.parametrize("query", list(QUALITY))
def test_search_quality_the_expected_briefing_and_paragraph_come_first(page, site_server, query: str) -> None:
    briefing, paragraph = QUALITY[query]
    settle(page, site_server + "archive/")
    _type(page, query)
    first = _wait_for_answer(page, query)[0]
    assert first["href"].split("?")[0] == f"/briefings-site/{briefing}", first
    anchor = first["href"].rsplit("#", 1)[1]
    if paragraph:
        assert anchor == paragraph, first
    else:
        assert anchor.startswith("ref-"), first
    words = [w.lower() for w in query.split()]
    assert all(any(m.startswith(w[:5]) for m in first["marks"]) for w in words), f"every query word is quoted: {first}"


def test_search_page_results_open_at_a_paragraph_and_list_further_paragraphs(page, site_server) -> None:
    settle(page, site_server + "search/?q=Huawei")
    links = page.evaluate("() => [...document.querySelectorAll('.pagefind-ui__result a')].map(a => a.getAttribute('href'))")
    assert all(re.search(r"\?highlight=huawei#(p-\d+|ref-[\w-]+)$", h, re.I) for h in links), links
    assert page.locator(".pagefind-ui__result-nested").count() >= 1, "further matching paragraphs are listed"
    nested = page.locator(".pagefind-ui__result-nested a").first.inner_text()
    assert re.fullmatch(r"¶\d+", nested.strip()), nested


def test_a_matching_heading_is_listed_with_how_its_section_begins_not_with_itself_again(page, site_server) -> None:
    settle(page, site_server + "search/?q=Russia")
    nested = page.evaluate("""() => [...document.querySelectorAll('.pagefind-ui__result-nested')].map(n => ({
        title: n.querySelector('a').innerText.trim(), excerpt: n.querySelector('.pagefind-ui__result-excerpt').innerText.trim(),
        marks: [...n.querySelectorAll('mark')].map(m => m.innerText.toLowerCase())}))""")
    headings = [n for n in nested if not re.fullmatch(r"¶\d+|Reference|Title and header", n["title"])]
    assert headings, nested
    for n in headings:
        assert not n["excerpt"].lower().startswith(n["title"].lower()[:30]), n
        if "russia" in n["excerpt"].lower():
            assert any(m.startswith("russia") for m in n["marks"]), f"the query word is marked in the section's opening: {n}"


def test_on_a_phone_the_search_page_answers_as_you_type(phone_page, site_server, artifacts) -> None:
    page = phone_page
    settle(page, site_server + OPED)
    page.locator(".bf-header-search__button").tap()
    page.wait_for_url(re.compile(r"/search/"))
    page.locator(".pagefind-ui__search-input").fill("Putin")
    page.locator(".pagefind-ui__result a.pagefind-ui__result-link").first.wait_for(timeout=10_000)
    assert page.viewport_size == PHONE
    page.screenshot(path=str(artifacts / "search-390.png"))
