"""Read the Markdown body of a briefing: paragraphs with anchors, references and cross-links.

Generated briefings carry `{: #p-n }` on every paragraph; hand-written ones
need not. The blocks, and the anchors the page will give them, come from
Python-Markdown's own parse (`markdown_ext`); this module adds the line each
block starts on and finds cross-links to other
briefings: `[[slug]]`, `[[slug#p-12]]`, `[[slug|label]]` and relative
Markdown links to `slug.md`, each with its line and the sentence around it
(for "Linked from" quotes).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .markdown_ext import BlockReader, read_blocks

_FENCE = re.compile(r"^\s*(```|~~~)")
WIKILINK = re.compile(r"\[\[([^\[\]|#\n]+?)(?:#([\w-]+))?(?:\|([^\[\]\n]+))?\]\]")
MDLINK = re.compile(r"(?<!\!)\[([^\[\]\n]+)\]\((?!https?:|mailto:|#|<https?:)<?([^()\s<>]+?\.md)(?:#([\w-]+))?>?\)")
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_CITE_LINK = re.compile(r"\]\(#(ref-[\w-]+)\)")
_SENTENCE = re.compile(r"[^.!?]*(?:[.!?]+|$)")


@dataclass(frozen=True, slots=True)
class BodyParagraph:
    id: str
    text: str  # plain text for analysis and search
    line: int
    kind: str
    heading: str | None


@dataclass(frozen=True, slots=True)
class BodyLink:
    target: str
    anchor: str | None
    label: str | None
    line: int
    column: int
    paragraph: str | None
    sentence: str
    syntax: str  # "wikilink" | "markdown"


@dataclass(frozen=True, slots=True)
class BodyReference:
    id: str
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Body:
    paragraphs: tuple[BodyParagraph, ...]
    headings: tuple[tuple[str, int, int], ...]  # (text, level, line)
    references: tuple[BodyReference, ...]
    links: tuple[BodyLink, ...]
    markdown: str  # the body as written (anchors are given when it is rendered, by the same rule)
    cited_in: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (reference id, paragraph ids citing it)


_LINK = re.compile(r"!?\[((?:\\.|[^\[\]\\])*)\]\([^()]*(?:\([^()]*\)[^()]*)*\)")  # a label may hold escaped brackets: [\[1\]](#ref-1)
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~^])")
_EMPHASIS_MARK = re.compile(r"(?<!\w)[*_]{1,2}(?=\S)|(?<=\S)[*_]{1,2}(?!\w)")


def without_emphasis(text: str) -> str:
    """Text with Markdown's emphasis marks taken out ("*Ada Okafor, Centre for X*" -> "Ada Okafor, Centre for X"); nothing else changes."""
    return _EMPHASIS_MARK.sub("", text) if "*" in text or "_" in text else text


