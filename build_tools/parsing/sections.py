"""Pass 4 and 5 of the parser: the body. Headings, lists, quotes and paragraphs; sentences cut by
a page break joined again; standfirst and trailing provenance taken out; the reference list
split into entries; sections with paragraph ids; citations resolved to references.

Internal to the parser (`build_tools.seeds`); names keep their leading underscore.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .hyphens import _rejoin_in_entries
from ..model import Citation, Diagnostic, Paragraph, Reference, Section
from ..references import find_citations, parse_reference, reference_index, unique_ids
from .patterns import _BULLET, _DATELINE, _LABEL_PREFIX, _MD_HEADING, _NUMBERED_HEADING, _NUMBERED_REF, _PROVENANCE, _QUOTE, _REFERENCES_HEADING, _SEPARATOR
from .shapes import _ends_sentence, _ends_with_function_word, _is_upper_heading, _strip_md, _words
from .layout import _Block, _Line, _heading_candidate, _is_list, _is_prose


@dataclass
class _Item:
    """A body element before ids are given: heading, paragraph, list, quote or reference."""

    kind: str  # heading | text | list | quote | separator
    text: str
    line: int
    level: int = 2
    line_starts: list[tuple[int, int]] = field(default_factory=list)


def _read_body(
    blocks: list[_Block], diagnostics: list[Diagnostic], *, marked_headings_only: bool = False
) -> tuple[list[_Item], list[_Block]]:
    """Body items and the blocks of the reference list (if any). With `marked_headings_only` (text
    written from Markdown or HTML, whose headings are known) only `#` lines are headings."""
    items: list[_Item] = []
    ref_start = _reference_start(blocks)
    body_blocks = blocks if ref_start is None else blocks[:ref_start]
    related = False  # the block before was a "Related articles" label: a list under it is the page's, not the article's
    for i, block in enumerate(body_blocks):
        first = block.lines[0].text
        furniture = _WEB_FURNITURE.match(_strip_md(first.strip()))
        if furniture and len(block.lines) > 1 and not (furniture.group("related") and _is_list(_Block(block.lines[1:]))):
            furniture = None  # only a line of its own, or a "Related articles" label over its list
        if furniture or related and _is_list(block):
            diagnostics.append(Diagnostic(block.first, "info", f"web page furniture left out: {block.text.strip()!r}"))
            related = bool(furniture) and furniture.group("related") is not None
            continue
        related = False
        if _SEPARATOR.match(first) and len(block.lines) == 1:
            diagnostics.append(Diagnostic(block.first, "info", f"section break {first.strip()!r}"))
            items.append(_Item("separator", "", block.first))
            continue
        nxt = body_blocks[i + 1] if i + 1 < len(body_blocks) else None
        prev = items[-1] if items else None
        heading = _heading_candidate(block)
        if heading and marked_headings_only and not _MD_HEADING.match(first.strip()):
            heading = None
        if heading and _accept_heading(block, heading[0], prev, nxt):
            items.append(_Item("heading", heading[0], block.first, heading[1]))
            continue
        if _QUOTE.match(first) and all(_QUOTE.match(x.text) for x in block.lines):
            text = " ".join(_QUOTE.sub("", x.text).strip() for x in block.lines)
            items.append(_Item("quote", text, block.first, line_starts=[(0, block.first)]))
            continue
        if _is_list(block) and not _is_numbered_paragraph(block):
            items.append(_list_item(block))
            continue
        if len(block.lines) >= 3 and _LIST_LABEL.match(first.strip()) and _is_list(rest := _Block(block.lines[1:])) and len(rest.lines) >= 2:
            label = first.strip()
            if _is_upper_heading(label):  # "KEY FINDINGS" over its bullets: a heading, then the list
                items.append(_Item("heading", label, block.first))
            else:  # "Key takeaways" over its bullets: a line, then the list
                items.append(_text_item(_Block(block.lines[:1])))
            items.append(_list_item(rest))
            continue
        items.append(_text_item(block))
    refs = blocks[ref_start:] if ref_start is not None else []
    if refs and len(refs[0].lines) == 1 and _REFERENCES_HEADING.match(_strip_md(refs[0].lines[0].text).lstrip("# ")):
        diagnostics.append(Diagnostic(refs[0].first, "info", f"reference list starts at heading {refs[0].lines[0].text.strip()!r}"))
        refs = refs[1:]  # the renderer writes its own "References" heading
    return items, refs


#: A web page's own lines pasted with an article: advertising slots, share buttons, "Read more: …" links, a
#: newsletter's subscribe, share and comment buttons ("Subscribe now", "Leave a comment", "Thanks for reading …!
#: Subscribe for free …"), and a "Related articles" label (whose list follows it).
_WEB_FURNITURE = re.compile(
    r"^(?:advertisement|advertising|skip (?:the )?advert(?:isement)?|story continues below(?: this)? advertisement"
    r"|subscribe(?: now| for free)?|share(?: this post)?|leave a comment|give a gift subscription|upgrade to paid|get the app"
    r"|thanks for reading [^.!?]{1,80}[!.]\s*subscribe (?:for free )?to (?:receive|get) new posts[^.!?]{0,80}[.!]?"
    r"|sign up (?:for|to) (?:our|the|my) newsletter[^.!?]{0,80}[.!]?"
    r"|continue reading(?: below| the main story)?|scroll (?:down )?to continue(?: with content)?|sponsored content"
    r"|share (?:this (?:article|story|page)|on (?:facebook|twitter|x|linkedin|whatsapp|reddit|bluesky)|via (?:email|e-mail))"
    r"|(?:read|see) (?:more|also|next)\s*[:›»>|]\s*.{1,150}|also read\s*[:›»>|]\s*.{1,150}|related\s*:\s*.{1,150}"
    r"|(?P<related>related (?:articles?|stories|content|coverage|posts|news|links)|more (?:on|about) this (?:topic|story|subject)|more from (?:this|the) (?:author|writer|series|section)"
    r"|you (?:may|might) also like|recommended for you|most (?:read|popular)|trending(?: now)?))\s*:?$",
    re.I,
)


#: A short label set over a bulleted list in the same block ("Key takeaways", "In brief:", "What we found").
_LIST_LABEL = re.compile(r"^[A-Z][^.!?•\-–—*]{0,50}:?$")


def _is_numbered_paragraph(block: _Block) -> bool:
    """A block of one list item that is a paragraph: a long run-on line ("1. The key … 2. The …"), or a numbered
    paragraph of whole sentences, wrapped or not (evidence to a parliament, UN and EU documents, judgments and
    consultation responses number every paragraph; read as list items, they would never reach the summary)."""
    if sum(1 for line in block.lines if _BULLET.match(line.text)) != 1:
        return False
    text = " ".join(line.text.strip() for line in block.lines)
    words = len(text.split())
    if not _NUMBERED_PARAGRAPH.match(text):
        return len(block.lines) == 1 and words > 40
    return words > 40 or words >= 12 and _ends_sentence(text)


#: A paragraph's number before its first sentence: "4. Since …", "(3) Optimise …", "2.1 The …".
_NUMBERED_PARAGRAPH = re.compile(r"^\s*(?:\d{1,3}\.(?:\d{1,2}\.?)?|\(\d{1,3}\))\s+[A-Z“\"‘']")


def _accept_heading(block: _Block, text: str, prev: _Item | None, nxt: _Block | None) -> bool:
    first = block.lines[0].text.strip()
    if _MD_HEADING.match(first) or _REFERENCES_HEADING.match(_strip_md(first)):
        return True
    if len(block.lines) == 1 and len(text.split()) >= 2 and _is_upper_heading(text) and nxt is not None and _is_prose(nxt):
        return True  # an ALL-CAPS heading after a page break, though the page ended mid-sentence
    if prev is not None and prev.kind == "text" and not _ends_sentence(prev.text) and len(_words(prev.text)) >= 8:
        return False  # a short line after a cut sentence is its continuation
    if text.rstrip().endswith("-") or nxt is not None and nxt.lines[0].text.strip()[:1].islower() and not (
            _is_upper_heading(text) or _NUMBERED_HEADING.match(text) or text.rstrip().endswith((":", "?"))):
        return False  # a line that runs on ("… a closer look at" / "the various dimensions"): a paragraph cut by the layout
    if nxt is None:
        return _is_upper_heading(text) or bool(_NUMBERED_HEADING.match(text))
    if _is_upper_heading(text) or _NUMBERED_HEADING.match(text):
        return True
    next_heading = _heading_candidate(nxt)
    if next_heading and not (_is_upper_heading(next_heading[0]) or _NUMBERED_HEADING.match(next_heading[0])):
        return False  # two short lines in a row: a label or a one-line paragraph, not a heading
    return _is_prose(nxt) or _is_list(nxt) or bool(next_heading)


def _text_item(block: _Block) -> _Item:
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    offset = 0
    for line in block.lines:
        piece = line.text.strip()
        if parts:
            offset += 1
        starts.append((offset, line.number))
        parts.append(piece)
        offset += len(piece)
    return _Item("text", " ".join(parts), block.first, line_starts=starts)


def _list_item(block: _Block) -> _Item:
    """One list block: items one per line; continuation lines join the item above."""
    entries: list[str] = []
    starts: list[tuple[int, int]] = []
    offset = 0
    for line in block.lines:
        piece = line.text.strip()
        if _BULLET.match(line.text) or not entries:
            if entries:
                offset += 1
            starts.append((offset, line.number))
            entries.append(piece)
            offset += len(piece)
        else:
            entries[-1] += " " + piece
            offset += 1 + len(piece)
    return _Item("list", "\n".join(entries), block.first, line_starts=starts)


def _reference_start(blocks: list[_Block]) -> int | None:
    """Index of the references heading, or of a trailing run of "[n] …" entries."""
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        if len(block.lines) == 1 and _REFERENCES_HEADING.match(_strip_md(block.lines[0].text)) and i < len(blocks) - 1:
            return i
    run = entries = 0
    for block in reversed(blocks):
        if _NUMBERED_REF.match(block.lines[0].text):
            run += 1
            entries += sum(1 for x in block.lines if _NUMBERED_REF.match(x.text))
        else:
            break
    return len(blocks) - run if entries >= 2 else None


def _read_references(blocks: list[_Block], diagnostics: list[Diagnostic]) -> tuple[Reference, ...]:
    entries: list[tuple[str, int]] = []
    glyph = _bullet_glyph(blocks)
    for block in blocks:
        lines = block.lines
        starts_like_entry = [
            x.text.startswith(glyph) if glyph else
            bool(_NUMBERED_REF.match(x.text) or re.match(r"^\s*\d{1,3}[.)]\s", x.text) or _looks_like_entry_start(x.text))
            for x in lines
        ]
        if len(lines) > 1 and (sum(starts_like_entry) >= 2 and starts_like_entry[0] or any(starts_like_entry[1:]) and entries):
            current: list[_Line] = []
            for line, is_start in zip(lines, starts_like_entry):
                if is_start and current:
                    if not _NUMBERED_START.match(current[0].text) and entries and _NUMBERED_START.match(entries[-1][0]):
                        # the tail of the previous entry, carried over a page break
                        entries[-1] = (entries[-1][0] + " " + " ".join(x.text.strip() for x in current), entries[-1][1])
                    else:
                        entries.append((" ".join(x.text.strip() for x in current), current[0].number))
                    current = []
                current.append(line)
            if current:
                entries.append((" ".join(x.text.strip() for x in current), current[0].number))
        else:
            entries.append((block.text, block.first))
    merged: list[tuple[str, int]] = []
    numbered_list = sum(1 for text, _ in entries if _NUMBERED_START.match(text)) * 2 > len(entries)
    for text, line in entries:
        if merged and re.fullmatch(r"\s*(?:\[\d{1,3}\]|\d{1,3}[.)])\s*", merged[-1][0]):
            merged[-1] = (f"{merged[-1][0].strip()} {text}", merged[-1][1])  # a number alone on its line, then its entry
        elif merged and numbered_list and not _NUMBERED_START.match(text) and _NUMBERED_START.match(merged[-1][0]):
            merged[-1] = (f"{merged[-1][0]} {text}", merged[-1][1])  # an entry's lines split by a blank line
        elif merged and glyph and not text.startswith(glyph) and merged[-1][0].startswith(glyph):
            merged[-1] = (f"{merged[-1][0]} {text}", merged[-1][1])  # the same, in a list whose entries open with a bullet
        else:
            merged.append((text, line))
    if glyph:
        stripped = sum(1 for text, _ in merged if text.startswith(glyph))
        merged = [(text[len(glyph):] if text.startswith(glyph) else text, line) for text, line in merged]
        diagnostics.append(Diagnostic(blocks[0].first if blocks else None, "info",
                                      f"bullet glyph {glyph.strip()!r} (a symbol font's bullet read as a letter) removed from {stripped} reference entries"))
    merged = list(zip(_rejoin_in_entries([text for text, _ in merged], diagnostics), (line for _, line in merged)))
    references = []
    for text, line in merged:
        number = re.match(r"^\s*\[(\d{1,3})\]|^\s*(\d{1,3})[.)]\s", text)
        n = int(number.group(1) or number.group(2)) if number else None
        references.append(parse_reference(text, number=n, line=line))
    return unique_ids(references)


def _bullet_glyph(blocks: list[_Block]) -> str | None:
    """A bullet that PDF text turned into a letter ("a Couture, Stephane …" from a dingbat font): the same
    one-character token opening at least three lines, each followed by a capitalised word."""
    counts: dict[str, int] = {}
    for block in blocks:
        for line in block.lines:
            m = re.match(r"^([a-z•▪●■◆➢►✓])\s+[A-Z]", line.text)
            if m:
                counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    best = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
    return f"{best[0]} " if best[1] >= 3 else None


_NUMBERED_START = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)](?:\s|$))")


def _looks_like_entry_start(line: str) -> bool:
    return bool(re.match(r"^\s*[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?,\s+(?:[A-Z]\.|[A-Z][a-z]+)", line)) and bool(re.search(r"(?:19|20)\d\d", line))


def _join_page_breaks(items: list[_Item], diagnostics: list[Diagnostic]) -> list[_Item]:
    """Join a paragraph that stops mid-sentence with the paragraph that continues it."""
    out: list[_Item] = []
    for item in items:
        prev = out[-1] if out else None
        if (
            prev is not None and prev.kind == "text" and item.kind == "text"
            and not _ends_sentence(prev.text) and len(_words(prev.text)) >= 8
            and (item.text[:1].islower() or item.text[:1].isdigit() or _ends_with_function_word(prev.text) or item.text[:1] in "(“\"‘'")
        ):
            diagnostics.append(Diagnostic(item.line, "info", "joined a sentence cut by a page break"))
            shift = len(prev.text) + 1
            prev.text = f"{prev.text} {item.text}"
            prev.line_starts.extend((off + shift, num) for off, num in item.line_starts)
            continue
        out.append(item)
    return out


_BIO = re.compile(r"^(?:[A-Z][\w'’.-]+\s+){1,4}(?:is|was|has\s+been|serves\s+as)\s+(?:a|an|the)\s")


def _take_trailing_metadata(items: list[_Item]) -> tuple[list[_Item], list[str]]:
    """Provenance lines ("© 2016 …", "Cite as: …") and a closing author bio after the body are metadata."""
    taken: list[str] = []
    end = len(items)
    while end > 1:
        item = items[end - 1]
        text = item.text.strip()
        if item.kind != "text":
            break
        if _PROVENANCE.match(text) or (not taken or _PROVENANCE.match(taken[0])) and _BIO.match(text) and len(text.split()) <= 60 and taken:
            taken.insert(0, text)
            end -= 1
            continue
        break
    return items[:end], taken


_INTRO_HEADINGS = {"introduction", "background", "overview", "context", "the issue", "key points", "summary"}


def _merge_labels(items: list[_Item]) -> list[_Item]:
    """A short label line ("Attribution:") and the paragraph it introduces become one paragraph."""
    out: list[_Item] = []
    for item in items:
        prev = out[-1] if out else None
        if (
            prev is not None and prev.kind == "text" and item.kind == "text"
            and prev.text.endswith(":") and len(prev.text.split()) <= 4 and len(prev.line_starts) == 1
        ):
            shift = len(prev.text) + 1
            prev.text = f"{prev.text} {item.text}"
            prev.line_starts.extend((off + shift, num) for off, num in item.line_starts)
            continue
        out.append(item)
    return out


def _take_standfirst(items: list[_Item], *, has_references: bool) -> tuple[list[_Item], str | None]:
    """An unlabelled dek: the lone paragraph before the first heading (or before the references)."""
    if not items or items[0].kind != "text":
        return items, None
    first = items[0]
    words = len(_words(first.text))
    if words > 160 or words < 12 or _DATELINE.match(first.text) or _LABEL_PREFIX.match(first.text):
        return items, None
    if has_references and len(items) == 1:
        return items[1:], first.text
    if len(items) > 1 and items[1].kind == "text" and re.match(r"^Q\d*\s*[:.]\s", items[1].text):
        return items[1:], first.text  # the introduction of a Q&A interview
    if _repeated_below(first.text, items[1:4]):
        return items[1:], first.text  # a magazine's dek, which the body's opening repeats
    heading_at = next((i for i, it in enumerate(items) if it.kind == "heading"), None)
    if heading_at is None or heading_at > 2:
        return items, None
    heading = re.sub(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s*", "", items[heading_at].text).strip().lower()
    if heading not in _INTRO_HEADINGS and not heading.endswith("?"):
        return items, None
    between = items[1:heading_at]
    if all(it.kind == "text" and _LABEL_PREFIX.match(it.text) for it in between):
        return items[1:], first.text
    return items, None


def _letters(text: str) -> str:
    """Lower-case letters and digits only: a line-end hyphen, a quote mark or a space does not tell two texts apart."""
    return re.sub(r"[\W_]+", "", text).lower()


def _repeated_below(text: str, below: list[_Item]) -> bool:
    """The paragraph's first sentence (of 12 words or more) recurs, whole, in the text paragraphs right below it."""
    sentence = _SENTENCE_BREAK.split(text, maxsplit=1)[0]
    if len(_words(sentence)) < 12:
        return False
    needle = _letters(sentence)
    return any(_letters(s) == needle for it in below if it.kind == "text" for s in _SENTENCE_BREAK.split(it.text))


