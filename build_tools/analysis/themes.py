"""Theme assignment: which paragraphs discuss which configured theme, and which themes the article is about.

Themes are data (`Theme.keywords`), so a new theme needs no code. Keyword syntax:

- a plain phrase matches whole words, with an optional plural/possessive ending
  ("platform" matches "platforms", "Huawei's"); spaces and hyphens in a phrase
  match each other ("next-generation network" matches "next generation networks");
- a `*` after a word makes it a prefix ("sovereign*" matches "sovereignty",
  "оператор* связи" matches "операторов связи");
- `|` separates alternatives that count as one keyword ("~Google|Apple|Amazon":
  naming two of them is no stronger than naming one);
- ` & ` joins parts that must all occur in one sentence ("~control* & network*|data");
- a leading `~` marks a weak signal worth half a match ("~platform*");
- a leading `!` marks an exclusion: text it matches is ignored by the theme's
  other keywords ("!political spectrum" keeps "spectrum" for radio bands);
- a phrase without lower-case letters ("5G", "DNS", "ZTE") is case-sensitive,
  everything else is case-insensitive.

A paragraph's weight for a theme is the sum over the *distinct* keywords it
matches (strong 1, weak `ThemeOptions.weak_weight`), so repeating one weak word
("vendor ... vendor's") is not two signals. A paragraph carries a theme when its
weight reaches `paragraph_threshold`: one strong keyword, or two different weak
ones. Following shared/THEMES.md, the keyword lists name the concepts
themselves; general diplomacy, trade, military matters and company names alone
stay weak or absent.

The article carries a theme when its paragraphs *substantially* discuss it. Each
unit (body paragraph, plus the abstract if any) that carries the theme counts
its words in proportion to its evidence, fully from `full_weight` on (one passing
mention counts half), and the article's share of such words must reach
`min_share`, with at least `min_paragraphs` units or a share of `single_share`.
A title (with subtitle) that carries the theme counts as one more unit and
scales both shares by `title_factor`: the author has said what the article is
about. The score is the share, in [0, 1].
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from build_tools.analysis.sentences import is_heading_like, sentence_spans
from build_tools.analysis.tokens import FOLD_UNSAFE, fold_all_cases
from build_tools.model import ParagraphThemes, Theme, ThemeScore

if TYPE_CHECKING:
    from build_tools.analysis.document import Document


@dataclass(frozen=True, slots=True)
class ThemeOptions:
    """Thresholds for paragraph and article themes."""

    # --- paragraphs ---
    paragraph_threshold: float = 1.0
    """Weight of distinct matches a paragraph needs to carry a theme (strong keyword = 1, weak = 0.5)."""
    weak_weight: float = 0.5
    """Weight of a `~` keyword match."""
    # --- article ---
    full_weight: float = 2.0
    """Weight from which a theme paragraph counts with all its words toward the article share."""
    min_paragraphs: int = 2
    """Fewest theme units (paragraphs, abstract) for the article to carry the theme."""
    min_share: float = 0.12
    """Smallest evidence-weighted share of words for the article to carry the theme."""
    single_share: float = 0.4
    """A theme in fewer than `min_paragraphs` units still counts if it reaches this share."""
    title_factor: float = 0.5
    """Multiplier on `min_share` and `single_share` when the title (with subtitle) carries the theme;
    such a title also counts as one unit."""
    many_paragraphs: int = 5
    """A theme that this many paragraphs carry is discussed throughout: `many_share` is then enough."""
    many_share: float = 0.05
    """Smallest share for a theme carried by `many_paragraphs` (a long speech touches it in many places)."""
    many_strong: int = 2
    """Of those paragraphs, how many must have full evidence (`full_weight`): passing mentions are not a discussion."""
    description_terms: bool = True
    """Whether the phrases of a theme's description count as weak keywords (its own words for itself)."""


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
            # generations and standards of mobile networks
            "2G", "3G", "4G", "5G", "6G", "7G", "LTE", "3GPP", "IMT-2020",
            "fourth-generation", "fifth-generation", "sixth-generation", "next-generation network*",
            "next-generation mobile", "next-generation communication*", "mobile generation*",
            "generation* of mobile", "wireless",
            # spectrum and radio
            "spectrum", "radio frequenc*", "frequency band*", "GHz", "MHz", "mmWave",
            "!political spectrum", "!ideological spectrum", "!across the spectrum", "!spectrum of",
            "!broad spectrum", "!wide spectrum", "!full spectrum", "!whole spectrum", "!other end of the spectrum",
            # operators, rollout and coverage
            "telecom*", "mobile operator*", "network operator*", "mobile network*", "mobile coverage",
            "mobile signal*", "coverage obligation*", "rural coverage", "broadband", "base station*",
            "cell site*", "cell tower*", "phone mast*",
            # equipment and vendors
            "network equipment", "equipment vendor*", "network vendor*", "network supplier*",
            "vendor divers*", "supplier divers*", "diversification of suppliers", "high-risk vendor*",
            "high-risk supplier*", "Open RAN", "O-RAN", "RAN", "RANs", "radio access network*",
            "access network*", "core network*",
            "communications technolog*", "communication technolog*", "communications infrastructure",
            "!information and communications technolog*", "!information and communication technolog*",
            "!information and communications technology and services", "!communications technology devices",
            # Russian
            "оператор* связи", "сет* связи", "мобильн* связ*", "базов* станц*", "частот*",
            # weak: vendors by name, and words that mean telecoms only in company
            "~Huawei", "~Ericsson", "~Nokia", "~ZTE", "~Samsung",
            "~rollout*|roll-out*", "~mobile", "~vendor*", "~operator*", "~fibre|fiber", "~radio*",
            # software and cloud have vendors and operators too
            "!software vendor*", "!cloud vendor*", "!vendor lock-in*", "!vendor lock in", "!cloud operator*",
            "!infrastructure operator*", "!platform operator*", "!data centre operator*", "!data center operator*",
            # payments have networks, operators and mobile apps that are not telecoms
            "!payment network*", "!payment processing network*", "!settlement network*", "!card network*",
            "!payment system operator*", "!mobile operating system*", "!mobile app*", "!mobile payment*", "!mobile wallet*",
            "!mobile banking",
            "~mast|masts", "~satellite*", "~equipment", "~supplier*", "~handset*",
            "~network*", "!social network*", "!network effect*", "!neural network*", "!network* of", "~оператор*", "~Ericsson|Nokia|Huawei & рын*",
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
            # sovereignty itself, not sovereign debt
            "sovereign*", "!sovereign debt*", "!sovereign bond*", "!sovereign wealth", "!sovereign credit",
            "!sovereign rating*", "!sovereign default*", "!sovereign immunit*",
            # data and localisation
            "data localisation", "data localization", "localis*", "localiz*", "data residency",
            "data protection law*", "data flow*", "cross-border data", "data transfer*",
            "~data & stor*|host*|resid*|kept|keep", "~within the country",
            # domestic production and registers
            "import substitution", "domestic register*", "domestic alternative*", "domestic manufactur*",
            "domestic production", "domestic capacity", "domestic supplier*",
            "domestic technolog*", "national capacity", "self-relian*", "self-sufficien*",
            "~domestic industr*|domestic capabilit*", "~home-grown|homegrown", "~indigenous", "~national champion*",
            # critical infrastructure and control
            "critical infrastructure*", "critical national infrastructure*", "critical information infrastructure*",
            "critical digital infrastructure*", "strategic infrastructure*", "national infrastructure*",
            "national control", "state control", "information space", "national cloud*", "trusted cloud*",
            "Gaia-X", "internet shutdown*", "kill switch*", "~cut off|cut us off|cut them off|switch off|switched off",
            "~control* & data|network*|infrastructure*|internet|cloud*|root|gateway*",
            "~control* & foreign|national|state|states",
            "~digital infrastructure*", "~subsea cable*|undersea cable*|submarine cable*|underwater cable*",
            "~vulnerabilit*", "~surveillance", "~censor*",
            # internet governance
            "internet governance", "ICANN", "IANA", "DNS", "domain name*", "root zone", "root server*",
            "naming system", "name system", "multi-stakeholder*", "multistakeholder*", "firewall*",
            "govern* & internet",
            # sanctions and export controls
            "sanction*", "export control*", "Entity List", "~export polic*", "export restriction*",
            "export licen*", "export rule*", "technology restriction*", "restrictions on & semiconductor*|chip*|technolog*",
            "investment screening", "screening of foreign invest*", "foreign investment screening", "outbound investment*",
            "CFIUS", "Committee on Foreign Investment", "foreign adversar*", "economic coercion", "de-risk*",
            "~semiconductor*", "~chips|chipmak*|microchip*|chip industry|chip supply", "~supply chain*",
            "~resilien*", "~critical mineral*", "~critical technolog*|emerging technolog*|sensitive technolog*",
            "~sensitive data|personal data", "~foreign invest*", "~industrial strateg*|industrial polic*",
            "~internet freedom|free and open internet|open, free|open and free|global internet",
            "National Intelligence Law", "~espionage|spying", "~state-directed|state-controlled|party-state|CCP-directed|CCP directed",
            "~ban|bans|banned|banning|exclude|excluded|exclusion|phase out|phased out & Huawei|ZTE|vendor*|supplier*",
            # dependence, autonomy and foreign interference
            "technological dependence", "technological dependency", "technological independence",
            "digital independence", "dependence on foreign", "strategic autonomy", "digital autonomy",
            "technological autonomy", "foreign interference*", "foreign supplier*", "foreign vendor*",
            "foreign hardware", "foreign law*", "foreign platform*", "foreign provider*", "foreign server*",
            "foreign technolog*", "foreign equipment", "foreign control", "foreign ownership", "foreign leverage",
            "foreign software", "high-risk vendor*", "high-risk supplier*",
            "~foreign compan*|foreign firm*|foreign government*", "~dependen*|relian*|reliant", "~independen*",
            "~interference*", "~national security", "~data security", "~security review*",
            "~trusted vendor*|trusted supplier*|trusted source*", "~autonom*", "~registers",
            "~cyber security|cybersecurity",
            # Russian
            "суверен*", "импортозамещ*", "локализац*", "доменн* имен*", "доменн* имён", "санкци*",
            "экспортн* контрол*", "контрол* & государств*", "~реестр*", "~изоляц*", "~отключени*",
            "~независимост*", "~зависимост*", "~отечественн*", "~собственн* технолог*",
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
            # ecosystems and blocs
            "ecosystem*", "!natural ecosystem*", "!marine ecosystem*", "!ecosystem services",
            "techno-economic bloc*", "technology bloc*", "tech bloc*", "integration bloc*", "bipolar*",
            "technology camp*", "tech camp*", "splinternet",
            "bifurcat*", "decoupl*", "Digital Silk Road",
            "~bloc|blocs", "~camp|camps", "~stack*", "~fragment*", "~hedg*", "~third countr*",
            "~superpower*", "~great power*", "~rivalry|rivalries", "~sphere* of influence", "~geopolitic*",
            "~American|America|US|U.S.|Washington|Western|European|Europe|EU|Brussels & Chinese|China|Beijing",
            "~American-led|US-led|U.S.-led|Western-led|Chinese-led|China-led|Beijing-led",
            # platforms and Big Tech as power
            "Big Tech", "tech giant*", "technology giant*", "digital giant*", "internet giant*",
            "platform compan*", "platform power", "national platform*", "war of platforms", "hyperscaler*",
            "digital monopol*", "~platform*", "~monopol*", "~app store*|super-app*", "~network effect*",
            "~Google|Facebook|Amazon|Microsoft|Apple|Meta|Alphabet",
            "~Alibaba|Tencent|Baidu|ByteDance|TikTok",
            # standards wars
            "standards war*", "standard-setting", "standards bod*", "standard-developing",
            "standards-developing", "~standard*", "~patent*|royalt*",
            # alignment and non-alignment, colonialism
            "non-alignment", "nonalignment", "non-aligned", "colonial*", "customer state*",
            "tech war*", "technology war*", "chip war*", "tech rivalry", "technology rivalry",
            "~align*",
            # Russian
            "экосистем*", "~платформ*",
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class CompiledTheme:
    """A theme's keywords compiled for one scan per paragraph.

    Every alternative of every keyword (and of every part of a ` & ` keyword) is
    a *slot*; `scanners` (one case-sensitive, one case-insensitive regex) find
    them all in one pass. `slots` holds, in the scanners' order, each slot's own
    regex and number, to tell which slot a match is; `keywords_of_slot` gives
    the single-part keywords each slot stands for; `weak` tells, per
    keyword, whether it is a `~` keyword; `cooccurring` holds (keyword, slots of
    each part).
    """

    slug: str
    scanners: tuple[re.Pattern[str], ...]
    slots: tuple[tuple[re.Pattern[str], int], ...]
    keywords_of_slot: tuple[tuple[int, ...], ...]
    weak: tuple[bool, ...]
    cooccurring: tuple[tuple[int, tuple[frozenset[int], ...]], ...]
    exclusions: re.Pattern[str] | None
    finders: tuple[re.Pattern[str] | None, ...] = ()
    """Per scanner, the scanner without its leading word-start test, where that finds candidates faster
    (case-sensitive scanners: the engine then skips to the alternatives' first characters); see `_scan`."""
    slot_memo: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    """The slot of each scanner match seen so far (`_slot_of`): a function of the match text and the
    theme alone, so it serves every article; it holds the keyword spellings articles use, a few hundred."""


