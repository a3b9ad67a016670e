"""Benchmark the extractive summary against the author's abstract with ROUGE-1/2/L F1.

Usage: .venv/bin/python benchmarks/summary.py [seed.txt ...]

Without arguments it scores the seeds and tests/fixtures/articles/*.txt that have
an abstract, then checks (with its own patterns) that no summary sentence or key
point of shared/dev-full is a caption, table row, contents line, greeting, thanks
or boilerplate; it exits 1 if one is. dev-full's .md and .html files are flattened
crudely here (`load_dev_full`) until the project reads those formats itself. Next to our summary it scores baselines with the same number of
sentences: lead-k, TextRank (sentence-similarity graph + PageRank) and random
(seeded), all drawn from the sentences a summary may use (no sentence that repeats the
dek word for word, the rule `summarise` keeps); "lead-k raw" is lead-k without that rule,
for reference (it may copy abstract sentences, which ROUGE against the abstract rewards). ROUGE is implemented here (lower-cased alphanumeric tokens, no
stemming, like rouge-score's defaults) so the benchmark needs no downloads.
"""

from __future__ import annotations

import math
import random
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools.analysis.document import Document  # noqa: E402
from build_tools.analysis.sentences import BodySentence, body_sentences  # noqa: E402
from build_tools.analysis.summary import dek_text, repeats_dek, summarise  # noqa: E402
from build_tools.analysis.tokens import content_terms  # noqa: E402
from build_tools.model import Anchored, Article  # noqa: E402
from build_tools.readers import read_seed  # noqa: E402
from build_tools.readers import read_seed

_TOKEN_RE = re.compile(r"[a-z0-9]+")


# --- loading ----------------------------------------------------------------------------------


def load_article(path: Path) -> Article:
    """The article in `path`, through the project's parser."""
    return read_seed(path)


def default_paths() -> list[Path]:
    """The seeds plus the fixture articles."""
    return sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests/fixtures/articles").glob("*.txt"))


# --- dev-full (real full-length texts beside the project) -------------------------------------

DEV_FULL = next((p for p in (ROOT / "shared" / "dev-full", ROOT.parent / "shared" / "dev-full") if p.is_dir()), None)
_GOLD_TYPE_TO_KIND = {"journal-article": "journal article", "blog-post": "commentary", "testimony": "speech",
                      "thesis-chapter": "journal article"}


def _crude_markdown(text: str) -> str:
    """Markdown as plain text, crudely: front matter's title first, Liquid tags, links, emphasis and footnote definitions gone.

    A stand-in until the project reads Markdown itself; the notes are dropped, as ingestion will keep them out of the body.
    """
    title = ""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        front, text = text[3:end], text[end + 4 :]
        try:
            meta = yaml.safe_load(front) or {}
        except yaml.YAMLError:
            meta = {}
        title = str(meta.get("title") or "")
    text = re.sub(r"\{%.*?%\}", "", text, flags=re.S)
    text = re.sub(r"^\[\^[^\]]+\]:.*$", "", text, flags=re.M)  # footnote definitions: notes
    text = re.sub(r"\[\^[^\]]+\]", "", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?<!\w)[*_]{1,3}([^*_\n]+)[*_]{1,3}(?!\w)", r"\1", text)
    text = re.sub(r"^#{1,6}\s*", "", text, flags=re.M)
    text = re.sub(r"^>\s?", "", text, flags=re.M)
    return (title + "\n\n" if title else "") + text


def _crude_html(text: str) -> str:
    """The article body of a saved page as plain text: title, then the text of <p> and <h2> inside the entry content."""
    import html as html_lib

    title = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    start = text.find("c-entry-content")
    body = text[start:] if start >= 0 else text
    end = body.find("c-entry-box")  # the chrome after the article
    body = body[:end] if end > 0 else body
    blocks = [re.sub(r"<[^>]+>", "", m.group(1)) for m in re.finditer(r"<(?:p|h2|blockquote)[^>]*>(.*?)</(?:p|h2|blockquote)>", body, re.S)]
    parts = [re.sub(r"<[^>]+>", "", title.group(1)) if title else "Untitled"] + blocks
    return "\n\n".join(" ".join(html_lib.unescape(b).split()) for b in parts if b.strip())


