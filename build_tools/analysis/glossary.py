"""Glossary: acronyms with their expansions, bare acronyms, and terms the text defines.

Precision comes first: a wrong entry is worse than a missing one. So an
expansion is accepted only where the text defines the acronym locally
("Expansion (ACR)", "ACR (Expansion)", "known as the ACR", "ACR stands for",
"Expansion, or ACR,", "the ACR, the Expansion,") and only when its words align
with the acronym's letters, Schwartz–Hearst style (`expansion_aligns`): every
content word gives its initial, function words may be skipped, a hyphenated
part may give its initial or none, a number such as "3rd" gives its digits, a
word in capitals gives all its letters, a word may give later letters in order
("Eurasian" gives EA), and "X of Y" may read "Y X" ("Communist Party of China"
is CCP). Nothing is inferred from capitalised words elsewhere. URLs, code and
percent-encoding are masked, and paragraphs that read as reference entries or
notes are skipped, so their fragments never become entries. A bare acronym is
listed only when it looks like one and is used in running text, not as a
citation author ("CISCO, 2020"), a company name ("HMN Tech", "ZTE"), a speaker's
label ("MODERATOR:"), a word the text also writes plainly ("ABSTRACT", "END"),
or in a heading. Latin and Cyrillic capitals both make acronyms ("ПО", "НСДИ");
the title and subtitle count as running text for bare acronyms, and the
abstract may define one.

Curated entries (glossary.yml) are loaded by `load_curated_glossary`, kept only
when the article uses them (`curated_for_article`) and win over extracted ones
(`merge_glossary`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_tools import safe_yaml
from build_tools.analysis.sentences import is_heading_like, reference_like
from build_tools.analysis.tokens import fold_case
from build_tools.model import GlossaryEntry

if TYPE_CHECKING:
    from build_tools.analysis.document import Document
    from build_tools.model import Article, Paragraph


#: Words an expansion may include without giving a letter ("Ministry *of* Foreign Affairs").
EXPANSION_STOP_WORDS: frozenset[str] = frozenset(
    "of and for the in on to a an at by with de du des la le & und и в во на с со к о об от для из".split()
)

#: Capitalised tokens that are not acronyms when used bare: Roman-numeral lookalikes, company names
#: (listed as acronyms only where the text expands them), shouting.
NOT_ACRONYMS: frozenset[str] = frozenset(
    """OK AM PM AD BC BCE CE CISCO ZTE MTS IBM NTT SAP BT AT&T LG HP HPE TCL NEC HSBC KPMG EY PWC AMD ASML
    TSMC SMIC NXP DJI BOE END NO JR SR""".split()
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
    """A hand-written glossary entry, with other spellings that count as the same term and where its definition comes from."""

    aliases: tuple[str, ...] = ()
    source: str | None = None


# --- acronyms ---------------------------------------------------------------------------------

_UP = "A-ZА-ЯЁ"  # Latin and Cyrillic capitals: "ПО", "НСДИ" are acronyms too
_ACRONYM_RE = re.compile(rf"^(?:[{_UP}][{_UP}0-9&]*[{_UP}0-9]|\d+[{_UP}][{_UP}0-9]*|G\d{{1,2}})s?$")
_DIGIT_ACRONYM_RE = re.compile(r"^\d(?:G[A-Z]{0,3}|[A-Z]{2,3})$")  # 5G, 3GPP, 2FA
_ROMAN_RE = re.compile(r"^M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_TOKEN_RE = re.compile(rf"(?<![\w&.-])[{_UP}0-9][\w&]*(?![\w&-]|\.\w)")
_CITATION_AFTER_RE = re.compile(r"\s*(?:et al\.?)?,?\s*(?:\(|\[)?(?:1[89]|20)\d\d[a-z]?\b")
_DATELINE_AFTER_RE = re.compile(r"\s*(?:\(|,|–|—|-\s)")
_PAREN_RE = re.compile(r"\(([^()]{2,60})\)")
_HARD_STOP_RE = re.compile(r"[.;:!?()\[\]—–\"“”‘«»]")
_CAPS_RUN_RE = re.compile(
    rf"\b[{_UP}][{_UP}0-9&]+(?:[\s,:]+[{_UP}][{_UP}0-9&]+){{2,}}\b"  # JOURNAL OF NETWORK POLICY
    rf"|\b[{_UP}]{{5,}}\s+[{_UP}]{{5,}}\b"  # ROSLYN LAYTON: a name in capitals
    rf"|\b[{_UP}]{{4,}}\s+[{_UP}]\.\s+[{_UP}]{{4,}}\b"  # JOSEPH R. BIDEN
)


def looks_like_acronym(token: str, not_acronyms: frozenset[str] = NOT_ACRONYMS) -> bool:
    """Whether `token` is shaped like an acronym: EAEU, RANs, 5G, 3GPP, G20, R&D; not IV, not ZTE."""
    if token in not_acronyms or not _ACRONYM_RE.match(token):
        return False
    base = token[:-1] if token.endswith("s") else token
    if sum(c.isupper() for c in base) < 2 and not base[0].isdigit() and not base.startswith("G"):
        return False  # "Q315", "O2": one capital and digits is a label or a brand
    if base[0].isdigit() and not _DIGIT_ACRONYM_RE.match(base):
        return False  # "28FINAL", "3A", "20OC": fragments of URLs and page furniture, not 5G or 3GPP
    if re.search(r"\d{3}", base) or re.search(r"[A-Z]{2}\d{2,}$", base):
        return False  # "NPC2018", "MSMES2406": a code or a reference key
    return not _ROMAN_RE.match(base)


def _letters(acronym: str) -> str:
    """The letters an expansion must spell: no spaces, no '&', no plural s."""
    base = acronym[:-1] if acronym.endswith("s") and acronym[:-1].isupper() else acronym
    return "".join(c for c in base if c.isalnum()).lower()


def _parts(words: Sequence[str]) -> list[str]:
    """Words split at hyphens and slashes ("techno-economic" gives two initials).

    A part after a hyphen is marked with a leading "-": it may give its initial or
    none ("Multi-access Edge Computing" is MEC as well as "techno-economic" TE).
    """
    out: list[str] = []
    for w in words:
        pieces = [p for p in re.split(r"([-/])", w) if p]
        sep = ""
        for piece in pieces:
            if piece in "-/":
                sep = piece
                continue
            out.append("-" + piece if sep == "-" and out else piece)
            sep = ""
    return out


def _match(
    letters: str,
    parts: Sequence[str],
    stop_words: frozenset[str],
    loose: bool,
    last_from_initial: bool = False,
    skips: int = 0,
) -> bool:
    """Whether every content part gives its initial (plus, if `loose`, later letters) to spell `letters`.

    With `last_from_initial`, a loose match may not take the acronym's last letter
    from inside a word: "Huawei Marine" is not HMN. `skips` capitalised words
    inside the expansion may give no letter ("Mobile Banking Personal
    Identification Number" is MPIN), as Schwartz and Hearst allow.
    """
    end = len(letters) - 1 if last_from_initial else len(letters)
    memo: dict[tuple[int, int, int], bool] = {}  # each state is tried once: the search stays polynomial

    def go(i: int, j: int, left: int) -> bool:
        key = (i, j, left)
        if key not in memo:
            memo[key] = step(i, j, left)
        return memo[key]

    def step(i: int, j: int, left: int) -> bool:
        if i == len(parts):
            return j == len(letters)
        word = parts[i]
        if word.startswith("-"):  # after a hyphen: may give no letter
            word = word[1:]
            if go(i + 1, j, left):
                return True
        low = word.lower()
        if low in stop_words and i > 0 and go(i + 1, j, left):
            return True
        if left and 0 < i < len(parts) - 1 and word[:1].isupper() and go(i + 1, j, left - 1):
            return True
        if j >= len(letters):
            return False
        digits = re.match(r"\d+", word)
        if digits:
            d = digits.group(0)
            return letters.startswith(d, j) and go(i + 1, j + len(d), left)
        if len(word) >= 2 and word.isupper() and letters.startswith(low, j) and go(i + 1, j + len(low), left):
            return True
        if low[0] != letters[j]:
            return False
        if go(i + 1, j + 1, left):
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
            if go(i + 1, k, left):
                return True
        return False

    return go(0, 0, skips)


_EXP_WORD_RE = re.compile(r"[\w’'&]+(?:[-/][\w’']+)*")
_CLOSING_QUOTE_RE = re.compile(r"[”\"’']\s*$")
_OPENING_QUOTES = "“\"‘'"
_PAGE_NUMBER_LINE_RE = re.compile(r"\n\d{1,4}\n")  # a page number that pdftotext left inside a sentence
_CITATION_PAREN_BEFORE_RE = re.compile(r"\s*\([^()]{1,80}\)\s*$")


def _window_before(text: str, end: int) -> tuple[int, str]:
    """Where the words that may expand an acronym ending at `end` start, and those words.

    A quoted expansion ("“free and opensource software” (FOSS)") and a
    parenthesis between expansion and acronym ("Powers Act (50 U.S.C. 1701)
    (IEEPA)") are stepped over; any other hard stop ends the window.
    """
    cite = _CITATION_PAREN_BEFORE_RE.search(text, 0, end)
    if cite:
        end = cite.start()
    quote = _CLOSING_QUOTE_RE.search(text, 0, end)
    if quote:
        opening = max(text.rfind(q, 0, quote.start()) for q in _OPENING_QUOTES)
        if opening >= 0 and end - opening < 200:
            return opening + 1, text[opening + 1 : quote.start()]
    window_start = max(0, end - 200)
    window = _PAGE_NUMBER_LINE_RE.sub(lambda m: " " * len(m.group(0)), text[window_start:end])
    stops = list(_HARD_STOP_RE.finditer(window))
    if stops:
        window_start += stops[-1].end()
        window = text[window_start:end]
    return window_start, window


def _reordered(words: Sequence[str]) -> list[str] | None:
    """"Communist Party of China" read as "China Communist Party": the "X of Y" names whose acronym puts Y first."""
    lows = [w.lower() for w in words]
    if "of" not in lows[1:-1] or len(words) > 6:
        return None
    i = lows.index("of", 1)
    return [*words[i + 1 :], *words[:i]]


def expansion_before(
    text: str, paren_start: int, acronym: str, options: GlossaryOptions = DEFAULT_OPTIONS
) -> str | None:
    """The words just before "(ACR)" at `paren_start` whose initials spell `acronym`, verbatim."""
    window_start, window = _window_before(text, paren_start)
    words = list(_EXP_WORD_RE.finditer(window))[-options.max_expansion_words :]
    letters = _letters(acronym)
    passes = ((False, 0), (True, 0), (False, 1)) if len(letters) >= 4 else ((False, 0), (True, 0))
    for loose, skips in passes:
        for start in range(len(words) - 1, -1, -1):
            first = words[start].group(0)
            if first.lower() in options.stop_words:
                continue
            span = [w.group(0) for w in words[start:]]
            if _match(letters, _parts(span), options.stop_words, loose, skips=skips):
                return " ".join(window[words[start].start() : words[-1].end()].split())
            if not loose and not skips:
                reordered = _reordered(span)
                if reordered and _match(letters, _parts(reordered), options.stop_words, False):
                    return window[words[start].start() : words[-1].end()]
            if len(_parts(span)) > 2 * len(letters) + 2:
                break
    return None


def expansion_inside(content: str, acronym: str, options: GlossaryOptions = DEFAULT_OPTIONS) -> str | None:
    """`content` of "ACR (content)" if its initials spell `acronym` (a leading "the" is allowed)."""
    words = _EXP_WORD_RE.findall(content)
    if not 2 <= len(_parts(words)) <= options.max_expansion_words or not all(w[0].isalnum() for w in words):
        return None
    if words[0].lower() == "the":
        words = words[1:]
    if _match(_letters(acronym), _parts(words), options.stop_words, loose=False):
        return content.strip()
    return None


def expansion_after(text: str, start: int, acronym: str, options: GlossaryOptions = DEFAULT_OPTIONS) -> str | None:
    """The shortest run of words from `start` ("ACR stands for *the words*") whose initials spell `acronym`."""
    m = re.match(r"\s*(?:the\s+)?[“\"‘]?([^.;:!?()\[\]—–\"“”,]{2,160})", text[start:])
    if not m:
        return None
    words = list(_EXP_WORD_RE.finditer(m.group(1)))[: options.max_expansion_words]
    letters = _letters(acronym)
    for loose in (False, True):
        for n in range(1, len(words) + 1):
            span = [w.group(0) for w in words[:n]]
            if span[-1].lower() in options.stop_words:
                continue
            if _match(letters, _parts(span), options.stop_words, loose=loose):
                return m.group(1)[: words[n - 1].end()].strip()
    return None


#: Tokens accepted inside "(…)" as an acronym being defined: EAEU, 3GPP, and mixed case "MeitY", "IoT".
_PAREN_ACRONYM_RE = re.compile(rf"^(?:[{_UP}][\w&]{{1,9}}|\d[{_UP}][{_UP}0-9]*)$")


def _paren_acronym(token: str) -> bool:
    base = token[:-1] if token.endswith("s") else token
    return looks_like_acronym(token, frozenset()) or (
        bool(_PAREN_ACRONYM_RE.match(token)) and sum(c.isupper() for c in base) >= 2 and not base.isupper()
        and sum(c.islower() for c in base) <= 3
    )


def _acronym_in_parens(content: str) -> bool:
    tokens = content.split()
    return 1 <= len(tokens) <= 2 and all(_paren_acronym(t) for t in tokens)


def _usable(paragraph: Paragraph) -> bool:
    return paragraph.kind != "heading" and not is_heading_like(paragraph.text)


_ACR = rf"[{_UP}][\w&]*[{_UP}0-9]s?|\d[{_UP}][{_UP}0-9]*"
#: "Expansion — otherwise known as the “ACR” —", "Expansion, or ACR,", "Expansion, known as ACR".
_KNOWN_AS_RE = re.compile(
    rf"(?P<sep>\s*(?:[,—–(]\s*)?(?:(?:otherwise|also|commonly|better)\s+)?(?:known\s+as|called|or)\s+(?:the\s+)?)"
    rf"[“\"‘]?(?P<acr>{_ACR})[”\"’]?(?=\s*[,.;:—–)]|\s*$)"
)
#: What every `_KNOWN_AS_RE` match holds: its tail, which the engine finds far faster (it starts with a word).
_KNOWN_AS_TAIL_RE = re.compile(rf"(?:known\s+as|called|or)\s+(?:the\s+)?[“\"‘]?(?:{_ACR})[”\"’]?(?=\s*[,.;:—–)]|\s*$)")
#: "ACR stands for …", "ACR, short for …", "ACR (short for …)".
_STANDS_FOR_RE = re.compile(rf"(?<![\w-])(?P<acr>{_ACR}),?\s+\(?(?:stands\s+for|short\s+for|is\s+short\s+for)\s+")
#: "the ACR, the Expansion," (an apposition that spells the acronym).
_APPOSITION_RE = re.compile(rf"(?<![\w-])(?P<acr>{_ACR}),\s+(?=(?:the\s+)?[{_UP}a-z])")
#: "Expansion, the ACR," / "Expansion, ACR," after a name.
_APPOSITION_AFTER_RE = re.compile(rf",\s+(?:the\s+)?(?P<acr>{_ACR})(?=\s*[,.;)])")


def defined_acronyms(
    paragraphs: Sequence[Paragraph], options: GlossaryOptions = DEFAULT_OPTIONS
) -> list[tuple[tuple[int, int], GlossaryEntry]]:
    """Acronyms the text defines where it uses them, keyed by position; every expansion aligns with its letters.

    Shapes: "Expansion (ACR)", "ACR (Expansion)", "Expansion (ACR Word)" when the
    word ends the expansion ("Open Source Business Alliance (OSB Alliance)"),
    "Expansion, known as the ACR", "Expansion, or ACR,", "ACR stands for
    Expansion", and appositions "the ACR, the Expansion,". A validated expansion
    lists even a company name in capitals ("Semiconductor Manufacturing
    International Corporation (SMIC)"). URLs and code are masked first, so their
    fragments never define anything.
    """
    found: list[tuple[tuple[int, int], GlossaryEntry]] = []
    for p_index, para in enumerate(paragraphs):
        if not _usable(para) or reference_like(para.text):
            continue
        text = mask_urls_and_code(para.text)

        def add(pos: int, acr: str, expansion: str | None) -> None:
            if expansion and expansion_aligns(acr, expansion, options):
                found.append(((p_index, pos), GlossaryEntry(acr, "acronym", expansion, para.id)))

        for m in _PAREN_RE.finditer(text):
            content = m.group(1).strip()
            if _acronym_in_parens(content):
                add(m.start(), content, expansion_before(text, m.start(), content, options))
                continue
            tokens = content.split()
            if len(tokens) == 2 and _paren_acronym(tokens[0]) and tokens[1][:1].isupper():
                expansion = expansion_before(text, m.start(), tokens[0] + tokens[1][0], options)
                if expansion and expansion.split()[-1] == tokens[1]:
                    found.append(((p_index, m.start()), GlossaryEntry(content, "acronym", expansion, para.id)))
                continue
            named = re.search(rf"([{_UP}][{_UP}0-9&]+) ([{_UP}][a-z]+)\s*$", text[: m.start()])
            if named and tokens and tokens[-1] == named.group(2):  # "the OSB Alliance (Open Source Business Alliance)"
                expansion = expansion_inside(content, named.group(1) + named.group(2)[0], options)
                if expansion:
                    term = f"{named.group(1)} {named.group(2)}"
                    found.append(((p_index, named.start(1)), GlossaryEntry(term, "acronym", expansion, para.id)))
                    continue
            before = re.search(rf"([{_UP}0-9][\w&]*)\s*$", text[: m.start()])
            if before and looks_like_acronym(before.group(1), frozenset()):
                add(before.start(1), before.group(1), expansion_inside(re.sub(r"^(?:short\s+for|i\.e\.,?)\s+", "", content), before.group(1), options))
        for m in _KNOWN_AS_RE.finditer(text) if _KNOWN_AS_TAIL_RE.search(text) else ():
            acr = m.group("acr")
            if looks_like_acronym(acr, frozenset()):
                add(m.start("acr"), acr, expansion_before(text, m.start(), acr, options))
        for m in _STANDS_FOR_RE.finditer(text) if "stands" in text or "short" in text else ():
            acr = m.group("acr")
            if looks_like_acronym(acr, frozenset()):
                add(m.start(), acr, expansion_after(text, m.end(), acr, options))
        # An apposition defines only a proper name ("the EAEU, the Eurasian Economic Union,"): "EU, each of us" is none.
        for m in _APPOSITION_RE.finditer(text):
            acr = m.group("acr")
            if looks_like_acronym(acr, options.not_acronyms):
                add(m.start(), acr, _proper(expansion_after(text, m.end(), acr, options), options))
        for m in _APPOSITION_AFTER_RE.finditer(text):
            acr = m.group("acr")
            if looks_like_acronym(acr, options.not_acronyms) and len(_letters(acr)) >= 3:
                add(m.start("acr"), acr, _proper(expansion_before(text, m.start(), acr, options), options))
    return found


def _proper(expansion: str | None, options: GlossaryOptions) -> str | None:
    """`expansion` if every content word of it is capitalised (a proper name), else None."""
    if not expansion:
        return None
    words = [w for w in _EXP_WORD_RE.findall(expansion) if w.lower() not in options.stop_words]
    return expansion if words and all(w[0].isupper() or w[0].isdigit() for w in words) else None


_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|gov|int|edu|io)(?:/\S*)?|`[^`]*`|%[0-9A-Fa-f]{2}\S*")
#: One of these is in every `_URL_RE` match.
_URL_HINTS = ("http", "www.", ".com", ".org", ".net", ".gov", ".int", ".edu", ".io", "`", "%")


def mask_urls_and_code(text: str) -> str:
    """`text` with URLs, domain names, inline code and percent-encoded runs blanked (same length, so offsets hold)."""
    if not any(hint in text for hint in _URL_HINTS):
        return text  # nothing to mask; the test costs a fraction of the scan
    return _URL_RE.sub(lambda m: " " * len(m.group(0)), text)


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
    plain_words = _plain_words(p.text for p in paragraphs)
    for p_index, para in enumerate(paragraphs):
        if not _usable(para) or reference_like(para.text):
            continue
        text = mask_urls_and_code(para.text)
        shouted = _shouted_spans(text)
        for m in _TOKEN_RE.finditer(text):
            token = m.group(0)
            if token in seen or token in companies or not looks_like_acronym(token, options.not_acronyms):
                continue
            if any(a <= m.start() < b for a, b in shouted):
                continue
            if len(token) >= 4 and token.isalpha() and token.lower() in plain_words and not text.startswith(" Act", m.end()):
                continue  # "ABSTRACT", "MODERATOR", "INDIA": a word in capitals the text also writes plainly
            if len(token) >= 4 and text.startswith(":", m.end()) and (m.start() == 0 or text[m.start() - 1] == "\n"):
                continue  # "MODERATOR:": a speaker's label
            if _CITATION_AFTER_RE.match(text, m.end()):
                continue  # "CISCO, 2020", "(OECD 2019)": a reference author
            if m.start() == 0 and _DATELINE_AFTER_RE.match(text, m.end()):
                continue  # "LONDON (Wire) –": a dateline
            seen[token] = ((p_index, m.start()), GlossaryEntry(token, "acronym", None, para.id))
    return list(seen.values())


_ASCII_WORD_RE = re.compile(r"[A-Za-z]+")


def _plain_words(texts: Iterable[str]) -> frozenset[str]:
    """The words the text writes in lower or title case, lower-cased: "end", "india", "abstract"."""
    return frozenset(w.lower() for w in {w for text in texts for w in _ASCII_WORD_RE.findall(text)} if not w.isupper())


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
    paragraphs: Sequence[Paragraph], spans: Sequence[Sequence[tuple[int, int]]], options: GlossaryOptions = DEFAULT_OPTIONS
) -> list[tuple[tuple[int, int], GlossaryEntry]]:
    """Terms the text defines: "X is understood/defined as …", "X refers to …", "'X' means …", "the so-called X".

    `spans` holds each paragraph's sentence offsets (`Document.spans`).
    """
    found: list[tuple[tuple[int, int], GlossaryEntry]] = []
    for p_index, para in enumerate(paragraphs):
        if not _usable(para) or not any(cue in para.text for cue in _DEFINITION_CUES):
            continue
        offset = 0
        for start, end in spans[p_index]:
            sentence = para.text[start:end]
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


def _abstract_paragraph(article: Article) -> Paragraph:
    """The abstract (or dek) as a pseudo-paragraph with no id: it may define an acronym the body then uses bare."""
    from build_tools.model import Paragraph

    return Paragraph("", article.abstract or "")


def extract_glossary(doc: Document, options: GlossaryOptions = DEFAULT_OPTIONS) -> tuple[GlossaryEntry, ...]:
    """Every glossary entry the article supports, one per term, in order of first appearance.

    Acronyms used only in the title or subtitle are listed too, with no paragraph
    (they sort after the body's entries).
    """
    article, paragraphs = doc.article, doc.paragraphs
    title = _title_paragraph(article)
    bare = bare_acronyms((*paragraphs, title) if title else paragraphs, options)
    bare = [(pos, replace(e, paragraph=None) if not e.paragraph else e) for pos, e in bare]
    defined = defined_acronyms((*paragraphs, _abstract_paragraph(article)), options)
    defined = [(pos, replace(e, paragraph=None) if not e.paragraph else e) for pos, e in defined]
    found = defined + defined_terms(paragraphs, doc.spans, options) + bare
    # "IIS" that only appears inside a defined "EAEU IIS" is not an entry of its own.
    defined_parts = {part for _, e in found if e.definition and e.kind == "acronym" for part in e.term.split()[1:]}
    found = [(pos, e) for pos, e in found if e.definition is not None or e.term not in defined_parts]
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
    """Entries from glossary.yml text: a list of {term, kind, definition, source?, aliases?}. Raises ValueError.

    `definition: null` (or leaving it out) keeps the entry with no definition, so the
    site lists it as undefined instead of linking it as if it had one.
    """
    data: Any = safe_yaml.load(text) or []
    if not isinstance(data, list):
        raise ValueError("glossary: expected a list of entries")
    entries = []
    for n, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise ValueError(f"glossary entry {n}: expected a mapping with term, kind, definition")
        unknown = set(item) - {"term", "kind", "definition", "aliases", "source"}
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
        source = item.get("source")
        if source is not None and not isinstance(source, str):
            raise ValueError(f"glossary entry {n} ({term}): 'source' must be a string")
        entries.append(
            CuratedEntry(term.strip(), kind, definition.strip() or None if definition else None, None, tuple(aliases),
                         source.strip() or None if source else None)
        )
    return tuple(entries)


def read_curated_glossary(path: Path) -> tuple[CuratedEntry, ...]:
    """`load_curated_glossary` on a file."""
    return load_curated_glossary(path.read_text(encoding="utf-8"))


def _spelling_source(term: str) -> str:
    """Regex source of one spelling with its plural ending; case-sensitive when in capitals or with a digit ("5G", "DNS")."""
    source = rf"{re.escape(term)}(?:s|es)?"
    return source if term.isupper() or any(c.isdigit() for c in term) else f"(?i:{source})"


def _spellings_pattern(spellings: Sequence[str]) -> re.Pattern[str]:
    """One regex for all spellings of a term, as whole words.

    Its leftmost match is the leftmost match of any spelling, so one search finds
    where the term is first used.
    """
    alternatives = "|".join(_spelling_source(s) for s in spellings)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


@dataclass(frozen=True, slots=True)
class CuratedTerm:
    """A curated entry with the pattern of its spellings, compiled once per configuration (`prepare_curated`)."""

    entry: GlossaryEntry
    pattern: re.Pattern[str]
    multiline: bool
    """Whether a spelling holds a line break, so a match could span two joined paragraphs."""
    needles: tuple[tuple[str, bool], ...] | None = None
    """(text, folded) of each spelling: a match needs one of them in the body (folded: in `fold_case(body)`);
    None when a spelling is not ASCII, so no substring test stands for the pattern."""


def prepare_curated(curated: Iterable[GlossaryEntry]) -> tuple[CuratedTerm, ...]:
    """The curated glossary ready for `curated_for_article`: compiling its patterns costs more than searching them."""
    out = []
    for entry in curated:
        spellings = (entry.term, *getattr(entry, "aliases", ()))
        out.append(CuratedTerm(entry, _spellings_pattern(spellings), any(_PARAGRAPH_SEPARATOR in s for s in spellings), _needles(spellings)))
    return tuple(out)


def _needles(spellings: Sequence[str]) -> tuple[tuple[str, bool], ...] | None:
    """What `CuratedTerm.needles` holds: each spelling as `_spelling_source` matches it, case-folded unless in capitals."""
    if not all(s.isascii() and s for s in spellings):
        return None
    return tuple((s, False) if s.isupper() or any(c.isdigit() for c in s) else (s.lower(), True) for s in spellings)


#: Joins paragraphs for one search per term: a line break is no word character, so each
#: paragraph's edges look to a term pattern as they do alone, and no term spans two paragraphs.
_PARAGRAPH_SEPARATOR = "\n"


def curated_for_article(doc: Document, curated: Iterable[CuratedTerm]) -> tuple[GlossaryEntry, ...]:
    """The curated entries whose term (or an alias) the body uses, anchored to the first paragraph that does.

    Each entry is searched once in the joined body, not once per paragraph: the
    offset of its first match tells the first paragraph that uses it; an entry
    none of whose spellings occurs in the body as plain text is not searched.
    """
    paragraphs = [p for p in doc.paragraphs if _usable(p)]
    if not paragraphs:
        return ()
    body = _PARAGRAPH_SEPARATOR.join(p.text for p in paragraphs)
    folded = fold_case(body)
    aligned = len(folded) == len(body)  # lower() never shortens a character, so equal lengths mean equal offsets
    starts = list(accumulate((len(p.text) + len(_PARAGRAPH_SEPARATOR) for p in paragraphs[:-1]), initial=0))
    out = []
    for term in curated:
        pattern = term.pattern
        if term.needles is not None and not any(n in (folded if f else body) for n, f in term.needles):
            first = None  # no spelling occurs at all, so the pattern cannot match
        elif term.multiline:  # could span two paragraphs: look at each alone
            first = next((p.id for p in paragraphs if pattern.search(p.text)), None)
        else:
            at = _first_match(term, body, folded) if term.needles is not None and aligned else _search_start(pattern, body)
            first = paragraphs[bisect_right(starts, at) - 1].id if at is not None else None
        if first is not None:
            out.append(replace(term.entry, paragraph=first))
    return tuple(out)


def _search_start(pattern: re.Pattern[str], text: str) -> int | None:
    m = pattern.search(text)
    return m.start() if m else None


def _first_match(term: CuratedTerm, body: str, folded: str) -> int | None:
    """Where `term.pattern.search(body)` would match, found by trying the pattern only where a spelling starts.

    A match starts with a spelling, so the leftmost match is at the first such place
    where the pattern matches; scanning the whole body with the pattern costs far more.
    `folded` is `fold_case(body)`, with the same offsets.
    """
    places: set[int] = set()
    for needle, is_folded in term.needles or ():
        haystack = folded if is_folded else body
        at = haystack.find(needle)
        while at >= 0:
            places.add(at)
            at = haystack.find(needle, at + 1)
    return next((at for at in sorted(places) if term.pattern.match(body, at)), None)


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


def expansion_aligns(acronym: str, expansion: str, options: GlossaryOptions = DEFAULT_OPTIONS) -> bool:
    """Whether the words of `expansion` align with the letters of `acronym` (every content word gives its initial)."""
    words = _EXP_WORD_RE.findall(expansion)
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not words:
        return False
    letters = _letters(acronym)
    if _match(letters, _parts(words), options.stop_words, loose=True, skips=int(len(letters) >= 4)):
        return True
    reordered = _reordered(words)
    return reordered is not None and _match(letters, _parts(reordered), options.stop_words, loose=False)