def _phrase_source(phrase: str) -> tuple[str, bool]:
    """Regex source of one phrase (no boundaries, no flags) and whether it is case-sensitive.

    Words are joined by space-or-hyphen; a word ending in `*` is a prefix; the
    last word may take a plural or possessive ending.
    """
    words = [w for w in re.split(r"[\s-]+", phrase.strip()) if w]
    parts = []
    for i, word in enumerate(words):
        body = re.escape(word.rstrip("*"))
        if word.endswith("*"):
            body += r"\w*"
        elif i == len(words) - 1:
            body += r"(?:s|es|'s|’s)?"
        parts.append(body)
    return r"[\s-]+".join(parts), not any(c.islower() for c in phrase)


def _alternatives(part: str) -> list[str]:
    """The phrases of "a|b|c"; a phrase without a letter or digit ("*") would match anything and is dropped."""
    return [a.strip() for a in part.split("|") if any(c.isalnum() for c in a)]


def _bounded(sources: Sequence[str], case_sensitive: bool) -> re.Pattern[str]:
    """One regex over `sources` (longest first), with the word boundaries outside the alternation.

    Alternatives that start with the same letter are grouped behind it, so at a
    word start the engine tries only the alternatives that can match there.
    """
    groups: dict[str, list[str]] = {}
    for src in sorted(sources, key=len, reverse=True):
        lead = src[0] if src[0].isalnum() else ""
        key = lead if case_sensitive else lead.lower()
        groups.setdefault(key if len(key) == 1 else "", []).append(src)
    branches = []
    for lead, members in groups.items():
        if lead and len(members) > 1:
            branches.append(f"{re.escape(lead)}(?:{'|'.join(m[1:] for m in members)})")
        else:
            branches.extend(members)
    return re.compile(rf"(?<!\w)(?:{'|'.join(branches)})(?!\w)", 0 if case_sensitive else re.IGNORECASE)


