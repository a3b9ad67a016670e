"""`make lighthouse`: Lighthouse scores and Nu HTML checker errors of the seed site, next to plain Material's.

Usage:
    .venv/bin/python benchmarks/lighthouse.py [--runs 3] [--site site] [--skip-vnu] [--skip-lighthouse]

Needs `make site` first (it reads site/ and briefings/), Node with npm, Java and
Debian's chromium. It installs the `lighthouse` and `vnu-jar` packages from
the npm registry into benchmarks/lighthouse/node_modules (ignored by git,
versions pinned in benchmarks/lighthouse/package.json) unless they are there.

1. Builds plain MkDocs + Material (its default plugins, the same theme
   settings and Markdown extensions, no briefings plugin) over the same
   pages: docs/index.md, a 5G hub as a Markdown list, and both seed
   briefings' bodies with their titles.
2. Serves both sites on 127.0.0.1, text gzipped as GitHub Pages serves it,
   and runs Lighthouse (mobile, simulated throttling, Debian's chromium
   headless) `--runs` times on the home page, the 5G hub and both seed
   briefings of each (the two sites' runs alternate); prints the median of
   each category per page, ours beside plain Material's, with the medians of
   total blocking time, main-thread work, first and largest contentful paint,
   speed index and DOM size (the JSON keeps each run's longest tasks).
3. Runs the Nu HTML checker over both sites' pages. An error whose message
   also occurs in plain Material's pages is counted as Material's; the
   others come from our templates and pages.

Writes benchmarks/out/lighthouse.json.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "benchmarks" / "lighthouse"
OUT = ROOT / "benchmarks" / "out"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml with MkDocs' tags (!ENV …) as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def install_tools() -> tuple[Path, Path]:
    """The lighthouse command and vnu.jar, installed locally from the npm registry when missing."""
    lighthouse = TOOLS / "node_modules" / ".bin" / "lighthouse"
    vnu = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not (lighthouse.exists() and vnu.exists()):
        log("installing lighthouse and vnu-jar (npm, into benchmarks/lighthouse/node_modules)")
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--no-package-lock"], cwd=TOOLS, check=True)
    return lighthouse, vnu


def _split(text: str) -> tuple[dict, str]:
    _, head, body = text.split("---\n", 2)
    return yaml.safe_load(head) or {}, body


def seed_pages(site: Path) -> dict[str, str]:
    """Page label -> site-relative URL: the home page, the 5G hub and every briefing."""
    pages = {"home": "", "hub (5G)": "themes/5g/"}
    for folder in sorted((site / "briefings").iterdir()):
        if (folder / "index.html").is_file():
            pages[f"briefing {folder.name[:28]}"] = f"briefings/{folder.name}/"
    return pages


def build_plain(work: Path, briefings: Path) -> Path:
    """Plain MkDocs + Material over the same pages (home, a 5G hub as a list, the briefings' bodies)."""
    docs = work / "docs"
    shutil.rmtree(work, ignore_errors=True)
    (docs / "briefings").mkdir(parents=True)
    (docs / "themes").mkdir()
    (docs / "index.md").write_text((ROOT / "docs" / "index.md").read_text(encoding="utf-8"), encoding="utf-8")
    hub = ["# 5G", ""]
    for path in sorted(briefings.glob("*.md")):
        meta, body = _split(path.read_text(encoding="utf-8"))
        (docs / "briefings" / path.name).write_text(f"# {meta['title']}\n\n{body}", encoding="utf-8")
        hub.append(f"1. [{meta['title']}](../briefings/{path.name})")
    (docs / "themes" / "5g.md").write_text("\n".join(hub) + "\n", encoding="utf-8")
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    config.update(site_url="http://127.0.0.1/", docs_dir="docs", site_dir="site")
    config.pop("plugins", None)  # Material's defaults (its search)
    config.pop("nav", None)
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml")], cwd=work, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return work / "site"


_COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """A static file server that gzips text as GitHub Pages does, so transfer sizes are those a reader downloads."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".wasm": "application/wasm"}  # noqa: RUF012

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (the handler's name)
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in _COMPRESSED or not path.is_file():
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(os.fspath(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=os.fspath(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def lighthouse_run(command: Path, url: str, out: Path) -> dict:
    """One Lighthouse run (mobile, simulated throttling): the four scores, total blocking time and the longest tasks."""
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    env = {**os.environ, "CHROME_PATH": chrome or ""}
    subprocess.run([os.fspath(command), url, "--quiet", "--output=json", f"--output-path={out}",
                    "--chrome-flags=--headless --no-sandbox", f"--only-categories={','.join(CATEGORIES)}"],
                   env=env, check=True, capture_output=True)
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    audits = report["audits"]
    tasks = [(round(t.get("duration", 0)), t.get("url", "")) for t in (audits.get("long-tasks", {}).get("details") or {}).get("items", [])]
    value = lambda audit: round(audits.get(audit, {}).get("numericValue", 0))  # noqa: E731
    return {"scores": scores, "tbt_ms": value("total-blocking-time"), "mainthread_ms": value("mainthread-work-breakdown"),
            "dom_size": value("dom-size"), "fcp_ms": value("first-contentful-paint"), "lcp_ms": value("largest-contentful-paint"),
            "speed_index_ms": value("speed-index"), "long_tasks": tasks[:3]}


def lighthouse(command: Path, sites: dict[str, Path], pages: dict[str, str], runs: int) -> dict:
    """Median scores per page and site; the sites' runs alternate, so a busy moment of the machine hits both."""
    results: dict = {}
    with tempfile.TemporaryDirectory() as scratch, contextlib.ExitStack() as stack:
        bases = {name: stack.enter_context(serve(site)) for name, site in sites.items()}
        for label, path in pages.items():
            got: dict[str, list[dict]] = {name: [] for name in sites}
            for _ in range(runs):
                for name, base in bases.items():
                    got[name].append(lighthouse_run(command, base + path, Path(scratch) / "report.json"))
            for name, runs_of in got.items():
                results.setdefault(label, {})[name] = r = {
                    "scores": {c: statistics.median(g["scores"][c] for g in runs_of) for c in CATEGORIES},
                    "tbt_ms": statistics.median(g["tbt_ms"] for g in runs_of),
                    "mainthread_ms": statistics.median(g["mainthread_ms"] for g in runs_of),
                    **{k: statistics.median(g[k] for g in runs_of) for k in ("dom_size", "fcp_ms", "lcp_ms", "speed_index_ms")},
                    "runs": runs_of,
                }
                log(f"  {name:6} {label:40} {r['scores']} TBT {r['tbt_ms']} ms")
    return results


def vnu_errors(jar: Path, site: Path) -> list[dict]:
    """Errors the Nu HTML checker reports on a site's HTML pages (search index and assets skipped)."""
    pages = [p for p in sorted(site.rglob("*.html")) if "pagefind" not in p.parts and "assets" not in p.parts]
    result = subprocess.run(["java", "-jar", os.fspath(jar), "--format", "json", "--errors-only", *map(os.fspath, pages)],
                            capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}').get("messages", [])
    return [m for m in messages if m.get("type") == "error"]


def _shape(message: str) -> str:
    return re.sub(r"“[^”]*”", "“…”", message)


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True))  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (the median is reported)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="our built site (make site)")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--skip-vnu", action="store_true")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        log(f"{args.site} has no index.html: run `make site` first")
        return 2
    command, jar = install_tools()
    OUT.mkdir(parents=True, exist_ok=True)
    plain = build_plain(OUT / "lighthouse-plain", ROOT / "briefings")
    sites = {"ours": args.site, "plain": plain}
    pages = seed_pages(args.site)
    report: dict = {"pages": pages}
    if not args.skip_lighthouse:
        log(f"Lighthouse, {args.runs} run(s) a page, ours then plain Material")
        report["lighthouse"] = results = lighthouse(command, sites, pages, args.runs)
        rows = [[label, name, *(f"{r['scores'][c]:g}" for c in CATEGORIES),
                 *(f"{r[k]:g}" for k in ("tbt_ms", "mainthread_ms", "fcp_ms", "lcp_ms", "speed_index_ms", "dom_size"))]
                for label, by_site in results.items() for name, r in by_site.items()]
        print(table(rows, ["page", "site", *CATEGORIES, "TBT ms", "main thread ms", "FCP ms", "LCP ms", "SI ms", "DOM"]))
    if not args.skip_vnu:
        ours, theirs = vnu_errors(jar, args.site), vnu_errors(jar, plain)
        material = {_shape(m["message"]) for m in theirs}
        own = [m for m in ours if _shape(m["message"]) not in material]
        from_material = [m for m in ours if _shape(m["message"]) in material]
        report["vnu"] = {"ours": len(own), "material": len(from_material), "plain_material": len(theirs),
                         "own_errors": own, "material_errors": sorted(Counter(_shape(m["message"]) for m in from_material).items())}
        print(f"\nNu HTML checker: {len(own)} errors from our templates and pages, {len(from_material)} from Material's "
              f"(plain Material's own pages: {len(theirs)})")
        for m in own[:20]:
            print(f"  ours: {Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}")
        for message, count in report["vnu"]["material_errors"]:
            print(f"  Material ({count}x): {message}")
    (OUT / "lighthouse.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
