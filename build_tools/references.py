"""Reference-list entries and the in-text citations that point at them.

Pure functions: `parse_reference(text)` splits one entry into authors, year,
title, url and doi; `find_citations(paragraph, references)` finds "(Weiss,
2015, p. 413)", "(Bezrukov et al., 2020; Ivanov, 2019)", "Weiss (2015)" and
numbered marks "[3]", and resolves each to a reference id or None.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import Citation, Paragraph, Reference
from .parsing.patterns import _DOI, _NAME_PARTICLES, _ORG_WORDS
from .slugs import slugify

_YEAR = r"(?:19|20)\d\d[a-z]?"
_URL = re.compile(r"<((?:https?://|www\.)[^>\s]+|[a-z0-9.-]+\.[a-z]{2,}/[^>\s]*)>|(https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:])", re.I)
_NUMBERED = re.compile(r"^\s*(?:\[(\d{1,3}[a-z]?)\]:?|(\d{1,3})[.)])\s+")
_YEAR_IN_REF = re.compile(r"(?:\(|,\s*|\s)(" + _YEAR + r")(?:\)|[.,;:\s]|$)")


def parse_reference(text: str, *, number: int | None = None, line: int | None = None) -> Reference:
    """One reference entry as written; fields it cannot find stay None."""
    body = _NUMBERED.sub("", text, count=1)
    url_match = _URL.search(body)
    url = None
    if url_match:
        url = url_match.group(1) or url_match.group(2)
        if url and not url.lower().startswith("http"):
            url = "https://" + url
    doi_match = _DOI.search(body)
    doi = doi_match.group(1) if doi_match else None
    if doi and not url:
        url = f"https://doi.org/{doi}"
    year_match = _YEAR_IN_REF.search(body)
    year = year_match.group(1) if year_match else None
    authors: tuple[str, ...] = ()
    title = None
    quoted = _QUOTED_TITLE.search(body)
    if quoted and (year_match is None or quoted.start() < year_match.start()) and _is_author_head(body[: quoted.start()]):
        # "A. Chander and U. P. Lê, “Data nationalism,” Emory Law J., …, 2015" (IEEE, Chicago): the title is quoted
        authors = _split_authors(body[: quoted.start()].strip(" ,.:"))
        title = quoted.group("title").strip(" ,.")
    elif year_match:
        head = body[: year_match.start()].strip(" ,.(")
        authors = _split_authors(head)
        if number is not None and head and not (_is_author_head(head) and all(map(_is_author_name, authors))):
            authors, title = _note_head(head)  # a note: "See Anu Bradford, Digital Empires (OUP, 2023)", or prose
        else:
            tail = body[year_match.end():].lstrip(" .),")
            quoted_first = _QUOTED_TITLE.match(tail)  # "Weiss, C. 2015. “How do …?” Minerva 53."
            title = quoted_first.group("title").strip(" ,.") if quoted_first else _first_sentence(tail)
    ref_id = reference_id(authors, year, number)
    return Reference(id=ref_id, text=text.strip(), authors=authors, year=year, title=title, url=url, doi=doi, line=line)


_QUOTED_TITLE = re.compile(r"[“\"](?P<title>[^“”\"]{3,300})[”\"]")


def _note_head(head: str) -> tuple[tuple[str, ...], str | None]:
    """Authors and title of a note's text before its year, when that text is not an author list alone: the work cited,
    authors first ("See the overview in Anu Bradford, Digital Empires (Oxford University Press", "Zhou, Y., Base
    Station Supply Chains", "NIS Cooperation Group, Cybersecurity of 5G networks: …, January"), or nothing in a note
    that is prose ("The cases are Estonia, Latvia and Lithuania between")."""
    text = _NOTE_LEAD_IN.sub("", head)
    found: tuple[tuple[str, ...], str] | None = None
    for comma in re.finditer(r",\s+", text):  # the longest run of names before a comma, the title after it
        names, rest = text[: comma.start()], text[comma.end():]
        authors = (names,) if _ORG_WORDS.search(names) and _is_author_head(names) else _split_authors(names)
        title = _MONTH_AT_END.sub("", re.split(r"\s*\(|(?<=[a-z]{2})\.\s|(?<=[?!])\s", rest, maxsplit=1)[0]).strip(" ,.:*_")
        if title and authors and all(map(_is_author_name, authors)):
            found = (authors, title)
    return found or ((), None)


def _is_author_name(name: str) -> bool:
    """A name in an author list: a few capitalised words ("Tim Wu", "Weiss, C. H", "NIS Cooperation Group"), not a title."""
    return 0 < len(name.split()) <= 6 and not re.search(r"[?:()\d]", name) and _is_author_head(name)


_MONTH_AT_END = re.compile(r",?\s*(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                           r"(?:\s+\d{1,2})?|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|"
                           r"November|December))$")


#: What a note says before the work it cites: "See", "See also", "Cf.", "See the overview in", "As argued by".
_NOTE_LEAD_IN = re.compile(r"^(?:(?:see(?:\s+also)?|cf\.|compare)\s+(?:(?:the|a|an)\s+(?:[\w-]+\s+){1,4}(?:in|by)\s+)?|"
                           r"(?:as\s+)?(?:argued|shown|discussed|noted)\s+(?:in|by)\s+)", re.I)


def _is_author_head(head: str) -> bool:
    """Text before a quoted title that reads as its authors: short, capitalised, no year or sentence inside it."""
    head = head.strip(" ,.:")
    if not (0 < len(head) <= 200 and (head[0].isupper() or head.split()[0] in _NAME_JOINERS)) or re.search(_YEAR, head) or re.search(r"[a-z]{3,}\.\s", head):
        return False
    return all(word in _NAME_JOINERS for word in re.findall(r"\b[a-z][\w’'-]*", head))  # "See also the report": prose


_NAME_JOINERS = frozenset(_NAME_PARTICLES | {"and", "of", "the", "for", "on", "in", "della", "den", "et", "eds", "ed", "y", "e"})


def reference_id(authors: Sequence[str], year: str | None, number: int | None) -> str:
    """"ref-<n>" for numbered lists, else "ref-<first-author-surname>-<year>"."""
    if number is not None:
        return f"ref-{number}"
    surname = _surname(authors[0]) if authors else "anon"
    return "ref-" + slugify(f"{surname} {year or 'nd'}", fallback_seed=surname)


def unique_ids(references: Iterable[Reference]) -> tuple[Reference, ...]:
    """Give references that would share an id a distinguishing suffix (-b, -c …), in list order."""
    seen: dict[str, int] = {}
    out = []
    for ref in references:
        count = seen.get(ref.id, 0)
        seen[ref.id] = count + 1
        if count:
            ref = Reference(f"{ref.id}-{chr(ord('a') + count)}", ref.text, ref.authors, ref.year, ref.title, ref.url, ref.doi, ref.line)
        out.append(ref)
    return tuple(out)


def _split_authors(head: str) -> tuple[str, ...]:
    head = re.sub(r"\s*\((?:eds?|ed\.)\)\.?$", "", head.strip(), flags=re.I)
    if not head:
        return ()
    head = re.sub(r",?\s*et\s+al\.?", "", head)
    # "Surname, I. and Surname, J." / "Surname I., Surname J. and Surname, K."
    parts = re.split(r"\s*(?:,\s*and\s+|\band\b|&|;)\s*", head)
    authors: list[str] = []
    for part in parts:
        part = part.strip(" ,.")
        if not part:
            continue
        # Split "Fukuyama F., Richman B." style lists on ", " followed by a capitalised surname,
        # and "Renuka Kumar, Sreesh Kishore, Hao Lu" (given names first) on every comma.
        pieces = re.split(r"(?<=\.),\s+(?=[A-Z][a-z])", part)
        if len(pieces) == 1 and all(_given_names_first(piece) for piece in part.split(",")):
            pieces = part.split(",")
        authors.extend(p.strip(" ,") for p in pieces if p.strip(" ,"))
    return tuple(authors)


def _given_names_first(name: str) -> bool:
    """ "Sreesh Kishore", "Nicholas A. Lambert": two to four capitalised words, the last a surname, not an initial."""
    tokens = name.split()
    return 2 <= len(tokens) <= 4 and all(t[0].isupper() for t in tokens) and not re.fullmatch(r"(?:[A-Z]\.)+", tokens[-1])


def _surname(author: str) -> str:
    author = author.strip()
    if "," in author:
        return author.split(",", 1)[0].strip()
    tokens = [t for t in re.split(r"\s+", author) if t]
    # "Timothy Wu" (given names first) vs "Fukuyama F." (initials after).
    words = [t for t in tokens if not re.fullmatch(r"(?:[A-Z][a-z]?\.)+-?(?:[A-Z]\.)?|[A-Z]{1,2}", t)]
    if not words:
        return tokens[0] if tokens else "anon"
    return words[-1] if len(words) > 1 and tokens[0] == words[0] and not tokens[-1].endswith(".") else words[0]


def _first_sentence(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    m = re.match(r"\*([^*]+)\*", text)
    if m:
        return m.group(1).strip().rstrip(".")
    m = re.match(r"(.+?[a-z0-9)\]”\"’'])([.?!])(?:\s|$)", text)
    title = (m.group(1) + (m.group(2) if m.group(2) in "?!" else "") if m else text).strip().strip("“”\"")
    return title or None


def fold(text: str) -> str:
    """Lowercase ASCII form for matching names written with or without diacritics."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


@dataclass(frozen=True, slots=True)
class _Key:
    surname: str
    year: str


def _index(references: Sequence[Reference]) -> dict[tuple[str, str], str]:
    index: dict[tuple[str, str], str] = {}
    for ref in references:
        if not ref.year:
            continue
        names = [ref.authors[0]] if ref.authors else []
        for name in names:
            for key in {fold(_surname(name)), fold(name.split(",")[0].strip())}:
                index.setdefault((key, ref.year), ref.id)
    return index


# One author-year item inside parentheses: "Weiss, 2015, p. 413", "Bezrukov et al., 2020", "Musoni et al. 2023".
_PARTICLES = r"(?:(?:van|von|de|der|den|del|della|di|da|du|dos|la|le|ten|ter|al|el|bin|ibn|Van|Von|De|Der|Den|Del|Di|Da|Du|La|Le|Ten|Ter)\s+){0,3}"
_NAME = _PARTICLES + r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]+)?"
_NAMES = _NAME + r"(?:\s+et\s+al\.?|(?:,\s*" + _NAME + r")*,?\s+(?:and|&)\s+" + _NAME + r")?"
# One author-year item inside parentheses: "Weiss, 2015, p. 413", "Bezrukov et al., 2020", "van der Berg, 2021b",
# "Smith & Jones 2023", "Raman, Ortega and de Vries, 2019".
_ITEM = re.compile(r"^(?P<names>" + _NAMES + r"),?\s+(?P<year>" + _YEAR + r")\b")
# An organisation as author: three to eight capitalised words, "of", "for", "and" … between them
# ("European Data Protection Supervisor 2020", "Organisation for Economic Co-operation and Development 2019").
_CORPORATE_ITEM = re.compile(
    r"^(?P<names>[A-Z][\w'’\-]*(?:\s+(?:(?:of|for|on|and|the|in|de|des|du|der|für|&)\s+){0,2}[A-Z][\w'’\-]*){2,7}),?\s+(?P<year>"
    + _YEAR + r")\b"
)
_PAREN = re.compile(r"\(([^()]{4,200}?(?:19|20)\d\d[^()]{0,60}?)\)")
_NARRATIVE = re.compile(
    r"(?<![\w'’-])(?P<names>" + _PARTICLES + r"[A-Z][a-zA-Z'’\-]+(?:\s+(?:et\s+al\.?|(?:and|&)\s+" + _PARTICLES + r"[A-Z][a-zA-Z'’\-]+))?)"
    r"\s+\((?P<year>" + _YEAR + r")(?:,\s*pp?\.\s*[\d\-–]+)?\)"
)
_LEAD_IN = re.compile(r"^(?:see(?:\s+also)?|e\.g\.,?|cf\.|for\s+example,?|i\.e\.,?|as\s+in)\s+", re.I)
_MARK = re.compile(r"\[(\d{1,3})\]")
_MARK_LIST = re.compile(r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})+\]")


