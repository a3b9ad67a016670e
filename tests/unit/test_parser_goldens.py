"""Golden records: each raw article next to the record the parser reads out of it.

Regenerate with `pytest tests/unit/test_parser_goldens.py --update-goldens`, then review `git diff tests/golden`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_tools.model import to_dict
from build_tools.readers import read_seed
from tests.conftest import FIXTURES, ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden"
ARTICLES = SEEDS + sorted(FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_record_matches_golden(path: Path, update_goldens: bool) -> None:
    record = to_dict(read_seed(path, source=path.relative_to(ROOT).as_posix()))
    text = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
    golden = GOLDEN / f"{path.stem}.json"
    if update_goldens or not golden.exists():
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"record differs from {golden.name}; rerun with --update-goldens and review the diff"
