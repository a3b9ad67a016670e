"""Strictness: one bad briefing fails `mkdocs build --strict` with its file and line; a plain build still builds the rest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.readers import read_seed
from tests.conftest import SEEDS, run
from tests.robustness.helpers import BRIEFINGS, MKDOCS, project_with

pytestmark = pytest.mark.slow

BAD = {
    "bad-yaml.md": ("---\ntitle: Fine\nsubtitle: 'unterminated\n---\n\nA body.\n", r"briefings/bad-yaml\.md:4:1: error: front matter is not valid YAML"),
    "bad-type.md": ("---\ntitle: Fine\ndate: 2020-01-01\ndraft: \"yes\"\n---\n\nA body.\n", r"briefings/bad-type\.md:4:1: error: draft must be true or false"),
    "unsafe.md": ("---\ntitle: !!python/object/apply:os.system [\"touch pwned\"]\n---\n\nA body.\n", r"briefings/unsafe\.md:2:8: error: .*python/object/apply"),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = project_with(tmp_path_factory.mktemp("strict") / "project", seeds=SEEDS,
                           briefings={"good.md": "---\ntitle: A good hand-written briefing\nthemes: [5g]\n---\n\nHuawei and 5G.\n"})
    assert run([BRIEFINGS, "ingest", "seeds"], project).returncode == 0
    return project


@pytest.mark.parametrize("name", list(BAD))
def test_strict_build_fails_naming_file_and_line_and_plain_build_keeps_the_rest(project: Path, name: str) -> None:
    text, expected = BAD[name]
    bad = project / "briefings" / name
    bad.write_text(text, encoding="utf-8")
    try:
        strict = run([MKDOCS, "build", "--strict"], project)
        assert strict.returncode != 0
        output = strict.stdout + strict.stderr
        assert re.search(expected, output), output[-3000:]
        assert re.search(r"Aborted with \d+ warnings? in strict mode", output), output[-3000:]

        plain = run([MKDOCS, "build"], project)
        assert plain.returncode == 0, plain.stderr
        assert re.search(expected, plain.stdout + plain.stderr)
        site = project / "site"
        assert not (site / "briefings" / bad.stem).exists()
        assert (site / "briefings" / "good" / "index.html").is_file()
        for seed in SEEDS:
            assert (site / "briefings" / read_seed(seed).slug / "index.html").is_file()
        assert f'href="briefings/{bad.stem}/"' not in (site / "index.html").read_text(encoding="utf-8")
        assert not (project / "pwned").exists()
    finally:
        bad.unlink()
