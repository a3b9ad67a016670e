"""Safe, stable, readable slugs for file names and URLs.

A slug is lowercase ASCII letters, digits and single hyphens, at most
`MAX_LEN` characters, never empty, never a reserved device name, and never
able to climb out of its folder. Cyrillic is transliterated; text with no
Latin or Cyrillic letters falls back to a short content hash so it is still
stable between runs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_LEN = 80
_RESERVED = {"con", "prn", "aux", "nul", "index", "tags", "themes", "glossary", "entities", "archive", "search"}
_RESERVED |= {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi", "ye", "g", "u"],
))


def slugify(text: str, *, fallback_seed: str | None = None) -> str:
    """A slug for the text; `fallback_seed` (default: the text) feeds the hash when no letters survive."""
    lowered = text.lower()
    lowered = "".join(_CYRILLIC.get(ch, ch) for ch in lowered)
    ascii_text = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.replace("'", "").replace("’", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > MAX_LEN:
        cut = slug[:MAX_LEN]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[MAX_LEN // 2 :] else cut
        slug = slug.strip("-")
    if not re.search(r"[a-z]", slug):
        digest = hashlib.sha1((fallback_seed if fallback_seed is not None else text).encode("utf-8")).hexdigest()[:8]
        slug = f"{slug}-briefing-{digest}".strip("-") if slug else f"briefing-{digest}"
    if slug in _RESERVED:
        slug = f"{slug}-briefing"
    return slug


def unique_slugs(
    wanted: list[tuple[str, str]], *, previous: dict[str, str] | None = None, reserved: set[str] | frozenset[str] = frozenset()
) -> dict[str, str]:
    """Map each key to a distinct slug that is not `reserved`.

    A key keeps the slug it had last time (`previous`) when its title still
    gives that slug, so a briefing's URL never moves because another article
    with the same title arrived; the others, in sorted key order, take their
    slug or, when it is taken, the slug with a stable hash of the key.
    """
    previous = previous or {}
    result: dict[str, str] = {}
    used: set[str] = set(reserved)
    for key, slug in sorted(wanted):
        kept = previous.get(key)
        if kept and kept in (slug, _suffixed(slug, key)) and kept not in used:
            result[key] = kept
            used.add(kept)
    for key, slug in sorted(wanted):
        if key in result:
            continue
        candidate = slug if slug not in used else _suffixed(slug, key)
        extra = 2
        while candidate in used:  # a hash collision, or a reserved slug that already has the suffix
            candidate = f"{_suffixed(slug, key)[: MAX_LEN - 4]}-{extra}"
            extra += 1
        used.add(candidate)
        result[key] = candidate
    return result


def _suffixed(slug: str, key: str) -> str:
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]
    return f"{slug[: MAX_LEN - 7].rstrip('-')}-{digest}"
