"""Resource limits: huge articles take linear time and bounded memory; inputs built to trip regexes parse in linear time.

No bound here is in seconds (a shared CI machine makes those fail at random):
cost is compared with the cost of a quarter of the input in the same test, in
CPU seconds of the process doing the work (`time.process_time`), and a hang
guard of minutes turns a runaway into a failure. Wall time is reported too.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable

import pytest

from build_tools.errors import InputError
from build_tools.markdown_text import escape_markdown
from build_tools.seeds import parse_seed
from tests.conftest import ROOT
from tests.timing import HANG_GUARD_S, assert_linear, hang_guard

MAX_RSS_MB = 1536
TITLE = "A title about pathological inputs\n\n"

# One process per measurement: builds the article, then runs what `briefings ingest` runs on it.
_MEASURE = r"""
import json, random, re, resource, sys, time
from pathlib import Path
from build_tools.analysis import Analyser
from build_tools.config import load_project_settings
from build_tools.readers import read_seed
from build_tools.pipeline import analyse_article
from build_tools.render import render_briefing

kind, size, stages, out = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(","), Path(sys.argv[4])
seed_text = Path("seeds/2021-russia-in-the-digital-world-competition-and-leadership.txt").read_text(encoding="utf-8")
if kind == "bytes":  # real paragraphs, numbered so no two are alike, up to `size` bytes
    paragraphs = [p for p in seed_text.split("\n\n") if len(p) > 200]
    parts, total, i = ["A very large article about digital sovereignty", ""], 0, 0
    while total < size:
        p = f"{paragraphs[i % len(paragraphs)]} (Part {i}.)"
        parts += [p, ""]
        total += len(p.encode("utf-8")) + 2
        i += 1
else:  # `size` short paragraphs of random words from the seed's vocabulary
    vocab = sorted(set(re.findall(r"[A-Za-z]{4,}", seed_text)))
    rng = random.Random(7)
    parts = ["An article of very many paragraphs", ""]
    for _ in range(size):
        w = rng.choices(vocab, k=9)
        parts += [f"{w[0].capitalize()} {' '.join(w[1:])}.", ""]
out.write_text("\n".join(parts), encoding="utf-8")
result = {"bytes": out.stat().st_size}
settings = load_project_settings(Path("mkdocs.yml"))
analyser = Analyser.prepare(settings.themes, settings.curated_glossary)  # once per run, as ingest does
wall, cpu = time.perf_counter(), time.process_time()
article = read_seed(out, source="seeds/huge.txt")
result["paragraphs"] = len(article.paragraphs())
result["parse"] = time.process_time() - cpu
if "analyse" in stages:
    briefing = analyse_article(article, analyser)
    result["analyse"] = time.process_time() - cpu - result["parse"]
    result["render"] = len(render_briefing(briefing))
result["cpu"] = time.process_time() - cpu
result["wall"] = time.perf_counter() - wall
result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def _measure(kind: str, size: int, stages: str, tmp_path) -> dict:
    out = tmp_path / f"{kind}-{size}.txt"
    proc = subprocess.run([sys.executable, "-c", _MEASURE, kind, str(size), stages, str(out)], cwd=ROOT, capture_output=True, text=True,
                          timeout=HANG_GUARD_S, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"{kind} {size}: {result}")  # shown with -s; the figures are in the report
    return result


