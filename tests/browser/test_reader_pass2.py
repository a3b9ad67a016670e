"""What a reader sees on a briefing and around it: nothing in the record hidden, dates and sources stated
honestly, terms without a definition not dressed up as defined, contents on a phone, the 404 page under a
sub-path, touch targets, the reader's navigation, and what a theme score means."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import DESKTOP, JOURNAL, OPED, settle
from tests.conftest import BIN, SEEDS, make_scratch_project, run, serve_under_subpath

pytestmark = pytest.mark.browser

UNDATED = "an-undated-note"
INFERRED = "a-note-with-an-inferred-year"
# Hand-written briefings (text written for these tests): one with nothing known about its origin, one whose
# year was inferred and which uses a term the glossary has no definition for.
BRIEFINGS = {
    UNDATED: """---
title: An undated note on spectrum auctions
type: commentary
---

Spectrum auctions decide which operators may build the next network, and at what price.

A second paragraph keeps the note from being a single block of text.
""",
    INFERRED: """---
title: A note whose year comes from its DOI
type: journal article
date: "2021"
inferred: [date]
doi: 10.5555/example-2021-07
publisher: Example Quarterly
authors:
  - name: Jane Doe
glossary:
  - {term: QZXV, kind: acronym, definition: null}
  - {term: Flurbo, kind: term, definition: "A made-up word that stands for a vendor-neutral radio unit."}
---

The QZXV plan puts a Flurbo in every town before the auction closes.

A Flurbo costs less than the radio unit it replaces.
""",
}


@pytest.fixture(scope="module")
def record_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus the two hand-written briefings, built with SITE_URL under the /briefings-site/ path."""
    project = make_scratch_project(tmp_path_factory.mktemp("record") / "project")
    for slug, text in BRIEFINGS.items():
        (project / "briefings" / f"{slug}.md").write_text(text, encoding="utf-8")
    ingest = run([str(BIN / "briefings"), "ingest", "seeds"], project)
    assert ingest.returncode == 0, ingest.stderr
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1/briefings-site/"}
    build = subprocess.run([str(BIN / "mkdocs"), "build"], cwd=project, capture_output=True, text=True, env=env, check=False)
    assert build.returncode == 0, build.stderr
    assert "for local preview only" not in build.stderr, "with SITE_URL set, the build does not call its links local"
    return project


@pytest.fixture(scope="module")
def record_server(record_project: Path):
    with serve_under_subpath(record_project / "site") as url:
        yield url


def _text(page, selector: str) -> str:
    return re.sub(r"\s+", " ", page.locator(selector).first.inner_text()).strip()


# ------------------------------------------------------------------ shown, never hidden
def test_a_journal_articles_abstract_keywords_funding_and_provenance_are_on_its_page(page, site_server, artifacts) -> None:
    page.set_viewport_size(DESKTOP)
    settle(page, site_server + JOURNAL)
    about = page.locator(".bf-about")
    abstract = about.locator("details.abstract")
    assert abstract.locator("summary").inner_text().strip() == "Abstract"
    assert abstract.get_attribute("open") is None, "a long abstract is folded"
    abstract.locator("summary").click()
    assert "The two main technology ecosystems" in abstract.inner_text(), "one click shows the whole abstract"
    facts = _text(page, ".bf-facts")
    assert "Keywords" in facts and "great powers" in facts
    assert "Funding" in facts and "21-011-31278" in facts
    history = about.locator("details.note")
    assert history.locator("summary").inner_text().strip() == "Publication history"
    assert "Valdai International Club" in history.inner_text()
    lines = about.locator("details.info")
    assert re.fullmatch(r"Header lines as written \(\d+\)", lines.locator("summary").inner_text().strip())
    lines.locator("summary").click()
    assert "ORCID: 0000-0003-3551-7256" in lines.inner_text(), "unlabelled header lines are shown as written"
    assert "Andrei O. Bezrukov, Mikhail V. Mamonov" in lines.inner_text() and "*" not in lines.inner_text(), "without Markdown's emphasis marks"
    page.screenshot(path=str(artifacts / "journal-record-1280.png"))


