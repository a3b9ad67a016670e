"""Extractive summary: a few verbatim body sentences that cover the article's main terms.

Each candidate sentence is scored by (a) how much of the article's vocabulary it
carries (a centroid of document term frequencies, with the title and keywords
counting extra), (b) where it sits (the opening paragraphs, the first sentence of
a paragraph and the conclusion say the most) and (c) penalties for shapes that
read badly out of context (questions, quotations, citation-heavy or dangling
sentences; a view the author sets up to reject, "Some argue that …", is never
used). Reports and journal articles prefer the sentences of their executive
summary or conclusion; no sentence repeats the dek (abstract or subtitle) word
for word; captions, table rows, greetings and boilerplate never reach this step
(`furniture`). Sentences are then picked greedily with maximal marginal relevance,
so a near-repeat of a chosen sentence loses, until a word budget that grows with
the article is met. The result is in document order and never uses the abstract.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from build_tools.analysis.sentences import BodySentence, dek_paragraph, split_sentences, without_note_marks
from build_tools.analysis.tokens import CJK_RE, fold_case, word_count
from build_tools.model import Anchored
from build_tools.parsing.shapes import without_dateline

if TYPE_CHECKING:
    from build_tools.analysis.document import Document
    from build_tools.model import Article


@dataclass(frozen=True, slots=True)
class SummaryOptions:
    """How long the summary is and how sentences are weighed."""

    # --- length ---
    min_sentences: int = 3
    """Fewest sentences (unless the article has fewer usable ones)."""
    max_sentences: int = 6
    """Most sentences."""
    words_ratio: float = 0.05
    """Word budget as a share of the body's words, clamped to [min_words, max_words]."""
    min_words: int = 60
    """Smallest word budget (short op-eds)."""
    max_words: int = 130
    """Largest word budget (long articles)."""
    # --- candidate sentences ---
    min_sentence_words: int = 8
    """Shorter sentences are fragments or transitions and are skipped."""
    max_sentence_words: int = 55
    """Longer sentences are skipped; they eat the budget."""
    ideal_sentence_words: tuple[int, int] = (12, 35)
    """Sentences with a length outside this range are mildly penalised."""
    # --- weights ---
    position_weight: float = 0.35
    """Share of the score that comes from position (the rest from term centrality)."""
    redundancy: float = 0.7
    """MMR penalty per unit of similarity to an already chosen sentence."""
    summary_section_prior: float = 1.5
    """Position prior of a sentence under an executive summary or conclusion heading (reports, journal articles)."""


DEFAULT_OPTIONS = SummaryOptions()

_CITATION_RE = re.compile(r"\([^()]*?\b(?:1[89]|20)\d\d[a-z]?\b[^()]*\)")
_PAGE_RE = re.compile(r"\bpp?\.\s*\d")
_QUOTED_RE = re.compile(r"[“\"‘][^“”\"‘’]{3,}?[”\"’](?!\w)")
_NOT_PROSE_RE = re.compile(r"@|https?://|www\.|\b(?:E-mail|Email|ORCID|DOI|Address|Tel)\b\s*:?", re.IGNORECASE)
#: Text every `_NOT_PROSE_RE` match holds, in `fold_case` form: most sentences hold none, and the
#: case-sensitive test runs several times faster than the case-insensitive pattern.
_NOT_PROSE_HINT_RE = re.compile(r"@|http|www\.|e-mail|email|orcid|doi|address|tel")
_ENUMERATION_RE = re.compile(r"(?:^|[\s(])\d\)\s")
_DANGLING_START_RE = re.compile(
    r"^(?:This|These|That|Those|It|Its|They|Their|Them|He|She|His|Her|Such|Here|There|"
    r"The latter|The former|The second|The first|The other|Both|Each|Another)\b"
)
#: A view the author sets up to reject: "Some argue that …", "It is often said …". Out of context it
#: states the opposite of the article, so it is never picked alone.
REJECTED_SETUP_RE = re.compile(
    r"^(?:(?:But|Yet|And|Now|Of course|True|Admittedly),?\s+)?(?:"
    r"(?:some|many|critics|sceptics|skeptics|proponents|others|observers|commentators|pundits)"
    r"(?:\s+(?:people|observers|analysts|commentators|experts|critics|scholars))?"
    r"\s+(?:have\s+)?(?:argue[ds]?|claim(?:ed|s)?|say|said|believe[ds]?|contend(?:ed|s)?|suggest(?:ed|s)?|insist(?:ed|s)?|assume[ds]?)\b"
    r"|it\s+(?:is|has\s+been|was)\s+(?:often|commonly|widely|frequently|sometimes|usually|generally)?\s*"
    r"(?:said|argued|claimed|assumed|believed|thought|suggested|held)\b"
    r"|(?:the\s+)?conventional\s+wisdom|(?:a|the)\s+(?:common|popular|widespread|prevailing)\s+(?:view|belief|assumption|argument|narrative)"
    r"|one\s+(?:might|could|may)\s+(?:think|argue|assume|expect)|at\s+first\s+(?:glance|sight))",
    re.IGNORECASE,
)
#: Section headings whose sentences a report or journal article means as its own summary.
SUMMARY_SECTION_RE = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:executive\s+summary|summary|key\s+(?:findings|takeaways|points|messages)|"
    r"conclusions?|concluding\s+remarks|in\s+conclusion|overview|recommendations|the\s+bottom\s+line)\b",
    re.IGNORECASE,
)
#: Genres whose summary or conclusion section is preferred (the strings `Article.kind` takes).
SECTIONED_KINDS: frozenset[str] = frozenset({"report", "journal article"})
_CONNECTIVE_START_RE = re.compile(
    r"^(?:However|Moreover|Also|Yet|But|And|Thus|Hence|Therefore|Still|Meanwhile|Nevertheless|"
    r"Furthermore|In addition|Besides|Rather|Instead|Likewise|Similarly|Indeed|In fact|"
    r"Second|Secondly|Third|Thirdly|Fourth|Finally|Lastly|Simultaneously)\b"
)


