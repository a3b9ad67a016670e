"""Read the Markdown body of a briefing: paragraphs with anchors, references and cross-links.

Generated briefings carry `{: #p-n }` on every paragraph; hand-written ones
need not. `parse_body` finds every paragraph, keeps the ids it has and gives
the others the next free `p-n`, and returns the body with those anchors
added (the file on disk is never changed). It also finds cross-links to other
briefings: `[[slug]]`, `[[slug#p-12]]`, `[[slug|label]]` and relative
Markdown links to `slug.md`, each with its line and the sentence around it
(for "Linked from" quotes).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_ATTR_ID = re.compile(r"^\{:?\s*#([A-Za-z][\w-]*)[^}]*\}\s*$")
_DIV_OPEN = re.compile(r'^<div\b[^>]*\bid="([A-Za-z][\w-]*)"[^>]*>\s*$')
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{[^}]*\})?\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
WIKILINK = re.compile(r"\[\[([^\[\]|#\n]+?)(?:#([\w-]+))?(?:\|([^\[\]\n]+))?\]\]")
MDLINK = re.compile(r"(?<!\!)\[([^\[\]\n]+)\]\((?!https?:|mailto:|#|<https?:)<?([^()\s<>]+?\.md)(?:#([\w-]+))?>?\)")
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_CITE_LINK = re.compile(r"\]\(#(ref-[\w-]+)\)")
_PARA_ID = re.compile(r"^p-(\d+)$")
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
    markdown: str  # the body with an anchor on every paragraph
    cited_in: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (reference id, paragraph ids citing it)


_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*(?:\([^()]*\)[^()]*)*\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~^])")
_EMPHASIS_MARK = re.compile(r"(?<!\w)[*_]{1,2}(?=\S)|(?<=\S)[*_]{1,2}(?!\w)")


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
    if "*" in text or "_" in text:
        text = _EMPHASIS_MARK.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def parse_body(body: str, first_line: int = 1) -> Body:
    """Paragraphs, headings, references and links of a briefing body, plus the anchored Markdown."""
    lines = body.split("\n")
    blocks = _blocks(lines)
    used = {int(m.group(1)) for b in blocks for m in [_PARA_ID.match(b.anchor or "")] if m}
    next_number = 1
    paragraphs: list[BodyParagraph] = []
    headings: list[tuple[str, int, int]] = []
    references: list[BodyReference] = []
    out_lines = list(lines)
    insertions: list[tuple[int, str]] = []
    heading: str | None = None
    cited: dict[str, list[str]] = {}
    for block in blocks:
        line_no = first_line + block.start
        if block.kind == "heading":
            level, text = block.heading  # type: ignore[misc]
            heading = plain_text(text)
            headings.append((heading, level, line_no))
            continue
        if block.kind in ("code", "html", "rule"):
            continue
        text = plain_text(" ".join(l.strip() for l in block.content))
        if not text:
            continue
        anchor = block.anchor
        if anchor and anchor.startswith("ref-"):
            references.append(BodyReference(anchor, text, line_no))
            continue
        if heading and re.fullmatch(r"(?i)references|bibliography|sources|notes", heading or ""):
            continue
        if not anchor:
            while next_number in used:
                next_number += 1
            anchor = f"p-{next_number}"
            used.add(next_number)
            if block.kind == "text":
                insertions.append((block.end + 1, f"{{: #{anchor} }}"))
            else:  # an attribute list after a list or quote would land on its last item
                insertions.append((block.start, f'<div id="{anchor}" class="bf-anchor"></div>\n'))
        paragraphs.append(BodyParagraph(anchor, text, line_no, block.kind, heading))
        for ref in _CITE_LINK.findall(" ".join(block.content)):
            if anchor not in cited.setdefault(ref, []):
                cited[ref].append(anchor)
    for position, text in sorted(insertions, reverse=True):
        out_lines.insert(position, text)
    links = _links(lines, first_line, blocks, paragraphs)
    cited_in = tuple((ref, tuple(pids)) for ref, pids in cited.items())
    return Body(tuple(paragraphs), tuple(headings), tuple(references), tuple(links), "\n".join(out_lines), cited_in)


@dataclass
class _Block:
    start: int
    end: int
    kind: str  # text | list | quote | heading | code | html | rule
    content: list[str]
    anchor: str | None = None
    heading: tuple[int, str] | None = None


def _blocks(lines: list[str]) -> list[_Block]:
    blocks: list[_Block] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if _FENCE.match(line):
            fence = _FENCE.match(line).group(1)  # type: ignore[union-attr]
            j = i + 1
            while j < n and not lines[j].strip().startswith(fence):
                j += 1
            blocks.append(_Block(i, min(j, n - 1), "code", []))
            i = j + 1
            continue
        heading = _HEADING.match(line)
        if heading:
            blocks.append(_Block(i, i, "heading", [], heading=(len(heading.group(1)), heading.group(2))))
            i += 1
            continue
        div = _DIV_OPEN.match(line.strip())
        if div:
            j = i + 1
            while j < n and lines[j].strip() != "</div>":
                j += 1
            inner = [l for l in lines[i + 1 : j] if l.strip()]
            blocks.append(_Block(i, min(j, n - 1), "list", [re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", l) for l in inner], anchor=div.group(1)))
            i = j + 1
            continue
        if re.match(r"^\s*(?:[-*_]\s*){3,}$", line):
            blocks.append(_Block(i, i, "rule", []))
            i += 1
            continue
        j = i
        while j + 1 < n and lines[j + 1].strip() and not _HEADING.match(lines[j + 1]) and not _FENCE.match(lines[j + 1]):
            j += 1
        content = lines[i : j + 1]
        anchor = None
        m = _ATTR_ID.match(content[-1].strip().lstrip("> ").strip())
        if m:
            anchor = m.group(1)
            content = content[:-1]
        first = content[0] if content else ""
        if first.lstrip().startswith("<") and not first.lstrip().startswith(("<http", "<www")):
            kind = "html"
        elif re.match(r"^\s*(?:[-*+]|\d+[.)])\s+", first):
            kind = "list"
            content = [re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", l) for l in content]
        elif first.lstrip().startswith(">"):
            kind = "quote"
            content = [l.lstrip().lstrip(">").strip() for l in content]
        else:
            kind = "text"
        blocks.append(_Block(i, j if m else j, kind, content, anchor=anchor))
        if m:
            blocks[-1].end = j - 1 if j > i else j
        i = j + 1
    return blocks


def _links(lines: list[str], first_line: int, blocks: list[_Block], paragraphs: list[BodyParagraph]) -> list[BodyLink]:
    by_line: dict[int, str] = {}
    for p in paragraphs:
        by_line[p.line - first_line] = p.id
    owner: dict[int, str | None] = {}
    current: str | None = None
    para_starts = sorted(by_line)
    for block in blocks:
        pid = by_line.get(block.start)
        for k in range(block.start, block.end + 1):
            owner[k] = pid
    del current, para_starts
    found: list[BodyLink] = []
    in_code = False
    for idx, line in enumerate(lines):
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        line = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)  # links in `code` are examples, not links
        for m in WIKILINK.finditer(line):
            found.append(BodyLink(m.group(1).strip(), m.group(2), m.group(3), first_line + idx, m.start() + 1, owner.get(idx), _sentence_around(line, m.start()), "wikilink"))
        for m in MDLINK.finditer(line):
            target = re.sub(r"^(?:\./|\.\./briefings/|briefings/)", "", m.group(2))
            found.append(BodyLink(target[:-3], m.group(3), m.group(1), first_line + idx, m.start() + 1, owner.get(idx), _sentence_around(line, m.start()), "markdown"))
    return found


def _sentence_around(line: str, pos: int) -> str:
    start = 0
    for m in _SENTENCE.finditer(line):
        if m.start() <= pos < max(m.end(), m.start() + 1):
            return plain_text(m.group(0))
        start = m.end()
    return plain_text(line[start:])
