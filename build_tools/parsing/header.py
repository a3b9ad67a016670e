"""Pass 3 of the parser: the header. Title, subtitle, date, authors, DOI, funding, provenance,
abstract and keywords are read from the blocks before the body starts; every header line no
field claims is kept verbatim in `metadata_lines`.

Internal to the parser (`build_tools.seeds`); names keep their leading underscore.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from ..dates import date_line_value, find_dates
from ..model import Diagnostic
from .patterns import _NOT_NAME_WORDS, _ABSTRACT_INLINE, _ABSTRACT_LABEL, _ADDRESS_LINE, _AUTHOR_LABEL, _BREADCRUMB, _BULLET, _BYLINE, _CREDENTIALS, _DOCUMENT_NUMBER, _DOCUMENT_TYPE, _DOI, _DOI_LINE, _EMAIL, _EMAIL_LINE, _FUNDING, _JOURNAL_LINE, _KEYWORDS, _LABEL_BULLET, _MD_HEADING, _NUMBERED_HEADING, _ORCID, _ORCID_LINE, _ORG_WORDS, _POSTED_BY, _PROVENANCE, _READING_TIME, _REFERENCES_HEADING, _SPEAKER, _SPEAKER_LABEL, _SUBMITTED_BY, _TITLE_LABEL, _WORD
from .shapes import _ends_sentence, _ends_with_function_word, _is_author_affiliation, _is_author_list, _is_headline, _is_metadata_line, _is_name, _is_org_name, _leading_mark, org_name_case, _names_with_marks, _split_names, _strip_md, _words
from .layout import _Block, _heading_candidate, _is_list, _is_prose, _line_structured


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
class _Reading:
    """Where one read of the header is and what it carries from line to line."""

    h: _Header
    blocks: list[_Block]
    b: int = 0
    lines: list[str] = field(default_factory=list)
    """The raw lines of block b (an emphasised, wrapped author list joined into one)."""
    li: int = 0
    current_author: dict | None = None
    pending_funding: bool = False
    """A "Funding:" label was seen: the lines under it are funding until one ends a sentence."""
    in_abstract: bool = False
    abstract_parts: list[str] = field(default_factory=list)


#: What a handler tells the reader to do next: go on with the next line, leave the block, or end the header at block b.
_NEXT, _END_BLOCK, _END_HEADER = "next", "end-block", "end-header"


def _read_header(blocks: list[_Block], diagnostics: list[Diagnostic]) -> tuple[_Header, int]:
    """Read metadata from the top blocks; return it and the index of the first body block.

    Each header line is classified once (`_classify_header_line`) and handed to the
    handler of its kind (`_HANDLERS`), pelican's METADATA_PROCESSORS being the model.
    """
    r = _Reading(_Header(), blocks)
    h = r.h
    while r.b < len(blocks):
        block = blocks[r.b]
        if h.title is not None and not r.in_abstract and _starts_body(blocks, r.b, h):
            break
        if r.in_abstract:
            if _abstract_ends(block, r.abstract_parts):
                r.in_abstract = False
                _add_abstract(h, "\n\n".join(r.abstract_parts))
            else:
                r.abstract_parts.append(block.text)
                r.b += 1
            continue
        prev_kind = "title" if h.title is not None and r.b > 0 and blocks[r.b - 1].lines[-1].number == h.title_line else None
        r.lines, r.li = _header_lines(block, h), 0
        while r.li < len(r.lines):
            line = r.lines[r.li]
            nxt = r.lines[r.li + 1] if r.li + 1 < len(r.lines) else _first_line(blocks, r.b + 1)
            kind = _classify_header_line(line, nxt, h, r.current_author, r.li + 1 < len(r.lines))
            if kind in ("subtitle", "text") and prev_kind == "title" and _is_dek(line, h):
                kind = "dek"
            if kind in ("subtitle", "text") and h.title is not None and _is_body_line(line):
                blocks.insert(r.b + 1, _Block(block.lines[r.li :]))  # the body starts inside the title's block
                return h, r.b + 1
            prev_kind = kind
            if r.pending_funding and kind in ("text", "provenance"):
                kind = "funding_continued"
            outcome = _HANDLERS.get(kind, _other)(r, line)
            if outcome == _END_HEADER:
                return h, r.b
            if outcome == _END_BLOCK:
                break
            r.li += 1
        r.b += 1
    if r.in_abstract:
        _add_abstract(h, "\n\n".join(r.abstract_parts))
    return h, r.b


def _abstract_ends(block: _Block, parts: list[str]) -> bool:
    """Whether `block` ends an abstract read so far as `parts`: keywords, or a heading or non-prose after some text."""
    return bool(_KEYWORDS.match(block.lines[0].text) or _heading_candidate(block) and parts or (_is_prose(block) is False and parts))


def _header_lines(block: _Block, h: _Header) -> list[str]:
    """The raw lines of a header block; an emphasised author list wrapped over several lines is one line."""
    lines = block.raw_lines
    joined = " ".join(lines)
    if len(lines) > 1 and h.title is not None and _strip_md(joined) != joined and _is_author_list(_strip_md(joined)):
        return [joined]
    return lines


# --- one handler per kind of header line: each reads `line` (the raw line r.lines[r.li]) into r.h ---


def _abstract_label(r: _Reading, line: str) -> str:
    r.h.metadata_lines.append(line)
    r.in_abstract = True
    if r.li + 1 < len(r.lines):
        r.abstract_parts.append(" ".join(r.lines[r.li + 1 :]))
    return _END_BLOCK


def _abstract_inline(r: _Reading, line: str) -> str:
    rest = _ABSTRACT_INLINE.match(line).group("rest")  # type: ignore[union-attr]
    r.h.metadata_lines.append(line[: len(line) - len(rest)].strip())
    _add_abstract(r.h, " ".join([rest, *r.lines[r.li + 1 :]]))
    return _END_BLOCK


def _keywords(r: _Reading, line: str) -> str:
    own = _KEYWORDS.match(line).group("rest")  # type: ignore[union-attr]
    rest = " ".join([own, *r.lines[r.li + 1 :]])
    r.h.metadata_lines.append(line[: len(line) - len(own)].strip())
    r.h.keywords += [k for k in map(_keyword, re.split(r"[;,]|\s[·•]\s", rest)) if k]
    return _END_BLOCK


_INITIALISM_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$")


def _keyword(item: str) -> str:
    """One keyword without the list's punctuation; the period of an initialism ("U.S.") stays."""
    item = item.strip(" ;")
    while item.endswith(".") and not _INITIALISM_END.search(item):
        item = item[:-1].rstrip(" ;")
    return item