def plain_text(markdown: str) -> str:
    """Markdown inline text as a reader sees it: links to labels, escapes and entities undone.

    Each step runs only when its marker character is present (most paragraphs have no links or tags).
    """
    text = markdown
    if "[" in text:
        text = WIKILINK.sub(lambda m: m.group(3) or m.group(1), text)
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        text = _TAG.sub("", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    text = without_emphasis(text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def parse_body(body: str, first_line: int = 1, reader: BlockReader | None = None) -> Body:
    """Paragraphs, headings, references and links of a briefing body.

    The blocks and their anchors come from Python-Markdown itself (`markdown_ext.read_blocks`, the
    same parser and rule as the rendered page); this module adds what the tree cannot give: the
    line each block starts on, and the links with their line and column, for diagnostics.
    """
    lines = body.split("\n")
    paragraphs: list[BodyParagraph] = []
    headings: list[tuple[str, int, int]] = []
    references: list[BodyReference] = []
    cited: dict[str, list[str]] = {}
    starts: list[tuple[int, str | None]] = []  # (line index, paragraph id or None for a heading)
    heading: str | None = None
    cursor = 0
    for block in read_blocks(body, reader):
        cursor = _line_of(lines, block.raw, cursor)
        line_no = first_line + cursor
        text = plain_text(block.raw)
        if block.kind == "heading":
            heading = text
            headings.append((text, block.level, line_no))
            starts.append((cursor, None))
            continue
        if not text:
            continue
        if block.kind == "reference":
            references.append(BodyReference(block.id or "", text, line_no))
            starts.append((cursor, None))
            continue
        paragraphs.append(BodyParagraph(block.id or "", text, line_no, block.kind, heading))
        starts.append((cursor, block.id))
        for ref in _CITE_LINK.findall(block.raw):
            if block.id not in cited.setdefault(ref, []):
                cited[ref].append(block.id or "")
    links = _links(lines, first_line, starts)
    cited_in = tuple((ref, tuple(pids)) for ref, pids in cited.items())
    return Body(tuple(paragraphs), tuple(headings), tuple(references), tuple(links), body, cited_in)


def _line_of(lines: list[str], raw: str, cursor: int) -> int:
    """The index of the line, at or after `cursor`, where a block whose parsed text is `raw` starts (else `cursor`)."""
    snippet = raw.strip().split("\n", 1)[0].strip()[:40]
    if not snippet:
        return cursor
    for index in range(cursor, len(lines)):
        if snippet in lines[index]:
            return index
    return cursor


def _links(lines: list[str], first_line: int, starts: list[tuple[int, str | None]]) -> list[BodyLink]:
    """Wikilinks and Markdown links to other briefings, each with the paragraph it is in (the last block starting at or before it)."""
    found: list[BodyLink] = []
    in_code = False
    at = 0
    owner: str | None = None
    for idx, line in enumerate(lines):
        while at < len(starts) and starts[at][0] <= idx:
            owner = starts[at][1]
            at += 1
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code or "[" not in line:  # every link this looks for starts with a bracket
            continue
        if "`" in line:
            line = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)  # links in `code` are examples, not links
        for m in WIKILINK.finditer(line):
            found.append(BodyLink(m.group(1).strip(), m.group(2), m.group(3), first_line + idx, m.start() + 1, owner, _sentence_around(line, m.start()), "wikilink"))
        for m in MDLINK.finditer(line):
            target = re.sub(r"^(?:\./|\.\./briefings/|briefings/)", "", m.group(2))
            found.append(BodyLink(target[:-3], m.group(3), m.group(1), first_line + idx, m.start() + 1, owner, _sentence_around(line, m.start()), "markdown"))
    return found


def body_to_dict(body: Body) -> dict:
    """The body as JSON-ready data (for the file cache: Python-Markdown's block parse is the costly part of loading)."""
    return {
        "paragraphs": [[p.id, p.text, p.line, p.kind, p.heading] for p in body.paragraphs],
        "headings": [list(h) for h in body.headings],
        "references": [[r.id, r.text, r.line] for r in body.references],
        "links": [[l.target, l.anchor, l.label, l.line, l.column, l.paragraph, l.sentence, l.syntax] for l in body.links],
        "cited_in": [[ref, list(pids)] for ref, pids in body.cited_in],
    }


def body_from_dict(data: dict, markdown: str) -> Body:
    """`body_to_dict` undone; `markdown` is the body text the data was read from."""
    return Body(
        tuple(BodyParagraph(*p) for p in data["paragraphs"]),
        tuple((str(h[0]), int(h[1]), int(h[2])) for h in data["headings"]),
        tuple(BodyReference(*r) for r in data["references"]),
        tuple(BodyLink(*l) for l in data["links"]),
        markdown,
        tuple((ref, tuple(pids)) for ref, pids in data["cited_in"]),
    )


def _sentence_around(line: str, pos: int) -> str:
    start = 0
    for m in _SENTENCE.finditer(line):
        if m.start() <= pos < max(m.end(), m.start() + 1):
            return plain_text(m.group(0))
        start = m.end()
    return plain_text(line[start:])
