"""Extractive summary: verbatim body sentences, in document order, anchored, deterministic.

Also `analyse()` as a whole and the reading time, which have no module of their own to test.
"""

from __future__ import annotations

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
    summary = summarise(a)
    assert 3 <= len(summary) <= 6
    texts = {p.id: p.text for p in a.paragraphs()}
    positions = []
    for s in summary:
        assert s.text in texts[s.paragraph]
        positions.append((int(s.paragraph[2:]), texts[s.paragraph].index(s.text)))
    assert positions == sorted(positions)


def test_prefers_topical_sentences_and_skips_bad_shapes() -> None:
    texts = [s.text for s in summarise(article(*PARAGRAPHS))]
    assert any("ecosystem" in t for t in texts)
    assert not any(t.endswith("?") for t in texts)
    assert not any(t.startswith("“") for t in texts)
    assert not any("(Smith, 2019; Jones, 2020)" in t for t in texts)


def test_never_uses_the_abstract() -> None:
    abstract = "Technology ecosystems decide power, and Russia must choose one."
    a = article(abstract, *PARAGRAPHS, abstract=abstract)
    assert all(s.text != abstract for s in summarise(a))


def test_deterministic() -> None:
    a = article(*PARAGRAPHS)
    assert summarise(a) == summarise(a)


def test_word_budget_respected_for_long_articles() -> None:
    long = article(*(PARAGRAPHS * 30))
    summary = summarise(long)
    assert len(summary) <= 6
    assert sum(len(s.text.split()) for s in summary) <= SummaryOptions().max_words * 1.3


def test_empty_article() -> None:
    assert summarise(article()) == ()


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
