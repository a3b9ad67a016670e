"""Sentence splitting that survives the abbreviations of policy and academic prose.

`split_sentences` returns verbatim slices of its input (only outer whitespace is
trimmed), so every sentence is a substring of the paragraph it came from and can
be anchored to it. One left-to-right regex scan; each candidate boundary looks
back at most one token, so the cost is linear in the text length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_tools.analysis.furniture import furniture_reason, is_furniture

if TYPE_CHECKING:
    from build_tools.model import Article

#: Never end a sentence: titles and citation words ("Dr. Smith", "et al. argue", "e.g. Huawei").
TITLE_ABBREVIATIONS: frozenset[str] = frozenset(
    "mr mrs ms dr prof st gen sen rep gov lt col capt sgt rev hon pres mt ft "
    "al cf vs viz approx ca e.g i.e".split()
)
#: End a sentence only when not followed by a number ("p. 413", "No. 5", "pp. 9-28", "vol. 2").
NUMERIC_ABBREVIATIONS: frozenset[str] = frozenset(
    "p pp no nos vol vols ch chap fig figs eq art sec para paras n nn ed eds".split()
)
#: Capitalised words that, after "U.S.", signal a new sentence rather than "U.S. President".
SENTENCE_STARTERS: frozenset[str] = frozenset(
    "the this that these those it its they their there he she we i in on at as but and or yet so "
    "if for however moreover meanwhile while when after before although since a an our one "
    "such what why how both each all some many most no not".split()
)

_CANDIDATE_RE = re.compile(r"([.!?…]+)([\"'”’»)\]]*(?:\[\d{1,3}\])*(?P<mark>\d{1,3})?)(\s+)")
#: A full stop, question or exclamation mark of Chinese or Japanese text, which needs no space after it.
_CJK_END_RE = re.compile(r"[。！？]+[」』”’）)]*")
_BLANK_OR_ITEM_RE = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]*(?:[-*•–]|\d{1,2}[.)])[ \t])")
_OPENERS = "\"'“‘«(["
_DOTTED_RE = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_FIRST_WORD_RE = re.compile(r"[A-Za-z]+")
_TOKEN_BEFORE_RE = re.compile(r"\S*$")
_FRONT_MATTER_RE = re.compile(r"(?i)(?:abstract|summary|keywords|key words)\b\s*(?::|$)")
#: Note marks closing a sentence: "[2]", or digits glued after a word's full stop ("each other.1", "“no.”12").
_FOOTNOTE_TAIL_RE = re.compile(r"(?:\[\d{1,3}\])+$|(?<=[^\W\d_][.!?])\d{1,3}$|(?<=[^\W\d_][.!?][”’\"'])\d{1,3}$")
_SPEAKER_LABEL_RE = re.compile(r"(Q|A|Question|Answer|[A-Z][A-Z.’'-]+(?: [A-Z][A-Z.’'-]+){0,4})\s*:\s+")


def _is_boundary(text: str, punct_start: int, punct: str, next_start: int) -> bool:
    """Whether the punctuation at `punct_start` ends a sentence (next text starts at `next_start`)."""
    nxt = next_start
    while nxt < len(text) and text[nxt] in _OPENERS:
        nxt += 1
    if nxt >= len(text):
        return True
    first = text[nxt]
    if not (first.isupper() or first.isdigit()):
        return False
    if punct != ".":
        return True
    before = _TOKEN_BEFORE_RE.search(text, max(0, punct_start - 40), punct_start)
    token = before.group(0).lstrip(_OPENERS) if before else ""
    low = token.lower()
    if low in TITLE_ABBREVIATIONS:
        return False
    if low in NUMERIC_ABBREVIATIONS:
        return not first.isdigit()
    if len(token) == 1 and token.isupper():
        return False  # an initial: "A. B. Smith", "Andrei O. Bezrukov"
    if _DOTTED_RE.match(token):
        # "the U.S. President" continues; "in the U.S. The next" ends.
        m = _FIRST_WORD_RE.match(text, nxt)
        return m is not None and m.group(0).lower() in SENTENCE_STARTERS
    return True


def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets of each sentence in `text`, outer whitespace excluded."""
    cuts: list[int] = []
    for m in _CANDIDATE_RE.finditer(text):
        if m.group("mark") and (m.start(1) == 0 or not text[m.start(1) - 1].isalpha() and text[m.start(1) - 1] not in "\"'”’)"):
            continue  # "7.5 per cent", "Table 3.2 Most …": a number, not a note mark glued after the full stop ("other.1 The")
        if "\n\n" in m.group(4) or _is_boundary(text, m.start(1), m.group(1), m.end(4)):
            cuts.append(m.end(2))
    cuts.extend(m.start() for m in _BLANK_OR_ITEM_RE.finditer(text))
    if not text.isascii():
        cuts.extend(m.end() for m in _CJK_END_RE.finditer(text))
    cuts.sort()
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        if cut <= start:
            continue
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
        start = cut
    return tuple(spans)


