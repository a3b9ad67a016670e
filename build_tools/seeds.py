"""Raw article text to a lossless `Article` record.

`parse_seed(text, source)` is pure; `read_seed(path)` decodes the bytes and
wraps it. The parser works in passes, each linear in the text:

1. lines: form feeds, page numbers and running headers/footers are removed
   (each recorded as an "info" diagnostic);
2. blocks: runs of non-blank lines;
3. header: title, subtitle, date, authors, DOI, funding, provenance, abstract
   and keywords are read from the blocks before the body starts; any header
   line no field claims is kept verbatim in `metadata_lines`;
4. body: headings, lists, quotes and paragraphs; sentences cut by a page
   break are joined again; the reference list is split into entries;
5. citations are found in the paragraphs and resolved to references.

Every word of the input ends up in a field, a paragraph, a reference or an
info diagnostic; `tests/unit/test_no_loss.py` checks that word by word.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .dates import date_line_value, find_dates
from .decoding import DecodeError, decode_article
from .errors import InputError
from .model import Article, Author, Citation, Diagnostic, Paragraph, Reference, Section
from .references import find_citations, parse_reference, unique_ids
from .slugs import slugify

# ---------------------------------------------------------------- line patterns
_PAGE_NUMBER = re.compile(r"^\s*(?:(?:page|p\.)\s*)?[-–—]?\s*\d{1,3}\s*[-–—]?\s*(?:(?:of|/)\s*\d{1,3})?\s*$", re.I)
_SEPARATOR = re.compile(r"^\s*(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,}|(?:~\s*){3,}|(?:#\s*){3,}|(?:•\s*){3,}|(?:·\s*){3,})$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_NUMBERED_HEADING = re.compile(r"^\s*(?:(?:\d{1,2}(?:\.\d{1,2})*\.?)|(?:[IVX]{1,5}\.))\s+(?=[A-Z“\"'‘])")
_BULLET = re.compile(r"^\s*(?:[-*•→▪◦‣–—·]|\d{1,2}[.)]|[a-z][.)]|\(\d{1,2}\)|\([a-z]\))\s+\S")
_QUOTE = re.compile(r"^\s*>\s?")
_TERMINAL = ".!?:;…\"”’')]>»"
_LETTERS = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")

_BYLINE = re.compile(r"^\s*(?:by|written\s+by|words\s+by)\s*:?\s+(?P<names>\S.*)$", re.I)
_AUTHOR_LABEL = re.compile(r"^\s*(?:authors?|writers?|contributors?)\s*:\s*(?P<names>\S.*)$", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_EMAIL_LINE = re.compile(r"^\s*(?:[•\-*]\s*)?e-?mail\s*:?\s*", re.I)
_ORCID = re.compile(r"\b(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\b")
_ORCID_LINE = re.compile(r"^\s*(?:[•\-*]\s*)?orcid\b", re.I)
_ADDRESS_LINE = re.compile(r"^\s*(?:address|postal address|mailing address)\s*:", re.I)
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s<>\"]+[^\s<>\".,;:)\]])")
_DOI_LINE = re.compile(r"^\s*(?:[•\-*]\s*)?(?:doi\s*:?|https?://(?:dx\.)?doi\.org/)", re.I)
_FUNDING = re.compile(
    r"^\s*(?:[•\-*]\s*)?(?:funding\s*:|supported\s+by\s*:?|acknowledge?ments?\s*:|"
    r"(?:the|this)\s+(?:reported\s+|present\s+)?(?:study|research|work|article|paper|project|publication)\s+(?:was|is|has\s+been)\s+"
    r"(?:\w+\s+){0,2}(?:funded|supported|financed|sponsored)\b|(?:this\s+)?(?:research|work)\s+(?:was\s+)?(?:funded|supported)\s+by\b)",
    re.I,
)
_PROVENANCE = re.compile(
    r"^\s*(?:©|\(c\)\s|copyright\b|cite\s+as\b|citation\s*:|how\s+to\s+cite\b|originally\s+published|first\s+published\s+(?:in|by|on)\b|"
    r"republished\b|reprinted\b|reproduced\b|a\s+version\s+of\s+this\b|an?\s+(?:earlier|shorter|longer|previous)\s+version\b|"
    r"(?:this|the)\s+(?:story|article|piece|essay|op-ed|commentary|paper|post|report|interview|text)\s+"
    r"(?:was\s+|is\s+|has\s+been\s+|first\s+|originally\s+){1,3}(?:originally\s+|first\s+)?"
    r"(?:published|appeared|ran|written|posted|adapted|republished|reprinted|an?\s+(?:\w+\s+){0,3}(?:version|adaptation|update))\b)",
    re.I,
)
_ABSTRACT_LABEL = re.compile(r"^\s*(?:#{1,6}\s*)?(?:abstract|summary|standfirst)\s*[:.—–-]?\s*$", re.I)
_ABSTRACT_INLINE = re.compile(r"^\s*(?:abstract|summary)\s*[:.—–]\s*(?P<rest>\S.*)$", re.I)
_KEYWORDS = re.compile(r"^\s*(?:#{1,6}\s*)?(?:key\s*words|keywords|index\s+terms|tags)\s*[:.—–-]\s*(?P<rest>.*)$", re.I)
_JOURNAL_LINE = re.compile(r"\b(?:vol(?:ume)?\.?\s*\d+|issue\s*\(?\d+|no\.\s*\d+\s*,\s*(?:19|20)\d\d|pp?\.\s*\d+)|››|\bISSN\b", re.I)
_LABEL_BULLET = re.compile(r"^\s*[•▪◦]\s*\S")
_REFERENCES_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\d{1,2}\.?\s+)?(?:references?(?:\s+list)?|bibliography|sources|works\s+cited|literature(?:\s+cited)?|"
    r"notes(?:\s+and\s+references)?|endnotes|footnotes|citations|further\s+reading)\s*:?\s*$",
    re.I,
)
_NUMBERED_REF = re.compile(r"^\s*\[\d{1,3}\]\s+\S")
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(?:\([^)]{2,30}\))?\s*[–—-]\s")
_SPEAKER_LABEL = re.compile(r"^(?:Q\d*|A|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s")
_LABEL_PREFIX = re.compile(r"^[A-Z][\w ]{0,30}:\s")
_SPEAKER = re.compile(
    r"\b(?i:speech|remarks|address|statement|keynote|lecture|testimony)\s+(?i:delivered\s+)?(?i:by)\s+"
    r"(?:(?i:the\s+)?(?i:president|prime\s+minister|minister|commissioner|secretary(?:\s+of\s+state)?|chancellor|ambassador|"
    r"vice[- ]president|executive\s+vice[- ]president|high\s+representative|governor|senator|chair(?:man|woman)?|"
    r"director(?:[- ]general)?|dr\.?|prof\.?|professor|mr\.?|ms\.?|mrs\.?|sir|dame|h\.?e\.?)\s+)*"
    r"(?P<name>(?:[A-Z][\w'’-]+|[A-Z]\.)(?:\s+(?:[A-Z][\w'’-]+|[A-Z]\.|van|von|de|der|da|del|di|bin|al)){1,3})"
)
_READING_TIME = re.compile(r"^\s*(?:reading\s+time\s*:?\s*)?\d{1,3}\s*(?:-|–)?\s*min(?:ute)?s?(?:\s+read)?\s*$", re.I)
_POSTED_BY = re.compile(r"\bby\s+(?P<names>[A-Z][^|•·]+?)\s*(?:$|[|•·]|\bon\b)")
_CREDENTIALS = re.compile(r",?\s*\b(?:PhD|Ph\.D\.|MD|MBA|MA|MSc|BA|JD|Jr\.?|Sr\.?|Esq\.?|FRS)\b\.?", re.I)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-zà-ÿ'’\-]+(?:-[A-Z][a-zà-ÿ'’]+)?|[A-Z]{2,}|[A-Z]\.(?:[A-Z]\.)*|Mc[A-Z][a-z]+|O['’][A-Z][a-z]+|[a-z]{1,3})$")
_NAME_PARTICLES = {"van", "von", "de", "der", "da", "del", "di", "bin", "al", "la", "le", "du", "dos", "das"}
_NOT_NAME_WORDS = {
    "the", "and", "of", "in", "on", "for", "to", "with", "from", "digital", "policy", "report", "brief", "briefing",
    "review", "analysis", "introduction", "conclusion", "abstract", "summary", "contents", "keywords", "references",
    "protocols", "technology", "technologies", "network", "networks", "security", "sovereignty", "china", "russia",
    "europe", "america", "united", "states", "union", "university", "institute", "center", "centre", "school", "department",
    "committee", "council", "ministry", "news", "wire", "press", "times", "post", "journal", "magazine", "daily",
    "global", "world", "international", "national", "new", "key", "points", "executive", "background", "methods", "results",
    "discussion", "notes", "sources", "appendix", "chapter", "part", "section", "table", "figure", "opinion", "commentary",
    "analysis", "update", "updated", "published", "reports", "data", "cyber", "internet", "open", "ran", "strategy",
    "geopolitics", "trade", "economy", "power", "future", "age", "war", "cold", "era", "dives", "what", "why", "how",
    "who", "when", "where", "is", "are", "a", "an", "our", "your", "their", "its", "this", "that", "these",
}
_ORG_WORDS = re.compile(
    r"\b(?:university|universit[äe]t|institute|institution|college|school|department|faculty|centre|center|academy|ministry|"
    r"agency|council|foundation|laboratory|lab|office|bureau|corporation|company|group|programme|program|association|"
    r"society|commission|committee|chair|professor|director|fellow|researcher|lecturer|editor|analyst|head|dean|"
    r"student|candidate|post|ltd|inc|llc|gmbh)\b",
    re.I,
)


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
class _Header:
    title: str | None = None
    title_line: int | None = None
    subtitle: str | None = None
    date: str | None = None
    date_strength: int = 0
    authors: list[dict] = field(default_factory=list)
    doi: str | None = None
    funding: list[str] = field(default_factory=list)
    publisher: str | None = None
    abstract: str | None = None
    keywords: list[str] = field(default_factory=list)
    provenance: list[str] = field(default_factory=list)
    metadata_lines: list[str] = field(default_factory=list)
    url: str | None = None


@dataclass
class _Item:
    """A body element before ids are given: heading, paragraph, list, quote or reference."""

    kind: str  # heading | text | list | quote | separator
    text: str
    line: int
    level: int = 2
    line_starts: list[tuple[int, int]] = field(default_factory=list)


# ------------------------------------------------------------------ entry points
def read_seed(path: Path, *, source: str | None = None) -> Article:
    """Read, decode and parse one raw article file; raise InputError with a hint when it cannot be read."""
    name = source or path.as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read the file ({exc.strerror})", "check the path and permissions") from exc
    if not data:
        raise InputError(name, "the file is empty", "paste the article text into it, or remove it")
    try:
        decoded = decode_article(data)
    except DecodeError as exc:
        raise InputError(name, f"cannot decode the file: it {exc}", "save it as UTF-8 text and run again") from exc
    if not decoded.text.strip(" \t\n\f\ufeff\u00a0"):
        raise InputError(name, "the file holds only whitespace", "paste the article text into it, or remove it")
    return parse_seed(decoded.text, name)


def parse_seed(text: str, source: str) -> Article:
    """Parse the text of one raw article into an Article. Raises InputError only when there is no title."""
    text = text.lstrip("\ufeff")
    diagnostics: list[Diagnostic] = []
    lines = _clean_lines(text, diagnostics)
    blocks = _blocks(lines)
    header, body_start = _read_header(blocks, diagnostics)
    if not header.title:
        raise InputError(source, "no recognisable title", "put the article's title alone on the first line", line=1)
    items, reference_blocks = _read_body(blocks[body_start:], diagnostics)
    items = _merge_labels(_join_page_breaks(items, diagnostics))
    items, trailing = _take_trailing_metadata(items)
    header.provenance.extend(trailing)
    references = _read_references(reference_blocks, diagnostics)
    if not header.abstract:
        items, standfirst = _take_standfirst(items, has_references=bool(references))
        header.abstract = standfirst
    items = _split_run_in_headings(items)
    sections, line_maps = _sections(items)
    citations, cite_diags = _citations(sections, references, line_maps)
    diagnostics.extend(cite_diags)
    if not any(s.paragraphs for s in sections):
        diagnostics.append(Diagnostic(None, "warning", "no body text was found after the header"))
    authors = tuple(
        Author(a["name"], tuple(a["affiliations"]), a.get("email"), a.get("orcid"), a.get("address")) for a in header.authors
    )
    article = Article(
        source=source,
        slug=slugify(header.title, fallback_seed=source),
        title=header.title,
        subtitle=header.subtitle,
        date=header.date,
        authors=authors,
        doi=header.doi,
        funding=" ".join(header.funding) or None,
        publisher=header.publisher,
        abstract=header.abstract,
        keywords=tuple(header.keywords),
        sections=sections,
        references=references,
        citations=citations,
        diagnostics=tuple(sorted(diagnostics, key=lambda d: (d.line or 0, d.severity, d.message))),
        kind="article",
        url=header.url,
        provenance=tuple(header.provenance),
        metadata_lines=tuple(header.metadata_lines),
    )
    return _with_kind(article)


# ------------------------------------------------------------------ pass 1: lines
def _clean_lines(text: str, diagnostics: list[Diagnostic]) -> list[_Line | None]:
    """Lines with layout noise removed; None marks a blank (or removed) line."""
    raw = text.split("\n")
    out: list[_Line | None] = []
    for number, line in enumerate(raw, start=1):
        if "\f" in line:
            diagnostics.append(Diagnostic(number, "info", "page break (form feed) removed"))
            line = line.replace("\f", " ")
        line = line.replace("\u00a0", " ").replace("\u200b", "").rstrip()
        out.append(_Line(number, line) if line.strip() else None)
    _remove_page_numbers(out, diagnostics)
    _remove_running_heads(out, diagnostics)
    return out


def _remove_page_numbers(lines: list[_Line | None], diagnostics: list[Diagnostic]) -> None:
    for i, line in enumerate(lines):
        if line is None or not _PAGE_NUMBER.match(line.text):
            continue
        alone = (i == 0 or lines[i - 1] is None) and (i + 1 >= len(lines) or lines[i + 1] is None)
        if alone:
            diagnostics.append(Diagnostic(line.number, "info", f"page number removed: {line.text.strip()!r}"))
            lines[i] = None


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def _remove_running_heads(lines: list[_Line | None], diagnostics: list[Diagnostic]) -> None:
    """Short lines repeated three or more times (page numbers aside) are running headers or footers."""
    counts = Counter(
        _running_key(line.text) for line in lines
        if line is not None and len(line.text) <= 100 and len(line.text.split()) >= 2 and not _SEPARATOR.match(line.text)
    )
    repeated = {key for key, n in counts.items() if n >= 3}
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
        if line is not None and _running_key(line.text) in repeated and len(line.text.split()) >= 2 and len(line.text) <= 100:
            diagnostics.append(Diagnostic(line.number, "info", f"running header/footer removed: {line.text.strip()!r}"))
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


# ------------------------------------------------------------------ helpers
def _words(text: str) -> list[str]:
    return _WORD.findall(text)


_FOOTNOTE_TAIL = re.compile(r"(?<=[.!?:;\"”’')\]])(?:\d{1,3}|\[\d{1,3}\]|\*{1,3}|[†‡])$")


def _ends_sentence(text: str) -> bool:
    stripped = _FOOTNOTE_TAIL.sub("", text.rstrip().rstrip("*_`")).rstrip()
    return bool(stripped) and stripped[-1] in _TERMINAL


def _is_upper_heading(text: str) -> bool:
    letters = _LETTERS.findall(text)
    if len(letters) < 4 or len(text.split()) > 20 or len(text) > 160:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper / len(letters) >= 0.85 and not text.rstrip().endswith((".", ","))


def _strip_md(text: str) -> str:
    text = text.strip()
    if len(text) > 2 and text[0] == text[-1] and text[0] in "*_" and text.count(text[0]) == 2:
        return text[1:-1].strip()
    if text.startswith("**") and text.endswith("**") and len(text) > 4:
        return text[2:-2].strip()
    return text


def _is_name(text: str) -> bool:
    """True for a line that is just a person's name ("Andrei O. Bezrukov", "LIU Yan", "Folashadé Soulé")."""
    text = _CREDENTIALS.sub("", _strip_md(text)).strip(" ,")
    text = re.sub(r"^(?:dr|prof|professor|mr|ms|mrs)\.?\s+", "", text, flags=re.I)
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or len(text) > 60 or any(ch.isdigit() for ch in text):
        return False
    if any(t.lower().strip(".,") in _NOT_NAME_WORDS for t in tokens if t.lower() not in _NAME_PARTICLES and not re.fullmatch(r"[A-Z]\.", t)):
        return False
    if sum(1 for t in tokens if re.fullmatch(r"[A-Z]{2,}", t)) > 1 or re.search(r"['’]s\b", text):
        return False
    caps = sum(1 for t in tokens if t[0].isupper())
    return caps >= 2 and all(_name_token(t) or t.lower() in _NAME_PARTICLES for t in tokens)


