"""Saved web pages (.html) -> Article.

Metadata comes from the page's tags, in order of trust: Highwire Press
`citation_*` (what scholarly sites and Google Scholar use), Dublin Core,
JSON-LD (Article, NewsArticle, ScholarlyArticle …), then Open Graph and plain
`<meta name=…>` tags, then the `<h1>` and `<title>`. The article's main text
is found by trafilatura, which leaves out menus, share buttons, related links
and footers; its Markdown goes through the Markdown reader, so headings,
lists, quotes and footnotes are read the same way for both kinds. What
trafilatura left out is recorded as one info diagnostic with its word count.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from ..errors import InputError
from ..model import Article, Diagnostic
from .markdown import NOTE_ID
from .metadata import SourceMetadata, genre, iso_date, overlay, plain

#: Pages beyond this size are cut before extraction (a saved page of 50 MB is a data dump, not an article).
MAX_PAGE_BYTES = 20_000_000
_SECTION_HEADING = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+\S|^(?:introduction|abstract|summary|background|contents)$", re.I)
#: A paragraph in the Title style: Word's saved page ("MsoTitle"), a Google Docs export ("c3 title").
_TITLE_PARAGRAPH = '//p[contains(@class, "MsoTitle") or contains(concat(" ", normalize-space(@class), " "), " title ")]'
_TITLE_SUFFIX = re.compile(r"\s+[|\-–—·:]\s+[^|\-–—·:]{2,60}$")


def read_html(data: bytes, source: str) -> Article:
    """Read a saved web page: its metadata tags and its main text."""
    from .optional import require

    require("trafilatura", "html", source)
    import lxml.html

    if len(data) > MAX_PAGE_BYTES:
        raise InputError(source, f"the web page is {len(data) // 1_000_000} MB, more than an article page holds",
                         "save the article's page alone (File > Save Page As, 'HTML only')")
    text = _decode(data)
    try:
        tree = lxml.html.document_fromstring(text)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise InputError(source, f"the web page cannot be parsed ({exc})", "save the page again from the browser") from exc
    meta = page_metadata(tree)
    notes = page_notes(tree)
    body_markdown = _main_text(text)
    if not body_markdown or len(body_markdown.split()) < 20:
        raise InputError(source, "no article text was found in this web page (only navigation or page chrome)",
                         "save the page of the article itself, or paste its text into a .txt file")
    from .markdown import markdown_to_text

    diagnostics: list[Diagnostic] = []
    body_markdown, restored = restore_headings(tree, body_markdown)
    if restored:
        diagnostics.append(Diagnostic(None, "info", f"{restored} section heading{'s' if restored != 1 else ''} the extractor left out put back "
                                      "above the paragraph each stands over"))
    body_markdown, quoted = restore_quotes(tree, body_markdown)
    if quoted:
        diagnostics.append(Diagnostic(None, "info", f"{quoted} quoted paragraph{'s' if quoted != 1 else ''} the extractor gave as plain text "
                                      "marked as quotes again"))
    plain_text, _labelled, links = markdown_to_text(body_markdown, diagnostics)
    if notes and "## Notes" not in plain_text:
        plain_text += "\n## Notes\n\n" + "\n\n".join(f"[{n}] {note}" for n, note in enumerate(notes, start=1)) + "\n"
        diagnostics.append(Diagnostic(None, "info", f"{len(notes)} notes read from the page's footnote list"))
    title = meta.title or "Untitled web page"
    from .markdown import _starts_with_title

    if not _starts_with_title(plain_text, title):
        plain_text = f"# {title}\n\n{plain_text}"
    from ..seeds import parse_seed

    article = parse_seed(plain_text, source, marked_headings_only=True)
    page_words = len(" ".join(tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")).split())
    kept = sum(1 for word in body_markdown.split() if word != ">")  # a quote mark put back is not a word
    if page_words > kept:
        diagnostics.append(Diagnostic(None, "info", f"web page: {page_words - kept} words of page chrome (navigation, menus, "
                                      f"related links, footer) left out; {kept} words of article text kept"))
    bylines = page_bylines(tree)
    article = replace(article, diagnostics=(*article.diagnostics, *diagnostics), metadata_lines=(*article.metadata_lines, *bylines))
    if not meta.authors and not article.authors:  # no author tag: the names the page's byline shows
        meta = replace(meta, authors=byline_names(bylines))
    from .markdown import place_links

    return overlay(place_links(article, links), meta)


def restore_headings(tree: Any, markdown: str) -> tuple[str, int]:
    """The extracted Markdown with the section headings the extractor dropped put back.

    trafilatura leaves out the headings of some pages whose paragraphs it keeps (a page saved from Word, short
    sections). A heading of the page (h1-h4, outside navigation, header, footer and asides) whose words are not
    in the text, followed by a paragraph that is, goes back as a Markdown heading right above that paragraph.
    Returns the Markdown and how many headings were put back."""
    lines = markdown.split("\n")
    restored = 0
    for heading in tree.xpath("//h1|//h2|//h3|//h4"):
        if heading.xpath("ancestor::nav|ancestor::header|ancestor::footer|ancestor::aside"):
            continue
        text = plain(heading.text_content())
        if not text or len(text.split()) > 20 or any(_unmarked(text) in _unmarked(line) for line in lines):
            continue
        following = heading.getnext()
        while following is not None and not plain(following.text_content()):
            following = following.getnext()
        opening = _unmarked(plain(following.text_content()) or "")[:40] if following is not None else None
        if not opening or following.tag in ("h1", "h2", "h3", "h4"):
            continue
        at = next((i for i, line in enumerate(lines) if _unmarked(line).lstrip("> ").startswith(opening)), None)
        if at is None:
            continue
        lines[at:at] = [f"{'#' * max(2, int(heading.tag[1]))} {text}", ""]
        restored += 1
    return "\n".join(lines), restored


def restore_quotes(tree: Any, markdown: str) -> tuple[str, int]:
    """The extracted Markdown with the page's block quotes marked as quotes again.

    trafilatura's Markdown gives the paragraphs of a `<blockquote>` as plain paragraphs. A line of the text that is,
    word for word, a paragraph of a block quote in the article (outside navigation, header, footer and asides) gets
    its `> ` back. Returns the Markdown and how many lines were marked."""
    quoted: set[str] = set()
    for quote in tree.xpath("//blockquote"):
        if quote.xpath("ancestor::nav|ancestor::header|ancestor::footer|ancestor::aside"):
            continue
        paragraphs = quote.xpath(".//p") or [quote]
        quoted.update(text for text in (_unmarked(plain(p.text_content())).strip() for p in paragraphs) if len(text.split()) >= 3)
    if not quoted:
        return markdown, 0
    lines = markdown.split("\n")
    marked = 0
    for i, line in enumerate(lines):
        if not line.startswith((">", "#", "-", "*", "|")) and _unmarked(line).strip() in quoted:
            lines[i] = "> " + line
            marked += 1
    return "\n".join(lines), marked


def _unmarked(line: str) -> str:
    """A Markdown line's words without link targets and emphasis, as the page shows them."""
    return re.sub(r"\s+", " ", re.sub(r"\]\([^)]*\)|[*_\[\]\\]", "", line))


