"""Concurrency: two `briefings ingest` runs started together on one corpus both succeed and leave every file whole."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.robustness.helpers import (
    BRIEFINGS,
    briefing_problems,
    project_with,
    retitled_seeds,
    temporaries,
)

COPIES = 12
ROUNDS = 3  # from nothing, then with --jobs 2, then without


def _together(project: Path, args: list[list[str]]) -> list[subprocess.CompletedProcess]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    procs = [subprocess.Popen([BRIEFINGS, "ingest", *a], cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for a in args]
    return [subprocess.CompletedProcess(p.args, p.wait(), *p.communicate()) for p in procs]


@pytest.mark.slow
def test_two_ingests_at_once_do_not_corrupt_anything(tmp_path: Path) -> None:
    project = project_with(tmp_path / "project")
    for round_ in range(ROUNDS):
        # Every round changes every article, so both runs have every file to write (round 0 starts from nothing).
        retitled_seeds(project / "seeds", COPIES, extra=f"Round {round_} changes the last paragraph of every article." if round_ else "")
        jobs = ["--jobs", "2"] if round_ % 2 else []
        results = _together(project, [["seeds", *jobs], ["seeds"]])
        for r in results:
            assert r.returncode == 0, f"round {round_}: {r.args} failed:\n{r.stderr}"
        assert not briefing_problems(project / "briefings"), f"round {round_}"
        assert not temporaries(project), temporaries(project)
        names = sorted(p.name for p in (project / "briefings").glob("*"))
        assert len(names) == COPIES and all(n.endswith(".md") for n in names), names
        manifest = json.loads((project / ".briefings-cache" / "ingest-manifest.json").read_text(encoding="utf-8"))
        assert sorted(manifest) == [f"seeds/copy-{i:03d}.txt" for i in range(COPIES)]
        # Whichever ran second found the first one's work done: between them each article was written once.
        written = sum(line.startswith("wrote ") for r in results for line in r.stdout.splitlines())
        assert written == COPIES, [r.stdout for r in results]
