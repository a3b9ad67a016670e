"""`make bench`: speed, memory and bytes of the real pipeline on synthetic corpora of N briefings.

Usage:
    .venv/bin/python benchmarks/run.py [--sizes 100 1000] [--repeats 2] [--corpus-sizes 500 5000]
                                       [--corpus-only] [--peak-sizes 5000] [--profile 300] [--keep]
    .venv/bin/python benchmarks/run.py --ingest-only --sizes 100 1000   # step 1 alone

For each size N it makes a scratch project (this repository's mkdocs.yml,
glossary.yml and docs/, plus N synthetic raw articles from
`benchmarks/synthetic.py` in seeds/) and, with the venv's own executables
and SOURCE_DATE_EPOCH / NO_MKDOCS_2_WARNING set as `make` sets them:

1. ingest: `briefings ingest seeds/` with one process and with `--jobs 0`
   (all cores), then again with nothing changed (it must do no work); the
   per-article figures are marginal costs (see `bench_ingest`); `--ingest-only`
   runs this step alone;
2. makes every `--handwritten`-th briefing hand-written (front matter
   without the computed fields, two `[[cross-links]]`), so the build has
   analysis to do and backlinks to draw, and times an ingest that meets them;
3. builds once with Material's own search (our plugin's Pagefind step off),
   for the size of `search_index.json` and the build time without Pagefind;
4. builds `--repeats` pairs, alternately: our cold build (`mkdocs build`, no
   site/, no .briefings-cache) and a plain MkDocs + Material build of the
   same briefing bodies (same theme settings and Markdown extensions, no
   plugin, a one-entry nav); reports the median of the pair ratios;
5. times Pagefind alone, a no-change rebuild and a rebuild after editing one
   briefing (what `make serve` does), both with the analysis cache warm;
6. measures bytes: one briefing page, the corpus-wide pages, the bytes one
   search query downloads (see `sizes.py` for the method), the whole site.

Then (`--corpus-sizes`, also alone with `--corpus-only`) it times the pure
corpus-wide steps on synthetic Docs (`corpus_bench.py`) in a fresh process
per size. `--peak-sizes` runs one ingest and one cold build at sizes too big
to repeat (time, peak memory, bytes). `--profile N` writes a cProfile of a
cold build at N to benchmarks/out/profile-N.txt: time per build phase and
self time grouped by component.

Wall times on a shared machine wobble, so CPU times (user + system of the
command and its children) are reported beside them. The code measured is a
copy of build_tools/ taken at start (see `snapshot_code`).

Prints tables and writes benchmarks/out/results.json (and, with --keep, leaves
the scratch projects in benchmarks/out/work/).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))
if importlib.util.find_spec("build_tools") is None:  # not installed: use the checkout (a PYTHONPATH snapshot wins)
    sys.path.append(str(ROOT))

from measure import Run  # noqa: E402
from measure import run as _run  # noqa: E402
from serve_bench import measure_serve  # noqa: E402
from sizes import file_sizes, hub_pages, page_stats, pagefind_query, site_total  # noqa: E402
from synthetic import load_pool, write_corpus  # noqa: E402

OUT = BENCH / "out"
BIN = Path(sys.executable).parent
ENV = dict(os.environ, SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1700000000"), NO_MKDOCS_2_WARNING="1")
ENV.pop("SITE_URL", None)
COMPUTED_KEYS = ("themes", "reading_time_minutes", "summary", "key_points", "glossary", "entities", "paragraph_themes", "generated", "diagnostics", "header_lines")

TARGETS = {
    "ingest_ms_per_1500_words": 20.0,
    "build_ratio_to_plain": 1.5,
    "build_exponent": 1.1,
    "page_gz_kb": 20.0,
    "search_query_kb": 300.0,
    "no_change_rebuild_share": 0.10,
    "edit_to_preview_s_at_1000": 1.0,
    "peak_memory_gb_at_5000": 1.5,
    "corpus_steps_ratio_500_to_5000": 12.0,
}


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml with MkDocs' tags (!ENV …) as plain values."""


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    """`!ENV NAME` / `!ENV [NAME, …, default]` resolved as MkDocs does; other tags read as their plain value."""
    value = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else loader.construct_scalar(node)  # type: ignore[arg-type]
    if suffix != "ENV":
        return value
    names, default = (value[:-1], value[-1]) if isinstance(value, list) else ([value], None)
    return next((os.environ[n] for n in names if n in os.environ), default)


_Loader.add_multi_constructor("!", _tagged)


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_speedup(n: int = 10_000_000) -> float:
    """How much faster two CPU-bound processes finish than one after the other: what --jobs 0 can gain here."""
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    _burn(n)
    one = time.perf_counter() - start
    with ProcessPoolExecutor(max_workers=2) as pool:
        start = time.perf_counter()
        list(pool.map(_burn, [n, n]))
        two = time.perf_counter() - start
    return round(2 * one / two, 2)


def snapshot_code(folder: Path) -> None:
    """Copy build_tools/ to `folder` and make every child process import it from there.

    A run takes minutes; a snapshot keeps one version of the code for all of
    it even while someone edits the working tree.
    """
    reset(folder)
    shutil.copytree(ROOT / "build_tools", folder / "build_tools", ignore=shutil.ignore_patterns("__pycache__"))
    ENV["PYTHONPATH"] = os.pathsep.join([str(folder), *filter(None, [os.environ.get("PYTHONPATH")])])
    probe = run([sys.executable, "-c", "import build_tools.cli, build_tools.mkdocs_plugin.plugin, build_tools.analysis"], ROOT)
    if probe.returncode:
        raise SystemExit(f"build_tools does not import:\n{probe.stderr[-2000:]}")


def run(cmd: list[str], cwd: Path) -> Run:
    """Run a command with the environment `make` gives the build (SOURCE_DATE_EPOCH, NO_MKDOCS_2_WARNING)."""
    return _run(cmd, cwd, ENV)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ scratch projects
@dataclass
class Project:
    n: int
    root: Path  # our project: mkdocs.yml, glossary.yml, docs/, seeds/, briefings/
    plain: Path  # the plain MkDocs + Material project
    words: int = 0
    slugs: dict[str, str] = field(default_factory=dict)  # seed file name -> slug
    handwritten: list[str] = field(default_factory=list)

    def briefings(self) -> Path:
        return self.root / "briefings"


def mkdocs(*args: str) -> list[str]:
    return [str(BIN / "mkdocs"), *args]


def briefings_cmd(*args: str) -> list[str]:
    return [str(BIN / "briefings"), *args]


