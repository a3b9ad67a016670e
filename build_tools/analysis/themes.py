"""Theme assignment: which paragraphs discuss which configured theme, and which themes the article is about.

Themes are data (`Theme.keywords`), so a new theme needs no code. Keyword syntax:

- a plain phrase matches whole words, with an optional plural/possessive ending
  ("platform" matches "platforms", "Huawei's"); spaces and hyphens in a phrase
  match each other ("next-generation network" matches "next generation networks");
- a trailing `*` makes the last word a prefix ("sovereign*" matches "sovereignty");
- a leading `~` marks a weak signal worth half a match ("~platform*");
- a keyword without lower-case letters ("5G", "DNS", "ZTE") is case-sensitive,
  everything else is case-insensitive.

A paragraph carries a theme when its matches weigh at least
`ThemeOptions.paragraph_threshold` (one strong keyword, or two weak ones). The
article carries a theme when enough of it does: the units that carry it (body
paragraphs, plus the abstract if any) hold at least `min_share` of the words,
and there are at least `min_paragraphs` of them or they hold `single_share`.
The score is that word share, in [0, 1].
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from build_tools.analysis.sentences import is_heading_like
from build_tools.model import ParagraphThemes, Theme, ThemeScore

if TYPE_CHECKING:
    from build_tools.model import Article


@dataclass(frozen=True, slots=True)
class ThemeOptions:
    """Thresholds for paragraph and article themes."""

    paragraph_threshold: float = 1.0
    """Weight of matches a paragraph needs to carry a theme (strong keyword = 1, weak = 0.5)."""
    min_paragraphs: int = 2
    """Fewest theme paragraphs for the article to carry the theme."""
    min_share: float = 0.12
    """Smallest share of body words in theme paragraphs for the article to carry the theme."""
    single_share: float = 0.25
    """A theme in fewer than `min_paragraphs` units still counts if they hold this share of the words."""
    weak_weight: float = 0.5
    """Weight of a `~` keyword match."""


DEFAULT_OPTIONS = ThemeOptions()

DEFAULT_THEMES: tuple[Theme, ...] = (
    Theme(
        slug="5g",
        title="5G",
        description=(
            "5G and later mobile generations, next-generation networks, radio spectrum and bands, "
            "telecom operators and network rollout (mobile, broadband), telecom equipment vendors "
            "(Huawei, Ericsson, Nokia, ZTE), Open RAN, and communications technologies as infrastructure."
        ),
        keywords=(
            "2G", "3G", "4G", "5G", "6G", "7G", "LTE", "3GPP",
            "fifth-generation", "sixth-generation", "next-generation network*", "next-generation communication*",
            "mobile generation*", "spectrum", "radio frequenc*", "frequency band*", "telecom*",
            "mobile operator*", "network operator*", "mobile network*", "mobile coverage", "broadband",
            "base station*", "network equipment", "telecom equipment", "equipment vendor*", "network vendor*",
            "Open RAN", "RAN", "RANs", "radio access network*",
            "communications technolog*", "communication technolog*", "communications infrastructure",
            "~Huawei", "~Ericsson", "~Nokia", "~ZTE", "~Samsung",
            "~rollout*", "~roll-out*", "~mobile", "~vendor*", "~operator*", "~fibre", "~fiber", "~radio*",
            "~mast*", "~satellite*",
        ),
    ),
    Theme(
        slug="sovereignty",
        title="Sovereignty",
        description=(
            "Digital or technological sovereignty: national control of data, the information space, "
            "networks or critical infrastructure; data localisation and storage rules; import "
            "substitution and domestic registers; internet governance (ICANN, DNS, multi-stakeholderism, "
            "national firewalls); sanctions and export controls; technological dependence and "
            "independence; foreign interference in networks."
        ),
        keywords=(
            "sovereign*", "data localisation", "data localization", "localis*", "localiz*",
            "data residency", "import substitution", "domestic register*", "critical infrastructure*",
            "critical information infrastructure*", "critical digital infrastructure*", "internet governance",
            "ICANN", "DNS", "domain name*", "multi-stakeholder*", "multistakeholder*", "firewall*",
            "sanction*", "export control*", "Entity List", "technological dependence", "technological dependency",
            "technological independence", "dependence on foreign", "foreign interference*",
            "self-relian*", "self-sufficien*", "strategic autonomy", "digital autonomy", "technological autonomy",
            "national control", "information space", "data protection law*", "data flow*",
            "~dependen*", "~independen*", "~interference*", "~data storage", "~national security",
            "~data security", "~security review*", "~trusted vendor*", "~trusted supplier*", "~autonom*",
            "~registers", "~digital infrastructure*", "~surveillance", "~cyber security", "~cybersecurity",
        ),
    ),
    Theme(
        slug="ecosystems",
        title="Ecosystems",
        description=(
            "Rival technology ecosystems (American, Chinese) and joining or building one; techno-economic "
            "blocs and bipolarity; platform companies and Big Tech as power; standards wars; digital "
            "non-alignment; digital (neo-)colonialism and customer states; the alignment of vendors and "
            "third countries with a technology bloc; national platforms."
        ),
        keywords=(
            "ecosystem*", "techno-economic bloc*", "technology bloc*", "tech bloc*", "integration bloc*",
            "bipolar*", "Big Tech", "tech giant*", "technology giant*", "digital giant*", "internet giant*",
            "platform compan*", "national platform*", "standards war*", "war of platforms", "non-alignment",
            "nonalignment", "non-aligned", "colonial*", "customer state*", "technology camp*", "tech camp*",
            "hyperscaler*", "digital monopol*", "Digital Silk Road", "decoupl*",
            "tech war*", "technology war*", "chip war*", "tech rivalry", "technology rivalry",
            "standard-setting", "standards bod*", "standard-developing", "standards-developing",
            "~bloc", "~platform*", "~standard*", "~align*", "~stack*", "~monopol*",
            "~Google", "~Facebook", "~Amazon", "~Microsoft", "~Apple", "~Alibaba", "~Tencent",
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class CompiledTheme:
    """A theme's keywords as regexes (case-sensitive, case-insensitive) with groups `strong` and `weak`."""

    slug: str
    patterns: tuple[re.Pattern[str], ...]