def load_dev_full(path: Path, gold_type: str | None = None) -> Article:
    """One dev-full text as an Article: .txt through the parser, .md and .html crudely flattened first.

    The gold genre, when given, replaces the one guessed from the crude text, so genre-aware steps are measured.
    """
    from dataclasses import replace

    from build_tools.seeds import parse_seed

    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".md":
        article = parse_seed(_crude_markdown(raw), path.name)
    elif path.suffix == ".html":
        article = parse_seed(_crude_html(raw), path.name)
    else:
        article = read_seed(path)
    if gold_type:
        article = replace(article, kind=_GOLD_TYPE_TO_KIND.get(gold_type, gold_type))
    return article


def dev_full_gold() -> list[dict]:
    """The dev-full gold records (empty when the folder is not beside the project)."""
    if DEV_FULL is None:
        return []
    return yaml.safe_load((DEV_FULL / "gold.yaml").read_text(encoding="utf-8"))["articles"]


# --- ROUGE ------------------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.lower())


def _f1(overlap: int, cand: int, ref: int) -> float:
    if not overlap or not cand or not ref:
        return 0.0
    p, r = overlap / cand, overlap / ref
    return 2 * p * r / (p + r)


def rouge_n(candidate: str, reference: str, n: int) -> float:
    """ROUGE-N F1 over n-gram multisets."""

    def grams(tokens: list[str]) -> Counter[tuple[str, ...]]:
        return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))

    c, r = grams(_tokens(candidate)), grams(_tokens(reference))
    return _f1(sum((c & r).values()), sum(c.values()), sum(r.values()))


def rouge_l(candidate: str, reference: str) -> float:
    """ROUGE-L F1 from the longest common subsequence of the token sequences."""
    c, r = _tokens(candidate), _tokens(reference)
    prev = [0] * (len(r) + 1)
    for a in c:
        cur = [0]
        for j, b in enumerate(r):
            cur.append(prev[j] + 1 if a == b else max(prev[j + 1], cur[j]))
        prev = cur
    return _f1(prev[-1], len(c), len(r))


def rouge(candidate: str, reference: str) -> tuple[float, float, float]:
    """(ROUGE-1, ROUGE-2, ROUGE-L) F1."""
    return rouge_n(candidate, reference, 1), rouge_n(candidate, reference, 2), rouge_l(candidate, reference)


# --- baselines --------------------------------------------------------------------------------


def lead_k(sentences: Sequence[BodySentence], k: int) -> list[str]:
    """The first k sentences."""
    return [s.text for s in sentences[:k]]


def random_k(sentences: Sequence[BodySentence], k: int, seed: int = 0) -> list[str]:
    """k sentences drawn with a fixed seed, in document order."""
    picked = sorted(random.Random(seed).sample(range(len(sentences)), min(k, len(sentences))))
    return [sentences[i].text for i in picked]


