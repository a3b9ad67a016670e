"""Raw article text to a lossless `Article` record.

`parse_seed(text, source)` is pure; `parse_seed_bytes(data, source)` decodes
bytes and wraps it; the readers (`readers.read_path`) call them for plain text. The
parser works in passes, each linear in the text (modules in
`build_tools/parsing/`):

1. lines (`layout`): form feeds, page numbers and running headers/footers are
   removed, each recorded as an "info" diagnostic;
2. blocks (`layout`): runs of non-blank lines;
3. header (`header`): title, subtitle, date, authors, DOI, funding,
   provenance, abstract and keywords are read from the blocks before the body
   starts; any header line no field claims is kept verbatim in `metadata_lines`;
4. body (`sections`): headings, lists, quotes and paragraphs; sentences cut by
   a page break are joined again; the reference list is split into entries;
5. citations (`sections`) are found in the paragraphs and resolved to references.

Every word of the input ends up in a field, a paragraph, a reference or an
info diagnostic; `tests/unit/test_no_loss.py` checks that word by word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from .analysis.entities import CITIES, COMPANIES, COUNTRIES, ORGANISATIONS, PEOPLE, REGIONS, TITLES
from .dates import date_line_value
from .decoding import decode_input, repair_note
from .errors import InputError
from .model import Article, Author, Diagnostic, Reference
from .parsing.header import _read_header
from .parsing.layout import _Block, _Furniture, _blocks, _clean_lines, _drop_tables_of_contents, _split_glued_headings
from .parsing.shapes import _is_name, _split_names
from .parsing.patterns import _DATELINE, _ISSUE_YEAR, _JOURNAL_LINE, _NUMBERED_HEADING
from .parsing.sections import (
    _citations, _Item, _join_page_breaks, _merge_labels, _read_body, _read_references, _sections, _split_run_in_headings,
    _take_standfirst, _take_trailing_metadata,
)
from .parsing.bios import _take_closing_bios
from .parsing.footnotes import _take_page_footnotes
from .parsing.hyphens import _rejoin_broken_words, _rejoin_in_entries
from .references import find_note_marks, parse_reference, unique_ids
from .slugs import slugify


def parse_seed_bytes(data: bytes, source: str) -> Article:
    """Decode and parse the bytes of one raw article file; raise InputError with a hint when they hold no article."""
    decoded = decode_input(data, source)
    article = parse_seed(decoded.text, source)
    if decoded.repaired:
        article = replace(article, diagnostics=(repair_note(decoded.repaired), *article.diagnostics))
    return article


def parse_seed(text: str, source: str, *, marked_headings_only: bool = False) -> Article:
    """Parse the text of one raw article into an Article. Raises InputError only when there is no title.
    `marked_headings_only` is for text written by a reader that knows the headings (Markdown, HTML)."""
    text = text.lstrip("\ufeff")
    diagnostics: list[Diagnostic] = []
    furniture = _Furniture()
    lines = _clean_lines(text, diagnostics, furniture)
    blocks = _drop_tables_of_contents(_blocks(lines), diagnostics)
    header, body_start = _read_header(blocks, diagnostics)
    if not header.title:
        raise InputError(source, "no recognisable title", "put the article's title alone on the first line", line=1)
    blocks = _split_glued_headings(blocks, body_start)
    items, references, bios = _body_and_references(blocks[body_start:], furniture.lone_numbers, diagnostics, marked_headings_only)
    items = _merge_labels(_join_page_breaks(items, diagnostics))
    _rejoin_broken_words(items, diagnostics)
    items, trailing = _take_trailing_metadata(items)
    header.provenance.extend(trailing)
    header.provenance.extend(bio.text for bio in bios)  # closing author bios are provenance, as a single one after the body is
    if not header.abstract:
        items, standfirst = _take_standfirst(items, has_references=bool(references))
        header.abstract = standfirst
    items = _split_run_in_headings(items)
    sections, line_maps = _sections(items)
    citations, cite_diags = _citations(sections, references, line_maps)
    diagnostics.extend(cite_diags)
    if references and not any(re.fullmatch(r"\[\d{1,3}\]", c.text) for c in citations):
        marks = find_note_marks([p for s in sections for p in s.paragraphs], references)
        taken = {(c.paragraph, c.start) for c in citations}
        citations = tuple(sorted((*citations, *(m for m in marks if (m.paragraph, m.start) not in taken)),
                                 key=lambda c: (_paragraph_order(sections, c.paragraph), c.start)))
    if not any(s.paragraphs for s in sections):
        diagnostics.append(Diagnostic(None, "warning", "no body text was found after the header"))
    authors = tuple(
        Author(a["name"], tuple(a["affiliations"]), a.get("email"), a.get("orcid"), a.get("address")) for a in header.authors
    ) or tuple(dict.fromkeys(Author(bio.lines[0].text.strip()) for bio in bios))
    article = Article(
        source=source,
        slug=slugify(header.title, fallback_seed=source),
        title=header.title,
        subtitle=header.subtitle,
        date=header.date,
        authors=authors,
        doi=header.doi,
        funding=" ".join(header.funding) or None,
        publisher=header.publisher or _copyright_holder(header.provenance),
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
        inferred=("authors",) if authors and not header.authors else (),
    )
    return _with_kind(_with_standfirst_writer(_with_signatory(_with_wire_credits(_with_inferred_date(article, furniture.running_heads)))))


#: "© 2023 Nordic Wire. All rights reserved.", "Copyright © 2021 Example Press Ltd": who holds the article's rights.
_COPYRIGHT = re.compile(r"^\s*(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?\s*,?\s*)?"
                        r"(?P<holder>[A-Z][\w&'’.-]*(?:\s+[\w&'’.-]+){0,6}?)\s*[.,]?\s*(?:all rights reserved\.?)?\s*$", re.I)


def _copyright_holder(lines: Sequence[str]) -> str | None:
    """The publisher a closing copyright line names, unless it names the authors ("© The Author(s) 2022")."""
    for line in lines:
        m = _COPYRIGHT.match(line)
        if m and not re.search(r"\bauthors?\b|\(s\)|\bcreative commons\b|\bcc[ -]by\b", m.group("holder"), re.I):
            return m.group("holder").strip(" .,")
    return None


def _body_and_references(
    blocks: list[_Block], lone_numbers: dict[int, int], diagnostics: list[Diagnostic], marked_headings_only: bool
) -> tuple[list[_Item], tuple[Reference, ...], list[_Block]]:
    """The body's items, the references and the authors' closing biographies (a block each, opening with the
    name). The notes printed at page feet are among the references (unless the article has numbered endnotes:
    then those numbers were page numbers after all)."""
    blocks, bios = _take_closing_bios(blocks)
    body, footnotes = _take_page_footnotes(blocks, lone_numbers)
    said: list[Diagnostic] = []
    items, reference_blocks = _read_body(body, said, marked_headings_only=marked_headings_only)
    references = _read_references(reference_blocks, said)
    if footnotes and any(re.fullmatch(r"ref-\d+", r.id) for r in references):
        footnotes, said = [], []
        items, reference_blocks = _read_body(blocks, said, marked_headings_only=marked_headings_only)
        references = _read_references(reference_blocks, said)
    diagnostics.extend(said)
    for note in footnotes:
        diagnostics.append(Diagnostic(note.line, "info", f"note {note.number}, printed at the foot of a page, listed with the references"))
    for bio in bios:
        diagnostics.append(Diagnostic(bio.first, "info", f"closing biography of {bio.lines[0].text.strip()!r} kept as provenance"))
    notes = _rejoin_in_entries([n.text for n in footnotes], diagnostics)
    return items, unique_ids((*references, *(parse_reference(text, number=n.number, line=n.line) for n, text in zip(footnotes, notes)))), bios


_YEAR_IN_DOI = re.compile(r"[-./_((](?P<year>(?:19|20)\d\d)[-./_)]")
_VOLUME_YEAR = re.compile(r"\b(?:vol(?:ume)?\.?|no\.|issue|©|copyright)\b.*?\b(?P<year>(?:19|20)\d\d)\b", re.I)
_FILE_DATE = re.compile(r"^(?P<date>(?:19|20)\d\d(?:-[01]\d(?:-[0-3]\d)?)?)[-_][a-z]", re.I)


def _with_inferred_date(article: Article, running_heads: Sequence[str] = ()) -> Article:
    """An article that states no date in its header takes the one its dateline states ("BERLIN, 14 July 2023 —");
    else it gets the best other evidence, in this order: the year in its DOI
    ("10.31278/1810-6374-2021-19-2-64-85"), in a volume, issue or copyright line (of the header, or a running
    header or footer: "the cloud report 01—2022"), or a date that opens its file name ("2021-russia-….txt");
    the record then lists `date` as inferred."""
    if article.date:
        return article
    dated = _DATELINE.match(article.paragraphs()[0].text) if article.paragraphs() else None
    stated = date_line_value(dated.group("date")) if dated and dated.group("date") else None
    if stated:  # "BERLIN, 14 July 2023 — …": the article's own date, stated where news and press releases state it
        return replace(article, date=stated)
    signed = _closing_date(article)
    if signed:  # "February 2026" or "State Council / March 18, 2026" under the last paragraph: the date it was signed
        return replace(article, date=signed)
    found = None
    if article.doi:
        m = _YEAR_IN_DOI.search(article.doi.split("/", 1)[-1])
        found = m.group("year") if m else None
    for line in (*article.metadata_lines, *article.provenance):
        if found:
            break
        m = _VOLUME_YEAR.search(line)
        found = m.group("year") if m else None
    issue_years = {m.group("year") for line in running_heads if (m := _ISSUE_YEAR.search(line) or _VOLUME_YEAR.search(line))}
    if not found and len(issue_years) == 1:  # every issue line of the running heads names the same year
        found = issue_years.pop()
    if not found:
        m = _FILE_DATE.match(article.source.replace("\\", "/").rsplit("/", 1)[-1])
        found = m.group("date") if m else None
    if not found:
        return article
    return replace(article, date=found, inferred=tuple(sorted({*article.inferred, "date"})))


def _closing_date(article: Article) -> str | None:
    """The date a document is signed with under its last paragraph, alone or after the place or the issuer
    ("February 2026", "State Council March 18, 2026", "London, 3 March 2026"): evidence to a parliament, notices,
    letters and conclusions state their date there, not in a header."""
    paragraphs = article.paragraphs()
    if len(paragraphs) < 2:
        return None
    last = paragraphs[-1].text.strip().rstrip(".")
    if len(last.split()) > 8 or re.match(r"(?i)(?:updated|published|posted|accessed|retrieved|first)\b", last):
        return None
    return date_line_value(last)


#: A wire story's closing credit: "(Reporting by Anna Berg in Stockholm and Per Lind; Editing by Mark Potter)".
_WIRE_CREDIT = re.compile(r"^\(?\s*(?:reporting|reported|writing)\s+by\s+(?P<names>[^;)]{3,200})", re.I)
#: News agencies a dateline names in parentheses: "STOCKHOLM, Nov 3 (Reuters) -", "BEIJING, March 5 (Xinhua) --".
_WIRE_AGENCIES = frozenset({"Reuters", "AP", "AFP", "Xinhua", "Bloomberg", "dpa", "ANSA", "EFE", "Kyodo", "Yonhap", "TASS", "Interfax", "PTI",
                            "IANS", "UPI"})


def _with_wire_credits(article: Article) -> Article:
    """A wire story: with no byline, its writers are those its closing credit names ("(Reporting by …; Editing by …)"),
    marked inferred; with no publisher, the agency its dateline names is the publisher."""
    paragraphs = article.paragraphs()
    if not paragraphs:
        return article
    dateline = _DATELINE.match(paragraphs[0].text) if article.publisher is None else None
    if dateline and dateline.group("source") in _WIRE_AGENCIES:
        article = replace(article, publisher=dateline.group("source"))
    if article.authors:
        return article
    for paragraph in paragraphs[-3:]:
        credit = _WIRE_CREDIT.match(paragraph.text.strip())
        if credit:
            names = re.sub(r"\s+in\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?", "", credit.group("names"))  # "Anna Berg in Stockholm"
            writers = tuple(Author(n) for n in _split_names(names) if _is_writer_name(n))
            if writers:
                return replace(article, authors=writers, inferred=tuple(sorted({*article.inferred, "authors"})))
    return article


def _with_signatory(article: Article) -> Article:
    """An order, letter or statement signed at its end ("JOSEPH R. BIDEN JR." over "THE WHITE HOUSE,
    June 9, 2021."): with no author named in the header, the signatory is the author, marked inferred."""
    if article.authors:
        return article
    texts = [t for s in article.sections for t in ([s.heading] if s.heading else []) + [p.text for p in s.paragraphs]]
    tail = texts[-3:]  # a signature line may have been read as a heading over the place and date
    for i, text in enumerate(tail):
        text = text.strip()
        name = re.sub(r",?\s+(?:Jr|Sr)\.?$", "", text.title() if text.isupper() else text)
        followed_by_place = i + 1 < len(tail) and re.search(r"\b(?:19|20)\d\d\b", tail[i + 1]) and len(tail[i + 1].split()) <= 12
        if len(text.split()) <= 6 and _is_name(name) and (followed_by_place or text.isupper() and i == len(tail) - 1):
            suffix = " Jr." if re.search(r"\bJR\.?$", text, re.I) else ""
            return _with_inferred_author(article, name + suffix)
    return article


_NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,2}"  # two or three capitalised words, as a writer's name is written
#: A standfirst that names its writer: "In the first of a three-part series, Dewey Sim looks at how …".
_STANDFIRST_WRITER = re.compile(
    rf"(?:^|[.;:]\s+|,\s+)(?P<name>{_NAME})\s+"
    r"(?:looks at|looks into|examines|explores|investigates|asks|considers|assesses|analy[sz]es)\s+(?:how|why|what|whether)\b"
)
#: A newsletter's note over a republished piece: "Ada Okafor, a senior fellow at …, has written … below is her article".
_REPUBLISHED_WRITER = re.compile(rf"^(?P<name>{_NAME}),\s[^.]{{5,160}},\s+has\s+(?:written|put together|published)\b")
#: An editor's note that introduces the writer: "Editor's note: This week's essay comes from Ada Okafor, who …",
#: "Editor’s Note: Ada Okafor is a senior fellow at …".
_EDITORS_NOTE_WRITER = re.compile(
    rf"^\s*(?i:editor['’]?s['’]?\s+note)\s*:\s*(?:[^.]{{0,80}}?\b(?:comes from|is by|was written by|is written by)\s+(?P<by>{_NAME})"
    rf"|(?P<is>{_NAME})\s+is\s+(?:a|an|the)\s)"
)
_REPUBLISHED_PIECE = re.compile(r"\b(?:his|her|their)\s+(?:article|piece|essay|analysis|paper)\b|\brepublished\b", re.I)