def _decode(data: bytes) -> str:
    from ..decoding import repair_mojibake

    m = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
    encoding = m.group(1).decode("ascii", "ignore") if m else "utf-8"
    try:
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        text = data.decode("utf-8", errors="replace")
    if "\u00e2\u20ac" in text:
        text, _count = repair_mojibake(text)
    return text


def _main_text(html: str) -> str | None:
    import trafilatura

    return trafilatura.extract(
        html, output_format="markdown", include_links=True, include_formatting=True, include_tables=True,
        include_comments=False, include_images=False, deduplicate=False, with_metadata=False,
    )


def page_metadata(tree: Any) -> SourceMetadata:
    """Title, authors, date, abstract, URL, publisher and genre from a page's tags, the most trusted first."""
    tags: dict[str, list[str]] = {}
    for node in tree.iter("meta"):
        key = (node.get("name") or node.get("property") or node.get("itemprop") or "").strip().lower()
        value = node.get("content") if node.get("content") is not None else node.get("value")
        if key and value and value.strip():
            tags.setdefault(key, []).append(plain(value) or "")
    ld = _json_ld(tree)

    def first(*keys: str) -> str | None:
        for key in keys:
            for value in tags.get(key, []):
                if value:
                    return value
        return None

    h1 = next((plain(h.text_content()) for h in tree.iter("h1") if plain(h.text_content())), None)
    if not h1 or _SECTION_HEADING.match(h1):  # "1. Introduction": the first section, not the title (a page saved from Word)
        h1 = next((plain(p.text_content()) for p in tree.xpath(_TITLE_PARAGRAPH) if plain(p.text_content())), None)
    page_title = next((plain(t.text_content()) for t in tree.iter("title")), None)
    title = first("citation_title", "dc.title", "dcterms.title") or plain(ld.get("headline")) or plain(ld.get("name"))
    if not title:
        social = first("og:title", "twitter:title", "sailthru.title")
        title = h1 if h1 and (not social or social.startswith(h1)) else social or h1
        if not title and page_title:
            title = _TITLE_SUFFIX.sub("", page_title)
    authors = tuple(_given_first(a) for a in tags.get("citation_author", []) or tags.get("dc.creator", [])) or _ld_names(ld.get("author"))
    if not authors:
        names = [a for a in tags.get("author", []) + tags.get("article:author", []) if a and not a.startswith("http")]
        authors = tuple(dict.fromkeys(names))
    date = iso_date(
        first("citation_publication_date", "citation_date", "citation_online_date", "dc.date", "dcterms.issued", "dc.date.issued")
        or ld.get("datePublished")
        or first("article:published_time", "og:published_time", "date", "pubdate", "publish-date", "sailthru.date", "parsely-pub-date")
        or next((t.get("datetime") for t in tree.iter("time") if t.get("datetime")), None)
    )
    canonical = next((link.get("href") for link in tree.iter("link") if (link.get("rel") or "").lower() == "canonical" and link.get("href")), None)
    url = canonical or first("og:url", "citation_public_url", "citation_abstract_html_url", "twitter:url")
    if url and not url.lower().startswith(("http://", "https://")):
        url = None
    journal = first("citation_journal_title", "citation_conference_title")
    publisher = (first("citation_publisher", "dc.publisher") or journal or _ld_name(ld.get("publisher")) or first("og:site_name", "application-name")
                 or _site_in_title(page_title, title))
    ld_type = ld.get("@type")
    kind = "journal article" if journal else genre(ld_type if isinstance(ld_type, (str, list)) else None, first("article:section"))
    return SourceMetadata(
        title=title,
        authors=authors,
        date=date,
        abstract=first("citation_abstract", "dc.description", "dcterms.abstract") or plain(ld.get("description"))
        or first("description", "og:description", "twitter:description"),
        url=url,
        publisher=publisher,
        keywords=tuple(k.strip() for k in (first("citation_keywords", "keywords", "news_keywords") or "").split(",") if k.strip()),
        kind=kind,
        doi=first("citation_doi", "dc.identifier.doi", "prism.doi"),
    )