def _linear_in_processes(kind: str, size: int, key: str, tmp_path, stages: str, full_stages: str | None = None,
                         tries: int = 3) -> tuple[dict, dict]:
    """Measure `size` / 4 and `size` in fresh processes, best of up to `tries` while 4x the input costs over 6x the CPU (`key`)."""
    full_stages = full_stages or stages
    small = _measure(kind, size // 4, stages, tmp_path)
    full = _measure(kind, size, full_stages, tmp_path)
    for _ in range(tries - 1):
        if full[key] <= 6 * small[key]:
            break
        small = min(small, _measure(kind, size // 4, stages, tmp_path), key=lambda r: r[key])
        full = min(full, _measure(kind, size, full_stages, tmp_path), key=lambda r: r[key])
    assert full[key] <= 6 * small[key], f"{key}: 4x the input took {full[key] / small[key]:.1f}x the CPU time ({small}, {full})"
    return small, full


# A quadratic step makes 4x the input cost 16x at any size, so 1.5 MB (a 300-page report) proves what 10 MB did, in a fraction of the time.
ARTICLE_BYTES = 1_500_000
PARAGRAPHS = 10_000


@pytest.mark.slow
def test_a_multi_megabyte_article_ingests_in_linear_time_and_bounded_memory(tmp_path) -> None:
    _, full = _linear_in_processes("bytes", ARTICLE_BYTES, "cpu", tmp_path, "parse,analyse")
    assert full["bytes"] >= ARTICLE_BYTES and full["paragraphs"] > 2_200
    assert full["max_rss_mb"] < MAX_RSS_MB, full


@pytest.mark.slow
def test_an_article_of_very_many_paragraphs_ingests_in_linear_time_and_bounded_memory(tmp_path) -> None:
    _, full = _linear_in_processes("paragraphs", PARAGRAPHS, "cpu", tmp_path, "parse,analyse")
    assert full["paragraphs"] == PARAGRAPHS, "every paragraph must survive (none taken for a running header)"
    assert full["max_rss_mb"] < MAX_RSS_MB, full


# name -> (input of a given size, the size named). Each is parsed at that size and at a quarter of it; the
# sizes are large enough that a step worse than linear dominates the quarter too (4x the input then costs 16x):
# even the smallest quarter, 750 reference lines, makes half a million pairs for a quadratic step, several times
# the linear cost of its parse at a microsecond a pair. Sizes whose linear parse took over 0.15 s were halved (December 2026).
PATHOLOGICAL: dict[str, tuple[Callable[[int], str], int]] = {
    "20k-open-parens": (lambda n: "(" * n, 20_000),
    "20k-close-parens": (lambda n: ")" * n, 20_000),
    "deep-brackets": (lambda n: "[" * n + "x" + "]" * n, 20_000),
    "mixed-nesting": (lambda n: "([{<" * n + "x" + ">}])" * n, 5_000),
    "10k-citations": (lambda n: "Smith, J., 2019; " * n, 10_000),
    "10k-citations-in-parens": (lambda n: "(" + "Smith, J., 2019; " * n + ")", 10_000),
    "50k-stars": (lambda n: "*" * n, 50_000),
    "40k-emphasis-openers": (lambda n: "*a" * n, 40_000),
    "40k-quotes": (lambda n: '"' * n, 40_000),
    "40k-curly-quotes": (lambda n: "\u201c" * n, 40_000),
    "40k-dashes": (lambda n: "- " * n, 40_000),
    "20k-capitals": (lambda n: "ABC " * n, 20_000),
    "10k-bylines": (lambda n: "By John Smith, " * n, 10_000),
    "20k-initials": (lambda n: "A. " * n, 20_000),
    "20k-years": (lambda n: "2019 " * n, 20_000),
    "20k-speaker-titles": (lambda n: "Speech delivered by " + "President " * n + "x", 20_000),
    "3k-reference-lines": (lambda n: "\n".join(f"[{i % 999}] Smith, J. (2019). Title {i}." for i in range(n)), 3_000),
    "40k-at-signs": (lambda n: "a@" * n, 40_000),
    "250kb-of-words": (lambda n: "sovereignty " * n, 20_000),
}


@pytest.mark.slow
@pytest.mark.parametrize("where", ["after-a-title", "alone"])
@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_input_parses_in_linear_time(name: str, where: str) -> None:
    make, size = PATHOLOGICAL[name]
    small_body, body = make(size // 4), make(size)
    text = lambda b: (TITLE + b if where == "after-a-title" else b) + "\n"  # noqa: E731
    small_text, full_text = text(small_body), text(body)
    with hang_guard():
        assert_linear(lambda: _parse(small_text), lambda: _parse(full_text), what=f"parse_seed on {name}")
        assert_linear(lambda: escape_markdown(small_body), lambda: escape_markdown(body), what=f"escape_markdown on {name}")


def _parse(text: str) -> None:
    """parse_seed may refuse an input (InputError); anything else it raises is a bug."""
    try:
        parse_seed(text, "p.txt")
    except InputError:
        pass


@pytest.mark.slow
def test_a_1_mb_line_without_spaces_parses_in_linear_time() -> None:
    small, full = TITLE + "abcdefghij" * 25_000 + "\n", TITLE + "abcdefghij" * 100_000 + "\n"
    with hang_guard():
        assert_linear(lambda: _parse(small), lambda: _parse(full), what="parse_seed on a 1 MB line")


@pytest.mark.slow
def test_a_line_with_a_long_run_of_spaces_parses_in_linear_time() -> None:
    small, full = TITLE + "a" + " " * 50_000 + "b\n", TITLE + "a" + " " * 200_000 + "b\n"
    with hang_guard():
        assert_linear(lambda: _parse(small), lambda: _parse(full), what="parse_seed on a long run of spaces")
