"""Pass 2b of the parser: notes printed at the foot of PDF pages, taken out of the body.

PDF text extraction flattens a footnote's mark into a digit glued to the word
before it ("judgment.1", "factor?4") and leaves the note itself where the page
ends, in one of two shapes:

- its number alone on a line, then the note's text as the next block (the number
  sat in a box of its own; the layout pass has already removed it as if it were
  a page number);
- the number opening the note's first line ("1 The ruling found …"), several
  notes one after another in one block.

A block is taken for note n only when the notes so far are 1 … n-1 and a mark n
stands glued to a word somewhere before it (two-column pages put some marks after
others, so the marks are a set, not a sequence), and only when at least two
notes are found that way; a page number followed by a paragraph rarely does
both. The notes become numbered references (`ref-n`), so the marks link to them
as endnote marks do (`references.find_note_marks`).

Internal to the parser (`build_tools.seeds`); names keep their leading underscore.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..references import GLUED_NOTE_MARK
from .layout import _Block, _Line

# The first line of a note that carries its own number: "12 The Four Opens are …", "3 “Quoted title”, …".
_NUMBERED_NOTE = re.compile(r"^\s*(\d{1,3})\s+(?=[A-Z“\"‘(])")
_NOTE_START = re.compile(r"^\s*[A-Z“\"‘(]")


@dataclass(frozen=True)
class _FootNote:
    number: int
    text: str
    line: int


def _take_page_footnotes(blocks: list[_Block], lone_numbers: dict[int, int]) -> tuple[list[_Block], list[_FootNote]]:
    """The blocks without the notes printed at page feet, and those notes in order.

    `lone_numbers` maps the line of each number that stood alone on its line (removed
    as a page number) to its value."""
    after_lone = _blocks_after_lone_numbers(blocks, lone_numbers)
    if not after_lone and not any(_NUMBERED_NOTE.match(block.lines[0].text) for block in blocks):
        return blocks, []  # no block could be a note: no need to look for marks
    marks: set[int] = set()
    notes: list[_FootNote] = []
    taken: list[int] = []
    for i, block in enumerate(blocks):
        expected = len(notes) + 1
        if taken and taken[-1] == i - 1 and _runs_on(notes[-1].text, block):  # the note's last line went on below a gap
            last = notes[-1]
            notes[-1] = _FootNote(last.number, f"{last.text} {block.text}", last.line)
            taken.append(i)
            continue
        if after_lone.get(i) == expected and expected in marks and _NOTE_START.match(block.lines[0].text) and _is_note_text(block.text):
            notes.append(_FootNote(expected, block.text, block.first))
            taken.append(i)
            continue
        numbered = _numbered_notes(block.lines, expected, marks)
        if numbered:
            notes.extend(numbered)
            taken.append(i)
            continue
        marks.update(int(m.group(1)) for m in GLUED_NOTE_MARK.finditer(block.text))  # "Russia1", "judgment.1", "factor?4"
    if len(notes) < 2:
        return blocks, []
    gone = set(taken)
    return [b for i, b in enumerate(blocks) if i not in gone], notes


def _is_note_text(text: str) -> bool:
    """A note says something: four words at least, which a numbered heading ("2 Background") rarely has."""
    return len(text.split()) >= 4


def _runs_on(note: str, block: _Block) -> bool:
    """A note broken in the middle of a word ("… by the Open-") or of a sentence that the block goes on with."""
    first = block.lines[0].text.strip()
    return note.endswith("-") and bool(first) or not re.search(r"[.!?)”\"’]$", note) and first[:1].islower()


def _blocks_after_lone_numbers(blocks: list[_Block], lone_numbers: dict[int, int]) -> dict[int, int]:
    """Block index -> the number that stood alone on the line just before the block (blank lines between)."""
    found: dict[int, int] = {}
    numbers = sorted(lone_numbers.items())
    at, previous_end = 0, 0
    for i, block in enumerate(blocks):  # one walk through both, in line order
        between = []
        while at < len(numbers) and numbers[at][0] < block.first:
            if numbers[at][0] > previous_end:
                between.append(numbers[at][1])
            at += 1
        if len(between) == 1:
            found[i] = between[0]
        previous_end = block.lines[-1].number
    return found


def _numbered_notes(lines: list[_Line], expected: int, marks: set[int]) -> list[_FootNote]:
    """The notes of a block whose every note opens with its number, from `expected` on; [] when it is no such block."""
    first = _NUMBERED_NOTE.match(lines[0].text)
    if not first or int(first.group(1)) != expected or expected not in marks or not _is_note_text(lines[0].text[first.end():]):
        return []  # "2 Background" is a numbered heading, not a note
    notes: list[_FootNote] = []
    for line in lines:
        m = _NUMBERED_NOTE.match(line.text)
        number = int(m.group(1)) if m else None
        if number is not None and number == expected + len(notes) and number in marks:
            notes.append(_FootNote(number, line.text.strip(), line.number))
        elif notes:
            last = notes[-1]
            notes[-1] = _FootNote(last.number, f"{last.text} {line.text.strip()}", last.line)
    return notes
