"""The one Python-Markdown extension of a briefing body: paragraph anchors, glossary marks, reference links.

It works on the element tree Python-Markdown builds, so it sees exactly the
blocks a reader sees (an indented code block, a setext heading, a table, an
HTML comment are what Python-Markdown says they are), and it only ever
changes text nodes and the attributes it owns, never attribute values or
code written by the author.

Two tree processors:

- `BlockAnchors` (priority 25, before inline processing): applies block
  attribute lists (`{: #p-3 }`), then gives every body block (paragraph,
  list, table, quote paragraph, anchored `div`) an id by one rule, see
  `anchor_blocks`. `read_blocks` runs the same step on a body without
  rendering it, so the analysis of a hand-written briefing reads the very
  blocks, and ids, the page will have.
- `BriefingMarks` (priority 6, after inline processing and attribute lists,
  before the table of contents): marks each glossary term's first use in the
  body (never inside `code`, `pre`, `a` or headings), adds "cited in ¶n"
  links to references and links their bare `<host/path>` addresses, puts a
  "copy link to paragraph" button into each `p-N` block (in the HTML, so no
  script builds them on load; `briefings.js` only answers their clicks), and
  renames article heading ids that clash with the page's own sections
  (`ReleaseReservedIds`, priority 4, undoes the reservation after the TOC).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

import markdown
from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListTreeprocessor
from markdown.extensions.tables import TableProcessor
from markdown.inlinepatterns import LinkInlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import STX, ETX

_PARA_ID = re.compile(r"^p-(\d+)$")
_REF_ID = re.compile(r"^ref-(\d+)$")
_PLACEHOLDER = re.compile(f"{STX}wzxhzdk:(\\d+){ETX}")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_CONTAINERS = ("div", "blockquote", "details", "section", "article", "aside")
_NOT_PROSE = ("pre", "hr", "script", "style", "summary")
_NO_MARKS = ("code", "pre", "a", "kbd", "samp", "script", "style", "abbr", "button", "summary", *_HEADINGS)
REFERENCE_HEADINGS = re.compile(r"(?i)^(?:\d+[.)]?\s*)?(references|bibliography|sources|notes|endnotes|works cited|literature)$")
# "<vc.ru/social/182436-…>" as reference lists write addresses.
_BARE_ADDRESS = re.compile(r"^((?:https?://)?(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?:/[^\s<>]*?)?)$")


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a briefing body as Python-Markdown parsed it: a heading, a paragraph or a reference."""

    kind: str  # "heading" | "text" | "list" | "quote" | "table" | "reference"
    id: str | None  # the anchor (a heading's only when the author gave one)
    raw: str  # the block's source text as the parser holds it (Markdown inline syntax not yet converted)
    level: int = 0  # a heading's level
    element: etree.Element | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class PageMarks:
    """What one briefing page adds to its body: glossary tooltips, "cited in" links, its own section ids."""

    tooltips: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # term -> (href, title)
    cited_in: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # reference id -> ((anchor, label), ...)
    own_ids: frozenset[str] = frozenset()  # ids the page's own parts use ("summary", "full-text", ...)


def anchor_blocks(root: etree.Element, md: markdown.Markdown) -> list[Block]:
    """Give every body block an id, and return the blocks and headings in reading order.

    The rule: a paragraph, list, table, quote paragraph or `div` with an id is a block
    (a list, table or anchored `div` is one block as a whole; other `div`s, quotes and
    `details` are looked into). A block keeps the id its author gave it; each other
    block gets the next `p-N` no element of the body uses, in reading order; under a
    "References" (or "Notes", "Bibliography"…) heading, the next free `ref-N`.
    A paragraph that is only raw HTML (a comment, an HTML block) is not a block.
    """
    AttrListTreeprocessor(md).run(root)  # `{: #p-3 }` becomes the id now, so the rule sees the ids authors gave
    found: list[tuple[str, etree.Element, int, bool]] = []  # (kind, element, heading level, under a references heading)
    _collect(root, md, found, in_quote=False, in_references=[False])
    used = {el.get("id") for el in root.iter() if el.get("id")}
    counters = {"p": _numbers(used, _PARA_ID), "ref": _numbers(used, _REF_ID)}
    blocks: list[Block] = []
    for kind, el, level, in_references in found:
        if kind == "heading":
            blocks.append(Block("heading", el.get("id"), _raw_text(el), level, el))
            continue
        anchor = el.get("id")
        if anchor is None:
            prefix = "ref" if in_references else "p"
            anchor = f"{prefix}-{next(counters[prefix])}"
            el.set("id", anchor)
        if anchor.startswith("ref-"):
            kind = "reference"
        blocks.append(Block(kind, anchor, _raw_text(el), 0, el))
    return blocks


