"""Atomic writes: `briefings ingest` and `briefings build` killed with SIGKILL at random moments leave whole files and a usable site."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import run
from tests.robustness.helpers import (
    BRIEFINGS,
    PYTHON,
    briefing_problems,
    mtimes,
    project_with,
    retitled_seeds,
    snapshot,
    temporaries,
)

pytestmark = pytest.mark.slow

COPIES = 16  # enough that a run spends most of its time writing, few enough to start each run quickly
KILLS = 7


def _env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}


def _start(cmd: list[str], cwd: Path) -> subprocess.Popen:
    # A session of its own, so the kill takes the whole job (worker processes, Pagefind) like a cancelled CI run.
    return subprocess.Popen(cmd, cwd=cwd, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _kill(proc: subprocess.Popen) -> bool:
    """SIGKILL the process group if it is still running; True when it was."""
    alive = proc.poll() is None
    if alive:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return alive


def _wait_for_writes(folder: Path, since: float, deadline: float) -> None:
    """Return as soon as a briefing in folder is being replaced (a new temporary file, or a newer mtime)."""
    left_before = {p.name for p in folder.glob(".briefings-tmp-*")}  # by an earlier killed run
    while time.monotonic() < deadline:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(".briefings-tmp-"):
                    if entry.name not in left_before:
                        return
                elif entry.stat().st_mtime > since:
                    return
        time.sleep(0.0005)


def _manifest_ok(project: Path) -> bool:
    path = project / ".briefings-cache" / "ingest-manifest.json"
    if not path.exists():
        return True
    try:
        return isinstance(json.loads(path.read_text(encoding="utf-8")), dict)
    except ValueError:
        return False


def test_killing_ingest_never_leaves_a_broken_briefing(tmp_path: Path) -> None:
    project = project_with(tmp_path / "project")
    seeds = retitled_seeds(project / "seeds", COPIES)
    started = time.monotonic()
    first = run([BRIEFINGS, "ingest", "seeds"], project)
    duration = time.monotonic() - started
    assert first.returncode == 0, first.stderr
    assert len(list((project / "briefings").glob("*.md"))) == COPIES
    rng = random.Random(9)
    kills = mid_write = round_ = 0
    seen = mtimes(project / "briefings")
    while kills < KILLS and round_ < 3 * KILLS:  # until KILLS runs were killed while running, however fast this machine is now
        round_ += 1
        # Change some articles so the run has real writes to do.
        for path in rng.sample(seeds, 4):
            with path.open("a", encoding="utf-8") as handle:
                handle.write(f"\nRound {round_} adds one more sentence to this article.\n")
        since = time.time()
        proc = _start([BRIEFINGS, "ingest", "seeds"], project)
        if round_ % 2:  # anywhere in the run: start-up, parsing, writing
            time.sleep(rng.uniform(0.0, 1.0) * duration / 3)
        else:  # during the writes
            _wait_for_writes(project / "briefings", since, time.monotonic() + 4 * duration)
            time.sleep(rng.uniform(0.0, 0.02))
        if _kill(proc):
            kills += 1
        else:  # the run ended before the kill: aim earlier from now on
            duration *= 0.7
        mid_write += bool(temporaries(project))
        now = mtimes(project / "briefings")
        problems = briefing_problems(project / "briefings", parse={n for n, t in now.items() if seen.get(n) != t})
        seen = now
        assert not problems, f"after kill {round_}: " + "\n".join(problems)
        assert _manifest_ok(project), f"after kill {round_}: the manifest is not valid JSON"
    final = run([BRIEFINGS, "ingest", "seeds"], project)
    assert final.returncode == 0, final.stderr
    assert not temporaries(project), temporaries(project)
    assert not briefing_problems(project / "briefings")
    assert len(list((project / "briefings").glob("*.md"))) == COPIES
    print(f"ingest: {kills} kills in {round_} runs survived, {mid_write} of them left a temporary file behind (killed mid-write)")
    assert kills >= KILLS * 2 // 3, kills


def test_a_rerun_removes_what_a_killed_run_left(tmp_path: Path) -> None:
    project = project_with(tmp_path / "project")
    retitled_seeds(project / "seeds", 2)
    assert run([BRIEFINGS, "ingest", "seeds"], project).returncode == 0
    # What SIGKILL leaves when it lands inside atomic_write: a temporary beside a briefing or beside the manifest.
    (project / "briefings" / ".briefings-tmp-killed").write_text("---\ntitle: half", encoding="utf-8")
    (project / ".briefings-cache" / ".briefings-tmp-killed").write_text('{"seeds/', encoding="utf-8")
    result = run([BRIEFINGS, "ingest", "seeds"], project)
    assert result.returncode == 0, result.stderr
    assert not temporaries(project), temporaries(project)


BUILD_KILLS = 6


@pytest.fixture
def built_project(tmp_path: Path) -> Path:
    project = project_with(tmp_path / "project")
    retitled_seeds(project / "seeds", 6)
    assert run([BRIEFINGS, "ingest", "seeds"], project).returncode == 0
    return project


def _site_is_usable(site: Path, expected: dict[str, str]) -> list[str]:
    if not site.is_dir():
        return ["site/ is missing"]
    now = snapshot(site)
    missing = sorted(set(expected) - set(now))
    changed = sorted(p for p in expected if p in now and now[p] != expected[p])
    return [f"missing {p}" for p in missing[:10]] + [f"changed {p}" for p in changed[:10]]


def test_killing_briefings_build_keeps_the_previous_site(built_project: Path) -> None:
    project = built_project
    cmd = [PYTHON, "-m", "build_tools.build", "--strict"]
    first = run(cmd, project)
    assert first.returncode == 0, first.stderr
    started = time.monotonic()  # the builds killed below reuse cached pages: time one of those
    assert run(cmd, project).returncode == 0
    duration = time.monotonic() - started
    expected = snapshot(project / "site")
    assert "index.html" in expected and any(p.startswith("pagefind/") for p in expected)
    rng = random.Random(11)
    kills = round_ = 0
    while kills < BUILD_KILLS and round_ < 3 * BUILD_KILLS:  # until BUILD_KILLS builds were killed while running
        round_ += 1
        proc = _start(cmd, project)
        time.sleep(rng.uniform(0.05, 1.05) * duration)
        if _kill(proc):
            kills += 1
        else:  # the build ended before the kill (it replaced the site whole): aim earlier from now on
            duration *= 0.7
        problems = _site_is_usable(project / "site", expected)
        assert not problems, f"after kill {round_}: " + "\n".join(problems)
    final = run(cmd, project)
    assert final.returncode == 0, final.stderr
    assert not _site_is_usable(project / "site", expected)
    assert snapshot(project / "site") == expected
    leftovers = sorted(p.name for p in project.iterdir() if p.name.startswith(("site.tmp-", "site.old-")))
    assert not leftovers, leftovers
    print(f"build: {kills} kills in {round_} builds survived")
    assert kills >= BUILD_KILLS // 2, kills


def test_a_failed_build_keeps_the_previous_site(built_project: Path) -> None:
    project = built_project
    cmd = [PYTHON, "-m", "build_tools.build", "--strict"]
    assert run(cmd, project).returncode == 0
    expected = snapshot(project / "site")
    (project / "briefings" / "broken.md").write_text("---\ntitle: [a, b]\n---\n\nBody.\n", encoding="utf-8")
    failed = run(cmd, project)
    assert failed.returncode != 0
    assert "briefings/broken.md:2" in failed.stdout + failed.stderr
    assert snapshot(project / "site") == expected
    assert not [p for p in project.iterdir() if p.name.startswith(("site.tmp-", "site.old-"))]


def test_briefings_build_makes_a_readable_site_from_nothing(built_project: Path) -> None:
    project = built_project
    result = run([PYTHON, "-m", "build_tools.build"], project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert (site / "index.html").is_file()
    assert oct(site.stat().st_mode & 0o777) == oct(0o777 & ~_umask()), "site/ must be readable by a web server like any new folder"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
