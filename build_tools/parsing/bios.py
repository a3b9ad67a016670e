"""Pass 2c of the parser: the authors' biographies that close an article.

Magazines and reports often name their authors only at the end, each in a short
biography that opens with the name on a line of its own and then again as the
subject of the first sentence ("Jane Doe" / "Jane Doe is a fellow at …"). Those
closing lines are neither body nor reference entries: they are cut from the
blocks (a block is split where the first biography starts) and kept as the
record's provenance, as a single closing bio is; the names are the authors when
the header named none.

Only the second half of the text is searched, and a biography counts only when
the name line is followed, within two lines, by the same name and a verb a
biography opens with; a paragraph that merely starts with a person's name does not.

Internal to the parser (`build_tools.seeds`); names keep their leading underscore.
"""

from __future__ import annotations

import re

from .layout import _Block, _Line
from .patterns import _REFERENCES_HEADING
from .shapes import _is_name

_BIO_VERB = re.compile(
    r"(?:is|has|was|holds|heads|leads|serves|served|works|worked|joined|teaches|taught|directs|received|writes|"
    r"specialises|specializes|focuses|earned|graduated|studied|researches|covers|reports)\b"
)


def _take_closing_bios(blocks: list[_Block]) -> tuple[list[_Block], list[_Block]]:
    """(the other blocks, in order; one block per biography, its first line the name). The biographies run from
    the first of them to the end, or to a reference list's heading after them."""
    lines = [line for block in blocks for line in block.lines]
    starts = [i for i in range(len(lines)) if i * 2 >= len(lines) and _opens_bio(lines, i)]
    if not starts:
        return blocks, []
    first_line = lines[starts[0]].number
    end = next((b.first for b in blocks if b.first > first_line and _REFERENCES_HEADING.match(b.lines[0].text)), None)
    inside = [line for line in lines if line.number >= first_line and (end is None or line.number < end)]
    kept: list[_Block] = []
    for block in blocks:
        outside = [line for line in block.lines if line.number < first_line or end is not None and line.number >= end]
        if outside:
            kept.append(_Block(outside))
    opening = {lines[i].number for i in starts}
    bios: list[_Block] = []
    for line in inside:
        name = line.text.strip()
        # a new biography at each name line, except the same name printed twice over one biography
        if line.number in opening and (not bios or bios[-1].lines[-1].text.strip() != name):
            bios.append(_Block([]))
        bios[-1].lines.append(line)
    return kept, bios


def _opens_bio(lines: list[_Line], i: int) -> bool:
    """Line i is a name alone, and one of the next two lines starts with that name and a biography's verb."""
    name = lines[i].text.strip()
    for line in lines[i + 1:i + 3]:
        text = line.text.strip()
        if name and text.startswith(name + " ") and _BIO_VERB.match(text[len(name) + 1:]):
            return _is_name(name)
    return False
