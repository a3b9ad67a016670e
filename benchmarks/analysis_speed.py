"""How fast `analyse()` runs: milliseconds per 1,000 body words, per step and in total.

Usage: .venv/bin/python benchmarks/analysis_speed.py [seed.txt ...]

Each article is timed as it is and with its body repeated to reach at least
10,000 words (to show the cost stays linear). Each figure is the best of
several runs of CPU time (`time.process_time`), so it measures the code rather
than the machine's noise: each step gets the `Document` prepared for the
article, and "document" times preparing it. Memos of pure functions that
serve every article (word stems, a theme's slot of a match) stay warm from the
first run, as they do for every article after the first in an ingest. On a
busy machine expect the figures to vary by ±30%.

The first line of each article also times the rest of the ingest path: "read"
(raw bytes to `Article`: decode, header, body) and "render" (the briefing
file: front matter, YAML, Markdown body, hash), per 1,000 words of the raw file.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from summary import load_article  # noqa: E402

from build_tools.analysis import Analyser  # noqa: E402
from build_tools.analysis.document import Document  # noqa: E402
from build_tools.analysis.entities import extract_entities  # noqa: E402
from build_tools.analysis.glossary import extract_glossary  # noqa: E402
from build_tools.analysis.key_points import key_points  # noqa: E402
from build_tools.analysis.sentences import body_sentences  # noqa: E402
from build_tools.analysis.summary import summarise  # noqa: E402
from build_tools.analysis.themes import score_themes  # noqa: E402
from build_tools.model import Article, Briefing, Paragraph, Section  # noqa: E402
from build_tools.readers import read_bytes  # noqa: E402
from build_tools.render import render_briefing  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ANALYSER = Analyser.prepare()  # the default themes, compiled once
TARGET_WORDS = 10_000


def body_words(article: Article) -> int:
    return sum(len(p.text.split()) for p in article.paragraphs())


def repeated(article: Article, min_words: int) -> Article:
    """The article with its sections repeated (fresh paragraph ids) until the body has `min_words`."""
    sections: list[Section] = []
    n = 0
    while not sections or sum(len(p.text.split()) for s in sections for p in s.paragraphs) < min_words:
        for s in article.sections:
            paras = []
            for p in s.paragraphs:
                n += 1
                paras.append(Paragraph(f"p-{n}", p.text, p.line, p.kind))
            sections.append(replace(s, paragraphs=tuple(paras)))
    return replace(article, sections=tuple(sections))


def best_ms(fn: Callable[[], object], runs: int = 7) -> float:
    """The fastest of `runs` timings, in CPU milliseconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best * 1000


def report(name: str, article: Article) -> None:
    words = body_words(article)
    doc = Document.of(article)
    steps: dict[str, Callable[[], object]] = {
        "sentences": lambda: body_sentences(article),
        "document": lambda: Document.of(article),
        "summary": lambda: summarise(doc),
        "key_points": lambda: key_points(doc),
        "glossary": lambda: extract_glossary(doc),
        "themes": lambda: score_themes(doc, ANALYSER.themes),
        "entities": lambda: extract_entities(doc),
        "analyse()": lambda: ANALYSER(article),
    }
    timings = {step: best_ms(fn) for step, fn in steps.items()}
    cells = [f"{step} {ms / words * 1000:5.1f}" for step, ms in timings.items()]
    total = timings["analyse()"]
    print(f"{name[:44]:<44} {words:>6} words  total {total:7.1f} ms  ({total / words * 1000:5.1f} ms/1k words)")
    print("    ms per 1k words: " + " | ".join(cells))


def report_io(path: Path, article: Article) -> None:
    """CPU per 1,000 raw words of reading the file into an `Article` and of rendering its briefing."""
    data = path.read_bytes()
    words = len(data.decode("utf-8", errors="replace").split())
    briefing = Briefing(article, ANALYSER(article))
    read = best_ms(lambda: read_bytes(data, path.name))
    render = best_ms(lambda: render_briefing(briefing, source_sha256="0" * 64))
    print(f"    ms per 1k raw words ({words}): read {read / words * 1000:5.1f} | render {render / words * 1000:5.1f}")


def main(argv: Sequence[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "seeds").glob("*.txt"))
    for path in paths:
        article = load_article(path)
        if not article.paragraphs():
            print(f"{path.name}: no body paragraphs")
            continue
        report(path.name, article)
        report_io(path, article)
        report(f"{path.name} x{TARGET_WORDS // 1000}k", repeated(article, TARGET_WORDS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
