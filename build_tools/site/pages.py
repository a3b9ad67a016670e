"""Markdown for every page the plugin produces, from the corpus (pure functions).

Everything that comes from an article or an author is escaped with
`markupsafe.escape` before it enters HTML, and with `escape_inline` before it
enters Markdown. Links inside raw HTML are written relative to the page
(MkDocs does not rewrite them), so the site works under any sub-path.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from markupsafe import Markup, escape

from ..body import without_emphasis
from ..caches.same_object import SameObjectMemo, reuse
from ..corpus import Corpus, Doc, term_key
from ..markdown_text import escape_inline
from ..model import Author, Theme
from .citations import apa_name, citation_apa, citation_bibtex, citation_ris, cite_html  # noqa: F401  (part of the page API)
from .templates import render
from .text import date_label, inline_html, plain
from .urls import doc_url, glossary_url, page_url, rel, theme_url  # noqa: F401  (part of the page API)

if TYPE_CHECKING:
    from jinja2 import Environment

TYPE_LABELS = {
    "journal article": "Journal article", "commentary": "Commentary", "news": "News", "report": "Report",
    "interview": "Interview", "speech": "Speech", "briefing": "Briefing", "article": "Article",
}
PASSAGE_CHARS = 420
UNDATED = "Date not stated"  # the archive's group of briefings whose record has no date
# An entity or glossary entry lists at most this many briefings, then "and N more" with a search link:
# the corpus pages then grow with the number of names and terms, not with names x briefings.
LISTED_BRIEFINGS = 10
SCORE_NOTE = (
    "The theme score, from 0 to 1, is the share of a briefing's words that are in paragraphs about the theme "
    "(a paragraph with a single passing mention counts half): 0.30 means about 30% of the text discusses it. "
    "The quoted passage is one of those paragraphs."
)


def _h(text: object) -> Markup:
    return escape(str(text))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def date_inferred(doc: Doc) -> bool:
    """True when the record says its date is inferred (from a DOI, volume or file name), not stated by the article."""
    return bool(doc.date and doc.date_provenance and doc.date_provenance.strip().lower().startswith("inferred"))


def _date_html(doc: Doc) -> str:
    """The date, with a note when it is inferred; "Date not stated" only when the record has no date at all."""
    if not doc.date:
        return '<span class="bf-undated">Date not stated</span>'
    out = f'<time datetime="{_h(doc.date)}">{_h(date_label(doc.date))}</time>'
    if date_inferred(doc):
        how = (doc.date_provenance or "").strip()[len("inferred"):].strip(" :;,-")
        out += f' <span class="bf-date-note">(not stated in the article; inferred{" " + _h(how) if how else ""})</span>'
    return out


def theme_link_html(themes: dict[str, Theme], here: str) -> dict[str, str]:
    """Each theme's link as a page at `here` shows it (made once per listing page, not once per card)."""
    return {slug: f'<a class="bf-theme" href="{_h(rel(here, theme_url(slug)))}">{_h(t.title)}</a>' for slug, t in themes.items()}


def _theme_links(doc: Doc, links: dict[str, str]) -> str:
    """The doc's themes as links (`links` from theme_link_html for the page they appear on)."""
    return "".join(links[t.theme] for t in doc.themes if t.theme in links)


def _type_label(doc: Doc) -> str:
    return TYPE_LABELS.get(doc.type, doc.type.capitalize())


# ------------------------------------------------------------------ briefing page
# Ids of the page's own parts; an article heading that would take one is renamed (see markdown_ext).
OWN_IDS = ("title", "key-points", "summary", "full-text", "related-briefings", "linked-from", "cite-this-briefing")


