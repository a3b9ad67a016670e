"""Pass 1 and 2 of the parser: lines cleaned of layout noise (page numbers, running headers,
form feeds, each recorded as an info diagnostic), grouped into blocks, and block shapes
(prose, list, heading candidate).

Internal to the parser (`build_tools.seeds`); names keep their leading underscore.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Diagnostic
from .patterns import _BULLET, _ISSUE_YEAR, _MD_HEADING, _NUMBERED_HEADING, _PAGE_NUMBER, _QUOTE, _REFERENCES_HEADING, _SEPARATOR, _SPEAKER_LABEL
from .shapes import _FOOTNOTE_TAIL, _ends_sentence, _is_upper_heading, _strip_md, _words


@dataclass
class _Line:
    number: int
    text: str


@dataclass
class _Block:
    lines: list[_Line]

    @property
    def first(self) -> int:
        return self.lines[0].number

    @property
    def text(self) -> str:
        return " ".join(line.text.strip() for line in self.lines)

    @property
    def raw_lines(self) -> list[str]:
        return [line.text.strip() for line in self.lines]


@dataclass
class _Furniture:
    """What the layout pass removed that later passes read: numbers that stood alone on their line (some number
    the notes at a page's foot) by line, and the texts of running headers and footers (some carry the issue's date)."""

    lone_numbers: dict[int, int] = field(default_factory=dict)
    running_heads: list[str] = field(default_factory=list)


# A periodical's issue line: "the cloud report 01—2022", "Survival | vol. 60 no. 3", "Issue 4/2021".
_ISSUE_LINE = re.compile(_ISSUE_YEAR.pattern + r"|\b(?:vol(?:ume)?\.?|issue|no\.)\s*\d", re.I)


def _clean_lines(text: str, diagnostics: list[Diagnostic], furniture: _Furniture | None = None) -> list[_Line | None]:
    """Lines with layout noise removed; None marks a blank (or removed) line. `furniture` (if given) gets what
    was removed that later passes read."""
    raw = text.split("\n")
    out: list[_Line | None] = []
    for number, line in enumerate(raw, start=1):
        if "\f" in line:
            diagnostics.append(Diagnostic(number, "info", "page break (form feed) removed"))
            line = line.replace("\f", " ")
        line = line.replace("\u00a0", " ").replace("\u200b", "").rstrip()
        out.append(_Line(number, line) if line.strip() else None)
    furniture = furniture if furniture is not None else _Furniture()
    _remove_page_numbers(out, diagnostics, furniture.lone_numbers)
    _remove_page_footers(out, diagnostics, furniture.running_heads)
    _remove_running_heads(out, diagnostics, furniture.running_heads)
    return out


# A page's footer (or header) that says which page of how many: "Securing the Core | March 2024    Page 3 of 8".
_PAGE_OF = re.compile(r"\b[Pp](?:age|AGE)\s+\d{1,4}\s*(?:of|OF|/)\s*\d{1,4}\s*$")


def _remove_page_footers(lines: list[_Line | None], diagnostics: list[Diagnostic], removed: list[str]) -> None:
    """A line ending in "Page N of M" is the page's furniture wherever it falls, even inside a paragraph the page
    break cut (the passes after this join the sentence again). What it says before the number joins the running heads."""
    for i, line in enumerate(lines):
        if line is None or not line.text[-1:].isdigit():
            continue
        m = _PAGE_OF.search(line.text)
        head = " ".join(line.text[: m.start()].split()).strip(" |·•–—-") if m else ""
        if m is None or len(head) > 100 or len(head.split()) > 14:
            continue
        diagnostics.append(Diagnostic(line.number, "info", f"page footer removed: {' '.join(line.text.split())!r}"))
        if head:
            removed.append(head)
        lines[i] = None


def _remove_page_numbers(lines: list[_Line | None], diagnostics: list[Diagnostic], lone_numbers: dict[int, int]) -> None:
    for i, line in enumerate(lines):
        if line is None or not _PAGE_NUMBER.match(line.text):
            continue
        alone = (i == 0 or lines[i - 1] is None) and (i + 1 >= len(lines) or lines[i + 1] is None)
        if alone:
            diagnostics.append(Diagnostic(line.number, "info", f"page number removed: {line.text.strip()!r}"))
            if line.text.strip().isdigit():
                lone_numbers[line.number] = int(line.text.strip())
            lines[i] = None


def _short(text: str) -> bool:
    """At most 100 characters once runs of spaces count as one (a layout footer pads "Title | Date" and "Page 3 of 8" apart)."""
    return len(text) <= 100 or len(text) <= 300 and "  " in text and len(" ".join(text.split())) <= 100


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def _remove_running_heads(lines: list[_Line | None], diagnostics: list[Diagnostic], removed: list[str]) -> None:
    """Short lines repeated three or more times (page numbers aside) are running headers or footers, and so is a
    periodical's issue line repeated twice ("the cloud report 01—2022"). Their texts are added to `removed`."""
    counts = Counter(
        _running_key(line.text) for line in lines
        if line is not None and _short(line.text) and len(line.text.split()) >= 2 and not _SEPARATOR.match(line.text)
    )
    issue_lines = {_running_key(line.text) for line in lines if line is not None and len(line.text) <= 60 and _ISSUE_LINE.search(line.text)}
    repeated = {key for key, n in counts.items() if n >= 3 or n >= 2 and key in issue_lines}
    if not repeated:
        return
    # A running head recurs page after page: its copies are spread over the text, not bunched in one place.
    positions: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if line is not None and _running_key(line.text) in repeated:
            positions.setdefault(_running_key(line.text), []).append(i)
    repeated = {
        key for key, at in positions.items()
        if at[-1] - at[0] >= len(lines) / 3 and min(b - a for a, b in zip(at, at[1:])) >= 5
    }
    first_lines = [i for i, line in enumerate(lines) if line is not None][:3]
    for i, line in enumerate(lines):
        if i in first_lines:
            continue  # the first copy at the top of the text is the masthead: the header reads it
        if line is not None and _running_key(line.text) in repeated and len(line.text.split()) >= 2 and _short(line.text):
            diagnostics.append(Diagnostic(line.number, "info", f"running header/footer removed: {line.text.strip()!r}"))
            removed.append(line.text.strip())
            lines[i] = None


