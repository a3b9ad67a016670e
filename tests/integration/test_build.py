"""A real `mkdocs build --strict` of a scratch project built from the seeds."""

from __future__ import annotations

import html
import re
from pathlib import Path

from build_tools.readers import read_seed
from tests.conftest import SEEDS, build_project, make_scratch_project


def _page_text(path: Path) -> str:
    text = re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", html.unescape(text))


def test_each_seed_has_a_page_with_title_and_first_and_last_sentence(built_site: Path) -> None:
    for seed in SEEDS:
        article = read_seed(seed)
        page = built_site / "site" / "briefings" / article.slug / "index.html"
        assert page.is_file(), f"no page for {seed.name}"
        text = _page_text(page)
        assert article.title in text
        paragraphs = article.paragraphs()
        first_sentence = re.split(r"(?<=[.!?])\s", paragraphs[0].text)[0]
        last_sentence = re.split(r"(?<=[.!?])\s", paragraphs[-1].text)[-1]
        assert first_sentence in text
        assert last_sentence in text


def test_corpus_pages_exist(built_site: Path) -> None:
    site = built_site / "site"
    for page in ("index.html", "themes/index.html", "themes/5g/index.html", "themes/sovereignty/index.html",
                 "themes/ecosystems/index.html", "glossary/index.html", "entities/index.html", "archive/index.html", "feed.xml"):
        assert (site / page).is_file(), page


def test_home_lists_every_briefing(built_site: Path) -> None:
    home = (built_site / "site" / "index.html").read_text(encoding="utf-8")
    for seed in SEEDS:
        assert f'href="briefings/{read_seed(seed).slug}/"' in home


def test_briefings_are_not_in_the_global_navigation(built_site: Path) -> None:
    page = next((built_site / "site" / "briefings").glob("*/index.html")).read_text(encoding="utf-8")
    nav = page[page.find('class="md-nav md-nav--primary"'):]
    nav = nav[: nav.find("</nav>")]
    for seed in SEEDS:
        assert read_seed(seed).slug not in nav


def test_a_listing_page_size_of_zero_is_refused_by_name(tmp_path: Path) -> None:
    project = make_scratch_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - briefings:\n", "  - briefings:\n      listing_page_size: 0\n", 1), encoding="utf-8")
    result = build_project(project)
    assert result.returncode != 0
    assert "briefings: 'listing_page_size' must be 1 or more, not 0" in result.stderr


def test_a_theme_without_a_slug_is_a_config_error_naming_the_option(tmp_path: Path) -> None:
    from tests.conftest import BIN, run

    project = make_scratch_project(tmp_path / "project", seeds=SEEDS[:1])
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "other.yml").write_text(text.replace("        - slug: ecosystems\n", "        - title: Export controls\n        - slug: ecosystems\n"), encoding="utf-8")
    ingest = run([str(BIN / "briefings"), "ingest", "seeds", "--config", "other.yml"], project)
    assert ingest.returncode == 2
    assert "other.yml: error: plugins.briefings.themes, theme 3: 'slug' is required" in ingest.stderr
    assert "Traceback" not in ingest.stderr
    build = run([str(BIN / "mkdocs"), "build", "-f", "other.yml"], project)
    assert build.returncode != 0 and "Traceback" not in build.stderr
    assert "option 'themes'" in build.stderr and "'slug'" in build.stderr


def test_mkdocs_build_with_another_config_file_takes_its_glossary_from_it(tmp_path: Path) -> None:
    from tests.conftest import BIN, run

    project = make_scratch_project(tmp_path / "project", seeds=SEEDS[:1])
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "other.yml").write_text(text.replace("glossary: glossary.yml", "glossary: other-glossary.yml"), encoding="utf-8")
    (project / "other-glossary.yml").write_text(
        "- term: Zettabyte corridor\n  definition: A made-up phrase that only the other glossary defines.\n", encoding="utf-8")
    (project / "briefings" / "corridor.md").write_text(
        "---\ntitle: The zettabyte corridor\ndate: 2024-01-01\n---\n\nPlanners now speak of a Zettabyte corridor between two data centre regions.\n",
        encoding="utf-8")
    build = run([str(BIN / "mkdocs"), "build", "-f", "other.yml"], project)
    assert build.returncode == 0, build.stderr
    glossary = (project / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "A made-up phrase that only the other glossary defines." in glossary
