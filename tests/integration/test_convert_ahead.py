"""Briefing pages converted ahead in worker processes give the very site one process gives, and the same warnings."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from build_tools.readers import read_seed
from tests.conftest import BIN, ROOT, SEEDS, make_scratch_project, run

# `mkdocs` as its command line runs it, with the number of briefings from which pages are converted ahead set first.
MKDOCS_WITH_MIN = (
    "import sys; from build_tools.mkdocs_plugin import convert_ahead; convert_ahead.PARALLEL_MIN = int(sys.argv.pop(1)); "
    "from mkdocs.__main__ import cli; sys.argv[0] = 'mkdocs'; cli()"
)


def build(project: Path, parallel_min: int, *extra: str, cold: bool = True) -> tuple[dict[str, bytes], list[str], str, int]:
    """(every file of site/, the warnings in order, the log, the exit code) of a `mkdocs build`, cold unless told."""
    if cold:
        shutil.rmtree(project / ".briefings-cache", ignore_errors=True)
    shutil.rmtree(project / "site", ignore_errors=True)
    result = run([sys.executable, "-c", MKDOCS_WITH_MIN, str(parallel_min), "build", *extra], project)
    site = project / "site"
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    return files, warnings, result.stderr, result.returncode


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, the 27 golden briefings, and a hand-written briefing whose cross-link names a missing anchor."""
    project = make_scratch_project(tmp_path_factory.mktemp("ahead") / "p")
    ingest = run([str(BIN / "briefings"), "ingest", "seeds"], project)
    assert ingest.returncode == 0, ingest.stderr
    for golden in sorted((ROOT / "tests" / "golden" / "briefings").glob("*.md")):
        if not (project / "briefings" / golden.name).exists():
            shutil.copy(golden, project / "briefings" / golden.name)
    journal = read_seed(SEEDS[1]).slug
    (project / "briefings" / "my-note.md").write_text(
        "---\ntitle: Why Russia chose Huawei for 5G\ndate: 2019-07-01\n---\n\n"
        f"Russia's largest operator chose Huawei, as [[{journal}#p-999]] does not explain.\n\n"
        "For Moscow the 5G deal is about technological sovereignty and a partner under sanctions.\n",
        encoding="utf-8",
    )
    return project


@pytest.mark.slow
def test_pages_converted_ahead_equal_pages_converted_in_one_process(project: Path) -> None:
    ahead, ahead_warnings, ahead_log, code = build(project, 1)
    assert code == 0, ahead_log
    count = len(list((project / "briefings").glob("*.md")))
    assert f"{count} briefing pages converted ahead in 2 processes" in ahead_log, ahead_log
    one, one_warnings, one_log, code = build(project, 10**9)
    assert code == 0, one_log
    assert "converted ahead" not in one_log
    assert sorted(ahead) == sorted(one)
    assert [name for name in sorted(one) if ahead[name] != one[name]] == []
    assert ahead_warnings == one_warnings, "a worker's warnings are said again, in page order"
    assert any("p-999" in line for line in one_warnings), one_warnings


@pytest.mark.slow
def test_strict_counts_a_warning_made_while_a_worker_converted_the_page(project: Path) -> None:
    (project / "briefings" / "broken-link.md").write_text(
        "---\ntitle: A note with a broken link\ndate: 2020-01-01\n---\n\nSee [the missing page](../nowhere.md) for more.\n",
        encoding="utf-8",
    )
    try:
        _, warnings, log, code = build(project, 1, "--strict")
    finally:
        (project / "briefings" / "broken-link.md").unlink()
    assert "converted ahead" in log
    assert code != 0, log
    assert sum("nowhere.md" in line for line in warnings) == 1, warnings


@pytest.mark.slow
def test_a_rebuild_that_finds_its_pages_cached_leaves_the_few_changes_to_mkdocs_loop(project: Path) -> None:
    """Workers would only look every page up in the cache again: a warm rebuild converts in MkDocs' loop, with the same site."""
    cold, _, cold_log, code = build(project, 1)
    assert code == 0 and "converted ahead" in cold_log, cold_log
    count = len(list((project / "briefings").glob("*.md")))
    warm, _, warm_log, code = build(project, 1, cold=False)
    assert code == 0, warm_log
    assert "converted ahead" not in warm_log
    assert f"{count} of {count} briefing pages reused from the page cache" in warm_log
    assert [name for name in sorted(cold) if warm.get(name) != cold[name]] == [] and sorted(warm) == sorted(cold)
    config = project / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original.replace("site_name: Briefings", "site_name: Briefings on trial", 1), encoding="utf-8")
    try:
        _, _, changed_log, code = build(project, 1, cold=False)
    finally:
        config.write_text(original, encoding="utf-8")
    assert code == 0 and "converted ahead" in changed_log, "a changed site misses the cache everywhere: workers convert again"
