"""Shared fixtures: the project root, a scratch project built for real, and a headless Chromium page."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import settings

# The suite draws the same examples on every run, so a property test cannot pass on one machine and fail on the
# next by chance; `pytest --hypothesis-profile=explore` draws fresh ones on each run to hunt for new cases.
settings.register_profile("suite", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile("suite")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
BIN = Path(sys.executable).parent
ARTIFACTS = ROOT / "tests" / "artifacts"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden/* from the current output")


BROWSER_TIMEOUT_MS = 60_000  # a hang guard, not a speed bound: a loaded CI machine can take many seconds to start Pagefind's WebAssembly
BROWSER_FIXTURES = frozenset({"browser", "page", "phone_page"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test that drives Chromium carries the `browser` marker, so `-m "not browser"` (make test-fast) leaves it out; slow tests run first."""
    browser_dir = ROOT / "tests" / "browser"
    for item in items:
        uses_browser = BROWSER_FIXTURES & set(getattr(item, "fixturenames", ()))
        if (uses_browser or browser_dir in Path(item.path).parents) and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)
    # The long tests first (a stable sort keeps each group in file order): the two workers of `make test`
    # then finish together instead of one running a long test alone at the end.
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def run(cmd: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, **kw)


def make_scratch_project(dest: Path, seeds: list[Path] | None = None) -> Path:
    """A copy of the project's site configuration with the given raw articles in seeds/."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copy(ROOT / "glossary.yml", dest / "glossary.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    (dest / "seeds").mkdir()
    for seed in seeds if seeds is not None else SEEDS:
        shutil.copy(seed, dest / "seeds" / seed.name)
    (dest / "briefings").mkdir()
    return dest


def build_project(project: Path, *, strict: bool = True) -> subprocess.CompletedProcess:
    ingest = run([str(BIN / "briefings"), "ingest", "seeds"], project)
    assert ingest.returncode == 0, ingest.stderr + ingest.stdout
    return run([str(BIN / "mkdocs"), "build", *(["--strict"] if strict else [])], project)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus ingested and built once with `mkdocs build --strict`; returns the project folder."""
    project = make_scratch_project(tmp_path_factory.mktemp("site") / "project")
    result = build_project(project)
    assert result.returncode == 0, result.stderr
    return project


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".wasm": "application/wasm"}

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder over HTTP on 127.0.0.1 (an ephemeral port); yields the base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def serve_under_subpath(site: Path) -> Iterator[str]:
    """Serve a built site under a sub-path (/briefings-site/) the way GitHub Pages serves a project."""
    root = site.parent / "_served"
    root.mkdir(exist_ok=True)
    if not (root / "briefings-site").exists():
        (root / "briefings-site").symlink_to(site)
    with serve(root) as base:
        yield base + "briefings-site/"


@pytest.fixture(scope="session")
def site_server(built_site: Path):
    """The seed site, served under /briefings-site/."""
    with serve_under_subpath(built_site / "site") as url:
        yield url



@pytest.fixture(scope="session")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    pg = context.new_page()
    yield pg
    context.close()
