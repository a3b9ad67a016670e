"""Key points: short claims, connectives trimmed, pronoun openings avoided, distinct from the summary."""

from __future__ import annotations

import pytest

from build_tools.analysis.document import Document
from build_tools.analysis.key_points import claim_score, key_points, trim_connective
from build_tools.model import Anchored, Article, Paragraph, Section


def article(*paragraphs: str) -> Article:
    paras = tuple(Paragraph(f"p-{i}", t) for i, t in enumerate(paragraphs, start=1))
    return Article(source="t.txt", slug="t", title="Russia and technology ecosystems", sections=(Section(None, paras),))


PARAGRAPHS = (
    "Technology ecosystems shape the balance of power between states in the digital era.",
    "However, Russia must build its own technology ecosystem to stay sovereign.",
    "This is hard for many reasons that we discuss below in some detail.",
    "Over 60% of all domains are governed by American players in the technology ecosystem.",
    "Moreover, they are profoundly systemic and for now seem to overwhelm the resources.",
    "The weather was mild and the parks were full of people walking their dogs.",
    "Russia should coordinate its positions on technology standards with China and the EU.",
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("However, Russia must act.", "Russia must act."),
        ("In addition, the state must act.", "The state must act."),
        ("First, genuine sovereignty matters.", "Genuine sovereignty matters."),
        ("On the other hand, prices rose.", "Prices rose."),
        ("Russia must act.", "Russia must act."),
        ("Firstly, the location of DNS servers matters.", "The location of DNS servers matters."),
    ],
)
def test_trim_connective(sentence: str, expected: str) -> None:
    assert trim_connective(sentence) == expected


def test_claims_score_higher() -> None:
    assert claim_score("Russia must build its own ecosystem by 2030.") > claim_score("the parks were full of people")


def test_points_are_anchored_trimmed_sentences() -> None:
    a = article(*PARAGRAPHS)
    points = key_points(Document.of(a))
    assert 3 <= len(points) <= 5
    texts = {p.id: p.text for p in a.paragraphs()}
    for point in points:
        assert point.text[0].isupper()
        assert point.text[1:] in texts[point.paragraph]
    assert Anchored("Russia must build its own technology ecosystem to stay sovereign.", "p-2") in points


def test_pronoun_openings_only_as_last_resort() -> None:
    texts = [p.text for p in key_points(Document.of(article(*PARAGRAPHS)))]
    assert not any(t.startswith(("This ", "They ")) for t in texts)


def test_avoids_summary_sentences() -> None:
    a = article(*PARAGRAPHS)
    summary = (Anchored(PARAGRAPHS[6], "p-7"),)
    assert all(p.text != PARAGRAPHS[6] for p in key_points(Document.of(a), exclude=summary))


def test_document_order_and_determinism() -> None:
    a = article(*PARAGRAPHS)
    points = key_points(Document.of(a))
    assert points == key_points(Document.of(a))
    assert [int(p.paragraph[2:]) for p in points] == sorted(int(p.paragraph[2:]) for p in points)


def test_key_points_and_summary_are_the_same_whatever_the_hash_seed() -> None:
    """Sentences that score alike (near-duplicates) were ranked by a float total summed in a string set's order,
    which Python's hash seed changes from one process to the next: two ingests of one article chose different points."""
    import subprocess
    import sys
    from pathlib import Path

    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "readers" / "word_saved_page.html"
    script = ("import json, sys; from pathlib import Path; from build_tools.analysis import Analyser; "
              "from build_tools.readers import read_path; a = Analyser.prepare()(read_path(Path(sys.argv[1]))); "
              "print(json.dumps([[k.paragraph for k in a.key_points], [s.paragraph for s in a.summary]]))")
    outputs = {subprocess.run([sys.executable, "-c", script, str(fixture)], capture_output=True, text=True, check=True,
                              env={"PYTHONHASHSEED": str(seed), "PATH": ""}).stdout for seed in (1, 2, 3, 4)}
    assert len(outputs) == 1, outputs


def test_without_an_abstract_the_first_sentence_is_the_dek_and_not_a_key_point() -> None:
    """The page shows the body's first sentence (without a news dateline) under the title when there is no
    abstract: a key point repeating it tells the reader nothing new. With an abstract it may be a key point."""
    lede = "Russia must build its own technology ecosystem by 2030 to stay sovereign."
    paragraphs = (f"MOSCOW — {lede}", *PARAGRAPHS[1:])
    plain = key_points(Document.of(article(*paragraphs)))
    assert not any(lede[:-1] in p.text for p in plain)
    marked = key_points(Document.of(article(f"{lede}[1] It has little time.", *PARAGRAPHS[1:])))
    assert not any(lede[:-1] in p.text for p in marked), "a note mark after the lede does not hide it"
    with_abstract = Article(source="t.txt", slug="t", title="Russia and technology ecosystems", abstract="An abstract of two sentences. It says other things.",
                            sections=article(*paragraphs).sections)
    assert any(lede[:-1] in p.text for p in key_points(Document.of(with_abstract))), "the lede is a strong claim: a key point when not the dek"
