"""Markdown articles (Jekyll, Hugo, pandoc, static-site archives) -> Article.

Front matter (YAML between `---` lines, or TOML between `+++` lines) is
metadata, never body text. The body is parsed as Markdown with markdown-it-py
(CommonMark, tables, footnotes `[^n]` and pandoc's inline `^[…]`), then
written out as the plain text the text parser reads: headings as `#` lines,
paragraphs unwrapped, lists and quotes kept, link and image syntax gone
(the link text stays), note marks as `[n]` and the notes themselves as a
numbered "Notes" list at the end, so they become references that the marks
link to. Liquid/Jinja tags (`{% … %}`), an archiver's "Information:" block of
labelled lines and other scaffolding become metadata or info diagnostics.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import yaml

from .. import safe_yaml
from ..errors import InputError
from ..model import Article, Diagnostic, Link
from ..decoding import repair_note
from .metadata import SourceMetadata, genre, iso_date, overlay, plain

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\n(.*?\n)?\1[ \t]*(?:\n|\Z)", re.S)
_LIQUID_BLOCK = re.compile(r"\{%-?\s*(quote|blockquote)\b[^%]*%\}(.*?)\{%-?\s*end\1\s*-?%\}", re.S)
_LIQUID = re.compile(r"\{%-?.*?-?%\}|\{\{.*?\}\}", re.S)
_LABEL_ITEM = re.compile(
    r"^(?P<label>source|link|url|date|published|created|updated|author|authors|by|byline|publisher|outlet|site|tags?|keywords|category|type)"
    r"\s*:\s*(?P<value>.*)$",
    re.I,
)
_SCAFFOLD_HEADING = re.compile(r"^(?:information|metadata|details|article|content|text|body|full text)\s*:?\s*$", re.I)
_PLACEHOLDER = re.compile(r"^(?:unknown|n/?a|none|null|-)$", re.I)
#: Obsidian's and other note apps' links: [[target]], [[target#heading]], [[target|words]]; `!` before them embeds.
_WIKILINK = re.compile(r"(?P<embed>!)?\[\[(?P<target>[^\[\]|#\n]+)(?:#[^\[\]|\n]*)?(?:\|(?P<label>[^\[\]\n]+))?\]\]")
#: A callout's marker, "[!note]" or "[!summary]-" (folded), and its first line with the title: > [!note] Title.
_CALLOUT_MARK = re.compile(r"^\[!(?P<kind>[A-Za-z-]+)\][+-]?")
_CALLOUT = re.compile(_CALLOUT_MARK.pattern + r"[ \t]*(?P<title>[^\n]*)")
_ABSTRACT_CALLOUTS = frozenset({"abstract", "summary", "tldr"})
_SUP_MARK = re.compile(r"<sup[^>]*>\s*(?:<a[^>]*>)?\s*\[?(\d{1,3})\]?\s*(?:</a>)?\s*</sup>", re.I)
_TAG = re.compile(r"<[^>]{0,500}>")
_NOTE_HREF = re.compile(r"^#_?(?:fn|footnote|note|endnote|ftn|en|cite_note)[-:_]?\w*\d", re.I)
#: Run-in heading marks: \x01 … \x02 around underlined or bold text that opens a paragraph.
_MARKS = re.compile("[\x01\x02]")
_RUN_IN = re.compile("^(?:\\s*\x01[^\x01\x02]{1,160}\x02)+")


#: A Pandoc title block: up to three `%` lines (title; authors separated by ";"; date), each continued on indented lines.
_PANDOC_TITLE_BLOCK = re.compile(r"\A(?:%[^\n]*\n(?:[ \t]+\S[^\n]*\n)*){1,3}")
#: A MultiMarkdown metadata line ("Title: …", "Author: …"); its value may go on over indented lines.
_MMD_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9 _-]{0,30}?)[ \t]*:[ \t]*(?P<value>.*)$")
_MMD_KEYS = frozenset({
    "title", "subtitle", "author", "authors", "affiliation", "date", "published", "keywords", "tags", "abstract",
    "summary", "description", "doi", "url", "source", "publisher", "category", "categories", "type", "language", "copyright",
})


def split_front_matter(text: str, source: str) -> tuple[dict[str, Any], str, int]:
    """(metadata, body, the body's first line number); InputError naming the line when the YAML is invalid.

    Besides YAML (`---`) and TOML (`+++`) front matter, a file may open with a Pandoc title block or a
    MultiMarkdown metadata block (see `metadata_block`)."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return metadata_block(text)
    raw = m.group(2) or ""
    body_line = text[: m.end()].count("\n") + 1
    if m.group(1) == "+++":
        import tomllib

        try:
            data: Any = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(source, f"the TOML front matter is invalid: {exc}", "fix the front matter between the +++ lines", line=2) from exc
    else:
        try:
            data = safe_yaml.load(raw)  # aliases capped: a seed's front matter cannot be a "billion laughs"
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 2
            problem = getattr(exc, "problem", None) or "not valid YAML"
            raise InputError(source, f"the front matter is not valid YAML: {problem}", "fix the front matter between the --- lines", line=line) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(source, "the front matter is not a mapping of keys to values", "write it as 'key: value' lines", line=2)
    return data, text[m.end():], body_line


def metadata_block(text: str) -> tuple[dict[str, Any], str, int]:
    """(metadata, body, the body's first line) of a file that opens with a Pandoc title block or a MultiMarkdown
    metadata block; ({}, text, 1) for any other.

    A MultiMarkdown block is every line up to the first blank one, each `Key: value` (or indented, going on with
    the value before it), and its first key one that metadata uses (title, author, date…): a paragraph that opens
    with "Note: …" is text, not metadata."""
    pandoc = _PANDOC_TITLE_BLOCK.match(text)
    if pandoc:
        fields = [" ".join(part.strip() for part in chunk.split("\n")) for chunk in re.split(r"(?m)^%", pandoc.group(0))[1:]]
        data = {key: value.strip() for key, value in zip(("title", "author", "date"), fields) if value.strip()}
        if "author" in data:
            data["author"] = [name.strip() for name in data["author"].split(";") if name.strip()]
        return data, text[pandoc.end():], pandoc.group(0).count("\n") + 1
    head, blank, _ = text.partition("\n\n")
    lines = head.split("\n")
    first = _MMD_LINE.match(lines[0].lstrip("\ufeff"))
    if not first or first.group("key").strip().lower() not in _MMD_KEYS:
        return {}, text, 1
    data: dict[str, Any] = {}
    key = ""
    for line in lines:
        item = _MMD_LINE.match(line.lstrip("\ufeff")) if not line[:1].isspace() else None
        if item:
            key = item.group("key").strip().lower()
            data[key] = item.group("value").strip()
        elif line[:1].isspace() and key and line.strip():
            data[key] = f"{data[key]} {line.strip()}".strip()
        else:
            return {}, text, 1
    return data, text[len(head) + len(blank):], len(lines) + 2


def front_matter_metadata(data: dict[str, Any]) -> SourceMetadata:
    """The metadata fields a static-site front matter gives, under any of their usual names."""
    keys = {str(k).lower(): v for k, v in data.items()}

    def first(*names: str) -> Any:
        for name in names:
            if keys.get(name) not in (None, "", []):
                return keys[name]
        return None

    authors = first("authors", "author", "creator", "creators", "byline")
    return SourceMetadata(
        title=plain(first("title", "headline")),
        subtitle=plain(first("subtitle")),
        authors=_names(authors),
        date=iso_date(first("date", "published", "published_time", "publishdate", "pubdate", "created", "issued")),
        abstract=plain(first("abstract", "description", "summary", "excerpt", "dek", "standfirst")),
        url=plain(first("canonical_url", "canonical", "source_url", "original_url", "url", "link", "permalink"))
        if _is_url(first("canonical_url", "canonical", "source_url", "original_url", "url", "link", "permalink"))
        else None,
        publisher=plain(first("publisher", "source", "site", "outlet", "publication")),
        keywords=tuple(x for x in (plain(k) for k in _as_list(first("keywords", "tags"))) if x),
        kind=genre(first("type", "genre", "kind"), first("categories", "category"), first("tags")),
        doi=plain(first("doi")),
    )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, str) and "," in value:
        return [v for v in value.split(",")]
    return [value]