def _with_standfirst_writer(article: Article) -> Article:
    """With no author in the header, a writer the opening names as such (an editor's note's "This week's essay comes
    from Priya Raman", a standfirst's "Dewey Sim looks at how …", a newsletter's "Greg Allen, a senior fellow at …, has
    put together … See below for his article") is the author, marked inferred. Only editor's notes, the abstract and
    the first paragraph are read, and only a person's name counts."""
    if article.authors:
        return article
    for note in article.provenance:
        m = _EDITORS_NOTE_WRITER.match(note)
        name = (m.group("by") or m.group("is")) if m else None
        if name and _is_writer_name(name):
            return _with_inferred_author(article, name)
    first = article.paragraphs()[0].text if article.paragraphs() else ""
    for text in (article.abstract or "", first):
        if len(text.split()) > 120:
            continue
        m = _STANDFIRST_WRITER.search(text)
        if m is None:
            republished = _REPUBLISHED_WRITER.match(text)
            m = republished if republished and _REPUBLISHED_PIECE.search(text) else None
        if m and _is_writer_name(m.group("name")):
            return _with_inferred_author(article, m.group("name"))
    return article


def _with_inferred_author(article: Article, name: str) -> Article:
    """The article with `name` as its one author, listed as inferred (read from the text's shape, not a label)."""
    return replace(article, authors=(Author(name),), inferred=tuple(sorted({*article.inferred, "authors"})))


