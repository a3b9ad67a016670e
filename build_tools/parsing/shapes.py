"""Predicates on one line of text: is it a name, a list of names, a headline, an author line,
an institution, a metadata line; does it end a sentence.

Internal to the parser (`build_tools.seeds`); names keep their leading underscore. One is public:
`without_dateline`, the text a page's dek shows, which the key points avoid repeating.
"""

from __future__ import annotations

import re

from ..dates import date_line_value, find_dates
from .patterns import _ABSTRACT_INLINE, _BULLET, _CREDENTIALS, _DATELINE, _EMAIL_LINE, _LETTERS, _NAME_PARTICLES, _NOT_NAME_WORDS, _NUMBERED_HEADING, _ORCID_LINE, _ORG_WORDS, _TERMINAL, _WORD


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


_FOOTNOTE_TAIL = re.compile(r"(?<=[.!?:;\"”’')\]])(?:\d{1,3}|\[\d{1,3}\]|\*{1,3}|[†‡])$")


def _ends_sentence(text: str) -> bool:
    stripped = _FOOTNOTE_TAIL.sub("", text.rstrip().rstrip("*_`")).rstrip()
    return bool(stripped) and stripped[-1] in _TERMINAL


def _is_upper_heading(text: str) -> bool:
    if len(text) > 160 or len(text.split()) > 20:  # first: most lines are long prose
        return False
    letters = _LETTERS.findall(text)
    if len(letters) < 4:
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
    if len(text) > 200:
        return False
    text = _CREDENTIALS.sub("", _strip_md(text)).strip(" ,")
    text = _HONORIFIC.sub("", text)
    if _CJK_NAME.fullmatch(text):
        return True  # "李明", "欧阳晓峰": a Chinese name is two to four characters, written without spaces
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or len(text) > 60 or any(ch.isdigit() for ch in text):
        return False
    if any(t.lower().strip(".,") in _NOT_NAME_WORDS for t in tokens if t.lower() not in _NAME_PARTICLES and not re.fullmatch(r"[A-Z]\.", t)):
        return False
    if sum(1 for t in tokens if re.fullmatch(r"[A-Z]{2,}", t)) > 1 or re.search(r"['’]s\b", text):
        return False
    caps = sum(1 for t in tokens if t[0].isupper())
    return caps >= 2 and all(_name_token(t) or t.lower() in _NAME_PARTICLES for t in tokens)


_CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")


def _name_token(token: str) -> bool:
    """A capitalised word of any script ("Milić", "Соколова"), an initial ("O."), or a capitalised surname ("LIU")."""
    if re.fullmatch(r"(?:[^\W\d_]\.){1,3}", token):
        return token[0].isupper()
    core = token.replace("’", "'")
    if not core[0].isupper():
        return False
    return all(part and part.isalpha() for part in re.split(r"[-']", core))


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_MARK = r"(?:\d{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}|[*†‡§])"
#: Affiliation marks glued to a name in an author list ("Kowalczyk1", "Kowalczyk1,2", "Reyes¹˒²", "Aalto*"),
#: up to the comma, "and" or end that closes the name.
_NAME_MARKS = re.compile(rf"(?<=[^\W\d_])(?:\s(?=[⁰¹²³⁴⁵⁶⁷⁸⁹*†‡§]))?(?P<marks>{_MARK}(?:\s?[,˒]\s?{_MARK})*)(?=\s*(?:[,;&]|\band\b|$))")
#: The mark an affiliation or contact line opens with ("1 Institute …", "¹Department …", "* Corresponding author …").
_LEADING_MARK = re.compile(rf"^\s*(?P<mark>{_MARK})(?:[.)]\s*|\s+|(?=[A-Z]))")


def _marks(text: str) -> tuple[str, ...]:
    return tuple(m for m in re.split(r"\s*[,˒]\s*", text.translate(_SUPERSCRIPTS).strip()) if m)


def _leading_mark(line: str) -> tuple[str | None, str]:
    """("1", "Institute …") for "1 Institute …"; (None, line) when the line opens with no mark."""
    m = _LEADING_MARK.match(line)
    return (m.group("mark").translate(_SUPERSCRIPTS), line[m.end():].strip()) if m else (None, line)


