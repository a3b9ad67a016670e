"""Determinism: the same sources give a byte-identical site, whoever builds them, wherever, however often."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SEEDS, build_project, run
from tests.robustness.helpers import DATA, MKDOCS, PYTHON, project_with, snapshot

pytestmark = pytest.mark.slow


def _project(dest: Path) -> Path:
    # The real seeds, an article in a legacy code page and a hand-written briefing: every kind of page.
    project = project_with(dest, seeds=[*SEEDS, DATA / "injection_seed.txt"],
                           briefings={"hand-written.md": (DATA / "injection_front_matter.md").read_text(encoding="utf-8")})
    (project / "seeds" / "cp1251.txt").write_bytes("Цифровой суверенитет\n\nРоссия стремится к технологической независимости.\n".encode("cp1251"))
    return project


def _differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(p for p in set(a) | set(b) if a.get(p) != b.get(p))


def test_two_copies_build_byte_identical_sites(tmp_path: Path) -> None:
    first = _project(tmp_path / "first")
    second = _project(tmp_path / "elsewhere" / "second-copy")
    assert build_project(first).returncode == 0
    result = build_project(second)
    assert result.returncode == 0, result.stderr
    one, two = snapshot(first / "site"), snapshot(second / "site")
    assert len(one) > 50
    assert not _differences(one, two), _differences(one, two)[:20]
    assert snapshot(first / "briefings") == snapshot(second / "briefings")

    # Rebuilt from scratch (no site/, no cache) in the same folder, and through `briefings build`.
    shutil.rmtree(first / "site")
    shutil.rmtree(first / ".briefings-cache")
    assert run([MKDOCS, "build", "--strict"], first).returncode == 0
    assert not _differences(one, snapshot(first / "site"))
    result = run([PYTHON, "-m", "build_tools.build", "--strict"], first)
    assert result.returncode == 0, result.stderr
    assert not _differences(one, snapshot(first / "site"))
