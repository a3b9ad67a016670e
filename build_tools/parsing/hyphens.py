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
    """Join the words and web addresses broken at line ends in the text items, in place, keeping their line offsets
    right."""
    broken = [(item, _breaks(item), _address_breaks(item)) for item in items if item.kind == "text"]
    broken = [(item, found, addresses) for item, found, addresses in broken if found or addresses]
    if not broken:
        return
    words = _Words((it.text for it in items), (m for _, found, _ in broken for m in found))
    joined: list[str] = []
    glued: list[str] = []
    for item, found, addresses in broken:
        # (start, end, new text, where the next line started): the line's offset moves with what went before it
        edits = [(m.start(), m.end(), _joined(m.group(1), m.group(2), words, _token_before(item.text, m.start())), m.start(2)) for m in found]
        joined.extend(f"{m.group(1)}-{m.group(2)}" for m in found)
        taken = [(a, b) for a, b, _, _ in edits]
        for m in addresses:
            if not any(a <= m.end(1) < b for a, b in taken):
                edits.append((m.end(1), m.end(1) + 1, "", m.end(1) + 1))  # the space the line break left inside the address
                glued.append(m.group(1) + item.text[m.end(1) + 1:].split(" ", 1)[0])
        _edit(item, sorted(edits))
    _say(joined, "words", "", diagnostics)
    _say(glued, "web addresses", "", diagnostics)


def _edit(item: _TextItem, edits: list[tuple[int, int, str, int]]) -> None:
    """Replace text[start:end] by each edit's text (edits in order, not overlapping); a line that started at or after
    an edit's line break moves back by what the edit removed."""
    out: list[str] = []
    removed: list[tuple[int, int]] = []  # (where the next line started in the old text, characters removed)
    at = 0
    for start, end, text, line_break in edits:
        out.append(item.text[at:start] + text)
        removed.append((line_break, end - start - len(text)))
        at = end
    out.append(item.text[at:])
    item.text = "".join(out)
    item.line_starts = [(offset - sum(n for where, n in removed if where <= offset), line) for offset, line in item.line_starts]


def _breaks(item: _TextItem) -> list[re.Match]:
    """The item's words broken at a line end (a hyphen and a space typed inside a line are left as written)."""
    if "- " not in item.text:
        return []
    starts = {offset for offset, _ in item.line_starts}
    return [m for m in _BROKEN.finditer(item.text) if m.start(2) in starts]


# A web address that a line end cut where it has a dot, slash or hyphen, and the rest of it on the next line
# ("https://news." / "sap.com/2022/…"): the rest starts in lower case or a digit and holds a dot or a slash.
_ADDRESS_BREAK = re.compile(r"((?:https?://|www\.)[^\s<>\"]*[./\-_?=&#%~]) (?=[a-z0-9][^\s<>\"]*[./])")


def _address_breaks(item: _TextItem) -> list[re.Match]:
    if "http" not in item.text and "www." not in item.text:
        return []
    starts = {offset for offset, _ in item.line_starts}
    return [m for m in _ADDRESS_BREAK.finditer(item.text) if m.end(1) + 1 in starts]


def _rejoin_in_entries(entries: list[str], diagnostics: list[Diagnostic]) -> list[str]:
    """Reference entries (their lines joined with spaces) with the words and web addresses broken at line ends
    joined again."""
    glued: list[str] = []

    def glue(m: re.Match) -> str:
        glued.append(m.group(1))
        return m.group(1)

    entries = [_ADDRESS_BREAK.sub(glue, text) if "http" in text or "www." in text else text for text in entries]
    _say(glued, "web addresses", " in the references", diagnostics)
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
    _say(joined, "words", " in the references", diagnostics)
    return fixed


def _say(joined: list[str], what: str, where: str, diagnostics: list[Diagnostic]) -> None:
    if joined:
        diagnostics.append(Diagnostic(None, "info", f"joined {len(joined)} {what} broken at line ends{where}: {', '.join(joined)}"))
