"""The corpus: every briefing as a `Doc`, and pure corpus-wide views over it.

Views are built from inverted indexes, never from all pairs of briefings:
related briefings look only at briefings that share a feature (entity,
glossary term, reference, theme), and features shared by more than
`MAX_POSTING` briefings are too common to say anything and are skipped, so
the cost grows as N·k, not N².
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date as Date
from typing import TYPE_CHECKING, Any

from .body import Body, BodyReference, parse_body
from .briefing_file import BriefingFile
from .decode import ANALYSIS_FIELDS, analysis_fields
from .markdown_ext import BlockReader
from .analysis.sentences import dek_paragraph
from .parsing.shapes import without_dateline
from .model import (
    Analysis, Anchored, Article, Author, Entity, GlossaryEntry, Paragraph, ParagraphThemes, Section, ThemeScore,
)

from .caches.same_object import reuse

if TYPE_CHECKING:
    from .caches.same_object import SameObjectMemo

MAX_POSTING = 50
RELATED_COUNT = 5


_PARAGRAPH_ID = re.compile(r"p-(\d+)$")

@dataclass(frozen=True, slots=True)
class Doc:
    """One briefing ready for the site: front matter (author's values win) plus computed analysis."""

    slug: str
    path: str
    title: str
    subtitle: str | None
    date: str | None
    type: str
    authors: tuple[Author, ...]
    publisher: str | None
    source_url: str | None
    doi: str | None
    abstract: str | None
    dek: str | None
    keywords: tuple[str, ...]
    tags: tuple[str, ...]
    draft: bool
    themes: tuple[ThemeScore, ...]
    reading_time_minutes: int
    summary: tuple[Anchored, ...]
    key_points: tuple[Anchored, ...]
    glossary: tuple[GlossaryEntry, ...]
    entities: tuple[Entity, ...]
    paragraph_themes: tuple[ParagraphThemes, ...]
    body: Body
    generated: bool = False
    funding: str | None = None
    provenance: tuple[str, ...] = ()
    header_lines: tuple[str, ...] = ()  # every header line of the raw article, as written (labelled or not)
    date_provenance: str | None = None  # "inferred ..." when the date is not the one the article states

    @property
    def src_uri(self) -> str:
        return f"briefings/{self.slug}.md"

    def paragraph(self, pid: str) -> str | None:
        for p in self.body.paragraphs:
            if p.id == pid:
                return p.text
        return None

    def paragraph_number(self, pid: str) -> str:
        m = _PARAGRAPH_ID.match(pid)
        return m.group(1) if m else pid


Analyser = Callable[[Article], Analysis]


def doc_from_file(bf: BriefingFile, analyse: Analyser | None, block_reader: BlockReader | None = None) -> Doc:
    """Build a Doc; fields the front matter lacks are computed from the body (read with the site's Markdown extensions)."""
    meta = bf.meta
    body = bf.parsed_body or parse_body(bf.body, bf.body_line, block_reader)
    given = analysis_fields(meta)  # the author's values win over computed ones
    needs = any(k not in given for k in ANALYSIS_FIELDS)
    computed = analyse(_article_from_body(bf, body)) if needs and analyse else Analysis()
    title = _line(meta.get("title")) or bf.slug
    abstract = _text(meta.get("abstract"))
    dek = _text(meta.get("dek")) or _first_sentence(abstract) or _body_dek(body)
    return Doc(
        slug=bf.slug,
        path=bf.path,
        title=title,
        subtitle=_line(meta.get("subtitle")),
        date=_date(meta.get("date")),
        type=str(meta.get("type") or "briefing"),
        authors=tuple(_author(a) for a in meta.get("authors") or () if _author(a)),
        publisher=_text(meta.get("publisher")),
        source_url=_text(meta.get("source_url")),
        doi=_text(meta.get("doi")),
        abstract=abstract,
        dek=dek,
        keywords=tuple(str(k) for k in meta.get("keywords") or ()),
        tags=tuple(str(k) for k in meta.get("tags") or ()),
        draft=meta.get("draft") is True,
        themes=given.get("themes", computed.themes),
        reading_time_minutes=given.get("reading_time_minutes") or computed.reading_time_minutes or 1,
        summary=given.get("summary", computed.summary),
        key_points=given.get("key_points", computed.key_points),
        glossary=given.get("glossary", computed.glossary),
        entities=given.get("entities", computed.entities),
        paragraph_themes=given.get("paragraph_themes", computed.paragraph_themes),
        body=body,
        generated=isinstance(meta.get("generated"), dict),
        funding=_text(meta.get("funding")),
        provenance=_lines(meta.get("provenance")),
        header_lines=_lines(meta.get("header_lines") or meta.get("metadata_lines")),
        date_provenance="inferred" if "date" in _lines(meta.get("inferred")) else None,
    )


def _article_from_body(bf: BriefingFile, body: Body) -> Article:
    sections: list[Section] = []
    current: str | None = None
    paras: list[Paragraph] = []
    for p in body.paragraphs:
        if p.heading != current and paras:
            sections.append(Section(current, tuple(paras)))
            paras = []
        current = p.heading
        paras.append(Paragraph(p.id, p.text, p.line, p.kind))
    if paras:
        sections.append(Section(current, tuple(paras)))
    meta = bf.meta
    return Article(
        source=bf.path, slug=bf.slug, title=str(meta.get("title") or bf.slug), date=_date(meta.get("date")),
        abstract=_text(meta.get("abstract")), keywords=tuple(str(k) for k in meta.get("keywords") or ()), sections=tuple(sections),
    )


def _lines(value: Any) -> tuple[str, ...]:
    """A list of text lines from front matter (one string counts as one line); blank lines dropped."""
    items = [value] if isinstance(value, str) else list(value or ()) if isinstance(value, (list, tuple)) else []
    return tuple(str(x) for x in items if x is not None and str(x).strip())


def _line(value: Any) -> str | None:
    """One-line text (titles, subtitles): line breaks in YAML values become spaces, so none can open a block."""
    text = _text(value)
    return re.sub(r"\s+", " ", text) if text else None


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _date(value: Any) -> str | None:
    if isinstance(value, Date):
        return value.isoformat()
    return str(value) if value is not None else None


def _body_dek(body: Body) -> str | None:
    """The dek of an article without an abstract: the first sentence of its first paragraph of prose (a speech's
    greeting skipped), without a news dateline."""
    texts = [p.text for p in body.paragraphs[:3]]
    return _first_sentence(without_dateline(texts[dek_paragraph(texts)])) if texts else None


def _first_sentence(text: str | None) -> str | None:
    if not text:
        return None
    text = re.sub(r"^\s*(?:\d{1,2}[.)]|[-•*])\s+", "", text)  # a list item's number or bullet is not the sentence
    m = re.match(r"(.+?[.!?])(?:\[\d{1,3}\])*(?:\s+(?=[A-Z“\"‘'(])|$)|(.+?[。！？][」』”’）]*)", text.strip(), re.S)
    sentence = ((m.group(1) or m.group(2)) if m else text).strip()  # a note mark after the full stop ("suppliers.[1]") stays with the paragraph
    return sentence if len(sentence) <= 400 else sentence[:397].rsplit(" ", 1)[0] + "…"


def _author(value: Any) -> Author | None:
    if isinstance(value, str):
        return Author(value)
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return Author(value["name"], tuple(str(a) for a in value.get("affiliations") or ()), value.get("email"), value.get("orcid"))
    return None


# ------------------------------------------------------------------ corpus-wide views
@dataclass(frozen=True)
class ThemeEntry:
    doc: Doc
    score: float
    paragraph: str | None


@dataclass(frozen=True)
class GlossaryTerm:
    key: str
    term: str
    kind: str
    definition: str | None
    defined_in: tuple[tuple[str, str | None], ...]  # (slug, paragraph) where a definition comes from
    used_in: tuple[str, ...]
    definitions: tuple[tuple[str, str], ...] = ()  # every distinct (definition, slug), for conflict checks


@dataclass(frozen=True)
class Related:
    doc: Doc
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Backlink:
    source: Doc
    paragraph: str | None
    sentence: str


@dataclass
class Corpus:
    docs: dict[str, Doc]
    theme_index: dict[str, list[ThemeEntry]] = field(default_factory=dict)
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    entities: dict[tuple[str, str], list[tuple[Doc, Entity]]] = field(default_factory=dict)
    related: dict[str, list[Related]] = field(default_factory=dict)
    backlinks: dict[str, list[Backlink]] = field(default_factory=dict)


def term_key(term: str) -> str:
    return re.sub(r"[^\w]+", "-", term.casefold()).strip("-")


def build_corpus(docs: Iterable[Doc], memo: SameObjectMemo | None = None) -> Corpus:
    """All corpus-wide views, each linear in the corpus size; given a memo (`mkdocs serve`), what each view
    works out from one Doc alone is reused for the Docs an earlier rebuild saw."""
    by_slug = {d.slug: d for d in sorted(docs, key=lambda d: d.slug)}
    corpus = Corpus(by_slug)
    corpus.theme_index = theme_index(by_slug.values(), memo)
    corpus.glossary = glossary_index(by_slug.values(), memo)
    corpus.entities = entity_index(by_slug.values())
    corpus.related = related_briefings(by_slug.values(), memo=memo)
    corpus.backlinks = backlinks(by_slug.values())
    return corpus


def _best_paragraph(doc: Doc, theme: str, listed: tuple[str, ...]) -> str | None:
    ids = [pt.paragraph for pt in doc.paragraph_themes if theme in pt.themes] or list(listed)
    if not ids:
        return None
    # The paragraph that best shows a theme is the earliest long one that carries it.
    wanted, lengths = set(ids), {}
    for p in doc.body.paragraphs:  # one pass (the first paragraph of an id counts), not a scan per candidate
        if p.id in wanted and p.id not in lengths:
            lengths[p.id] = len(p.text)

    def rank(pid: str) -> tuple[int, int]:
        m = _PARAGRAPH_ID.match(pid)
        number = m.group(1) if m else pid
        return -min(lengths.get(pid, 0), 600), int(number) if number.isdigit() else 0

    return min(ids, key=rank)


def _theme_entries(doc: Doc) -> list[ThemeEntry]:
    return [ThemeEntry(doc, t.score, _best_paragraph(doc, t.theme, t.paragraphs)) for t in doc.themes]


def theme_index(docs: Iterable[Doc], memo: SameObjectMemo | None = None) -> dict[str, list[ThemeEntry]]:
    index: dict[str, list[ThemeEntry]] = defaultdict(list)
    for doc in docs:
        entries = reuse(memo, ("themes", doc.slug), doc, lambda: _theme_entries(doc))
        for t, entry in zip(doc.themes, entries):
            index[t.theme].append(entry)
    for entries in index.values():
        entries.sort(key=lambda e: (-e.score, -(int((e.doc.date or "0")[:4]) if (e.doc.date or "0")[:4].isdigit() else 0), e.doc.title))
    return dict(index)


def _term_keys(doc: Doc) -> list[str]:
    return [term_key(g.term) for g in doc.glossary]


def glossary_index(docs: Iterable[Doc], memo: SameObjectMemo | None = None) -> dict[str, GlossaryTerm]:
    merged: dict[str, dict[str, Any]] = {}
    for doc in docs:
        keys = reuse(memo, ("terms", doc.slug), doc, lambda: _term_keys(doc))
        for g, key in zip(doc.glossary, keys):
            if not key:
                continue
            # used_in is a dict (ordered, O(1) membership): a list made common terms cost O(N²).
            entry = merged.setdefault(key, {"term": g.term, "kind": g.kind, "definition": None, "defined_in": [], "used_in": {}, "definitions": [], "folded": set()})
            entry["used_in"].setdefault(doc.slug)
            if g.definition:
                if entry["definition"] is None:
                    entry["definition"] = g.definition
                entry["defined_in"].append((doc.slug, g.paragraph))
                folded = g.definition.casefold()
                if folded not in entry["folded"]:
                    entry["folded"].add(folded)
                    entry["definitions"].append((g.definition, doc.slug))
    return {
        k: GlossaryTerm(k, v["term"], v["kind"], v["definition"], tuple(v["defined_in"]), tuple(v["used_in"]), tuple(v["definitions"]))
        for k, v in sorted(merged.items())
    }


def entity_index(docs: Iterable[Doc]) -> dict[tuple[str, str], list[tuple[Doc, Entity]]]:
    index: dict[tuple[str, str], list[tuple[Doc, Entity]]] = defaultdict(list)
    for doc in docs:
        for e in doc.entities:
            index[(e.kind, e.name)].append((doc, e))
    return dict(sorted(index.items()))


def _reference_key(ref: BodyReference) -> str:
    """What makes two briefings' references the same work: the author-year id ("ref-weiss-2015"); for a numbered
    note ("ref-3", which every briefing with notes has), its text without the number."""
    if not re.fullmatch(r"ref-\d+[a-z]?(?:-[a-z])?", ref.id):
        return ref.id
    return re.sub(r"[\W_]+", " ", re.sub(r"^\W*\d+[.)\]]?\s*", "", ref.text)).strip().casefold()[:120]


def _features(doc: Doc) -> dict[str, str]:
    """Feature id -> human reason."""
    feats: dict[str, str] = {}
    for e in doc.entities[:25]:
        feats[f"e:{e.name.casefold()}"] = e.name
    for g in doc.glossary:
        feats[f"g:{term_key(g.term)}"] = g.term
    for r in doc.body.references:
        feats[f"r:{_reference_key(r)}"] = f"cites {r.text[:40]}…" if len(r.text) > 40 else f"cites {r.text}"
    for t in doc.themes:
        feats[f"t:{t.theme}"] = f"theme {t.theme}"
    return feats


def related_briefings(docs: Iterable[Doc], count: int = RELATED_COUNT, memo: SameObjectMemo | None = None) -> dict[str, list[Related]]:
    """Top related briefings per briefing through an inverted index (IDF-weighted shared features)."""
    docs = list(docs)
    features = {d.slug: reuse(memo, ("features", d.slug), d, lambda: _features(d)) for d in docs}
    postings: dict[str, list[str]] = defaultdict(list)
    for slug, feats in features.items():
        for f in feats:
            postings[f].append(slug)
    n = max(len(docs), 1)
    by_slug = {d.slug: d for d in docs}
    out: dict[str, list[Related]] = {}
    for doc in docs:
        scores: dict[str, float] = defaultdict(float)
        reasons: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for f, reason in features[doc.slug].items():
            posting = postings[f]
            if len(posting) > MAX_POSTING or len(posting) < 2:
                continue
            weight = math.log(1 + n / len(posting)) * (0.5 if f.startswith("t:") else 1.0)
            for other in posting:
                if other != doc.slug:
                    scores[other] += weight
                    reasons[other].append((weight, reason))
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:count]
        out[doc.slug] = [
            Related(by_slug[s], round(score, 3), tuple(r for _, r in sorted(reasons[s], key=lambda x: (-x[0], x[1]))[:4]))
            for s, score in ranked
        ]
    return out


def backlinks(docs: Iterable[Doc]) -> dict[str, list[Backlink]]:
    index: dict[str, list[Backlink]] = defaultdict(list)
    for doc in docs:
        for link in doc.body.links:
            if link.target != doc.slug:
                index[link.target].append(Backlink(doc, link.paragraph, link.sentence))
    return dict(index)
