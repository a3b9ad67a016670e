"""Key points: 3-5 short, self-contained claims from the body, each anchored to its paragraph.

A key point is a body sentence, verbatim, except for one allowed edit: a leading
connective ("However,", "Moreover,", "First,", "In addition,", ...) is cut and
the next letter capitalised, because the connective points at context the
reader of a bullet list does not have. So `Anchored.text` of a key point is a
substring of its paragraph's text *after* that trim (see `trim_connective`).

Sentences are preferred when they make a claim (should/must/will/need to,
numbers, named actors) and carry the article's main terms; sentences that open
with a pronoun needing context ("This", "It", "They") are used only if nothing
else is left. Sentences already in the summary (or nearly the same) are used
only when the article is too short to give three others.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_tools.analysis.tokens import word_count
from build_tools.analysis.summary import REJECTED_SETUP_RE, opens_and_ends_as_claim, reads_as_prose, repeats_dek, shown_dek_text, term_similarity
from build_tools.model import Anchored

if TYPE_CHECKING:
    from build_tools.analysis.document import Document


@dataclass(frozen=True, slots=True)
class KeyPointOptions:
    """How many key points and what a good one looks like."""

    min_points: int = 3
    """Fewest points (unless the article has fewer usable sentences)."""
    max_points: int = 5
    """Most points, reached by long articles."""
    words_per_point: int = 600
    """One point per this many body words, clamped to [min_points, max_points]."""
    min_words: int = 7
    """Shorter sentences are fragments."""
    max_words: int = 36
    """Longer sentences are not 'short statements'."""
    summary_similarity: float = 0.6
    """Skip a sentence this similar (term cosine) to a summary sentence."""
    redundancy: float = 0.7
    """MMR penalty per unit of similarity to a chosen point."""


DEFAULT_OPTIONS = KeyPointOptions()

#: Leading connectives trimmed from a key point (longest first, so "First of all" beats "First").
CONNECTIVES: tuple[str, ...] = (
    "On the other hand", "At the same time", "In other words", "As a result", "In addition",
    "In particular", "In fact", "In turn", "For instance", "For example", "For now", "Above all",
    "Most importantly", "Taken together", "In the longer term", "After all", "Of course",
    "However", "Moreover", "Furthermore", "Also", "Yet", "But", "And", "Thus", "Hence",
    "Therefore", "Consequently", "Indeed", "Meanwhile", "Nevertheless", "Nonetheless", "Still",
    "Rather", "Instead", "Likewise", "Similarly", "Simultaneously", "Theoretically", "Besides",
    "Finally", "Lastly", "First", "Firstly", "Second", "Secondly", "Third", "Thirdly", "Fourth",
    "Specifically", "Historically", "Today", "So",
)
_CONNECTIVE_RE = re.compile(
    r"^(?:" + "|".join(re.escape(c) for c in sorted(CONNECTIVES, key=len, reverse=True)) + r")\b,?\s+"
)
_DANGLING_RE = re.compile(
    r"^(?:This|These|That|Those|It|Its|They|Their|Them|He|She|His|Her|Such|Here|There|We|Our|"
    r"I|The latter|The former|The first one|The second one|The first|The second|Both|Each|"
    r"Another|All these|All this|Other|Others)\b"
)
_CLAIM_RE = re.compile(
    r"\b(?:should|must|will|need(?:s)? to|has to|have to|cannot|can no longer|is likely|are likely|"
    r"requires?|depends on|ought)\b"
)
_NUMBER_RE = re.compile(r"\b\d[\d.,]*\s*(?:%|per ?cent|percent|billion|million|trillion)?")
_CITATION_RE = re.compile(r"\([^()]*?\b(?:1[89]|20)\d\d[a-z]?\b[^()]*\)")
_QUOTE_CHARS = frozenset("“”\"‘")
_NAME_RE = re.compile(r"(?<=\s)[A-Z][a-zA-Z]+|\b[A-Z]{2,}\b")


def trim_connective(sentence: str) -> str:
    """`sentence` without a leading connective, with its first letter capitalised."""
    m = _CONNECTIVE_RE.match(sentence)
    if not m or m.end() >= len(sentence):
        return sentence
    rest = sentence[m.end() :]
    return rest[0].upper() + rest[1:]


def claim_score(text: str) -> float:
    """How much `text` reads like a claim: modal verbs, figures and named actors."""
    score = 0.0
    if _CLAIM_RE.search(text):
        score += 0.5
    if _NUMBER_RE.search(text):
        score += 0.25
    if _NAME_RE.search(text):
        score += 0.25
    return score


@dataclass(frozen=True, slots=True)
class _Candidate:
    score: float
    index: int
    paragraph: str
    text: str
    terms: frozenset[str]
    repeats: bool
    """Whether it repeats (or nearly repeats) a summary sentence."""


def key_points(
    doc: Document, *, exclude: Iterable[Anchored] = (), options: KeyPointOptions = DEFAULT_OPTIONS
) -> tuple[Anchored, ...]:
    """3-5 claims in document order, avoiding the sentences in `exclude` (the summary)."""
    sentences, article, weights = doc.sentences, doc.article, doc.weights
    if not sentences:
        return ()
    total_words = sum(word_count(s.text) for s in sentences)
    wanted = min(options.max_points, max(options.min_points, round(total_words / options.words_per_point)))
    exclude = tuple(exclude)
    excluded = [frozenset(doc.terms_of(a.text)) for a in exclude]
    excluded_texts = {a.text for a in exclude}

    dek = shown_dek_text(article)
    candidates: list[_Candidate] = []
    for s in sentences:
        if REJECTED_SETUP_RE.match(s.text) or repeats_dek(s.text, dek):
            continue  # a view the author rejects, or the dek the page already shows
        text = trim_connective(s.text)
        n_words = word_count(text)
        if n_words < options.min_words:
            continue
        if not opens_and_ends_as_claim(text) or any(c in _QUOTE_CHARS for c in text[:2]):
            continue
        if not reads_as_prose(text):
            continue
        terms = frozenset(doc.terms[s.index] if text == s.text else doc.terms_of(text))
        repeats = s.text in excluded_texts or any(term_similarity(terms, e) >= options.summary_similarity for e in excluded)
        centrality = math.fsum(weights.get(t, 0.0) for t in terms) / math.sqrt(len(terms) + 1)  # fsum: the same in any set order
        score = centrality * (1.0 + claim_score(text))
        if _DANGLING_RE.match(text):
            score *= 0.2  # usable only when nothing else is left
        if _CITATION_RE.search(text):
            score *= 0.6
        if sum(text.count(c) for c in _QUOTE_CHARS) >= 2:
            score *= 0.7
        if n_words > options.max_words:
            score *= 0.1  # not short, but better than no point at all
        candidates.append(_Candidate(score, s.index, s.paragraph, text, terms, repeats))

    chosen: list[_Candidate] = []
    overlap = [0.0] * len(candidates)  # each candidate's greatest similarity to a chosen point

    def gain(k: int) -> float:
        return candidates[k].score * (1 - options.redundancy * overlap[k])

    # Sentences of the summary only when the article is too short to give enough others.
    for repeats, target in ((False, wanted), (True, options.min_points)):
        pool = [k for k, c in enumerate(candidates) if c.repeats == repeats]
        while pool and len(chosen) < target:
            best = max(pool, key=lambda k: (gain(k), -candidates[k].index))
            pool.remove(best)
            chosen.append(candidates[best])
            for k, c in enumerate(candidates):
                overlap[k] = max(overlap[k], term_similarity(c.terms, candidates[best].terms))
    return tuple(Anchored(c.text, c.paragraph) for c in sorted(chosen, key=lambda c: c.index))

