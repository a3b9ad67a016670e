"""Markdown for every page the plugin produces, from the corpus (pure functions).

Everything that comes from an article or an author is escaped with
`markupsafe.escape` before it enters HTML, and with `escape_inline` before it
enters Markdown. Links inside raw HTML are written relative to the page
(MkDocs does not rewrite them), so the site works under any sub-path.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from markupsafe import Markup, escape

from ..corpus import Corpus, Doc, term_key
from ..markdown_text import escape_inline
from ..model import Theme

TYPE_LABELS = {
    "journal article": "Journal article", "commentary": "Commentary", "news": "News", "report": "Report",
    "interview": "Interview", "speech": "Speech", "briefing": "Briefing", "article": "Article",
}


def page_url(src_uri: str) -> str:
    """Directory-style URL of a source file, relative to the site root ("briefings/x/")."""
    if src_uri == "index.md":
        return ""
    stem = src_uri[:-3]
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def rel(from_src_uri: str, to_url: str) -> str:
    """Link from one page to a root-relative URL, so the site works under /<repo>/ too."""
    depth = page_url(from_src_uri).count("/")
    return "../" * depth + to_url if depth or to_url else "./"


def doc_url(doc: Doc) -> str:
    return f"briefings/{doc.slug}/"


def theme_url(slug: str) -> str:
    return f"themes/{slug}/"


def glossary_url(key: str) -> str:
    return f"glossary/#term-{key}"


def _h(text: object) -> Markup:
    return escape(str(text))


def _date_label(date: str | None) -> str:
    if not date:
        return "undated"
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    parts = date.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{months[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def _theme_links(doc: Doc, themes: dict[str, Theme], here: str) -> str:
    links = [
        f'<a class="bf-theme" href="{_h(rel(here, theme_url(t.theme)))}">{_h(themes[t.theme].title)}</a>'
        for t in doc.themes if t.theme in themes
    ]
    return "".join(links)


# ------------------------------------------------------------------ briefing page
def briefing_markdown(doc: Doc, corpus: Corpus, themes: dict[str, Theme], *, edit_base: str | None = None) -> str:
    """The whole briefing page: header, key points, summary, full text, references, related, backlinks, citation."""
    here = doc.src_uri
    parts = [_header(doc, themes, here, edit_base)]
    if doc.key_points:
        items = "".join(
            f'<li><a class="bf-kp" href="#{_h(k.paragraph)}">{_h(k.text)}</a></li>' if k.paragraph else f"<li>{_h(k.text)}</li>"
            for k in doc.key_points
        )
        parts.append(f'<aside class="bf-keypoints" aria-labelledby="key-points-title"><h2 id="key-points-title">Key points</h2><ul>{items}</ul></aside>')
    if doc.summary:
        sentences = " ".join(
            f'<a class="bf-sum" href="#{_h(s.paragraph)}" data-preview="{_h(s.paragraph)}">{_h(s.text)}</a>' if s.paragraph else str(_h(s.text))
            for s in doc.summary
        )
        parts.append(f'<section class="bf-summary" aria-labelledby="summary"><h2 id="summary">Summary</h2><p>{sentences}</p></section>')
    parts.append('<h2 id="full-text">Full text</h2>')
    parts.append(_body_with_citations(doc))
    parts.append(_related(doc, corpus, here))
    parts.append(_backlinks(doc, corpus, here))
    parts.append(_cite(doc))
    return "\n\n".join(p for p in parts if p) + "\n"


def _header(doc: Doc, themes: dict[str, Theme], here: str, edit_base: str | None) -> str:
    label = TYPE_LABELS.get(doc.type, doc.type.capitalize())
    kicker = f'<p class="bf-kicker"><span class="bf-type">{_h(label)}</span>{_theme_links(doc, themes, here)}</p>'
    title = f'<h1 id="title">{_h(doc.title)}</h1>'
    subtitle = f'<p class="bf-subtitle">{_h(doc.subtitle)}</p>' if doc.subtitle else ""
    dek = f'<p class="bf-dek">{_h(doc.dek)}</p>' if doc.dek else ""
    authors = ", ".join(
        f'<span class="bf-author">{_h(a.name)}</span>' + (f' <span class="bf-affiliation">({_h("; ".join(a.affiliations[:2]))})</span>' if a.affiliations else "")
        for a in doc.authors
    )
    meta = []
    if authors:
        meta.append(f'<span class="bf-byline">By {authors}</span>')
    meta.append(f'<time datetime="{_h(doc.date or "")}">{_h(_date_label(doc.date))}</time>')
    meta.append(f"<span>{doc.reading_time_minutes} min read</span>")
    source = []
    if doc.source_url and re.match(r"^https?://", doc.source_url):
        source.append(f'<a href="{_h(doc.source_url)}" rel="noopener">original</a>')
    if doc.doi:
        source.append(f'<a href="https://doi.org/{_h(doc.doi)}" rel="noopener">doi:{_h(doc.doi)}</a>')
    if doc.publisher:
        source.append(f"<span>{_h(doc.publisher)}</span>")
    if source:
        meta.append("Source: " + " · ".join(source))
    if edit_base:
        meta.append(f'<a class="bf-edit" href="{_h(edit_base.rstrip("/") + "/" + doc.path)}" rel="noopener">Edit this briefing</a>')
    return f'<header class="bf-header">{kicker}{title}{subtitle}{dek}<p class="bf-meta">{" · ".join(meta)}</p></header>'


def _body_with_citations(doc: Doc) -> str:
    """The body Markdown with "cited in ¶n" after each reference."""
    cited = dict(doc.body.cited_in)
    if not cited:
        return doc.body.markdown

    def add(m: re.Match[str]) -> str:
        ref = m.group(2)
        where = cited.get(ref)
        if not where:
            return m.group(0)
        links = ", ".join(f"[¶{doc.paragraph_number(p)}](#{p})" for p in where)
        return f"{m.group(1)} <span class=\"bf-cited\">cited in {links}</span>\n{{: #{ref}{m.group(3)}}}"

    return re.sub(r"([^\n]+)\n\{: #(ref-[\w-]+)([^}]*)\}", add, doc.body.markdown)


def _related(doc: Doc, corpus: Corpus, here: str) -> str:
    related = corpus.related.get(doc.slug) or []
    if not related:
        return ""
    items = "".join(
        f'<li><a href="{_h(rel(here, doc_url(r.doc)))}">{_h(r.doc.title)}</a> <span class="bf-why">shares {_h(", ".join(r.reasons))}</span></li>'
        for r in related
    )
    return f'<section class="bf-related" aria-labelledby="related-briefings"><h2 id="related-briefings">Related briefings</h2><ul>{items}</ul></section>'


def _backlinks(doc: Doc, corpus: Corpus, here: str) -> str:
    links = corpus.backlinks.get(doc.slug) or []
    if not links:
        return ""
    items = "".join(
        f'<li><a href="{_h(rel(here, doc_url(b.source)))}{"#" + _h(b.paragraph) if b.paragraph else ""}">{_h(b.source.title)}</a>'
        f"<blockquote>{_h(b.sentence)}</blockquote></li>"
        for b in links
    )
    return f'<section class="bf-backlinks" aria-labelledby="linked-from"><h2 id="linked-from">Linked from</h2><ul>{items}</ul></section>'


def _bib_key(doc: Doc) -> str:
    first = doc.authors[0].name.split()[-1] if doc.authors else "anon"
    return re.sub(r"[^A-Za-z0-9]", "", first.lower()) + (doc.date or "nd")[:4]


def _cite(doc: Doc) -> str:
    authors = [a.name for a in doc.authors]
    year = (doc.date or "n.d.")[:4]
    apa_authors = ", ".join(authors) if authors else doc.publisher or ""
    apa = f"{apa_authors} ({year}). {doc.title}." + (f" {doc.publisher}." if doc.publisher else "") + (f" https://doi.org/{doc.doi}" if doc.doi else (f" {doc.source_url}" if doc.source_url else ""))
    bib = "\n".join([
        f"@article{{{_bib_key(doc)},",
        f"  title = {{{doc.title}}},",
        *( [f"  author = {{{' and '.join(authors)}}},"] if authors else []),
        f"  year = {{{year}}},",
        *( [f"  doi = {{{doc.doi}}},"] if doc.doi else []),
        *( [f"  url = {{{doc.source_url}}},"] if doc.source_url else []),
        "}",
    ])
    ris = "\n".join(["TY  - JOUR", *[f"AU  - {a}" for a in authors], f"TI  - {doc.title}", f"PY  - {year}", *([f"DO  - {doc.doi}"] if doc.doi else []), *([f"UR  - {doc.source_url}"] if doc.source_url else []), "ER  - "])

    def block(label: str, text: str) -> str:
        return f'=== "{label}"\n\n    ```text\n' + "\n".join("    " + line for line in text.split("\n")) + "\n    ```"

    return '<h2 id="cite-this-briefing">Cite this briefing</h2>\n\n' + "\n\n".join([block("APA", apa), block("BibTeX", bib), block("RIS", ris)])


# ------------------------------------------------------------------ corpus pages
def _card(doc: Doc, here: str, themes: dict[str, Theme], extra: str = "") -> str:
    byline = ", ".join(a.name for a in doc.authors)
    meta = f"{_h(_date_label(doc.date))}" + (f" · {_h(byline)}" if byline else "")
    dek = f'<span class="bf-card-dek">{_h(doc.dek)}</span>' if doc.dek else ""
    return (
        f'<li class="bf-card"><a class="bf-card-title" href="{_h(rel(here, doc_url(doc)))}">{_h(doc.title)}</a>'
        f'<span class="bf-card-meta">{meta}</span>{dek}{extra}</li>'
    )


def _latest(docs: Iterable[Doc]) -> list[Doc]:
    return sorted(docs, key=lambda d: (d.date or "", d.title), reverse=True)


def home_markdown(corpus: Corpus, themes: dict[str, Theme], latest: int = 10) -> str:
    here = "index.md"
    theme_items = "".join(
        f'<li><a href="{_h(rel(here, theme_url(t.slug)))}">{_h(t.title)}</a> <span class="bf-count">{len(corpus.theme_index.get(t.slug, []))} briefings</span><br><span class="bf-card-dek">{_h(t.description)}</span></li>'
        for t in themes.values()
    )
    cards = "".join(_card(d, here, themes) for d in _latest(corpus.docs.values())[:latest])
    return (
        f'\n\n<h2 id="themes">Themes</h2><ul class="bf-themes">{theme_items}</ul>\n\n'
        f'<h2 id="latest-briefings">Latest briefings</h2><ul class="bf-cards">{cards}</ul>\n\n'
        f'<p><a href="{_h(rel(here, "archive/"))}">All {len(corpus.docs)} briefings by date</a></p>\n'
    )


def themes_index_markdown(corpus: Corpus, themes: dict[str, Theme]) -> str:
    here = "themes/index.md"
    items = "".join(
        f'<li><a href="{_h(rel(here, theme_url(t.slug)))}">{_h(t.title)}</a> <span class="bf-count">{len(corpus.theme_index.get(t.slug, []))} briefings</span><br><span class="bf-card-dek">{_h(t.description)}</span></li>'
        for t in themes.values()
    )
    return f"# Themes\n\n<ul class=\"bf-themes\">{items}</ul>\n"


def theme_hub_markdown(theme: Theme, corpus: Corpus, themes: dict[str, Theme]) -> str:
    here = f"themes/{theme.slug}.md"
    entries = corpus.theme_index.get(theme.slug, [])
    cards = []
    for e in entries:
        passage = e.doc.paragraph(e.paragraph) if e.paragraph else None
        quote = ""
        if passage:
            short = passage if len(passage) <= 420 else passage[:417].rsplit(" ", 1)[0] + "…"
            quote = f'<blockquote class="bf-passage"><a href="{_h(rel(here, doc_url(e.doc)))}#{_h(e.paragraph)}">{_h(short)}</a></blockquote>'
        cards.append(_card(e.doc, here, themes, f'<span class="bf-score">theme score {e.score:.2f}</span>{quote}'))
    listing = f'<ul class="bf-cards">{"".join(cards)}</ul>' if cards else "<p>No briefing carries this theme yet.</p>"
    return f"# {escape_inline(theme.title)}\n\n<p class=\"bf-dek\">{_h(theme.description)}</p>\n\n{listing}\n"


def glossary_markdown(corpus: Corpus) -> str:
    here = "glossary.md"
    rows = []
    for key, term in corpus.glossary.items():
        defined = ", ".join(
            f'<a href="{_h(rel(here, "briefings/" + slug + "/"))}{"#" + _h(p) if p else ""}">{_h(corpus.docs[slug].title)}{" ¶" + _h(corpus.docs[slug].paragraph_number(p)) if p else ""}</a>'
            for slug, p in term.defined_in[:3] if slug in corpus.docs
        )
        used = ", ".join(
            f'<a href="{_h(rel(here, "briefings/" + slug + "/"))}">{_h(corpus.docs[slug].title)}</a>'
            for slug in term.used_in if slug in corpus.docs
        )
        definition = _h(term.definition) if term.definition else Markup("<em>used without a definition</em>")
        defined_line = f'<p class="bf-src">Defined in {defined}</p>' if defined else ""
        rows.append(
            f'<dt id="term-{_h(key)}">{_h(term.term)} <span class="bf-kind">{_h(term.kind)}</span></dt>'
            f'<dd><p>{definition}</p>{defined_line}<p class="bf-src">Used in {used}</p></dd>'
        )
    return "# Glossary\n\n<dl class=\"bf-glossary\">" + "".join(rows) + "</dl>\n"


def entities_markdown(corpus: Corpus) -> str:
    here = "entities.md"
    groups: dict[str, list[str]] = defaultdict(list)
    titles = {"person": "People", "organisation": "Organisations", "place": "Places", "other": "Other"}
    for (kind, name), mentions in corpus.entities.items():
        where = "; ".join(
            f'<a href="{_h(rel(here, doc_url(doc)))}">{_h(doc.title)}</a> ('
            + ", ".join(f'<a href="{_h(rel(here, doc_url(doc)))}#{_h(p)}">¶{_h(doc.paragraph_number(p))}</a>' for p in e.paragraphs[:6])
            + ")"
            for doc, e in mentions
        )
        groups[kind].append(f'<li id="entity-{_h(term_key(name))}"><strong>{_h(name)}</strong>: {where}</li>')
    out = ["# People, organisations and places\n"]
    for kind in ("person", "organisation", "place", "other"):
        if groups.get(kind):
            out.append(f'<h2 id="{kind}">{titles[kind]}</h2><ul class="bf-entities">{"".join(groups[kind])}</ul>')
    return "\n\n".join(out) + "\n"


def archive_markdown(corpus: Corpus, themes: dict[str, Theme]) -> str:
    here = "archive.md"
    by_year: dict[str, list[Doc]] = defaultdict(list)
    for doc in _latest(corpus.docs.values()):
        by_year[(doc.date or "Undated")[:4]].append(doc)
    out = ["# Archive\n"]
    for year in sorted(by_year, reverse=True):
        out.append(f'<h2 id="year-{_h(year.lower())}">{_h(year)}</h2><ul class="bf-cards">{"".join(_card(d, here, themes) for d in by_year[year])}</ul>')
    tags: dict[str, list[Doc]] = defaultdict(list)
    for doc in corpus.docs.values():
        for tag in doc.tags or doc.keywords:
            tags[tag.strip().lower()].append(doc)
    if tags:
        out.append('<h2 id="tags">Tags</h2>')
        for tag in sorted(tags):
            links = ", ".join(f'<a href="{_h(rel(here, doc_url(d)))}">{_h(d.title)}</a>' for d in tags[tag])
            out.append(f'<p id="tag-{_h(term_key(tag))}"><strong>{_h(tag)}</strong>: {links}</p>')
    return "\n\n".join(out) + "\n"
