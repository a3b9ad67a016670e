"""Edit-to-preview latency: from saving a file to a real `mkdocs serve` serving the changed page.

`measure_serve(root, edits)` starts `mkdocs serve --dirty` (what `make serve`
runs) on a scratch project (the
one `run.py` made: briefings ingested, some hand-written), waits until it
answers, then, `edits` times per case, changes one file and polls the served
page every `POLL_S` until the change shows:

- "briefing": a sentence added to the first paragraph of a hand-written
  briefing in briefings/; polled: that briefing's page;
- "seed": a sentence added to the end of a raw article in seeds/ (the serve
  re-ingests it before the rebuild); polled: its briefing's page;
- no change: the briefing saved again as it is (an editor's save without an
  edit); the figure is the rebuild the server logged.

Each latency is the wall time from the write to the first response holding
the new sentence; the median over the edits is the figure. The server's own
log says how long each rebuild took, which splits a latency into MkDocs'
file watcher (it polls the tree every 0.5 s), the rebuild, and the reload.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SERVE = ("serve", "--dirty")  # as `make serve` runs it: pages whose inputs did not change are left as written
POLL_S = 0.02  # how often the page is fetched while waiting for a change
START_TIMEOUT_S = 900.0  # the first build of a large corpus (a hang guard, not a target)
EDIT_TIMEOUT_S = 300.0
# The plugin's line, one per build of `mkdocs serve`: MkDocs logs no message twice, so its own "Documentation built
# in 0.17 seconds" is missing after a rebuild that took as long as an earlier one.
_BUILT = re.compile(r"; built in ([0-9.]+) s$", re.M)


@dataclass(frozen=True)
class Edit:
    """One timed edit: seconds from the write to the page showing it, and the rebuilds the server logged meanwhile."""

    case: str
    latency_s: float
    rebuilds_s: tuple[float, ...]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_until(url: str, marker: str | None, timeout: float) -> float:
    """Poll `url` until it answers (and holds `marker`, if given); the wall time it took."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        text = fetch(url)
        if text is not None and (marker is None or marker in text):
            return time.perf_counter() - start
        time.sleep(POLL_S)
    raise TimeoutError(f"{url} did not show {marker!r} within {timeout:.0f} s")


@contextlib.contextmanager
def running_serve(root: Path, mkdocs: str, env: dict[str, str]) -> Iterator[tuple[str, Path, float]]:
    """`mkdocs serve` on a free port: yields (base URL, its log file, seconds until it answered)."""
    port = free_port()
    with tempfile.NamedTemporaryFile("w+b", suffix=".log", delete=False) as log:
        log_path = Path(log.name)
    with log_path.open("wb") as out:
        proc = subprocess.Popen([mkdocs, *SERVE, "--dev-addr", f"127.0.0.1:{port}"], cwd=root, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
        try:
            base = f"http://127.0.0.1:{port}/"
            started = wait_until(base, None, START_TIMEOUT_S)
            yield base, log_path, started
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            log_path.unlink(missing_ok=True)


def rebuild_times(log_path: Path) -> list[float]:
    """Seconds of every build the server logged so far (the first is the initial build)."""
    return [float(x) for x in _BUILT.findall(log_path.read_text(encoding="utf-8", errors="replace"))]


def add_to_briefing(path: Path, sentence: str) -> None:
    """Append a sentence to the briefing's first paragraph (before its anchor line), as an author would."""
    text = path.read_text(encoding="utf-8")
    marker = "\n{: #p-1 }"
    at = text.find(marker)
    text = text[:at] + f" {sentence}" + text[at:] if at >= 0 else text.rstrip("\n") + f"\n\n{sentence}\n"
    path.write_text(text, encoding="utf-8")


def add_to_seed(path: Path, sentence: str) -> None:
    """Append a paragraph to a raw article."""
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{sentence}\n", encoding="utf-8")


def wait_for_rebuild(log_path: Path, before: int, timeout: float) -> None:
    """Wait until the server has logged more than `before` builds."""
    start = time.perf_counter()
    while len(rebuild_times(log_path)) <= before:
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"mkdocs serve logged no rebuild within {timeout:.0f} s")
        time.sleep(POLL_S)


def settle(log_path: Path, quiet_s: float = 1.5, timeout: float = EDIT_TIMEOUT_S) -> None:
    """Wait until the server has logged no new build for `quiet_s` (a seed edit triggers a second one for the briefing it writes)."""
    start = time.perf_counter()
    seen, since = len(rebuild_times(log_path)), time.perf_counter()
    while time.perf_counter() - start < timeout:
        time.sleep(0.1)
        now = len(rebuild_times(log_path))
        if now != seen:
            seen, since = now, time.perf_counter()
        elif time.perf_counter() - since >= quiet_s:
            return


def measure_serve(root: Path, mkdocs: str, env: dict[str, str], *, briefing: Path, seed: Path | None, seed_slug: str | None,
                  edits: int = 3) -> dict:
    """Start `mkdocs serve` in `root`, time `edits` edits of `briefing` (and of `seed`), return the figures."""
    cases: list[tuple[str, Path, str]] = [("briefing", briefing, briefing.stem)]
    if seed is not None and seed_slug:
        cases.append(("seed", seed, seed_slug))
    results: list[Edit] = []
    no_change: list[float] = []
    with running_serve(root, mkdocs, env) as (base, log_path, started):
        first_build = rebuild_times(log_path)
        settle(log_path)
        for case, path, slug in cases:
            url = f"{base}briefings/{slug}/"
            wait_until(url, None, EDIT_TIMEOUT_S)
            for k in range(edits):
                word = f"Servedit{case}{k}{os.getpid()}"
                before = len(rebuild_times(log_path))
                (add_to_briefing if case == "briefing" else add_to_seed)(path, f"An author added the word {word} here.")
                latency = wait_until(url, word, EDIT_TIMEOUT_S)
                settle(log_path)
                results.append(Edit(case, latency, tuple(rebuild_times(log_path)[before:])))
        for _ in range(edits):  # saved with nothing changed: the rebuild an author's editor triggers on every save
            before = len(rebuild_times(log_path))
            briefing.write_bytes(briefing.read_bytes())
            wait_for_rebuild(log_path, before, EDIT_TIMEOUT_S)
            settle(log_path)
            no_change.append(rebuild_times(log_path)[before])
    out: dict = {"startup_s": round(started, 2), "first_build_s": first_build[0] if first_build else None, "edits": {},
                 "no_change_rebuilds_s": no_change, "no_change_rebuild_s": round(statistics.median(no_change), 3)}
    for case, _, _ in cases:
        mine = [e for e in results if e.case == case]
        out["edits"][case] = {
            "latencies_s": [round(e.latency_s, 3) for e in mine],
            "median_s": round(statistics.median(e.latency_s for e in mine), 3),
            "rebuilds_s": [list(e.rebuilds_s) for e in mine],
            "median_rebuild_s": round(statistics.median(e.rebuilds_s[0] for e in mine if e.rebuilds_s), 3) if any(e.rebuilds_s for e in mine) else None,
        }
    return out
