"""The `briefings` command: help for every subcommand, one-line errors, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BIN, ROOT, run


@pytest.mark.parametrize("args", [[], ["inspect"], ["ingest"], ["check"], ["new"]])
def test_help(args: list[str]) -> None:
    result = run([str(BIN / "briefings"), *args, "--help"], ROOT)
    assert result.returncode == 0 and "usage: briefings" in result.stdout


@pytest.mark.parametrize("args,expected", [
    (["inspect", "no-such-file.txt"], "no-such-file.txt: error: cannot read the file"),
    (["frobnicate"], "briefings: error: argument COMMAND: invalid choice"),
    (["inspect"], "briefings inspect: error: the following arguments are required: file"),
    (["check", "no-such-folder"], "no-such-folder: error: no such file or folder"),
])
def test_errors_are_one_line_with_a_nonzero_exit(tmp_path: Path, args: list[str], expected: str) -> None:
    result = run([str(BIN / "briefings"), *args], tmp_path)
    assert result.returncode != 0
    assert expected in result.stderr.splitlines()[0]
    if args[0] != "check":
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_check_passes_on_the_committed_briefings() -> None:
    result = run([str(BIN / "briefings"), "check"], ROOT)
    assert result.returncode == 0, result.stderr


def test_check_reads_and_never_writes(tmp_path: Path) -> None:
    """`briefings check` on a hand-written briefing leaves the project as it found it (no cache files)."""
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - briefings\n", encoding="utf-8")
    (tmp_path / "briefings").mkdir()
    (tmp_path / "briefings" / "note.md").write_text(
        "---\ntitle: A note\ndate: 2024-05-01\n---\n\nHuawei and 5G networks in Europe are debated again.\n", encoding="utf-8")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    result = run([str(BIN / "briefings"), "check"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