def _numbers(used: set[str | None], pattern: re.Pattern[str]) -> Iterator[int]:
    """1, 2, 3… skipping the numbers `used` already has (ids like p-4)."""
    taken = {int(m.group(1)) for u in used if u for m in [pattern.match(u)] if m}
    n = 0
    while True:
        n += 1
        if n not in taken:
            yield n


def _collect(container: etree.Element, md: markdown.Markdown, found: list, *, in_quote: bool, in_references: list[bool]) -> None:
    for el in container:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _HEADINGS:
            in_references[0] = bool(REFERENCE_HEADINGS.match(_plain(_raw_text(el)).strip()))
            found.append(("heading", el, int(tag[1]), False))
        elif tag in _NOT_PROSE or not tag:
            continue
        elif tag == "p":
            if "admonition-title" in (el.get("class") or "").split() or _only_raw_html(el):
                continue
            found.append(("quote" if in_quote else "text", el, 0, in_references[0]))
        elif tag in ("ul", "ol"):
            _list_attrs_to_list(el)
            found.append(("list", el, 0, in_references[0]))
        elif tag in ("table", "dl"):
            found.append(("table" if tag == "table" else "list", el, 0, in_references[0]))
        elif tag in _CONTAINERS and el.get("id") is None:
            _collect(el, md, found, in_quote=in_quote or tag == "blockquote", in_references=in_references)
        else:  # a div with an id (a generated list), or another element: one block as a whole
            kind = "list" if el.find(".//li") is not None else ("quote" if in_quote else "text")
            if _raw_text(el).strip():
                found.append((kind, el, 0, in_references[0]))


def _list_attrs_to_list(el: etree.Element) -> None:
    """`{: #p-9 }` on the line after a list names the list, not its last item (as an anchor after a paragraph names it)."""
    last = el[-1] if len(el) else None
    if last is None or last.get("id") is None or el.get("id") is not None or len(last):
        return
    el.set("id", last.attrib.pop("id"))


def _only_raw_html(el: etree.Element) -> bool:
    text = (el.text or "").strip()
    return len(el) == 0 and bool(_PLACEHOLDER.fullmatch(text))


def _raw_text(el: etree.Element) -> str:
    """The element's text as the block parser holds it, placeholders of raw HTML left out."""
    return _PLACEHOLDER.sub(" ", " ".join(t.strip() for t in el.itertext() if t.strip()))


def _plain(text: str) -> str:
    return re.sub(r"[*_`#]", "", text)


class BlockAnchors(Treeprocessor):
    """Before inline processing: ids on every block (see `anchor_blocks`); the blocks are kept for `BriefingMarks`."""

    def __init__(self, md: markdown.Markdown, marks: Callable[[], PageMarks | None]):
        super().__init__(md)
        self.marks = marks
        self.blocks: list[Block] = []

    def run(self, root: etree.Element) -> None:
        self.blocks = anchor_blocks(root, self.md) if self.marks() is not None else []


class BriefingMarks(Treeprocessor):
    """After inline processing: glossary marks, "cited in" links, linked bare addresses, reserved section ids."""

    def __init__(self, md: markdown.Markdown, marks: Callable[[], PageMarks | None], anchors: BlockAnchors):
        super().__init__(md)
        self.marks = marks
        self.anchors = anchors

    def run(self, root: etree.Element) -> None:
        marks = self.marks()
        if marks is None:
            return
        blocks = self.anchors.blocks
        _mark_terms([b.element for b in blocks if b.kind not in ("heading", "reference") and b.element is not None], marks.tooltips)
        for block in blocks:
            if block.kind == "reference" and block.element is not None:
                _link_bare_addresses(block.element, self.md)
                links = marks.cited_in.get(block.id or "")
                if links:
                    _add_cited_in(block.element, links)
            elif block.element is not None and block.id and _PARA_ID.match(block.id):
                _add_paragraph_button(block.element, block.id)
        _reserve_own_ids(root, marks.own_ids)


