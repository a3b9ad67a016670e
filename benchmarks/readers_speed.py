#!/usr/bin/env python3
"""How long each reader takes on large inputs, and whether the cost grows linearly.

    python benchmarks/readers_speed.py [--mb 5]

Builds synthetic inputs from our own sentences: a saved web page with site chrome around the
article, a Markdown post with front matter and footnotes, pasted text, and PDFs made by
tests/pdf_maker.py. Each is read at a quarter of the size and at full size; the line printed per
kind gives seconds (CPU) and the ratio, which stays near 4 for linear cost.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools.readers import read_bytes  # noqa: E402
from tests.pdf_maker import make_pdf  # noqa: E402

SENTENCE = ("Operators in small countries choose between equipment vendors whose prices differ and whose "
            "politics differ even more, and their regulators decide how much that choice is worth. ")


def paragraphs(size: int) -> list[str]:
    para = SENTENCE * 4
    return [f"{para}Note {i}." for i in range(max(1, size // (len(para) + 10)))]


def html_page(size: int) -> bytes:
    chrome = "<nav>" + "".join(f"<a href='/s{i}'>Section {i}</a>" for i in range(200)) + "</nav>"
    body = "".join(f"<p>{p}</p>" + (f"<h2>Part {i}</h2>" if i % 20 == 0 else "") for i, p in enumerate(paragraphs(size)))
    return (f"<!DOCTYPE html><html><head><title>Networks</title><meta property='og:title' content='Networks under pressure'>"
            f"</head><body>{chrome}<article><h1>Networks under pressure</h1>{body}</article><footer>{chrome}</footer></body></html>").encode()


def markdown_post(size: int) -> bytes:
    paras = paragraphs(size)
    body = "\n\n".join(f"{p}[^{i % 50 + 1}]" + (f"\n\n## Part {i}" if i % 20 == 0 else "") for i, p in enumerate(paras))
    notes = "\n".join(f"[^{i}]: Source number {i}, 2021." for i in range(1, 51))
    return f"---\ntitle: Networks under pressure\nauthor: Jane Example\ndate: 2024-01-02\n---\n\n{body}\n\n{notes}\n".encode()


def plain_text(size: int) -> bytes:
    return ("Networks under pressure\n\nBy Jane Example\n\n" + "\n\n".join(paragraphs(size))).encode()


def pdf_file(pages: int) -> bytes:
    lines = [SENTENCE[i:i + 90] for i in range(0, len(SENTENCE), 90)] * 6
    return make_pdf([[("Networks under pressure", 20), "", *lines] if n == 0 else [str(n + 1), *lines] for n in range(pages)])


def timed(data: bytes, name: str) -> float:
    start = time.process_time()
    read_bytes(data, name)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the large text inputs in MB")
    parser.add_argument("--pdf-pages", type=int, default=200, help="pages of the large PDF")
    args = parser.parse_args(argv)
    size = int(args.mb * 1_000_000)
    print(f"{'reader':10} {'input':>12} {'quarter s':>10} {'full s':>8} {'ratio':>6}")
    for kind, make, name, full in [
        ("html", html_page, "page.html", size), ("markdown", markdown_post, "post.md", size),
        ("text", plain_text, "pasted.txt", size), ("pdf", pdf_file, "report.pdf", args.pdf_pages),
    ]:
        small_data, big_data = make(full // 4), make(full)
        small, big = timed(small_data, name), timed(big_data, name)
        label = f"{len(big_data) / 1e6:.1f} MB" if kind != "pdf" else f"{full} pages"
        print(f"{kind:10} {label:>12} {small:10.2f} {big:8.2f} {big / max(small, 1e-9):6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
