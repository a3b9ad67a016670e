"""Publication dates as written in real article headers, read to ISO precision.

`find_dates(line)` returns every date in a line with its precision
("YYYY-MM-DD", "YYYY-MM" or "YYYY") and the span it covers, so the parser can
tell a date line ("13 Jun 2019|") from a title that merely contains a year.
Numeric dates are read day-first (18/09/2024) unless only month-first makes sense.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
MONTH_NAMES = tuple(name.capitalize() for name in list(MONTHS)[:12])  # "January" … "December", as pages write dates
_MONTH = r"(?P<{name}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year{n}>(?:19|20)\d\d)"
_DAY = r"(?P<day{n}>[0-3]?\d)(?:st|nd|rd|th)?"

_PATTERNS = [
    # 2023-12-10, 2023/12/10, 2023.12.10
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)(?!\d)"),
    # 18/09/2024, 18.09.2024, 18-09-2024
    re.compile(r"(?<![\d/.-])(?P<a>[0-3]?\d)[/.-](?P<b>[01]?\d)[/.-](?P<year>(?:19|20)\d\d)(?!\d)"),
    # 13 Jun 2019, 13 June, 2019
    re.compile(r"(?<!\w)" + _DAY.format(n="") + r"\s+" + _MONTH.format(name="mname") + r",?\s+" + _YEAR.format(n=""), re.I),
    # June 13, 2019 / Jun. 13 2019
    re.compile(r"(?<!\w)" + _MONTH.format(name="mname") + r"\s+" + _DAY.format(n="") + r"(?:,\s*|\s+)" + _YEAR.format(n="") + r"(?!\d)", re.I),
    # September 2020 / Sept. 2020
    re.compile(r"(?<!\w)" + _MONTH.format(name="mname") + r",?\s+" + _YEAR.format(n="") + r"(?!\d)", re.I),
    # 2020-09
    re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)(?![\d-])"),
    # 2025年3月12日, 2025年3月 (Chinese and Japanese)
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>[01]?\d)\s*月(?:\s*(?P<day>[0-3]?\d)\s*日)?"),
]
_BARE_YEAR = re.compile(r"(?<![\w-])(?P<year>(?:19|20)\d\d)(?![\w-])")


@dataclass(frozen=True, slots=True)
class FoundDate:
    iso: str
    start: int
    end: int


def _valid(year: int, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        Date(year, month, day)
    except ValueError:
        return False
    return True


def _from_match(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    year = int(g["year"])
    if g.get("mname"):
        month = MONTHS[g["mname"].lower().rstrip(".")]
    elif g.get("a"):
        a, b = int(g["a"]), int(g["b"])
        day, month = (a, b) if b <= 12 else (b, a)
        if not _valid(year, month, day):
            return None
        return f"{year:04d}-{month:02d}-{day:02d}"
    else:
        month = int(g["month"])
    day = int(g["day"]) if g.get("day") else None
    if not _valid(year, month, day):
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def find_dates(line: str, *, bare_years: bool = False) -> list[FoundDate]:
    """Every non-overlapping date in the line, in order; bare years only when asked."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(line):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            iso = _from_match(m)
            if iso:
                found.append(FoundDate(iso, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    if bare_years:
        for m in _BARE_YEAR.finditer(line):
            if not any(m.start() < e and s < m.end() for s, e in taken):
                found.append(FoundDate(m.group("year"), m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


_DATE_LABEL = re.compile(
    r"\b(published(?:\s+on)?|posted(?:\s+on)?|updated|last\s+updated|date|dated|released|issued|online|first\s+published)\b\s*:?",
    re.I,
)
_WEEKDAY = re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b,?", re.I)


def date_line_value(line: str) -> str | None:
    """The date of a line that is essentially a date line (little else on it), else None.

    Accepts "13 Jun 2019|", "| February 6, 2024", "Published 21 February 2023",
    "Wednesday 30 September 2020", "Policy Brief No. 185 — June 2024" (a trailing date
    after a series label), "Online:2023-11-10 Published:2023-12-10" (the published one wins).
    """
    dates = find_dates(line)
    if not dates:
        return None
    rest = line
    for d in reversed(dates):
        rest = rest[: d.start] + " " + rest[d.end :]
    rest = _WEEKDAY.sub(" ", _DATE_LABEL.sub(" ", rest))
    rest_words = re.findall(r"[^\W_]+", rest)
    if len(rest_words) > 6 and not (len(dates) == 1 and dates[0].end >= len(line.rstrip(" |.")) - 1 and len(rest_words) <= 8):
        return None
    labelled = [d for d in dates if re.search(r"published\W*(on)?\W*$", line[: d.start], re.I)]
    if labelled:
        return labelled[-1].iso
    return dates[0].iso