def shape_penalty(text: str, options: SummaryOptions = DEFAULT_OPTIONS, *, prose: bool | None = None) -> float:
    """A factor in [0, 1] for how well `text` reads on its own (0 = never use it).

    `prose` may pass `reads_as_prose(text)` when the caller already has it.
    """
    n_words = word_count(text)
    if not options.min_sentence_words <= n_words <= options.max_sentence_words:
        return 0.0
    if not opens_and_ends_as_claim(text) or ")" in text and _ENUMERATION_RE.search(text):
        return 0.0
    if not (reads_as_prose(text) if prose is None else prose):
        return 0.0
    quoted = sum(len(m.group(0)) for m in _QUOTED_RE.finditer(text))
    if quoted > 0.5 * len(text):
        return 0.0
    factor = 1.0
    citations = len(_CITATION_RE.findall(text))
    if citations >= 2 or "p." in text and _PAGE_RE.search(text):
        return 0.0
    if citations:
        factor *= 0.8
    if quoted > 0.25 * len(text):
        factor *= 0.8
    low, high = options.ideal_sentence_words
    if n_words < low or n_words > high:
        factor *= 0.8
    if REJECTED_SETUP_RE.match(text):
        return 0.0
    if _DANGLING_START_RE.match(text):
        factor *= 0.6
    elif _CONNECTIVE_START_RE.match(text):
        factor *= 0.8
    return factor


@lru_cache(maxsize=4096)  # summary and key points ask about the same sentences
def opens_and_ends_as_claim(text: str) -> bool:
    """A sentence that opens with a capital (or in Chinese or Japanese script) and is no question or label ending in a colon."""
    return not text.endswith(("?", ":", "？", "：")) and (text[0].isupper() or CJK_RE.match(text) is not None)


def reads_as_prose(text: str, min_lower_share: float = 0.4) -> bool:
    """Prose, not an address, affiliation or link line: enough lower-case words, no e-mail or URL."""
    if _NOT_PROSE_HINT_RE.search(fold_case(text)) and _NOT_PROSE_RE.search(text):
        return False
    if not text.isascii() and len(CJK_RE.findall(text)) * 2 >= len(text):
        return True  # Chinese or Japanese: no letter case to count
    tokens = text.split()
    return sum(1 for t in tokens if t[0].islower()) >= min_lower_share * len(tokens)


def position_prior(sentence: BodySentence, rank: int, n_paragraphs: int) -> float:
    """Opening paragraphs score highest, then the conclusion; topic sentences beat later ones.

    `rank` is the paragraph's place among the `n_paragraphs` prose paragraphs, so
    affiliation or address lines a parser left in the body do not push the
    introduction out of the opening.
    """
    rel = rank / max(1, n_paragraphs - 1)
    if rel <= 0.1:
        prior = 1.0
    elif rel >= 0.9:
        prior = 0.6
    else:
        prior = max(0.1, 0.8 - rel)
    return prior * (1.0 if sentence.position == 0 else 0.75)