@dataclass(frozen=True)
class BriefingPage:
    """A briefing page in parts: only the article body goes through Markdown.

    The parts the plugin writes itself are HTML already; joining them to the
    converted body afterwards spares Python-Markdown from re-parsing raw HTML
    (md_in_html and MkDocs' anchor scan cost more than the body itself).
    """

    markdown: str  # title/description front matter and the body with its references
    header: str  # title, byline, dates, themes, source
    before: str  # about the article, key points, summary, the "Full text" heading
    after: str  # related briefings, backlinks, "Cite this briefing"
    sections: tuple[str, ...]  # ids of the page's own sections present, in reading order

    def html(self, body_html: str, contents: str = "") -> str:
        """The page: header, the phones' contents block, the parts before the body, the body, the parts after."""
        return "\n".join(p for p in (self.header + contents, self.before, body_html, self.after) if p)


def briefing_page(doc: Doc, corpus: Corpus, themes: dict[str, Theme], *, edit_base: str | None = None,
                  templates: Environment | None = None) -> BriefingPage:
    """The whole briefing page: header, key points, summary, full text, references, related, backlinks, citation
    (`templates`: the site's, with its overrides; see templates.py)."""
    here = doc.src_uri
    related, backlinks = _related(doc, corpus, here, templates), _backlinks(doc, corpus, here, templates)
    present = {"key-points": bool(doc.key_points), "summary": bool(doc.summary), "full-text": True,
               "related-briefings": bool(related), "linked-from": bool(backlinks), "cite-this-briefing": True}
    return BriefingPage(
        markdown=briefing_markdown(doc),
        header=_header(doc, themes, here, edit_base),
        before=briefing_before(doc, templates),
        after="\n".join(p for p in (related, backlinks, cite_html(doc, templates)) if p),
        sections=tuple(anchor for anchor, shown in present.items() if shown),
    )


def briefing_markdown(doc: Doc) -> str:
    """What MkDocs converts: front matter for <title> and <meta>, then the body as written (anchors,
    glossary marks and "cited in" links are added on its element tree, see markdown_ext)."""
    return _front_matter(doc) + "\n" + doc.body.markdown


def briefing_before(doc: Doc, templates: Environment | None = None) -> str:
    """HTML between the header and the full text: about the article, key points, summary and the "Full text" heading."""
    parts = []
    about = about_html(doc)
    if about:
        parts.append(about)
    if doc.key_points:
        points = [{"text": inline_html(k.text), "link": Markup(_para_link(doc, k.paragraph, "bf-kp")) if k.paragraph else None} for k in doc.key_points]
        parts.append(render(templates, "key_points.html", points=points))
    if doc.summary:
        sentences = [{"text": inline_html(s.text), "paragraph": s.paragraph} for s in doc.summary]
        parts.append(render(templates, "summary.html", sentences=sentences))
    parts.append('<h2 id="full-text">Full text</h2>')
    return "\n".join(parts)


def _front_matter(doc: Doc) -> str:
    """Page title and description for <title>, the header and <meta name="description"> (JSON is valid YAML).

    Material writes these into the page unescaped, so they are HTML-escaped here.
    """
    meta = {"title": str(escape(plain(doc.title)))}
    if doc.dek:
        meta["description"] = str(escape(plain(doc.dek)))
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items()) + "---\n"


def _para_link(doc: Doc, pid: str, cls: str) -> str:
    number = doc.paragraph_number(pid)
    return f'<a class="{cls}" href="#{_h(pid)}" data-bf-preview="{_h(pid)}" aria-label="Paragraph {_h(number)}">¶{_h(number)}</a>'


def _byline(authors: tuple[Author, ...]) -> str:
    """Authors with numbered affiliations (numbers only when there is more than one affiliation)."""
    if not authors:
        return ""
    affiliations: list[str] = []
    marks: list[int | None] = []
    for a in authors:
        aff = "; ".join(a.affiliations)
        if aff and aff not in affiliations:
            affiliations.append(aff)
        marks.append(affiliations.index(aff) + 1 if aff else None)
    numbered = len(affiliations) > 1
    names = [
        f'<span class="bf-author">{_h(a.name)}</span>' + (f"<sup>{mark}</sup>" if numbered and mark else "")
        for a, mark in zip(authors, marks)
    ]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    out = f'<p class="bf-byline">By {joined}</p>'
    if numbered:  # several affiliations: numbered, folded away so the byline stays one line
        items = "".join(f"<li>{_h(aff)}</li>" for aff in affiliations)
        out += f'<details class="bf-affiliation"><summary>Affiliations</summary><ol>{items}</ol></details>'
    elif affiliations:
        out += f'<p class="bf-affiliation">{_h(affiliations[0])}</p>'
    return out


