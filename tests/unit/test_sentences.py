"""Sentence splitting: abbreviations, initials, decimals, quotes and citations do not end a sentence."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools.analysis.sentences import body_sentences, is_heading_like, split_sentences
from build_tools.model import Article, Paragraph, Section


def article(*paragraphs: str, heading: str | None = None, abstract: str | None = None) -> Article:
    paras = tuple(Paragraph(f"p-{i}", t) for i, t in enumerate(paragraphs, start=1))
    return Article(source="t.txt", slug="t", title="T", abstract=abstract, sections=(Section(heading, paras),))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. President spoke. Then he left.", ["The U.S. President spoke.", "Then he left."]),
        ("It was built in the U.S. The plan failed.", ["It was built in the U.S.", "The plan failed."]),
        ("Firms, e.g. Huawei, grew. Others did not.", ["Firms, e.g. Huawei, grew.", "Others did not."]),
        ("Mayer et al. Argue otherwise here.", ["Mayer et al. Argue otherwise here."]),
        ("Dr. Smith agreed. Prof. Jones did not.", ["Dr. Smith agreed.", "Prof. Jones did not."]),
        ("See p. 413 of the report. It is long.", ["See p. 413 of the report.", "It is long."]),
        ("Rule No. 5 applies. It is old.", ["Rule No. 5 applies.", "It is old."]),
        ("A. B. Smith wrote it. Andrei O. Bezrukov agreed.", ["A. B. Smith wrote it.", "Andrei O. Bezrukov agreed."]),
        ("Growth was 4.5 percent. It rose.", ["Growth was 4.5 percent.", "It rose."]),
        (
            "This matters (Weiss, 2015, p. 413). Another point follows.",
            ["This matters (Weiss, 2015, p. 413).", "Another point follows."],
        ),
        (
            "He said they “hold too much power.” Critics agreed.",
            ["He said they “hold too much power.”", "Critics agreed."],
        ),
        ("Is it binary? No, it is not.", ["Is it binary?", "No, it is not."]),
        ("They spoke. (The rest is silence.) Then more.", ["They spoke.", "(The rest is silence.)", "Then more."]),
        ("Huawei Cloud.[2] Governments welcomed them.", ["Huawei Cloud.[2]", "Governments welcomed them."]),
        ("lower case after a stop. does not split.", ["lower case after a stop. does not split."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert list(split_sentences(text)) == expected


def test_list_items_and_blank_lines_split() -> None:
    assert split_sentences("Three steps:\n- plan\n- build\n\nDone") == ("Three steps:", "- plan", "- build", "Done")


@given(st.text(alphabet="abc .?!\n“”()ABC0123", max_size=200))
def test_sentences_are_verbatim_substrings_in_order(text: str) -> None:
    position = 0
    for sentence in split_sentences(text):
        assert sentence and sentence == sentence.strip()
        found = text.find(sentence, position)
        assert found >= 0
        position = found + len(sentence)


def test_heading_like() -> None:
    assert is_heading_like("MEASURING THE IMPACT OF TECHNOLOGY ON INTERNATIONAL RELATIONS")
    assert not is_heading_like("The EU and the US.")
    assert not is_heading_like("Интернет и суверенитет")


def test_body_sentences_skip_interviewer_turns_and_abstract() -> None:
    a = article(
        "The abstract text. It is here.",
        "Q: Is non-alignment sustainable? Tell us.",
        "A: That is the hard question. Export controls matter.",
        "Why has Open RAN become political?",
        "Keywords: Russia, technology.",
        abstract="The abstract text. It is here.",
    )
    got = [(s.paragraph, s.text) for s in body_sentences(a)]
    assert got == [("p-3", "That is the hard question."), ("p-3", "Export controls matter.")]


def test_first_paragraph_under_abstract_heading_is_not_body() -> None:
    a = article("An abstract left in the body.", "The introduction starts here.", heading="Abstract")
    assert [s.text for s in body_sentences(a)] == ["The introduction starts here."]


def test_a_note_mark_glued_after_the_full_stop_ends_the_sentence_and_leaves_it() -> None:
    """"… each other.1 The country …": the sentence ends at the mark, and the mark is not part of the sentence a
    summary or key point shows. A number with a decimal point is no mark ("7.5 per cent", "Table 3.2 Most …")."""
    assert split_sentences("Two cables were cut within a week of each other.1 The country was offline for nine days.2") == (
        "Two cables were cut within a week of each other.1", "The country was offline for nine days.2")
    assert split_sentences("As shown in Table 3.2 Most respondents agreed. Prices rose by 7.5 per cent.") == (
        "As shown in Table 3.2 Most respondents agreed.", "Prices rose by 7.5 per cent.")
    article = Article(source="t.txt", slug="t", title="T", sections=(Section(None, (
        Paragraph("p-1", "Two cables were cut within a week of each other.1 The country was offline for nine days.2"),)),))
    assert [s.text for s in body_sentences(article)] == [
        "Two cables were cut within a week of each other.", "The country was offline for nine days."]