def _funding_label(r: _Reading, line: str) -> str:
    r.pending_funding = True
    r.h.metadata_lines.append(line)
    return _NEXT


def _funding(r: _Reading, line: str, *, continued: bool = False) -> str:
    h = r.h
    label = re.match(r"^\s*(?:[•\-*]\s*)?(?:funding|supported\s+by)\s*:\s*", line, flags=re.I)
    if label:
        h.metadata_lines.append(label.group(0).strip())  # the label is kept with the header lines
    h.funding.append(line[label.end():] if label else line)
    r.pending_funding = continued and bool(h.funding) and not _ends_sentence(line)
    return _NEXT


def _funding_continued(r: _Reading, line: str) -> str:
    return _funding(r, line, continued=True)


def _provenance(r: _Reading, line: str) -> str:
    r.h.provenance.append(line)
    _take_url(r.h, line)
    return _NEXT


def _doi(r: _Reading, line: str) -> str:
    h = r.h
    h.doi = h.doi or _DOI.search(line).group(1)  # type: ignore[union-attr]
    h.metadata_lines.append(line)
    _take_date(h, line, strength=2)
    return _NEXT


def _journal(r: _Reading, line: str) -> str:
    h = r.h
    h.metadata_lines.append(line)
    doi = _DOI.search(line)
    if doi and not h.doi:
        h.doi = doi.group(1)
    if not h.publisher:
        name = re.split(r"\s*(?:››|,\s*vol|,\s*volume|\|)|\s+vol(?:ume)?\.?\s*\d", line, maxsplit=1, flags=re.I)[0].strip(" ,")
        if re.match(r"(?i)(?:vol(?:ume)?|issue|no|number)\b", name):
            name = ""  # "Volume 13, Issue 3, December 2016" names no journal
        h.publisher = org_name_case(name) or None  # "JOURNAL OF NETWORK POLICY  Vol. 4" names "Journal of Network Policy"
    _take_date(h, line, strength=2, bare_years=True)
    return _NEXT


