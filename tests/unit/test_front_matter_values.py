"""Front matter is built in one walk where it can be, and comes out exactly as PyYAML's constructor builds it."""

from __future__ import annotations

import math

import yaml
from hypothesis import given
from hypothesis import strategies as st

from build_tools.briefing_file import _LineLoader, construct_front_matter, load_briefing_text

SCALARS = st.one_of(
    st.text(max_size=20), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none(),
    st.sampled_from(["2020-01-02", "yes", "No", "0x1F", "1_000", ".inf", "~", "null", "3.0e5", "0o17", "'quoted'"]),
)
DATA = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.text(max_size=8), st.integers(), st.booleans()), inner, max_size=4)
), max_leaves=25)


def _both(text: str) -> tuple[object, object]:
    loaders = _LineLoader(text), _LineLoader(text)
    try:
        fast = construct_front_matter(loaders[0], loaders[0].get_single_node())
        full = loaders[1].construct_document(loaders[1].get_single_node())
    finally:
        for loader in loaders:
            loader.dispose()
    return fast, full


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(type(k) is type(j) for k, j in zip(a, b)) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


@given(DATA, st.sampled_from([False, True, None]))
def test_any_plain_document_is_built_as_pyyaml_builds_it(data: object, flow: bool | None) -> None:
    text = yaml.safe_dump({"title": "T", "value": data}, default_flow_style=flow, allow_unicode=True, sort_keys=False)
    fast, full = _both(text)
    assert _same(fast, full), text


def test_tagged_collections_and_anchors_are_left_to_pyyaml_and_merge_keys_still_refused() -> None:
    text = (
        "base: &b {a: 1, b: [x, y]}\nagain: *b\nexplicit: !!str 3\nwhen: !!timestamp 2020-01-02\n"
        "pairs: !!omap [{one: 1}, {two: 2}]\nraw: !!binary aGVsbG8=\nset: !!set {p, q}\nempty:\nfloat: .nan\n"
    )
    fast, full = _both(text)
    assert _same(fast, full)
    assert fast["again"] == {"a": 1, "b": ["x", "y"]} and fast["explicit"] == "3"
    bf, problems = load_briefing_text("---\ntitle: A\nbase: &b {a: 1}\nmerged:\n  <<: *b\n---\nBody.\n", "briefings/m.md")
    assert bf is None and len(problems) == 1 and "merge" in problems[0].message


def test_a_duplicate_key_is_refused_with_the_line_of_both() -> None:
    bf, problems = load_briefing_text("---\ntitle: A\nauthors:\n  - name: X\n    role: r\n    name: Y\n---\nBody.\n", "briefings/d.md")
    assert bf is None and [p.format().split(": error: ")[0] for p in problems] == ["briefings/d.md:6:5"]
    assert "duplicate key 'name' (first on line 4)" in problems[0].message