def _blocks(lines: list[_Line | None]) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[_Line] = []
    for line in lines:
        if line is None:
            if current:
                blocks.append(_Block(current))
                current = []
        else:
            current.append(line)
    if current:
        blocks.append(_Block(current))
    return blocks


def _is_prose(block: _Block) -> bool:
    text = block.text
    words = _words(text)
    if len(words) >= 14:
        return True
    return len(words) >= 5 and _ends_sentence(text) and text.rstrip()[-1] not in ":" and any(w[0].islower() for w in words[1:])


def _heading_candidate(block: _Block) -> tuple[str, int] | None:
    """(heading text, level) when the block is a single line shaped like a heading."""
    if len(block.lines) != 1:
        return None
    text = block.lines[0].text.strip()
    if re.match(r"(?i)^(?:ISBN|ISSN|e-ISSN|DOI)\b[:\s]", text):
        return None  # a publication number on a cover or colophon, not a heading
    md = _MD_HEADING.match(text)
    if md:
        return md.group(2).strip(), len(md.group(1))
    plain = _strip_md(text)
    if _REFERENCES_HEADING.match(plain):
        return plain.rstrip(":"), 2
    if _is_upper_heading(plain):
        return plain, 2
    numbered = _NUMBERED_HEADING.match(plain)
    words = plain.split()
    if numbered and len(words) <= 16 and not plain.endswith((".", ",", ";")):
        depth = numbered.group(0).strip().rstrip(".").count(".") + 2
        return plain, min(depth, 4)
    if _BULLET.match(plain) or _QUOTE.match(plain) or _SPEAKER_LABEL.match(plain):
        return None  # list items, quotes and speaker turns ("Q42 Chair: …") are never headings
    first = plain.lstrip("“\"'‘(")[:1]
    if not first or not (first.isupper() or first.isdigit()):
        return None
    if plain.endswith("?") and len(words) <= 30 and not _SPEAKER_LABEL.match(plain):
        return plain, 2
    bare = _FOOTNOTE_TAIL.sub("", plain)  # "… in Europe.[1]" ends a sentence
    if len(words) <= 12 and len(plain) <= 100 and not bare.endswith((".", ",", ";", ":", "!")) and not _ends_with_link(plain):
        return plain, 2
    return None


def _ends_with_link(text: str) -> bool:
    return text.endswith(">") or bool(re.search(r"https?://\S+$", text))


def _line_structured(block: _Block) -> bool:
    """Several short lines, none ending a sentence: an address-like block, not wrapped prose."""
    lines = block.raw_lines
    return all(len(x) <= 90 and not x.rstrip("*_").endswith((".", "!", "?", "”", '"')) for x in lines) and not re.search(r"[.!?]\s+[A-Z]", block.text)


