"""Quality of theme assignment and acronym extraction against the hand labels.

Usage: .venv/bin/python benchmarks/analysis_quality.py [-v]

Inputs: tests/fixtures/articles/labels.yaml (21 invented articles, every body paragraph
labelled) and, when present, shared/dev-articles/gold.yaml (real article openings with
article-level themes and acronyms). Every article goes through the project's parser
(`read_seed`), so the figures include what the parser does to paragraphs. `-v` lists
every disagreement.

(a) Paragraph themes (fixtures). A label paragraph is matched to the first parsed body
    paragraph, in reading order, whose normalised text starts with the label's
    normalised `starts` (case, quotes, dashes, whitespace, Markdown emphasis and a
    leading list marker ignored). An unmatched label paragraph counts as predicted with
    no theme. P/R/F1 per theme and micro-averaged over (paragraph, theme) pairs.
(b) Article themes: exact-set accuracy and per-theme P/R/F1 on the fixtures and on the
    dev gold.
(c) Acronyms. An extracted entry is the glossary entry of kind "acronym"; acronyms are
    compared case-sensitively with a plural "s" dropped (PICs = PIC), expansions after
    normalisation (case, quotes, hyphens vs spaces, a leading "the" ignored).
    Fixtures (complete labels: `acronyms` with expansions plus `unexpanded_acronyms`):
      - recall: a labelled expanded acronym is found when extracted with the same
        expansion; an unexpanded one when extracted at all;
      - precision: an extracted entry is right when its acronym is labelled and, if the
        label gives an expansion, its definition is that expansion (a definition found
        for an acronym the labels call unexpanded is inferred elsewhere in the text and
        is listed with -v for review, not scored); any other entry is wrong.
    Dev gold (lists ONLY acronyms expanded in the file):
      - recall: a gold acronym is found when extracted with the gold expansion;
      - precision: an entry whose acronym gold lists is right iff its definition is the
        gold expansion, or it has none (incomplete, not wrong). An entry gold lacks is
        not a false positive merely for being absent: it is right when a reviewer judged
        it a real acronym of that article used without an expansion (bare), or with an
        inferred definition that really expands it (the `DEV_JUDGED_*` tables below,
        acronym tokens only). Everything unjudged counts as wrong and is printed, so a
        new extraction must be judged before it can help the score.
(d) Summary: mean ROUGE-1/2/L F1 of our summary and of lead-k against the abstract,
    through benchmarks/summary.py, over the seeds and fixtures that have one.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from build_tools.analysis.entities import extract_entities  # noqa: E402
from build_tools.analysis.glossary import expansion_aligns, extract_glossary  # noqa: E402
from build_tools.analysis.document import Document  # noqa: E402
from build_tools.analysis.themes import DEFAULT_THEMES, compile_themes, score_themes  # noqa: E402
from build_tools.model import Article  # noqa: E402
from build_tools.readers import read_seed  # noqa: E402
from build_tools.readers import read_seed

COMPILED = compile_themes(DEFAULT_THEMES)  # once for every article

FIXTURES = ROOT / "tests" / "fixtures" / "articles"
DEV = next((p for p in (ROOT / "shared" / "dev-articles", ROOT.parent / "shared" / "dev-articles") if p.is_dir()), None)
THEMES = ("5g", "sovereignty", "ecosystems")

#: Dev gold lists only expanded acronyms. Acronyms a reviewer judged correct when extracted
#: without a definition (used bare in that article, per the label's own definition).
DEV_JUDGED_BARE: dict[str, frozenset[str]] = {
    "01_fiercewireless_open_ran_vendors.txt": frozenset({"5G", "SVP", "U.S."}),
    "02_parliament_uk_telecoms_oral_evidence.txt": frozenset({"RAN", "UK", "5G", "2G", "3G", "4G", "HC"}),
    "03_hinrichfoundation_china_standards_2035.txt": frozenset({"5G"}),
    "04_rafail_reuters_eu_digital_services_act.txt": frozenset({"EU", "U.S."}),
    "05_chinatalk_ai_chip_export_controls.txt": frozenset({"CSIS", "U.S."}),
    "06_docslib_layton_semiconductor_export_control.txt": frozenset({"US"}),
    "07_scmp_digital_silk_road.txt": frozenset({"5G"}),
    "13_pubaffairsbruxelles_michel_strategic_autonomy_speech.txt": frozenset({"EU", "COVID"}),
    "14_mdcinsights_sovereign_ai_compute.txt": frozenset({"AI"}),
    "15_orfonline_india_digital_public_goods.txt": frozenset({"ORF"}),  # defined only in a note or elsewhere
}
#: Acronyms gold lacks whose definition, inferred from elsewhere in the text, really expands them.
DEV_JUDGED_INFERRED: dict[str, frozenset[str]] = {
    "14_mdcinsights_sovereign_ai_compute.txt": frozenset({"AI"}),  # "Artificial Intelligence", never "(AI)"
    "15_orfonline_india_digital_public_goods.txt": frozenset({"ORF"}),  # Observer Research Foundation
}

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_MARKER_RE = re.compile(r"^(?:[-*•→]\s+|\d+[.)]\s+)")


def norm(text: str) -> str:
    """Case-, quote-, whitespace- and emphasis-insensitive form of `text`."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = re.sub(r"[*_`]", "", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def norm_paragraph(text: str) -> str:
    return norm(_MARKER_RE.sub("", text.strip()))


def norm_expansion(text: str | None) -> str:
    out = norm(text or "").replace("-", " ")
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", out))


def acronym_key(term: str) -> str:
    """PICs and PIC are one acronym; case matters otherwise (ПО is not по)."""
    return term[:-1] if len(term) > 2 and term.endswith("s") and not term[:-1].islower() else term


# --- counting ---------------------------------------------------------------------------------


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, want: bool, got: bool) -> None:
        self.tp += want and got
        self.fp += got and not want
        self.fn += want and not got

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def row(self, name: str) -> str:
        return f"  {name:<14} {self.p:6.3f} {self.r:6.3f} {self.f1:6.3f}   (tp {self.tp}, fp {self.fp}, fn {self.fn})"


@dataclass
class ThemeTable:
    per_theme: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in THEMES})
    exact: int = 0
    n: int = 0

    def add(self, want: Iterable[str], got: Iterable[str]) -> None:
        w, g = set(want), set(got)
        for t in THEMES:
            self.per_theme[t].add(t in w, t in g)
        self.n += 1
        self.exact += w == g

    def micro(self) -> PRF:
        out = PRF()
        for prf in self.per_theme.values():
            out.tp, out.fp, out.fn = out.tp + prf.tp, out.fp + prf.fp, out.fn + prf.fn
        return out

    def print(self, title: str, exact_label: str) -> None:
        print(f"\n{title}")
        print(f"  {'theme':<14} {'P':>6} {'R':>6} {'F1':>6}")
        for t in THEMES:
            print(self.per_theme[t].row(t))
        print(self.micro().row("micro"))
        print(f"  {exact_label}: {self.exact}/{self.n} = {self.exact / max(1, self.n):.3f}")


# --- (a) paragraph themes, (b) article themes -------------------------------------------------


def match_paragraphs(article: Article, starts: Sequence[str]) -> list[str | None]:
    """The id of the parsed paragraph each label `starts` opens, in reading order (None if none)."""
    paragraphs = [(p.id, norm_paragraph(p.text)) for p in article.paragraphs()]
    out: list[str | None] = []
    cursor = 0
    for start in starts:
        want = norm_paragraph(start)
        hit = next((i for i in range(cursor, len(paragraphs)) if paragraphs[i][1].startswith(want)), None)
        if hit is None:
            hit = next((i for i in range(len(paragraphs)) if paragraphs[i][1].startswith(want)), None)
        out.append(paragraphs[hit][0] if hit is not None else None)
        if hit is not None:
            cursor = hit + 1
    return out


def theme_scores(labels: list[dict], dev: list[dict], verbose: bool) -> None:
    paragraphs, fixture_articles, dev_articles = ThemeTable(), ThemeTable(), ThemeTable()
    unmatched = 0
    for label in labels:
        article = read_seed(FIXTURES / label["file"])
        article_themes, per_paragraph = score_themes(Document.of(article), COMPILED)
        by_id = {pt.paragraph: pt.themes for pt in per_paragraph}
        rows = label.get("paragraph_themes") or []
        ids = match_paragraphs(article, [r["starts"] for r in rows])
        for row, pid in zip(rows, ids):
            unmatched += pid is None
            got = by_id.get(pid, ()) if pid else ()
            paragraphs.add(row["themes"], got)
            if verbose and set(row["themes"]) != set(got):
                print(f"  para {label['file'][:2]} {row['starts'][:38]!r:<42} want {sorted(row['themes'])} got {sorted(got)}"
                      + ("  (unmatched)" if pid is None else ""))
        got_article = [s.theme for s in article_themes]
        fixture_articles.add(label["themes"], got_article)
        if verbose and set(label["themes"]) != set(got_article):
            print(f"  article {label['file']}: want {sorted(label['themes'])} got {[(s.theme, s.score) for s in article_themes]}")
    for gold in dev if DEV else ():
        article_themes, _ = score_themes(Document.of(read_seed(DEV / gold["file"])), COMPILED)
        got_article = [s.theme for s in article_themes]
        dev_articles.add(gold["themes"], got_article)
        if verbose and set(gold["themes"]) != set(got_article):
            print(f"  dev {gold['file']}: want {sorted(gold['themes'])} got {[(s.theme, s.score) for s in article_themes]}")
    paragraphs.print(f"(a) paragraph themes, fixtures ({paragraphs.n} labelled paragraphs, {unmatched} unmatched)",
                     "exact paragraph sets")
    fixture_articles.print(f"(b) article themes, fixtures ({fixture_articles.n} articles)", "exact-set accuracy")
    if dev:
        dev_articles.print(f"(b) article themes, dev gold ({dev_articles.n} articles)", "exact-set accuracy")


# --- (c) acronyms -----------------------------------------------------------------------------


def extracted_acronyms(article: Article) -> list[tuple[str, str | None]]:
    return [(e.term, e.definition) for e in extract_glossary(Document.of(article)) if e.kind == "acronym"]


def acronym_scores(labels: list[dict], dev: list[dict], verbose: bool) -> None:
    fixture, dev_prf = PRF(), PRF()
    notes: list[str] = []
    for label in labels:
        article = read_seed(FIXTURES / label["file"])
        got = extracted_acronyms(article)
        expanded = {acronym_key(a["acronym"]): a["expansion"] for a in label["acronyms"]}
        bare = {acronym_key(a) for a in label["unexpanded_acronyms"]}
        got_by_key = {acronym_key(t): d for t, d in got}
        for key, expansion in expanded.items():
            ok = key in got_by_key and norm_expansion(got_by_key[key]) == norm_expansion(expansion)
            fixture.tp += ok
            fixture.fn += not ok
            if not ok:
                notes.append(f"  fixture {label['file'][:2]} missed {key} = {expansion!r} (got {got_by_key.get(key, '-')!r})")
        for key in bare:
            fixture.tp += key in got_by_key
            fixture.fn += key not in got_by_key
            if key not in got_by_key:
                notes.append(f"  fixture {label['file'][:2]} missed bare {key}")
            elif got_by_key[key]:
                notes.append(f"  fixture {label['file'][:2]} inferred {key} = {got_by_key[key]!r} (not scored)")
        for term, definition in got:
            key = acronym_key(term)
            if key in expanded:
                if norm_expansion(definition) != norm_expansion(expanded[key]):
                    fixture.fp += 1  # wrong definition (already a miss for recall)
            elif key not in bare:
                fixture.fp += 1
                notes.append(f"  fixture {label['file'][:2]} wrong {term} = {definition!r}")
    for gold in dev:
        if DEV is None:
            break
        name = gold["file"]
        got = extracted_acronyms(read_seed(DEV / name))
        expanded = {acronym_key(a["acronym"]): a["expansion"] for a in gold["acronyms"]}
        got_by_key = {acronym_key(t): d for t, d in got}
        for key, expansion in expanded.items():
            ok = key in got_by_key and norm_expansion(got_by_key[key]) == norm_expansion(expansion)
            dev_prf.tp += ok
            dev_prf.fn += not ok
            if not ok:
                notes.append(f"  dev {name[:2]} missed {key} = {expansion!r} (got {got_by_key.get(key, '-')!r})")
        for term, definition in got:
            key = acronym_key(term)
            if key in expanded:
                if definition and norm_expansion(definition) != norm_expansion(expanded[key]):
                    dev_prf.fp += 1
                    notes.append(f"  dev {name[:2]} wrong definition {term} = {definition!r}")
            elif definition is None and term in DEV_JUDGED_BARE.get(name, ()):
                continue
            elif definition is not None and term in DEV_JUDGED_INFERRED.get(name, ()):
                continue
            else:
                dev_prf.fp += 1
                notes.append(f"  dev {name[:2]} wrong or unjudged {term} = {definition!r}")
    both = PRF(fixture.tp + dev_prf.tp, fixture.fp + dev_prf.fp, fixture.fn + dev_prf.fn)
    print("\n(c) acronyms")
    print(f"  {'set':<14} {'P':>6} {'R':>6} {'F1':>6}")
    print(fixture.row("fixtures"))
    if dev:
        print(dev_prf.row("dev gold"))
        print(both.row("both"))
    if verbose:
        print("\n".join(notes))


# --- (d) summary ------------------------------------------------------------------------------


def summary_scores() -> None:
    try:
        import summary as summary_bench  # benchmarks/summary.py
    except ImportError:
        return
    totals: dict[str, list[tuple[float, float, float]]] = {}
    for path in summary_bench.default_paths():
        article = summary_bench.load_article(path)
        if not article.abstract:
            continue
        for name, scores in summary_bench.score_article(article).items():
            if name in ("ours", "lead-k"):
                totals.setdefault(name, []).append(scores)
    if not totals:
        return
    n = len(totals["ours"])
    print(f"\n(d) summary vs abstract, mean over {n} article(s) (benchmarks/summary.py)")
    print(f"  {'system':<14} {'R-1':>6} {'R-2':>6} {'R-L':>6}")
    for name, rows in totals.items():
        means = [sum(r[i] for r in rows) / len(rows) for i in range(3)]
        print(f"  {name:<14} {means[0]:6.3f} {means[1]:6.3f} {means[2]:6.3f}")


# --- dev-full: full-length real texts ----------------------------------------------------------


def dev_full_acronyms(verbose: bool) -> None:
    """Acronym P/R on dev-full: gold lists only acronyms the text expands.

    Recall: a gold acronym extracted with the gold expansion. Precision is over the entries that
    carry a definition (a wrong expansion is what misleads a reader): right iff the acronym is in
    gold with that expansion. Bare entries are listed with -v for review, and every entry with a
    definition is checked to align with its acronym (`expansion_aligns`).
    """
    import summary as summary_bench

    prf = PRF()
    unaligned = 0
    notes: list[str] = []
    for gold in summary_bench.dev_full_gold():
        name = gold["file"]
        got = extracted_acronyms(summary_bench.load_dev_full(summary_bench.DEV_FULL / name, gold["type"]))
        expanded = {acronym_key(a["acronym"]): a["expansion"] for a in gold["acronyms"]}
        got_by_key = {acronym_key(t): d for t, d in got}
        for key, expansion in expanded.items():
            ok = key in got_by_key and norm_expansion(got_by_key[key]) == norm_expansion(expansion)
            prf.tp += ok
            prf.fn += not ok
            if not ok:
                notes.append(f"  dev-full {name[:2]} missed {key} = {expansion!r} (got {got_by_key.get(key, '-')!r})")
        bare = []
        for term, definition in got:
            if definition is None:
                bare.append(term)
                continue
            if not expansion_aligns(term, definition):
                unaligned += 1
                notes.append(f"  dev-full {name[:2]} UNALIGNED {term} = {definition!r}")
            key = acronym_key(term)
            if key not in expanded or norm_expansion(definition) != norm_expansion(expanded[key]):
                prf.fp += 1
                notes.append(f"  dev-full {name[:2]} wrong {term} = {definition!r}")
        notes.append(f"  dev-full {name[:2]} bare: {' '.join(bare)}")
    print("\n(c) acronyms, dev-full (precision over entries with an expansion)")
    print(f"  {'set':<14} {'P':>6} {'R':>6} {'F1':>6}")
    print(prf.row("dev-full"))
    print(f"  entries whose expansion fails alignment: {unaligned}")
    if verbose:
        print("\n".join(notes))


def dev_full_themes(verbose: bool) -> None:
    """Article themes on dev-full: exact agreement with gold, where a theme gold calls acceptable may be added."""
    import summary as summary_bench

    table = ThemeTable()
    agree = 0
    for gold in summary_bench.dev_full_gold():
        article = summary_bench.load_dev_full(summary_bench.DEV_FULL / gold["file"], gold["type"])
        got = {s.theme for s in score_themes(Document.of(article), COMPILED)[0]}
        want = set(gold["themes"])
        table.add(want, got)
        ok = want <= got <= want | set(gold.get("themes_acceptable") or ())
        agree += ok
        if verbose and not ok:
            print(f"  dev-full {gold['file']}: want {sorted(want)} (acceptable {gold.get('themes_acceptable')}) got {sorted(got)}")
    table.print(f"(b) article themes, dev-full ({table.n} articles)", "exact-set accuracy")
    print(f"  equal to gold, acceptable extras allowed: {agree}/{table.n} = {agree / max(1, table.n):.3f}")


# --- (e) entities ------------------------------------------------------------------------------

ENTITY_LABELS = FIXTURES.parent / "entity_labels.yaml"
KINDS = ("person", "organisation", "company", "place", "law", "publication", "other")


def entity_scores(verbose: bool) -> None:
    """Precision per predicted kind: an extracted entity is right when its hand label gives the same kind.

    Labels (tests/fixtures/entity_labels.yaml) judge names extracted from dev-full texts; a name
    the labels do not know is counted apart as unjudged (and listed with -v).
    """
    import summary as summary_bench

    labels = yaml.safe_load(ENTITY_LABELS.read_text(encoding="utf-8"))["files"]
    gold_types = {g["file"]: g["type"] for g in summary_bench.dev_full_gold()}
    if not gold_types:
        return
    right = {k: 0 for k in KINDS}
    total = {k: 0 for k in KINDS}
    unjudged: list[str] = []
    wrong: list[str] = []
    for name, judged in labels.items():
        article = summary_bench.load_dev_full(summary_bench.DEV_FULL / name, gold_types.get(name))
        acronyms = {e.term: e.definition for e in extract_glossary(Document.of(article)) if e.kind == "acronym" and e.definition}
        for entity in extract_entities(Document.of(article), acronyms=acronyms):
            if entity.name not in judged:
                unjudged.append(f"  {name[:2]} {entity.name} = {entity.kind}")
                continue
            total[entity.kind] += 1
            ok = judged[entity.name] == entity.kind
            right[entity.kind] += ok
            if not ok:
                wrong.append(f"  {name[:2]} {entity.name}: got {entity.kind}, label {judged[entity.name]}")
    n = sum(total.values())
    print(f"\n(e) entities, precision per kind ({n} judged entities from {len(labels)} dev-full texts, {len(unjudged)} unjudged)")
    for kind in KINDS:
        if total[kind]:
            print(f"  {kind:<14} {right[kind] / total[kind]:6.3f}   ({right[kind]}/{total[kind]})")
    print(f"  {'all':<14} {sum(right.values()) / max(1, n):6.3f}   ({sum(right.values())}/{n})")
    if verbose:
        print("\n".join(wrong + unjudged))


def main(argv: Sequence[str]) -> int:
    verbose = "-v" in argv
    labels = yaml.safe_load((FIXTURES / "labels.yaml").read_text(encoding="utf-8"))["articles"]
    dev = yaml.safe_load((DEV / "gold.yaml").read_text(encoding="utf-8"))["articles"] if DEV else []
    if not DEV:
        print("(dev gold not found: shared/dev-articles is not beside the project; fixtures only)")
    theme_scores(labels, dev, verbose)
    acronym_scores(labels, dev, verbose)
    dev_full_themes(verbose)
    dev_full_acronyms(verbose)
    entity_scores(verbose)
    summary_scores()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
