"""Themes: keyword matching rules, every paragraph covered, article themes only when substantial."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.analysis.themes import (
    DEFAULT_THEMES,
    ThemeOptions,
    compile_theme,
    keyword_pattern,
    paragraph_weight,
    compile_themes,
)
from build_tools.analysis.themes import score_themes as score_document
from build_tools.analysis.document import Document
from build_tools.model import Article, Paragraph, Section, Theme

COMPILED = dict(zip(DEFAULT_THEMES, compile_themes(DEFAULT_THEMES)))  # compiled once for the module


def score_themes(a: Article, themes: tuple[Theme, ...] = DEFAULT_THEMES, options: ThemeOptions = ThemeOptions()):  # noqa: ANN201
    """`score_themes` of an article, compiling only the themes that are not the defaults."""
    return score_document(Document.of(a), [COMPILED.get(t) or compile_theme(t) for t in themes], options)


def article(*paragraphs: str, abstract: str | None = None) -> Article:
    paras = tuple(Paragraph(f"p-{i}", t) for i, t in enumerate(paragraphs, start=1))
    return Article(source="t.txt", slug="t", title="T", abstract=abstract, sections=(Section(None, paras),))


def paragraph_slugs(*paragraphs: str) -> list[tuple[str, ...]]:
    return [pt.themes for pt in score_themes(article(*paragraphs))[1]]


@pytest.mark.parametrize(
    ("keyword", "text", "matches"),
    [
        ("platform", "two platforms compete", True),
        ("platform", "Huawei's platform's reach", True),
        ("sovereign*", "digital sovereignty", True),
        ("sovereign*", "unsovereign", False),
        ("next-generation network", "next generation networks", True),
        ("5G", "5G networks", True),
        ("5G", "5g networks", False),  # short acronyms are case-sensitive
        ("DNS", "the dns", False),
        ("RAN", "RANDOM access", False),
        ("Big Tech", "big tech firms", True),
        ("bloc", "a trade block", False),
        ("оператор* связи", "операторов связи", True),  # a prefix word inside a phrase
        ("Google|Apple", "Apple's store", True),
        ("U.S.", "the U.S. market", True),
    ],
)
def test_keyword_pattern(keyword: str, text: str, matches: bool) -> None:
    assert bool(keyword_pattern(keyword).search(text)) is matches


def test_paragraph_themes_cover_every_paragraph() -> None:
    got = paragraph_slugs(
        "Huawei will supply 5G equipment to Russia's biggest mobile operator.",
        "The weather was mild.",
        "Moscow wants digital sovereignty and data localization rules.",
        "Two rival technology ecosystems, American and Chinese, are taking shape.",
    )
    assert got == [("5g",), (), ("sovereignty",), ("ecosystems",)]


def test_weak_keywords_need_company() -> None:
    assert paragraph_slugs("The vendor was late.") == [()]
    assert paragraph_slugs("The vendor was late and the operator was angry.") == [("5g",)]


def test_diplomacy_alone_is_not_a_theme() -> None:
    assert paragraph_slugs("Putin and Xi agreed on Iran, Venezuela, trade and energy.") == [()]


def test_article_themes_need_substance() -> None:
    paras = [f"Operators rolled out 5G in region {i} with new spectrum." for i in range(6)]
    paras += ["Sovereignty came up once, in passing."] + ["Nothing else of note happened here today."] * 6
    scores, per_paragraph = score_themes(article(*paras))
    assert [s.theme for s in scores] == ["5g"]
    assert scores[0].paragraphs == tuple(f"p-{i}" for i in range(1, 7))
    assert 0 < scores[0].score <= 1
    assert len(per_paragraph) == len(paras)


def test_sorted_by_score_then_slug() -> None:
    scores, _ = score_themes(
        article(
            "5G spectrum auctions ended.",
            "Telecom operators and 5G.",
            "Digital sovereignty and sanctions.",
            "Sanctions and export controls.",
        )
    )
    assert [s.theme for s in scores] == ["5g", "sovereignty"]
    assert scores[0].score == scores[1].score


def test_abstract_counts_for_the_article_only() -> None:
    a = article("A short body about weather.", abstract="This article examines digital sovereignty and data localisation.")
    scores, per_paragraph = score_themes(a, options=ThemeOptions(min_share=0.1))
    assert [s.theme for s in scores] == ["sovereignty"] and scores[0].paragraphs == ()
    assert per_paragraph[0].themes == ()


def test_new_theme_from_config_needs_no_code() -> None:
    cables = Theme("cables", "Subsea cables", "Undersea cables and landing stations.", ("subsea cable*", "undersea cable*", "~landing station*"))
    scores, per_paragraph = score_themes(
        article("A new subsea cable links Sydney to Honiara.", "Undersea cables carry most traffic."),
        themes=(*DEFAULT_THEMES, cables),
    )
    assert [s.theme for s in scores] == ["cables"]
    assert per_paragraph[0].themes == ("cables",)


def test_weights_count_distinct_keywords() -> None:
    theme = compile_theme(Theme("x", "X", keywords=("alpha", "~beta", "~gamma")))
    assert paragraph_weight("alpha beta beta", theme) == 1.5  # a repeated weak word is one signal
    assert paragraph_weight("alpha beta gamma", theme) == 2.0


def test_deterministic() -> None:
    a = article("5G and Huawei.", "Sovereignty and DNS.")
    assert score_themes(a) == score_themes(a)


def test_alternatives_count_as_one_keyword() -> None:
    theme = compile_theme(Theme("x", "X", keywords=("~Google|Apple|Amazon", "~platform*")))
    assert paragraph_weight("Google, Apple and Amazon grew.", theme) == 0.5
    assert paragraph_weight("Google and Apple run platforms.", theme) == 1.0


def test_cooccurrence_needs_one_sentence() -> None:
    theme = compile_theme(Theme("x", "X", keywords=("control* & data|network*",)))
    assert paragraph_weight("The state wants control over its data.", theme) == 1.0
    assert paragraph_weight("The state wants control. Its data stays abroad.", theme) == 0.0


def test_exclusions_hide_other_senses() -> None:
    theme = compile_theme(Theme("x", "X", keywords=("spectrum", "!political spectrum", "!spectrum of")))
    assert paragraph_weight("Voices across the political spectrum agreed.", theme) == 0.0
    assert paragraph_weight("A broad spectrum of views.", theme) == 0.0
    assert paragraph_weight("The spectrum auction raised billions.", theme) == 1.0


def test_sovereign_debt_is_not_sovereignty() -> None:
    assert paragraph_slugs("Sovereign debt and sovereign bonds rallied.") == [()]


def test_subsea_cables_alone_are_not_5g() -> None:
    assert paragraph_slugs("A new subsea cable links Sydney to Honiara.") == [()]


def test_national_security_alone_is_not_sovereignty() -> None:
    assert paragraph_slugs("The minister cited national security.") == [()]
    assert paragraph_slugs("The minister cited national security and dependence on one supplier.") == [("sovereignty",)]


def test_foreign_control_of_networks_is_sovereignty() -> None:
    got = paragraph_slugs("A vendor that pushes code to every site holds a degree of control over national networks.")
    assert "sovereignty" in got[0]


def test_rival_blocs_from_weak_signals() -> None:
    assert paragraph_slugs("American and Chinese firms compete for patents.") == [("ecosystems",)]
    assert paragraph_slugs("American and Chinese diplomats met.") == [()]


def test_russian_keywords() -> None:
    got = paragraph_slugs(
        "Закон о суверенном интернете обязал операторов связи установить оборудование.",
        "Импортозамещение программного обеспечения идёт быстрее.",
    )
    assert got == [("5g", "sovereignty"), ("sovereignty",)]


def test_single_passing_mention_is_not_substantial() -> None:
    body = ["Nothing of note happened in the capital this week, officials said."] * 3
    scores, per_paragraph = score_themes(article("Huawei won a 5G contract.", *body))
    assert per_paragraph[0].themes == ("5g",) and scores == ()


def test_title_counts_as_a_unit() -> None:
    paras = ("Operators rolled out 5G with new spectrum in the north.",) + ("Nothing else of note happened here.",) * 4
    plain = Article(source="t.txt", slug="t", title="Notes", sections=(Section(None, tuple(
        Paragraph(f"p-{i}", t) for i, t in enumerate(paras, start=1))),))
    titled = Article(source="t.txt", slug="t", title="The 5G rollout", sections=plain.sections)
    assert [s.theme for s in score_themes(plain)[0]] == []
    assert [s.theme for s in score_themes(titled)[0]] == ["5g"]


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
    keywords=st.lists(st.text(alphabet="aAİıß5G*~!|& -’'.", max_size=12), max_size=6),
)
def test_any_text_and_any_keywords_score_without_error(text: str, keywords: list[str]) -> None:
    theme = Theme("x", "X", keywords=tuple(keywords))
    scores, per_paragraph = score_themes(article(text, "5G and sovereignty."), themes=(theme, *DEFAULT_THEMES))
    assert len(per_paragraph) == 2 and all(0 <= s.score <= 1 for s in scores)


@pytest.mark.parametrize(
    "text",
    [
        "Washington tightened export restrictions on advanced chips and added firms to the Entity List.",
        "CFIUS now reviews more deals, and outbound investment screening is planned.",
        "Restrictions on semiconductors aim at supply chains that a foreign adversary could exploit.",
    ],
)
def test_export_controls_and_investment_screening_are_sovereignty(text: str) -> None:
    assert "sovereignty" in paragraph_slugs(text)[0]


def test_ict_in_general_is_not_5g() -> None:
    text = "Apps on information and communications technology devices collect data from users."
    assert "5g" not in paragraph_slugs(text)[0]


def test_description_phrases_count_as_weak_signals() -> None:
    theme = Theme("t", "T", description="Rival quantum alliances, and orbital debris treaties.", keywords=("zzz",))
    compiled = compile_theme(theme)
    assert paragraph_weight("Rival quantum alliance members met; orbital debris treaty talks began.", compiled) == 1.0
    assert paragraph_weight("Nothing here.", compiled) == 0.0


def test_a_theme_discussed_in_many_paragraphs_of_a_long_text_is_an_article_theme() -> None:
    filler = " ".join(["The speaker thanked the audience and spoke about the weather and the economy."] * 2)
    strong = "The Declaration defends an Internet governed through a multi-stakeholder model, with ICANN."
    paragraphs = [filler] * 14 + [strong] * 3 + ["Censorship and internet shutdowns spread."] * 2
    themes, _ = score_themes(article(*paragraphs))
    assert "sovereignty" in [t.theme for t in themes]
    # Passing mentions in many paragraphs, with none discussing it, are not enough.
    weak = ["Censorship rose."] * 6
    themes, _ = score_themes(article(*([filler] * 14), *weak))
    assert "sovereignty" not in [t.theme for t in themes]


def test_case_folding_keeps_what_the_case_insensitive_scanners_match() -> None:
    """The themes' case-insensitive scanners find candidates in folded text: folding must keep every match."""
    import re
    import sys

    from build_tools.analysis.themes import DEFAULT_THEMES, compile_themes
    from build_tools.analysis.tokens import FOLD_UNSAFE, fold_all_cases

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    folded = fold_all_cases(every)
    assert folded is not None and len(folded) == len(every)
    for cls in (r"\w", r"\s"):  # folding never turns a word or space character into another kind
        assert [m.start() for m in re.finditer(cls, every)] == [m.start() for m in re.finditer(cls, folded)]
    letters = {c for t in compile_themes(DEFAULT_THEMES) for s in t.scanners if s.flags & re.IGNORECASE for c in s.pattern if c.isalpha()}
    assert not letters & FOLD_UNSAFE
    for letter in letters:
        for m in re.finditer(f"(?i:{re.escape(letter)})", every):
            assert folded[m.start()] == fold_all_cases(letter), (letter, hex(ord(m.group())))


def test_software_and_cloud_vendors_and_operators_are_not_telecoms() -> None:
    assert paragraph_slugs("Vendor lock-in ties a ministry to one software vendor, and cloud operators gain.") == [()]
    assert paragraph_slugs("The infrastructure operators buy from a platform operator, then from a cloud vendor.") == [()]
    assert paragraph_slugs("The vendor of the radio network fell behind the mobile operator's plan.") == [("5g",)]


def test_payment_networks_and_mobile_apps_are_not_telecoms() -> None:
    assert paragraph_slugs("The central bank runs the payment network, and the payment system operator licenses each mobile app.") == [()]
    assert paragraph_slugs("Card networks and settlement networks compete with mobile wallets and mobile banking.") == [()]
    assert paragraph_slugs("The mobile operator's network carries the payments; its base stations cover rural areas.") == [("5g",)]