def _is_writer_name(name: str) -> bool:
    """A person's name that is not a known place, organisation or public figure, nor led by an office ("Analyst Jane Doe")."""
    first = name.split()[0]
    if first in TITLES or first.lower() in _ROLE_WORDS:
        return False
    return _is_name(name) and not any(name in known for known in (COUNTRIES, CITIES, REGIONS, COMPANIES, ORGANISATIONS, PEOPLE))


_ROLE_WORDS = frozenset("analyst reporter correspondent editor columnist economist researcher expert official author writer".split())


_REPORTING = re.compile(r"\b(?:said|says|told|according to|announced|stated|added)\b")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|us|my|My)\b")


def _paragraph_order(sections: tuple, paragraph_id: str) -> int:
    digits = re.sub(r"\D", "", paragraph_id)
    return int(digits) if digits else 0


#: A transcript's turn: an optional time stamp, then the speaker's name and a colon ("[00:01:05] Tomas Berg: …", "MARIA LIND: …").
_SPEAKER_TURN = re.compile(r"^(?:\[?\(?\d{1,2}:\d{2}(?::\d{2})?\)?\]?\s*)?((?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’.-]+):\s+\S")


def _is_conversation(speakers: list[str], paragraphs: int) -> bool:
    """Turns of two to four speakers make most of the text: an interview or a podcast's conversation."""
    names = set(speakers)
    return 2 <= len(names) <= 4 and len(speakers) >= 4 and len(speakers) * 2 >= paragraphs


