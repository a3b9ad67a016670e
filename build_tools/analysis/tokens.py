"""Word tokens, stop words and a light stemmer shared by the analysis steps.

Deliberately small and dependency-free: no NLTK data, no models, no downloads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from build_tools.parsing.patterns import CJK_CHARS

#: A word: letters/digits, with inner hyphens or apostrophes ("techno-economic", "Russia's").
WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")

#: English function words that carry no topic. Lower case.
STOP_WORDS: frozenset[str] = frozenset(
    """
    a about above after again against all almost along already also although always am among an and
    another any anyone anything are around as at be became because become becomes been before being
    below between both but by can cannot could did do does doing done down during each either else
    even ever every few for from further had has have having he her here hers herself him himself his
    how however i if in into is it its itself just least less like made make many may me might more
    moreover most much must my myself neither no nor not now of off often on once one only or other
    others our ours ourselves out over own per perhaps quite rather really same several shall she
    should since so some still such than that the their theirs them themselves then there therefore
    these they this those though through thus to too toward towards under until up upon us very via
    was we well were what whatever when whenever where whereas wherever whether which while who whom
    whose why will with within without would yet you your yours yourself yourselves
    s t d ll m re ve
    firstly secondly thirdly first second third finally instead indeed e g i ie eg al et etc
    """.split()
)

_POSSESSIVE_RE = re.compile(r"['’]s?$")
#: Chinese and Japanese script.
CJK_RE = re.compile(f"[{CJK_CHARS}]")


def word_count(text: str) -> int:
    """Words in `text`: separated by spaces, or about two characters each in Chinese or Japanese script."""
    cjk = 0 if text.isascii() else len(CJK_RE.findall(text))
    return len(text.split()) + cjk // 2


def cjk_pairs(run: str) -> list[str]:
    """The overlapping character pairs of a run of Chinese or Japanese text: the usual terms for text without spaces."""
    return [run[i : i + 2] for i in range(len(run) - 1)] or [run]


def words(text: str) -> list[str]:
    """The word tokens of `text`, as written."""
    return WORD_RE.findall(text)


def light_stem(word: str) -> str:
    """A conservative suffix stripper (plurals, -ing, -ed) so 'networks' meets 'network'."""
    w = _POSSESSIVE_RE.sub("", word.lower())
    n = len(w)
    if n > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if n > 4 and w.endswith("sses"):
        return w[:-2]
    if n > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    if n > 5 and w.endswith("ing"):
        return w[:-3]
    if n > 4 and w.endswith("ed") and not w.endswith("eed"):
        return w[:-2]
    return w


def content_terms(text: str, stop_words: frozenset[str] = STOP_WORDS, stem: Callable[[str], str] | None = None) -> list[str]:
    """Stemmed (`light_stem` unless `stem` is given), lower-cased words of `text` that are not stop words or bare numbers;
    Chinese or Japanese text, written without spaces, gives its overlapping pairs of characters ("数据存储": 数据, 据存, 存储)."""
    words = WORD_RE.findall(text.lower())
    if not text.isascii() and CJK_RE.search(text):
        words = [pair for w in words for pair in (cjk_pairs(w) if CJK_RE.search(w) else (w,))]
    if stop_words is STOP_WORDS and stem in (None, _shared_stem):
        return [t for w in words if (t := _default_term(w)) is not None]
    stem = stem or _shared_stem
    out = []
    for w in words:
        if w in stop_words or len(w) < 2 or w.isdigit():
            continue
        out.append(stem(w))
    return out


def fold_case(text: str) -> str:
    """`text` lower-cased so that whatever an ASCII spelling matches under `re.IGNORECASE` is in it, lower-cased.

    Besides a letter's own cases, `re.IGNORECASE` matches "İ" and "ı" with "i" and "ſ" with
    "s" (the Kelvin sign lower-cases to "k" by itself); `str.replace` of an absent character
    costs next to nothing, where `str.translate` walks every character.
    """
    if "\u0130" in text:
        text = text.replace("\u0130", "i")
    return text.lower().replace("\u0131", "i").replace("\u017f", "s")


def _extra_cases() -> tuple[dict[int, str], frozenset[str]] | None:
    """What `fold_all_cases` needs: each character `re.IGNORECASE` matches with others beyond their own
    cases ("ᲀ" with "в"), mapped to the first of its group of the same kind (word character or not),
    and the characters of groups that mix the kinds ("ι" with the combining "ͅ"), which folding cannot
    join without turning a non-word character into a word one. None when this Python does not say.
    """
    try:
        from re._casefix import _EXTRA_CASES  # the table the regex compiler itself uses
    except ImportError:
        return None
    fold: dict[int, str] = {}
    mixed: set[str] = set()
    for c, others in _EXTRA_CASES.items():
        group = sorted((c, *others))
        if len({chr(x).isalnum() for x in group}) > 1:
            mixed.update(chr(x) for x in group)
        first = next(x for x in group if chr(x).isalnum() == chr(c).isalnum())
        if first != c:
            fold[c] = chr(first)
    return fold, frozenset(mixed)


_EXTRA = _extra_cases()
_EXTRA_CASES = _EXTRA[0] if _EXTRA else None
#: Characters `fold_all_cases` does not fold together with every character `re.IGNORECASE` matches them with.
FOLD_UNSAFE: frozenset[str] = _EXTRA[1] if _EXTRA else frozenset()
_EXTRA_CASE_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _EXTRA_CASES) + "]") if _EXTRA_CASES else None


def fold_all_cases(text: str) -> str | None:
    """`fold_case` for any spelling: two characters `re.IGNORECASE` matches, in any script, fold alike
    (except those of `FOLD_UNSAFE`); a word character stays one, and so does any other.

    None when this Python's regex tables are not known.
    """
    if _EXTRA_CASES is None or _EXTRA_CASE_RE is None:
        return None
    folded = fold_case(text)
    return folded.translate(_EXTRA_CASES) if _EXTRA_CASE_RE.search(folded) else folded


def memo_stemmer() -> Callable[[str], str]:
    """`light_stem` with a memo: a word met before, in this article or an earlier one, is stemmed once.

    The memo is shared (a pure function's results, bounded), so every article after the
    first finds most of its words there.
    """
    return _shared_stem


@lru_cache(maxsize=1 << 16)
def _shared_stem(word: str) -> str:
    return light_stem(word)


@lru_cache(maxsize=1 << 16)
def _default_term(word: str) -> str | None:
    """The content term of one lower-cased word with the default stop words and stemmer; None when it is none."""
    return None if word in STOP_WORDS or len(word) < 2 or word.isdigit() else light_stem(word)
