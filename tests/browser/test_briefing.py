"""A briefing page as a reader uses it: previews, citations, glossary tooltips, paragraph links, citing."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import JOURNAL, OPED, settle

pytestmark = pytest.mark.browser


def _target_id(page) -> str | None:
    return page.evaluate("() => { const t = document.querySelector(':target'); return t ? t.id : null; }")


def _para_text(page, pid: str) -> str:
    return page.evaluate("id => document.getElementById(id).textContent.replace(/\\s+/g, ' ').replace(/^¶\\s*/, '').trim()", pid)


def test_hovering_a_summary_sentence_previews_its_paragraph(page, site_server) -> None:
    settle(page, site_server + JOURNAL)
    link = page.locator("a.bf-sum").nth(2)
    pid = link.get_attribute("href").lstrip("#")
    link.hover()
    preview = page.locator("#bf-preview")
    preview.wait_for(state="visible")
    assert preview.inner_text().startswith(f"¶{pid[2:]} ")
    assert _para_text(page, pid)[:80] in preview.inner_text()
    assert link.get_attribute("aria-describedby") == "bf-preview"
    page.mouse.move(5, 5)
    preview.wait_for(state="hidden")


def test_a_first_tap_previews_and_a_second_tap_follows_the_link(phone_page, site_server) -> None:
    page = phone_page
    settle(page, site_server + JOURNAL)
    link = page.locator("a.bf-sum").first
    pid = link.get_attribute("href").lstrip("#")
    link.tap()
    page.locator("#bf-preview").wait_for(state="visible")
    assert "#" not in page.url
    link.tap()
    page.wait_for_url(re.compile(f"#{pid}$"))
    assert _target_id(page) == pid


def test_a_key_point_links_and_previews_its_paragraph(page, site_server) -> None:
    settle(page, site_server + JOURNAL)
    link = page.locator(".bf-keypoints a.bf-kp").first
    link.hover()
    page.locator("#bf-preview").wait_for(state="visible")
    link.click()
    assert _target_id(page) == link.get_attribute("href").lstrip("#")


def test_clicking_a_citation_lands_on_its_reference_which_lists_where_it_is_cited(page, site_server) -> None:
    settle(page, site_server + JOURNAL)
    citation = page.locator('p[id^="p-"] a[href^="#ref-"]').first
    ref = citation.get_attribute("href").lstrip("#")
    citing = citation.evaluate("a => a.closest('p').id")
    citation.click()
    page.wait_for_url(re.compile(f"#{ref}$"))
    assert _target_id(page) == ref
    target = page.locator(f"#{ref}")
    assert target.evaluate("e => e.matches(':target') && getComputedStyle(e).backgroundColor !== 'rgba(0, 0, 0, 0)'")
    assert target.is_visible() and target.bounding_box()["y"] >= 0
    back = target.locator(".bf-cited a", has_text=f"¶{citing[2:]}")
    assert back.count() == 1, "the reference lists the paragraph that cites it"
    back.click()
    assert _target_id(page) == citing


def test_references_with_addresses_have_real_links(page, site_server) -> None:
    settle(page, site_server + JOURNAL)
    ref = page.locator("p.bf-ref", has_text="Sotsialnye seti")
    assert ref.locator("a[href^='https://vc.ru/']").count() == 1
    assert page.locator("p.bf-ref a[href^='http']").count() >= 10


def test_a_glossary_term_shows_its_definition_and_links_to_its_entry(page, site_server) -> None:
    settle(page, site_server + OPED)
    term = page.locator("a.bf-term", has_text="5G").first
    assert term.get_attribute("title") is None, "no title: Material would mount a tooltip component per term on load"
    assert "fifth generation" in term.get_attribute("data-bf-def")
    term.hover()
    tooltip = page.locator("#bf-preview")
    tooltip.wait_for(state="visible")
    assert "fifth generation" in tooltip.inner_text()
    term.click()
    page.wait_for_url(re.compile(r"/briefings-site/glossary/#term-5g$"))
    assert _target_id(page) == "term-5g"
    assert "fifth generation" in page.locator("#term-5g + dd").inner_text()


def test_the_copy_button_of_a_paragraph_copies_its_link(page, site_server) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    settle(page, site_server + OPED)
    paragraph = page.locator("p#p-3")
    paragraph.hover()
    button = paragraph.locator("button.bf-para-link")
    assert button.get_attribute("aria-label") == "Copy link to paragraph 3"
    button.click()
    assert page.url.endswith("#p-3")
    assert page.evaluate("() => navigator.clipboard.readText()") == site_server + OPED + "#p-3"


def test_the_table_of_contents_lists_the_page_sections_and_the_article_headings(page, site_server) -> None:
    settle(page, site_server + JOURNAL)
    toc = page.locator("nav.md-nav--secondary")
    top = toc.locator(":scope > ul > li > a").all_inner_texts()
    assert [t.strip() for t in top] == ["Key points", "Summary", "Full text", "References", "Related briefings", "Cite this briefing"]
    nested = [t.strip() for t in toc.locator(":scope > ul > li:nth-child(3) li > a").all_inner_texts()]
    assert nested[0] == "Measuring the impact of technology on international relations"
    assert len(nested) == 5
    for href in toc.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))"):
        assert page.locator(href).count() == 1, href


def test_cite_this_briefing_offers_apa_bibtex_and_ris_with_copy_buttons(page, site_server) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    settle(page, site_server + JOURNAL)
    cite = page.locator("section.bf-cite")
    assert cite.locator(".tabbed-labels label").all_inner_texts() == ["APA", "BibTeX", "RIS"]
    cite.locator("label", has_text="BibTeX").click()
    bibtex = cite.locator(".tabbed-block").nth(1)
    bibtex.wait_for(state="visible")
    assert bibtex.inner_text().startswith("@article{bezrukov")
    bibtex.hover()
    copy = bibtex.locator('button[data-md-type="copy"]')
    copy.click()
    assert page.evaluate("() => navigator.clipboard.readText()").startswith("@article{bezrukov")
    cite.locator("label", has_text="RIS").click()
    assert cite.locator(".tabbed-block").nth(2).inner_text().startswith("TY  - JOUR")


def test_related_briefings_show_why(page, site_server) -> None:
    settle(page, site_server + OPED)
    related = page.locator("section.bf-related li")
    assert related.count() >= 1
    assert related.first.locator(".bf-why").inner_text().startswith("Both mention")
    related.first.locator("a").click()
    page.wait_for_load_state()
    assert page.url.endswith(JOURNAL)
