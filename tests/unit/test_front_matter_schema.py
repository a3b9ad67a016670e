"""The front matter's shape is defined once (`schema.FIELDS`); the JSON Schema, the ingested files and the template follow it."""

from __future__ import annotations

import json

import pytest
import yaml

from build_tools.model import Analysis, Briefing
from build_tools.render import front_matter
from build_tools.schema import FIELD_NAMES, front_matter_json_schema
from build_tools.readers import read_seed
from tests.conftest import ROOT, SEEDS

SCHEMA = ROOT / "docs" / "briefing-front-matter.schema.json"


def test_the_json_schema_file_is_generated_from_the_fields(update_goldens: bool) -> None:
    text = json.dumps(front_matter_json_schema(), ensure_ascii=False, indent=2) + "\n"
    if update_goldens:
        SCHEMA.write_text(text, encoding="utf-8")
    assert SCHEMA.read_text(encoding="utf-8") == text, "regenerate with --update-goldens"
    assert list(json.loads(text)["properties"]) == list(FIELD_NAMES)


def test_ingest_writes_only_schema_fields_in_schema_order() -> None:
    for seed in SEEDS:
        article = read_seed(seed)
        keys = list(front_matter(Briefing(article, Analysis())))
        assert set(keys) <= set(FIELD_NAMES), set(keys) - set(FIELD_NAMES)
        assert keys == [k for k in FIELD_NAMES if k in keys]


def test_every_golden_briefing_and_the_template_satisfy_the_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from build_tools.authoring import template

    schema = front_matter_json_schema()
    files = sorted((ROOT / "tests" / "golden" / "briefings").glob("*.md")) + sorted((ROOT / "briefings").glob("*.md"))
    assert files
    for path in files:
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("\n---", 1)[0].removeprefix("---\n"))
        jsonschema.validate(json.loads(json.dumps(meta, default=str)), schema)
    new = template("A title", themes=["5g"], theme_slugs=("5g",), today="2024-01-02")
    jsonschema.validate(json.loads(json.dumps(yaml.safe_load(new.split("\n---", 1)[0].removeprefix("---\n")), default=str)), schema)
