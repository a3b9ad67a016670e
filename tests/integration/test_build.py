"""A real `mkdocs build --strict` of a scratch project built from the seeds."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from build_tools.readers import read_seed
from build_tools.site.csp import script_hash
from build_tools.site.pagefind_order import normalise_bundle
from build_tools.site.search import build_search_index
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


def test_every_page_loads_the_plugins_scripts_from_the_sites_own_folder_by_an_allowed_inline_script(built_site: Path) -> None:
    """A small script in <head> fetches them once the page has loaded (off the first paint's path: Lighthouse, issue 17).
    Its path to the site's root is right at every depth (the 404 page's is absolute), and the page's policy allows it."""
    site = built_site / "site"
    pages = [site / "index.html", site / "404.html", site / "themes/5g/index.html", site / "search/index.html",
             *sorted((site / "briefings").glob("*/index.html"))]
    for path in pages:
        text = path.read_text(encoding="utf-8")
        head, body = text.split("</head>", 1)
        assert not re.search(r'<script src="[^"]*assets/briefings/(?:briefings|search-box)\.js"', text), path
        loaders = re.findall(r"<script>(\s*\(function \(\) \{\s*var base = \"([^\"]*)\".*?)</script>", head, re.S)
        assert len(loaders) == 1, path
        script, root = loaders[0]
        folder = site / root.lstrip("/") if path.name == "404.html" else path.parent / root
        assert (folder / "assets/briefings/briefings.js").is_file() and (folder / "assets/briefings/search-box.js").is_file(), (path, root)
        assert script_hash(script) in text.split('http-equiv="Content-Security-Policy"', 1)[1].split(">", 1)[0], path


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


@pytest.mark.parametrize(
    ("old", "new", "option"),
    [
        ("        - slug: ecosystems\n", "        - title: Export controls\n        - slug: ecosystems\n", "option 'themes': Sub-option 'slug'"),
        ("      glossary: glossary.yml\n", "      glossary: glossary.yml\n      latest: lots\n", "option 'latest'"),
    ],
)
def test_a_bad_option_is_one_config_error_naming_the_option_and_file(tmp_path: Path, old: str, new: str, option: str) -> None:
    """MkDocs validates the plugin's typed options for the site and for every command alike."""
    from tests.conftest import BIN, run

    project = make_scratch_project(tmp_path / "project", seeds=SEEDS[:1])
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in text
    (project / "other.yml").write_text(text.replace(old, new), encoding="utf-8")
    for command in ("ingest", "check"):
        result = run([str(BIN / "briefings"), command, "--config", "other.yml"], project)
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("briefings: other.yml: error: "), result.stderr
        assert option in lines[0] and "briefings" in lines[0]
    build = run([str(BIN / "mkdocs"), "build", "-f", "other.yml"], project)
    assert build.returncode != 0 and "Traceback" not in build.stderr
    assert option in build.stderr


def test_the_command_line_resolves_env_tags_in_mkdocs_yml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`!ENV` in mkdocs.yml means what MkDocs says it means, for ingestion as for the site."""
    from tests.conftest import BIN, run

    project = make_scratch_project(tmp_path / "project", seeds=SEEDS[:1])
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("glossary: glossary.yml", "glossary: !ENV [BRIEFINGS_GLOSSARY, glossary.yml]"), encoding="utf-8")
    (project / "env-glossary.yml").write_text(
        "- term: Moscow\n  definition: A definition only the glossary named by the environment gives.\n", encoding="utf-8")
    seed = next((project / "seeds").iterdir())
    monkeypatch.setenv("BRIEFINGS_GLOSSARY", "env-glossary.yml")
    result = run([str(BIN / "briefings"), "inspect", str(seed.relative_to(project)), "--json"], project)
    assert result.returncode == 0, result.stderr
    assert "A definition only the glossary named by the environment gives." in result.stdout


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


def test_the_search_index_made_ahead_equals_pagefind_over_the_finished_pages(built_site: Path, tmp_path: Path) -> None:
    """The plugin hands Pagefind each briefing's content in a bare page, before the pages are written; the bundle is
    the one Pagefind makes of the finished pages, byte for byte."""
    site = built_site / "site"
    stage = tmp_path / "stage"
    for page in sorted((site / "briefings").glob("*/index.html")):
        target = stage / page.relative_to(site)
        target.parent.mkdir(parents=True)
        shutil.copy(page, target)
    build_search_index(stage, "en", tmp_path / "bundle")
    normalise_bundle(tmp_path / "bundle")
    made = {p.relative_to(site / "pagefind").as_posix(): p.read_bytes() for p in (site / "pagefind").rglob("*") if p.is_file()}
    ours = {p.relative_to(tmp_path / "bundle").as_posix(): p.read_bytes() for p in (tmp_path / "bundle").rglob("*") if p.is_file()}
    made.pop("shards.js")
    assert sorted(made) == sorted(ours)
    assert [name for name in sorted(made) if made[name] != ours[name]] == []
    assert any(name.endswith(".pf_fragment") for name in made)