_SITE_SUFFIX = re.compile(r"\s+[|–—·]\s+(?P<site>[^|–—·]{3,60})$|\s+-\s+(?P<dashed>[^|–—·-]{3,60})$")


def _site_in_title(page_title: str | None, title: str | None) -> str | None:
    """The site's name a page's <title> gives after the headline ("… | Example Centre for Policy"), when the
    headline is the rest of it."""
    m = _SITE_SUFFIX.search(page_title or "")
    if not m or not title or _unmarked(page_title[: m.start()]).strip().lower() != _unmarked(title).strip().lower():
        return None
    site = (m.group("site") or m.group("dashed")).strip()
    return site if len(site.split()) >= 2 else None


def page_bylines(tree: Any) -> tuple[str, ...]:
    """The page's byline lines ("By Ada Okafor and Per Lindqvist"), which extractors leave out of the
    article text: kept verbatim as header lines, so no word of the article is lost. A byline is an element
    whose class says so ("byline", "authors", "author-name"), not an author's biography or a link list."""
    found = []
    for node in tree.xpath('//*[contains(@class, "byline") or contains(@class, "author")]'):
        if _NOT_BYLINE.search(node.get("class") or "") or node.tag in ("a", "img", "ul", "ol", "li", "section", "aside"):
            continue
        if any("byline" in (n.get("class") or "") for n in node.iterancestors()):
            continue  # inside a byline already taken whole
        text = plain(node.text_content())
        if text and len(text.split()) <= 25 and text not in found:
            found.append(text)
    return tuple(found[:3])


