"""Material's navigation, tabs and config script rendered once for all briefing pages leave every page as Material renders it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import BIN, ROOT, make_scratch_project, run

# `mkdocs build` with theme parts shared (as it runs) or with every page rendering its own (SharedParts sharing no page).
# At exit it says which parts the last build rendered once for all its briefing pages.
MKDOCS_SHARING = (
    "import atexit, sys; from build_tools.site import shared_parts; sharing = sys.argv.pop(1) == 'on'; builds = []\n"
    "made = shared_parts.SharedParts.__init__\n"
    "def init(self, pages):\n"
    "    made(self, pages if sharing else frozenset()); builds.append(self)\n"
    "shared_parts.SharedParts.__init__ = init\n"
    "atexit.register(lambda: print('shared parts:', sorted(builds[-1].made), file=sys.stderr))\n"
    "from mkdocs.__main__ import cli; sys.argv[0] = 'mkdocs'; cli()"
)


def build(project: Path, sharing: str) -> tuple[dict[str, bytes], str]:
    shutil.rmtree(project / ".briefings-cache", ignore_errors=True)
    shutil.rmtree(project / "site", ignore_errors=True)
    result = run([sys.executable, "-c", MKDOCS_SHARING, sharing, "build", "--strict"], project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}, result.stderr


@pytest.mark.slow
def test_pages_with_shared_theme_parts_equal_pages_that_render_their_own(tmp_path: Path) -> None:
    project = make_scratch_project(tmp_path / "p")
    ingest = run([str(BIN / "briefings"), "ingest", "seeds"], project)
    assert ingest.returncode == 0, ingest.stderr
    for golden in sorted((ROOT / "tests" / "golden" / "briefings").glob("*.md"))[:8]:
        shutil.copy(golden, project / "briefings" / golden.name)
    shared, shared_log = build(project, "on")
    own, own_log = build(project, "off")
    assert "shared parts: [('config', '../..'), ('nav', '../..'), ('palette', '../..'), ('scripts', '../..'), ('styles', '../..'), ('tabs', '../..')]" in shared_log
    assert "shared parts: []" in own_log
    assert sorted(shared) == sorted(own)
    assert [name for name in sorted(own) if shared[name] != own[name]] == []
    page = shared["briefings/" + next((project / "briefings").glob("*.md")).stem + "/index.html"].decode()
    assert 'class="md-nav md-nav--primary' in page and 'class="md-tabs"' in page and 'id="__config"' in page
