"""Themes: keyword matching rules, every paragraph covered, article themes only when substantial."""

from __future__ import annotations

import pytest

from build_tools.analysis.themes import (
    DEFAULT_THEMES,
    ThemeOptions,
    compile_theme,
    keyword_pattern,
    paragraph_weight,
    score_themes,
)
from build_tools.model import Article, Paragraph, Section, Theme


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
            "Digital sovereignty matters now.",
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


def test_weights() -> None:
    theme = compile_theme(Theme("x", "X", keywords=("alpha", "~beta")))
    assert paragraph_weight("alpha beta beta", theme) == 2.0


def test_deterministic() -> None:
    a = article("5G and Huawei.", "Sovereignty and DNS.")
    assert score_themes(a) == score_themes(a)