def reset(*paths: Path) -> None:
    for p in paths:
        shutil.rmtree(p, ignore_errors=True)


def make_project(n: int, base: Path, pool: Any) -> Project:
    root, plain = base / "project", base / "plain"
    reset(root, plain)
    root.mkdir(parents=True)
    for name in ("mkdocs.yml", "glossary.yml"):
        shutil.copy2(ROOT / name, root / name)
    shutil.copytree(ROOT / "docs", root / "docs")
    project = Project(n, root, plain)
    project.words = write_corpus(pool, root / "seeds", n)
    return project


def _split(text: str) -> tuple[dict, str]:
    _, fm, body = text.split("---\n", 2)
    return yaml.load(fm, Loader=yaml.CSafeLoader), body.lstrip("\n")


def read_slugs(project: Project) -> None:
    manifest = json.loads((project.root / ".briefings-cache" / "ingest-manifest.json").read_text(encoding="utf-8"))
    project.slugs = {Path(k).name: v["slug"] for k, v in manifest.items()}


def make_handwritten(project: Project, every: int) -> None:
    """Turn every `every`-th briefing into a hand-written one: no computed fields, two cross-links."""
    if every <= 0:
        return
    slugs = [project.slugs[k] for k in sorted(project.slugs)]
    for i in range(every - 1, len(slugs), every):  # article 0 stays generated: it is the page compared across sizes
        path = project.briefings() / f"{slugs[i]}.md"
        meta, body = _split(path.read_text(encoding="utf-8"))
        meta = {k: v for k, v in meta.items() if k not in COMPUTED_KEYS}
        a, b = slugs[(i + 1) % len(slugs)], slugs[(i + len(slugs) // 2) % len(slugs)]
        links = f"For the other side of this argument see [[{a}]] and [[{b}|this briefing]]."
        head, sep, refs = body.partition("\n## References")
        body = f"{head.rstrip()}\n\n{links}\n{sep}{refs}" if sep else f"{body.rstrip()}\n\n{links}\n"
        fm = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
        path.write_text(f"---\n{fm}---\n\n{body}", encoding="utf-8")
        project.handwritten.append(slugs[i])


def edit_one(project: Project) -> str:
    """Append a sentence to the first paragraph of one briefing (a hand-written one if any)."""
    slug = project.handwritten[0] if project.handwritten else sorted(project.slugs.values())[0]
    path = project.briefings() / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    marker = "\n{: #p-1 }"
    at = text.find(marker)
    text = text[:at] + " An author added this sentence." + text[at:] if at >= 0 else text + "\nAn author added this sentence.\n"
    path.write_text(text, encoding="utf-8")
    return slug


def variant_config(project: Project, name: str, *, plugins: list, nav: list | None, docs_dir: str = "docs", site_dir: str = "site") -> Path:
    """A copy of the project's mkdocs.yml with other plugins/nav (same theme and Markdown settings)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    config["site_url"] = "http://127.0.0.1:8000/"
    config["plugins"] = plugins
    config["docs_dir"], config["site_dir"] = docs_dir, site_dir
    if nav is None:
        config.pop("nav", None)
    else:
        config["nav"] = nav
    path = (project.plain if name in ("plain", "floor") else project.root) / f"mkdocs-{name}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def make_plain(project: Project) -> Path:
    """docs/index.md and every briefing's body (with its title as H1), built by MkDocs + Material alone."""
    docs = project.plain / "docs"
    reset(docs)
    (docs / "briefings").mkdir(parents=True)
    (docs / "index.md").write_text((ROOT / "docs" / "index.md").read_text(encoding="utf-8"), encoding="utf-8")
    for path in sorted(project.briefings().glob("*.md")):
        meta, body = _split(path.read_text(encoding="utf-8"))
        (docs / "briefings" / path.name).write_text(f"# {meta['title']}\n\n{body}", encoding="utf-8")
    return variant_config(project, "plain", plugins=[], nav=[{"Home": "index.md"}], site_dir="site")


def make_floor(project: Project, pages: int) -> Path:
    """MkDocs + Material alone over as many pages as our site has, each one line: what any `mkdocs build` of
    that many pages costs with nothing to convert (start-up, Page objects, Material's template, one file each)."""
    docs = project.plain / "floor-docs"
    reset(docs)
    (docs / "pages").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    for i in range(1, pages):
        (docs / "pages" / f"p{i}.md").write_text(f"Page {i}.\n", encoding="utf-8")
    return variant_config(project, "floor", plugins=[], nav=[{"Home": "index.md"}], docs_dir="floor-docs", site_dir="site-floor")


def make_plain_with_search(project: Project) -> Path:
    """The plain project with Material's built-in search, as a Material site has it by default: the same pages, searchable."""
    config = project.plain / "mkdocs-plain-search.yml"
    data = yaml.safe_load((project.plain / "mkdocs-plain.yml").read_text(encoding="utf-8"))
    data["plugins"], data["site_dir"] = ["search"], "site-search"
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config


# ------------------------------------------------------------------ steps
def warnings_in(r: Run) -> int:
    return sum(1 for line in r.stderr.splitlines() if line.startswith("WARNING"))


def run_info(r: Run) -> dict:
    return {"wall_s": round(r.wall_s, 3), "cpu_s": round(r.cpu_s, 3), "max_rss_mb": round(r.max_rss_mb, 1), "tree_pss_mb": round(r.tree_pss_mb, 1)}


def ingest_counts(r: Run) -> dict:
    line = next((x for x in reversed(r.stdout.splitlines()) if x.startswith("briefings ingest:")), "")
    counts = {}
    for part in line.removeprefix("briefings ingest:").split(","):
        bits = part.strip().split(" ", 1)
        if len(bits) == 2 and bits[0].isdigit():
            counts[bits[1]] = int(bits[0])
    return counts


#: Articles in the baseline ingest whose cost `bench_ingest` subtracts (an op-ed and a journal article, so a pool starts).
BASELINE_ARTICLES = 2


def bench_ingest(project: Project, handwritten_every: int) -> dict:
    """Ingest times; the per-article figures are marginal: one-off costs are subtracted, not shared out.

    A run pays once for start-up (imports, settings through MkDocs' config loader),
    for compiling the themes and the curated glossary, and, with `--jobs 0`, for
    starting the worker pool. So each run is compared with an ingest of the corpus's
    first `BASELINE_ARTICLES` articles with the same `--jobs`, which pays every one of
    them, and "net" figures are (run - baseline) over the remaining articles and words.
    """
    root, n = project.root, project.n
    empty = root / ".empty-seeds"
    empty.mkdir(exist_ok=True)
    startup = run(briefings_cmd("ingest", str(empty), "--out", str(root / ".empty-out")), root).check()
    reset(empty, root / ".empty-out")
    out: dict[str, Any] = {"articles": n, "words": project.words, "startup_s": round(startup.wall_s, 3), "startup_cpu_s": round(startup.cpu_s, 3)}
    few = sorted((root / "seeds").iterdir())[:BASELINE_ARTICLES] if n > BASELINE_ARTICLES else []
    few_words = sum(len(p.read_text(encoding="utf-8").split()) for p in few)
    for label, jobs in (("single", "1"), ("all_cores", "0")):
        base = startup
        if few:
            seeds, briefings = root / ".baseline-seeds", root / ".baseline-out"
            reset(seeds, briefings, root / ".briefings-cache")
            seeds.mkdir()
            for p in few:
                shutil.copy2(p, seeds / p.name)
            base = run(briefings_cmd("ingest", str(seeds), "--out", str(briefings), "--jobs", jobs), root).check()
            reset(seeds, briefings)
        articles, words = n - len(few), project.words - few_words
        reset(project.briefings(), root / ".briefings-cache")
        log(f"  ingest --jobs {jobs}")
        r = run(briefings_cmd("ingest", "seeds/", "--jobs", jobs), root).check()
        net = max(r.wall_s - base.wall_s, 1e-9)
        cpu = max(r.cpu_s - base.cpu_s, 1e-9)
        out[label] = run_info(r) | {
            "baseline": run_info(base) | {"articles": len(few), "words": few_words},
            "ms_per_article": round(1000 * r.wall_s / n, 2),
            "ms_per_article_net": round(1000 * net / articles, 2),
            "ms_per_1000_words": round(1000 * net / words * 1000, 2),
            "ms_per_1500_words": round(1000 * net / words * 1500, 2),
            "cpu_ms_per_article": round(1000 * cpu / articles, 2),
            "cpu_ms_per_1500_words": round(1000 * cpu / words * 1500, 2),
            "counts": ingest_counts(r),
        }
    log("  ingest again, nothing changed")
    again = run(briefings_cmd("ingest", "seeds/", "--jobs", "0"), root).check()
    out["unchanged"] = run_info(again) | {"ms_per_article": round(1000 * again.wall_s / n, 2), "counts": ingest_counts(again)}
    read_slugs(project)
    make_handwritten(project, handwritten_every)
    log(f"  ingest after {len(project.handwritten)} briefings became hand-written")
    edited = run(briefings_cmd("ingest", "seeds/", "--jobs", "1"), root).check()
    out["with_edited"] = run_info(edited) | {"edited": len(project.handwritten), "counts": ingest_counts(edited)}
    return out


def pagefind_command(site: Path) -> list[str]:
    """The command the plugin runs to index the site (its own, when it says what it is)."""
    try:
        from build_tools.site.search import search_command

        return search_command(site)
    except ImportError:
        return [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]


def build_ours(project: Project, *, cold: bool, config: str = "mkdocs.yml") -> Run:
    if cold:
        reset(project.root / "site", project.root / ".briefings-cache")
    return run(mkdocs("build", "-f", config), project.root).check()


def build_plain(project: Project, config: Path) -> Run:
    reset(project.plain / "site", project.plain / "site-search", project.plain / "site-floor")
    return run(mkdocs("build", "-f", str(config)), project.plain).check()


def bench_serve(project: Project, edits: int) -> dict:
    """Edit-to-preview against a real `mkdocs serve`: one hand-written briefing edited, then one raw article (serve_bench.py)."""
    log(f"  mkdocs serve: {edits} edits of a briefing, {edits} of a seed, polling the served page")
    generated = {slug: name for name, slug in project.slugs.items() if slug not in project.handwritten}  # slug -> its seed
    seed_slug = sorted(generated)[0] if generated else None
    slug = project.handwritten[0] if project.handwritten else sorted(project.slugs.values())[0]
    return measure_serve(project.root, str(BIN / "mkdocs"), ENV, briefing=project.briefings() / f"{slug}.md",
                         seed=project.root / "seeds" / generated[seed_slug] if seed_slug else None, seed_slug=seed_slug, edits=edits)


def bench_serve_only(n: int, handwritten_every: int, edits: int, pool: Any, work: Path) -> dict:
    """`--serve-only`: a project of N briefings ingested (some hand-written), then only the serve figures."""
    log(f"N={n} (--serve-only): writing {n} synthetic articles")
    project = make_project(n, work / f"serve-{n}", pool)
    run(briefings_cmd("ingest", "seeds/", "--jobs", "0"), project.root).check()
    read_slugs(project)
    make_handwritten(project, handwritten_every)
    log("  cold build (fills the caches as `make serve` after `make site` finds them)")
    cold = build_ours(project, cold=True)
    return {"n": n, "serve": bench_serve(project, edits), "cold_build_s": round(cold.wall_s, 3)}


def bench_size(n: int, repeats: int, handwritten_every: int, pool: Any, work: Path, serve_edits: int = 3) -> tuple[dict, Project]:
    log(f"N={n}: writing {n} synthetic articles")
    project = make_project(n, work / str(n), pool)
    result: dict[str, Any] = {"n": n}
    result["ingest"] = bench_ingest(project, handwritten_every)
    plain_config = make_plain(project)
    plain_search_config = make_plain_with_search(project)
    count = len(list(project.briefings().glob("*.md")))

    log("  build with Material's search instead of Pagefind")
    options = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    ours_options = next(p["briefings"] for p in options["plugins"] if isinstance(p, dict) and "briefings" in p)
    material = variant_config(project, "material-search", plugins=["search", {"briefings": dict(ours_options, search=False)}], nav=options.get("nav"), site_dir="site-material-search")
    reset(project.root / "site-material-search", project.root / ".briefings-cache")
    no_pagefind = run(mkdocs("build", "-f", material.name), project.root).check()
    index = project.root / "site-material-search" / "search" / "search_index.json"
    material_index = file_sizes(index) if index.is_file() else (0, 0)
    reset(project.root / "site-material-search")

    ours, plain, plain_search, ratios, search_ratios = [], [], [], [], []
    for k in range(repeats):
        log(f"  build triple {k + 1}/{repeats}: ours (cold), plain, plain with Material's search")
        a = build_ours(project, cold=True)
        b = build_plain(project, plain_config)
        c = build_plain(project, plain_search_config)
        ours.append(a)
        plain.append(b)
        plain_search.append(c)
        ratios.append(a.wall_s / b.wall_s)
        search_ratios.append(a.wall_s / c.wall_s)
    site = project.root / "site"
    log("  Pagefind alone, no-change rebuild, rebuild after one edit")
    pagefind = run(pagefind_command(site), project.root).check()
    no_change = build_ours(project, cold=False)
    log("  MkDocs + Material alone over as many one-line pages (the floor of any `mkdocs build`), plain Material + Pagefind")
    pages_written = sum(1 for _ in site.rglob("index.html"))
    floor_config = make_floor(project, pages_written)
    floor = statistics.median(build_plain(project, floor_config).wall_s for _ in range(3))
    build_plain(project, plain_config)
    plain_pagefind = run(pagefind_command(project.plain / "site"), project.plain).check()
    edited_slug = edit_one(project)
    one_edit = build_ours(project, cold=False)
    cold_median = statistics.median(r.wall_s for r in ours)
    cold_cpu = statistics.median(r.cpu_s for r in ours)
    if serve_edits:
        result["serve"] = bench_serve(project, serve_edits)

    first_slug = project.slugs[sorted(project.slugs)[0]]  # article 0: the same text at every size
    page = site / "briefings" / first_slug / "index.html"
    result["build"] = {
        "briefings": count,
        "ours_s": [round(r.wall_s, 3) for r in ours],
        "plain_s": [round(r.wall_s, 3) for r in plain],
        "ours_median_s": round(cold_median, 3),
        "plain_median_s": round(statistics.median(r.wall_s for r in plain), 3),
        "ms_per_briefing": round(1000 * cold_median / count, 2),
        "plain_ms_per_briefing": round(1000 * statistics.median(r.wall_s for r in plain) / count, 2),
        "ratios": [round(x, 3) for x in ratios],
        "ratio_median": round(statistics.median(ratios), 3),
        "plain_search_s": [round(r.wall_s, 3) for r in plain_search],
        "plain_search_median_s": round(statistics.median(r.wall_s for r in plain_search), 3),
        "search_ratio_median": round(statistics.median(search_ratios), 3),
        "search_cpu_ratio_median": round(statistics.median(a.cpu_s / c.cpu_s for a, c in zip(ours, plain_search, strict=True)), 3),
        "cpu_ratio_median": round(statistics.median(a.cpu_s / b.cpu_s for a, b in zip(ours, plain, strict=True)), 3),
        "ours_cpu_s": round(statistics.median(r.cpu_s for r in ours), 3),
        "plain_cpu_s": round(statistics.median(r.cpu_s for r in plain), 3),
        "ours_max_rss_mb": round(max(r.max_rss_mb for r in ours), 1),
        "ours_tree_pss_mb": round(max(r.tree_pss_mb for r in ours), 1),
        "plain_max_rss_mb": round(max(r.max_rss_mb for r in plain), 1),
        "warnings": warnings_in(ours[-1]),
        "without_pagefind_s": round(no_pagefind.wall_s, 3),
        "pagefind_alone_s": round(pagefind.wall_s, 3),
        "pagefind_max_rss_mb": round(pagefind.max_rss_mb, 1),
        "no_change_rebuild_s": round(no_change.wall_s, 3),
        "no_change_share": round(no_change.wall_s / cold_median, 3),
        "no_change_cpu_share": round(no_change.cpu_s / cold_cpu, 3),
        "floor_pages": pages_written,
        "floor_s": round(floor, 3),
        "floor_share": round(floor / cold_median, 3),
        "plain_pagefind_s": round(plain_pagefind.wall_s, 3),
        "ratio_to_plain_and_pagefind": round(cold_median / (statistics.median(r.wall_s for r in plain) + plain_pagefind.wall_s), 3),
        "one_edit_rebuild_s": round(one_edit.wall_s, 3),
        "one_edit_share": round(one_edit.wall_s / cold_median, 3),
        "one_edit_cpu_share": round(one_edit.cpu_s / cold_cpu, 3),
        "edited": edited_slug,
    }
    query = pagefind_query(site)
    result["bytes"] = {
        "page": first_slug,
        "page_raw": file_sizes(page)[0],
        "page_gz": file_sizes(page)[1],
        "briefing_pages": page_stats(site, "briefings"),
        "hub_pages": hub_pages(site),
        "search_query": query.to_dict(),
        "material_search_index_raw": material_index[0],
        "material_search_index_gz": material_index[1],
        "site": site_total(site),
    }
    return result, project


def bench_peak(n: int, handwritten_every: int, pool: Any, work: Path, keep: bool = False) -> dict:
    """One ingest (all cores) and one cold build at N: time, peak memory and bytes, for sizes too big to repeat."""
    log(f"N={n} (--peak-sizes): writing {n} synthetic articles")
    project = make_project(n, work / f"peak-{n}", pool)
    log("  ingest --jobs 0")
    ingest = run(briefings_cmd("ingest", "seeds/", "--jobs", "0"), project.root).check()
    read_slugs(project)
    make_handwritten(project, handwritten_every)
    log("  cold build")
    build = build_ours(project, cold=True)
    site = project.root / "site"
    page = site / "briefings" / project.slugs[sorted(project.slugs)[0]] / "index.html"
    result = {
        "n": n, "words": project.words, "ingest_all_cores": run_info(ingest), "build": run_info(build) | {"warnings": warnings_in(build)},
        "page_gz": file_sizes(page)[1], "search_query": pagefind_query(site).to_dict(), "hub_pages": hub_pages(site), "site": site_total(site),
    }
    if not keep:
        reset(work / f"peak-{n}")
    return result


# ------------------------------------------------------------------ corpus-only
def corpus_worker(n: int) -> dict:
    """In a fresh process: time the corpus-wide steps on n synthetic Docs."""
    from corpus_bench import pool_docs, synthetic_docs, time_steps
    from measure import self_max_rss_mb

    from build_tools.config import plugin_options, themes_from_options

    config = ROOT / "mkdocs.yml"
    themes = {t.slug: t for t in themes_from_options(plugin_options(config))}
    docs = synthetic_docs(n, pool_docs(config))
    best: dict[str, float] = {}
    sizes: dict[str, int] = {}
    spent, runs = 0.0, 0
    while runs < 3 and spent < 20:  # best of up to three runs, within a time budget
        times, sizes = time_steps(docs, themes)
        best = {k: min(v, best.get(k, v)) for k, v in times.items()}
        spent += times["total"]
        runs += 1
    return {"n": n, "seconds": {k: round(v, 4) for k, v in best.items()}, "markdown_chars": sizes, "max_rss_mb": round(self_max_rss_mb(), 1), "runs": runs}


def bench_corpus(sizes: list[int]) -> list[dict]:
    out = []
    for n in sizes:
        log(f"corpus-only: N={n}")
        r = run([sys.executable, str(Path(__file__).resolve()), "--corpus-worker", str(n)], ROOT).check()
        out.append(json.loads(r.stdout))
    return out


# ------------------------------------------------------------------ profile
GROUPS = (
    ("YAML (front matter)", ("/yaml/",)),
    ("Markdown -> HTML (markdown, pymdownx)", ("/markdown/", "/pymdownx/")),
    ("templates (jinja2, Material)", ("/jinja2/", "/material/", "/markupsafe/")),
    ("HTML parsing (html.parser)", ("html/parser.py", "_markupbase.py")),
    ("our plugin (build_tools)", ("/build_tools/",)),
    ("MkDocs core", ("/mkdocs/",)),
    ("waiting for Pagefind (subprocess)", ("<method 'poll'", "subprocess.py", "selectors.py")),
    ("file writes and reads", ("<built-in method io.open>", "<method 'write'", "<method 'read'", "posix.", "shutil.py", "pathlib.py")),
    ("regular expressions", ("<method 'sub'", "<method 'match'", "<method 'search'", "<method 'finditer'", "<method 'findall'", "<method 'split' of 're", "re/__init__.py", "sre_")),
)


# Phases of a build, as (label, file suffix, function): inclusive time, indented by nesting.
PHASES = (
    ("mkdocs build", "mkdocs/commands/build.py", "build"),
    ("  on_files: read, validate, analyse, link the corpus; page Markdown", "mkdocs_plugin/plugin.py", "on_files"),
    ("    read front matter (YAML)", "build_tools/briefing_file.py", "load_briefing"),
    ("    Doc from file: parse the body", "build_tools/body.py", "parse_body"),
    ("      its blocks, by Python-Markdown's block parser", "build_tools/markdown_ext.py", "read"),
    ("    analyse hand-written briefings (cache misses)", "caches/analysis.py", "__call__"),
    ("    corpus-wide views (build_corpus)", "build_tools/corpus.py", "build_corpus"),
    ("    resolve [[wikilinks]]", "build_tools/links.py", "resolve_wikilinks"),
    ("    corpus checks", "build_tools/check.py", "corpus_problems"),
    ("  Markdown -> HTML, every page (_populate_page)", "mkdocs/commands/build.py", "_populate_page"),
    ("    on_page_markdown: header and related HTML, page cache lookup", "mkdocs_plugin/plugin.py", "on_page_markdown"),
    ("    Python-Markdown convert", "markdown/core.py", "convert"),
    ("      md_in_html (raw HTML blocks)", "markdown/extensions/md_in_html.py", "run"),
    ("      MkDocs anchor scan of raw HTML (_RawHTMLPreprocessor)", "mkdocs/structure/pages.py", "run"),
    ("      anchors, glossary marks, reference links (element tree)", "build_tools/markdown_ext.py", "anchor_blocks"),
    ("    on_page_content: join the parts, TOC, sanitiser, search wrapper", "mkdocs_plugin/plugin.py", "on_page_content"),
    ("  templates and writes, every page (_build_page)", "mkdocs/commands/build.py", "_build_page"),
    ("    Jinja2 / Material templates", "jinja2/environment.py", "render"),
    ("    on_post_page: CSP meta, page cache store", "mkdocs_plugin/plugin.py", "on_post_page"),
    ("  on_post_build: feed, Pagefind (or its cached index)", "mkdocs_plugin/plugin.py", "on_post_build"),
)


def phase_times(stats: Any) -> list[tuple[str, float]]:
    out = []
    for label, suffix, func in PHASES:
        cum = sum(v[3] for (f, _, fn), v in stats.stats.items() if fn == func and f.replace(os.sep, "/").endswith(suffix))
        if cum:
            out.append((label, cum))
    return out


def profile_build(project: Project, top: int = 40) -> dict:
    """cProfile one cold build; write the top functions and self time grouped by component."""
    import pstats

    reset(project.root / "site", project.root / ".briefings-cache")
    prof = OUT / f"profile-{project.n}.prof"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), str(BIN / "mkdocs"), "build", "-q"], cwd=project.root, env=ENV, check=True, capture_output=True)
    wall = time.perf_counter() - start
    groups: dict[str, float] = {name: 0.0 for name, _ in GROUPS}
    groups["other"] = 0.0
    stats = pstats.Stats(str(prof))
    for (filename, _, func), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = f"{filename} {func}"
        for name, needles in GROUPS:
            if any(s in where for s in needles):
                groups[name] += tottime
                break
        else:
            groups["other"] += tottime
    total = sum(groups.values())
    count = len(list(project.briefings().glob("*.md")))
    phases = phase_times(stats)
    text_path = OUT / f"profile-{project.n}.txt"
    with open(text_path, "w", encoding="utf-8") as handle:
        handle.write(f"cProfile of a cold `mkdocs build` at N={project.n} ({count} briefings): {wall:.1f} s under the profiler\n\n")
        handle.write("inclusive time by phase:\n")
        for label, secs in phases:
            handle.write(f"  {label:70s} {secs:7.2f} s  {1000 * secs / count:6.1f} ms/briefing\n")
        handle.write("\n")
        handle.write("self time by component:\n")
        for name, secs in sorted(groups.items(), key=lambda kv: -kv[1]):
            handle.write(f"  {name:42s} {secs:7.2f} s  {100 * secs / total:5.1f} %  {1000 * secs / count:6.1f} ms/briefing\n")
        handle.write("\n")
        listing = pstats.Stats(str(prof), stream=handle)
        listing.sort_stats("cumulative").print_stats(top)
        listing.sort_stats("tottime").print_stats(top)
    log(f"  profile written to {text_path.relative_to(ROOT)}")
    return {
        "n": project.n, "briefings": count, "wall_s_profiled": round(wall, 2), "phases": [(label.strip(), round(secs, 3)) for label, secs in phases],
        "self_seconds": {k: round(v, 3) for k, v in groups.items()}, "file": str(text_path.relative_to(ROOT)),
    }


