"""Bad raw inputs: one clear error naming the file, non-zero exit, and the rest of the corpus still ingests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import BIN, SEEDS, run

BAD = {
    "empty.txt": b"",
    "blank.txt": b"  \n\n\t \n",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "undecodable.txt": b"Title\n\n" + bytes([0x81, 0x8d, 0x8f, 0x90, 0x9d]) * 20 + b"\n",
    "notitle.txt": (b"This first line is a long sentence of body text that goes on and on, with commas, clauses and a full stop. "
                    b"And then a second sentence follows on the same line, so it cannot be a title. A third one too.\n"),
}
MESSAGES = {
    "empty.txt": "the file is empty",
    "blank.txt": "only whitespace",
    "binary.txt": "binary",
    "undecodable.txt": "cannot decode",
    "notitle.txt": "no recognisable title",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_inspect_rejects_bad_input_with_one_clear_line(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BAD[name])
    result = run([str(BIN / "briefings"), "inspect", str(path), "--json"], tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and MESSAGES[name] in lines[0] and "error" in lines[0]


def test_ingest_reports_each_bad_file_and_still_ingests_the_good_ones(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, data in BAD.items():
        (seeds / name).write_bytes(data)
    for seed in SEEDS:
        (seeds / seed.name).write_bytes(seed.read_bytes())
    result = run([str(BIN / "briefings"), "ingest", "seeds", "--out", "briefings"], tmp_path)
    assert result.returncode == 1
    for name in BAD:
        assert f"seeds/{name}:" in result.stderr, name
    assert len(list((tmp_path / "briefings").glob("*.md"))) == len(SEEDS)


def test_a_ten_megabyte_article_is_parsed(tmp_path: Path) -> None:
    body = SEEDS[1].read_text(encoding="utf-8").split("great powers.\n", 1)[1]
    text = "A very long report\n\n" + "\n\n".join([body] * 220)
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > 9_500_000
    from build_tools.readers import read_seed

    article = read_seed(path)
    assert article.title == "A very long report" and len(article.paragraphs()) > 10_000


def test_inspect_prints_the_documented_record(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from tests.conftest import ROOT

    schema = json.loads((ROOT / "docs" / "briefing-record.schema.json").read_text(encoding="utf-8"))
    for seed in SEEDS:
        result = run([str(BIN / "briefings"), "inspect", str(seed), "--json"], ROOT)
        assert result.returncode == 0, result.stderr
        jsonschema.validate(json.loads(result.stdout), schema)
