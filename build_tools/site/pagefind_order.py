"""Pagefind's filter index in one order, so two builds of the same pages are byte-identical.

Pagefind 1.5 writes each filter (`filter/<hash>.pf_filter`: the filter's name,
then one `[value, [page numbers]]` entry per value) with its values in the
order of a randomly seeded hash map, and lists the filters in its metadata
file (`pagefind.<hash>.pf_meta`) in such an order too. Everything else it
writes is already deterministic. This module puts the values and the list in
sorted order, names the rewritten files by a hash of what they hold (as
Pagefind does: `<language>_<hex>`, the same lengths) and points
`pagefind-entry.json` at the new metadata file. The search itself is
unchanged: Pagefind reads these files as maps.

The files are gzip-compressed CBOR after an 12-byte signature. Entries are
moved as whole byte ranges, never re-encoded, so only the order changes. A
bundle whose files do not have the expected shape raises `ValueError` (a new
Pagefind version must be looked at, not silently shipped nondeterministic).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"


@dataclass(frozen=True, slots=True)
class Item:
    """One CBOR data item: where it lies in the buffer, its major type, its text (for text items) and its children (for arrays)."""

    start: int
    end: int
    major: int
    text: str | None = None
    children: tuple[Item, ...] = ()
    head_end: int = 0  # where an array's items begin


def _argument(data: bytes, at: int) -> tuple[int, int]:
    """The argument of the item whose initial byte is at `at`, and the offset after it."""
    info = data[at] & 31
    if info < 24:
        return info, at + 1
    if info > 27:
        raise ValueError(f"unexpected CBOR item at byte {at} (indefinite length or reserved)")
    size = 1 << (info - 24)
    return int.from_bytes(data[at + 1 : at + 1 + size], "big"), at + 1 + size


def parse(data: bytes, at: int = 0) -> Item:
    """The CBOR item starting at `at` (unsigned and negative integers, byte and text strings, arrays, maps, tags, simple values)."""
    major = data[at] >> 5
    value, after = _argument(data, at)
    if major in (0, 1, 7):
        return Item(at, after, major)
    if major in (2, 3):
        end = after + value
        if end > len(data):
            raise ValueError("CBOR string runs past the end of the file")
        return Item(at, end, major, data[after:end].decode("utf-8") if major == 3 else None)
    if major == 6:
        inner = parse(data, after)
        return Item(at, inner.end, major, children=(inner,), head_end=after)
    children = []
    position = after
    for _ in range(value * (2 if major == 5 else 1)):
        child = parse(data, position)
        children.append(child)
        position = child.end
    return Item(at, position, major, children=tuple(children), head_end=after)


def _decode(raw: bytes) -> bytes:
    data = gzip.decompress(raw)
    if not data.startswith(SIGNATURE):
        raise ValueError("not a Pagefind index file (no signature)")
    return data[len(SIGNATURE) :]


def _encode(data: bytes) -> bytes:
    return gzip.compress(SIGNATURE + data, compresslevel=9, mtime=0)


def _is_pair(item: Item) -> bool:
    return item.major == 4 and len(item.children) == 2 and item.children[0].text is not None


def _sorted_array(data: bytes, array: Item, key: dict[int, bytes] | None = None) -> bytes:
    """The array's bytes with its items sorted by their first element's text (then by bytes), each item copied whole (or replaced by `key[start]`)."""
    pieces = [(key or {}).get(c.start, data[c.start : c.end]) for c in array.children]
    order = sorted(zip(array.children, pieces, strict=True), key=lambda cp: (cp[0].children[0].text or "", cp[1]))
    return data[array.start : array.head_end] + b"".join(p for _, p in order)


def sort_filter(data: bytes) -> bytes:
    """A decoded `.pf_filter` ([name, [[value, pages], …]]) with its values in sorted order."""
    top = parse(data)
    if top.end != len(data) or not (_is_pair(top) and top.children[1].major == 4 and all(_is_pair(v) for v in top.children[1].children)):
        raise ValueError("a Pagefind filter file does not have the shape [name, [[value, pages], …]]")
    values = top.children[1]
    return data[: values.start] + _sorted_array(data, values)


def _rewrite(data: bytes, item: Item, renamed: dict[str, str]) -> bytes:
    """The item's bytes with every array of [filter name, filter file hash] pairs sorted by name and the hashes renamed."""
    if item.major == 3 and item.text in renamed:
        new = renamed[item.text].encode("utf-8")
        return data[item.start : item.end - len(new)] + new  # same length: the header is unchanged
    if item.major not in (4, 5, 6) or not item.children:
        return data[item.start : item.end]
    pieces = {c.start: _rewrite(data, c, renamed) for c in item.children}
    is_filter_list = item.major == 4 and all(_is_pair(c) and c.children[1].text in renamed for c in item.children)
    if is_filter_list:
        return _sorted_array(data, item, pieces)
    return data[item.start : item.head_end] + b"".join(pieces[c.start] for c in item.children)


def sort_meta(data: bytes, renamed: dict[str, str]) -> bytes:
    """A decoded `.pf_meta` with its list of filters sorted by name and their files renamed (old hash -> new hash)."""
    top = parse(data)
    if top.end != len(data):
        raise ValueError("a Pagefind metadata file has bytes after its data")
    return _rewrite(data, top, renamed)


def content_name(old: str, data: bytes) -> str:
    """A file's hash name for new content: the same language prefix and length as Pagefind's."""
    language, _, digits = old.rpartition("_")
    return f"{language}_{hashlib.sha256(data).hexdigest()[: len(digits)]}"


def normalise_bundle(bundle: Path) -> None:
    """Rewrite one Pagefind bundle folder in place so its filter index does not depend on hash-map order."""
    entry_path = bundle / ENTRY
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    entry_text = entry_path.read_text(encoding="utf-8")
    for language in entry.get("languages", {}).values():
        meta_hash = language["hash"]
        meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
        renamed: dict[str, str] = {}
        for path in sorted((bundle / "filter").glob("*.pf_filter")):
            old = path.name[: -len(".pf_filter")]
            if not old.startswith(meta_hash.rpartition("_")[0] + "_"):
                continue  # another language's filters
            data = sort_filter(_decode(path.read_bytes()))
            new = content_name(old, data)
            renamed[old] = new
            path.unlink()
            _write(bundle / "filter" / f"{new}.pf_filter", _encode(data))
        if not renamed:
            continue
        meta = sort_meta(_decode(meta_path.read_bytes()), renamed)
        new_meta = content_name(meta_hash, meta)
        meta_path.unlink()
        _write(bundle / f"pagefind.{new_meta}.pf_meta", _encode(meta))
        entry_text = entry_text.replace(f'"{meta_hash}"', f'"{new_meta}"')
    _write(entry_path, entry_text.encode("utf-8"))


def _write(path: Path, data: bytes) -> None:
    temp = path.with_name(path.name + ".tmp")
    temp.write_bytes(data)
    os.replace(temp, path)