# ------------------------------------------------------------------ report
def slope(points: list[tuple[int, float]]) -> float | None:
    if len(points) < 2:
        return None
    (n0, t0), (n1, t1) = points[0], points[-1]
    return round(math.log(t1 / t0) / math.log(n1 / n0), 3)


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]

    def line(r: list[str]) -> str:
        return "| " + " | ".join(str(x).rjust(w) if i else str(x).ljust(w) for i, (x, w) in enumerate(zip(r, widths, strict=True))) + " |"

    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def kb(b: float) -> str:
    return f"{b / 1024:.1f}"


def ingest_table(sizes: list[dict]) -> str:
    return "Ingest (synthetic ~1,500-word articles; 'net': marginal cost, the run minus an ingest of the first two articles)\n\n" + table([[
        str(r["n"]), f"{r['ingest']['single']['ms_per_article_net']:.1f}", f"{r['ingest']['single']['ms_per_1000_words']:.1f}",
        f"{r['ingest']['single']['ms_per_1500_words']:.1f} ({r['ingest']['single']['cpu_ms_per_1500_words']:.1f} CPU)", f"{r['ingest']['all_cores']['ms_per_article_net']:.1f}",
        f"{r['ingest']['unchanged']['ms_per_article']:.2f} ({r['ingest']['unchanged']['counts'].get('written', '?')} written)",
        f"{r['ingest']['with_edited']['wall_s']:.2f} s for {r['ingest']['with_edited']['edited']} edited",
        f"{r['ingest']['single']['tree_pss_mb']:.0f} / {r['ingest']['all_cores']['tree_pss_mb']:.0f}",
        f"{r['ingest']['startup_cpu_s']:.2f} / {r['ingest']['single']['baseline']['cpu_s']:.2f}",
    ] for r in sizes], ["N", "ms/article 1 core", "ms/1k words", "ms/1,500 words", "ms/article all cores", "unchanged: ms/article", "re-ingest with edits",
                        "peak MB 1 / all", "CPU s: start-up / 2-article baseline"])


