"""Bytes of a raw article to clean text: BOMs, legacy code pages, line ends.

Mojibake (UTF-8 text that was read as cp1252 and saved again) is repaired
with ftfy and counted, so the parser can say how much it repaired. UTF-8 (with or without BOM) and UTF-16
with a BOM are decoded as such; other bytes are tried as cp1251 (Cyrillic)
and cp1252 (Western) and accepted only when the result reads as text of that
script; anything else is rejected with a message saying what to do.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_WORDS = re.compile(r"[^\W\d_]+")
# Characters that appear when UTF-8 bytes are read as cp1252: a sure sign of mojibake.
_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf\u2018-\u203a\u0152-\u0178]|\u00e2\u20ac")


class DecodeError(ValueError):
    """The bytes are not text we can decode faithfully; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    repaired: int = 0  # mojibake sequences repaired (UTF-8 that had been read as cp1252 and saved again)


def decode_article(data: bytes) -> Decoded:
    """Decode the bytes of one article; raise DecodeError with a hint when that is impossible."""
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(normalise_newlines(data.decode(name)), name)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {name} byte-order mark but is not valid {name} ({exc.reason})") from exc
    if b"\x00" in data:
        raise DecodeError("looks like a binary file (it contains NUL bytes), not article text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return Decoded(normalise_newlines(_decode_legacy(data)), _legacy_name(data))
    if _MOJIBAKE.search(text):
        repaired, count = repair_mojibake(text)
        return Decoded(normalise_newlines(repaired), "utf-8", count)
    return Decoded(normalise_newlines(text), "utf-8")


def repair_note(count: int) -> "Diagnostic":
    """The info diagnostic that says how much mojibake was repaired."""
    from .model import Diagnostic

    return Diagnostic(None, "info", f"repaired {count} mojibake sequences (UTF-8 text that had been read as cp1252)")


def decode_input(data: bytes, source: str) -> Decoded:
    """Decoded text of a text-like article file; InputError naming the file when it is empty or undecodable."""
    from .errors import InputError

    if not data:
        raise InputError(source, "the file is empty", "paste the article text into it, or remove it")
    try:
        decoded = decode_article(data)
    except DecodeError as exc:
        raise InputError(source, f"cannot decode the file: it {exc}", "save it as UTF-8 text and run again") from exc
    if not decoded.text.strip(" \t\n\f\ufeff\u00a0"):
        raise InputError(source, "the file holds only whitespace", "paste the article text into it, or remove it")
    return decoded


def repair_mojibake(text: str) -> tuple[str, int]:
    """Text with mojibake undone by ftfy, and how many mojibake sequences there were."""
    import ftfy

    count = len(_MOJIBAKE.findall(text))
    config = ftfy.TextFixerConfig(
        unescape_html=False, uncurl_quotes=False, fix_line_breaks=False, fix_latin_ligatures=False,
        fix_character_width=False, remove_control_chars=False, normalization=None, explain=False,
    )
    return ftfy.fix_text(text, config), count


def _legacy_name(data: bytes) -> str:
    return "cp1251" if _reads_as_cyrillic(data) else "cp1252"


def _decode_legacy(data: bytes) -> str:
    if _reads_as_cyrillic(data):
        return data.decode("cp1251")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DecodeError("is neither UTF-8 nor a Windows code page we can read") from exc
    if not _reads_as_latin(text):
        raise DecodeError("is not UTF-8 and does not read as cp1252 or cp1251 text")
    return text


def _reads_as_cyrillic(data: bytes) -> bool:
    """True when the non-ASCII bytes, read as cp1251, are mostly Cyrillic letters inside words."""
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return False
    high = [c for c in text if ord(c) > 127]
    if not high:
        return False
    cyrillic = sum(1 for c in high if _CYRILLIC.match(c))
    if cyrillic / len(high) < 0.9:
        return False
    # Real Cyrillic text has runs of Cyrillic letters; cp1252 accents read as cp1251 are isolated.
    words = [w for w in _WORDS.findall(text) if _CYRILLIC.search(w)]
    pure = sum(1 for w in words if all(_CYRILLIC.match(c) for c in w))
    if not words or pure / len(words) <= 0.8:
        return False
    # Real Russian/Ukrainian/Bulgarian text is mostly the basic alphabet, with vowels in every word.
    letters = [c for c in high if _CYRILLIC.match(c)]
    basic = sum(1 for c in letters if "\u0410" <= c <= "\u044f")
    vowels = sum(1 for c in letters if c.lower() in "аеиоуыэюяё")
    return basic / len(letters) >= 0.9 and vowels / len(letters) >= 0.25


def _reads_as_latin(text: str) -> bool:
    """True when the non-ASCII characters are letters or common typographic marks."""
    high = [c for c in text if ord(c) > 127]
    ok = sum(1 for c in high if unicodedata.category(c)[0] in "LPZS")
    return not high or ok / len(high) > 0.95


def normalise_newlines(text: str) -> str:
    """CRLF and CR become LF (line numbers stay those of the file); form feeds stay for the parser."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
