"""Entities: gazetteer names, people by shape, organisations by head word, merged spellings, precision."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.analysis.document import Document
from build_tools.analysis.entities import DEFAULT_GAZETTEER, Gazetteer, extract_entities
from build_tools.model import Article, Entity, Paragraph, Section


def article(*paragraphs: str) -> Article:
    paras = tuple(Paragraph(f"p-{i}", t) for i, t in enumerate(paragraphs, start=1))
    return Article(source="t.txt", slug="t", title="T", sections=(Section(None, paras),))


def found(*paragraphs: str, **kwargs: object) -> dict[str, tuple[str, int]]:
    return {e.name: (e.kind, e.mentions) for e in extract_entities(Document.of(article(*paragraphs)), **kwargs)}  # type: ignore[arg-type]


def test_gazetteer_places_and_organisations() -> None:
    got = found("Huawei will supply 5G to Russia through MTS, while Tele2 works with Ericsson in Moscow.")
    assert got == {
        "Huawei": ("company", 1), "Russia": ("place", 1), "MTS": ("company", 1),
        "Tele2": ("company", 1), "Ericsson": ("company", 1), "Moscow": ("place", 1),
    }


def test_possessives_and_aliases_merge() -> None:
    got = found("Huawei's partners grew.", "Huawei’s rivals shrank.", "The Russian Federation and Russia are one.")
    assert got["Huawei"] == ("company", 2)
    assert got["Russia"] == ("place", 2)
    assert "Russian Federation" not in got


def test_demonyms_count_for_their_country() -> None:
    got = found("Chinese companies and American firms compete.")
    assert got == {"China": ("place", 1), "United States": ("place", 1)}


def test_people_by_first_name_and_title_and_surname() -> None:
    got = found(
        "Vladimir Putin and Xi Jinping met in Moscow.",
        "Putin spoke first; then Xi answered.",
        "President Donald Trump left. Later Trump returned.",
        "Professor Kamara testified.",
    )
    assert got["Vladimir Putin"] == ("person", 2)
    assert got["Xi Jinping"] == ("person", 2)
    assert got["Donald Trump"] == ("person", 2)
    assert got["Kamara"] == ("person", 1)
    assert "President Donald Trump" not in got and "Putin" not in got


def test_organisations_by_head_word() -> None:
    got = found(
        "She works at Aalborg University with the Commonwealth of Independent States.",
        "The Chinese Communist Party and the Eurasian Development Bank agreed.",
    )
    assert got["Aalborg University"] == ("organisation", 1)
    assert got["Commonwealth of Independent States"] == ("organisation", 1)
    assert got["Chinese Communist Party"] == ("organisation", 1)
    assert got["Eurasian Development Bank"] == ("organisation", 1)


def test_connectors_split_lists() -> None:
    got = found("Russia and China signed. Ericsson and Nokia did not.")
    assert set(got) == {"Russia", "China", "Ericsson", "Nokia"}


def test_precision_filters() -> None:
    got = found(
        "MEASURING THE IMPACT OF TECHNOLOGY",  # heading left as a paragraph
        "Swift advances followed in March. Western sanctions bite.",  # sentence-initial words, months
        "This is argued elsewhere (Weiss, 2015, p. 413) and by Halvorsen (2015).",  # citation authors
        "Taken together, the Internet changed.",
        "A single Mysterious Phrase appears once.",
    )
    assert got == {}


def test_unknown_phrases_need_to_recur() -> None:
    texts = ("The so-called Big Tech firms grew.", "Big Tech faces rules.", "Great Firewall is one-off.")
    assert found(*texts, gazetteer=Gazetteer(min_other_mentions=2)) == {"Big Tech": ("other", 2)}
    assert found(*texts) == {}  # unknown phrases are left out by default


def test_offices_are_not_people() -> None:
    got = found(
        "The Attorney General, the Director of National Intelligence and the Secretary of Health and Human Services, "
        "the Secretary of Commerce Gina Raimondo and others, agreed.",
        "The Attorney General said more.",
    )
    assert not [n for n, (k, _) in got.items() if k == "person" and n != "Gina Raimondo"]
    assert got["Gina Raimondo"] == ("person", 1)


def test_acronym_expansions_merge_with_acronyms() -> None:
    got = found(
        "The International Telecommunication Union (ITU) met.",
        "The Department for Science, Innovation and Technology (DSIT) said no. DSIT again.",
        acronyms={"DSIT": "Department for Science, Innovation and Technology"},
    )
    assert got["International Telecommunication Union"] == ("organisation", 2)
    assert got["Department for Science, Innovation and Technology"] == ("organisation", 3)


def test_sorted_by_mentions_then_name_and_paragraphs_in_order() -> None:
    entities = extract_entities(Document.of(article("Nokia and Ericsson.", "Ericsson again.", "Beijing.")))
    assert [e.name for e in entities] == ["Ericsson", "Beijing", "Nokia"]
    assert entities[0] == Entity("Ericsson", "company", 2, ("p-1", "p-2"))


def test_gazetteer_is_injectable() -> None:
    custom = Gazetteer(organisations=DEFAULT_GAZETTEER.organisations | {"Senza Fili"})
    assert found("Analysts at Senza Fili agree.", gazetteer=custom) == {"Senza Fili": ("organisation", 1)}


def test_deterministic() -> None:
    a = article("Huawei and ZTE in Beijing.", "Ericsson in Stockholm.")
    assert extract_entities(Document.of(a)) == extract_entities(Document.of(a))


def test_company_suffixes_merge_with_the_company() -> None:
    got = found("Huawei Technologies Co., Ltd. filed.", "Huawei's lawyers and Huawei’s rivals met.", "Alibaba Group grew.")
    assert got == {"Huawei": ("company", 3), "Alibaba": ("company", 1)}


def test_people_by_shape() -> None:
    got = found(
        "Q46 Gareth Lloyd-Evans: What would help most?",  # a speaker label
        "Kirsty Alder, an analyst at the consultancy Northgate Telecom Research, disagreed.",  # apposition with a role
        "“We need them,” said Rutger Vlaming at the show.",  # a reporting verb
        "Alder said costs would rise.",  # a later surname counts for the full name
    )
    assert got["Gareth Lloyd-Evans"] == ("person", 1)
    assert got["Kirsty Alder"] == ("person", 2)
    assert got["Rutger Vlaming"] == ("person", 1)
    assert got["Northgate Telecom Research"] == ("organisation", 1)


def test_name_shapes_keep_precision() -> None:
    got = found(
        "Northgate Telecom Research, a consultancy, disagreed.",  # no role word: an organisation
        "Silicon Valley said little. New Delhi said more.",  # known places
        "Prime Minister said nothing.",  # a title, not a name
        "Vocus Group, the chief contractor, agreed.",  # an organisation's head word
    )
    assert all(kind != "person" for kind, _ in got.values())


def test_acronym_inside_an_organisation_name() -> None:
    got = found("III: Diane Rinaldo, Executive Director, Open RAN Policy Coalition.")
    assert got["Open RAN Policy Coalition"] == ("organisation", 1)
    assert got["Diane Rinaldo"] == ("person", 1)


def test_demonym_before_known_organisation_still_splits() -> None:
    got = found("When the American Commerce Department acted, Europe waited.")
    assert got == {"United States": ("place", 1), "Commerce Department": ("organisation", 1), "Europe": ("place", 1)}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("HuaweiKirsty Alder,ansid:Q4 -’'.ЗП\n")), max_size=200))
def test_any_text_gives_entities_without_error(text: str) -> None:
    assert all(e.mentions >= 1 and e.name for e in extract_entities(Document.of(article(text))))


def test_kinds_by_evidence() -> None:
    got = found(
        "Congress passed the CHIPS and Science Act and the Digital Services Act came later.",
        "The Financial Times and the Oxford Daily reported it.",
        "Shares of Vocus Group and Northgate Networks Inc. rose.",
        "Minister Anand Sharma and President Marcos spoke.",
        "The Treaty on Open Skies and the Paris Agreement were cited.",
    )
    assert got["CHIPS and Science Act"][0] == "law"
    assert got["Digital Services Act"][0] == "law"
    assert got["Paris Agreement"][0] == "law"
    assert got["Financial Times"][0] == "publication"
    assert got["Oxford Daily"][0] == "publication"
    assert got["Vocus Group"][0] == "company"
    assert got["Anand Sharma"][0] == "person"
    assert got["Marcos"][0] == "person"
    assert not any(kind == "person" for name, (kind, _) in got.items() if name.endswith("Act"))


def test_well_known_people_whatever_their_first_name() -> None:
    got = found("Ren Zhengfei founded the firm; Ursula von der Leyen replied.")
    assert got["Ren Zhengfei"][0] == "person"


def test_a_language_is_not_a_country() -> None:
    got = found("English literacy is low, and the text is in English.", "French-language media agree.")
    assert "England" not in got and "France" not in got


def test_reference_entries_and_notes_are_not_counted() -> None:
    got = found(
        "Huawei builds networks.",
        "[3] Smith, J., London: The Guardian, 2019. https://example.org/huawei",
        "[4] Jones, K., London, 2020. Accessed 3 March 2021.",
    )
    assert "London" not in got and "The Guardian" not in got and "Guardian" not in got


def test_offices_programmes_and_particles() -> None:
    got = found(
        "The National Security Advisor met Ursula von der Leyen.",
        "They discussed the Partnership for Global Infrastructure and Investment and the Times of India.",
    )
    assert "National Security Advisor" not in got
    assert got["Ursula von der Leyen"][0] == "person"
    assert got["Partnership for Global Infrastructure and Investment"][0] == "law"
    assert got["Times of India"][0] == "publication"


@pytest.mark.parametrize(
    "text",
    [
        "He spoke in English and read French-language texts, then wrote in Chinese.",
        "Translated into Russian for the Chinese speakers who learn Arabic.",
        "EnglishEnglish words; the Russians; a Chinese language course and Chinese speakers in Chinese.",
        "Nothing in any language here.",
    ],
)
def test_language_spans_are_the_patterns_matches(text: str) -> None:
    from build_tools.analysis.entities import _LANGUAGE_RE, _language_spans

    assert _language_spans(text) == [m.span() for m in _LANGUAGE_RE.finditer(text)]