_DESCRIPTION_SPLIT_RE = re.compile(r"[,;:()“”\"]|\band\b|\bor\b|\bof\b|\bin\b|\bwith\b|\bas\b")
_DESCRIPTION_STOP = frozenset("the a an its their one to for on by from joining building later rather than".split())


def description_keywords(description: str) -> tuple[str, ...]:
    """Weak keywords from a theme's description: its phrases of two or three words, the last word stemmed crudely.

    "rival technology ecosystems" becomes "~rival technology ecosystem*": a configured theme
    is matched by its own description as well as by its keywords, in plural and other forms.
    """
    out: dict[str, None] = {}
    for chunk in _DESCRIPTION_SPLIT_RE.split(description):
        words = [w for w in re.findall(r"[A-Za-z][\w-]*", chunk) if w.lower() not in _DESCRIPTION_STOP]
        if not 2 <= len(words) <= 3:
            continue
        last = re.sub(r"(?:ies|s)$", "", words[-1].lower())
        stem = (last[: max(4, len(last) - 2)] if len(last) > 5 else last) + "*"
        out.setdefault("~" + " ".join(w.lower() for w in words[:-1]) + " " + stem, None)
    return tuple(out)


def _new_description_keywords(theme: Theme) -> tuple[str, ...]:
    """The description's keywords that no configured keyword already matches.

    Scanning is longest-first and does not overlap, so a description phrase holding a
    keyword ("rival technology ecosystems" holds "ecosystem*") would hide that keyword.
    """
    existing = [keyword_pattern(k) for k in theme.keywords if not k.startswith("!") and " & " not in k]
    return tuple(
        k for k in description_keywords(theme.description)
        if not any(p.search(k.lstrip("~").replace("*", "")) for p in existing)
    )