def summarise(results: dict) -> str:
    sizes = results["sizes"]
    out = []
    if results.get("sizes_ingest"):
        out.append(ingest_table(results["sizes_ingest"]))
    if sizes:
        out.append(ingest_table(sizes))
        out.append("\nSite build (cold: no site/, empty .briefings-cache; pairs run alternately)\n")
        out.append(table([[
            str(r["n"]), str(r["build"]["briefings"]), f"{r['build']['ours_median_s']:.1f}", f"{r['build']['ms_per_briefing']:.0f}",
            f"{r['build']['plain_median_s']:.1f}", f"{r['build']['ratio_median']:.2f} ({r['build']['cpu_ratio_median']:.2f} CPU)",
            f"{r['build']['plain_search_median_s']:.1f}", f"{r['build']['search_ratio_median']:.2f} ({r['build']['search_cpu_ratio_median']:.2f} CPU)",
            f"{r['build']['without_pagefind_s']:.1f}", f"{r['build']['pagefind_alone_s']:.1f}",
            f"{r['build']['no_change_share']:.0%} ({r['build']['no_change_cpu_share']:.0%} CPU)",
            f"{r['build']['one_edit_share']:.0%} ({r['build']['one_edit_cpu_share']:.0%} CPU)",
            f"{r['build']['ours_tree_pss_mb']:.0f}", str(r["build"]["warnings"]),
        ] for r in sizes], [
            "N", "briefings", "ours s", "ms/briefing", "plain s", "ratio (median)", "plain + search s", "ratio to it",
            "ours w/o Pagefind s", "Pagefind alone s",
            "no-change rebuild", "one-edit rebuild", "peak MB", "warnings",
        ]))
        out.append("\nBytes (the briefing page is synthetic article 0, the same text at every N; gzip level 6)\n")
        out.append(table([[
            str(r["n"]), f"{kb(r['bytes']['page_raw'])} / {kb(r['bytes']['page_gz'])}",
            f"{kb(r['bytes']['briefing_pages']['median_gz'])} / {kb(r['bytes']['briefing_pages']['max_gz'])}",
            f"{kb(r['bytes']['search_query']['query_bytes'])} (+{kb(r['bytes']['search_query']['ui_gz'])} UI)",
            f"{r['bytes']['search_query']['chunks_total']} / {r['bytes']['search_query']['pages_indexed']}",
            kb(r["bytes"]["material_search_index_gz"]),
            " ".join(f"{k} {kb(v[1])}" for k, v in r["bytes"]["hub_pages"].items() if k in ("entities", "glossary", "archive") or k.startswith("theme:5g")),
            f"{r['bytes']['site']['bytes'] / 2**20:.0f} MB",
        ] for r in sizes], ["N", "page KB raw / gz", "all pages gz KB median / max", "query KB", "chunks / pages indexed", "Material index gz KB", "corpus pages gz KB", "site"]))
        scaling = results["scaling"]
        out.append(
            f"\nScaling exponent (log-log slope, {sizes[0]['n']} -> {sizes[-1]['n']}): build {scaling['build']} "
            f"(CPU time: {scaling['build_cpu']}), plain {scaling['plain']}, ingest {scaling['ingest']}"
        )
        if scaling.get("marginal_ms_per_briefing") is not None:
            out.append(
                f"Marginal cost of one more briefing ({sizes[0]['n']} -> {sizes[-1]['n']}): "
                f"ours {scaling['marginal_ms_per_briefing']} ms, plain {scaling['plain_marginal_ms_per_briefing']} ms"
            )
        m = results["machine"]
        out.append(
            f"Machine: {m['cpus']} CPUs; two CPU-bound processes run {m['parallel_speedup_2_processes']}x faster than one after the other; "
            f"load average {m['load_average_at_start'][0]:.1f} at start, {m.get('load_average_at_end', [0])[0]:.1f} at end"
        )
    if results.get("sizes_serve"):
        out.append("\nEdit-to-preview against `mkdocs serve` (median of the edits: write -> the served page shows it; its rebuild as the server logged it)\n")
        out.append(table([[
            str(r["n"]), f"{r['serve']['startup_s']:.1f}",
            *(f"{e['median_s']:.2f} ({e['median_rebuild_s'] if e['median_rebuild_s'] is not None else '?'} s build)" if e else "-"
              for e in (r["serve"]["edits"].get("briefing"), r["serve"]["edits"].get("seed"))),
            " ".join(f"{x:.2f}" for e in r["serve"]["edits"].values() for x in e["latencies_s"]),
            f"{r['serve']['no_change_rebuild_s']:.2f} s ({r['serve']['no_change_rebuild_s'] / r['cold_build_s']:.0%} of {r['cold_build_s']:.1f} s cold)",
        ] for r in results["sizes_serve"]], ["N", "serve up s", "edit a briefing s", "edit a seed s", "every latency s", "saved unchanged: rebuild"]))
    if results.get("peak"):
        out.append("\nOne ingest (all cores) and one cold build per size (--peak-sizes)\n")
        out.append(table([[
            str(r["n"]), f"{r['ingest_all_cores']['wall_s']:.0f}", f"{r['ingest_all_cores']['tree_pss_mb']:.0f}",
            f"{r['build']['wall_s']:.0f}", f"{1000 * r['build']['wall_s'] / r['n']:.0f}", f"{r['build']['tree_pss_mb']:.0f}",
            kb(r["page_gz"]), kb(r["search_query"]["query_bytes"]),
            " ".join(f"{k} {kb(v[1])}" for k, v in r["hub_pages"].items() if k in ("entities", "glossary", "archive") or k.startswith("theme:5g")),
            f"{r['site']['bytes'] / 2**20:.0f} MB",
        ] for r in results["peak"]], ["N", "ingest s", "ingest peak MB", "build s", "ms/briefing", "build peak MB", "page gz KB", "query KB", "corpus pages gz KB", "site"]))
    if results.get("corpus_only"):
        rows = results["corpus_only"]
        first, last = rows[0], rows[-1]
        keys = list(first["seconds"])
        ratio = lambda k: last["seconds"][k] / first["seconds"][k] if first["seconds"][k] > 0 else float("nan")  # noqa: E731
        out.append(f"\nCorpus-wide steps on synthetic Docs (seconds, best of up to 3; x = N={last['n']} over N={first['n']})\n")
        out.append(table([[k, *(f"{r['seconds'][k]:.3f}" for r in rows), f"{ratio(k):.1f}x"] for k in keys] + [["peak RSS MB", *(f"{r['max_rss_mb']:.0f}" for r in rows), ""]],
                         ["step", *(f"N={r['n']}" for r in rows), "x"]))
    if results.get("targets"):
        out.append("\nTargets\n")
        out.append(table([[t["target"], t["measured"], "met" if t["met"] else ("MISSED" if t["met"] is False else "n/a")] for t in results["targets"]], ["target", "measured", ""]))
    return "\n".join(out)