def _unknown(doc: Doc) -> list[str]:
    """What the record does not say about the article's origin, in reading order."""
    missing = []
    if not doc.authors:
        missing.append("author")
    if not doc.publisher:
        missing.append("publisher or outlet")
    if not doc.source_url and not doc.doi:
        missing.append("original address")
    if not doc.date:
        missing.append("date")
    return missing


def _filters(doc: Doc, themes: dict[str, Theme]) -> str:
    """Pagefind filters, the search page's facets: each theme, the type and the year (not indexed as text)."""
    values = [("Theme", themes[t.theme].title) for t in doc.themes if t.theme in themes]
    values.append(("Type", _type_label(doc)))
    values.append(("Year", doc.date[:4] if doc.date else "Not stated"))
    spans = "".join(f'<span data-pagefind-filter="{_h(name)}">{_h(value)}</span>' for name, value in values)
    return f'<span class="bf-filters" data-pagefind-ignore hidden>{spans}</span>'


def _header(doc: Doc, themes: dict[str, Theme], here: str, edit_base: str | None) -> str:
    kicker = f'<p class="bf-kicker" data-pagefind-ignore><span class="bf-type">{_h(_type_label(doc))}</span>{_theme_links(doc, theme_link_html(themes, here))}</p>'
    title = f'<h1 id="title" data-pagefind-meta="title">{inline_html(doc.title)}</h1>'
    subtitle = f'<p class="bf-subtitle">{inline_html(doc.subtitle)}</p>' if doc.subtitle else ""
    dek = f'<p class="bf-dek">{inline_html(doc.dek)}</p>' if doc.dek else ""
    byline = _byline(doc.authors) or '<p class="bf-byline bf-unknown">Author not stated</p>'
    meta = [_date_html(doc), f"<span>{doc.reading_time_minutes} min read</span>"]
    source = []
    if doc.publisher:
        source.append(f'<span class="bf-publisher">{_h(doc.publisher)}</span>')
    if doc.source_url and re.match(r"^https?://", doc.source_url):
        # An address the provenance note names ("a revised version of the paper originally written for …: <url>")
        # is where an earlier version lives, not this article.
        earlier = any(doc.source_url.rstrip("/") in line for line in doc.provenance)
        source.append(f'<a href="{_h(doc.source_url)}" rel="noopener">{"earlier version" if earlier else "original"}</a>')
    if doc.doi:
        source.append(f'<a href="https://doi.org/{_h(doc.doi)}" rel="noopener">doi:{_h(doc.doi)}</a>')
    if source:
        meta.append("<span>Source: " + " · ".join(source) + "</span>")
    if edit_base:
        meta.append(f'<a class="bf-edit" href="{_h(edit_base.rstrip("/") + "/" + doc.path)}" rel="noopener">Edit this briefing</a>')
    facts = f'<p class="bf-meta" data-pagefind-ignore>{" · ".join(meta)}</p>'
    missing = _unknown(doc)
    unknown = f'<p class="bf-unknown-line" data-pagefind-ignore>Not stated in the source text: {_h(_and(missing))}.</p>' if missing else ""
    return f'<header class="bf-header">{kicker}{title}{subtitle}{dek}{byline}{facts}{unknown}{_filters(doc, themes)}</header>'


FOLD_CHARS = 480  # a longer abstract or provenance note is folded (one click shows it)


def _fold(kind: str, label: str, body: str, length: int, *, folded: bool = False) -> str:
    """A Material-styled block, open when short, folded when long (or always, given `folded`)."""
    return f'<details class="{kind} bf-fold"{"" if folded or length > FOLD_CHARS else " open"}><summary>{label}</summary>{body}</details>'