def keyword_pattern(keyword: str) -> re.Pattern[str]:
    """One single-part keyword (without its `~` or `!` mark) as a compiled regex; see the module docstring."""
    sources = [_phrase_source(alt) for alt in _alternatives(keyword.lstrip("~!"))]
    return _bounded([src if cs else f"(?i:{src})" for src, cs in sources], True)


def compile_themes(themes: Sequence[Theme]) -> tuple[CompiledTheme, ...]:
    """`compile_theme` of each theme: done once per configuration (it costs more than analysing an article)."""
    return tuple(compile_theme(t) for t in themes)


def compile_theme(theme: Theme) -> CompiledTheme:
    """Compile a theme's keywords for `score_themes`.

    The scanners try the longest alternatives first, so "Open RAN" wins over
    "RAN" (and a ` & ` part does not match inside a longer keyword); they hold
    no groups, and the word boundaries sit outside the alternation, so the
    engine tries alternatives only at word starts and matching stays fast.
    """
    slots: dict[tuple[str, bool], int] = {}
    keywords_of_slot: list[list[int]] = []
    weak: list[bool] = []
    cooccurring: list[tuple[int, tuple[frozenset[int], ...]]] = []
    exclusions: list[str] = []

    def add_slots(part: str, keyword: int | None) -> frozenset[int]:
        """The slots of a part's alternatives; one slot serves every keyword and part that spells it alike."""
        ids = []
        for alt in _alternatives(part):
            slot = slots.setdefault(_phrase_source(alt), len(slots))
            if slot == len(keywords_of_slot):
                keywords_of_slot.append([])
            if keyword is not None:
                keywords_of_slot[slot].append(keyword)
            ids.append(slot)
        return frozenset(ids)

    for keyword in (*theme.keywords, *_new_description_keywords(theme)):
        if keyword.startswith("!"):
            exclusions.extend(_phrase_source(a)[0] for a in _alternatives(keyword[1:]))
            continue
        index = len(weak)
        weak.append(keyword.startswith("~"))
        parts = [p for p in keyword.lstrip("~").split(" & ") if p.strip()]
        if len(parts) > 1:
            cooccurring.append((index, tuple(add_slots(p, None) for p in parts)))
        elif parts:
            add_slots(parts[0], index)
    groups = [(cs, [src for src, c in slots if c == cs]) for cs in (True, False) if any(c == cs for _, c in slots)]
    scanners = tuple(_bounded(sources, cs) for cs, sources in groups)
    ordered = sorted(slots.items(), key=lambda item: len(item[0][0]), reverse=True)
    identify = tuple((re.compile(src, 0 if cs else re.IGNORECASE), i) for (src, cs), i in ordered)
    exclusion = _bounded(exclusions, False) if exclusions else None
    return CompiledTheme(
        theme.slug, scanners, identify, tuple(tuple(k) for k in keywords_of_slot), tuple(weak),
        tuple(cooccurring), exclusion, tuple(_finder(s) for s in scanners),
    )


