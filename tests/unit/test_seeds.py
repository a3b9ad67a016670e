"""The parser on the two real seeds: what a reader of the raw text sees."""

from __future__ import annotations

import re

from build_tools.readers import read_seed
from tests.conftest import SEEDS

OPED, JOURNAL = SEEDS


def test_oped_metadata() -> None:
    a = read_seed(OPED)
    assert a.title == "Beijing and Moscow lay the groundwork for a digital authoritarian future"
    assert a.date == "2019-06-13"
    assert a.authors == ()
    assert a.paragraphs()[0].text.startswith("Vladimir Putin and Xi Jinping met in Moscow last week")
    assert a.paragraphs()[-1].text.endswith("decisive effort in implementation.")


def test_journal_metadata_and_authors() -> None:
    a = read_seed(JOURNAL)
    assert a.title == "Russia in the Digital World: International Competition and Leadership"
    assert (a.date, "date" in a.inferred) == ("2021", True)  # the text states no date: the year is its DOI's, marked inferred
    assert a.doi == "10.31278/1810-6374-2021-19-2-64-85"
    assert [x.name for x in a.authors] == ["Andrei O. Bezrukov", "Mikhail V. Mamonov", "Maxim A. Suchkov", "Andrei A. Sushentsov"]
    suchkov = a.authors[2]
    assert suchkov.orcid == "0000-0003-3551-7256" and suchkov.email == "max.suchkov@gmail.com"
    assert "Center for Advanced American Studies" in suchkov.affiliations
    assert a.funding and "RFBR" in a.funding
    assert a.abstract and a.abstract.startswith("Technology has become one of the most important spheres")
    assert a.keywords[:3] == ("Russia", "U.S.", "China")  # the initialism keeps its periods
    assert any("Valdai" in p for p in a.provenance)


def test_journal_headings_and_references() -> None:
    a = read_seed(JOURNAL)
    headings = [s.heading for s in a.sections if s.heading]
    assert headings[0] == "MEASURING THE IMPACT OF TECHNOLOGY ON INTERNATIONAL RELATIONS"
    assert len(headings) == 5
    assert len(a.references) == 20
    weiss = next(r for r in a.references if r.id == "ref-weiss-2015")
    assert weiss.year == "2015" and weiss.title and weiss.title.startswith("How Do Science and Technology")


def test_all_eleven_page_break_cuts_are_joined() -> None:
    a = read_seed(JOURNAL)
    joins = [d for d in a.diagnostics if "page break" in d.message]
    assert len(joins) == 11
    for p in a.paragraphs():
        assert not re.match(r"[a-z]", p.text), f"{p.id} starts mid-sentence: {p.text[:60]}"
    assert any("President Donald Trump’s pages, demonstrated the power of Big Tech" in p.text for p in a.paragraphs())


def test_citations_resolve_and_the_unmatched_one_is_a_warning() -> None:
    a = read_seed(JOURNAL)
    weiss = [c for c in a.citations if c.text.startswith("Weiss, 2015")]
    assert weiss and weiss[0].reference == "ref-weiss-2015"
    assert any(c.text == "Campos, 2020" and c.reference == "ref-campos-2020" for c in a.citations)
    warnings = [d for d in a.diagnostics if d.severity == "warning"]
    weiss_2013 = [d for d in warnings if "Weiss, 2013" in d.message]
    assert len(weiss_2013) == 1 and weiss_2013[0].line is not None
    raw_lines = JOURNAL.read_text(encoding="utf-8").split("\n")
    assert "Weiss, 2013" in raw_lines[weiss_2013[0].line - 1]


def test_paragraph_ids_are_stable_when_one_paragraph_is_edited() -> None:
    from build_tools.seeds import parse_seed

    text = OPED.read_text(encoding="utf-8")
    before = parse_seed(text, "a.txt")
    edited = parse_seed(text.replace("agreed on many things", "agreed on a great many things"), "a.txt")
    assert [p.id for p in before.paragraphs()] == [p.id for p in edited.paragraphs()]
    changed = [(x.id, x.text != y.text) for x, y in zip(before.paragraphs(), edited.paragraphs())]
    assert [pid for pid, diff in changed if diff] == ["p-1"]
