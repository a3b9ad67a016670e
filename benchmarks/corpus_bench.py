"""Time the pure corpus-wide steps on synthetic Docs, so large corpora are cheap to measure.

`synthetic_docs(n)` runs the real pipeline (parse, analyse, render, load) on a
small pool of synthetic articles, then makes `n` Docs from that pool. Each
keeps a pool article's body, summary and themes, and draws the features
the corpus-wide views join on from Zipf distributions whose vocabularies
grow with the corpus (Heaps' law), the way names and terms spread in a real
collection: a few entities and terms in almost every briefing, a long tail
in a handful. Journal-shaped briefings cite references drawn the same way,
and some briefings link to others (for backlinks).

`time_steps(docs)` then times `build_corpus` view by view, the check that
runs on the corpus, and every page function of the plugin. The per-briefing
page (`briefing_page`) is timed on the same `PAGE_SAMPLE` briefings at
every size: its cost per briefing must not grow with the corpus, and timing
all 5,000 would only multiply a constant.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import random
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "benchmarks") not in sys.path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
if importlib.util.find_spec("build_tools") is None:  # not installed: use the checkout
    sys.path.append(str(ROOT))

from synthetic import load_pool, raw_article  # noqa: E402

from build_tools import corpus as corpus_mod  # noqa: E402
from build_tools.analysis import Analyser  # noqa: E402
from build_tools.body import BodyLink, BodyReference  # noqa: E402
from build_tools.briefing_file import load_briefing_text  # noqa: E402
from build_tools.check import corpus_problems  # noqa: E402
from build_tools.config import load_project_settings  # noqa: E402
from build_tools.corpus import Doc, build_corpus, doc_from_file  # noqa: E402
from build_tools.site import feed, pages  # noqa: E402
from build_tools.model import Briefing, Entity, EntityKind, GlossaryEntry  # noqa: E402
from build_tools.render import render_briefing  # noqa: E402
from build_tools.seeds import parse_seed  # noqa: E402

POOL_SIZE = 40
ENTITIES_PER_DOC = 30
TERMS_PER_DOC = 10
REFS_PER_JOURNAL = 15
LINK_SHARE = 0.3  # briefings that link to 1-3 others
BROKEN_LINK_SHARE = 0.1  # of those links, mistyped ones (the check suggests the closest slug for each)
PAGE_SAMPLE = 200
KINDS: tuple[EntityKind, ...] = ("person", "organisation", "place", "other")
T = TypeVar("T")


def _zipf(vocabulary: int, s: float = 1.0) -> list[float]:
    return list(itertools.accumulate(1.0 / (k + 1) ** s for k in range(vocabulary)))


def _draw(rng: random.Random, cum: list[float], k: int) -> list[int]:
    """k distinct ranks from a Zipf distribution (rank 0 is the most frequent)."""
    seen: dict[int, None] = {}
    for rank in rng.choices(range(len(cum)), cum_weights=cum, k=k * 2):
        seen.setdefault(rank)
        if len(seen) == k:
            break
    return list(seen)


def pool_docs(config: Path, size: int = POOL_SIZE) -> list[Doc]:
    """Docs made by the real pipeline from `size` synthetic articles."""
    settings = load_project_settings(config)
    analyser = Analyser.prepare(settings.themes, settings.curated_glossary)
    pool = load_pool(ROOT / "seeds")
    docs = []
    for i in range(size):
        name, text = raw_article(pool, i)
        article = parse_seed(text, f"seeds/{name}")
        briefing = Briefing(article, analyser(article))
        bf, problems = load_briefing_text(render_briefing(briefing), f"briefings/{article.slug}.md")
        assert bf is not None, problems
        docs.append(doc_from_file(bf, None))
    return docs


def synthetic_docs(n: int, base: list[Doc], seed: int = 7) -> list[Doc]:
    """`n` Docs built on the pool `base`, with Zipf-distributed entities, terms, references and links."""
    rng = random.Random(seed)
    entity_cum = _zipf(int(30 * n**0.75) + 200)
    term_cum = _zipf(int(8 * n**0.7) + 50)
    ref_cum = _zipf(int(20 * n**0.8) + 100)
    slugs = [f"{base[i % len(base)].slug[:60]}-{i}" for i in range(n)]
    docs = []
    for i in range(n):
        b = base[i % len(base)]
        paragraphs = [p.id for p in b.body.paragraphs] or ["p-1"]
        entities = tuple(
            Entity(f"Entity {rank}", KINDS[rank % 4], rng.randint(1, 12), tuple(sorted(rng.sample(paragraphs, min(3, len(paragraphs))))))
            for rank in _draw(rng, entity_cum, ENTITIES_PER_DOC)
        )
        glossary = tuple(
            GlossaryEntry(f"Term {rank}", "term", f"What term {rank} means, in one line.", rng.choice(paragraphs))
            for rank in _draw(rng, term_cum, TERMS_PER_DOC)
        )
        body = b.body
        markdown = body.markdown
        references: list[BodyReference] = []
        cited_in = []
        if i % 2:  # journal shaped: cites references drawn from the shared pool
            for k, rank in enumerate(_draw(rng, ref_cum, REFS_PER_JOURNAL)):
                ref_id = f"ref-author{rank}-{2000 + rank % 25}"
                references.append(BodyReference(ref_id, f"Author{rank}, A., {2000 + rank % 25}. A work on digital policy number {rank}.", 900 + k))
                cited_in.append((ref_id, (rng.choice(paragraphs),)))
                markdown += f"\n\nAuthor{rank}, A., {2000 + rank % 25}. A work on digital policy number {rank}.\n{{: #{ref_id} .bf-ref }}"
        links: tuple[BodyLink, ...] = ()
        if rng.random() < LINK_SHARE:
            links = tuple(
                BodyLink(_typo(slugs[t], rng) if rng.random() < BROKEN_LINK_SHARE else slugs[t], None, None, 50 + k, 1, rng.choice(paragraphs),
                         "See the related briefing for the other side of this argument.", "wikilink")
                for k, t in enumerate(rng.sample(range(n), min(n, rng.randint(1, 3)))) if t != i
            )
        body = replace(body, references=tuple(references), cited_in=tuple(cited_in), links=links, markdown=markdown)
        year = 2015 + i % 10
        docs.append(replace(
            b, slug=slugs[i], path=f"briefings/{slugs[i]}.md", title=f"{b.title} #{i}", date=f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            entities=entities, glossary=glossary, body=body,
        ))
    return docs


def _typo(slug: str, rng: random.Random) -> str:
    """The slug with one letter dropped, as a hand-typed link might have it."""
    i = rng.randrange(len(slug))
    return slug[:i] + slug[i + 1 :]


def _timed(fn: Callable[[], T]) -> tuple[float, T]:
    """CPU seconds of this process (not wall time, so other work on the machine counts less) and the result."""
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def time_steps(docs: list[Doc], themes: dict) -> tuple[dict[str, float], dict[str, int]]:
    """Seconds per corpus-wide step, and the size in characters of each corpus page's Markdown."""
    t: dict[str, float] = {}
    t["build_corpus"], corpus = _timed(lambda: build_corpus(docs))
    ordered = list(corpus.docs.values())
    for name in ("theme_index", "glossary_index", "entity_index", "related_briefings", "backlinks"):
        view: Callable[[list[Doc]], object] = getattr(corpus_mod, name)
        t[f"  {name}"], _ = _timed(functools.partial(view, ordered))
    t["corpus_problems (check)"], _ = _timed(lambda: corpus_problems(corpus))
    sample = ordered[:: max(1, len(ordered) // PAGE_SAMPLE)][:PAGE_SAMPLE]
    seconds, _ = _timed(lambda: [pages.briefing_page(d, corpus, themes) for d in sample])
    t["  briefing_page, ms per briefing"] = 1000 * seconds / len(sample)
    sizes: dict[str, int] = {}
    page_fns: dict[str, Callable[[], str]] = {
        "theme hubs": lambda: "".join(text for th in themes.values() for _, text in pages.theme_hub_pages(th, corpus, themes, 50)),
        "themes index": lambda: pages.themes_index_markdown(corpus, themes),
        "glossary page": lambda: pages.glossary_markdown(corpus),
        "entities page": lambda: pages.entities_markdown(corpus),
        "archive page": lambda: "".join(text for _, text in pages.archive_pages(corpus, themes, 50)),
        "home listing": lambda: pages.home_markdown(corpus, themes),
        "feed": lambda: feed.feed_xml(corpus, "https://example.org/", "Briefings"),
    }
    for name, fn in page_fns.items():
        t[name], text = _timed(fn)
        sizes[name] = len(text)
    t["total"] = sum(v for k, v in t.items() if not k.startswith("  "))
    return t, sizes
