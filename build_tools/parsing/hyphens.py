"""Pass 4b of the parser: words the typesetter broke at a line end, joined again.

A PDF's text keeps the hyphen of a word broken at the end of a line ("person-" /
"al"); joined with a space, the paragraph would read "person- al". Where a line
ends in a letter and a hyphen and the next line goes on with a letter, the two
parts are one word again. The hyphen goes unless it belongs to the word: the
article itself decides first (the word written whole elsewhere drops it, the word
written with its hyphen elsewhere keeps it), then the first part (a prefix such as
"self-" or "cross-" keeps it, as does a part before a capital: "Open-Stack").

Every word joined is listed in one info diagnostic, so the parts stay on record.

Internal to the parser (`build_tools.seeds`); names keep their leading underscore.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Protocol

from ..model import Diagnostic


class _TextItem(Protocol):
    """A body item of the parser (`sections._Item`): its kind, its text and where each of its lines starts in it."""

    kind: str
    text: str
    line_starts: list[tuple[int, int]]

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_BROKEN = re.compile(r"([^\W\d_]+)- ([^\W\d_]+)")
# Prefixes that make hyphenated compounds; kept before a whole word ("self-determination"), not before the tail of a
# word broken after them ("anti-cipate", "pre-sident", "state-ment" are "anticipate", "president", "statement").
_KEEPS_HYPHEN = frozenset({"self", "well", "non", "co", "anti", "cross", "multi", "semi", "quasi", "counter", "post", "pre", "mid"})


class _Words:
    """The article's words: compounds as written (lower-cased), and how often each plain word occurs, the parts of
    the broken words themselves not counted."""

    def __init__(self, texts: Iterable[str], broken: Iterable[re.Match]):
        found = _WORD.findall("\n".join(texts).lower())
        self.written: set[str] = set(found)
        self.count: Counter[str] = Counter(found)
        for word in self.written:
            if "-" in word:
                for part in word.split("-"):
                    self.count[part] += self.count[word]
        for m in broken:
            self.count[m.group(1).lower()] -= 1
            self.count[m.group(2).lower()] -= 1


def _joined(left: str, right: str, words: _Words, before: str) -> str:
    """The broken word written whole: as the article writes it elsewhere, hyphenated where the hyphen belongs.
    `before` is what the word's token holds before `left` ("self-" in "self-determi- nation")."""
    whole, hyphenated = left + right, f"{left}-{right}"
    if whole.lower() in words.written or (before + whole).lower() in words.written:
        return whole
    if hyphenated.lower() in words.written or right[:1].isupper():
        return hyphenated
    if "/" in before or "www." in before:
        return hyphenated  # a web address broken at one of its hyphens
    used_alone = words.count[right.lower()] > 0
    if len(left) > 1 and len(right) > 1 and words.count[left.lower()] > 0 and used_alone:
        return hyphenated  # both parts are words of the article ("real-time", "value-added"), unlike "com-panies"
    if left.lower() in _KEEPS_HYPHEN and (used_alone or len(right) >= 7):
        return hyphenated
    return whole


def _token_before(text: str, at: int) -> str:
    """The run of text without spaces that ends at `at`."""
    start = text.rfind(" ", 0, at) + 1
    return text[start:at]


def _rejoin_broken_words(items: Sequence[_TextItem], diagnostics: list[Diagnostic]) -> None:
    """Join the words broken at line ends in the text items, in place, keeping their line offsets right."""
    broken = [(item, found) for item in items if item.kind == "text" and (found := _breaks(item))]
    if not broken:
        return
    words = _Words((it.text for it in items), (m for _, found in broken for m in found))
    joined: list[str] = []
    for item, found in broken:
        out: list[str] = []
        removed: list[tuple[int, int]] = []  # (offset in the old text, characters removed before it)
        at = 0
        for m in found:
            word = _joined(m.group(1), m.group(2), words, _token_before(item.text, m.start()))
            joined.append(f"{m.group(1)}-{m.group(2)}")
            out.append(item.text[at:m.start()] + word)
            removed.append((m.start(2), len(m.group(0)) - len(word)))
            at = m.end()
        out.append(item.text[at:])
        item.text = "".join(out)
        item.line_starts = [(offset - sum(n for start, n in removed if start <= offset), line) for offset, line in item.line_starts]
    _say(joined, "", diagnostics)


def _breaks(item: _TextItem) -> list[re.Match]:
    """The item's words broken at a line end (a hyphen and a space typed inside a line are left as written)."""
    if "- " not in item.text:
        return []
    starts = {offset for offset, _ in item.line_starts}
    return [m for m in _BROKEN.finditer(item.text) if m.start(2) in starts]


def _rejoin_in_entries(entries: list[str], diagnostics: list[Diagnostic]) -> list[str]:
    """Reference entries (their lines joined with spaces) with the words broken at line ends joined again."""
    if not any("- " in text and _BROKEN.search(text) for text in entries):
        return entries
    words = _Words(entries, (m for text in entries for m in _BROKEN.finditer(text)))
    joined: list[str] = []
    fixed = []
    for text in entries:
        def rejoin(m: re.Match, text: str = text) -> str:
            joined.append(f"{m.group(1)}-{m.group(2)}")
            return _joined(m.group(1), m.group(2), words, _token_before(text, m.start()))
        fixed.append(_BROKEN.sub(rejoin, text))
    _say(joined, " in the references", diagnostics)
    return fixed


def _say(joined: list[str], where: str, diagnostics: list[Diagnostic]) -> None:
    if joined:
        diagnostics.append(Diagnostic(None, "info", f"joined {len(joined)} words broken at line ends{where}: {', '.join(joined)}"))