# ------------------------------------------------------------------ dates and sources
def test_a_briefing_with_nothing_known_about_its_origin_says_so(page, record_server, record_project: Path, artifacts) -> None:
    settle(page, record_server + f"briefings/{UNDATED}/")
    assert _text(page, ".bf-byline") == "Author not stated"
    assert _text(page, ".bf-meta").startswith("Date not stated")
    assert _text(page, ".bf-unknown-line") == "Not stated in the source text: author, publisher or outlet, original address and date."
    apa = page.locator(".bf-cite code").first.inner_text()
    assert "(n.d.)" in apa, apa
    page.screenshot(path=str(artifacts / "unknown-source-1280.png"))
    archive = (record_project / "site" / "archive" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="year-undated">Date not stated</h2>' in archive
    assert "1970" not in archive
    feed = (record_project / "site" / "feed.xml").read_text(encoding="utf-8")
    assert "1970" not in feed, "an undated briefing never gets a made-up 1970 date in the feed"
    assert re.search(rf"briefings/{UNDATED}/\"/><id>[^<]+</id><updated>2021-01-01T00:00:00Z</updated>", feed), "it takes the newest date (the 2021 note)"


def test_an_inferred_date_is_shown_with_a_note_and_a_publisher_without_a_url_is_named(page, record_server) -> None:
    settle(page, record_server + f"briefings/{INFERRED}/")
    meta = _text(page, ".bf-meta")
    assert meta.startswith("2021 (not stated in the article; inferred)"), meta
    assert "Source: Example Quarterly · doi:10.5555/example-2021-07" in meta
    assert page.locator(".bf-unknown-line").count() == 0, "nothing of the origin is missing"
    apa = page.locator(".bf-cite code").first.inner_text()
    assert "(2021)" in apa and "n.d." not in apa, apa


def test_a_term_without_a_definition_is_not_marked_as_a_term(page, record_server) -> None:
    settle(page, record_server + f"briefings/{INFERRED}/")
    terms = page.evaluate("() => [...document.querySelectorAll('a.bf-term')].map(a => [a.innerText, a.getAttribute('data-bf-def')])")
    assert ["Flurbo", "Flurbo: A made-up word that stands for a vendor-neutral radio unit."] in terms, terms
    assert all(t != "QZXV" for t, _ in terms), "an entry with no definition gets no tooltip link"
    assert page.locator("#p-1", has_text="QZXV").count() == 1, "the word itself is still there"


# ------------------------------------------------------------------ phones
def test_on_a_phone_a_briefing_has_a_contents_block_that_jumps_to_sections(phone_page, site_server, artifacts) -> None:
    page = phone_page
    settle(page, site_server + JOURNAL)
    block = page.locator("nav.bf-contents")
    assert block.is_visible()
    assert block.bounding_box()["y"] < 1200, "the contents are at the top of the page"
    page.screenshot(path=str(artifacts / "journal-390.png"))
    block.locator("summary").tap()
    links = block.locator("a").all_inner_texts()
    assert {"Key points", "Summary", "Full text", "References", "Cite this briefing"} <= set(links), links
    page.screenshot(path=str(artifacts / "journal-contents-390.png"))
    block.get_by_role("link", name="References", exact=True).tap()
    page.wait_for_function("() => location.hash === '#references'")
    top = page.evaluate("() => document.getElementById('references').getBoundingClientRect().top")
    assert 0 <= top < 200, f"References is at the top of the screen ({top})"


def test_on_a_wide_screen_the_contents_block_gives_way_to_the_sidebar(page, site_server) -> None:
    page.set_viewport_size(DESKTOP)
    settle(page, site_server + JOURNAL)
    assert not page.locator("nav.bf-contents").is_visible()
    assert page.locator(".md-sidebar--secondary .md-nav__link", has_text="References").first.is_visible()


def test_on_a_touch_screen_cited_in_links_are_big_enough_and_the_hint_says_tap(phone_page, site_server) -> None:
    page = phone_page
    settle(page, site_server + JOURNAL)
    sizes = page.evaluate("() => [...document.querySelectorAll('.bf-cited a, a.bf-kp')].map(a => { const r = a.getBoundingClientRect(); return [r.width, r.height]; })")
    assert len(sizes) > 10
    assert all(w >= 24 and h >= 24 for w, h in sizes), [s for s in sizes if s[0] < 24 or s[1] < 24][:5]
    hint = _text(page, ".bf-hint")
    assert "tap one" in hint and "hover" not in hint, hint


def test_with_a_mouse_the_hint_says_hover(page, site_server) -> None:
    page.set_viewport_size(DESKTOP)
    settle(page, site_server + OPED)
    hint = _text(page, ".bf-hint")
    assert "hover or focus one" in hint and "tap" not in hint, hint


# ------------------------------------------------------------------ around the briefings
def test_the_404_page_is_styled_under_a_sub_path_and_offers_search_and_home(page, record_server, record_project: Path, artifacts) -> None:
    # GitHub Pages answers any missing address under /<repo>/ with 404.html: put it at a deep address.
    site = record_project / "site"
    deep = site / "no" / "such" / "page"
    deep.mkdir(parents=True, exist_ok=True)
    (deep / "index.html").write_text((site / "404.html").read_text(encoding="utf-8"), encoding="utf-8")
    settle(page, record_server + "no/such/page/")
    assert page.locator("h1").inner_text().strip() == "Page not found"
    header = page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header not in ("rgba(0, 0, 0, 0)", "transparent"), "Material's styles loaded"
    assert page.get_by_role("link", name="Go to the home page").get_attribute("href") in ("/briefings-site/", "/briefings-site/.")
    page.wait_for_function("() => typeof window.BriefingsSearch === 'object'")  # our scripts load from the site, not from "//assets/…"
    page.screenshot(path=str(artifacts / "404-1280.png"))
    field = page.get_by_role("searchbox", name="Search the briefings").last
    field.fill("Huawei")
    field.press("Enter")
    page.wait_for_url(re.compile(r"/briefings-site/search/\?q=Huawei$"))


def test_the_reader_nav_holds_reader_pages_and_the_docs_sit_under_for_authors(page, site_server) -> None:
    settle(page, site_server)
    tabs = [t.strip() for t in page.locator("nav.md-tabs .md-tabs__link").all_inner_texts()]
    assert tabs == ["Home", "Themes", "Glossary", "Entities", "Archive", "Search", "For authors"], tabs
    page.locator("nav.md-tabs .md-tabs__link", has_text="For authors").click()
    page.wait_for_load_state()
    section = page.locator(".md-nav--primary").inner_text()
    for title in ("Writing a briefing", "Record schema", "Scaling"):
        assert title in section


def test_a_theme_hub_explains_its_score(page, site_server) -> None:
    settle(page, site_server + "themes/5g/")
    note = _text(page, ".bf-score-note")
    assert note.startswith("The theme score, from 0 to 1, is the share of a briefing's words"), note
    assert page.locator(".bf-score").first.inner_text().startswith("#1 · theme score ")


def test_a_build_without_site_url_says_its_links_are_for_local_preview(tmp_path: Path) -> None:
    project = make_scratch_project(tmp_path / "project", seeds=SEEDS[:1])
    assert run([str(BIN / "briefings"), "ingest", "seeds"], project).returncode == 0
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    build = subprocess.run([str(BIN / "mkdocs"), "build"], cwd=project, capture_output=True, text=True, env=env, check=False)
    assert build.returncode == 0, build.stderr
    assert "SITE_URL is not set" in build.stderr and "for local preview only" in build.stderr, build.stderr
