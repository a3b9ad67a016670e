"""What a reader downloads: page sizes, and the bytes one Pagefind query needs.

Pagefind (1.x) writes its index in pieces: `pagefind-entry.json` names the
language index; `pagefind.<lang>_<hash>.pf_meta` (gzip, then the
`pagefind_dcd` signature, then CBOR) lists every page and the word range
[from, to] each index chunk `index/<hash>.pf_index` covers. A query for one
word loads `pagefind.js`, `pagefind-worker.js` (it runs the search in a web
worker), the entry, the WebAssembly module, the meta file, the chunk(s)
whose range holds the word, and one fragment per result shown. We read the
chunk ranges from the meta file to find the chunk for the word, and count
the 5 largest fragments as the results of the first screen (an upper bound:
the real results are 5 pages that contain the word). Text files (JS, JSON,
CSS) are counted gzip-compressed, as a server sends them; Pagefind's binary
files are already gzip-compressed and are counted as they are on disk.
"""

from __future__ import annotations

import gzip
import json
import statistics
from dataclasses import asdict, dataclass
from pathlib import Path

RESULTS_SHOWN = 5


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def file_sizes(path: Path) -> tuple[int, int]:
    """(raw bytes, gzip bytes) of a file."""
    data = path.read_bytes()
    return len(data), gzip_size(data)


def _cbor(data: bytes, i: int = 0) -> tuple[object, int]:
    """Decode one CBOR item (the subset Pagefind writes: ints, strings, bytes, arrays, maps, simple values)."""
    head = data[i]
    major, info = head >> 5, head & 31
    i += 1
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        width = 1 << (info - 24)
        value = int.from_bytes(data[i : i + width], "big")
        i += width
    else:
        raise ValueError(f"unsupported CBOR item 0x{head:02x} at {i - 1}")
    if major == 0:
        return value, i
    if major == 1:
        return -1 - value, i
    if major == 2:
        return data[i : i + value], i + value
    if major == 3:
        return data[i : i + value].decode("utf-8"), i + value
    if major in (4, 5):
        items = []
        for _ in range(value * (2 if major == 5 else 1)):
            item, i = _cbor(data, i)
            items.append(item)
        return (items if major == 4 else dict(zip(items[::2], items[1::2], strict=True))), i
    if major == 7:
        return {20: False, 21: True, 22: None}.get(info, value), i
    raise ValueError(f"unsupported CBOR major type {major}")


@dataclass(frozen=True)
class PagefindQuery:
    term: str
    pages_indexed: int
    chunks_total: int
    chunk_files: tuple[str, ...]
    js_gz: int  # pagefind.js + pagefind-worker.js
    entry_gz: int
    wasm: int
    meta: int
    chunks: int
    fragments: int
    ui_gz: int  # pagefind-ui.js + pagefind-ui.css, what our search page adds on top
    index_total: int  # every index chunk and fragment: what a whole-index download would weigh
    shards: int = 1  # Pagefind bundles searched (pagefind/ and pagefind/shard-N/)

    @property
    def query_bytes(self) -> int:
        return self.js_gz + self.entry_gz + self.wasm + self.meta + self.chunks + self.fragments

    def to_dict(self) -> dict:
        return asdict(self) | {"query_bytes": self.query_bytes, "query_bytes_with_ui": self.query_bytes + self.ui_gz}


