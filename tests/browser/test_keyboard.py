"""Keyboard only: Tab reaches a summary sentence (and its preview), a citation and a glossary term; Enter follows them."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import JOURNAL, settle

pytestmark = pytest.mark.browser
MAX_TABS = 400


def tab_to(page, selector: str) -> dict:
    """Press Tab from where focus is until the focused element matches `selector`; return its id, href and text."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        found = page.evaluate(
            "sel => { const e = document.activeElement; return e && e.matches(sel)"
            " ? {href: e.getAttribute('href'), text: e.innerText, visible: e.getBoundingClientRect().height > 0} : null; }",
            selector,
        )
        if found:
            assert found["visible"], f"focus reached a hidden {selector}"
            return found
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached {selector}")


def _target_id(page) -> str | None:
    return page.evaluate("() => { const t = document.querySelector(':target'); return t ? t.id : null; }")


def test_tab_reaches_a_summary_sentence_which_previews_its_paragraph_and_enter_follows_it(page, site_server) -> None:
    settle(page, site_server + JOURNAL)
    found = tab_to(page, "a.bf-sum")
    preview = page.locator("#bf-preview")
    preview.wait_for(state="visible")
    pid = found["href"].lstrip("#")
    assert preview.inner_text().startswith(f"¶{pid[2:]} ")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-describedby')") == "bf-preview"
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(f"#{pid}$"))
    assert _target_id(page) == pid


def test_tab_reaches_a_citation_and_enter_lands_on_its_reference(page, site_server) -> None:
    settle(page, site_server + JOURNAL)
    found = tab_to(page, 'p[id^="p-"] a[href^="#ref-"]')
    page.keyboard.press("Enter")
    ref = found["href"].lstrip("#")
    page.wait_for_url(re.compile(f"#{ref}$"))
    assert _target_id(page) == ref


def test_tab_reaches_a_glossary_term_with_its_tooltip_and_enter_opens_its_entry(page, site_server) -> None:
    settle(page, site_server + JOURNAL)
    found = tab_to(page, "a.bf-term")
    tooltip = page.locator("#bf-preview")
    tooltip.wait_for(state="visible")
    assert found["text"].strip() in tooltip.inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/glossary/#term-[\w-]+$"))
    assert _target_id(page) == page.url.rsplit("#", 1)[1]


def test_skip_link_and_focus_are_visible(page, site_server) -> None:
    settle(page, site_server + JOURNAL)
    page.keyboard.press("Tab")
    skip = page.evaluate("() => ({skip: document.activeElement.classList.contains('md-skip'), text: document.activeElement.innerText.trim()})")
    assert skip == {"skip": True, "text": "Skip to content"}
    found = tab_to(page, "a.bf-sum")
    outline = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }")
    assert not outline.startswith("none"), f"focused summary link has no visible outline ({outline})"
    assert found