def about_html(doc: Doc) -> str:
    """Everything the record holds about the article beside its text: abstract, keywords, funding, provenance, unlabelled header lines."""
    parts = []
    if doc.abstract:
        paras = "".join(f"<p>{inline_html(p)}</p>" for p in doc.abstract.split("\n\n") if p.strip())
        parts.append(_fold("abstract", "Abstract", paras, len(doc.abstract)))
    facts = []
    if doc.keywords:
        facts.append(f"<dt>Keywords</dt><dd>{_h('; '.join(k.strip() for k in doc.keywords if k.strip()))}</dd>")
    if doc.funding:
        facts.append(f"<dt>Funding</dt><dd>{inline_html(doc.funding)}</dd>")
    if facts:
        parts.append(f'<dl class="bf-facts">{"".join(facts)}</dl>')
    if doc.provenance:
        body = "".join(f"<p>{inline_html(p)}</p>" for p in doc.provenance)
        parts.append(_fold("note", "Publication history", body, sum(map(len, doc.provenance))))
    if doc.header_lines:  # every line of the article's head, labelled or not: a reader sees each word the fields came from
        items = "".join(f"<li>{_h(without_emphasis(line))}</li>" for line in doc.header_lines)
        parts.append(_fold("info", f"Header lines as written ({len(doc.header_lines)})",
                           '<p>The lines at the head of the article, as it gives them: the authors, dates and other details above were '
                           f'read from these, and any line that could not be labelled is kept here.</p><ul class="bf-header-lines">{items}</ul>',
                           sum(map(len, doc.header_lines)),
                           folded=True))  # the source of the fields above, for a reader who checks them, not text to read first
    if not parts:
        return ""
    return f'<section class="bf-about" aria-label="About this article">{"".join(parts)}</section>'


def contents_for(toc: list[Any]) -> str:
    """The folded contents block of a briefing page (for small screens, see contents_html), from its table of contents."""

    def flat(links: list[Any], depth: int) -> list[tuple[str, str, int]]:
        out = []
        for link in links:
            out.append((link.title, link.id, depth))
            out.extend(flat(link.children, depth + 1))
        return out

    return contents_html(flat(toc, 1))


def contents_html(items: list[tuple[str, str, int]]) -> str:
    """A folded "Contents" block for small screens (the sidebar's table of contents is hidden there): (title, anchor, depth) links."""
    if len(items) < 2:
        return ""
    links = "".join(f'<li class="bf-contents-{min(depth, 3)}"><a href="#{_h(anchor)}">{_h(title)}</a></li>' for title, anchor, depth in items)
    return f'<nav class="bf-contents" aria-label="Contents" data-pagefind-ignore><details><summary>Contents</summary><ul>{links}</ul></details></nav>'


def _related(doc: Doc, corpus: Corpus, here: str, templates: Environment | None = None) -> str:
    related = corpus.related.get(doc.slug) or []
    if not related:
        return ""
    items = [{"href": rel(here, doc_url(r.doc)), "title": inline_html(r.doc.title), "why": _why(r.reasons)} for r in related]
    return render(templates, "related.html", items=items)


def _why(reasons: tuple[str, ...]) -> str:
    """"theme 5g", "cites X…", "Huawei" -> "Both mention Huawei and 5G; both cite X…; same theme (5g)"."""
    mentions = [r for r in reasons if not r.startswith(("theme ", "cites "))]
    cites = [r[len("cites "):] for r in reasons if r.startswith("cites ")]
    themes = [r[len("theme "):] for r in reasons if r.startswith("theme ")]
    parts = []
    if mentions:
        parts.append("both mention " + _and(mentions))
    if cites:
        parts.append("both cite " + _and(cites))
    if themes:
        parts.append("same theme (" + ", ".join(themes) + ")")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _quote(sentence: str, target: Doc) -> str:
    """The linking sentence, with an unlabelled `[[slug]]` (quoted as the bare slug) shown as the title."""
    return re.sub(rf"(?<![\w-]){re.escape(target.slug)}(?![\w-])", lambda _: plain(target.title), sentence)