_WORD_START = r"(?<!\w)"


def _finder(scanner: re.Pattern[str]) -> re.Pattern[str] | None:
    """The scanner without its word-start test, to find candidates faster (see `CompiledTheme.finders`).

    The engine then skips ahead to the alternatives' first characters, which it can do
    only without `re.IGNORECASE`: a case-insensitive scanner's finder is its source case-folded
    (`fold_all_cases`), without the flag, run over the case-folded text.
    """
    source = scanner.pattern
    if not source.startswith(_WORD_START):
        return None
    if not scanner.flags & re.IGNORECASE:
        return re.compile(source[len(_WORD_START):], scanner.flags)
    folded = fold_all_cases(source[len(_WORD_START):])
    if folded is None or re.search(r"\\[A-Z]", source) or any(c in FOLD_UNSAFE for c in source):
        return None  # an escape such as \S would change its meaning; see FOLD_UNSAFE
    return re.compile(folded, scanner.flags & ~re.IGNORECASE)


def _scan(scanner: re.Pattern[str], finder: re.Pattern[str] | None, text: str) -> Iterator[re.Match[str]]:
    """The matches of `scanner.finditer(text)`, found with `finder` where there is one.

    A scanner match is a finder match where the word-start test holds (for a case-insensitive
    scanner: a match of the folded finder in the folded text, at the same place), so trying
    the scanner at each finder match, in order, meets the scanner's leftmost match first.
    """
    haystack: str | None = text
    if finder is not None and scanner.flags & re.IGNORECASE:
        haystack = fold_all_cases(text)
        if haystack is not None and len(haystack) != len(text):
            haystack = None  # offsets would not line up
    if finder is None or haystack is None:
        yield from scanner.finditer(text)
        return
    pos, end = 0, len(text)
    while pos <= end:
        candidate = finder.search(haystack, pos)
        if candidate is None:
            return
        m = scanner.match(text, candidate.start())
        if m is None:
            pos = candidate.start() + 1
        elif m.end() == m.start():  # never with the themes' patterns: keep finditer's rule for an empty match
            yield from scanner.finditer(text, pos)
            return
        else:
            yield m
            pos = m.end()


