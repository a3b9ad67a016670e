"""Extractive summary: verbatim body sentences, in document order, anchored, deterministic.

Also `analyse()` as a whole and the reading time, which have no module of their own to test.
"""

from __future__ import annotations

from build_tools.analysis.document import Document
from build_tools.analysis import analyse
from build_tools.analysis.reading_time import reading_time_minutes
from build_tools.analysis.summary import SummaryOptions, reads_as_prose, shape_penalty, summarise
from build_tools.model import Article, Paragraph, Section

PARAGRAPHS = (
    "Technology has become a critical sphere in the race for power between states. "
    "Two main technology ecosystems, the American and the Chinese, have clearly taken shape.",
    "A dilemma for Russia is whether to join one of the existing technology ecosystems or build its own. "
    "Why would anyone care?",
    "“Quoted words are somebody else's words,” he said.",
    "The weather in the capital was mild that spring and the parks were full of visitors.",
    "Building a national technology ecosystem requires engineers, capital and a large domestic market. "
    "Few states have all three (Smith, 2019; Jones, 2020).",
    "Russia has the engineers and the market, but it lacks capital and access to advanced chips.",
    "In the end, states that master a technology ecosystem will set the rules for the others.",
)


def article(*paragraphs: str, abstract: str | None = None, title: str = "Technology ecosystems and power") -> Article:
    paras = tuple(Paragraph(f"p-{i}", t) for i, t in enumerate(paragraphs, start=1))
    return Article(source="t.txt", slug="t", title=title, abstract=abstract, sections=(Section(None, paras),))


def test_sentences_are_verbatim_anchored_and_in_order() -> None:
    a = article(*PARAGRAPHS)
    summary = summarise(Document.of(a))
    assert 3 <= len(summary) <= 6
    texts = {p.id: p.text for p in a.paragraphs()}
    positions = []
    for s in summary:
        assert s.text in texts[s.paragraph]
        positions.append((int(s.paragraph[2:]), texts[s.paragraph].index(s.text)))
    assert positions == sorted(positions)


def test_prefers_topical_sentences_and_skips_bad_shapes() -> None:
    texts = [s.text for s in summarise(Document.of(article(*PARAGRAPHS)))]
    assert any("ecosystem" in t for t in texts)
    assert not any(t.endswith("?") for t in texts)
    assert not any(t.startswith("“") for t in texts)
    assert not any("(Smith, 2019; Jones, 2020)" in t for t in texts)


def test_never_uses_the_abstract() -> None:
    abstract = "Technology ecosystems decide power, and Russia must choose one."
    a = article(abstract, *PARAGRAPHS, abstract=abstract)
    assert all(s.text != abstract for s in summarise(Document.of(a)))


def test_deterministic() -> None:
    a = article(*PARAGRAPHS)
    assert summarise(Document.of(a)) == summarise(Document.of(a))


def test_word_budget_respected_for_long_articles() -> None:
    long = article(*(PARAGRAPHS * 30))
    summary = summarise(Document.of(long))
    assert len(summary) <= 6
    assert sum(len(s.text.split()) for s in summary) <= SummaryOptions().max_words * 1.3


def test_empty_article() -> None:
    assert summarise(Document.of(article())) == ()


def test_shape_penalty() -> None:
    assert shape_penalty("What is to be done about the ecosystem question in Europe?") == 0.0
    assert shape_penalty("Short one.") == 0.0
    assert shape_penalty("This is a perfectly ordinary sentence about technology ecosystems and power.") > 0


def test_address_lines_are_not_prose() -> None:
    assert not reads_as_prose("MGIMO University of International Affairs, Moscow, Russia Department Director")
    assert not reads_as_prose("E-mail: someone@example.org Address: Room 3036, Moscow")
    assert reads_as_prose("Russia has the engineers and the market, but it lacks capital.")


def test_reading_time() -> None:
    assert reading_time_minutes(article()) == 1
    assert reading_time_minutes(article("word " * 230)) == 1
    assert reading_time_minutes(article("word " * 231)) == 2


def test_analyse_is_deterministic_and_complete() -> None:
    a = article(*PARAGRAPHS)
    result = analyse(a)
    assert result == analyse(a)
    assert [pt.paragraph for pt in result.paragraph_themes] == [p.id for p in a.paragraphs()]
    assert result.summary and result.key_points
    longer = analyse(article(*PARAGRAPHS, *(p.replace("Russia", "Belarus") for p in PARAGRAPHS)))
    assert not {k.text for k in longer.key_points} & {s.text for s in longer.summary}


# --- what a summary never uses ----------------------------------------------------------------

