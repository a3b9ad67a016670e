"""Loading the corpus in worker processes gives exactly what one process gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import build_tools.loader as loader
from build_tools.config import load_project_settings
from build_tools.ingest import ingest
from build_tools.caches.analysis import CachedAnalyser
from build_tools.caches.store import JsonStore
from tests.conftest import FIXTURES, ROOT, SEEDS

HAND_WRITTEN = """---
title: Open RAN and the vendor question
themes: [5g]
---

Operators in Europe weigh Open RAN against the cost of replacing Huawei equipment. The
Body of European Regulators for Electronic Communications (BEREC) has asked for evidence.

Spectrum auctions set the pace: a licence bought in 2020 must be used before 2025.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for source in [*SEEDS, *sorted(FIXTURES.glob("*.txt"))[:6]]:
        shutil.copy(source, seeds / source.name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    ingest([seeds], tmp_path / "briefings", config_path=tmp_path / "mkdocs.yml")
    for i in range(3):
        (tmp_path / "briefings" / f"hand-written-{i}.md").write_text(HAND_WRITTEN.replace("vendor", f"vendor {i}"), encoding="utf-8")
    (tmp_path / "briefings" / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    return tmp_path


def _load(project: Path, workers: int) -> tuple[list, list, set[str], set[str]]:
    settings = load_project_settings(project / "mkdocs.yml")
    themes = {t.slug: t for t in settings.themes}
    analyser = CachedAnalyser(project / ".cache" / f"analysis-{workers}", settings.themes, settings.curated_glossary)
    reader = loader.FrontMatterCache(project / ".cache" / f"front-matter-{workers}")
    docs, problems = loader.load_docs(project, "briefings", themes, analyser, reader, workers=workers)
    return docs, problems, analyser.store.used, reader.store.used


def test_workers_load_the_same_docs_problems_and_cache_entries_as_one_process(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "PARALLEL_MIN", 2)
    one = _load(project, 1)
    two = _load(project, 2)
    assert len(one[0]) == 11 and [p.path for p in one[1]] == ["briefings/broken.md"]
    assert two[0] == one[0] and two[1] == one[1], "same Docs, same problems, same order"
    assert len(two[2]) >= 3 and two[2] == one[2] and two[3] == one[3], "the parent knows every cache entry the workers used"
    store = JsonStore(project / ".cache" / "analysis-2")
    store.used = two[2]
    store.prune()
    assert len(list(store.folder.glob("*.json"))) == len(two[2]), "prune keeps what the workers used"


def test_a_cache_folder_removed_between_entries_is_made_again(tmp_path: Path) -> None:
    """`mkdocs serve` keeps one store across rebuilds; an author may delete .briefings-cache meanwhile."""
    store = JsonStore(tmp_path / "cache" / "pages")
    store.put("a", {"text": "caf\u00e9 \ud800"})  # a lone surrogate (from a mangled file) is stored too
    assert store.get("a") == {"text": "caf\u00e9 \ud800"}
    shutil.rmtree(tmp_path / "cache")
    store.put("b", {"text": "lost: the folder is gone"})
    store.put("c", {"text": "kept"})
    assert store.get("c") == {"text": "kept"}


def test_workers_start_only_when_enough_files_need_parsing(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild that finds (nearly) every file in the front-matter cache reads it in one process: workers would
    spend longer handing their Docs back than the cache takes to read. A cold cache, or many changed files, uses them."""
    monkeypatch.setattr(loader, "PARALLEL_MIN", 3)
    calls: list[int] = []
    real = loader._load_in_processes
    monkeypatch.setattr(loader, "_load_in_processes", lambda jobs, *a, **k: calls.append(len(jobs)) or real(jobs, *a, **k))
    cold = _load(project, 2)
    assert calls == [12], "cold cache: every file is parsed, in workers"
    warm = _load(project, 2)
    assert calls == [12] and warm[0] == cold[0] and warm[1] == cold[1], "warm cache: one process, the same Docs and problems"
    briefings = [p for p in sorted((project / "briefings").glob("*.md")) if p.name != "broken.md"]  # broken.md: never cached

    def edit(path: Path) -> None:
        path.write_text(path.read_text(encoding="utf-8") + "\nA sentence added.\n", encoding="utf-8")

    edit(briefings[0])
    _load(project, 2)
    assert calls == [12], "one changed file and the broken one: fewer than PARALLEL_MIN to parse, one process"
    edit(briefings[1])
    edit(briefings[2])
    _load(project, 2)
    assert calls == [12, 12], "three changed files and the broken one: workers again"