def _with_kind(article: Article) -> Article:
    """Label the article's genre from its shape (journal article, speech, interview, report, news, commentary).
    The label is a guess from shape, so `kind` is listed in `inferred` (a reader that finds a genre tag clears it)."""
    title = article.title.lower()
    headings = [s.heading or "" for s in article.sections]
    questions = sum(1 for h in headings if h.endswith("?"))
    paragraphs = article.paragraphs()
    qa = sum(1 for p in paragraphs if re.match(r"^(?:Q|A|Q\d+)\s*[:.]", p.text))
    speakers = [turn.group(1) for p in paragraphs if (turn := _SPEAKER_TURN.match(p.text))]
    body = " ".join(p.text for p in paragraphs)
    words = max(1, len(body.split()))
    reporting = len(_REPORTING.findall(body))
    first_person = len(_FIRST_PERSON.findall(body))
    if re.search(r"\b(?:speech|remarks|address|keynote|press\s+(?:call|briefing|conference)|testimony)\b", title):
        kind = "speech"
    elif questions >= 2 or qa >= 2 or re.search(r"\b(?:interview|podcast)\b", title) or _is_conversation(speakers, len(paragraphs)):
        kind = "interview"
    elif article.doi or (article.abstract and article.keywords) or any(_JOURNAL_LINE.search(line) for line in article.metadata_lines):
        kind = "journal article"
    elif any(_NUMBERED_HEADING.match(h) for h in headings) or re.search(r"\b(?:report|brief|paper|executive\s+order|issue\s+no)\b", title + " " + " ".join(article.metadata_lines).lower()):
        kind = "report"
    elif any(_DATELINE.match(p.text) for p in paragraphs[:1]) or (reporting >= 3 and reporting * 400 >= words and first_person * 2 < reporting):
        kind = "news"
    elif len(article.references) >= 5 and not article.authors and first_person * 200 < words:
        kind = "report"
    else:
        kind = "commentary"
    return replace(article, kind=kind, inferred=tuple(sorted({*article.inferred, "kind"})))