FURNITURE = (
    "Figure 3: Share of Huawei equipment in European mobile networks, 2015-2020.",
    "Source: company reports and national regulators, compiled by the author.",
    "Table 2 | Market share | 2019 | 2020 | 2021",
    "Huawei 31.2 28.4 26.1 24.9 22.0",
    "Executive summary .......... 3",
    "Thank you, Madam Chair, and thank you all for having me here today.",
    "Good morning, everyone, and welcome to this discussion of technology ecosystems.",
    "This article is more than 6 years old and may describe technology ecosystems of the past.",
    "Cite as: Petrov, A. (2021). Technology ecosystems and power. Journal of Tests, 4(2).",
    "All rights reserved by the publisher of this technology ecosystems study.",
    "Subscribe to our newsletter for more news on technology ecosystems every week.",
)


def test_captions_table_rows_greetings_and_boilerplate_are_never_summary_sentences() -> None:
    # Each furniture line is given its own paragraph next to real prose; it carries the article's terms,
    # so only the rule keeps it out.
    a = article(*[x for pair in zip(PARAGRAPHS, FURNITURE) for x in pair], *FURNITURE[len(PARAGRAPHS):])
    from build_tools.analysis.key_points import key_points

    summary = summarise(Document.of(a))
    picked = [s.text for s in summary] + [k.text for k in key_points(Document.of(a), exclude=summary)]
    assert picked and not set(picked) & set(FURNITURE)


def test_furniture_reasons() -> None:
    from build_tools.analysis.furniture import furniture_reason

    assert furniture_reason("Figure 3: Share of Huawei equipment.") == "caption"
    assert furniture_reason("Good morning, everyone.") == "greeting or thanks"
    assert furniture_reason("Huawei 31.2 28.4 26.1 24.9") == "table row"
    assert furniture_reason("Cite as: Petrov (2021).") == "boilerplate"
    assert furniture_reason("Huawei supplied a third of the network in 2019.") is None
    assert furniture_reason("The table of winners and losers is long.") is None


def test_a_view_set_up_to_be_rejected_is_not_picked_alone() -> None:
    setup = "Some argue that technology ecosystems will make states obsolete in the race for power."
    a = article(setup + " That view ignores how states build every technology ecosystem.", *PARAGRAPHS)
    assert setup not in [s.text for s in summarise(Document.of(a))]
    from build_tools.analysis.key_points import key_points

    assert setup not in [k.text for k in key_points(Document.of(a))]


def test_never_repeats_the_dek_word_for_word() -> None:
    dek = "Two main technology ecosystems, the American and the Chinese, have clearly taken shape."
    a = article(*PARAGRAPHS, abstract=dek)
    assert all(s.text != dek for s in summarise(Document.of(a)))
    from build_tools.analysis.key_points import key_points

    assert all(k.text != dek for k in key_points(Document.of(a)))


def test_a_report_prefers_its_conclusion_section() -> None:
    from dataclasses import replace

    conclusion = "Russia should therefore build a national technology ecosystem with its partners in Eurasia."
    filler = tuple(f"Section {i} discusses technology ecosystems of many states and their power in turn." for i in range(12))
    sections = (  # the conclusion sits mid-text, where position alone would not pick it
        Section(None, tuple(Paragraph(f"p-{i}", t) for i, t in enumerate(PARAGRAPHS + filler, start=1))),
        Section("5. Conclusions", (Paragraph("p-90", conclusion),)),
        Section("Annex", tuple(Paragraph(f"p-{100 + i}", t) for i, t in enumerate(filler))),
    )
    a = Article(source="t.txt", slug="t", title="Technology ecosystems and power", sections=sections)
    assert conclusion in [s.text for s in summarise(Document.of(replace(a, kind="report")))]
    assert conclusion not in [s.text for s in summarise(Document.of(replace(a, kind="news")))]  # news has no such section


def test_no_summary_sentence_on_dev_full_is_furniture() -> None:
    """The benchmark's independent check over the real full-length texts, when they sit beside the project."""
    import sys
    from pathlib import Path

    import pytest

    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root / "benchmarks"))
    try:
        import summary as summary_bench
    finally:
        sys.path.remove(str(root / "benchmarks"))
    if summary_bench.DEV_FULL is None:
        pytest.skip("shared/dev-full is not beside the project")
    assert summary_bench.dev_full_furniture() == []
    assert summary_bench.furniture_in(["Figure 2: Sales.", "Thank you all.", "Prices rose in 2020."]) == [
        ("caption", "Figure 2: Sales."), ("greeting or thanks", "Thank you all."),
    ]