def _names_with_marks(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Names from a byline ("A, B and C", "A & B"), each with the affiliation marks glued to it ("A1,2, B2" ->
    ("A", ("1", "2")), ("B", ("2",))); credentials and trailing dates dropped."""
    text = _strip_md(re.sub(r"\s+", " ", text[:500]))  # collapsed first: the splits below stay linear
    for d in reversed(find_dates(text)):
        text = text[: d.start] + text[d.end :]
    text = _CREDENTIALS.sub("", text)
    text = re.sub(r"\s*[|•·]\s*.*$", "", text)
    marks: list[tuple[str, ...]] = []

    def hold(m: re.Match[str]) -> str:  # a mark list holds commas: kept aside, so the split below is between names
        marks.append(_marks(m.group("marks")))
        return f"\x00{len(marks) - 1}\x00"

    if _MARK_CHAR.search(text):  # most lines hold no mark at all: the substitution is skipped
        text = _NAME_MARKS.sub(hold, text)
    names = []
    for part in _NAME_SEPARATORS.split(text):
        held = _HELD.search(part) if marks else None
        if held:
            part = _HELD.sub("", part)
        part = _HONORIFIC.sub("", part.strip(" .,;"))
        if part and len(part.split()) <= 5 and (part[0].isupper() or _CJK_NAME.fullmatch(part)):
            names.append((part, marks[int(held.group(1))] if held else ()))
    return names


_MARK_CHAR = re.compile(r"[\d⁰¹²³⁴⁵⁶⁷⁸⁹*†‡§]")
_NAME_SEPARATORS = re.compile(r"\s*[,;、，]\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_HELD = re.compile(r"\x00(\d+)\x00")
_HONORIFIC = re.compile(r"^(?:dr|prof|professor|mr|ms|mrs)\.?\s+", re.I)


def _split_names(text: str) -> list[str]:
    """Names from a byline: "A, B and C", "A & B", dropping credentials, affiliation marks and trailing dates."""
    return [name for name, _ in _names_with_marks(text)]


def _is_headline(text: str) -> bool:
    """A line that could be a title or subtitle: short, not a sentence run-on, not a list item."""
    words = text.split()
    if not words or len(words) > 40 or len(text) > 300:
        return False
    if _BULLET.match(text) and not _NUMBERED_HEADING.match(text):
        return False
    sentences = re.findall(r"[.!?](?:\s|$)", text.rstrip(". "))
    return len(sentences) <= 1


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


def org_name_case(name: str) -> str:
    """An institution's name set in capitals, in ordinary case ("COUNCIL OF THE EUROPEAN UNION" -> "Council of the
    European Union"); short words that are not small words stay acronyms ("MINISTRY OF ICT"). Other names as given."""
    if not name.isupper():
        return name
    words = []
    for i, word in enumerate(name.split()):
        lower, bare = word.lower(), word.strip(".,&()").lower()
        if i and lower in _SMALL_WORDS:
            words.append(lower)
        elif word.startswith("(") or bare in _ACRONYMS or len(bare) <= 3 and bare not in _SMALL_WORDS | _SHORT_WORDS:
            words.append(word)  # "ICT", "EU", "(ENISA)", "NATO"
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(words)


_SMALL_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "at", "to"})
#: Words of three letters or fewer that are words, not acronyms, in an institution's name ("NEW AMERICA", "LAW SOCIETY").
_SHORT_WORDS = frozenset({"new", "law", "sea", "air", "art", "oil", "tax", "war", "old", "bay", "one", "two", "six", "ten", "red", "net", "web", "aid"})
#: Acronyms of four letters or more that name institutions, kept in capitals.
_ACRONYMS = frozenset({"nato", "oecd", "osce", "asean", "enisa", "etsi", "ieee", "icann", "unesco", "unicef", "berec", "cern", "gchq", "nist", "itu-t"})


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


_FUNCTION_WORDS = {
    "a", "an", "the", "of", "to", "in", "on", "for", "with", "by", "from", "and", "or", "but", "as", "at", "that",
    "which", "who", "whose", "their", "its", "his", "her", "our", "is", "are", "was", "were", "be", "been", "has",
    "have", "had", "not", "than", "into", "onto", "between", "among", "this", "these", "those", "such", "both",
    "either", "neither", "will", "would", "can", "could", "should", "may", "might", "must", "more", "most", "less",
}


def _ends_with_function_word(text: str) -> bool:
    words = text.split()
    return bool(words) and words[-1].lower().strip(",") in _FUNCTION_WORDS or text.rstrip().endswith(",")


def without_dateline(text: str) -> str:
    """A news paragraph without its dateline ("COPENHAGEN — Denmark will …" -> "Denmark will …"), as the page's dek shows it."""
    m = _DATELINE.match(text)
    rest = text[m.end():] if m else text
    return rest[:1].upper() + rest[1:] if rest else text
