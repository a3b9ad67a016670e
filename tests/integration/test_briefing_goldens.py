"""Golden briefings: each raw article (the seeds, the text fixtures and the reader fixtures) next to the
`briefings/<slug>.md` that `briefings ingest` writes for it, compared whole.

These are the files authors open and edit, so a change in parsing, analysis or rendering shows here as a
reviewable diff. Regenerate with `pytest tests/integration/test_briefing_goldens.py --update-goldens`, then
review `git diff tests/golden/briefings`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import BIN, FIXTURES, ROOT, SEEDS, make_scratch_project, run

GOLDEN = ROOT / "tests" / "golden" / "briefings"
READERS = ROOT / "tests" / "fixtures" / "readers"
INPUTS = [*SEEDS, *sorted(FIXTURES.glob("*.txt")), *sorted(p for p in READERS.iterdir() if p.suffix in (".md", ".html") and p.name != "README.md")]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every input ingested by the real command into a scratch project with the project's settings."""
    project = make_scratch_project(tmp_path_factory.mktemp("goldens") / "p", seeds=[])
    for path in INPUTS:
        shutil.copy(path, project / "seeds" / path.name)
    result = run([str(BIN / "briefings"), "ingest", "seeds"], project)
    assert "Traceback" not in result.stderr, result.stderr
    return project / "briefings"


def test_every_input_has_its_golden_briefing(ingested: Path, update_goldens: bool) -> None:
    written = {p.name: p.read_text(encoding="utf-8") for p in sorted(ingested.glob("*.md"))}
    assert len(written) >= len(INPUTS) - 3, "an input that is refused (a page with no article, broken front matter) writes nothing"
    if update_goldens:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        GOLDEN.mkdir(parents=True)
        for name, text in written.items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
    expected = {p.name: p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob("*.md"))}
    assert sorted(written) == sorted(expected), "briefings written differ from the goldens; rerun with --update-goldens and review"
    changed = [name for name in written if written[name] != expected[name]]
    assert not changed, f"{len(changed)} briefing(s) differ from their goldens, e.g. {changed[0]}; rerun with --update-goldens and review the diff"