def normalised(text: str) -> str:
    """Case-, quote- and whitespace-insensitive form of `text`, to compare sentences with the dek."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def dek_text(article: Article) -> str:
    """The dek normalised: the subtitle, the abstract, and the abstract's first sentence (shown as the dek line).

    A summary sentence must not repeat them word for word; a body sentence equal to a later
    sentence of a long abstract is not the dek and may be used.
    """
    parts = [article.subtitle, article.abstract]
    if article.abstract:
        parts.append(next(iter(split_sentences(article.abstract)), None))
    return " | ".join(normalised(t) for t in parts if t)


def shown_dek_text(article: Article) -> str:
    """`dek_text` and, for an article without an abstract, the body's first sentence (without a news dateline), which
    the page shows as the dek line: the key points under it say something else. (The summary may still open with it:
    it is read on its own too.)"""
    dek = dek_text(article)
    if article.abstract or not article.paragraphs():
        return dek
    texts = [p.text for p in article.paragraphs()[:3]]
    first = next(iter(split_sentences(without_dateline(texts[dek_paragraph(texts)]))), "")
    lede = normalised(without_note_marks(first))  # "… for policy.[1]": body sentences lose their marks too
    if word_count(lede) < 5:  # "1." of a numbered first paragraph is no dek, and would be found inside any sentence
        return dek
    return " | ".join(part for part in (dek, lede) if part)


def repeats_dek(text: str, dek: str) -> bool:
    """Whether `text` is, word for word, one of the dek's parts, or holds one of them whole."""
    own = normalised(text)
    return bool(own and dek) and any(part and (part == own or part in own) for part in dek.split(" | "))


def summary_sections(article: Article) -> frozenset[int]:
    """Indexes of the body paragraphs under an executive summary or conclusion heading, for the genres that have one."""
    if article.kind not in SECTIONED_KINDS:
        return frozenset()
    out: set[int] = set()
    index = 0
    for section in article.sections:
        preferred = bool(section.heading and SUMMARY_SECTION_RE.match(section.heading))
        for _ in section.paragraphs:
            if preferred:
                out.add(index)
            index += 1
    return frozenset(out)


def term_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Cosine similarity of two term sets (0 = nothing shared, 1 = the same terms)."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def summarise(doc: Document, options: SummaryOptions = DEFAULT_OPTIONS) -> tuple[Anchored, ...]:
    """3-6 verbatim body sentences, in document order, each anchored to its paragraph."""
    sentences, article = doc.sentences, doc.article
    if not sentences:
        return ()
    weights = doc.weights
    is_prose = [reads_as_prose(s.text) for s in sentences]
    prose = sorted({s.paragraph_index for s, ok in zip(sentences, is_prose) if ok})
    rank = {p: i for i, p in enumerate(prose)}
    total_words = sum(word_count(s.text) for s in sentences)
    budget = min(options.max_words, max(options.min_words, round(total_words * options.words_ratio)))

    terms = [frozenset(ts) for ts in doc.terms]
    raw = [math.fsum(weights.get(t, 0.0) for t in ts) / math.sqrt(len(ts) + 1) for ts in terms]  # fsum: the same total in any set order
    top = max(raw) or 1.0
    dek = dek_text(article)
    preferred = summary_sections(article)
    scores = []
    for s, r, ok in zip(sentences, raw, is_prose):
        prior = position_prior(s, rank.get(s.paragraph_index, 0), len(prose))
        if s.paragraph_index in preferred:
            prior = options.summary_section_prior
        mix = (1 - options.position_weight) * r / top + options.position_weight * prior
        scores.append(0.0 if repeats_dek(s.text, dek) else mix * shape_penalty(s.text, options, prose=ok))

    chosen: list[int] = []
    used = 0
    candidates = [i for i, sc in enumerate(scores) if sc > 0]
    overlap = dict.fromkeys(candidates, 0.0)  # each candidate's greatest similarity to a chosen sentence

    def gain(i: int) -> float:
        return scores[i] * (1 - options.redundancy * overlap[i])

    while candidates and len(chosen) < options.max_sentences:
        best = max(candidates, key=lambda i: (gain(i), -i))
        candidates.remove(best)
        n = word_count(sentences[best].text)
        if len(chosen) >= options.min_sentences and used + n > budget * 1.2:
            continue
        chosen.append(best)
        for i in candidates:
            overlap[i] = max(overlap[i], term_similarity(terms[i], terms[best]))
        used += n
        if len(chosen) >= options.min_sentences and used >= budget:
            break
    return tuple(Anchored(sentences[i].text, sentences[i].paragraph) for i in sorted(chosen))