def _backlinks(doc: Doc, corpus: Corpus, here: str, templates: Environment | None = None) -> str:
    links = corpus.backlinks.get(doc.slug) or []
    if not links:
        return ""
    items = [{"href": rel(here, doc_url(b.source)) + (f"#{b.paragraph}" if b.paragraph else ""), "title": inline_html(b.source.title),
              "quote": inline_html(_quote(b.sentence, doc))} for b in links]
    return render(templates, "backlinks.html", items=items)


# ------------------------------------------------------------------ corpus pages
def _card_head(doc: Doc, here: str, theme_links: dict[str, str], heading: str) -> str:
    byline = ", ".join(a.name for a in doc.authors)
    meta = [date_label(doc.date) or "Date not stated", _type_label(doc)]
    if byline:
        meta.append(byline)
    dek = f'<p class="bf-card-dek">{inline_html(doc.dek)}</p>' if doc.dek else ""
    tags = _theme_links(doc, theme_links)
    return (
        f'<li class="bf-card"><{heading} class="bf-card-heading"><a class="bf-card-title" href="{_h(rel(here, doc_url(doc)))}">{inline_html(doc.title)}</a></{heading}>'
        f'<p class="bf-card-meta">{_h(" · ".join(meta))}</p>{dek}'
        + (f'<p class="bf-card-themes">{tags}</p>' if tags else "")
    )


def _card(doc: Doc, here: str, theme_links: dict[str, str], extra: str = "", *, heading: str = "h3",
          memo: SameObjectMemo | None = None) -> str:
    """A listing card; given a memo (`mkdocs serve`), the card of an unchanged briefing is reused."""
    key = ("card", doc.slug, here, heading, tuple(theme_links.items())) if memo is not None else None
    return f"{reuse(memo, key, doc, lambda: _card_head(doc, here, theme_links, heading))}{extra}</li>"


def _latest(docs: Iterable[Doc]) -> list[Doc]:
    return sorted(docs, key=lambda d: (d.date or "", d.title), reverse=True)


def _theme_cards(corpus: Corpus, themes: dict[str, Theme], here: str) -> str:
    items = "".join(
        f'<li class="bf-theme-card"><a class="bf-theme-card-title" href="{_h(rel(here, theme_url(t.slug)))}">{_h(t.title)}</a>'
        f'<span class="bf-count">{_plural(len(corpus.theme_index.get(t.slug, [])), "briefing")}</span>'
        f'<p class="bf-card-dek">{_h(t.description)}</p></li>'
        for t in themes.values()
    )
    return f'<ul class="bf-themes">{items}</ul>'


def home_markdown(corpus: Corpus, themes: dict[str, Theme], latest: int = 10) -> str:
    """Appended to docs/index.md: the configured themes with counts, the latest briefings, where to go next."""
    here = "index.md"
    links = theme_link_html(themes, here)
    cards = "".join(_card(d, here, links) for d in _latest(corpus.docs.values())[:latest])
    total = len(corpus.docs)
    return (
        f'\n\n<h2 id="themes">Themes</h2>{_theme_cards(corpus, themes, here)}\n\n'
        f'<h2 id="latest-briefings">Latest briefings</h2><ul class="bf-cards">{cards}</ul>\n\n'
        f'<p class="bf-more"><a href="{_h(rel(here, "archive/"))}">All {_plural(total, "briefing")} by date</a> · '
        f'<a href="{_h(rel(here, "feed.xml"))}" type="application/atom+xml">Atom feed</a></p>\n'
    )


def themes_index_markdown(corpus: Corpus, themes: dict[str, Theme]) -> str:
    return f"# Themes\n\n{_theme_cards(corpus, themes, 'themes/index.md')}\n"


def _passage(text: str) -> str:
    return text if len(text) <= PASSAGE_CHARS else text[: PASSAGE_CHARS - 3].rsplit(" ", 1)[0] + "…"