def check_targets(results: dict) -> list[dict]:
    sizes = results["sizes"]
    targets = []

    def add(target: str, measured: str, met: bool | None) -> None:
        targets.append({"target": target, "measured": measured, "met": met})

    if sizes or results.get("sizes_ingest"):
        big = (sizes or results["sizes_ingest"])[-1]
        ms = big["ingest"]["single"]["cpu_ms_per_1500_words"]
        wall = big["ingest"]["single"]["ms_per_1500_words"]
        add("ingest + analysis <= 20 ms per 1,500-word article, one core", f"{ms:.1f} ms CPU, {wall:.1f} ms wall (N={big['n']})", ms <= TARGETS["ingest_ms_per_1500_words"])
    if sizes:
        ratio = big["build"]["ratio_median"]
        add("build <= 1.5x plain Material, minimal nav", f"{ratio:.2f}x wall, {big['build']['cpu_ratio_median']:.2f}x CPU (N={big['n']})", ratio <= TARGETS["build_ratio_to_plain"])
        add("  the same, against plain Material with its built-in search", f"{big['build']['search_ratio_median']:.2f}x wall, "
            f"{big['build']['search_cpu_ratio_median']:.2f}x CPU (N={big['n']})", big["build"]["search_ratio_median"] <= TARGETS["build_ratio_to_plain"])
        exp = results["scaling"]["build"]
        if exp is not None:
            add(f"build exponent <= 1.1 ({sizes[0]['n']} -> {big['n']})", f"{exp:.2f} wall, {results['scaling']['build_cpu']:.2f} CPU", exp <= TARGETS["build_exponent"])
        gz = [r["bytes"]["page_gz"] for r in sizes]
        spread = max(gz) / min(gz)
        add("briefing page <= 20 KB gzip, independent of N", f"{kb(big['bytes']['page_gz'])} KB at N={big['n']}; largest/smallest over N {spread:.2f}",
            big["bytes"]["page_gz"] <= TARGETS["page_gz_kb"] * 1024 and spread <= 1.1)
        q = big["bytes"]["search_query"]["query_bytes"]
        add("one search query <= 300 KB", f"{kb(q)} KB (N={big['n']})", q <= TARGETS["search_query_kb"] * 1024)
        share = big["build"]["no_change_share"]
        add("`mkdocs build` no-change rebuild <= 10% of a cold build", f"{share:.0%} wall, {big['build']['no_change_cpu_share']:.0%} CPU (N={big['n']})", share <= TARGETS["no_change_rebuild_share"])
        if "floor_s" in big["build"]:
            add("  its floor: MkDocs + Material alone, as many one-line pages", f"{big['build']['floor_s']:.1f} s for {big['build']['floor_pages']} pages, "
                f"{big['build']['floor_share']:.0%} of our cold build (N={big['n']})", None)
            add("  the cold build against plain Material, then Pagefind on its pages", f"{big['build']['ratio_to_plain_and_pagefind']:.2f}x "
                f"(plain {big['build']['plain_median_s']:.1f} s + Pagefind {big['build']['plain_pagefind_s']:.1f} s, N={big['n']})", None)
        unchanged = big["ingest"]["unchanged"]
        add("re-ingesting unchanged seeds does no work", f"{unchanged['counts'].get('written', '?')} written, {unchanged['counts'].get('unchanged', '?')} unchanged, {unchanged['wall_s']:.2f} s",
            unchanged["counts"].get("written") == 0)
        mem = [(r["n"], max(r["build"]["ours_tree_pss_mb"], r["ingest"]["all_cores"]["tree_pss_mb"])) for r in sizes]
        mem += [(r["n"], max(r["build"]["tree_pss_mb"], r["ingest_all_cores"]["tree_pss_mb"])) for r in results.get("peak") or []]
        mem.sort()
        at = next((m for n, m in mem if n == 5000), None)
        if at is None and len(mem) >= 2:
            mean_n = statistics.fmean(n for n, _ in mem)
            mean_m = statistics.fmean(m for _, m in mem)
            slope_mb = sum((n - mean_n) * (m - mean_m) for n, m in mem) / sum((n - mean_n) ** 2 for n, _ in mem)
            at = mean_m + slope_mb * (5000 - mean_n)
            label = f"{at / 1024:.2f} GB (least-squares line through N={', '.join(str(n) for n, _ in mem)}: {slope_mb * 1000:.0f} MB per 1,000 briefings)"
        else:
            label = f"{(at or 0) / 1024:.2f} GB (measured)"
        if at is not None:
            add("peak memory <= 1.5 GB at N=5,000", label, at <= TARGETS["peak_memory_gb_at_5000"] * 1024)
    for r in results.get("sizes_serve") or []:
        for case, e in r["serve"]["edits"].items():
            add(f"edit-to-preview <= 1 s, one {case} edited (`mkdocs serve`, N={r['n']})", f"{e['median_s']:.2f} s median of {len(e['latencies_s'])}",
                e["median_s"] <= TARGETS["edit_to_preview_s_at_1000"] if r["n"] >= 1000 else None)
        share = r["serve"]["no_change_rebuild_s"] / r["cold_build_s"]
        add(f"`mkdocs serve` no-change rebuild <= 10% of a cold build (N={r['n']})", f"{share:.0%} ({r['serve']['no_change_rebuild_s']:.2f} s of {r['cold_build_s']:.1f} s)",
            share <= TARGETS["no_change_rebuild_share"] if r["n"] >= 1000 else None)
    rows = results.get("corpus_only") or []
    if len(rows) >= 2:
        r = rows[-1]["seconds"]["total"] / rows[0]["seconds"]["total"]
        add(f"corpus-wide steps N={rows[0]['n']} -> {rows[-1]['n']} <= 12x", f"{r:.1f}x", r <= TARGETS["corpus_steps_ratio_500_to_5000"])
    return targets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000], help="corpus sizes for the full pipeline (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=2, help="alternating build pairs per size (default: %(default)s)")
    parser.add_argument("--handwritten", type=int, default=10, metavar="K", help="make every K-th briefing hand-written (0: none; default: %(default)s)")
    parser.add_argument("--corpus-sizes", type=int, nargs="*", default=[500, 5000], help="sizes for the corpus-only step timings")
    parser.add_argument("--corpus-only", action="store_true", help="only time the pure corpus-wide steps")
    parser.add_argument("--peak-sizes", type=int, nargs="*", default=[], help="sizes for a single ingest + cold build (time, peak memory, bytes), e.g. 5000")
    parser.add_argument("--profile", type=int, metavar="N", help="also write a cProfile of a cold build at N")
    parser.add_argument("--serve-edits", type=int, default=3, metavar="K", help="edits per case timed against `mkdocs serve` (0: skip; default: %(default)s)")
    parser.add_argument("--serve-only", action="store_true", help="only the `mkdocs serve` edit-to-preview figures, at --sizes")
    parser.add_argument("--ingest-only", action="store_true", help="only the ingest figures, at --sizes")
    parser.add_argument("--keep", action="store_true", help="keep the scratch projects (under benchmarks/out/work)")
    parser.add_argument("--out", type=Path, default=OUT / "results.json")
    parser.add_argument("--corpus-worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.corpus_worker:
        print(json.dumps(corpus_worker(args.corpus_worker)))
        return 0

    OUT.mkdir(parents=True, exist_ok=True)
    work = OUT / "work"
    results: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "load_average_at_start": os.getloadavg(), "parallel_speedup_2_processes": parallel_speedup(),
        },
        "options": {"sizes": args.sizes, "repeats": args.repeats, "handwritten_every": args.handwritten, "corpus_sizes": args.corpus_sizes, "peak_sizes": args.peak_sizes},
        "sizes": [], "sizes_serve": [], "sizes_ingest": [], "peak": [], "corpus_only": [], "profile": None,
    }
    started = time.perf_counter()
    snapshot_code(work / "code")
    if not args.corpus_only:
        pool = load_pool(ROOT / "seeds")
        profile_n = args.profile
        for n in sorted(args.sizes):
            size_started = time.perf_counter()
            if args.ingest_only:
                log(f"N={n} (--ingest-only): writing {n} synthetic articles")
                project = make_project(n, work / f"ingest-{n}", pool)
                results["sizes_ingest"].append({"n": n, "ingest": bench_ingest(project, args.handwritten)})
                if not args.keep:
                    reset(work / f"ingest-{n}")
                continue
            if args.serve_only:
                results["sizes_serve"].append(bench_serve_only(n, args.handwritten, max(1, args.serve_edits), pool, work))
                if not args.keep:
                    reset(work / f"serve-{n}")
                continue
            result, project = bench_size(n, max(1, args.repeats), args.handwritten, pool, work, args.serve_edits)
            result["seconds"] = round(time.perf_counter() - size_started, 1)
            results["sizes"].append(result)
            if profile_n == n:
                results["profile"] = profile_build(project)
                profile_n = None
            if not args.keep:
                reset(work / str(n))
        if profile_n:
            log(f"N={profile_n}: preparing the profiled build")
            project = make_project(profile_n, work / f"profile-{profile_n}", pool)
            run(briefings_cmd("ingest", "seeds/", "--jobs", "0"), project.root).check()
            read_slugs(project)
            make_handwritten(project, args.handwritten)
            results["profile"] = profile_build(project)
            if not args.keep:
                reset(work / f"profile-{profile_n}")
        results["peak"] = [bench_peak(n, args.handwritten, pool, work, args.keep) for n in sorted(args.peak_sizes)]
        sizes = results["sizes"]
        results["sizes_serve"] += [{"n": r["n"], "serve": r["serve"], "cold_build_s": r["build"]["ours_median_s"]} for r in sizes if r.get("serve")]
        marginal = lambda key: round(1000 * (sizes[-1]["build"][key] - sizes[0]["build"][key]) / (sizes[-1]["n"] - sizes[0]["n"]), 1) if len(sizes) > 1 else None  # noqa: E731
        results["scaling"] = {
            "marginal_ms_per_briefing": marginal("ours_median_s"),
            "plain_marginal_ms_per_briefing": marginal("plain_median_s"),
            "build": slope([(r["n"], r["build"]["ours_median_s"]) for r in sizes]),
            "build_cpu": slope([(r["n"], r["build"]["ours_cpu_s"]) for r in sizes]),
            "plain": slope([(r["n"], r["build"]["plain_median_s"]) for r in sizes]),
            "ingest": slope([(r["n"], r["ingest"]["single"]["wall_s"] - r["ingest"]["startup_s"]) for r in sizes]),
        }
    if args.corpus_sizes and not (args.serve_only or args.ingest_only):
        corpus_started = time.perf_counter()
        results["corpus_only"] = bench_corpus(sorted(args.corpus_sizes))
        results["corpus_only_seconds"] = round(time.perf_counter() - corpus_started, 1)
    results["targets"] = check_targets(results)
    if not args.keep:
        reset(work / "code")
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["machine"]["load_average_at_end"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(summarise(results))
    print(f"\n{results['seconds']:.0f} s; results in {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
