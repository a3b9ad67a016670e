"""Zero broken internal links: every href/src/action on every page of the built site resolves to a file,
and every #fragment to an id in that file. Links are relative, so the site works under any sub-path."""

from __future__ import annotations

import functools
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.conftest import build_project, make_scratch_project

LINK_ATTRS = {("a", "href"), ("link", "href"), ("area", "href"), ("script", "src"), ("img", "src"), ("source", "src"),
              ("iframe", "src"), ("form", "action"), ("video", "src"), ("audio", "src")}
EXTERNAL = ("http:", "https:", "mailto:", "tel:", "data:")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if (tag, name) in LINK_ATTRS:
                self.links.append((self.getpos()[0], tag, value))


@functools.cache
def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts[:1])


def page_url(site: Path, path: Path) -> str:
    """The URL path (from the site root) a file is served at: a/b/index.html -> /a/b/."""
    rel = path.relative_to(site).as_posix()
    return "/" + (rel.removesuffix("index.html"))


def resolve(site: Path, base: str, href: str) -> tuple[Path, str, str]:
    """(target file, fragment, URL path) of an internal link from the page served at `base`, resolved as a browser does."""
    parts = urlsplit(urljoin("http://site" + base, href))
    url = parts.path
    target = site / unquote(url.lstrip("/"))
    if url.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment), url


def broken_links(site: Path) -> tuple[list[str], int]:
    problems: list[str] = []
    checked = 0
    for path in html_pages(site):
        base = page_url(site, path)
        for line, tag, href in parse(path).links:
            if href.startswith(EXTERNAL) or href.startswith("javascript:") and tag == "form":
                continue
            where = f"{path.relative_to(site)}:{line}: <{tag}> {href!r}"
            if href.startswith("//"):
                problems.append(f"{where}: protocol-relative link leaves the site")
                continue
            if href.startswith("/") and path.name != "404.html":
                problems.append(f"{where}: root-relative link breaks under a sub-path such as /briefings-site/")
            target, fragment, url = resolve(site, base, href)
            checked += 1
            if not target.is_file():
                problems.append(f"{where}: {url} does not exist")
                continue
            if fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                problems.append(f"{where}: no id {fragment!r} in {target.relative_to(site)}")
    return problems, checked


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    site = built_site / "site"
    problems, checked = broken_links(site)
    assert checked > 500, f"only {checked} internal links found: is the walker reading the pages?"
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(problems[:50])


@pytest.mark.parametrize("href,expected", [
    ("../../glossary/#term-5g", ("glossary/index.html", "term-5g")),
    ("#p-3", ("briefings/x/index.html", "p-3")),
    ("../..", ("index.html", "")),
    ("./", ("briefings/x/index.html", "")),
    ("../../assets/briefings/briefings.css", ("assets/briefings/briefings.css", "")),
])
def test_the_resolver_follows_relative_links_like_a_browser(tmp_path: Path, href: str, expected: tuple[str, str]) -> None:
    target, fragment, _ = resolve(tmp_path, "/briefings/x/", href)
    assert (target.relative_to(tmp_path).as_posix(), fragment) == expected


def test_the_checker_reports_a_missing_page_and_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<p id="here"><a href="a/#nowhere">x</a> <a href="b/">y</a> <a href="#here">z</a></p>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<a href="../#here">back</a>', encoding="utf-8")
    parse.cache_clear()
    problems, checked = broken_links(tmp_path)
    assert checked == 4
    assert [p.split(": ", 1)[1] for p in problems] == ["<a> 'a/#nowhere': no id 'nowhere' in a/index.html", "<a> 'b/': /b/ does not exist"]


def test_paginated_listings_and_a_sharded_search_index_leave_no_broken_link(tmp_path: Path) -> None:
    # One briefing per hub and archive page, one per search shard: the pager links and shards.js must resolve.
    project = make_scratch_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    options = "  - briefings:\n      listing_page_size: 1\n      search_shard_pages: 1\n"
    config.write_text(config.read_text(encoding="utf-8").replace("  - briefings:\n", options, 1), encoding="utf-8")
    result = build_project(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert (site / "archive" / "2" / "index.html").is_file() and (site / "pagefind" / "shard-1" / "pagefind-entry.json").is_file()
    assert '<nav class="bf-pager" aria-label="Pages">' in (site / "archive" / "2" / "index.html").read_text(encoding="utf-8")
    problems, checked = broken_links(site)
    assert checked > 500
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(problems[:50])