_SENTENCE_BREAK = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“\"‘])")


_RUN_IN = re.compile(r"^(?P<marker>\s*(?:[•\-*▪◦]\s*)?)(?P<num>\d{1,2}\.\d{1,2})\s+(?P<rest>.+)$")


def _split_run_in_headings(items: list[_Item]) -> list[_Item]:
    """List items that open with a decimal-numbered run-in heading ("1.1 Defining X X is …") become heading + paragraph."""
    out: list[_Item] = []
    for item in items:
        if item.kind != "list" or not any(_RUN_IN.match(e) for e in item.text.split("\n")):
            out.append(item)
            continue
        pending: list[str] = []
        for entry in item.text.split("\n"):
            m = _RUN_IN.match(entry)
            split = _split_run_in(m.group("rest")) if m else None
            if m and split:
                if pending:
                    out.append(_Item("list", "\n".join(pending), item.line, line_starts=[(0, item.line)]))
                    pending = []
                heading, body = split
                out.append(_Item("heading", f"{m.group('num')} {heading}", item.line, 3))
                out.append(_Item("text", body, item.line, line_starts=[(0, item.line)]))
            else:
                pending.append(entry)
        if pending:
            out.append(_Item("list", "\n".join(pending), item.line, line_starts=[(0, item.line)]))
    return out