class ReleaseReservedIds(Treeprocessor):
    """After the table of contents: take out the placeholders that kept the page's own ids from article headings."""

    def run(self, root: etree.Element) -> None:
        for el in list(root):
            if el.get("class") == _RESERVED:
                root.remove(el)


_RESERVED = "bf-reserved-ids"


def _reserve_own_ids(root: etree.Element, own_ids: frozenset[str]) -> None:
    """Headings keep clear of the page's own ids: an explicit clash is renamed (`summary` -> `summary_1`), and
    placeholders holding the own ids make the TOC extension number the ids it derives past them."""
    if not own_ids:
        return
    used = {el.get("id") for el in root.iter() if el.get("id")}
    for el in root.iter():
        if el.tag in _HEADINGS and el.get("id") in own_ids:
            n, base = 1, el.get("id")
            while f"{base}_{n}" in used:
                n += 1
            el.set("id", f"{base}_{n}")
            used.add(el.get("id"))
    holder = etree.SubElement(root, "div", {"class": _RESERVED})
    for own in sorted(own_ids):
        etree.SubElement(holder, "span", {"id": own})


def _mark_terms(elements: list, tooltips: Mapping[str, tuple[str, str]]) -> None:
    """Wrap the first use of each term (in reading order) in a link to its glossary entry, its definition in `data-bf-def`.

    Not a `title`: Material mounts a tooltip component for every titled element on load (a long task on a page
    with many terms); briefings.js shows the definition on hover, focus or a first tap, as it previews paragraphs."""
    if not tooltips:
        return
    pending = dict(tooltips)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(t) for t in sorted(pending, key=len, reverse=True)) + r")(?![\w-])")
    for el in elements:
        if not pending:
            return
        _mark_in(el, pattern, pending)


def _mark_in(el: etree.Element, pattern: re.Pattern[str], pending: dict[str, tuple[str, str]]) -> None:
    if el.text:
        _put(el, None, *_split(el.text, pattern, pending))
    for child in list(el):
        if child.tag not in _NO_MARKS and pending:
            _mark_in(child, pattern, pending)
        if child.tail and pending:
            _put(el, child, *_split(child.tail, pattern, pending))


def _split(text: str, pattern: re.Pattern[str], pending: dict[str, tuple[str, str]]) -> tuple[str, list[etree.Element]]:
    """`text` up to the first pending term, then a link element per term found (each carrying the text after it as tail)."""
    made: list[etree.Element] = []
    head: str | None = None
    pos = 0
    for m in pattern.finditer(text):
        term = m.group(1)
        if term not in pending:
            continue
        href, title = pending.pop(term)
        a = etree.Element("a", {"class": "bf-term", "href": href, "data-bf-def": title})
        a.text = term
        if made:
            made[-1].tail = text[pos:m.start()]
        else:
            head = text[:m.start()]
        made.append(a)
        pos = m.end()
    if not made:
        return text, []
    made[-1].tail = text[pos:]
    return head or "", made


def _link_bare_addresses(el: etree.Element, md: markdown.Markdown) -> None:
    """`&lt;vc.ru/path&gt;` (an address without a scheme between escaped angle brackets) becomes an https link."""
    stash = md.htmlStash.rawHtmlBlocks

    def stashed(index: str) -> str:
        i = int(index)
        return str(stash[i]) if i < len(stash) else ""

    def linked(text: str) -> tuple[str, list[etree.Element]]:
        parts = _PLACEHOLDER.split(text)  # text, stash index, text, stash index, ..., text
        pieces: list[str | etree.Element] = [parts[0]]
        i = 1
        while i < len(parts):
            if (i + 2 < len(parts) and stashed(parts[i]) == "&lt;" and stashed(parts[i + 2]) == "&gt;"
                    and _BARE_ADDRESS.match(parts[i + 1])):
                address = parts[i + 1]
                href = address if address.lower().startswith(("http://", "https://")) else "https://" + address
                a = etree.Element("a", {"href": href, "rel": "noopener"})
                a.text = address
                pieces += ["<", a, ">" + parts[i + 3]]
                i += 4
            else:
                pieces += [f"{STX}wzxhzdk:{parts[i]}{ETX}", parts[i + 1]]
                i += 2
        return _as_nodes(pieces)

    for parent, child in list(_text_slots(el)):
        text = parent.text if child is None else child.tail
        if not text or STX not in text:
            continue
        head, made = linked(text)
        _put(parent, child, head, made)