def _names(value: Any) -> tuple[str, ...]:
    names = []
    for item in _as_list(value) if not isinstance(value, str) else re.split(r"\s*(?:,|;|\band\b|&)\s*", value):
        if isinstance(item, dict):
            item = item.get("name") or item.get("display_name")
        name = plain(item)
        if name:
            names.append(re.sub(r"^by\s+", "", name, flags=re.I))
    return tuple(names)


def _is_url(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


def read_markdown(text: str, source: str, *, repaired: int = 0) -> Article:
    """Parse a Markdown article with optional front matter into an Article (`repaired`: mojibake
    sequences the decoder repaired, said in a diagnostic)."""
    from ..seeds import parse_seed

    data, body, body_line = split_front_matter(text, source)
    meta = front_matter_metadata(data)
    diagnostics: list[Diagnostic] = [repair_note(repaired)] if repaired else []
    plain_text, labelled, links = markdown_to_text(body, diagnostics)
    meta = _merge(meta, labelled)
    if not meta.abstract and labelled.get("dek"):
        meta = replace(meta, abstract=labelled["dek"])
    if meta.title and not _starts_with_title(plain_text, meta.title):
        plain_text = f"# {meta.title}\n\n{plain_text}"
    if not plain_text.strip():
        raise InputError(source, "the Markdown file has no body text", "write the article below the front matter", line=body_line)
    article = parse_seed(plain_text, source, marked_headings_only=True)
    if data:
        diagnostics.append(Diagnostic(1, "info", f"front matter read as metadata ({', '.join(sorted(map(str, data)))})"))
    article = replace(article, diagnostics=(*article.diagnostics, *diagnostics))
    return overlay(place_links(article, links), meta)


def place_links(article: Article, links: list[tuple[str, str]]) -> Article:
    """The article with each link found again on its words, paragraph by paragraph in reading order
    (one pass: a link whose words the parser moved elsewhere, into a heading or a note, is not placed)."""
    placed: list[Link] = []
    paragraphs = article.paragraphs()
    p, offset = 0, 0
    for label, url in links:
        for q in range(p, min(p + 3, len(paragraphs))):
            start = paragraphs[q].text.find(label, offset if q == p else 0)
            if start >= 0:
                placed.append(Link(paragraphs[q].id, start, start + len(label), url))
                p, offset = q, start + len(label)
                break
    return replace(article, links=tuple(placed))


def _starts_with_title(text: str, title: str) -> bool:
    first = next((line for line in text.splitlines() if line.strip()), "")
    return re.sub(r"\W+", "", first).lower() == re.sub(r"\W+", "", title).lower()


def _merge(meta: SourceMetadata, labelled: dict[str, str]) -> SourceMetadata:
    """Front matter wins; labelled lines from the body fill what it lacks."""
    changes: dict[str, Any] = {}
    if not meta.authors and labelled.get("author"):
        changes["authors"] = _names(labelled["author"])
    if not meta.date and labelled.get("date"):
        changes["date"] = iso_date(labelled["date"])
    if not meta.publisher and labelled.get("source"):
        changes["publisher"] = labelled["source"]
    if not meta.url and labelled.get("url"):
        changes["url"] = labelled["url"]
    if not meta.keywords and labelled.get("tags"):
        changes["keywords"] = tuple(k for k in (plain(x) for x in re.split(r"\s*[,;]\s*", labelled["tags"])) if k)
    return replace(meta, **changes)


def markdown_to_text(body: str, diagnostics: list[Diagnostic]) -> tuple[str, dict[str, str], list[tuple[str, str]]]:
    """The body as the text parser's plain text, the values of labelled metadata lines found in it, and
    its links as (text, URL) in reading order."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    body = _LIQUID_BLOCK.sub(lambda m: "\n\n" + "\n".join("> " + line for line in m.group(2).strip().splitlines()) + "\n\n", body)
    liquid = len(_LIQUID.findall(body))
    if liquid:
        body = _LIQUID.sub("", body)
        diagnostics.append(Diagnostic(None, "info", f"{liquid} template tags ({{% … %}}) left out: they are site markup, not text"))
    md = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough").use(footnote_plugin)
    md.disable("footnote_tail")  # the tail drops definitions that no mark uses: we keep every note where it is read
    env: dict[str, Any] = {}
    tokens = md.parse(body, env)
    inline_notes = {i: n.get("content", "") for i, n in env.get("footnotes", {}).get("list", {}).items() if "content" in n}
    writer = _TextWriter(diagnostics, inline_notes)
    text, labelled = writer.write(tokens)
    return text, labelled, writer.links


class _TextWriter:
    """Walks markdown-it tokens once and writes the plain-text shape the text parser reads."""

    def __init__(self, diagnostics: list[Diagnostic], inline_notes: dict[int, str] | None = None) -> None:
        self.diagnostics = diagnostics
        self.inline_notes = inline_notes or {}
        self.blocks: list[str] = []
        self.labelled: dict[str, str] = {}
        self.note_numbers: dict[str, int] = {}
        self.notes: dict[int, list[str]] = {}
        self.images = 0
        self.dek: str | None = None
        self.span_stack: list[bool] = []  # for each open <span>: does it underline (a run-in heading's mark)?
        self.hrefs: list[str] = []  # the link targets of the inline text written last
        self.links: list[tuple[str, str]] = []  # (link text, URL) of the body, in reading order
        self.list_links: list[list[str]] = []  # per item of the list being written

    def write(self, tokens: list[Any]) -> tuple[str, dict[str, str]]:
        i = 0
        quote_depth = 0
        list_stack: list[list[Any]] = []  # [ordered, counter]
        in_note: int | None = None
        item_parts: list[str] | None = None
        pending_item: list[str] = []
        while i < len(tokens):
            t = tokens[i]
            kind = t.type
            if kind == "footnote_block_open" or kind == "footnote_block_close":
                pass
            elif kind in ("footnote_open", "footnote_reference_open"):
                in_note = self._note_number(t.meta.get("label"), t.meta.get("id"))
                self.notes.setdefault(in_note, [])
            elif kind in ("footnote_close", "footnote_reference_close"):
                in_note = None
            elif kind == "footnote_anchor":
                pass
            elif kind == "blockquote_open":
                quote_depth += 1
            elif kind == "blockquote_close":
                quote_depth -= 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                list_stack.append([kind == "ordered_list_open", int(t.attrGet("start") or 1)])
                if len(list_stack) == 1 and in_note is None:
                    item_parts = []
                    self.list_links = []
            elif kind in ("bullet_list_close", "ordered_list_close"):
                list_stack.pop()
                if not list_stack and item_parts is not None and in_note is None:
                    self._emit_list(item_parts, quote_depth)
                    item_parts = None
            elif kind == "list_item_open":
                pending_item = []
                if len(list_stack) == 1:
                    self.list_links.append([])
            elif kind == "list_item_close":
                if list_stack and item_parts is not None:
                    ordered, counter = list_stack[-1]
                    marker = f"{counter}." if ordered else "-"
                    list_stack[-1][1] += 1
                    indent = "  " * (len(list_stack) - 1)
                    item_parts.append(f"{indent}{marker} {' '.join(pending_item).strip()}")
                pending_item = []
            elif kind == "heading_open":
                text = self._inline(tokens[i + 1])
                level = int(t.tag[1])
                i += 2
                if text and self._is_dek(level, text):
                    self.dek = text
                    self.diagnostics.append(Diagnostic(None, "info", "a sentence-like heading right under the title was read as its standfirst"))
                elif text:
                    self.blocks.append(f"{'#' * level} {text}")
            elif kind == "inline":
                text = self._inline(t)
                if in_note is not None:
                    self.notes[in_note].append(text)
                elif list_stack:
                    pending_item.append(text)
                    if self.list_links:
                        self.list_links[-1].extend(self.hrefs)
                elif text and quote_depth and tokens[i - 2].type == "blockquote_open" and _CALLOUT.match(t.content):
                    self._emit_callout(t.content, text, quote_depth)
                elif text and not quote_depth and self._property_lines(t.content):
                    self._emit_list(t.content.split("\n"), quote_depth)
                elif text:
                    self._emit_paragraph(text, quote_depth)
            elif kind in ("fence", "code_block"):
                code = t.content.rstrip("\n")
                if code.strip():
                    self.blocks.append(("> " if quote_depth else "") + re.sub(r"\s*\n\s*", " ", code.strip()))
            elif kind == "html_block":
                self._html_block(t.content, quote_depth)
            elif kind == "table_open":
                i = self._table(tokens, i)
            i += 1
        self._finish()
        if self.dek:
            self.labelled["dek"] = self.dek
        return "\n\n".join(self.blocks) + "\n", self.labelled

    def _html_block(self, html: str, quote_depth: int) -> None:
        """Raw HTML between the Markdown (a post exported from a CMS is often all HTML): its headings, paragraphs,
        quotes, list items and footnotes, block by block; one paragraph when it holds no block elements."""
        blocks = html_blocks(html)
        if blocks is None:
            text = _html_text(html)
            if text:
                self._emit_paragraph(text, quote_depth)
            return
        for kind, text in blocks:
            if kind.startswith("h"):
                self.blocks.append(f"{'#' * max(2, int(kind[1]))} {text}")
            elif kind.startswith("note:"):
                self.notes.setdefault(int(kind[5:]), [text])
            elif kind == "item":
                self._emit_list([f"- {text}"], quote_depth)
            else:
                self._emit_paragraph(text, quote_depth + (kind == "quote"))

    def _inline_html(self, html: str) -> str:
        """Inline HTML: <sup> kept for note marks, underline and bold as run-in heading marks, the rest dropped."""
        lowered = html.lower()
        if lowered.startswith("<sup"):
            return "<sup>"
        if lowered.startswith("</sup"):
            return "</sup>"
        if lowered.startswith("<span"):
            underline = "underline" in lowered
            self.span_stack.append(underline)
            return "\x01" if underline else ""
        if lowered.startswith("</span"):
            return "\x02" if self.span_stack and self.span_stack.pop() else ""
        if re.match(r"<(?:u|b|strong)\b", lowered):
            return "\x01"
        if re.match(r"</(?:u|b|strong)\b", lowered):
            return "\x02"
        return " " if lowered.startswith("<br") else ""

    def _note_number(self, label: Any, ident: Any) -> int:
        key = str(label) if label is not None else f"inline-{ident}"
        if key not in self.note_numbers:
            number = int(key) if key.isdigit() and int(key) not in self.note_numbers.values() else len(self.note_numbers) + 1
            while number in self.note_numbers.values():
                number += 1
            self.note_numbers[key] = number
        return self.note_numbers[key]

    def _after_title(self) -> bool:
        """Whether only the title has been written so far, and no standfirst read."""
        return len(self.blocks) == 1 and self.blocks[0].startswith("# ") and self.dek is None

    def _is_dek(self, level: int, text: str) -> bool:
        """A long or sentence-like heading straight after the title is a standfirst, not a section."""
        return self._after_title() and level >= 2 and (len(text.split()) > 12 or text.rstrip().endswith((".", "!")))

    def _emit_paragraph(self, text: str, quote_depth: int) -> None:
        run_in = _RUN_IN.match(text)
        if run_in and not quote_depth:
            heading = re.sub(r"\s+", " ", _MARKS.sub(" ", run_in.group(0))).strip()
            rest = text[run_in.end():].strip()
            if rest and len(heading.split()) <= 14 and heading.endswith((".", ":")):
                self.blocks.append(f"### {heading}")
                text = rest
        text = re.sub(r"\s+", " ", _MARKS.sub("", text)).strip()
        if not text:
            return
        if _PLACEHOLDER.match(text) and self.blocks and self.blocks[-1].startswith("#") and _SCAFFOLD_HEADING.match(self.blocks[-1].lstrip("# ")):
            heading = self.blocks.pop().lstrip("# ")
            self.diagnostics.append(Diagnostic(None, "info", f"archive heading '{heading}' and its placeholder line '{text}' left out"))
            return
        self.blocks.append(("> " if quote_depth else "") + text)

    def _emit_callout(self, source: str, text: str, quote_depth: int) -> None:
        """A callout (`> [!note] Title`): its marker goes, its title stays a line of its own. An abstract, summary or
        TL;DR callout right under the title is the article's standfirst."""
        m = _CALLOUT.match(source)
        assert m is not None
        title = m.group("title").strip()
        body = _CALLOUT_MARK.sub("", text, count=1).strip()
        if title and body.startswith(title):
            body = body[len(title):].strip()
        if m.group("kind").lower() in _ABSTRACT_CALLOUTS and self._after_title() and body and not title:
            self.dek = body
            self.diagnostics.append(Diagnostic(None, "info", f"a '{m.group('kind')}' callout right under the title was read as its standfirst"))
            return
        if title:
            self._emit_paragraph(title, quote_depth)
        if body:
            self._emit_paragraph(body, quote_depth)

    def _property_lines(self, source: str) -> bool:
        """Whether a paragraph near the top is only labelled metadata lines (a Notion page's properties:
        "Created: …", "Tags: …", "Author: …"), one per line."""
        lines = source.split("\n")
        return len(self.blocks) <= 2 and len(lines) >= 2 and all(_LABEL_ITEM.match(line.strip()) for line in lines)

    def _emit_list(self, items: list[str], quote_depth: int) -> None:
        labels = [_LABEL_ITEM.match(re.sub(r"^\s*(?:-|\d+\.)\s+", "", item)) for item in items]
        if items and all(labels) and len(items) >= 2:
            for m, links in zip(labels, self.list_links + [[]] * len(labels)):
                assert m is not None
                label = m.group("label").lower()
                key = {"link": "url", "published": "date", "created": "date", "authors": "author", "by": "author", "byline": "author",
                       "outlet": "source", "site": "source", "publisher": "source", "tag": "tags", "keywords": "tags"}.get(label, label)
                value = m.group("value").strip()
                if key == "url":
                    in_text = re.search(r"https?://\S+", value)
                    value = (in_text.group(0) if in_text else next(iter(links), "")).rstrip(")")
                if value:
                    self.labelled.setdefault(key, value)
            if self.blocks and _SCAFFOLD_HEADING.match(self.blocks[-1].lstrip("# ")):
                heading = self.blocks.pop().lstrip("# ")
                self.diagnostics.append(Diagnostic(None, "info", f"archive heading '{heading}' left out"))
            self.diagnostics.append(Diagnostic(None, "info", "labelled metadata lines were read as metadata: " + "; ".join(items)))
            return
        prefix = "> " if quote_depth else ""
        self.blocks.append("\n".join(prefix + item for item in items))

    def _table(self, tokens: list[Any], i: int) -> int:
        rows: list[list[str]] = []
        while tokens[i].type != "table_close":
            t = tokens[i]
            if t.type == "tr_open":
                rows.append([])
            elif t.type == "inline":
                rows[-1].append(self._inline(t))
            i += 1
        if rows:
            self.blocks.append("\n".join(" | ".join(cell for cell in row) for row in rows))
        return i

    def _inline(self, token: Any) -> str:
        out: list[str] = []
        self.hrefs = []
        link_start: int | None = None
        note_start: int | None = None
        for child in token.children or []:
            kind = child.type
            if kind == "text":
                out.append(child.content)
            elif kind in ("softbreak", "hardbreak"):
                out.append(" ")
            elif kind == "code_inline":
                out.append(child.content)
            elif kind in ("em_open", "em_close"):
                out.append("*")
            elif kind == "strong_open":
                out.append("\x01" if not out or not "".join(out).strip() or "".join(out).endswith("\x02 ") else "**")
            elif kind == "strong_close":
                out.append("\x02" if "".join(out).rfind("\x01") > "".join(out).rfind("**") else "**")
            elif kind == "link_open":
                href = str(child.attrGet("href") or "")
                note_start = len(out) if _NOTE_HREF.match(href) else None
                if href.startswith(("http://", "https://", "mailto:")):
                    self.hrefs.append(href)
                    link_start = len("".join(out))
                else:
                    link_start = None
            elif kind == "link_close":
                if note_start is not None and re.fullmatch(r"\[?\d{1,3}\]?", "".join(out[note_start:]).strip()):
                    out[note_start:] = [f"[{''.join(out[note_start:]).strip(' []')}]"]  # a web page's note mark
                note_start = None
                if link_start is not None and self.hrefs:
                    label = re.sub(r"[*\x01\x02]", "", "".join(out)[link_start:]).strip()
                    if label:
                        self.links.append((re.sub(r"\s+", " ", label), self.hrefs[-1]))
                link_start = None
            elif kind == "image":
                self.images += 1
            elif kind == "footnote_ref":
                label = child.meta.get("label")
                number = self._note_number(label, child.meta.get("id"))
                if label is None and child.meta.get("id") in self.inline_notes:  # pandoc's inline ^[note]
                    self.notes.setdefault(number, [re.sub(r"[*_`]", "", self.inline_notes[child.meta["id"]]).strip()])
                out.append(f"[{number}]")
            elif kind == "html_inline":
                out.append(self._inline_html(child.content))
        text = "".join(out)
        if "[[" in text:
            text = _WIKILINK.sub(self._wikilink, text)
        text = _SUP_MARK.sub(lambda m: f"[{m.group(1)}]", text)
        text = re.sub(r"\*\*\s*\*\*|(?<!\*)\*\s*\*(?!\*)", "", text)  # emphasis around nothing (an image, a tag)
        return re.sub(r"[ \t]+", " ", text).strip()

    def _wikilink(self, m: re.Match[str]) -> str:
        """A note-taking app's link (`[[Note]]`, `[[Note#Part|words]]`) reads as its words; an embed (`![[file]]`) is
        left out, as an image is."""
        if m.group("embed"):
            self.images += 1
            return ""
        return m.group("label") or m.group("target").strip()

    def _finish(self) -> None:
        if self.images:
            self.diagnostics.append(Diagnostic(None, "info", f"{self.images} image{'s' if self.images != 1 else ''} left out (their files are not part of the text)"))
        if self.notes:
            self.blocks.append("## Notes")
            for number in sorted(self.notes):
                text = " ".join(part for part in self.notes[number] if part).strip()
                self.blocks.append(f"[{number}] {text}" if text else f"[{number}]")




_HTML_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "div", "section", "article",
                          "aside", "figure", "figcaption", "table", "pre", "header", "footer"})
