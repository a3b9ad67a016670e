"""Browser-test helpers: the site's page types, a phone-sized page, and waiting for a page to settle."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.readers import read_seed
from tests.conftest import ARTIFACTS, BROWSER_TIMEOUT_MS, SEEDS

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def seed_slugs() -> dict[str, str]:
    """"journal" (the seed with a reference list) and "oped" (the other) -> slug."""
    out = {}
    for seed in SEEDS:
        kind = "journal" if "Sotsialnye seti" in seed.read_text(encoding="utf-8") else "oped"
        out[kind] = read_seed(seed).slug
    return out


SLUGS = seed_slugs()
JOURNAL = f"briefings/{SLUGS['journal']}/"
OPED = f"briefings/{SLUGS['oped']}/"
# One URL per page type, relative to the site root.
PAGE_TYPES = {
    "home": "",
    "briefing": JOURNAL,
    "theme-hub": "themes/5g/",
    "glossary": "glossary/",
    "entities": "entities/",
    "archive": "archive/",
    "search-results": "search/?q=Huawei",
}


def settle(page, url: str) -> None:
    """Open a URL and wait until the page and its scripts (search results included) are done."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if "search/?q=" in url:
        page.locator(".pagefind-ui__result a.pagefind-ui__result-link").first.wait_for(timeout=60_000)


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