_NOT_BYLINE = re.compile(r"bio|about|box|card|avatar|image|photo|list|more|posts|related|follow|social|share|widget", re.I)


def byline_names(bylines: tuple[str, ...]) -> tuple[str, ...]:
    """The people a page's byline lines name: "By Ada Okafor and Per Lindqvist" -> ("Ada Okafor", "Per Lindqvist")."""
    from ..parsing.shapes import _is_name

    names: list[str] = []
    for line in bylines:
        line = re.sub(r"^\s*(?:by|written by|words by|authors?)\s*:?\s+", "", line, flags=re.I)
        for part in re.split(r"\s*(?:,|;|\||&|\band\b)\s*", line):
            if _is_name(part) and part not in names:
                names.append(part)
    return tuple(names)


_NOTES_BOX = re.compile(r"footnote|endnote|\bnotes\b", re.I)


def page_notes(tree: Any) -> list[str]:
    """The text of a page's footnotes or endnotes list (items with ids like "fn1", or the items of a
    list inside a "footnotes" box), back-link arrows removed; article extractors drop these lists."""
    items = [li for li in tree.iter("li") if NOTE_ID.match(li.get("id") or "")]
    if not items:  # a page saved from Word: each note a <div id="ftn1"> in the footnote list
        items = [div for div in tree.iter("div") if NOTE_ID.match(div.get("id") or "")]
    if not items:
        for box in tree.iter("section", "div", "aside", "ol"):
            label = f"{box.get('class') or ''} {box.get('id') or ''}"
            if _NOTES_BOX.search(label):
                items = list(box.iter("li"))
                if items:
                    break
    notes = []
    for li in items:
        text = plain(re.sub(r"[↩↑⤴]\ufe0e?", " ", li.text_content()))
        text = re.sub(r"^\[\d{1,3}\]\s*", "", text or "") or None  # Word's back-link, "[1]", before the note
        if text:
            notes.append(text)
    return notes


def _json_ld(tree: Any) -> dict[str, Any]:
    """The first JSON-LD object that describes an article (or a page), else {}."""
    for node in tree.iter("script"):
        if (node.get("type") or "").lower() != "application/ld+json" or not node.text:
            continue
        try:
            data = json.loads(node.text)
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if isinstance(item, dict) and re.search(r"Article|Posting|Report|Speech", str(item.get("@type", ""))):
                return _with_nodes_resolved(item, items)
    return {}


def _with_nodes_resolved(item: dict[str, Any], graph: list[Any]) -> dict[str, Any]:
    """The article's author and publisher given as references to other nodes of its graph ({"@id": "…#/schema/person/1"},
    as WordPress's SEO plugins write them) replaced by those nodes, which carry the names."""
    nodes = {node["@id"]: node for node in graph if isinstance(node, dict) and isinstance(node.get("@id"), str)}

    def resolved(value: Any) -> Any:
        if isinstance(value, list):
            return [resolved(v) for v in value]
        if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
            return nodes.get(value["@id"], value)
        return value

    return {**item, **{key: resolved(item[key]) for key in ("author", "publisher") if key in item}}


def _given_first(name: str) -> str:
    """"Okafor, Ada" (the order citation tags use) -> "Ada Okafor"."""
    surname, _, given = name.partition(",")
    return f"{given.strip()} {surname.strip()}" if given.strip() and " " not in surname.strip(" ") else name


def _ld_name(value: Any) -> str | None:
    if isinstance(value, dict):
        return plain(value.get("name"))
    if isinstance(value, list) and value:
        return _ld_name(value[0])
    return plain(value)


def _ld_names(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value] if value else []
    return tuple(n for n in (_ld_name(item) for item in items) if n)