def _date(r: _Reading, line: str) -> str:
    h = r.h
    h.metadata_lines.append(line)
    r.current_author = None  # an institution below the date is the publisher's name on a cover, not the last author's affiliation
    for segment in re.split(r"\s*[|•·]\s*", line):
        if _is_name(segment) and not find_dates(segment):
            r.current_author = _add_author(h, segment)  # "Jane Doe | February 6, 2024"
    posted = _POSTED_BY.search(line)  # "Posted on March 3, 2021 by Jane Doe"
    if posted:
        for name in _split_names(posted.group("names")):
            if _is_name(name):
                r.current_author = _add_author(h, name)
    _take_date(h, line, strength=4 if re.search(r"\bpublished\b", line, re.I) else 3)
    doi = _DOI.search(line)
    if doi and not h.doi:
        h.doi = doi.group(1)
    return _NEXT


def _byline(r: _Reading, line: str) -> str:
    h = r.h
    h.metadata_lines.append(line)
    names = []
    for name in _byline_names(_strip_md(line)):
        if _took_role(r, name):
            continue
        single = len(name.split()) == 1 and not _is_name(name)  # "李明" is one word and a name
        if single and not h.publisher:
            h.publisher = name  # "By Jane Doe, Reuters": an outlet, not a writer
        elif not single:
            names.append(name)
            r.current_author = _add_author(h, name)
    _take_date(h, line, strength=1)
    # Lines after a byline in the same block: affiliation or outlet.
    while r.li + 1 < len(r.lines) and _classify_header_line(r.lines[r.li + 1], None, h, r.current_author) == "text":
        r.li += 1
        follower = r.lines[r.li]
        h.metadata_lines.append(follower)
        if _ORG_WORDS.search(follower) and names:
            for a in h.authors[-len(names):]:
                a["affiliations"].append(follower)
        elif not h.publisher and not _READING_TIME.match(follower) and not any(ch.isdigit() for ch in follower):
            h.publisher = follower
    return _NEXT


def _author_list(r: _Reading, line: str) -> str:
    r.h.metadata_lines.append(line)
    for name, marks in _names_with_marks(line):
        if not _took_role(r, name):
            r.current_author = _add_author(r.h, name, marks)
    return _NEXT


def _took_role(r: _Reading, name: str) -> bool:
    """A job title among the names ("By Karin Holm, Technology Correspondent"): what the author before it is, not a
    second writer. True when `name` was one (and went to that author's affiliations)."""
    if not _is_role(name):
        return False
    if r.current_author is not None:
        r.current_author["affiliations"].append(name)
    return True


#: The last word of a job title written after a writer's name ("Technology Correspondent", "Senior Fellow").
_ROLE_WORDS = frozenset({
    "correspondent", "editor", "reporter", "writer", "columnist", "contributor", "fellow", "economist", "analyst", "researcher",
    "director", "professor", "lecturer", "founder", "ceo", "president", "secretary", "minister", "ambassador", "adviser",
    "advisor", "manager", "strategist", "scientist", "journalist", "producer", "officer", "chairman", "chairwoman", "chairperson",
})