@dataclass(frozen=True, slots=True)
class ReferenceIndex:
    """The lookups citations resolve against, built once per article (not once per paragraph)."""

    by_author_year: dict[tuple[str, str], str]
    numbered: frozenset[str]


def reference_index(references: Sequence[Reference]) -> ReferenceIndex:
    return ReferenceIndex(_index(references), frozenset(r.id for r in references if re.fullmatch(r"ref-\d+", r.id)))


def find_citations(paragraph: Paragraph, references: Sequence[Reference], lookup: ReferenceIndex | None = None) -> tuple[Citation, ...]:
    """Citations in one paragraph, in order, each resolved to a reference id or None."""
    lookup = lookup or reference_index(references)
    index, numbered = lookup.by_author_year, lookup.numbered
    text = paragraph.text
    found: list[Citation] = []
    for m in _PAREN.finditer(text):
        inner = m.group(1)
        offset = m.start(1)
        for part_match in re.finditer(r"[^;]+", inner):
            part = part_match.group(0)
            stripped = part.strip()
            lead = _LEAD_IN.match(stripped)
            if lead:
                stripped = stripped[lead.end():]
            item = _ITEM.match(stripped)
            resolved = _resolve(item.group("names"), item.group("year"), index) if item else None
            if not item or resolved is None:
                corporate = _CORPORATE_ITEM.match(stripped)  # taken only when the reference list names that organisation
                corporate_ref = _lookup(corporate.group("names"), corporate.group("year"), index) if corporate else None
                if corporate_ref is not None:
                    item, resolved = corporate, corporate_ref
            if not item:
                continue
            start = offset + part_match.start() + (len(part) - len(part.lstrip())) + (lead.end() if lead else 0)
            end = offset + part_match.end() - (len(part) - len(part.rstrip()))
            found.append(Citation(paragraph.id, text[start:end], resolved, start, end))
    taken = [(c.start, c.end) for c in found]
    for m in _NARRATIVE.finditer(text):
        if any(s <= m.start() < e for s, e in taken) or _inside_parens(text, m.start()):
            continue
        found.append(Citation(paragraph.id, m.group(0), _resolve(m.group("names"), m.group("year"), index), m.start(), m.end()))
    if numbered:
        for m in _MARK.finditer(text):
            ref_id = f"ref-{m.group(1)}"
            found.append(Citation(paragraph.id, m.group(0), ref_id if ref_id in numbered else None, m.start(), m.end()))
        for m in _MARK_LIST.finditer(text):  # "[2, 3]", "[4–6]": each number links to its note (a range, its ends)
            for number in re.finditer(r"\d{1,3}", m.group(0)):
                ref_id = f"ref-{number.group(0)}"
                if ref_id in numbered:
                    found.append(Citation(paragraph.id, number.group(0), ref_id, m.start() + number.start(), m.start() + number.end()))
    return tuple(sorted(found, key=lambda c: c.start))