def _as_nodes(pieces: list) -> tuple[str, list[etree.Element]]:
    """Strings and elements in order as ElementTree holds them: the text before the first element, each later string in a tail."""
    head: list[str] = []
    made: list[etree.Element] = []
    for piece in pieces:
        if isinstance(piece, str):
            if made:
                made[-1].tail = (made[-1].tail or "") + piece
            else:
                head.append(piece)
        else:
            made.append(piece)
    return "".join(head), made


def _put(parent: etree.Element, child: etree.Element | None, head: str, made: list[etree.Element]) -> None:
    """Replace a text slot (the parent's text when `child` is None, else the child's tail) by `head` and the elements after it."""
    if not made:
        return
    if child is None:
        parent.text = head
        at = 0
    else:
        child.tail = head
        at = list(parent).index(child) + 1
    for i, a in enumerate(made):
        parent.insert(at + i, a)


def _text_slots(el: etree.Element) -> Iterator[tuple[etree.Element, etree.Element | None]]:
    """(parent, None) for an element's own text and (parent, child) for each child's tail, not looking inside links or code."""
    yield el, None
    for child in list(el):
        if child.tag not in ("a", "code"):
            yield from _text_slots(child)
        yield el, child


def _add_paragraph_button(block: etree.Element, anchor: str) -> None:
    """The "¶" button that copies a link to `anchor`, first in the block (in a list's first item or term, a table's first
    cell: a button may not sit directly in a list or a table). Out of the search index."""
    inner = {"ul": ".//li", "ol": ".//li", "dl": ".//dt", "table": ".//tr/*"}.get(str(block.tag))
    holder = block if inner is None else block.find(inner)
    if holder is None:
        return
    number = anchor.removeprefix("p-")
    # No `type` (there is no form to submit) and no `title` or tip attribute: the hint on hover is the label (briefings.css);
    # 78 buttons on a long article, so every byte counts before the first paint.
    button = etree.Element("button", {"class": "bf-para-link", "aria-label": f"Copy link to paragraph {number}", "data-pagefind-ignore": ""})
    button.text = "¶"
    button.tail = holder.text
    holder.text = None
    holder.insert(0, button)


def _add_cited_in(el: etree.Element, links: tuple[tuple[str, str], ...]) -> None:
    """" cited in ¶3, ¶7" after a reference, each a link to the citing paragraph."""
    if len(el):
        el[-1].tail = (el[-1].tail or "") + " "
    else:
        el.text = (el.text or "") + " "
    span = etree.SubElement(el, "span", {"class": "bf-cited", "data-pagefind-ignore": ""})
    span.text = "cited in "
    for i, (anchor, label) in enumerate(links):
        a = etree.SubElement(span, "a", {"href": f"#{anchor}"})
        a.text = label
        if i < len(links) - 1:
            a.tail = ", "


_SEPARATOR_ROW = frozenset("|:- ")


class QuickTableTest(TableProcessor):
    """Python-Markdown's table processor, refusing at once a block whose second line is no separator row (`|---|:-:|`).

    MkDocs always loads `tables`, whose test splits the first line of every block of two lines or more into
    cells, character by character: every paragraph of a briefing, whose `{: #p-n }` line makes it two. A table's
    second line holds only `|`, `:`, `-` and spaces (its cells, joined, must), so a block whose second line holds
    anything else is no table, as the full test would find; the rest goes to the full test.
    """

    def test(self, parent: etree.Element, block: str) -> bool:
        lines = block.split("\n", 2)
        if len(lines) < 2 or not _SEPARATOR_ROW.issuperset(lines[1].strip(" ")):
            return False
        return super().test(parent, block)


