"""Deterministic synthetic raw articles in the seeds' shapes, made of the seeds' own sentences.

`load_pool(seed_dir)` reads the real seeds once: their body sentences (each
with the reference entries its citations resolve to), their reference
entries and a vocabulary for titles and headings. `raw_article(pool, i)`
then writes article `i` of a synthetic corpus: even numbers are op-ed shaped
(title, date line, byline, ~1,500 words in paragraphs under a few
subheadings), odd numbers journal shaped (title, authors and affiliations,
DOI, abstract, keywords, upper-case section headings, in-text citations and
a reference list). Article `i` depends only on `i` and the pool, so the
same article is in every corpus size and a page can be compared across sizes.
"""

from __future__ import annotations

import importlib.util
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if importlib.util.find_spec("build_tools") is None:  # not installed: use the checkout
    sys.path.append(str(ROOT))

from build_tools.analysis.sentences import is_heading_like, sentence_spans  # noqa: E402
from build_tools.readers import read_seed  # noqa: E402
from build_tools.readers import read_seed

TARGET_WORDS = 1500
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
FIRST_NAMES = (
    "Anna", "Boris", "Chen", "Daria", "Elena", "Farid", "Grace", "Hiroshi", "Ines", "Jakob", "Karin", "Liu", "Marta", "Nikolai",
    "Olga", "Pavel", "Quentin", "Rosa", "Sergei", "Tamara", "Umar", "Vera", "Wei", "Xenia", "Yusuf", "Zofia",
)
SURNAMES = (
    "Abramova", "Bauer", "Castillo", "Dimitrov", "Eriksen", "Fischer", "Gromov", "Haddad", "Ivanova", "Jensen", "Kowalski",
    "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Sato", "Tanaka", "Usmanov", "Volkov", "Wagner",
    "Yilmaz", "Zhang", "Zhou",
)
INSTITUTIONS = (
    "Institute for International Studies", "Centre for Technology Policy", "School of Public Policy",
    "Department of International Relations", "Institute of World Economy", "Centre for Security Studies",
)
CITIES = ("Moscow", "Beijing", "Brussels", "Berlin", "Canberra", "Geneva", "London", "Paris", "Seoul", "Warsaw")
JOURNALS = ("Russia in Global Affairs", "Journal of Cyber Policy", "Global Policy", "Telecommunications Policy", "Survival")
OUTLETS = ("The Strategist", "War on the Rocks", "Lawfare", "Foreign Policy", "The Diplomat")
TITLE_SHAPES = (
    "{A} and the {B} of {C}",
    "Why {C} Cannot Ignore {A}",
    "{A}: {B} and {D} in {C}",
    "The {B} of {A} after {E}",
    "How {C} Is Rethinking {A}",
    "{A}, {D} and the Future of {B}",
)


@dataclass(frozen=True)
class Sentence:
    text: str
    words: int
    references: tuple[str, ...]  # reference-list entries this sentence's citations resolve to


@dataclass(frozen=True)
class Pool:
    sentences: tuple[Sentence, ...]
    references: tuple[str, ...]
    topics: tuple[str, ...]  # capitalised phrases for titles and headings
    nouns: tuple[str, ...]

    def words_per_sentence(self) -> float:
        return sum(s.words for s in self.sentences) / len(self.sentences)


def load_pool(seed_dir: Path) -> Pool:
    """Every usable body sentence and reference entry of the seeds in `seed_dir`."""
    sentences: list[Sentence] = []
    references: dict[str, str] = {}
    words: Counter[str] = Counter()
    for path in sorted(seed_dir.glob("*.txt")):
        article = read_seed(path)
        refs = {r.id: r.text for r in article.references}
        references.update({text: text for text in refs.values()})
        by_paragraph: dict[str, list] = {}
        for c in article.citations:
            by_paragraph.setdefault(c.paragraph, []).append(c)
        for paragraph in article.paragraphs():
            if paragraph.kind != "text" or is_heading_like(paragraph.text) or paragraph.text == article.abstract:
                continue
            cites = by_paragraph.get(paragraph.id, [])
            for start, end in sentence_spans(paragraph.text):
                text = paragraph.text[start:end]
                inside = [c for c in cites if start <= c.start < end]
                if any(c.reference is None for c in inside):
                    continue  # a citation we could not resolve would only add warnings
                n = len(text.split())
                if n < 6 or n > 70 or not text[0].isupper() or text[-1] not in ".!?”’\"'":
                    continue
                sentences.append(Sentence(text, n, tuple(sorted({refs[c.reference] for c in inside if c.reference in refs}))))
            words.update(w for w in re.findall(r"\b[a-z]{5,}\b", paragraph.text.lower()))
    stop = {"which", "there", "their", "these", "those", "would", "could", "should", "about", "other", "where", "while", "being", "between", "through"}
    nouns = tuple(w for w, _ in words.most_common(400) if w not in stop)[:200]
    topics = (
        "5G", "Huawei", "Digital Sovereignty", "Open RAN", "Data Localisation", "Export Controls", "Technology Ecosystems",
        "Artificial Intelligence", "Semiconductors", "Internet Governance", "Cyber Power", "Digital Authoritarianism",
        "Platform Power", "Spectrum Policy", "Submarine Cables", "Cloud Infrastructure", "Technology Standards",
        "Import Substitution", "Digital Non-Alignment", "Sanctions",
    )
    return Pool(tuple(sentences), tuple(sorted(references)), topics, nouns)


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _title(rng: random.Random, pool: Pool) -> str:
    a, d = rng.sample(pool.topics, 2)
    return rng.choice(TITLE_SHAPES).format(
        A=a, B=_cap(rng.choice(pool.nouns)), C=rng.choice(CITIES + ("Russia", "China", "Europe", "India")),
        D=d, E=_cap(rng.choice(pool.nouns)),
    )


