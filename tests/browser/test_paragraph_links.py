"""The "¶" copy-link buttons come with the page, and a landing on a paragraph shows it with its button.

Structure, not timing: the buttons are in the served HTML before any script
runs (one per paragraph block; the script adds none), a reader landing on a
paragraph sees it at the top with its button clickable, and no glossary term
carries a `title` (Material would mount a tooltip component for each on load).
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import DESKTOP, JOURNAL, PHONE, settle

pytestmark = pytest.mark.browser

BLOCKS = '[data-pagefind-body] [id^="p-"]'


def _counts(page) -> dict[str, int]:
    return page.evaluate(
        f"""() => ({{blocks: document.querySelectorAll('{BLOCKS}').length,
                    buttons: document.querySelectorAll('button.bf-para-link').length,
                    titled_terms: document.querySelectorAll('a.bf-term[title]').length}})"""
    )


def test_the_paragraph_buttons_are_in_the_html_before_any_script_runs(browser, site_server) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_server + JOURNAL)
        served = _counts(page)
        assert served["blocks"] >= 70 and served["buttons"] == served["blocks"], served
        assert served["titled_terms"] == 0
        button = page.locator("#p-3 button.bf-para-link")
        assert button.get_attribute("aria-label") == "Copy link to paragraph 3"
        assert button.get_attribute("data-pagefind-ignore") is not None
    finally:
        context.close()
    live = browser.new_page()
    try:
        settle(live, site_server + JOURNAL)
        assert _counts(live) == served, "the script adds no buttons of its own"
    finally:
        live.close()


def test_a_landing_shows_its_paragraph_at_the_top_with_its_button(page, site_server, artifacts) -> None:
    page.set_viewport_size(DESKTOP)
    settle(page, site_server + JOURNAL)
    page.screenshot(path=str(artifacts / "briefing-top-1280.png"))

    settle(page, site_server + JOURNAL + "#p-40")
    page.wait_for_timeout(300)
    top = page.evaluate("() => document.getElementById('p-40').getBoundingClientRect().top")
    header = page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert header <= top < header + 120, (header, top)
    paragraph = page.locator("#p-40")
    paragraph.hover()
    button = paragraph.locator("button.bf-para-link")
    box = button.bounding_box()
    # The button sits left of the paragraph's box: it must be painted and hit there, not clipped by containment.
    assert box["x"] + box["width"] <= paragraph.bounding_box()["x"]
    hit = page.evaluate(f"() => document.elementFromPoint({box['x'] + box['width'] / 2}, {box['y'] + box['height'] / 2})?.className")
    assert hit == "bf-para-link", hit
    page.screenshot(path=str(artifacts / "briefing-mid-1280.png"))
    button.click()
    page.wait_for_url(re.compile(r"#p-40$"))
    assert button.get_attribute("aria-label") == "Link to paragraph 40 copied"


def test_on_a_phone_the_buttons_sit_inside_the_paragraph(phone_page, site_server, artifacts) -> None:
    page = phone_page
    settle(page, site_server + JOURNAL)
    assert page.viewport_size == PHONE
    page.screenshot(path=str(artifacts / "briefing-top-390.png"))
    settle(page, site_server + JOURNAL + "#p-40")
    page.wait_for_timeout(300)
    paragraph = page.locator("#p-40").bounding_box()
    button = page.locator("#p-40 button.bf-para-link").bounding_box()
    assert paragraph["x"] <= button["x"] and button["x"] + button["width"] <= paragraph["x"] + paragraph["width"] + 1
    assert button["width"] >= 24 or button["height"] >= 20
    page.screenshot(path=str(artifacts / "briefing-mid-390.png"))