def _slot_of(matched: str, theme: CompiledTheme, memo: dict[str, int]) -> int | None:
    """The slot of a scanner match: the first slot, in scanner order, that is the whole match.

    `memo` holds the slot of each string already identified (`CompiledTheme.slot_memo`).
    """
    slot = memo.get(matched)
    if slot is None:
        slot = memo[matched] = next((i for pattern, i in theme.slots if pattern.fullmatch(matched)), -1)
    return None if slot < 0 else slot


def _excluded(theme: CompiledTheme, text: str, start: int, end: int) -> bool:
    """Whether an exclusion of `theme` covers text[start:end] ("political spectrum" covers "spectrum")."""
    if theme.exclusions is None:
        return False
    return any(
        m.start() <= start and end <= m.end()
        for m in theme.exclusions.finditer(text, max(0, start - 60), min(len(text), end + 60))
    )


def matched_keywords(text: str, theme: CompiledTheme) -> frozenset[int]:
    """Indexes (in `theme.weak` order) of the keywords `text` matches; text an exclusion covers does not count."""
    return _matched(text, sentence_spans(text), theme, theme.slot_memo)


def _matched(text: str, spans: Sequence[tuple[int, int]], theme: CompiledTheme, memo: dict[str, int]) -> frozenset[int]:
    """`matched_keywords`, given the sentence offsets of `text` and a slot memo (see `_slot_of`).

    One scan finds every slot; exclusions are looked up only around a match and
    sentences only when every part of a ` & ` keyword occurs somewhere.
    """
    found: set[int] = set()
    part_hits: dict[int, list[int]] = {}
    for scanner, finder in zip(theme.scanners, theme.finders or (None,) * len(theme.scanners)):
        for m in _scan(scanner, finder, text):
            if _excluded(theme, text, m.start(), m.end()):
                continue
            slot = _slot_of(m.group(0), theme, memo)
            if slot is None:
                continue  # cannot happen with the scanners' own sources; never worth a crash
            found.update(theme.keywords_of_slot[slot])
            part_hits.setdefault(slot, []).append(m.start())
    for index, parts in theme.cooccurring:
        if index in found:
            continue
        positions = [sorted(p for slot in part if slot in part_hits for p in part_hits[slot]) for part in parts]
        if not all(positions):
            continue
        for s, e in spans:
            if all(any(s <= p < e for p in ps) for ps in positions):
                found.add(index)
                break
    return frozenset(found)


