"""Run a command as a child process and measure it: wall time, CPU time and peak memory.

Peak memory is reported two ways, because they answer different questions:

- `max_rss_mb`: `ru_maxrss` from `os.wait4` on the child, which Linux reports as
  the largest resident set of the child *or any one* of its waited-for
  descendants (the Pagefind indexer run by the MkDocs plugin, ingest workers);
- `tree_pss_mb`: the largest *sum* of the proportional set sizes (PSS) of the
  child and all its descendants, sampled from /proc every `SAMPLE_SECONDS`: what
  the machine needs while ingest workers, forked page converters or Pagefind run
  beside their parent. PSS splits a page that several processes share among them,
  so a forked worker's pages inherited copy-on-write count once, as the memory
  does (a sum of resident sets would count them once per process). Where
  `smaps_rollup` cannot be read, the resident set stands in.
"""

from __future__ import annotations

import os
import resource
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.2
_PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20


@dataclass(frozen=True)
class Run:
    cmd: tuple[str, ...]
    wall_s: float
    cpu_s: float
    max_rss_mb: float
    tree_pss_mb: float
    returncode: int
    stdout: str
    stderr: str

    def check(self) -> Run:
        if self.returncode != 0:
            raise RuntimeError(f"{' '.join(self.cmd)} failed ({self.returncode}):\n{self.stderr[-3000:]}")
        return self


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _memory_mb(pid: int) -> float:
    """The process's proportional set size (its resident set where the kernel gives no PSS); 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE_MB
    except OSError:
        return 0.0


def _tree_pss_mb(root: int) -> float:
    tree = _children()
    todo, total = [root], 0.0
    while todo:
        pid = todo.pop()
        total += _memory_mb(pid)
        todo += tree.get(pid, [])
    return total


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run `cmd` in `cwd` to completion and measure it (output goes to temporary files, not pipes)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        peak = [0.0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(SAMPLE_SECONDS):
                peak[0] = max(peak[0], _tree_pss_mb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        max_rss_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
        return Run(
            tuple(cmd), wall, usage.ru_utime + usage.ru_stime, max_rss_mb, max(peak[0], max_rss_mb),
            proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
        )


def self_max_rss_mb() -> float:
    """Peak resident set of this process so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
