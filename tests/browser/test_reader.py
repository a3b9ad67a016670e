"""What a reader does in a real browser (Debian chromium through Playwright)."""

from __future__ import annotations

from build_tools.readers import read_seed
from tests.conftest import SEEDS


def test_home_links_to_a_briefing_that_shows_its_title(page, site_server) -> None:
    page.goto(site_server)
    article = read_seed(SEEDS[0])
    page.click(f'a.bf-card-title[href="briefings/{article.slug}/"]')
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().strip() == article.title