def _is_role(name: str) -> bool:
    """A job title, not a person: "Technology Correspondent", "Staff Writer", "Senior Fellow"."""
    words = name.split()
    return len(words) >= 2 and words[-1].lower().strip(".,") in _ROLE_WORDS and all(w[:1].isupper() or w.lower() in {"of", "for", "and", "the", "at"} for w in words)


def _author_name(r: _Reading, line: str) -> str:
    r.h.metadata_lines.append(line)
    name = _CREDENTIALS.sub("", _strip_md(line)).strip(" ,")
    r.current_author = _add_author(r.h, name.title() if name.isupper() else name)
    return _NEXT


def _author_with_affiliation(r: _Reading, line: str) -> str:
    r.h.metadata_lines.append(line)
    name, rest = _strip_md(line).split(",", 1)  # "*Ada Okafor, Centre for Network Policy*": the emphasis is the whole line's
    r.current_author = _add_author(r.h, name.strip())
    r.current_author["affiliations"].append(rest.strip())
    return _NEXT


def _email(r: _Reading, line: str) -> str:
    h = r.h
    h.metadata_lines.append(line)
    email = _EMAIL.search(line)
    orcid = _ORCID.search(line)
    target = _contact_author(r, line, email.group(0) if email else None)
    if target is not None:
        if email and not target.get("email"):
            target["email"] = email.group(0)
        if orcid and not target.get("orcid"):
            target["orcid"] = orcid.group(1)
    return _NEXT


def _address(r: _Reading, line: str) -> str:
    r.h.metadata_lines.append(line)
    if r.current_author is not None:
        r.current_author["address"] = re.sub(r"^\s*[^:]*:\s*", "", line)
    return _NEXT


def _affiliation(r: _Reading, line: str) -> str:
    r.h.metadata_lines.append(line)
    mark, text = _leading_mark(_strip_md(line.strip()))
    marked = _marked_authors(r.h, mark)  # "1 Institute …" under "A1, B2 and C1": A's and C's
    if marked:
        for author in marked:
            author["affiliations"].append(text)
    elif r.current_author is not None:
        r.current_author["affiliations"].append(re.sub(r"^\s*(?:\d{1,2}[.)]|[•\-*])\s*", "", line).strip())
    return _NEXT


def _contact_author(r: _Reading, line: str, email: str | None) -> dict | None:
    """Whose e-mail or ORCID line this is: the author carrying the mark it opens with ("* Corresponding author: …"),
    else the one its address names, else the author just read (or the last one)."""
    marked = _marked_authors(r.h, _leading_mark(_strip_md(line.strip()))[0])
    if marked:
        return marked[0]
    named = _author_of_address(r.h, email) if email else None
    return named or r.current_author or (r.h.authors[-1] if r.h.authors else None)


def _marked_authors(h: _Header, mark: str | None) -> list[dict]:
    """The authors whose names carry this affiliation mark."""
    return [a for a in h.authors if mark in a.get("marks", ())] if mark else []


def _author_of_address(h: _Header, email: str) -> dict | None:
    """The one author an e-mail address names ("marta.kowalczyk@…", "mkowalczyk@…", "kowalczyk@…"), if one does."""
    local = _folded(email.split("@", 1)[0])
    parts = set(re.split(r"[._\-+]", local))

    def names_it(author: dict) -> bool:
        tokens = [t for t in re.split(r"[\s\-]+", _folded(author["name"])) if t.isalpha()]
        if not tokens:
            return False
        surname = tokens[-1]
        return surname in parts or (len(surname) >= 4 and (local.endswith(surname) or local.startswith(surname)))

    found = [a for a in h.authors if names_it(a)]
    return found[0] if len(found) == 1 else None


