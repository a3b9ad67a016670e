"""Pagefind's filter index in one order: values and the filter list sorted, files named by content, builds identical."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from build_tools.site import pagefind_order
from build_tools.site.search import build_search_index


def cbor(value: object) -> bytes:
    """The few CBOR shapes Pagefind's filter files use: unsigned integers, text, arrays."""

    def head(major: int, n: int) -> bytes:
        if n < 24:
            return bytes([major << 5 | n])
        for info, size in ((24, 1), (25, 2), (26, 4)):
            if n < 1 << (8 * size):
                return bytes([major << 5 | info]) + n.to_bytes(size, "big")
        raise ValueError(n)

    if isinstance(value, int):
        return head(0, value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return head(3, len(data)) + data
    assert isinstance(value, list)
    return head(4, len(value)) + b"".join(cbor(v) for v in value)


def test_a_filter_gets_its_values_in_sorted_order_whatever_order_they_came_in() -> None:
    one = cbor(["Year", [["2021", [0, 3]], ["2019", [1, 2, 30]], ["Not stated", [4]]]])
    two = cbor(["Year", [["Not stated", [4]], ["2019", [1, 2, 30]], ["2021", [0, 3]]]])
    expected = cbor(["Year", [["2019", [1, 2, 30]], ["2021", [0, 3]], ["Not stated", [4]]]])
    assert pagefind_order.sort_filter(one) == pagefind_order.sort_filter(two) == expected


def test_the_metadata_lists_filters_by_name_under_their_new_file_names() -> None:
    pages = [["en_aaaaaaa", 60], ["en_bbbbbbb", 59]]
    meta = cbor(["1.5.2", pages, [["0", "word", "en_ccccccc"]], [["Type", "en_1111111"], ["Year", "en_2222222"], ["Theme", "en_3333333"]], []])
    renamed = {"en_1111111": "en_9999999", "en_2222222": "en_8888888", "en_3333333": "en_7777777"}
    expected = cbor(["1.5.2", pages, [["0", "word", "en_ccccccc"]], [["Theme", "en_7777777"], ["Type", "en_9999999"], ["Year", "en_8888888"]], []])
    assert pagefind_order.sort_meta(meta, renamed) == expected


def test_a_file_of_another_shape_is_refused_not_shipped_unsorted() -> None:
    with pytest.raises(ValueError):
        pagefind_order.sort_filter(cbor(["Year", "not a list"]))
    with pytest.raises(ValueError):
        pagefind_order.sort_filter(cbor(["Year", [["2019", [1]]]]) + b"\x00")


def test_the_new_name_keeps_pagefinds_language_prefix_and_length() -> None:
    name = pagefind_order.content_name("en_4ec4a05", b"data")
    assert name.startswith("en_") and len(name) == len("en_4ec4a05") and name != "en_4ec4a05"


def _pages(folder: Path) -> None:
    """Forty small pages (text written for this test) with two themes, a type and a year each."""
    themes = ("5G", "Sovereignty", "Ecosystems", "Trade")
    folder.mkdir(parents=True)
    for i in range(40):
        spans = f'<span data-pagefind-filter="Theme">{themes[i % 4]}</span><span data-pagefind-filter="Theme">{themes[(i + 1) % 4]}</span>'
        spans += f'<span data-pagefind-filter="Type">{("Commentary", "Journal article", "Report")[i % 3]}</span>'
        spans += f'<span data-pagefind-filter="Year">{2018 + i % 5}</span>'
        (folder / f"p{i}.html").write_text(
            f'<!doctype html><html lang="en"><body data-pagefind-body><h1>Note {i}</h1>{spans}'
            f"<p>Operators weigh vendors, spectrum and policy in note number {i}.</p></body></html>",
            encoding="utf-8",
        )


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_pagefind_runs_over_the_same_pages_give_identical_bundles_once_normalised(tmp_path: Path) -> None:
    _pages(tmp_path / "src")
    bundles = []
    for run in range(2):
        out = tmp_path / f"out{run}"
        build_search_index(tmp_path / "src", "en", out)
        pagefind_order.normalise_bundle(out)
        bundles.append(_files(out))
    assert bundles[0] == bundles[1]
    filters = sorted(name for name in bundles[0] if name.startswith("filter/"))
    assert len(filters) == 3
    years = gzip.decompress(next(bundles[0][f] for f in filters if b"Year" in gzip.decompress(bundles[0][f])))
    assert years.index(b"2018") < years.index(b"2019") < years.index(b"2022"), "values in sorted order"
    entry = bundles[0]["pagefind-entry.json"].decode("utf-8")
    assert any(name.startswith("pagefind.") and name.endswith(".pf_meta") and name[9:-8] in entry for name in bundles[0]), entry