def _name_token(token: str) -> bool:
    """A capitalised word of any script ("Milić", "Соколова"), an initial ("O."), or a capitalised surname ("LIU")."""
    if re.fullmatch(r"(?:[^\W\d_]\.){1,3}", token):
        return token[0].isupper()
    core = token.replace("’", "'")
    if not core[0].isupper():
        return False
    return all(part and part.isalpha() for part in re.split(r"[-']", core))


def _split_names(text: str) -> list[str]:
    """Names from a byline: "A, B and C", "A & B", dropping credentials and trailing dates."""
    text = _strip_md(text)
    for d in reversed(find_dates(text)):
        text = text[: d.start] + text[d.end :]
    text = _CREDENTIALS.sub("", text)
    text = re.sub(r"\s*[|•·]\s*.*$", "", text)
    parts = re.split(r"\s*[,;]\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text)
    names = []
    for part in parts:
        part = re.sub(r"^(?:dr|prof|professor|mr|ms|mrs)\.?\s+", "", part.strip(" .,;"), flags=re.I)
        if part and len(part.split()) <= 5 and part[0].isupper():
            names.append(part)
    return names


def _is_headline(text: str) -> bool:
    """A line that could be a title or subtitle: short, not a sentence run-on, not a list item."""
    words = text.split()
    if not words or len(words) > 40 or len(text) > 300:
        return False
    if _BULLET.match(text) and not _NUMBERED_HEADING.match(text):
        return False
    sentences = re.findall(r"[.!?](?:\s|$)", text.rstrip(". "))
    return len(sentences) <= 1


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
    if len(words) <= 12 and len(plain) <= 100 and not plain.endswith((".", ",", ";", ":", "!")) and not _ends_with_link(plain):
        return plain, 2
    return None


def _ends_with_link(text: str) -> bool:
    return text.endswith(">") or bool(re.search(r"https?://\S+$", text))


# ------------------------------------------------------------------ pass 3: header
def _read_header(blocks: list[_Block], diagnostics: list[Diagnostic]) -> tuple[_Header, int]:
    """Read metadata from the top blocks; return it and the index of the first body block."""
    h = _Header()
    current_author: dict | None = None
    b = 0
    in_abstract = False
    abstract_parts: list[str] = []
    pending_funding = False
    while b < len(blocks):
        block = blocks[b]
        text = block.text
        if h.title is not None and not in_abstract:
            if _starts_body(blocks, b, h):
                break
        if in_abstract:
            kw = _KEYWORDS.match(block.lines[0].text)
            if kw or _heading_candidate(block) and abstract_parts or (_is_prose(block) is False and abstract_parts):
                in_abstract = False
                h.abstract = "\n\n".join(abstract_parts) or None
                continue
            abstract_parts.append(text)
            b += 1
            continue
        li = 0
        prev_kind = "title" if h.title is not None and b > 0 and blocks[b - 1].lines[-1].number == h.title_line else None
        lines = block.raw_lines
        joined = " ".join(lines)
        if len(lines) > 1 and h.title is not None and _strip_md(joined) != joined and _is_author_list(_strip_md(joined)):
            lines = [joined]  # an emphasised author list wrapped over several lines
        while li < len(lines):
            line = lines[li]
            nxt = lines[li + 1] if li + 1 < len(lines) else _first_line(blocks, b + 1)
            kind = _classify_header_line(line, nxt, h, current_author, li + 1 < len(lines))
            if kind in ("subtitle", "text") and prev_kind == "title" and _is_dek(line, h):
                kind = "dek"
            prev_kind = kind
            if kind == "abstract_label":
                h.metadata_lines.append(line)
                in_abstract = True
                if li + 1 < len(lines):
                    abstract_parts.append(" ".join(lines[li + 1 :]))
                break
            if kind == "abstract_inline":
                rest = _ABSTRACT_INLINE.match(line).group("rest")  # type: ignore[union-attr]
                h.metadata_lines.append(line[: len(line) - len(rest)].strip())
                h.abstract = " ".join([rest, *lines[li + 1 :]])
                break
            if kind == "keywords":
                rest = " ".join([_KEYWORDS.match(line).group("rest"), *lines[li + 1 :]])  # type: ignore[union-attr]
                h.metadata_lines.append(line[: len(line) - len(_KEYWORDS.match(line).group("rest"))].strip())  # type: ignore[union-attr]
                h.keywords = [k.strip(" .;") for k in re.split(r"[;,]|\s[·•]\s", rest) if k.strip(" .;")]
                break
            if kind == "funding_label":
                pending_funding = True
                h.metadata_lines.append(line)
            elif kind == "funding" or (pending_funding and kind in ("text", "provenance")):
                h.funding.append(re.sub(r"^\s*(?:[•\-*]\s*)?(?:funding|supported\s+by)\s*:\s*", "", line, flags=re.I))
                pending_funding = kind != "funding" and bool(h.funding) and not _ends_sentence(line)
            elif kind == "provenance":
                h.provenance.append(line)
                _take_url(h, line)
            elif kind == "doi":
                h.doi = h.doi or _DOI.search(line).group(1)  # type: ignore[union-attr]
                h.metadata_lines.append(line)
                _take_date(h, line, strength=2)
            elif kind == "journal":
                h.metadata_lines.append(line)
                doi = _DOI.search(line)
                if doi and not h.doi:
                    h.doi = doi.group(1)
                if not h.publisher:
                    h.publisher = re.split(r"\s*(?:››|,\s*vol|,\s*volume|\|)", line, maxsplit=1, flags=re.I)[0].strip(" ,") or None
                _take_date(h, line, strength=2, bare_years=True)
            elif kind == "date":
                h.metadata_lines.append(line)
                for segment in re.split(r"\s*[|•·]\s*", line):
                    if _is_name(segment) and not find_dates(segment):
                        current_author = _add_author(h, segment)  # "Jane Doe | February 6, 2024"
                posted = _POSTED_BY.search(line)  # "Posted on March 3, 2021 by Jane Doe"
                if posted:
                    for name in _split_names(posted.group("names")):
                        if _is_name(name):
                            current_author = _add_author(h, name)
                _take_date(h, line, strength=4 if re.search(r"\bpublished\b", line, re.I) else 3)
                doi = _DOI.search(line)
                if doi and not h.doi:
                    h.doi = doi.group(1)
            elif kind == "byline":
                h.metadata_lines.append(line)
                names = []
                for name in _byline_names(_strip_md(line)):
                    if len(name.split()) == 1 and not h.publisher:
                        h.publisher = name  # "By Jane Doe, Reuters": an outlet, not a writer
                    elif len(name.split()) > 1:
                        names.append(name)
                        current_author = _add_author(h, name)
                _take_date(h, line, strength=1)
                # Lines after a byline in the same block: affiliation or outlet.
                while li + 1 < len(lines) and _classify_header_line(lines[li + 1], None, h, current_author) == "text":
                    li += 1
                    follower = lines[li]
                    h.metadata_lines.append(follower)
                    if _ORG_WORDS.search(follower) and names:
                        for a in h.authors[-len(names):]:
                            a["affiliations"].append(follower)
                    elif not h.publisher and not _READING_TIME.match(follower) and not any(ch.isdigit() for ch in follower):
                        h.publisher = follower
            elif kind == "author_list":
                h.metadata_lines.append(line)
                for name in _split_names(line):
                    current_author = _add_author(h, name)
            elif kind == "author_name":
                h.metadata_lines.append(line)
                name = _CREDENTIALS.sub("", _strip_md(line)).strip(" ,")
                current_author = _add_author(h, name)
            elif kind == "author_with_affiliation":
                h.metadata_lines.append(line)
                name, rest = line.split(",", 1)
                current_author = _add_author(h, name.strip())
                current_author["affiliations"].append(rest.strip())
            elif kind == "email":
                h.metadata_lines.append(line)
                target = current_author or (h.authors[-1] if h.authors else None)
                email = _EMAIL.search(line)
                orcid = _ORCID.search(line)
                if target is not None:
                    if email and not target.get("email"):
                        target["email"] = email.group(0)
                    if orcid and not target.get("orcid"):
                        target["orcid"] = orcid.group(1)
            elif kind == "address":
                h.metadata_lines.append(line)
                if current_author is not None:
                    current_author["address"] = re.sub(r"^\s*[^:]*:\s*", "", line)
            elif kind == "affiliation":
                h.metadata_lines.append(line)
                if current_author is not None:
                    current_author["affiliations"].append(re.sub(r"^\s*(?:\d{1,2}[.)]|[•\-*])\s*", "", line).strip())
            elif kind == "title":
                if not _is_title_like(line):
                    return h, b  # the text opens with body prose: there is no title to read
                h.title = _strip_md(_MD_HEADING.sub(r"\2", line)).strip()
                h.title_line = block.lines[li].number
                speaker = _SPEAKER.search(h.title)
                if speaker and not h.authors:
                    _add_author(h, speaker.group("name"))
            elif kind == "publisher":
                h.metadata_lines.append(line)
                h.publisher = line.strip()
            elif kind == "dek":
                h.abstract = _strip_md(line)
            elif kind == "subtitle":
                h.subtitle = _strip_md(_MD_HEADING.sub(r"\2", line)).strip()
            elif kind == "dek_bullets":
                dek = lines[li:]
                h.abstract = "\n".join(dek)
                break
            else:  # label or unrecognised header line: kept verbatim
                h.metadata_lines.append(line)
                if current_author is not None and kind == "text" and _ORG_WORDS.search(line) and len(line.split()) <= 12:
                    h.metadata_lines.pop()
                    h.metadata_lines.append(line)
                    current_author["affiliations"].append(line)
            li += 1
        b += 1
    if in_abstract:
        h.abstract = "\n\n".join(abstract_parts) or None
    return h, b


def _is_title_like(line: str) -> bool:
    """A title is one headline, not a run of sentences."""
    text = _strip_md(_MD_HEADING.sub(r"\2", line)).strip()
    words = text.split()
    sentences = len(re.findall(r"[a-z0-9)”\"’'][.!?](?:\s+[A-Z“\"‘']|$)", text))
    return bool(_WORD.search(text)) and len(words) <= 40 and not (sentences >= 2 and len(words) > 20)


def _is_dek(line: str, h: _Header) -> bool:
    """A one-sentence standfirst right under the title (ends with a period, unlike a subtitle)."""
    text = _strip_md(line)
    return h.abstract is None and h.subtitle is None and text.endswith(".") and len(text.split()) >= 6 and not _SPEAKER_LABEL.match(text)


def _first_line(blocks: list[_Block], index: int) -> str | None:
    return blocks[index].lines[0].text.strip() if index < len(blocks) else None


def _metadata_block(block: _Block) -> bool:
    first = block.lines[0].text
    return bool(
        _PROVENANCE.match(first) or _FUNDING.match(first) or _ABSTRACT_INLINE.match(first)
        or _KEYWORDS.match(first) or _DOI_LINE.match(first) or _EMAIL_LINE.match(first)
    ) and len(_words(block.text)) <= 80


def _starts_body(blocks: list[_Block], b: int, h: _Header) -> bool:
    """Whether block b (after the title) opens the body: a heading over content, or prose."""
    block = blocks[b]
    first = block.lines[0].text
    if _metadata_block(block) or _ABSTRACT_LABEL.match(first) or _KEYWORDS.match(first):
        return False
    if _BYLINE.match(first) or _AUTHOR_LABEL.match(first) or date_line_value(first) and len(first.split()) <= 12:
        return False
    if len(block.lines) == 1 and (_is_name(first) or _is_author_list(_strip_md(first.strip()))):
        return False
    heading = _heading_candidate(block)
    if heading:
        nxt = blocks[b + 1] if b + 1 < len(blocks) else None
        if _MD_HEADING.match(first) or _REFERENCES_HEADING.match(_strip_md(first)):
            return True
        if nxt is not None and (_is_prose(nxt) or _is_list(nxt) or _heading_candidate(nxt) is None and _NUMBERED_HEADING.match(first)):
            return not (_is_name(first))
        return False
    if any(_is_metadata_line(x.text) for x in block.lines):
        return False
    following = blocks[b + 1].lines[0].text.strip() if b + 1 < len(blocks) else ""
    if following and len(_words(block.text)) <= 60 and (_BYLINE.match(_strip_md(following)) or _is_metadata_line(following)):
        return False  # a dek or standfirst above the byline or date: still the header
    if h.authors and len(block.lines) > 1 and _line_structured(block):
        return False  # affiliation lines under an author's name
    return _is_list(block) or _is_prose(block)


def _line_structured(block: _Block) -> bool:
    """Several short lines, none ending a sentence: an address-like block, not wrapped prose."""
    lines = block.raw_lines
    return all(len(x) <= 90 and not x.rstrip("*_").endswith((".", "!", "?", "”", '"')) for x in lines) and not re.search(r"[.!?]\s+[A-Z]", block.text)


def _is_author_affiliation(line: str) -> bool:
    """ "Name, unit, institution, country" on one line."""
    head, _, rest = line.partition(",")
    return bool(rest) and _is_name(head) and bool(_ORG_WORDS.search(rest)) and len(line.split()) <= 25 and not _ends_sentence(line)


def _is_metadata_line(line: str) -> bool:
    """A header line that never belongs to the body: dates, e-mail/ORCID, funding, abstract labels, author lines."""
    stripped = line.strip()
    return _is_author_affiliation(stripped) or bool(
        _EMAIL_LINE.match(stripped) or _ORCID_LINE.match(stripped) or _ABSTRACT_INLINE.match(stripped)
        or re.match(r"^\s*(?:[•\-*]\s*)?(?:supported\s+by|funding|contact)\s*:", stripped, re.I)
        or (date_line_value(stripped) and len(stripped.split()) <= 8)
    )


def _is_org_name(line: str) -> bool:
    """A line that is just an institution's name ("Centre for Applied Technology Strategy")."""
    words = line.split()
    small = {"of", "for", "and", "the", "on", "in", "&"}
    return (
        2 <= len(words) <= 9 and bool(_ORG_WORDS.search(line)) and not _ends_sentence(line)
        and all(w[0].isupper() or w.lower() in small for w in words)
    )


def _is_author_list(line: str) -> bool:
    names = _split_names(line)
    return len(names) >= 2 and all(_is_name(n) or len(n.split()) in (2, 3) for n in names)


def _is_list(block: _Block) -> bool:
    return bool(_BULLET.match(block.lines[0].text)) and sum(1 for x in block.lines if _BULLET.match(x.text)) >= max(1, len(block.lines) // 2)


def _classify_header_line(line: str, nxt: str | None, h: _Header, current_author: dict | None, nxt_same_block: bool = False) -> str:
    """What one header line is; the order of the checks matters."""
    stripped = _strip_md(line.strip())
    if _ABSTRACT_LABEL.match(stripped):
        return "abstract_label"
    if _ABSTRACT_INLINE.match(stripped):
        return "abstract_inline"
    if _KEYWORDS.match(stripped) and h.title is not None:
        return "keywords"
    if re.match(r"^\s*(?:[•\-*]\s*)?(?:supported\s+by|funding)\s*:\s*$", stripped, re.I):
        return "funding_label"
    if _FUNDING.match(stripped):
        return "funding"
    if _PROVENANCE.match(stripped):
        return "provenance"
    if _EMAIL_LINE.match(stripped) or _ORCID_LINE.match(stripped) or (_EMAIL.search(stripped) and len(stripped.split()) <= 6):
        return "email"
    if re.search(r"\b(?:e-?mail|orcid)\s*:", stripped, re.I) and (_EMAIL.search(stripped) or _ORCID.search(stripped)):
        return "email"
    if _ADDRESS_LINE.match(stripped):
        return "address"
    if _DOI_LINE.match(stripped) and _DOI.search(stripped):
        return "doi" if not date_line_value(stripped) else "date"
    if _BYLINE.match(stripped) and not (h.title is None and len(stripped.split()) > 8):
        return "byline"
    if _AUTHOR_LABEL.match(stripped):
        return "byline"
    if _JOURNAL_LINE.search(stripped) and len(stripped.split()) <= 25 and (h.title is None or date_line_value(stripped) or _DOI.search(stripped)):
        return "journal"
    if date_line_value(stripped) and (len(stripped.split()) <= 12 or h.title is not None):
        return "date"
    if h.title is None:
        if stripped.startswith("#"):
            return "title"
        if _LABEL_BULLET.match(stripped):
            return "label"
        if nxt is not None and _is_label_before_title(stripped, nxt, nxt_same_block):
            return "label"
        if _is_name(stripped) and len(stripped.split()) <= 3 and nxt is not None and _is_headline(nxt) and not _is_name(nxt):
            return "author_name"
        return "title"
    if _strip_md(stripped) != stripped and _is_author_list(_strip_md(stripped)):
        return "author_list"
    if _is_name(stripped):
        return "author_name"
    if _is_author_affiliation(stripped):
        return "author_with_affiliation"
    if current_author is not None and (_ORG_WORDS.search(stripped) or re.match(r"^\s*\d{1,2}[.)]\s", stripped)) and len(stripped.split()) <= 14:
        return "affiliation"
    if _is_author_list(stripped) and not h.authors:
        return "author_list"
    if h.publisher is None and _is_org_name(stripped):
        return "publisher"
    if _BULLET.match(stripped) and re.match(r"^\s*[-–—•]\s", stripped) and h.abstract is None and h.subtitle is None:
        return "dek_bullets"
    if h.subtitle is None and not h.authors and h.date is None and _is_headline(stripped) and not _ends_sentence(stripped.rstrip("?")):
        return "subtitle"
    if h.subtitle is None and _is_headline(stripped) and not stripped.endswith(".") and len(stripped.split()) >= 4:
        return "subtitle"
    return "text"


def _is_label_before_title(line: str, nxt: str, same_block: bool) -> bool:
    """A section or series label above the title ("Reports", "Trade and geopolitics").

    A short line directly above a longer one in the same block is a title over its subtitle,
    unless it is a single word, an institution's name, or the next line has the colon of a title.
    """
    words, next_words = line.split(), nxt.split()
    if same_block and len(words) > 1 and not _ORG_WORDS.search(line) and ":" not in nxt:
        return False
    if _is_author_affiliation(nxt) or _is_author_list(nxt):
        return False
    if date_line_value(nxt) or _BYLINE.match(nxt) or _ABSTRACT_LABEL.match(nxt):
        return False
    if nxt.rstrip().endswith(".") or len(next_words) > 30:
        return False  # a sentence under a short line is a dek: the short line is the title
    if not _is_headline(nxt) or _is_name(nxt):
        return False
    return len(words) <= 4 and len(next_words) >= max(5, 2 * len(words)) and not line.endswith((".", "?"))


def _byline_names(line: str) -> list[str]:
    m = _BYLINE.match(line) or _AUTHOR_LABEL.match(line)
    return _split_names(m.group("names")) if m else []


def _add_author(h: _Header, name: str) -> dict:
    name = re.sub(r"\s+", " ", name).strip(" ,.*")
    key = name.casefold()
    for author in h.authors:
        if author["name"].casefold() == key:
            return author
    author = {"name": name, "affiliations": []}
    h.authors.append(author)
    return author


def _take_date(h: _Header, line: str, *, strength: int, bare_years: bool = False) -> None:
    value = date_line_value(line)
    if value is None and bare_years:
        found = find_dates(line, bare_years=True)
        value = found[-1].iso if found else None
    if value and strength >= h.date_strength and (strength > h.date_strength or h.date is None):
        h.date = value
        h.date_strength = strength


def _take_url(h: _Header, line: str) -> None:
    m = re.search(r"<(https?://[^>\s]+)>|(https?://\S+[^\s.,;)>])", line)
    if m and not h.url:
        h.url = m.group(1) or m.group(2)


# ------------------------------------------------------------------ pass 4: body
def _read_body(blocks: list[_Block], diagnostics: list[Diagnostic]) -> tuple[list[_Item], list[_Block]]:
    """Body items and the blocks of the reference list (if any)."""
    items: list[_Item] = []
    ref_start = _reference_start(blocks)
    body_blocks = blocks if ref_start is None else blocks[:ref_start]
    for i, block in enumerate(body_blocks):
        first = block.lines[0].text
        if _SEPARATOR.match(first) and len(block.lines) == 1:
            diagnostics.append(Diagnostic(block.first, "info", f"section break {first.strip()!r}"))
            items.append(_Item("separator", "", block.first))
            continue
        nxt = body_blocks[i + 1] if i + 1 < len(body_blocks) else None
        prev = items[-1] if items else None
        heading = _heading_candidate(block)
        if heading and _accept_heading(block, heading[0], prev, nxt):
            items.append(_Item("heading", heading[0], block.first, heading[1]))
            continue
        if _QUOTE.match(first) and all(_QUOTE.match(x.text) for x in block.lines):
            text = " ".join(_QUOTE.sub("", x.text).strip() for x in block.lines)
            items.append(_Item("quote", text, block.first, line_starts=[(0, block.first)]))
            continue
        if _is_list(block) and (len(block.lines) > 1 or _BULLET.match(first) and not _is_prose_sentence_list(first)):
            items.append(_list_item(block))
            continue
        items.append(_text_item(block))
    refs = blocks[ref_start:] if ref_start is not None else []
    if refs and len(refs[0].lines) == 1 and _REFERENCES_HEADING.match(_strip_md(refs[0].lines[0].text).lstrip("# ")):
        diagnostics.append(Diagnostic(refs[0].first, "info", f"reference list starts at heading {refs[0].lines[0].text.strip()!r}"))
        refs = refs[1:]  # the renderer writes its own "References" heading
    return items, refs


def _is_prose_sentence_list(line: str) -> bool:
    """A numbered first line that is really a long run-on paragraph ("1. The key … 2. The …")."""
    return len(line.split()) > 40


def _accept_heading(block: _Block, text: str, prev: _Item | None, nxt: _Block | None) -> bool:
    first = block.lines[0].text.strip()
    if _MD_HEADING.match(first) or _REFERENCES_HEADING.match(_strip_md(first)):
        return True
    if prev is not None and prev.kind == "text" and not _ends_sentence(prev.text) and len(_words(prev.text)) >= 8:
        return False  # a short line after a cut sentence is its continuation
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
    for block in blocks:
        lines = block.lines
        starts_like_entry = [bool(_NUMBERED_REF.match(x.text) or re.match(r"^\s*\d{1,3}[.)]\s", x.text) or _looks_like_entry_start(x.text)) for x in lines]
        if len(lines) > 1 and sum(starts_like_entry) >= 2 and starts_like_entry[0]:
            current: list[_Line] = []
            for line, is_start in zip(lines, starts_like_entry):
                if is_start and current:
                    entries.append((" ".join(x.text.strip() for x in current), current[0].number))
                    current = []
                current.append(line)
            if current:
                entries.append((" ".join(x.text.strip() for x in current), current[0].number))
        else:
            entries.append((block.text, block.first))
    references = []
    for text, line in entries:
        number = re.match(r"^\s*\[(\d{1,3})\]|^\s*(\d{1,3})[.)]\s", text)
        n = int(number.group(1) or number.group(2)) if number else None
        references.append(parse_reference(text, number=n, line=line))
    return unique_ids(references)


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


_FUNCTION_WORDS = {
    "a", "an", "the", "of", "to", "in", "on", "for", "with", "by", "from", "and", "or", "but", "as", "at", "that",
    "which", "who", "whose", "their", "its", "his", "her", "our", "is", "are", "was", "were", "be", "been", "has",
    "have", "had", "not", "than", "into", "onto", "between", "among", "this", "these", "those", "such", "both",
    "either", "neither", "will", "would", "can", "could", "should", "may", "might", "must", "more", "most", "less",
}


def _ends_with_function_word(text: str) -> bool:
    words = text.split()
    return bool(words) and words[-1].lower().strip(",") in _FUNCTION_WORDS or text.rstrip().endswith(",")


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


# ------------------------------------------------------------------ pass 5: sections and citations
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
    for section in sections:
        for paragraph in section.paragraphs:
            for citation in find_citations(paragraph, references):
                citations.append(citation)
                if citation.reference is None and references:
                    line = _line_at(line_maps.get(paragraph.id, [(0, paragraph.line or 0)]), citation.start)
                    diagnostics.append(Diagnostic(
                        line, "warning",
                        f"citation '{citation.text}' in {paragraph.id} matches no entry in the reference list",
                    ))
    return tuple(citations), diagnostics


def _with_kind(article: Article) -> Article:
    """Label the article's genre from its shape (journal article, speech, interview, report, news, commentary)."""
    title = article.title.lower()
    headings = [s.heading or "" for s in article.sections]
    questions = sum(1 for h in headings if h.endswith("?"))
    qa = sum(1 for p in article.paragraphs() if re.match(r"^(?:Q|A|Q\d+)\s*[:.]", p.text))
    if re.search(r"\b(?:speech|remarks|address|keynote)\b", title):
        kind = "speech"
    elif questions >= 2 or qa >= 2 or "interview" in title:
        kind = "interview"
    elif article.doi or (article.abstract and article.keywords) or len(article.references) >= 5 or any(
        _JOURNAL_LINE.search(line) for line in article.metadata_lines
    ):
        kind = "journal article"
    elif any(_NUMBERED_HEADING.match(h) for h in headings) or re.search(r"\b(?:report|brief|paper)\b", title + " ".join(article.metadata_lines).lower()):
        kind = "report"
    elif any(_DATELINE.match(p.text) for p in article.paragraphs()[:1]):
        kind = "news"
    else:
        kind = "commentary"
    from dataclasses import replace

    return replace(article, kind=kind)