def textrank_k(sentences: Sequence[BodySentence], k: int, damping: float = 0.85) -> list[str]:
    """TextRank (Mihalcea & Tarau 2004): word-overlap similarity graph, PageRank, top k in order."""
    bags = [set(content_terms(s.text)) for s in sentences]
    n = len(bags)
    weights: list[dict[int, float]] = [{} for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            common = len(bags[i] & bags[j])
            if common and len(bags[i]) > 1 and len(bags[j]) > 1:
                w = common / (math.log(len(bags[i])) + math.log(len(bags[j])))
                weights[i][j] = weights[j][i] = w
    out_sum = [sum(w.values()) for w in weights]
    score = [1.0] * n
    for _ in range(50):
        score = [
            (1 - damping) + damping * sum(w * score[j] / out_sum[j] for j, w in weights[i].items())
            for i in range(n)
        ]
    top = sorted(range(n), key=lambda i: (-score[i], i))[:k]
    return [sentences[i].text for i in sorted(top)]


# --- report -----------------------------------------------------------------------------------


def score_article(article: Article) -> dict[str, tuple[float, float, float]]:
    """ROUGE of ours and of each baseline against the abstract."""
    assert article.abstract
    ours: tuple[Anchored, ...] = summarise(Document.of(article))
    k = len(ours)
    sentences = body_sentences(article)
    dek = dek_text(article)
    eligible = [s for s in sentences if not repeats_dek(s.text, dek)]  # the rule every summary must keep
    systems = {
        "ours": [a.text for a in ours],
        "lead-k": lead_k(eligible, k),
        "lead-k raw": lead_k(sentences, k),
        "textrank": textrank_k(eligible, k),
        "random": random_k(eligible, k),
    }
    return {name: rouge(" ".join(texts), article.abstract) for name, texts in systems.items()}


# --- furniture check on dev-full -------------------------------------------------------------

#: The benchmark's own patterns (independent of build_tools.analysis.furniture, so the check can fail).
_CHECKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("caption", re.compile(r"^(?:Figure|Fig\.|Table|Chart|Exhibit|Box|Map|Photo|Image)\s*\d|^(?:Source|Sources|Note|Credit)s?\s*:", re.I)),
    ("table row", re.compile(r"\t|\s\|\s|(?:\s\d[\d.,%]*){4,}")),
    ("contents line", re.compile(r"\.{4,}\s*\d+\s*$|^contents\b", re.I)),
    ("greeting or thanks", re.compile(r"^(?:\W*)(?:thank|thanks|good (?:morning|afternoon|evening)|hello|welcome|ladies and gentlemen)\b"
                                      r"|\bthank(?:s| you)\b.{0,40}$|\bI want to (?:start by )?thank", re.I)),
    ("boilerplate", re.compile(r"\bis more than \d+ \w+ old\b|^cite as\b|all rights reserved|\bsubscribe\b|sign up for"
                               r"|\bembargo|\bon this call\b|turn it over to", re.I)),
)


def furniture_in(texts: Sequence[str]) -> list[tuple[str, str]]:
    """(kind, sentence) for every sentence the benchmark's own patterns call a caption, table row, greeting or boilerplate."""
    return [(name, t) for t in texts for name, pattern in _CHECKS if pattern.search(t)]


def dev_full_furniture() -> list[tuple[str, str, str]]:
    """(file, kind, sentence) for every summary sentence or key point on dev-full that is furniture."""
    from build_tools.analysis.key_points import key_points

    out = []
    for gold in dev_full_gold():
        article = load_dev_full(DEV_FULL / gold["file"], gold["type"])
        summary = summarise(Document.of(article))
        texts = [a.text for a in summary] + [a.text for a in key_points(Document.of(article), exclude=summary)]
        out.extend((gold["file"], kind, text) for kind, text in furniture_in(texts))
    return out


def main(argv: Sequence[str]) -> int:
    paths = [Path(a) for a in argv] or default_paths()
    totals: dict[str, list[tuple[float, float, float]]] = {}
    scored = 0
    for path in paths:
        article = load_article(path)
        if not article.abstract:
            continue
        scored += 1
        ours = summarise(Document.of(article))
        print(f"\n{path.name}  (k={len(ours)} sentences, {sum(len(a.text.split()) for a in ours)} words)")
        print(f"  {'system':<10} {'R-1':>6} {'R-2':>6} {'R-L':>6}")
        for name, (r1, r2, rl) in score_article(article).items():
            totals.setdefault(name, []).append((r1, r2, rl))
            print(f"  {name:<10} {r1:6.3f} {r2:6.3f} {rl:6.3f}")
    if not scored:
        print("no article with an abstract")
        return 1
    print(f"\nmean over {scored} article(s)")
    print(f"  {'system':<10} {'R-1':>6} {'R-2':>6} {'R-L':>6}")
    for name, rows in totals.items():
        means = [sum(r[i] for r in rows) / len(rows) for i in range(3)]
        print(f"  {name:<10} {means[0]:6.3f} {means[1]:6.3f} {means[2]:6.3f}")
    if DEV_FULL is not None and not argv:
        found = dev_full_furniture()
        print(f"\ndev-full: summary sentences and key points that are captions, table rows, contents lines, "
              f"greetings or boilerplate: {len(found)}")
        for name, kind, text in found:
            print(f"  {name[:2]} {kind}: {text[:100]!r}")
        if found:
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
