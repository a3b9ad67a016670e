"""Wall time of each phase of one cold `mkdocs build`, in-process and without a profiler.

    .venv/bin/python benchmarks/build_phases.py PROJECT [CONFIG]

PROJECT is a folder with an mkdocs.yml (e.g. a scratch project that `benchmarks/run.py --keep`
left under benchmarks/out/work/N/project, or its plain twin with CONFIG mkdocs-plain.yml). Its
site/ and .briefings-cache/ are deleted first. Prints the build's wall time and the time spent
in MkDocs' conversion loop (`_populate_page`), its page writes (`_build_page`) and each plugin
event; the events run inside those loops are counted in them too. Work done in worker processes
counts as the wall time its event waited for it.
"""

from __future__ import annotations

import collections
import os
import shutil
import sys
import time
from collections.abc import Callable
from typing import Any

from mkdocs import plugins
from mkdocs.commands import build
from mkdocs.config import load_config


def _timed(function: Callable, label: str, spent: collections.Counter) -> Callable:
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter() - started
    return timed


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    project = os.path.abspath(argv[0])
    config_name = argv[1] if len(argv) > 1 else "mkdocs.yml"
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    spent: collections.Counter = collections.Counter()
    build._populate_page = _timed(build._populate_page, "MkDocs' conversion loop (_populate_page)", spent)
    build._build_page = _timed(build._build_page, "MkDocs' page writes (_build_page)", spent)
    run_event = plugins.PluginCollection.run_event

    def timed_event(self: plugins.PluginCollection, name: str, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return run_event(self, name, *args, **kwargs)
        finally:
            spent[f"event {name}"] += time.perf_counter() - started

    plugins.PluginCollection.run_event = timed_event
    os.chdir(project)
    for folder in ("site", ".briefings-cache"):
        shutil.rmtree(folder, ignore_errors=True)
    config = load_config(os.path.join(project, config_name))
    started, cpu = time.perf_counter(), time.process_time()
    build.build(config)
    print(f"cold build: {time.perf_counter() - started:.2f} s wall, {time.process_time() - cpu:.2f} s CPU in this process")
    for label, seconds in spent.most_common():
        if seconds >= 0.01:
            print(f"  {seconds:6.2f} s  {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