def _folded(text: str) -> str:
    """Lower case without accents ("Müller" -> "muller"), for comparing a name with an address."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _title(r: _Reading, line: str) -> str:
    h, lines = r.h, r.lines
    if not _is_title_like(line):
        return _END_HEADER  # the text opens with body prose: there is no title to read
    h.title = _strip_md(_MD_HEADING.sub(r"\2", _TITLE_LABEL.sub("", line))).strip()
    h.title_line = r.blocks[r.b].lines[r.li].number
    if h.title.endswith(":") and r.li + 1 < len(lines) and _is_title_like(lines[r.li + 1]) and len(lines[r.li + 1].split()) <= 12:
        r.li += 1  # "Unified Payment Interface:" wrapped before its second half
        h.title = f"{h.title} {_strip_md(lines[r.li]).strip()}"
    elif r.li + 1 < len(lines) and _wraps_title(h.title, lines[r.li + 1]):
        r.li += 1  # "Securing the Core: Telecom Supply Chains" / "after 5G": a subtitle never opens in lower case
        h.title = f"{h.title} {_strip_md(lines[r.li]).strip()}"
    else:
        wrapped = _display_title_lines(lines, r.li, _first_line(r.blocks, r.b + 1))
        if wrapped:
            h.title = " ".join([h.title, *(_strip_md(x).strip() for x in lines[r.li + 1 : r.li + 1 + wrapped])])
            r.li += wrapped
            dek = lines[r.li + 1 :]
            if dek and len(" ".join(dek).split()) <= 120 and _ends_sentence(dek[-1]) and not h.abstract:
                _add_abstract(h, " ".join(x.strip() for x in dek))  # the opener's standfirst, set under the title
                r.li = len(lines)
    speaker = _SPEAKER.search(h.title)
    if speaker and not h.authors:
        _add_author(h, speaker.group("name"))
    submitted = _SUBMITTED_BY.search(h.title)
    if submitted and not h.authors:  # "Written evidence submitted by the Open Networks Coalition (TEL0042)"
        if _is_name(submitted.group("name")):
            _add_author(h, submitted.group("name"))
        elif h.publisher is None:
            h.publisher = submitted.group("name")
    return _NEXT


def _wraps_title(title: str, nxt: str) -> bool:
    """Whether the next line of the title's block is the rest of the title, wrapped: short, opening in lower case
    (a word, not a list item or a date), and the title does not end a sentence."""
    words = _strip_md(nxt).split()
    return (bool(words) and words[0][:1].islower() and words[0].isalpha() and len(words) <= 8 and not _ends_sentence(title)
            and not _ends_sentence(nxt) and not date_line_value(nxt))


def _publisher(r: _Reading, line: str) -> str:
    r.h.metadata_lines.append(line)
    r.h.publisher = org_name_case(line.strip().rstrip(",;:").strip())  # "THE COUNCIL OF THE EUROPEAN UNION," opening conclusions
    return _NEXT


def _dek(r: _Reading, line: str) -> str:
    _add_abstract(r.h, _strip_md(line))
    return _NEXT


def _subtitle(r: _Reading, line: str) -> str:
    r.h.subtitle = _strip_md(_MD_HEADING.sub(r"\2", _TITLE_LABEL.sub("", line))).strip()
    return _NEXT


def _dek_bullets(r: _Reading, line: str) -> str:
    _add_abstract(r.h, "\n".join(r.lines[r.li :]))
    return _END_BLOCK


def _text(r: _Reading, line: str) -> str:
    """An unrecognised header line: kept verbatim; under an author, a short one naming an institution is an affiliation."""
    r.h.metadata_lines.append(line)
    if r.current_author is not None and _ORG_WORDS.search(line) and len(line.split()) <= 12:
        r.current_author["affiliations"].append(line)
    return _NEXT


def _label(r: _Reading, line: str) -> str:
    """A label above the title, kept verbatim; one that names an institution ("NATIONAL CYBER RESILIENCE COUNCIL" on a
    report's cover) is the publisher."""
    r.h.metadata_lines.append(line)
    stripped = _strip_md(line.strip())
    if r.h.publisher is None and not _COVER_LABEL.match(stripped) and _is_org_name(stripped):
        r.h.publisher = org_name_case(stripped)
    return _NEXT


def _other(r: _Reading, line: str) -> str:
    """A label ("Reports", "ISSUE NO. 380"): kept verbatim with the header lines."""
    r.h.metadata_lines.append(line)
    return _NEXT


#: The handler of each kind of header line `_classify_header_line` gives (any other kind: `_other`).
_HANDLERS: dict[str, Callable[[_Reading, str], str]] = {
    "abstract_label": _abstract_label,
    "abstract_inline": _abstract_inline,
    "keywords": _keywords,
    "funding_label": _funding_label,
    "funding": _funding,
    "funding_continued": _funding_continued,
    "provenance": _provenance,
    "doi": _doi,
    "journal": _journal,
    "date": _date,
    "byline": _byline,
    "author_list": _author_list,
    "author_name": _author_name,
    "author_with_affiliation": _author_with_affiliation,
    "email": _email,
    "address": _address,
    "affiliation": _affiliation,
    "title": _title,
    "publisher": _publisher,
    "label": _label,
    "dek": _dek,
    "subtitle": _subtitle,
    "dek_bullets": _dek_bullets,
    "text": _text,
}


def _is_body_line(line: str) -> bool:
    """A line of running prose: long, or more than one sentence."""
    text = _strip_md(line)
    return len(text.split()) >= 45 or (len(text.split()) >= 12 and bool(re.search(r"[a-z0-9)][.!?]\s+[A-Z“\"‘']", text)))


def _add_abstract(h: _Header, text: str) -> None:
    """Set the abstract, or add to it when the header has two abstract-like parts (nothing is dropped)."""
    if text.strip():
        h.abstract = f"{h.abstract}\n\n{text}" if h.abstract else text


def _is_title_like(line: str) -> bool:
    """A title is one headline, not a run of sentences."""
    text = _strip_md(_MD_HEADING.sub(r"\2", line)).strip()
    words = text.split()
    sentences = len(re.findall(r"[a-z0-9)”\"’'][.!?](?:\s+[A-Z“\"‘']|$)", text))
    return bool(_WORD.search(text)) and len(words) <= 40 and not (sentences >= 2 and len(words) > 20)


def _is_dek(line: str, h: _Header) -> bool:
    """A one-sentence standfirst right under the title (ends with a period, unlike a subtitle)."""
    text = _strip_md(line)
    one_sentence = not re.search(r"[.!?]\s+[A-Z“\"‘']", text)
    return (
        h.abstract is None and h.subtitle is None and text.endswith(".") and 6 <= len(text.split()) <= 40
        and one_sentence and not _SPEAKER_LABEL.match(text)
    )


def _first_line(blocks: list[_Block], index: int) -> str | None:
    return blocks[index].lines[0].text.strip() if index < len(blocks) else None


def _metadata_block(block: _Block) -> bool:
    first = _strip_md(block.lines[0].text)
    return bool(
        _PROVENANCE.match(first) or _FUNDING.match(first) or _ABSTRACT_INLINE.match(first) or _DOCUMENT_NUMBER.match(first.strip())
        or _KEYWORDS.match(first) or _DOI_LINE.match(first) or _EMAIL_LINE.match(first)
    ) and len(_words(block.text)) <= 80


def _names_over_affiliations(block: _Block) -> bool:
    """Authors' names over their affiliation and contact lines, as one block ("A1, B2 and C1" / "1 Institute …" /
    "Corresponding author: a@example.org")."""
    first = _strip_md(block.lines[0].text.strip())
    if len(first) > 200 or len(block.lines) > 12:
        return False  # wrapped prose, not a list of names over their affiliations
    names = _names_with_marks(first)
    if not names or not (_is_author_list(first) or len(names) == 1 and _is_name(names[0][0])):
        return False
    marks = {m for _, name_marks in names for m in name_marks}

    def belongs(line: str) -> bool:
        return len(line) <= 200 and bool(_ORG_WORDS.search(line) or _EMAIL.search(line) or _ORCID.search(line)
                                         or _leading_mark(_strip_md(line.strip()))[0] in marks)

    return all(belongs(x.text) for x in block.lines[1:])


def _starts_body(blocks: list[_Block], b: int, h: _Header) -> bool:
    """Whether block b (after the title) opens the body: a heading over content, or prose."""
    block = blocks[b]
    first = block.lines[0].text
    if _metadata_block(block) or _ABSTRACT_LABEL.match(first) or _KEYWORDS.match(first):
        return False
    if _BYLINE.match(first) or _AUTHOR_LABEL.match(first) or date_line_value(first) and len(first.split()) <= 12:
        return False
    if len(block.lines) == 1 and (_is_name(first) or _is_caps_name(first) or _is_author_list(_strip_md(first.strip()))):
        return False
    if len(block.lines) > 1 and _names_over_affiliations(block):
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
    byline = _BYLINE.match(stripped)
    if byline and not (h.title is None and len(stripped.split()) > 8) and _byline_starts_with_name(byline.group("names")):
        return "byline"
    if _AUTHOR_LABEL.match(stripped):
        return "byline"
    if _JOURNAL_LINE.search(stripped) and len(stripped.split()) <= 25 and (h.title is None or date_line_value(stripped) or _DOI.search(stripped)):
        return "journal"
    if date_line_value(stripped) and (len(stripped.split()) <= 12 or h.title is not None):
        return "date"
    if _DOCUMENT_NUMBER.match(stripped):
        return "label"  # an official document's number: "COM(2026) 118 final", "Guo Fa [2026] No. 7"
    if h.title is None:
        if stripped.startswith("#"):
            return "title"
        if _COVER_LABEL.match(stripped) or _BREADCRUMB.match(stripped) and "«" not in stripped:  # « … »: quotation marks
            return "label"
        if _DOCUMENT_TYPE.match(stripped) and nxt is not None and _is_headline(nxt):
            return "label"  # an official document's type over its title: "COMMUNICATION FROM THE COMMISSION TO …"
        if stripped.isupper() and _is_org_name(stripped) and nxt is not None and (date_line_value(nxt) or _is_headline(nxt) and not (
                _BYLINE.match(nxt) or _is_name(nxt))):
            return "label"  # the institution over a report's title ("NATIONAL CYBER RESILIENCE COUNCIL"), or over its place and date
        if _LABEL_BULLET.match(stripped):
            return "label"
        if nxt is not None and _is_label_before_title(stripped, nxt, nxt_same_block):
            return "label"
        if _is_name(stripped) and len(stripped.split()) <= 3 and nxt is not None and _is_headline(nxt) and not _is_name(nxt):
            return "author_name"
        return "title"
    if _strip_md(stripped) != stripped and _is_author_list(_strip_md(stripped)):
        return "author_list"
    if _is_name(stripped) or _is_caps_name(stripped):
        return "author_name"
    if _is_author_affiliation(stripped):
        return "author_with_affiliation"
    if current_author is not None and (_ORG_WORDS.search(stripped) or re.match(r"^\s*\d{1,2}[.)]\s", stripped)) and len(stripped.split()) <= 14:
        return "affiliation"
    if _marked_authors(h, _leading_mark(stripped)[0]) and len(stripped.split()) <= 20 and not _ends_sentence(stripped):
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
    if re.search(r"[.!](?:\[\d{1,3}\]|\d{1,3})?$", nxt.rstrip()) or len(next_words) > 30:
        return False  # a sentence under a short line is a dek: the short line is the title
    if not _is_headline(nxt) or _is_name(nxt):
        return False
    return len(words) <= 4 and len(next_words) >= max(5, 2 * len(words)) and not line.endswith((".", "?"))


#: Series and issue labels printed above a report's title on its cover ("ISSUE NO. 380", "POLICY BRIEF", "FOCUS").
_COVER_LABEL = re.compile(
    r"^(?=[^a-z]*$)(?:(?:ISSUE|VOL(?:UME)?|NO|NUMBER|NR)\.?\s*(?:NO\.?\s*)?\d+\b.{0,30}|(?:ISSUE|POLICY|RESEARCH|ANALYTICAL)\s+BRIEF.{0,30}|"
    r"(?:WORKING|OCCASIONAL|DISCUSSION|POLICY|WHITE|BRIEFING)\s+PAPER.{0,30}|"
    r"(?:(?:POLICY|RESEARCH|SPECIAL|ANNUAL|TECHNICAL|STRATEGIC|INTERIM|FINAL|COUNTRY|EXPERT)\s+)?REPORT|(?:POLICY\s+)?MEMO(?:RANDUM)?|"
    r"BRIEFING(?:\s+NOTE)?|STUDY|EXPLAINER|FOCUS|COMMENTARY|ANALYSIS|OPINION|FEATURE|INSIGHT|PERSPECTIVE)$"
)


def _display_title_lines(lines: list[str], li: int, next_block_first: str | None = None) -> int:
    """How many lines after line li continue a title set in large type, a few words a line, when the same
    block then runs on into prose (a designed cover or magazine opener), or when the block ends there, the next
    one is prose and the lines read as one phrase cut by the layout (a line opens in lower case, or the one
    before ends on a small word: "Why Digital / Sovereignty is more / than mere Legal / Compliance");
    0 when the title is one line."""
    if len(lines[li].split()) > 4 or _ends_sentence(lines[li]):
        return 0
    n = 0
    while li + 1 + n < len(lines) and len(lines[li + 1 + n].split()) <= 4 and not _ends_sentence(lines[li + 1 + n]) \
            and not date_line_value(lines[li + 1 + n]) and not _BYLINE.match(lines[li + 1 + n]):
        n += 1
    rest = lines[li + 1 + n :]
    if n and rest:
        return n if len(rest[0].split()) >= 8 else 0
    title = lines[li : li + 1 + n]
    cut = any(b[:1].islower() or _ends_with_function_word(a) for a, b in zip(title, title[1:]) if a.split() and b)
    return n if n and cut and next_block_first and len(next_block_first.split()) >= 8 else 0


def _is_caps_name(line: str) -> bool:
    """A name set in capitals on a cover or under a title ("SUNIL ABRAHAM")."""
    line = line.strip()
    return line.isupper() and 2 <= len(line.split()) <= 4 and _is_name(line.title())


def _byline_starts_with_name(names: str) -> bool:
    """'By Jane Doe' is a byline; 'By the authority vested in me …' is the first sentence of the text."""
    first = names.strip(" *_[").split(" ", 1)[0]
    return bool(first) and first[0].isupper() and first.lower() not in _NOT_NAME_WORDS and len(names.split()) <= 16


def _byline_names(line: str) -> list[str]:
    m = _BYLINE.match(line) or _AUTHOR_LABEL.match(line)
    return _split_names(m.group("names")) if m else []


def _add_author(h: _Header, name: str, marks: tuple[str, ...] = ()) -> dict:
    name = re.sub(r"\s+", " ", name).strip(" ,.*")
    key = name.casefold()
    for author in h.authors:
        if author["name"].casefold() == key:
            return author
    author: dict = {"name": name, "affiliations": []}
    if marks:
        author["marks"] = marks  # affiliation marks, matched with the marked affiliation lines below the names
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