def _is_list(block: _Block) -> bool:
    return bool(_BULLET.match(block.lines[0].text)) and sum(1 for x in block.lines if _BULLET.match(x.text)) >= max(1, len(block.lines) // 2)


def _split_glued_headings(blocks: list[_Block], body_start: int) -> list[_Block]:
    """PDF text often has no blank line around a heading ("…financial inclusion." / "BACKGROUND" / prose):
    an ALL-CAPS line of a body block that follows the end of a sentence (or opens the block) and is
    followed by a line that starts like prose becomes a block of its own."""
    from .shapes import _ends_sentence, _is_upper_heading

    out: list[_Block] = blocks[:body_start]
    for block in blocks[body_start:]:
        lines = block.lines
        current: list[_Line] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            text = line.text.strip()
            nxt = lines[i + 1].text if i + 1 < len(lines) else None
            if nxt is not None and i + 2 < len(lines) and _is_upper_heading(nxt.strip()) and len((text + " " + nxt).split()) <= 12 \
                    and _is_upper_heading(text) and not _is_upper_heading(lines[i + 2].text.strip()):
                line = _Line(line.number, f"{text} {nxt.strip()}")  # a heading wrapped over two lines
                text = line.text
                i += 1
                nxt = lines[i + 1].text
            references_heading = nxt is not None and not current and _REFERENCES_HEADING.match(text) is not None
            heading = references_heading or (
                nxt is not None and len(text.split()) <= 10
                and (_is_upper_heading(text) or _is_short_heading_line(text, lines, i))
                and (not current or _ends_sentence(current[-1].text.strip()))
                and re.match(r"^\s*(?:[A-Z“\"‘(]|\d+\.(?:\s|$))", nxt) is not None and not _is_upper_heading(nxt.strip())
            )
            if heading:
                if current:
                    out.append(_Block(current))
                out.append(_Block([line]))
                current = []
            else:
                current.append(line)
            i += 1
        if current:
            out.append(_Block(current))
    return out


def _is_short_heading_line(text: str, lines: list[_Line], i: int) -> bool:
    """A short capitalised line without end punctuation, inside a block of much longer wrapped lines, right
    after a sentence ends: a mixed-case heading that PDF text glued to its paragraph ("Legal dimension")."""
    if len(lines) < 4 or not text[:1].isupper() or text.endswith((".", ",", ";", ":", "!", "?", "-", "–", "—")):
        return False
    widths = sorted(len(x.text.strip()) for x in lines)
    median = widths[len(widths) // 2]
    words = text.split()
    return 2 <= len(words) <= 6 and len(text) < 0.6 * median and median >= 40 and not re.search(r"\d", text)


_TOC_ENTRY = re.compile(r"^\s*(?P<entry>\S.{1,120}?)(?:\s*(?:\.\s*){2,}|\s*…+\s*|\s+)(?P<page>\d{1,3})\s*$")
_TOC_HEADING = re.compile(r"^\s*(?:table\s+of\s+)?contents\s*$", re.I)


def _drop_tables_of_contents(blocks: list[_Block], diagnostics: list[Diagnostic]) -> list[_Block]:
    """A table of contents (entries ending in page numbers that never go down, often under "Contents")
    is navigation, not text: it is left out and its entries recorded in one info diagnostic."""
    out: list[_Block] = []
    for i, block in enumerate(blocks):
        lines = [x.text for x in block.lines]
        entries = [_TOC_ENTRY.match(x) for x in lines]
        pages = [int(m.group("page")) for m in entries if m]
        under_heading = bool(out) and len(out[-1].lines) == 1 and _TOC_HEADING.match(out[-1].lines[0].text) is not None
        dotted = sum(1 for x in lines if re.search(r"(?:\.\s*){3,}\d{1,3}\s*$|…\s*\d{1,3}\s*$", x))
        is_toc = (
            len(pages) >= 3 and len(pages) >= 0.8 * len(lines) and pages == sorted(pages)
            and (under_heading or dotted >= 2)
        )
        if is_toc:
            label = out.pop().lines[0].text.strip() if under_heading else "table of contents"
            listed = "; ".join(x.strip() for x in lines)
            diagnostics.append(Diagnostic(block.first, "info", f"table of contents left out ({label}): {listed}"))
            continue
        out.append(block)
    return out
