"""Glossary: acronyms with their expansions, bare acronyms, and terms the text defines.

Precision comes first: a wrong entry is worse than a missing one. So an
expansion is accepted only when the initials of its words spell the acronym
(stop words may be skipped, hyphenated parts count as words, a number such as
"3rd" gives its digits, a word in capitals gives all its letters), and a bare
acronym only when it looks like one and is used in running text, not as a
citation author ("CISCO, 2020"), a company name ("HMN Tech", "ZTE") or in a
heading. Latin and Cyrillic capitals both make acronyms ("ПО", "НСДИ"); the
title and subtitle count as running text for bare acronyms ("..., HC 812").

Curated entries (glossary.yml) are loaded by `load_curated_glossary`, kept only
when the article uses them (`curated_for_article`) and win over extracted ones
(`merge_glossary`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_tools import safe_yaml
from build_tools.analysis.sentences import is_heading_like, split_sentences
from build_tools.model import GlossaryEntry

if TYPE_CHECKING:
    from build_tools.model import Article, Paragraph


#: Words an expansion may include without giving a letter ("Ministry *of* Foreign Affairs").
EXPANSION_STOP_WORDS: frozenset[str] = frozenset(
    "of and for the in on to a an at by with de du des la le & und и в во на с со к о об от для из".split()
)

#: Capitalised tokens that are not acronyms when used bare: Roman-numeral lookalikes, company names
#: (listed as acronyms only where the text expands them), shouting.
NOT_ACRONYMS: frozenset[str] = frozenset(
    """OK AM PM AD BC BCE CE CISCO ZTE MTS IBM NTT SAP BT AT&T LG HP HPE TCL NEC HSBC KPMG EY PWC AMD ASML
    TSMC SMIC NXP DJI BOE""".split()
)

#: Words after a capitalised token that make it a company name ("HMN Tech", "SK Telecom", "ZTE Corp").
COMPANY_WORDS: frozenset[str] = frozenset(
    "Tech Technologies Corp Corporation Inc Ltd Limited LLC PLC plc Group Holdings Labs Telecom Semiconductor".split()
)


@dataclass(frozen=True, slots=True)
class GlossaryOptions:
    """What the glossary extractor accepts."""

    not_acronyms: frozenset[str] = field(default=NOT_ACRONYMS)
    """Tokens not listed as bare acronyms (company names in capitals, AM/PM, ...); an expansion in the text still counts."""
    company_words: frozenset[str] = field(default=COMPANY_WORDS)
    """A token followed by one of these anywhere in the article is a company name, not a bare acronym."""
    stop_words: frozenset[str] = field(default=EXPANSION_STOP_WORDS)
    """Words an expansion may contain without contributing a letter."""
    max_expansion_words: int = 12
    """Longest expansion looked at before "(ACR)"."""
    max_definition_words: int = 40
    """Definitions of defined terms are cut (with "…") beyond this."""


DEFAULT_OPTIONS = GlossaryOptions()


@dataclass(frozen=True, slots=True)
class CuratedEntry(GlossaryEntry):
    """A hand-written glossary entry, with other spellings that count as the same term."""

    aliases: tuple[str, ...] = ()


# --- acronyms ---------------------------------------------------------------------------------

_UP = "A-ZА-ЯЁ"  # Latin and Cyrillic capitals: "ПО", "НСДИ" are acronyms too
_ACRONYM_RE = re.compile(rf"^(?:[{_UP}][{_UP}0-9&]*[{_UP}0-9]|\d+[{_UP}][{_UP}0-9]*|G\d{{1,2}})s?$")
_ROMAN_RE = re.compile(r"^M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_TOKEN_RE = re.compile(rf"(?<![\w&.-])[{_UP}0-9][\w&]*(?![\w&-]|\.\w)")
_CITATION_AFTER_RE = re.compile(r"\s*(?:et al\.?)?,?\s*(?:\(|\[)?(?:1[89]|20)\d\d[a-z]?\b")
_DATELINE_AFTER_RE = re.compile(r"\s*(?:\(|,|–|—|-\s)")
_PAREN_RE = re.compile(r"\(([^()]{2,60})\)")
_WORD_RE = re.compile(r"[\w’'&]+")
_HARD_STOP_RE = re.compile(r"[.;:!?()\[\]—–\"“”‘«»]")
_CAPS_RUN_RE = re.compile(
    rf"\b[{_UP}][{_UP}0-9&]+(?:[\s,:]+[{_UP}][{_UP}0-9&]+){{2,}}\b"  # JOURNAL OF NETWORK POLICY
    rf"|\b[{_UP}]{{5,}}\s+[{_UP}]{{5,}}\b"  # ROSLYN LAYTON: a name in capitals
)
_PROPER_PHRASE_RE = re.compile(
    r"\b[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*(?:\s+(?:(?:of|for|and|the|on)\s+)?[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*){1,7}"
)
_APPOSITION_RE = re.compile(
    r"\b(?P<acr>[A-Z][A-Z0-9&]*[A-Z0-9]s?),\s+(?P<def>an?\s+[a-z][^,.;:()—–]{2,120}?)(?=[,.;:—–]|\s+\()"
)


def looks_like_acronym(token: str, not_acronyms: frozenset[str] = NOT_ACRONYMS) -> bool:
    """Whether `token` is shaped like an acronym: EAEU, RANs, 5G, 3GPP, G20, R&D; not IV, not ZTE."""
    if token in not_acronyms or not _ACRONYM_RE.match(token):
        return False
    base = token[:-1] if token.endswith("s") else token
    if sum(c.isupper() for c in base) < 2 and not base[0].isdigit() and not base.startswith("G"):
        return False  # "Q315", "O2": one capital and digits is a label or a brand
    return not _ROMAN_RE.match(base)


def _letters(acronym: str) -> str:
    """The letters an expansion must spell: no spaces, no '&', no plural s."""
    base = acronym[:-1] if acronym.endswith("s") and acronym[:-1].isupper() else acronym
    return "".join(c for c in base if c.isalnum()).lower()


def _parts(words: Sequence[str]) -> list[str]:
    """Words split at hyphens and slashes ("techno-economic" gives two initials)."""
    return [p for w in words for p in re.split(r"[-/]", w) if p]


def _match(
    letters: str, parts: Sequence[str], stop_words: frozenset[str], loose: bool, last_from_initial: bool = False
) -> bool:
    """Whether every content part gives its initial (plus, if `loose`, later letters) to spell `letters`.

    With `last_from_initial`, a loose match may not take the acronym's last letter
    from inside a word: "Huawei Marine" is not HMN.
    """
    end = len(letters) - 1 if last_from_initial else len(letters)

    @lru_cache(maxsize=None)
    def go(i: int, j: int) -> bool:
        if i == len(parts):
            return j == len(letters)
        word = parts[i]
        low = word.lower()
        if low in stop_words and i > 0 and go(i + 1, j):
            return True
        if j >= len(letters):
            return False
        digits = re.match(r"\d+", word)
        if digits:
            d = digits.group(0)
            return letters.startswith(d, j) and go(i + 1, j + len(d))
        if len(word) >= 2 and word.isupper() and letters.startswith(low, j) and go(i + 1, j + len(low)):
            return True
        if low[0] != letters[j]:
            return False
        if go(i + 1, j + 1):
            return True
        if not loose:
            return False
        # "Eurasian" may give "EA" to EAEU: later letters of the word, in order.
        k, pos = j + 1, 1
        while k < end:
            pos = low.find(letters[k], pos) + 1
            if pos == 0:
                break
            k += 1
            if go(i + 1, k):
                return True
        return False

    return go(0, 0)


def expansion_before(
    text: str, paren_start: int, acronym: str, options: GlossaryOptions = DEFAULT_OPTIONS
) -> str | None:
    """The words just before "(ACR)" at `paren_start` whose initials spell `acronym`, verbatim."""
    window_start = max(0, paren_start - 200)
    window = text[window_start:paren_start]
    stops = list(_HARD_STOP_RE.finditer(window))
    if stops:
        window_start += stops[-1].end()
        window = text[window_start:paren_start]
    words = [m for m in re.finditer(r"[\w’'&]+(?:[-/][\w’']+)*", window)][-options.max_expansion_words :]
    letters = _letters(acronym)
    for loose in (False, True):
        for start in range(len(words) - 1, -1, -1):
            first = words[start].group(0)
            if first.lower() in options.stop_words:
                continue
            span = [w.group(0) for w in words[start:]]
            if _match(letters, _parts(span), options.stop_words, loose):
                return window[words[start].start() : words[-1].end()]
            if len(_parts(span)) > 2 * len(letters) + 2:
                break
    return None


def expansion_inside(content: str, acronym: str, options: GlossaryOptions = DEFAULT_OPTIONS) -> str | None:
    """`content` of "ACR (content)" if its initials spell `acronym` (a leading "the" is allowed)."""
    words = _WORD_RE.findall(content.replace("-", " "))
    if not 2 <= len(words) <= options.max_expansion_words or not all(w[0].isalnum() for w in words):
        return None
    if words[0].lower() == "the":
        words = words[1:]
    if _match(_letters(acronym), _parts(words), options.stop_words, loose=False):
        return content.strip()
    return None


def _acronym_in_parens(content: str) -> bool:
    tokens = content.split()
    return 1 <= len(tokens) <= 2 and all(looks_like_acronym(t, frozenset()) for t in tokens)


def _usable(paragraph: Paragraph) -> bool:
    return paragraph.kind != "heading" and not is_heading_like(paragraph.text)


def defined_acronyms(
    paragraphs: Sequence[Paragraph], options: GlossaryOptions = DEFAULT_OPTIONS
) -> list[tuple[tuple[int, int], GlossaryEntry]]:
    """Acronyms with an expansion: "Expansion (ACR)", "ACR (expansion)", "the ACR, a …,"; keyed by position.

    A validated expansion lists even a company name in capitals ("Semiconductor
    Manufacturing International Corporation (SMIC)"); an apposition does not.
    """
    found: list[tuple[tuple[int, int], GlossaryEntry]] = []
    for p_index, para in enumerate(paragraphs):
        if not _usable(para):
            continue
        text = para.text
        for m in _PAREN_RE.finditer(text):
            content = m.group(1).strip()
            if _acronym_in_parens(content):
                expansion = expansion_before(text, m.start(), content, options)
                if expansion:
                    found.append(((p_index, m.start()), GlossaryEntry(content, "acronym", expansion, para.id)))
                continue
            before = re.search(rf"([{_UP}0-9][\w&]*)\s*$", text[: m.start()])
            if before and looks_like_acronym(before.group(1), frozenset()):
                expansion = expansion_inside(content, before.group(1), options)
                if expansion:
                    found.append(((p_index, before.start(1)), GlossaryEntry(before.group(1), "acronym", expansion, para.id)))
        for m in _APPOSITION_RE.finditer(text):
            acr = m.group("acr")
            if looks_like_acronym(acr, options.not_acronyms) and len(m.group("def").split()) <= 20:
                found.append(((p_index, m.start()), GlossaryEntry(acr, "acronym", m.group("def").strip(), para.id)))
    return found


def _shouted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of capitals that are not acronyms: heading lines and runs of 3+ capitalised words."""
    spans = [m.span() for m in _CAPS_RUN_RE.finditer(text)]
    offset = 0
    for line in text.split("\n"):
        if is_heading_like(line):
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def company_names(texts: Iterable[str], options: GlossaryOptions = DEFAULT_OPTIONS) -> frozenset[str]:
    """Capitalised tokens that some text uses as a company name: "HMN Tech", "SK Telecom", "ZTE Corp".

    The company word must end the name: "US Tech Giants" in a headline is not a company.
    """
    words = "|".join(sorted(options.company_words, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w&.-])([{_UP}0-9][{_UP}0-9&]+) (?:{words})\b(?![ -][{_UP}])")
    return frozenset(m.group(1) for text in texts for m in pattern.finditer(text))


def bare_acronyms(
    paragraphs: Sequence[Paragraph], options: GlossaryOptions = DEFAULT_OPTIONS
) -> list[tuple[tuple[int, int], GlossaryEntry]]:
    """Acronym-shaped tokens used in running text (not citations, datelines, headings or company names), first use each."""
    seen: dict[str, tuple[tuple[int, int], GlossaryEntry]] = {}
    companies = company_names((p.text for p in paragraphs if p.id), options)
    for p_index, para in enumerate(paragraphs):
        if not _usable(para):
            continue
        text = para.text
        shouted = _shouted_spans(text)
        for m in _TOKEN_RE.finditer(text):
            token = m.group(0)
            if token in seen or token in companies or not looks_like_acronym(token, options.not_acronyms):
                continue
            if any(a <= m.start() < b for a, b in shouted):
                continue
            if _CITATION_AFTER_RE.match(text, m.end()):
                continue  # "CISCO, 2020", "(OECD 2019)": a reference author
            if m.start() == 0 and _DATELINE_AFTER_RE.match(text, m.end()):
                continue  # "LONDON (Wire) –": a dateline
            seen[token] = ((p_index, m.start()), GlossaryEntry(token, "acronym", None, para.id))
    return list(seen.values())


def expansion_elsewhere(
    acronym: str, phrases: Sequence[str], options: GlossaryOptions = DEFAULT_OPTIONS
) -> str | None:
    """A proper-name phrase used in the article ("Chinese Communist Party") whose initials spell `acronym`."""
    letters = _letters(acronym)
    for loose in (False, True):
        for phrase in phrases:
            if phrase[0].lower() == letters[0] and _match(letters, _parts(phrase.split()), options.stop_words, loose, True):
                return phrase
    return None


def proper_phrases(paragraphs: Sequence[Paragraph]) -> list[str]:
    """Distinct capitalised multi-word phrases of the body, in order ("Eurasian Economic Union")."""
    seen: dict[str, None] = {}
    for para in paragraphs:
        if _usable(para):
            for m in _PROPER_PHRASE_RE.finditer(para.text):
                phrase = re.sub(r"^(?:The|A|An|In|At|On|For|But|And|As)\s+", "", m.group(0))
                if " " in phrase:
                    seen.setdefault(phrase, None)
    return list(seen)


# --- defined terms ----------------------------------------------------------------------------

_QUOTED_TERM = r"[‘“\"'](?P<qterm>[^’”\"'‘“]{2,60})[’”\"']"
_PLAIN_TERM = r"(?P<pterm>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,3})"
_VERB = r"(?P<verb>(?:is|are)\s+(?:commonly\s+|usually\s+|generally\s+|here\s+)?(?:understood|defined)\s+as|refers?\s+(?:mainly\s+|here\s+)?to|means)"
_DEFINES_QUOTED_RE = re.compile(rf"{_QUOTED_TERM},?\s+{_VERB}\s+(?P<def>.+)$")
_DEFINES_RE = re.compile(rf"(?:^|(?<=\bthe\s)|(?<=\ba\s)|(?<=\ban\s)|(?<=,\s)){_PLAIN_TERM}\s+{_VERB}\s+(?P<def>.+)$")
_SO_CALLED_RE = re.compile(
    r"\bso-called\s+(?:[‘“\"'](?P<qterm>[^’”\"'‘“]{2,60})[’”\"']|(?P<cterm>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4}))"
    r"(?:\s*[—–]\s*(?P<dash>[^—–.;]{3,120}?)\s*[—–]|,\s+(?P<comma>an?\s+[^,.;]{3,120}?)[,.;])?"
)
#: Every match of the three patterns above holds one of these (they are case-sensitive), so a
#: paragraph without any is not split into sentences at all.
_DEFINITION_CUES = ("so-called", "understood", "defined", "refer", "means")
_TRAILING_CITATION_RE = re.compile(r"\s*\([^()]*\b(?:1[89]|20)\d\d[a-z]?\b[^()]*\)\s*$")
_BAD_TERM_WORDS: frozenset[str] = frozenset(
    """this that these those it they he she we which who what there here one term word concept idea
    paper article report study author authors text section chapter book figure table""".split()
)


def _clean_definition(text: str, max_words: int) -> str:
    text = text.strip().rstrip(".;:")
    text = _TRAILING_CITATION_RE.sub("", text).strip().rstrip(".;:")
    if len(text) >= 2 and text[0] in "“\"‘'" and text[-1] in "”\"’'":
        text = text[1:-1].strip().rstrip(".,;")
    words = text.split()
    return text if len(words) <= max_words else " ".join(words[:max_words]) + " …"


def defined_terms(
    paragraphs: Sequence[Paragraph], options: GlossaryOptions = DEFAULT_OPTIONS
) -> list[tuple[tuple[int, int], GlossaryEntry]]:
    """Terms the text defines: "X is understood/defined as …", "X refers to …", "'X' means …", "the so-called X"."""
    found: list[tuple[tuple[int, int], GlossaryEntry]] = []
    for p_index, para in enumerate(paragraphs):
        if not _usable(para) or not any(cue in para.text for cue in _DEFINITION_CUES):
            continue
        offset = 0
        for sentence in split_sentences(para.text):
            offset = para.text.find(sentence, offset)
            for so_called in _SO_CALLED_RE.finditer(sentence):
                term = (so_called.group("qterm") or so_called.group("cterm")).strip()
                definition = so_called.group("dash") or so_called.group("comma")
                cleaned = _clean_definition(definition, options.max_definition_words) if definition else None
                found.append(((p_index, offset + so_called.start()), GlossaryEntry(term, "term", cleaned, para.id)))
            m = _DEFINES_QUOTED_RE.search(sentence) or _DEFINES_RE.search(sentence)
            if m:
                quoted = "qterm" in m.re.groupindex
                term = (m.group("qterm") if quoted else m.group("pterm")).strip()
                words = term.lower().split()
                if not words or words[0] in _BAD_TERM_WORDS or any(w in _BAD_TERM_WORDS for w in words):
                    continue
                if not quoted and any(w in EXPANSION_STOP_WORDS for w in words):
                    continue
                if not quoted and m.start() == 0 and len(words) > 3:
                    continue
                verb = m.group("verb")
                if not quoted and (verb == "means" or verb.startswith("refer") and m.start() > 0):
                    continue  # "the technology means ...", "the report refers to ...": not definitions
                definition = _clean_definition(m.group("def"), options.max_definition_words)
                if len(definition.split()) >= 2:
                    found.append(((p_index, offset + m.start()), GlossaryEntry(term, "term", definition, para.id)))
    return found


# --- assembly ---------------------------------------------------------------------------------


def term_key(term: str) -> str:
    """The identity of a term across spellings: case-folded, acronym plural s dropped."""
    base = term[:-1] if term.endswith("s") and term[:-1].isupper() and len(term) > 2 else term
    return " ".join(base.casefold().replace("’", "'").split())


def _title_paragraph(article: Article) -> Paragraph | None:
    """The title (and subtitle) as a pseudo-paragraph with no id, so acronyms used only there are listed."""
    from build_tools.model import Paragraph

    heading = ". ".join(t for t in (article.title, article.subtitle) if t)
    return Paragraph("", heading) if heading else None


def extract_glossary(article: Article, options: GlossaryOptions = DEFAULT_OPTIONS) -> tuple[GlossaryEntry, ...]:
    """Every glossary entry the article supports, one per term, in order of first appearance.

    Acronyms used only in the title or subtitle are listed too, with no paragraph
    (they sort after the body's entries).
    """
    paragraphs = article.paragraphs()
    title = _title_paragraph(article)
    bare = bare_acronyms((*paragraphs, title) if title else paragraphs, options)
    bare = [(pos, replace(e, paragraph=None) if not e.paragraph else e) for pos, e in bare]
    found = defined_acronyms(paragraphs, options) + defined_terms(paragraphs, options) + bare
    # "IIS" that only appears inside a defined "EAEU IIS" is not an entry of its own.
    defined_parts = {part for _, e in found if e.definition and e.kind == "acronym" for part in e.term.split()[1:]}
    found = [(pos, e) for pos, e in found if e.definition is not None or e.term not in defined_parts]
    phrases = proper_phrases(paragraphs)
    found = [
        (pos, replace(e, definition=expansion_elsewhere(e.term, phrases, options)) if e.definition is None else e)
        for pos, e in found
    ]
    best: dict[str, tuple[tuple[int, int], GlossaryEntry]] = {}
    for pos, entry in found:
        key = term_key(entry.term)
        current = best.get(key)
        if current is None or (current[1].definition is None and entry.definition is not None):
            first = min(pos, current[0]) if current else pos
            paragraph = entry.paragraph if current is None or pos <= current[0] else current[1].paragraph
            best[key] = (first, GlossaryEntry(entry.term, entry.kind, entry.definition, paragraph))
        elif pos < current[0]:
            best[key] = (pos, GlossaryEntry(current[1].term, current[1].kind, current[1].definition, entry.paragraph))
    return tuple(e for _, e in sorted(best.values(), key=lambda item: (item[0], item[1].term)))


# --- curated glossary -------------------------------------------------------------------------


def load_curated_glossary(text: str) -> tuple[CuratedEntry, ...]:
    """Entries from glossary.yml text: a list of {term, kind, definition, aliases?}. Raises ValueError."""
    data: Any = safe_yaml.load(text) or []
    if not isinstance(data, list):
        raise ValueError("glossary: expected a list of entries")
    entries = []
    for n, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise ValueError(f"glossary entry {n}: expected a mapping with term, kind, definition")
        unknown = set(item) - {"term", "kind", "definition", "aliases"}
        if unknown:
            raise ValueError(f"glossary entry {n}: unknown key(s) {', '.join(sorted(unknown))}")
        term, kind, definition = item.get("term"), item.get("kind", "term"), item.get("definition")
        aliases = item.get("aliases") or []
        if not isinstance(term, str) or not term.strip():
            raise ValueError(f"glossary entry {n}: 'term' must be a non-empty string")
        if kind not in ("acronym", "term"):
            raise ValueError(f"glossary entry {n} ({term}): 'kind' must be 'acronym' or 'term', not {kind!r}")
        if definition is not None and not isinstance(definition, str):
            raise ValueError(f"glossary entry {n} ({term}): 'definition' must be a string")
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ValueError(f"glossary entry {n} ({term}): 'aliases' must be a list of strings")
        entries.append(CuratedEntry(term.strip(), kind, definition.strip() if definition else None, None, tuple(aliases)))
    return tuple(entries)


def read_curated_glossary(path: Path) -> tuple[CuratedEntry, ...]:
    """`load_curated_glossary` on a file."""
    return load_curated_glossary(path.read_text(encoding="utf-8"))


def _spelling_source(term: str) -> str:
    """Regex source of one spelling with its plural ending; case-sensitive when in capitals or with a digit ("5G", "DNS")."""
    source = rf"{re.escape(term)}(?:s|es)?"
    return source if term.isupper() or any(c.isdigit() for c in term) else f"(?i:{source})"


@lru_cache(maxsize=1024)
def _spellings_pattern(spellings: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for all spellings of a term, as whole words.

    Its leftmost match is the leftmost match of any spelling, so one search finds
    where the term is first used.
    """
    alternatives = "|".join(_spelling_source(s) for s in spellings)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


#: Joins paragraphs for one search per term: a line break is no word character, so each
#: paragraph's edges look to a term pattern as they do alone, and no term spans two paragraphs.
_PARAGRAPH_SEPARATOR = "\n"


def curated_for_article(article: Article, curated: Iterable[GlossaryEntry]) -> tuple[GlossaryEntry, ...]:
    """The curated entries whose term (or an alias) the body uses, anchored to the first paragraph that does.

    Each entry is searched once in the joined body, not once per paragraph: the
    offset of its first match tells the first paragraph that uses it.
    """
    paragraphs = [p for p in article.paragraphs() if _usable(p)]
    if not paragraphs:
        return ()
    body = _PARAGRAPH_SEPARATOR.join(p.text for p in paragraphs)
    starts = list(accumulate((len(p.text) + len(_PARAGRAPH_SEPARATOR) for p in paragraphs[:-1]), initial=0))
    out = []
    for entry in curated:
        spellings = (entry.term, *getattr(entry, "aliases", ()))
        pattern = _spellings_pattern(spellings)
        if any(_PARAGRAPH_SEPARATOR in s for s in spellings):  # could span two paragraphs: look at each alone
            first = next((p.id for p in paragraphs if pattern.search(p.text)), None)
        else:
            m = pattern.search(body)
            first = paragraphs[bisect_right(starts, m.start()) - 1].id if m else None
        if first is not None:
            out.append(replace(entry, paragraph=first))
    return tuple(out)


def merge_glossary(extracted: Sequence[GlossaryEntry], curated: Sequence[GlossaryEntry]) -> tuple[GlossaryEntry, ...]:
    """Extracted entries with curated ones (already filtered to the article) winning on the same term.

    A curated entry replaces the extracted entry with the same term or alias and
    takes its place in the order; curated entries with no match come after.
    """
    by_key: dict[str, GlossaryEntry] = {}
    for entry in curated:
        for spelling in (entry.term, *getattr(entry, "aliases", ())):
            by_key.setdefault(term_key(spelling), entry)
    out: list[GlossaryEntry] = []
    used: set[str] = set()
    for entry in extracted:
        winner = by_key.get(term_key(entry.term), entry)
        key = term_key(winner.term)
        if key in used:
            continue
        used.add(key)
        out.append(GlossaryEntry(winner.term, winner.kind, winner.definition, winner.paragraph or entry.paragraph))
    for entry in curated:
        if term_key(entry.term) not in used:
            used.add(term_key(entry.term))
            out.append(GlossaryEntry(entry.term, entry.kind, entry.definition, entry.paragraph))
    return tuple(out)