#: A footnote's id in HTML ("fn1", "footnote-2", Word's "ftn3"); the web page reader finds its notes by it too.
NOTE_ID = re.compile(r"^(?:fn|footnote|note|endnote|ftn|en)[-:_]?(\d+)$", re.I)
_BACKLINK = re.compile(r"\s*(?:↩\ufe0e?\ufe0f?|⏎|\^)\s*")


def html_blocks(html: str) -> list[tuple[str, str]] | None:
    """An HTML fragment's blocks in reading order, each (kind, text): "h2" … "h6", "p", "quote", "item" or "note:N"
    (a footnote list item, `id="fn1"`, its back link left out); note marks (`<sup>1</sup>`) become "[1]". None when
    the fragment holds no block element (it is then one run of text)."""
    import lxml.html

    try:
        fragments = lxml.html.fragments_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    if not any(not isinstance(f, str) and f.tag in _HTML_BLOCKS for f in fragments):
        return None
    out: list[tuple[str, str]] = []

    def text_of(element: Any) -> str:
        return _html_text(lxml.html.tostring(element, encoding="unicode", with_tail=False))

    def add(kind: str, text: str) -> None:
        if text:
            out.append((kind, text))

    def walk(element: Any, quoted: bool) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        prose = "quote" if quoted else "p"  # what its own text and its children's tails are
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            add(tag, text_of(element))
        elif tag in ("ul", "ol"):
            for item in element.iterchildren("li"):
                note = NOTE_ID.match(item.get("id") or "")
                add(f"note:{note.group(1)}" if note else "quote" if quoted else "item", _BACKLINK.sub(" ", text_of(item)).strip())
        elif tag in _HTML_BLOCKS and any(not isinstance(c.tag, str) or c.tag in _HTML_BLOCKS for c in element.iterchildren()):
            add(prose, _html_text(element.text or ""))
            for child in element.iterchildren():
                walk(child, quoted or tag == "blockquote")
                add(prose, _html_text(child.tail or ""))
        elif tag:
            add("quote" if quoted or tag == "blockquote" else "p", text_of(element))

    for fragment in fragments:
        if isinstance(fragment, str):
            add("p", _html_text(fragment))
        else:
            walk(fragment, False)
            add("p", _html_text(fragment.tail or ""))
    return out


def _html_text(html: str) -> str:
    html = _SUP_MARK.sub(lambda m: f"[{m.group(1)}]", html)
    import html as html_lib

    text = html_lib.unescape(_TAG.sub(" ", html))
    return re.sub(r"\s+", " ", text).strip()
