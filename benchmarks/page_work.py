"""Rendering work per page, ours beside plain Material's, as counts that a busy machine does not change.

Usage:
    .venv/bin/python benchmarks/page_work.py [--runs 3] [--site site]

Lighthouse's scores and blocking times move by several points from run to run
when other work shares the CPU. This loads the same pages as
`benchmarks/lighthouse.py` (home, the 5G hub, both seed briefings; ours and
plain MkDocs + Material built over the same pages) in Debian's chromium with a
phone's viewport and a 4x CPU slowdown, records a Chromium trace and reports,
per page, the median over the runs of:

- DOM elements after load;
- style recalculations and the elements they restyled (summed);
- layouts and the layout objects they laid out (summed);
- the main thread's CPU time and its long tasks' blocking time (over 50 ms;
  these two still depend on the machine's load: read them as ratios).

Needs `make site` first. Writes benchmarks/out/page_work.json.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import shutil
import statistics
import sys
from pathlib import Path

from lighthouse import OUT, ROOT, build_plain, log, seed_pages, serve, table

PHONE = {"width": 412, "height": 823}
CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline"]


def page_work(browser, url: str) -> dict[str, float]:
    """One load of `url`: the counts above, from its trace."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1.75, is_mobile=True)
    try:
        page = context.new_page()
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        browser.start_tracing(page=page, categories=CATEGORIES)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        events = json.loads(browser.stop_tracing())["traceEvents"]
        elements = page.evaluate("document.getElementsByTagName('*').length")
    finally:
        context.close()
    # The page's main thread: of the renderers' main threads, the one that did the most work.
    renderers = {(e["pid"], e["tid"]) for e in events if e.get("ph") == "M" and e.get("name") == "thread_name"
                 and (e.get("args") or {}).get("name") == "CrRendererMain"}
    busy = collections.Counter()
    for e in events:
        if e.get("ph") == "X" and (e.get("pid"), e.get("tid")) in renderers:
            busy[(e["pid"], e["tid"])] += e.get("dur", 0)
    main = busy.most_common(1)[0][0]
    mine = [e for e in events if (e.get("pid"), e.get("tid")) == main and e.get("ph") == "X"]
    styles = [e for e in mine if e["name"] == "UpdateLayoutTree"]
    layouts = [e for e in mine if e["name"] == "Layout"]
    tasks = [e for e in mine if e["name"] == "RunTask"]
    return {
        "dom_elements": elements,
        "style_recalcs": len(styles),
        "restyled_elements": sum((e.get("args", {}).get("elementCount") or 0) for e in styles),
        "layouts": len(layouts),
        "laid_out_objects": sum(((e.get("args", {}).get("beginData") or {}).get("dirtyObjects") or 0) for e in layouts),
        "main_thread_cpu_ms": round(sum(e.get("tdur", e.get("dur", 0)) for e in tasks) / 1000),
        "blocking_ms": round(sum(max(0, e.get("dur", 0) / 1000 - 50) for e in tasks)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="loads per page and site (the median is reported)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="our built site (make site)")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        log(f"{args.site} has no index.html: run `make site` first")
        return 2
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    sites = {"ours": args.site, "plain": build_plain(OUT / "lighthouse-plain", ROOT / "briefings")}
    pages = seed_pages(args.site)
    results: dict = {}
    with sync_playwright() as p, contextlib.ExitStack() as stack:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or None, args=["--no-sandbox"])
        bases = {name: stack.enter_context(serve(site)) for name, site in sites.items()}
        for label, path in pages.items():
            for name, base in bases.items():
                runs = [page_work(browser, base + path) for _ in range(args.runs)]
                results.setdefault(label, {})[name] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        browser.close()
    keys = list(next(iter(next(iter(results.values())).values())))
    rows = [[label, name, *(f"{r[k]:g}" for k in keys)] for label, by_site in results.items() for name, r in by_site.items()]
    print(table(rows, ["page", "site", *keys]))
    (OUT / "page_work.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