def _inside_parens(text: str, pos: int) -> bool:
    depth = 0
    for ch in text[max(0, pos - 200):pos]:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
    return depth > 0


def _resolve(names: str, year: str, index: dict[tuple[str, str], str]) -> str | None:
    return _lookup(re.split(r"\s+(?:et\s+al\b|and\b|&)|,", names.strip())[0].strip(" ."), year, index)


def _lookup(name: str, year: str, index: dict[tuple[str, str], str]) -> str | None:
    """The reference of `name` (a first author, or an organisation) and year: by the whole name, or by its last word
    as the reference list keys surnames."""
    for key in (fold(name), fold(name.split()[-1]) if name.split() else ""):
        if key and (key, year) in index:
            return index[(key, year)]
    return None


# A note number printed as a superscript and flattened by PDF text extraction: glued to the word or
# punctuation before it ("Russia1", "concerns.3", "2023–24.11") or alone between words ("of 4 the").
GLUED_NOTE_MARK = re.compile(r"(?<=[^\W\d_]|[.,;:!?)”\"’])(\d{1,3})(?=[\s.,;:)]|$)")
_GLUED_MARK = re.compile(GLUED_NOTE_MARK.pattern + r"|(?<=\s)(\d{1,3})(?=\s)")


def find_note_marks(paragraphs: Sequence[Paragraph], references: Sequence[Reference]) -> tuple[Citation, ...]:
    """Note marks of numbered endnotes that PDF text flattened into plain digits, in reading order.

    A digit run counts only when it continues the notes' sequence (the next number, or a skip of one
    or two), so years, counts and "COVID-19" are never taken for marks. A glued mark may skip up to
    four (a mark the extraction lost), a number standing alone between words up to two."""
    numbered = {int(r.id[4:]) for r in references if re.fullmatch(r"ref-\d+", r.id)}
    if len(numbered) < 3:
        return ()
    expected = 1
    found: list[Citation] = []
    for paragraph in paragraphs:
        for m in _GLUED_MARK.finditer(paragraph.text):
            number = int(m.group(1) or m.group(2))
            glued = m.group(1) is not None
            window = 4 if glued else 2
            if number not in numbered or not expected <= number <= expected + window:
                continue
            found.append(Citation(paragraph.id, m.group(0), f"ref-{number}", m.start(), m.end()))
            expected = number + 1
    return tuple(found)