def split_sentences(text: str) -> tuple[str, ...]:
    """The sentences of `text`, each a verbatim substring of it, in order."""
    return tuple(text[s:e] for s, e in sentence_spans(text))


@dataclass(frozen=True, slots=True)
class BodySentence:
    """A sentence of the article body and where it sits."""

    text: str
    paragraph: str
    paragraph_index: int
    index: int
    position: int
    """Position of the sentence within its paragraph (0 = first)."""


def is_heading_like(text: str, max_chars: int = 200) -> bool:
    """A short line in capitals ("MEASURING THE IMPACT OF ...") that a parser left as a paragraph."""
    text = text.strip()
    if len(text) > max_chars or "\n" in text:
        return False
    upper = sum(map(str.isupper, text))
    lower = sum(map(str.islower, text))
    return upper + lower >= 4 and upper >= 0.8 * (upper + lower)


def body_sentences(article: Article, kinds: Iterable[str] = ("text",)) -> tuple[BodySentence, ...]:
    """Every sentence of the body paragraphs of the given kinds, in reading order (see `sentences_in`)."""
    return sentences_in(article, tuple(sentence_spans(p.text) for p in article.paragraphs()), kinds)


def sentences_in(
    article: Article, spans: Sequence[Sequence[tuple[int, int]]], kinds: Iterable[str] = ("text",)
) -> tuple[BodySentence, ...]:
    """The body sentences of `article`, whose paragraphs' sentence offsets are `spans` (one entry per paragraph).

    The abstract and keywords are not body text and are skipped, even when a parser
    left them among the paragraphs (equal to `article.abstract`, first under an
    "Abstract" heading, or starting "Keywords:"). Interview turns are handled here,
    once for every step: a question turn ("Q: ...", or a short paragraph ending in
    "?") is the interviewer's, not the article's, and is skipped; an answer label
    ("A: ", "SENIOR ADMINISTRATION OFFICIAL: ") is cut off the first sentence and footnote
    marks ("[2]") off the end of each, so sentences stay verbatim substrings of their
    paragraph. Captions, table rows, contents lines, greetings, thanks and boilerplate
    (`furniture.is_furniture`) are no body sentences.
    """
    wanted = frozenset(kinds)
    skipped = {
        s.paragraphs[0].id
        for s in article.sections
        if s.heading and s.paragraphs and _FRONT_MATTER_RE.match(s.heading)
    }
    out: list[BodySentence] = []
    for p_index, para in enumerate(article.paragraphs()):
        if para.kind not in wanted or is_heading_like(para.text) or para.id in skipped:
            continue
        if para.text == article.abstract or _FRONT_MATTER_RE.match(para.text):
            continue  # a parser that left the abstract or keywords in the body
        label = _SPEAKER_LABEL_RE.match(para.text)
        if label and label.group(1) in ("Q", "Question") or is_interviewer_question(para.text):
            continue
        offset = label.end() if label else 0
        own = sentence_spans(para.text[offset:]) if offset else spans[p_index]
        for position, (start, end) in enumerate(own):
            text = without_note_marks(para.text[offset + start : offset + end])
            if is_furniture(text):
                continue  # a caption, table row, greeting or boilerplate says nothing of the argument
            out.append(BodySentence(text, para.id, p_index, len(out), position))
    return tuple(out)


def dek_paragraph(texts: Sequence[str]) -> int:
    """Which of the body's first paragraphs gives the dek when there is no abstract: the first that does not open
    with a greeting or thanks ("Thank you for the invitation." opens a speech, not its argument)."""
    for index, text in enumerate(texts[:3]):
        first = next(iter(split_sentences(text)), "")
        if first and furniture_reason(first) != "greeting or thanks":
            return index
    return 0


def without_note_marks(sentence: str) -> str:
    """A sentence without the note marks that close it ("… policy.[1]", "… other.1"), as body sentences are given."""
    return _FOOTNOTE_TAIL_RE.sub("", sentence)


def is_interviewer_question(text: str, max_words: int = 40) -> bool:
    """A short paragraph ending in a question: an interviewer's turn, not the article's claim."""
    stripped = text.rstrip(" *_\"'”’")
    return stripped.endswith("?") and len(text.split()) <= max_words


_REFERENCE_LIKE_RE = re.compile(
    r"(?:https?://|www\.)\S+\s*\.?\s*$"  # ends with its link
    r"|\b(?:Retrieved|Accessed|Available at|Archived from)\b"
    r"|^\s*(?:\[\d{1,3}\]|\d{1,3}[.)]|\^\d{1,3})\s+.*\b(?:1[89]|20)\d\d\b"  # "[12] Author, Title, 2019"
)


def reference_like(text: str) -> bool:
    """Whether a paragraph reads as a reference entry or note: a short one that ends with its link, says "Accessed …", or opens with a note number and has a year."""
    return len(text) < 400 and bool(_REFERENCE_LIKE_RE.search(text))