def paragraph_weight(text: str, theme: CompiledTheme, options: ThemeOptions = DEFAULT_OPTIONS) -> float:
    """The summed weight of the distinct keywords of a theme that `text` matches."""
    return _weight(matched_keywords(text, theme), theme, options)


def _weight(matched: frozenset[int], theme: CompiledTheme, options: ThemeOptions) -> float:
    return sum(options.weak_weight if theme.weak[i] else 1.0 for i in matched)


def score_themes(
    doc: Document, compiled: Sequence[CompiledTheme], options: ThemeOptions = DEFAULT_OPTIONS
) -> tuple[tuple[ThemeScore, ...], tuple[ParagraphThemes, ...]]:
    """Article themes (score desc, then slug) and the themes of every body paragraph (document order).

    `compiled` are the configured themes, from `compile_themes`.
    """
    article = doc.article

    def weight(text: str, spans: Sequence[tuple[int, int]], theme: CompiledTheme) -> float:
        return _weight(_matched(text, spans, theme, theme.slot_memo), theme, options)

    per_paragraph: list[ParagraphThemes] = []
    evidence: dict[str, float] = {t.slug: 0.0 for t in compiled}
    ids_by_theme: dict[str, list[str]] = {t.slug: [] for t in compiled}
    units: dict[str, int] = {t.slug: 0 for t in compiled}
    strong: dict[str, int] = {t.slug: 0 for t in compiled}
    total_words = 0

    def count(text: str, slug: str, weight: float) -> None:
        evidence[slug] += len(text.split()) * min(1.0, weight / options.full_weight)
        units[slug] += 1
        strong[slug] += weight >= options.full_weight

    for para, spans in zip(doc.paragraphs, doc.spans):
        total_words += len(para.text.split())
        if is_heading_like(para.text):
            per_paragraph.append(ParagraphThemes(para.id, ()))
            continue
        slugs = []
        for t in compiled:
            w = weight(para.text, spans, t)
            if w >= options.paragraph_threshold:
                slugs.append(t.slug)
                ids_by_theme[t.slug].append(para.id)
                count(para.text, t.slug, w)
        per_paragraph.append(ParagraphThemes(para.id, tuple(slugs)))
    if article.abstract:
        # The author's own statement of what the article is about counts as one more unit.
        total_words += len(article.abstract.split())
        abstract_spans = sentence_spans(article.abstract)
        for t in compiled:
            w = weight(article.abstract, abstract_spans, t)
            if w >= options.paragraph_threshold:
                count(article.abstract, t.slug, w)
    heading = " ".join(filter(None, (article.title, article.subtitle)))
    heading_spans = sentence_spans(heading)
    scores = []
    for t in compiled:
        share = evidence[t.slug] / total_words if total_words else 0.0
        # A title that names the theme is one more unit, and lowers the bar for the body.
        titled = bool(heading) and weight(heading, heading_spans, t) >= options.paragraph_threshold
        factor = options.title_factor if titled else 1.0
        many = units[t.slug] >= options.many_paragraphs and strong[t.slug] >= options.many_strong and share >= options.many_share
        if many or share >= options.min_share * factor and (
            units[t.slug] + titled >= options.min_paragraphs or share >= options.single_share * factor
        ):
            scores.append(ThemeScore(t.slug, round(min(1.0, share), 3), tuple(ids_by_theme[t.slug])))
    scores.sort(key=lambda s: (-s.score, s.theme))
    return tuple(scores), tuple(per_paragraph)
