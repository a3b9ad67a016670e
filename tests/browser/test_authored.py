"""A hand-written briefing next to the seeds: its link shows as a backlink quoting the sentence, the
Content-Security-Policy stops an inline script in its body, and a GitHub build gives edit links."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import SLUGS, settle
from tests.conftest import BIN, make_scratch_project, run, serve_under_subpath

pytestmark = [pytest.mark.browser, pytest.mark.slow]
AUTHORED = "why-russia-chose-huawei"
BRIEFING = f"""---
title: Why Russia chose *Huawei* for 5G
date: 2019-07-01
type: commentary
authors:
  - name: Jane Doe
    affiliations: [Example Institute]
themes: [5g]
tags: [russia, vendors]
---

Russia's largest mobile operator, MTS, chose Huawei as its 5G supplier in June 2019. The choice follows the summit described in [[{SLUGS['oped']}]], where both leaders praised the deal.

<script>window.__injected = "an inline script from a briefing ran";</script>

## What it means

For Moscow the deal is also about technological sovereignty.
"""


@pytest.fixture(scope="module")
def authored_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_scratch_project(tmp_path_factory.mktemp("authored") / "project")
    (project / "briefings" / f"{AUTHORED}.md").write_text(BRIEFING, encoding="utf-8")
    ingest = run([str(BIN / "briefings"), "ingest", "seeds"], project)
    assert ingest.returncode == 0, ingest.stderr
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1",
           "BRIEFINGS_EDIT_URL": "https://github.com/example/briefings/edit/main/"}
    build = subprocess.run([str(BIN / "mkdocs"), "build", "--strict"], cwd=project, capture_output=True, text=True, env=env, check=False)
    assert build.returncode == 0, build.stderr
    return project / "site"


@pytest.fixture(scope="module")
def authored_server(authored_site: Path):
    with serve_under_subpath(authored_site) as url:
        yield url


def test_linked_from_quotes_the_linking_sentence(authored_site: Path) -> None:
    page = (authored_site / "briefings" / SLUGS["oped"] / "index.html").read_text(encoding="utf-8")
    section = page.split('<section class="bf-backlinks"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="../../briefings/{AUTHORED}/#p-1">Why Russia chose <em>Huawei</em> for 5G</a>' in section
    quote = re.search(r"<blockquote>(.*?)</blockquote>", section).group(1)
    assert quote.startswith("The choice follows the summit described in Beijing and Moscow lay the groundwork")


def test_a_build_given_an_edit_address_links_each_briefing_to_its_file(authored_site: Path) -> None:
    page = (authored_site / "briefings" / AUTHORED / "index.html").read_text(encoding="utf-8")
    assert f'href="https://github.com/example/briefings/edit/main/briefings/{AUTHORED}.md"' in page


def test_an_inline_script_in_a_briefing_is_removed_and_never_runs(authored_site: Path, authored_server: str, page) -> None:
    source = (authored_site.parent / "briefings" / f"{AUTHORED}.md").read_text(encoding="utf-8")
    assert "window.__injected" in source, "the fixture plants the script (Markdown passes raw HTML through)"
    html = (authored_site / "briefings" / AUTHORED / "index.html").read_text(encoding="utf-8")
    assert "window.__injected" not in html, "the sanitiser removes it from the page"
    settle(page, authored_server + f"briefings/{AUTHORED}/")
    assert page.evaluate("() => window.__injected") is None
    assert page.locator("button.bf-para-link").count() >= 2  # the site's own script still ran