def _split_run_in(rest: str) -> tuple[str, str] | None:
    tokens = rest.split(" ")
    small = {"of", "and", "the", "for", "in", "on", "to", "a", "an", "&"}
    run = 0
    for t in tokens:
        if t and (t[0].isupper() or t.lower() in small or t[0].isdigit()):
            run += 1
        else:
            break
    if run < 2 or run >= len(tokens):
        return None
    head = tokens[:run]
    for size in range(min(3, run // 2), 0, -1):
        for start in range(1, run - size + 1):
            if head[start : start + size] == head[start + size : start + 2 * size] if start + 2 * size <= run else False:
                cut = start + size
                return " ".join(tokens[:cut]), " ".join(tokens[cut:])
        # "Defining Sovereign AI Sovereign AI is": the tail of the heading repeats as the subject.
        tail = head[run - size :]
        for start in range(1, run - size):
            if head[start : start + size] == tail and start + size == run - size:
                cut = run - size
                return " ".join(tokens[:cut]), " ".join(tokens[cut:])
    cut = run - 1
    return " ".join(tokens[:cut]), " ".join(tokens[cut:])


def _sections(items: list[_Item]) -> tuple[tuple[Section, ...], dict[str, list[tuple[int, int]]]]:
    sections: list[Section] = []
    heading: str | None = None
    level = 2
    line: int | None = None
    paragraphs: list[Paragraph] = []
    line_maps: dict[str, list[tuple[int, int]]] = {}
    counter = 0
    for item in items:
        if item.kind in ("heading", "separator"):
            if paragraphs or heading is not None:
                sections.append(Section(heading, tuple(paragraphs), level, line))
            heading = item.text if item.kind == "heading" else None
            level, line, paragraphs = item.level, item.line, []
            continue
        counter += 1
        pid = f"p-{counter}"
        paragraphs.append(Paragraph(pid, item.text, item.line, item.kind))
        line_maps[pid] = item.line_starts or [(0, item.line)]
    if paragraphs or heading is not None:
        sections.append(Section(heading, tuple(paragraphs), level, line))
    return tuple(sections), line_maps


def _line_at(line_map: list[tuple[int, int]], offset: int) -> int:
    line = line_map[0][1]
    for start, number in line_map:
        if start <= offset:
            line = number
        else:
            break
    return line


def _citations(
    sections: tuple[Section, ...], references: tuple[Reference, ...], line_maps: dict[str, list[tuple[int, int]]]
) -> tuple[tuple[Citation, ...], list[Diagnostic]]:
    citations: list[Citation] = []
    diagnostics: list[Diagnostic] = []
    lookup = reference_index(references)
    for section in sections:
        for paragraph in section.paragraphs:
            for citation in find_citations(paragraph, references, lookup):
                citations.append(citation)
                if citation.reference is None and references:
                    line = _line_at(line_maps.get(paragraph.id, [(0, paragraph.line or 0)]), citation.start)
                    diagnostics.append(Diagnostic(
                        line, "warning",
                        f"citation '{citation.text}' in {paragraph.id} matches no entry in the reference list",
                    ))
    return tuple(citations), diagnostics
