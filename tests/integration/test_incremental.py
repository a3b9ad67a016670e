"""Incremental builds: a rebuild reuses finished pages and the search index, and always equals a cold build."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_tools.readers import read_seed
from tests.conftest import BIN, SEEDS, make_scratch_project, run

OPED, JOURNAL = (read_seed(s).slug for s in SEEDS)


def ingest(project: Path) -> None:
    result = run([str(BIN / "briefings"), "ingest", "seeds"], project)
    assert result.returncode == 0, result.stderr


def build(project: Path) -> tuple[dict[str, bytes], list[str], str]:
    """(every file of site/, the build's warnings, its log) of a plain `mkdocs build`."""
    result = run([str(BIN / "mkdocs"), "build"], project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    warnings = sorted(line for line in result.stderr.splitlines() if line.startswith("WARNING"))
    return files, warnings, result.stderr


def cold_build(project: Path) -> tuple[dict[str, bytes], list[str], str]:
    shutil.rmtree(project / ".briefings-cache", ignore_errors=True)
    return build(project)


@dataclass(frozen=True)
class Built:
    """A project built once per test process, cold: its folder, and the files and warnings of that build."""

    folder: Path
    files: dict[str, bytes]
    warnings: list[str]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The seeds, a hand-written briefing with cross-links (one to an anchor that does not exist), and a docs page linking in."""
    project = make_scratch_project(tmp_path_factory.mktemp("incremental") / "p")
    ingest(project)
    (project / "briefings" / "my-note.md").write_text(
        "---\ntitle: Why Russia chose Huawei for 5G\ndate: 2019-07-01\n---\n\n"
        f"Russia's largest operator chose Huawei as its 5G supplier, as [[{OPED}#p-2]] explains. See also [[{JOURNAL}#p-999]].\n\n"
        "For Moscow the 5G deal is about technological sovereignty and a partner under sanctions.\n",
        encoding="utf-8",
    )
    (project / "docs" / "reading.md").write_text(f"# Reading\n\nStart with [the op-ed](briefings/{OPED}.md#p-3).\n", encoding="utf-8")
    files, warnings, _ = cold_build(project)
    return Built(project, files, warnings)


@pytest.fixture
def project(built: Built, tmp_path: Path) -> Path:
    """A copy of the built project (sources, caches and site), for one test to change and rebuild."""
    return Path(shutil.copytree(built.folder, tmp_path / "p", symlinks=True))


def test_a_rebuild_with_nothing_changed_reuses_every_page_and_is_identical(built: Built, project: Path) -> None:
    again, again_warnings, log = build(project)
    assert "3 of 3 briefing pages reused from the page cache; search index reused" in log
    assert again == built.files
    assert again_warnings == built.warnings
    assert any("#p-999" in w for w in again_warnings)  # the broken anchor is still reported from a cached page


def _edit_body(project: Path) -> None:
    path = project / "briefings" / f"{OPED}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n{: #p-1 }", " An editor added this sentence.\n{: #p-1 }", 1), encoding="utf-8")


def _edit_glossary(project: Path) -> None:
    path = project / "glossary.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n- term: Huawei\n  definition: A Chinese maker of telecom equipment.\n", encoding="utf-8")


def _edit_config(project: Path) -> None:
    path = project / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("site_name: Briefings", "site_name: Policy briefings"), encoding="utf-8")


def _delete_linked_briefing(project: Path) -> None:
    (project / "briefings" / f"{JOURNAL}.md").unlink()


def _edit_docs_page(project: Path) -> None:
    (project / "docs" / "reading.md").write_text(f"# Reading\n\nStart with [the op-ed](briefings/{OPED}.md#no-such-anchor).\n", encoding="utf-8")


@pytest.mark.parametrize("change", [_edit_body, _edit_glossary, _edit_config, _delete_linked_briefing, _edit_docs_page])
def test_a_rebuild_after_a_change_equals_a_cold_build(project: Path, change) -> None:
    change(project)
    warm, warm_warnings, log = build(project)
    cold, cold_warnings, _ = cold_build(project)
    assert sorted(warm) == sorted(cold)
    assert [name for name in warm if warm[name] != cold[name]] == []
    assert warm_warnings == cold_warnings


@pytest.mark.parametrize(("old", "new", "reused"), [
    # Only the note's own page changes.
    ("a partner under sanctions", "a partner that is itself under sanctions", 2),
    # The linking sentence changes: the op-ed's "Linked from" quotes it, so that page is rendered again too.
    ("as its 5G supplier", "as its sole 5G supplier", 1),
])
def test_editing_one_briefing_renders_only_the_pages_it_changes(project: Path, old: str, new: str, reused: int) -> None:
    path = project / "briefings" / "my-note.md"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    _, _, log = build(project)
    assert f"{reused} of 3 briefing pages reused from the page cache; search index built" in log


def test_a_bad_briefing_is_reported_on_every_rebuild(project: Path) -> None:
    (project / "briefings" / "broken.md").write_text("---\ntitle: Broken\ndate: [2019\n---\n\nText.\n", encoding="utf-8")
    for _ in range(2):
        _, warnings, _ = build(project)
        assert any("briefings/broken.md:4:1: error: front matter is not valid YAML" in w for w in warnings)