def _keyword_source(keyword: str) -> tuple[str, bool]:
    """Regex source for one keyword (no `~`, no boundaries) and whether it is case-sensitive."""
    prefix = keyword.endswith("*")
    phrase = keyword.rstrip("*").strip()
    body = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", phrase))
    tail = r"\w*" if prefix else r"(?:s|es|'s|’s)?"
    return body + tail, not any(c.islower() for c in phrase)


def keyword_pattern(keyword: str) -> re.Pattern[str]:
    """One keyword (without its `~` mark) as a compiled regex; see the module docstring."""
    source, case_sensitive = _keyword_source(keyword)
    return re.compile(rf"(?<!\w)(?:{source})(?!\w)", 0 if case_sensitive else re.IGNORECASE)


@lru_cache(maxsize=64)
def compile_theme(theme: Theme) -> CompiledTheme:
    """Compile a theme's keywords once (themes are frozen, so they can key a cache).

    The word boundary sits outside one alternation, so the engine tries the
    alternatives only at word starts; this keeps matching fast.
    """
    patterns = []
    for case_sensitive in (True, False):
        groups = []
        for group, weak in (("strong", False), ("weak", True)):
            sources = [
                src
                for k in theme.keywords
                if k.startswith("~") == weak
                for src, cs in [_keyword_source(k.lstrip("~"))]
                if cs == case_sensitive
            ]
            if sources:
                # Longer alternatives first, so "Open RAN" wins over "RAN".
                groups.append(f"(?P<{group}>{'|'.join(sorted(sources, key=len, reverse=True))})")
        if groups:
            flags = 0 if case_sensitive else re.IGNORECASE
            patterns.append(re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)", flags))
    return CompiledTheme(theme.slug, tuple(patterns))


def paragraph_weight(text: str, theme: CompiledTheme, options: ThemeOptions = DEFAULT_OPTIONS) -> float:
    """The summed weight of a theme's keyword matches in `text`."""
    weight = 0.0
    for pattern in theme.patterns:
        for m in pattern.finditer(text):
            weight += 1.0 if m.lastgroup == "strong" else options.weak_weight
    return weight


def score_themes(
    article: Article, themes: Sequence[Theme] = DEFAULT_THEMES, options: ThemeOptions = DEFAULT_OPTIONS
) -> tuple[tuple[ThemeScore, ...], tuple[ParagraphThemes, ...]]:
    """Article themes (score desc, then slug) and the themes of every body paragraph (document order)."""
    compiled = [compile_theme(t) for t in themes]
    paragraphs = article.paragraphs()
    per_paragraph: list[ParagraphThemes] = []
    words_by_theme: dict[str, int] = {t.slug: 0 for t in compiled}
    ids_by_theme: dict[str, list[str]] = {t.slug: [] for t in compiled}
    units_by_theme: dict[str, int] = {t.slug: 0 for t in compiled}
    total_words = 0
    for para in paragraphs:
        n_words = len(para.text.split())
        total_words += n_words
        if is_heading_like(para.text):
            per_paragraph.append(ParagraphThemes(para.id, ()))
            continue
        slugs = tuple(t.slug for t in compiled if paragraph_weight(para.text, t, options) >= options.paragraph_threshold)
        for slug in slugs:
            words_by_theme[slug] += n_words
            ids_by_theme[slug].append(para.id)
        per_paragraph.append(ParagraphThemes(para.id, slugs))
    if article.abstract:
        # The author's own statement of what the article is about counts as one more unit.
        n_words = len(article.abstract.split())
        total_words += n_words
        for t in compiled:
            if paragraph_weight(article.abstract, t, options) >= options.paragraph_threshold:
                words_by_theme[t.slug] += n_words
                units_by_theme[t.slug] += 1
    scores = []
    for t in compiled:
        share = words_by_theme[t.slug] / total_words if total_words else 0.0
        units = units_by_theme[t.slug] + len(ids_by_theme[t.slug])
        if share >= options.min_share and (units >= options.min_paragraphs or share >= options.single_share):
            scores.append(ThemeScore(t.slug, round(share, 3), tuple(ids_by_theme[t.slug])))
    scores.sort(key=lambda s: (-s.score, s.theme))
    return tuple(scores), tuple(per_paragraph)