def _heading(rng: random.Random, pool: Pool) -> str:
    return f"{rng.choice(pool.topics)} and {_cap(rng.choice(pool.nouns))} {_cap(rng.choice(pool.nouns))}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def _paragraphs(rng: random.Random, pool: Pool, words: int, *, cited: bool) -> tuple[list[str], set[str]]:
    """Paragraphs of 2-6 shuffled sentences until `words` words; the reference entries they cite."""
    candidates = pool.sentences if cited else tuple(s for s in pool.sentences if not s.references)
    out: list[str] = []
    refs: set[str] = set()
    total = 0
    while total < words:
        chosen = rng.sample(candidates, rng.randint(2, 6))
        out.append(" ".join(s.text for s in chosen))
        total += sum(s.words for s in chosen)
        for s in chosen:
            refs.update(s.references)
    return out, refs


def _op_ed(rng: random.Random, pool: Pool, title: str) -> str:
    year, month, day = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)
    paragraphs, _ = _paragraphs(rng, pool, TARGET_WORDS, cited=False)
    lines = [title, f"{day} {MONTHS[month - 1][:3]} {year}|", "", f"By {_person(rng)}", rng.choice(OUTLETS), ""]
    every = max(3, len(paragraphs) // rng.randint(2, 4))
    for k, paragraph in enumerate(paragraphs):
        if k and k % every == 0:
            lines += [_heading(rng, pool), ""]
        lines += [paragraph, ""]
    return "\n".join(lines)


def _journal(rng: random.Random, pool: Pool, title: str) -> str:
    year = rng.randint(2015, 2024)
    authors = [_person(rng) for _ in range(rng.randint(1, 3))]
    abstract, _ = _paragraphs(rng, pool, 120, cited=False)
    body_words = TARGET_WORDS - 120
    sections = rng.randint(3, 6)
    lines = [title, "", f"*{', '.join(authors)}*", ""]
    for name in authors:
        lines += [name, "", f"{rng.choice(INSTITUTIONS)}, {rng.choice(CITIES)}", rng.choice(("Professor", "Director")), ""]
    lines += [f"DOI: 10.{rng.randint(1000, 99999)}/{rng.randint(1000, 9999)}-{year}-{rng.randint(1, 99)}", ""]
    lines += [f"{rng.choice(JOURNALS)}, vol. {rng.randint(1, 30)}, no. {rng.randint(1, 4)}, {rng.choice(MONTHS)} {year}", ""]
    lines += ["Abstract", "", " ".join(abstract), ""]
    keywords = rng.sample(pool.topics, 4) + rng.sample(pool.nouns, 3)
    lines += [f"Keywords: {', '.join(keywords)}.", ""]
    cited: set[str] = set()
    for _ in range(sections):
        paragraphs, refs = _paragraphs(rng, pool, body_words // sections, cited=True)
        cited |= refs
        lines += [_heading(rng, pool).upper(), ""]
        for paragraph in paragraphs:
            lines += [paragraph, ""]
    extra = rng.sample(pool.references, min(len(pool.references), rng.randint(3, 8)))
    lines += ["References", ""]
    for entry in sorted(cited | set(extra)):
        lines += [entry, ""]
    return "\n".join(lines)


def raw_article(pool: Pool, index: int, seed: int = 2024) -> tuple[str, str]:
    """(file name, text) of synthetic article `index`: op-ed shaped if even, journal shaped if odd."""
    rng = random.Random(f"{seed}:{index}")
    title = f"{_title(rng, pool)} ({index + 1})"  # the number keeps titles, and so slugs, distinct
    if index % 2 == 0:
        return f"{index:05d}-op-ed.txt", _op_ed(rng, pool, title)
    return f"{index:05d}-journal.txt", _journal(rng, pool, title)


def write_corpus(pool: Pool, folder: Path, count: int, seed: int = 2024) -> int:
    """Write `count` raw articles into `folder`; return the total number of words written."""
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(count):
        name, text = raw_article(pool, i, seed)
        (folder / name).write_text(text, encoding="utf-8")
        words += len(text.split())
    return words