def listing_pages(first: str, count: int, per_page: int) -> list[str]:
    """Where each page of a long listing goes: `first` ("themes/5g.md"), then "themes/5g/2.md", "themes/5g/3.md"..."""
    total = max(1, -(-count // max(1, per_page)))
    return [first] + [f"{first.removesuffix('.md')}/{n}.md" for n in range(2, total + 1)]


def _pager(srcs: list[str], at: int) -> str:
    """Previous, a few page numbers around this one (first and last always), next; nothing for a single page."""
    if len(srcs) < 2:
        return ""
    here = srcs[at]

    def link(i: int, label: str, attrs: str = "") -> str:
        return f'<a href="{_h(rel(here, page_url(srcs[i])))}"{attrs}>{label}</a>'

    shown = sorted({0, len(srcs) - 1, *range(max(0, at - 2), min(len(srcs), at + 3))})
    items, last = [], -1
    for i in shown:
        if i > last + 1:
            items.append('<span class="bf-pager-gap">…</span>')
        items.append(f'<span class="bf-pager-current" aria-current="page">{i + 1}</span>' if i == at else link(i, str(i + 1), f' aria-label="Page {i + 1}"'))
        last = i
    prev = link(at - 1, "← Previous", ' rel="prev"') if at > 0 else ""
    nxt = link(at + 1, "Next →", ' rel="next"') if at < len(srcs) - 1 else ""
    return f'<nav class="bf-pager" aria-label="Pages">{prev}{"".join(items)}{nxt}</nav>'


def _page_title(title: str, at: int, total: int) -> str:
    return escape_inline(title) + (f" (page {at + 1} of {total})" if total > 1 else "")


def _showing(at: int, per_page: int, count: int) -> str:
    return f" Showing {at * per_page + 1:,}–{min(count, (at + 1) * per_page):,}." if count > per_page else ""


def theme_hub_pages(theme: Theme, corpus: Corpus, themes: dict[str, Theme], per_page: int, *, memo: SameObjectMemo | None = None) -> list[tuple[str, str]]:
    """One theme, `per_page` briefings a page: its description, then its briefings ranked by theme score, each with its best passage."""
    entries = corpus.theme_index.get(theme.slug, [])
    srcs = listing_pages(f"themes/{theme.slug}.md", len(entries), per_page)
    out = []
    for at, here in enumerate(srcs):
        cards, links = [], theme_link_html(themes, here)
        for rank, e in enumerate(entries[at * per_page : (at + 1) * per_page], at * per_page + 1):
            passage = e.doc.paragraph(e.paragraph) if e.paragraph else None
            quote = ""
            if passage and e.paragraph:
                href = f"{rel(here, doc_url(e.doc))}#{e.paragraph}"
                quote = (
                    f'<blockquote class="bf-passage"><p>{inline_html(_passage(passage))}</p>'
                    f'<p class="bf-passage-link"><a href="{_h(href)}">Read ¶{_h(e.doc.paragraph_number(e.paragraph))} in context</a></p></blockquote>'
                )
            score = f'<p class="bf-score">#{rank} · theme score {e.score:.2f}</p>'
            cards.append(_card(e.doc, here, links, score + quote, heading="h2", memo=memo))
        listing = f'<ol class="bf-cards bf-ranked" start="{at * per_page + 1}">{"".join(cards)}</ol>' if cards else "<p>No briefing carries this theme yet.</p>"
        count = (
            f'<p class="bf-count-line">{_plural(len(entries), "briefing")}, ranked by how strongly each carries the theme.{_showing(at, per_page, len(entries))}</p>'
            f'<p class="bf-score-note">{SCORE_NOTE}</p>'
        )
        pager = _pager(srcs, at)
        out.append((here, f"# {_page_title(theme.title, at, len(srcs))}\n\n<p class=\"bf-dek\">{_h(theme.description)}</p>{count}{pager}\n\n{listing}{pager}\n"))
    return out


def _doc_link(corpus: Corpus, here: str, slug: str, pid: str | None = None) -> str:
    doc = corpus.docs[slug]
    anchor = f"#{pid}" if pid else ""
    label = inline_html(doc.title) + (Markup(" ¶") + _h(doc.paragraph_number(pid)) if pid else "")
    return f'<a href="{_h(rel(here, doc_url(doc)))}{_h(anchor)}">{label}</a>'


def _more(here: str, count: int, query: str) -> str:
    """", and 37 more briefings" linking to a search for the name, when a list was cut at LISTED_BRIEFINGS."""
    if count <= LISTED_BRIEFINGS:
        return ""
    href = rel(here, "search/") + "?q=" + quote(query)
    return f', <a class="bf-more" href="{_h(href)}">and {_plural(count - LISTED_BRIEFINGS, "more briefing")}</a>'


def glossary_markdown(corpus: Corpus) -> str:
    """Every term: definition, where it is defined (briefing ¶n), where else it is used; one anchor per entry."""
    here = "glossary.md"
    entries = []
    letters: dict[str, str] = {}
    for key, term in sorted(corpus.glossary.items(), key=lambda kv: (kv[1].term.casefold(), kv[0])):
        letter = term.term[:1].upper() if term.term[:1].isalpha() else "#"
        anchor = ""
        if letter not in letters:  # the first term of each letter carries the letter's anchor
            letters[letter] = f"letter-{term_key(letter) or 'other'}"
            anchor = f' id="{_h(letters[letter])}"'
        defined_slugs = {slug for slug, _ in term.defined_in}
        defined = ", ".join(_doc_link(corpus, here, slug, p) for slug, p in term.defined_in[:3] if slug in corpus.docs)
        users = [slug for slug in term.used_in if slug in corpus.docs and slug not in defined_slugs]
        used = ", ".join(_doc_link(corpus, here, slug) for slug in users[:LISTED_BRIEFINGS]) + _more(here, len(users), term.term)
        definition = _h(term.definition) if term.definition else Markup("<em>Used without a definition.</em>")
        lines = f'<p class="bf-src">Defined in {defined}</p>' if defined else ""
        if used:
            lines += f'<p class="bf-src">{"Also used" if defined else "Used"} in {used}</p>'
        entries.append(
            f'<div class="bf-entry"{anchor}><dt id="term-{_h(key)}">{_h(term.term)} <span class="bf-kind">{_h(term.kind)}</span></dt>'
            f"<dd><p>{definition}</p>{lines}</dd></div>"
        )
    jump = " ".join(f'<a href="#{_h(letter_id)}">{_h(letter)}</a>' for letter, letter_id in letters.items())
    count = f'<p class="bf-count-line">{_plural(len(entries), "term")} from {_plural(len(corpus.docs), "briefing")}. A term marked in a briefing links to its entry here.</p>'
    nav = f'<nav class="bf-jump" aria-label="Glossary letters">{jump}</nav>' if len(letters) > 1 else ""
    return f"# Glossary\n\n{count}{nav}<dl class=\"bf-glossary\">" + "".join(entries) + "</dl>\n"


def entities_markdown(corpus: Corpus) -> str:
    """People, organisations and places, each with the briefings and paragraphs that mention them."""
    here = "entities.md"
    groups: dict[str, list[str]] = defaultdict(list)
    titles = {"person": "People", "organisation": "Organisations", "company": "Companies", "place": "Places",
              "law": "Laws, treaties and programmes", "publication": "Publications", "other": "Other"}
    for (kind, name), mentions in sorted(corpus.entities.items(), key=lambda kv: (kv[0][0], kv[0][1].casefold())):
        where = "".join(
            f'<li>{_doc_link(corpus, here, doc.slug)}'
            + (" " + ", ".join(f'<a href="{_h(rel(here, doc_url(doc)))}#{_h(p)}">¶{_h(doc.paragraph_number(p))}</a>' for p in e.paragraphs[:8]) if e.paragraphs else "")
            + (" …" if len(e.paragraphs) > 8 else "")
            + "</li>"
            for doc, e in sorted(mentions, key=lambda m: (-m[1].mentions, m[0].title.casefold(), m[0].slug))[:LISTED_BRIEFINGS]
        )
        if len(mentions) > LISTED_BRIEFINGS:
            where += f"<li>{_more(here, len(mentions), name).removeprefix(', ')}</li>"
        total = sum(e.mentions for _, e in mentions)
        groups[kind].append(
            f'<li id="entity-{_h(kind)}-{_h(term_key(name))}"><strong>{_h(name)}</strong> '
            f'<span class="bf-count">{_plural(total, "mention")}</span><ul>{where}</ul></li>'
        )
    present = [k for k in titles if groups.get(k)]
    nav = " · ".join(f'<a href="#{k}">{titles[k]} ({len(groups[k])})</a>' for k in present)
    out = ["# People, organisations and places\n", f'<nav class="bf-jump" aria-label="Kinds">{nav}</nav>' if nav else "<p>No entities yet.</p>"]
    for kind in present:
        out.append(f'<h2 id="{kind}">{titles[kind]}</h2><ul class="bf-entities">{"".join(groups[kind])}</ul>')
    return "\n\n".join(out) + "\n"


def archive_pages(corpus: Corpus, themes: dict[str, Theme], per_page: int, *, memo: SameObjectMemo | None = None) -> list[tuple[str, str]]:
    """Every briefing by year, newest first, `per_page` a page; the first page then lists every tag with its briefings."""
    docs = _latest(corpus.docs.values())
    srcs = listing_pages("archive.md", len(docs), per_page)
    out = []
    for at, here in enumerate(srcs):
        links = theme_link_html(themes, here)
        by_year: dict[str, list[Doc]] = defaultdict(list)
        for doc in docs[at * per_page : (at + 1) * per_page]:
            by_year[doc.date[:4] if doc.date else UNDATED].append(doc)
        tags_href = "#tags" if at == 0 else rel(here, page_url(srcs[0])) + "#tags"
        pager = _pager(srcs, at)
        parts = [
            f"# {_page_title('Archive', at, len(srcs))}\n",
            f'<p class="bf-count-line">{_plural(len(docs), "briefing")}, newest first.{_showing(at, per_page, len(docs))} <a href="{_h(tags_href)}">Tags</a></p>{pager}',
        ]
        years = sorted((y for y in by_year if y != UNDATED), reverse=True) + ([UNDATED] if UNDATED in by_year else [])
        for year in years:
            year_id = "undated" if year == UNDATED else year
            parts.append(f'<h2 id="year-{_h(year_id)}">{_h(year)}</h2><ul class="bf-cards">{"".join(_card(d, here, links, memo=memo) for d in by_year[year])}</ul>')
        if pager:
            parts.append(pager)
        if at == 0:
            parts.extend(_tag_index(corpus, here))
        out.append((here, "\n\n".join(parts) + "\n"))
    return out


def _tag_index(corpus: Corpus, here: str) -> list[str]:
    """Every tag (or keyword) with the briefings that carry it, ten at most, then a search link."""
    tags: dict[str, list[Doc]] = defaultdict(list)
    for doc in sorted(corpus.docs.values(), key=lambda d: d.title.casefold()):
        for tag in dict.fromkeys(t.strip().lower() for t in (doc.tags or doc.keywords) if t.strip()):
            tags[tag].append(doc)
    out = ['<h2 id="tags">Tags</h2>']
    if not tags:
        out.append("<p>No briefing has tags or keywords yet.</p>")
    ids: set[str] = set()
    for tag in sorted(tags):
        tag_id = f"tag-{term_key(tag) or 'tag'}"
        while tag_id in ids:
            tag_id += "-"
        ids.add(tag_id)
        links = ", ".join(_doc_link(corpus, here, d.slug) for d in tags[tag][:LISTED_BRIEFINGS]) + _more(here, len(tags[tag]), tag)
        out.append(f'<p class="bf-tag" id="{_h(tag_id)}"><strong>{_h(tag)}</strong>: {links}</p>')
    return out


def search_body(html: str) -> str:
    """Mark a briefing's content as the part Pagefind indexes (pages without the mark are not indexed)."""
    return f"<div data-pagefind-body>\n{html}\n</div>"
