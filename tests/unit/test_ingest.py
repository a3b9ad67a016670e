"""Ingest planning: edited briefings are kept without parsing their seed; unchanged files are known by `stat`."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

import build_tools.ingest as ingest_module
from build_tools.ingest import ingest
from tests.conftest import SEEDS


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    for seed in SEEDS:
        shutil.copy(seed, tmp_path / "seeds" / seed.name)
    return tmp_path


@pytest.fixture
def processed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources ingest parses, analyses and renders, in order."""
    names: list[str] = []
    real = ingest_module._process

    def counting(source: Path, name: str, config_path: Path | None):
        names.append(name)
        return real(source, name, config_path)

    monkeypatch.setattr(ingest_module, "_process", counting)
    return names


def run(project: Path, **kw):
    return ingest([project / "seeds"], project / "briefings", **kw)


def manifest(project: Path) -> dict:
    return json.loads((project / ".briefings-cache" / "ingest-manifest.json").read_text(encoding="utf-8"))


def test_an_edited_briefing_is_kept_and_its_seed_not_parsed(project: Path, processed: list[str]) -> None:
    run(project)
    target = min((project / "briefings").glob("*.md"))
    edited = target.read_text(encoding="utf-8").replace("\n\n", "\n\nMy note.\n\n", 1)
    target.write_text(edited, encoding="utf-8")
    seed = project / "seeds" / SEEDS[0].name
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA later paragraph.\n", encoding="utf-8")
    processed.clear()

    report = run(project)

    assert report.kept_edited == [target.as_posix()] and not report.written
    assert processed == []
    assert target.read_text(encoding="utf-8") == edited
    forced = run(project, force=True)
    assert forced.backups == [f"{target.as_posix()}.bak"] and "My note." not in target.read_text(encoding="utf-8")


def test_a_settled_unchanged_seed_is_known_by_stat_alone(project: Path, processed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_module, "SETTLED_NS", 0)  # trust files as soon as they are written
    run(project)
    assert not any("briefing_stat" in e for e in manifest(project).values())  # just written: hashed next time
    run(project)
    assert all("source_stat" in e and "briefing_stat" in e for e in manifest(project).values())

    read: list[Path] = []
    for method in ("read_bytes", "read_text"):
        real = getattr(Path, method)
        monkeypatch.setattr(Path, method, lambda self, *a, _real=real, **kw: (read.append(self), _real(self, *a, **kw))[1])
    processed.clear()
    report = run(project)
    assert len(report.unchanged) == len(SEEDS) and processed == []
    assert not [p for p in read if p.parent.name in ("seeds", "briefings")]


def test_a_seed_edited_after_its_stat_was_recorded_is_ingested_again(project: Path, processed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_module, "SETTLED_NS", 0)
    run(project)
    run(project)
    time.sleep(0.05)  # a later clock tick: the file's times move
    seed = project / "seeds" / SEEDS[0].name
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("agreed on many things", "agreed on many THINGS"), encoding="utf-8")  # same size
    processed.clear()
    report = run(project)
    assert processed == [f"seeds/{SEEDS[0].name}"] and len(report.written) == 1
