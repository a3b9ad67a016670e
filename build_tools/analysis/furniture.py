"""Sentences that are not the author's prose: captions, table rows, contents lines, greetings and boilerplate.

Reports carry figure captions and table lines, speeches open with greetings and thanks,
press calls with housekeeping, web pages with "This article is more than 6 years old" and
"Subscribe". A summary or key point made of them tells the reader nothing, so
`body_sentences` leaves them out for every step. `furniture_reason` says which kind a
sentence is (or None); it looks at one sentence at a time, so it stays linear.
"""

from __future__ import annotations

import re

_CAPTION_RE = re.compile(
    r"^(?:Figure|Fig\.|Table|Chart|Graph|Exhibit|Box|Map|Image|Photo|Photograph|Illustration|Infographic|Diagram)"
    r"\s*(?:[0-9]+[A-Za-z]?|[IVX]+)(?:[.:][0-9]+)*\s*[:.–—|-]"
    r"|^(?:Source|Sources|Credit|Photo credit|Image credit|Note|Notes|Caption)\s*:"
    r"|^\((?:Photo|Image|Credit|Source)\s*:",
)
_TOC_RE = re.compile(r"(?:\. ?){4,}\d+$|\s{3}\d{1,3}$")
_GREETING_RE = re.compile(
    r"(?:(?:Well|So|And|Oh|Okay|OK),?\s+)?(?:thank you|thanks|good (?:morning|afternoon|evening)|hello|hi\b|welcome\b"
    r"|ladies and gentlemen|dear (?:friends|colleagues|all)|it(?:'s|’s| is) (?:a|an|my|great) (?:great )?(?:pleasure|honou?r|privilege)"
    r"|i(?:'m|’m| am) (?:delighted|honou?red|pleased|glad|grateful|happy|thrilled) to (?:be|join|speak|welcome)"
    r"|(?:let me|i want to|i'd like to|i’d like to|i would like to|allow me to) (?:start|begin|first)? ?(?:by )?(?:thank|thanking|welcom)"
    r"|as (?:most of |many of |all of )?you (?:all )?know)",
    re.IGNORECASE,
)
_THANKS_RE = re.compile(r"\b(?:thanks for (?:it|that|having me|the question)|thank you (?:all|so much|very much|for)|great question)\b", re.IGNORECASE)
#: Boilerplate that opens a sentence.
_BOILERPLATE_START_RE = re.compile(
    r"(?:Cite (?:as|this)\b|Copyright\b|©|Subscribe\b|(?:Click|Tap) here\b|Read (?:more|next)\b|Follow us\b"
    r"|Share this\b|Advertisement\b|Related\s*:|(?:Originally|First) published\b|The views expressed\b"
    r"|This (?:article|story|post) (?:was|has been) (?:updated|corrected)\b|In (?:his|her|their) spare time\b"
    r"|(?:Next|Our next|Last) question\b|END\b)"
)
#: Boilerplate anywhere in a sentence: a lower-case cue first (cheap), then, for some, the shape that confirms it.
_BOILERPLATE_CUES: tuple[tuple[str, re.Pattern[str] | None], ...] = (
    ("old", re.compile(r"\bis (?:more than|over) \d+ (?:years?|months?) old\b")),
    ("all rights reserved", None),
    ("subscribe", re.compile(r"\bsubscribe (?:now|today|to our)\b", re.IGNORECASE)),
    ("sign up for", None), ("sign up to", None), ("our newsletter", None), ("this newsletter", None),
    ("terms of use", None), ("terms of service", None), ("privacy policy", None),
    ("cookie", re.compile(r"\b(?:accept|consent|settings)\b", re.IGNORECASE)),
    ("think tank", re.compile(r"\bis an? (?:[a-z-]+ ){0,3}think tank\b", re.IGNORECASE)),
    ("think-tank", re.compile(r"\bis an? (?:[a-z-]+ ){0,3}think-tank\b", re.IGNORECASE)),
    ("focus is on", None), ("focus has been on", None), ("research is on", None),
    ("embargo", None), ("embargoed", None), ("for reporting", None), ("for your reporting", None), ("on this call", None),
    ("turn it over to", None), ("turn it back over to", None),
    ("kick us off", None), ("kick things off", None), ("kick it off", None), ("administration official]", None),
)
_TABLE_ROW_RE = re.compile(r"\t|\s\|\s|\|\s*$|^\s*\|")


_CUE_CHECKS = dict(_BOILERPLATE_CUES)
_CUES_BY_FIRST_WORD: dict[str, tuple[str, ...]] = {}
for _cue, _ in _BOILERPLATE_CUES:
    _CUES_BY_FIRST_WORD[_cue.split()[0]] = (*_CUES_BY_FIRST_WORD.get(_cue.split()[0], ()), _cue)
_CUE_WORD_RE = re.compile(r"[a-z]+(?:-[a-z]+)?")
_NUMBER_FIND_RE = re.compile(r"(?<!\S)[-+(]?[$€£¥]?\d[\d.,:%/-]*\)?%?(?!\S)")
_DIGIT_RE = re.compile(r"\d")


def _boilerplate(text: str) -> bool:
    if _BOILERPLATE_START_RE.match(text):
        return True
    low = text.lower()
    # One set intersection finds the cues' first words; only those cues are looked for.
    for word in _CUES_BY_FIRST_WORD.keys() & set(_CUE_WORD_RE.findall(low)):
        for cue in _CUES_BY_FIRST_WORD[word]:
            check = _CUE_CHECKS[cue]
            if cue in low and (check is None or check.search(text)):
                return True
    return False


def furniture_reason(text: str) -> str | None:
    """Why `text` is no sentence of the author's argument ("caption", "table row", ...), or None if it is one."""
    stripped = text.strip()
    if not stripped:
        return None
    if _CAPTION_RE.match(stripped):
        return "caption"
    if stripped.lower().startswith(("contents", "table of contents")) or (
        ("." in stripped or "  " in stripped) and _TOC_RE.search(stripped, max(0, len(stripped) - 60))
    ):
        return "contents line"
    if ("\t" in stripped or "|" in stripped) and _TABLE_ROW_RE.search(stripped):
        return "table row"
    if len(stripped) < 200 and _DIGIT_RE.search(stripped):  # a table row is short
        n_tokens = len(stripped.split())
        if n_tokens >= 4 and len(_NUMBER_FIND_RE.findall(stripped)) >= 0.4 * n_tokens:
            return "table row"
    if _GREETING_RE.match(stripped) or (("hank" in stripped or "question" in stripped) and _THANKS_RE.search(stripped)):
        return "greeting or thanks"
    if _boilerplate(stripped):
        return "boilerplate"
    return None


def is_furniture(text: str) -> bool:
    """Whether `text` is a caption, table row, contents line, greeting, thanks or boilerplate."""
    return furniture_reason(text) is not None