def pagefind_query(site: Path, term: str = "russia") -> PagefindQuery:
    """Bytes a reader downloads to run one query for `term` on the built site, every index shard included.

    With shards, the search page loads the first bundle's Pagefind (script,
    worker, WebAssembly) once, the module that merges every shard into it,
    and each shard's entry, meta file and chunks for the term.
    """
    pf = site / "pagefind"
    bundles = [pf] + sorted(pf.glob("shard-*"), key=lambda p: int(p.name.split("-")[1]))
    parts = [_bundle_query(b, term) for b in bundles]
    gz = lambda path: gzip_size(path.read_bytes()) if path.is_file() else 0  # noqa: E731
    shim = gz(site / "assets" / "briefings" / "search-shards" / "pagefind.js") if len(bundles) > 1 else 0
    fragments = sorted((size for part in parts for size in part["fragment_sizes"]), reverse=True)
    total = lambda key: sum(part[key] for part in parts)  # noqa: E731
    return PagefindQuery(
        term=term,
        pages_indexed=total("pages_indexed"),
        chunks_total=total("chunks_total"),
        chunk_files=tuple(name for part in parts for name in part["chunk_files"]),
        js_gz=parts[0]["js_gz"] + shim,
        entry_gz=total("entry_gz"),
        wasm=parts[0]["wasm"],
        meta=total("meta"),
        chunks=total("chunks"),
        fragments=sum(fragments[:RESULTS_SHOWN]),
        ui_gz=gz(pf / "pagefind-ui.js") + gz(pf / "pagefind-ui.css"),
        index_total=total("index_total"),
        shards=len(bundles),
    )


def _bundle_query(pf: Path, term: str) -> dict:
    """One Pagefind bundle: what a query for `term` loads from it."""
    entry_bytes = (pf / "pagefind-entry.json").read_bytes()
    entry = json.loads(entry_bytes)
    language = entry["languages"].get("en") or next(iter(entry["languages"].values()))
    meta_path = pf / f"pagefind.{language['hash']}.pf_meta"
    raw = gzip.decompress(meta_path.read_bytes())
    signature = b"pagefind_dcd"
    if not raw.startswith(signature):
        raise ValueError(f"{meta_path}: not a Pagefind meta index")
    meta, _ = _cbor(raw, len(signature))
    pages, chunks = meta[1], meta[2]  # type: ignore[index]
    wanted = [c for c in chunks if c[0] <= term <= c[1] or c[0].startswith(term)]
    chunk_files = [pf / "index" / f"{c[2]}.pf_index" for c in wanted]
    fragments = [p.stat().st_size for p in (pf / "fragment").glob("*.pf_fragment")]
    gz = lambda name: gzip_size((pf / name).read_bytes()) if (pf / name).is_file() else 0  # noqa: E731
    return {
        "pages_indexed": len(pages),  # type: ignore[arg-type]
        "chunks_total": len(chunks),  # type: ignore[arg-type]
        "chunk_files": [p.name for p in chunk_files],
        "js_gz": gz("pagefind.js") + gz("pagefind-worker.js"),
        "entry_gz": gzip_size(entry_bytes),
        "wasm": wasm.stat().st_size if (wasm := pf / f"wasm.{language['wasm']}.pagefind").is_file() else 0,  # a shard's runs on the first bundle's
        "meta": meta_path.stat().st_size,
        "chunks": sum(p.stat().st_size for p in chunk_files),
        "fragment_sizes": fragments,
        "index_total": sum(p.stat().st_size for p in (pf / "index").glob("*.pf_index")) + sum(fragments),
    }


def page_stats(site: Path, folder: str) -> dict:
    """Median and largest raw/gzip sizes of the pages under site/<folder>/*/index.html."""
    sizes = [file_sizes(p) for p in sorted((site / folder).glob("*/index.html"))]
    if not sizes:
        return {"pages": 0}
    raw = [s[0] for s in sizes]
    gz = [s[1] for s in sizes]
    return {
        "pages": len(sizes),
        "median_raw": int(statistics.median(raw)), "median_gz": int(statistics.median(gz)),
        "max_raw": max(raw), "max_gz": max(gz),
    }


def site_total(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}


def hub_pages(site: Path) -> dict[str, tuple[int, int]]:
    """(raw, gzip) sizes of the corpus-wide pages, whose size grows with the corpus."""
    names = {
        "home": "index.html", "archive": "archive/index.html", "glossary": "glossary/index.html",
        "entities": "entities/index.html", "themes": "themes/index.html",
    }
    out = {k: file_sizes(site / v) for k, v in names.items() if (site / v).is_file()}
    for hub in sorted((site / "themes").glob("*/index.html")):
        out[f"theme:{hub.parent.name}"] = file_sizes(hub)
    return out