def quicken_table_test(md: markdown.Markdown) -> None:
    """Put `QuickTableTest` in the place of the `tables` extension's own processor, with its options (if it is loaded)."""
    processors = md.parser.blockprocessors
    if "table" in processors and type(processors["table"]) is TableProcessor:
        priority = next(item.priority for item in processors._priority if item.name == "table")
        processors.register(QuickTableTest(md.parser, processors["table"].config), "table", priority)


_BRACKET = re.compile(r"[\[\]]")


class BracketEnds(dict):
    """Where each `[` of a text closes: index just past the `[` -> index just past its `]` (None if it never closes).

    Python-Markdown's link processors find this for every index of a text at once, stepping through it a
    character at a time in Python (`LinkInlineProcessor._findBracketEnds`), and each of the six link and image
    processors does it again for the same text: the largest single cost of converting a briefing, whose
    paragraphs carry citation and note links. A link's text starts just past a `[`, and there the answer is
    the `]` that matches it, so this steps from bracket to bracket only; any other index is answered by
    Python-Markdown's own function.
    """

    def __init__(self, data: str):
        super().__init__()
        self.data = data
        self.full: list[int | None] | None = None
        opened: list[int] = []
        for m in _BRACKET.finditer(data):
            if m.group() == "[":
                opened.append(m.end())
            elif opened:
                self[opened.pop()] = m.end()
        self.update(dict.fromkeys(opened))

    def __missing__(self, index: int) -> int | None:
        if self.full is None:
            self.full = LinkInlineProcessor._findBracketEnds(self.data)
        return self.full[index]


def quicken_bracket_matching(md: markdown.Markdown) -> None:
    """Give the link and image processors `BracketEnds` in place of their character-by-character scan."""
    if not callable(getattr(LinkInlineProcessor, "_findBracketEnds", None)):  # a Python-Markdown that scans otherwise
        return
    for processor in md.inlinePatterns:
        if isinstance(processor, LinkInlineProcessor) and type(processor)._findBracketEnds is LinkInlineProcessor._findBracketEnds:
            processor._findBracketEnds = BracketEnds  # type: ignore[method-assign]


class BriefingsExtension(Extension):
    """Registers the tree processors; `marks` says, per conversion, what the page being converted adds (None: not a briefing)."""

    def __init__(self, marks: Callable[[], PageMarks | None], **kwargs: object):
        self.marks = marks
        super().__init__(**kwargs)

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        quicken_table_test(md)
        quicken_bracket_matching(md)
        anchors = BlockAnchors(md, self.marks)
        md.treeprocessors.register(anchors, "briefings_anchors", 25)
        md.treeprocessors.register(BriefingMarks(md, self.marks, anchors), "briefings_marks", 6)
        md.treeprocessors.register(ReleaseReservedIds(md), "briefings_release_ids", 4)


class BlockReader:
    """Read a body's blocks without rendering it: the same parser, extensions and anchor rule as the page."""

    def __init__(self, extensions: list | tuple = (), configs: Mapping[str, Mapping] | None = None):
        self.md = markdown.Markdown(extensions=list(extensions), extension_configs=dict(configs or {}))
        quicken_table_test(self.md)
        # What the blocks depend on besides the text: the extensions, their options and the Markdown version.
        self.fingerprint = json.dumps([markdown.__version__, [str(e) for e in extensions], configs or {}], sort_keys=True, default=str)

    def read(self, text: str) -> list[Block]:
        """Headings and blocks of `text` in reading order, each block with the id the page gives it."""
        md = self.md
        md.reset()
        lines = text.split("\n")
        for prep in md.preprocessors:
            lines = prep.run(lines)
        root = md.parser.parseDocument(lines).getroot()
        blocks = anchor_blocks(root, md)
        md.reset()
        return blocks


DEFAULT_EXTENSIONS = ("attr_list", "md_in_html", "admonition", "tables", "toc", "pymdownx.superfences")


def read_blocks(text: str, reader: BlockReader | None = None) -> list[Block]:
    """`BlockReader.read` with the default extensions when no reader is given."""
    return (reader or BlockReader(DEFAULT_EXTENSIONS)).read(text)
