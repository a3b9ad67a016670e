"""Glossary: validated acronym expansions, conservative bare acronyms and defined terms, curated entries."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from string import ascii_lowercase

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.analysis.document import Document
from build_tools.analysis.glossary import (
    curated_for_article,
    expansion_before,
    extract_glossary,
    load_curated_glossary,
    looks_like_acronym,
    merge_glossary,
    prepare_curated,
)
from build_tools.analysis.tokens import fold_case
from build_tools.model import Article, GlossaryEntry, Paragraph, Section

ROOT = Path(__file__).resolve().parents[2]


def article(*paragraphs: str) -> Article:
    paras = tuple(Paragraph(f"p-{i}", t) for i, t in enumerate(paragraphs, start=1))
    return Article(source="t.txt", slug="t", title="T", sections=(Section(None, paras),))


def entries(*paragraphs: str) -> dict[str, str | None]:
    return {e.term: e.definition for e in extract_glossary(Document.of(article(*paragraphs)))}


@pytest.mark.parametrize(
    ("text", "term", "definition"),
    [
        ("Members of the Eurasian Economic Union (EAEU) met.", "EAEU", "Eurasian Economic Union"),
        ("Operators buy radio access networks (RANs) from vendors.", "RANs", "radio access networks"),
        ("It sits in the International Telecommunication Union (ITU) today.", "ITU", "International Telecommunication Union"),
        ("Work happens in the 3rd Generation Partnership Project (3GPP) now.", "3GPP", "3rd Generation Partnership Project"),
        (
            "The Department for Science, Innovation and Technology (DSIT) said no.",
            "DSIT",
            "Department for Science, Innovation and Technology",
        ),
        ("The Ministry of Foreign Affairs (MFA) replied.", "MFA", "Ministry of Foreign Affairs"),
        ("Firms use software-defined networking (SDN) here.", "SDN", "software-defined networking"),
        ("Regulators cite the GDPR (General Data Protection Regulation) often.", "GDPR", "General Data Protection Regulation"),
        ("Dish uses 5G standalone (SA) core software.", "SA", "standalone"),
        ("Talks with the EAEU, the Eurasian Economic Union, went on.", "EAEU", "Eurasian Economic Union"),
        ("The Ministry of Electronics and Information Technology (MeitY) spoke.", "MeitY", "Ministry of Electronics and Information Technology"),
        ("Sensors form the Internet of Things (IoT) at scale.", "IoT", "Internet of Things"),
        ("It attacks “free and opensource software” (FOSS) policies.", "FOSS", "free and opensource software"),
        ("He wrote books on the Communist Party of China (CCP) and more.", "CCP", "Communist Party of China"),
        ("We launch the Declaration for the Future of the Internet — otherwise known as the “DFI” — today.", "DFI",
         "Declaration for the Future of the Internet"),
        ("Remember that NATO stands for the North Atlantic Treaty Organization.", "NATO", "North Atlantic Treaty Organization"),
        ("He joined the Open Source Business Alliance (OSB Alliance) early.", "OSB Alliance", "Open Source Business Alliance"),
        ("Work at the OSB Alliance (Open Source Business Alliance) began.", "OSB Alliance", "Open Source Business Alliance"),
        ("Singtel's MEC (Multi-access Edge Computing) platform grows.", "MEC", "Multi-access Edge Computing"),
        ("Under the International Emergency Economic Powers Act (50 U.S.C. 1701 et seq.) (IEEPA), the order stands.", "IEEPA",
         "International Emergency Economic Powers Act"),
        ("Users set a Mobile Banking Personal Identification Number (MPIN) first.", "MPIN", "Mobile Banking Personal Identification Number"),
        ("Members of the European Free Trade Association, or EFTA, agreed.", "EFTA", "European Free Trade Association"),
        ("The EAEU Integrated Information System (EAEU IIS) links them.", "EAEU IIS", "EAEU Integrated Information System"),
    ],
)
def test_defined_acronyms(text: str, term: str, definition: str) -> None:
    assert entries(text)[term] == definition


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose sharply last year (Fed).",  # one letter does not match
        "Growth came from the new northern territories (NATO).",  # initials do not spell it
        "BRUSSELS (Reuters) – The rules were published.",  # a dateline
        "The stored page names Connect(X) as a show.",
        "Talks with the EAEU, a union of five post-Soviet states, went on.",  # a description, not an expansion
        "National Security Advisor Jake Sullivan spoke; NASA was not there.",  # no local definition: nothing inferred
        "For the EU, each of us matters.",  # an apposition of common words is no expansion
    ],
)
def test_unvalidated_expansions_are_rejected(text: str) -> None:
    assert all(d is None for d in entries(text).values())


def test_bare_acronyms_listed_without_definition() -> None:
    got = entries("Russia lost the 5G race but prepares for 7G.", "The G20 and the OECD met on R&D.")
    assert got == {"5G": None, "7G": None, "G20": None, "OECD": None, "R&D": None}


@pytest.mark.parametrize(
    "text",
    [
        "MEASURING THE IMPACT OF TECHNOLOGY ON INTERNATIONAL RELATIONS",  # a heading left as a paragraph
        "Some text 7 JOURNAL OF NETWORK POLICY Vol. 4 more text.",  # a running head
        "As shown by Mayer et al. and by A. B. Smith on p. 5 in chapter IV and part II.",
        "Domains are run by American players (CISCO, 2020).",  # a citation author
        "Sources differ (OECD 2019) on this.",
        "ROSLYN LAYTON, PhD Co-Founder of a think tank.",
        "Q315 Chair: we continue.",
        "LONDON (Wire) – Britain's operators have stripped out equipment.",
        "Dr Mike Short helped launch O2 services.",
    ],
)
def test_not_acronyms(text: str) -> None:
    assert entries(text) == {}


def test_dateline_only_at_paragraph_start() -> None:
    assert entries("Talks in the EU (European Union) went on.") == {"EU": "European Union"}


def test_looks_like_acronym() -> None:
    assert all(looks_like_acronym(t) for t in ("EAEU", "RANs", "5G", "3GPP", "G20", "R&D", "NGOs"))
    assert not any(looks_like_acronym(t) for t in ("IV", "XXI", "A", "Tech", "ZTE", "CISCO", "Q315"))


def test_no_expansion_is_inferred_from_unrelated_words_elsewhere() -> None:
    # Only a local definition counts: capitalised words elsewhere ("National Security Advisor") are no expansion.
    got = entries("National Security Advisor Jake Sullivan spoke.", "The CCP decides; NASA watches.")
    assert got["CCP"] is None and got["NASA"] is None


def test_expansion_before_is_none_without_match() -> None:
    text = "some unrelated words (ABC)"
    assert expansion_before(text, text.index("("), "ABC") is None


def test_defined_terms() -> None:
    got = entries(
        "In the narrow meaning the tech ecosystem is understood as “a collection of tech solutions that "
        "a company uses” (Campos, 2020).",
        "The so-called Big Tech—giant IT companies—are powerful.",
        "Digital sovereignty refers mainly to a nation's right to control its data.",
        "It refers to something else entirely.",
    )
    assert got["tech ecosystem"] == "a collection of tech solutions that a company uses"
    assert got["Big Tech"] == "giant IT companies"
    assert got["Digital sovereignty"] == "a nation's right to control its data"
    assert "It" not in got


def test_ordinary_refers_and_means_are_not_definitions() -> None:
    assert entries(
        "In practice the report refers to older data.",
        "Cheaper equipment means faster rollout.",
        "This means that vendors matter.",
    ) == {}
    assert entries("The term ‘customer state’ means a state that buys a bloc's infrastructure.") == {
        "customer state": "a state that buys a bloc's infrastructure"
    }


def test_first_paragraph_and_order() -> None:
    a = article("Nothing here.", "The CIS met.", "The EU and the CIS met again.")
    assert [(e.term, e.paragraph) for e in extract_glossary(Document.of(a))] == [("CIS", "p-2"), ("EU", "p-3")]


CURATED = """
- term: RAN
  kind: acronym
  definition: Radio access network.
  aliases: [RANs, radio access network]
- term: data localisation
  kind: term
  definition: Keeping data in the country.
  aliases: [data localization]
- term: ICANN
  kind: acronym
  definition: The domain name coordinator.
"""


def test_load_curated_glossary() -> None:
    loaded = load_curated_glossary(CURATED)
    assert [e.term for e in loaded] == ["RAN", "data localisation", "ICANN"]
    assert loaded[0].aliases == ("RANs", "radio access network")
    assert load_curated_glossary("- {term: X, kind: term, definition: d, source: 'X body, x.org'}")[0].source == "X body, x.org"
    assert all(isinstance(e, GlossaryEntry) and e.paragraph is None for e in loaded)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("term: x", "expected a list"),
        ("- just a string", "expected a mapping"),
        ("- {term: '', kind: term}", "non-empty string"),
        ("- {term: X, kind: word}", "'kind' must be"),
        ("- {term: X, kind: term, colour: red}", "unknown key"),
    ],
)
def test_load_curated_glossary_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_curated_glossary(text)


def test_curated_apply_only_when_used_and_win() -> None:
    a = article("Operators buy radio access networks (RANs).", "Russia wants data localization.")
    curated = curated_for_article(Document.of(a), prepare_curated(load_curated_glossary(CURATED)))
    assert [(e.term, e.paragraph) for e in curated] == [("RAN", "p-1"), ("data localisation", "p-2")]
    merged = merge_glossary(extract_glossary(Document.of(a)), curated)
    assert merged == (
        GlossaryEntry("RAN", "acronym", "Radio access network.", "p-1"),
        GlossaryEntry("data localisation", "term", "Keeping data in the country.", "p-2"),
    )
    assert all(type(e) is GlossaryEntry for e in merged)


def test_curated_entry_is_anchored_to_the_first_paragraph_using_any_spelling() -> None:
    a = article("Nothing to see.", "Operators buy a radio access network.", "The RAN market grows.")
    curated = curated_for_article(Document.of(a), prepare_curated(load_curated_glossary(CURATED)))
    assert [(e.term, e.paragraph) for e in curated] == [("RAN", "p-2")]


def test_fold_case_keeps_whatever_ignorecase_matches_with_an_ascii_letter() -> None:
    every_character = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for char in re.findall(r"(?i:[a-z])", every_character):
        assert fold_case(char)[:1] in ascii_lowercase, hex(ord(char))


@pytest.mark.parametrize(
    "text",
    [
        "The İnternet Protocol and the ınternet protocol, ſo to ſpeak.",  # characters IGNORECASE matches with i and s
        "The ICANNs, RAN-based and ORAN gear; then the RAN.",  # spellings inside longer words before the first whole one
        "Radio Access Networks\nand the RANs.",
        "Nothing curated here at all.",
    ],
)
def test_curated_lookup_finds_what_a_search_of_every_paragraph_finds(text: str) -> None:
    terms = prepare_curated(load_curated_glossary((ROOT / "glossary.yml").read_text(encoding="utf-8")))
    a = article(*text.split("\n"))
    expected = [
        (t.entry.term, next(p.id for p in a.paragraphs() if t.pattern.search(p.text)))
        for t in terms if any(t.pattern.search(p.text) for p in a.paragraphs())
    ]
    assert [(e.term, e.paragraph) for e in curated_for_article(Document.of(a), terms)] == expected


def test_project_glossary_file_loads() -> None:
    loaded = load_curated_glossary((ROOT / "glossary.yml").read_text(encoding="utf-8"))
    assert {"5G", "RAN", "Open RAN", "DNS", "ICANN", "data localisation", "digital sovereignty"} <= {e.term for e in loaded}
    assert all(e.definition for e in loaded)


def test_project_glossary_defines_the_acronyms_policy_text_uses_bare() -> None:
    loaded = load_curated_glossary((ROOT / "glossary.yml").read_text(encoding="utf-8"))
    terms = {e.term for e in loaded}
    assert {"AI", "EU", "IT", "GDP", "UN", "NATO", "US", "UK", "ICT", "IoT", "R&D", "G7", "G20", "WTO", "OECD",
            "ITU", "3GPP"} <= terms
    assert all(e.source for e in loaded), [e.term for e in loaded if not e.source]


@pytest.mark.parametrize(
    ("text", "term"),
    [("The U.S. and the USA are one.", "US"), ("The CPC met; the CCP decided.", "CCP")],
)
def test_project_glossary_merges_variants(text: str, term: str) -> None:
    a = article("Intro.", text)
    loaded = load_curated_glossary((ROOT / "glossary.yml").read_text(encoding="utf-8"))
    merged = merge_glossary(extract_glossary(Document.of(a)), curated_for_article(Document.of(a), prepare_curated(loaded)))
    assert [e.term for e in merged] == [term]
    assert merged[0].definition


def test_undefined_acronym_keeps_no_definition() -> None:
    # An acronym nobody defines stays undefined (definition None), so the site can say so instead of linking it.
    merged = merge_glossary(extract_glossary(Document.of(article("The XQZT board met."))), ())
    assert merged == (GlossaryEntry("XQZT", "acronym", None, "p-1"),)
    loaded = load_curated_glossary("- {term: ABC, kind: acronym, definition: null, source: nowhere}")
    assert loaded[0].definition is None and loaded[0].source == "nowhere"


@pytest.mark.parametrize(
    ("text", "term", "definition"),
    [
        ("Импортозамещение программного обеспечения (ПО) идёт быстрее.", "ПО", "программного обеспечения"),
        ("Работает национальная система доменных имён (НСДИ) в тестовом режиме.", "НСДИ", "национальная система доменных имён"),
        ("The PEACE (Pakistan and East Africa Connecting Europe) cable avoids China.", "PEACE", "Pakistan and East Africa Connecting Europe"),
        ("Support for Pacific island countries (PICs) grew. PICs want cables.", "PICs", "Pacific island countries"),
        ("States lobby at standards-developing organizations (SDOs) today.", "SDOs", "standards-developing organizations"),
        ("Semiconductor Manufacturing International Corporation (SMIC) was listed.", "SMIC", "Semiconductor Manufacturing International Corporation"),
    ],
)
def test_more_defined_acronyms(text: str, term: str, definition: str) -> None:
    assert entries(text)[term] == definition


@pytest.mark.parametrize(
    "text",
    [
        "Firms like HMN Tech (formerly Huawei Marine Networks) lead. Huawei Marine Networks was renamed.",
        "Members present: Greg Clark (Chair); Aaron Bell.",
        "Two makers (Denmark) and (Netherlands) agreed.",
        "Vendors (Huawei, ZTE) led the count.",
        "Chips from Nvidia and AMD lead on performance.",
    ],
)
def test_company_names_and_parentheses_are_not_acronyms(text: str) -> None:
    assert entries(text) == {}


def test_company_name_needs_the_company_word_to_end_it() -> None:
    assert entries("SK Telecom and KT Corp bid for spectrum.") == {}
    assert entries("Headline: US Tech Giants Face New Rules.") == {"US": None}
    assert entries("Our UK Telecommunications infrastructure inquiry began.") == {"UK": None}


def test_acronyms_of_the_title_are_listed_without_paragraph() -> None:
    a = Article(
        source="t.txt", slug="t", title="Oral evidence: resilience of mobile networks, HC 812",
        sections=(Section(None, (Paragraph("p-1", "The committee met on 5G resilience."),)),),
    )
    assert [(e.term, e.paragraph) for e in extract_glossary(Document.of(a))] == [("5G", "p-1"), ("HC", None)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("AЗПОsa5G (),.-’&\nTechCorp")), max_size=200))
def test_any_text_gives_entries_without_error(text: str) -> None:
    for e in extract_glossary(Document.of(article(text))):
        assert e.kind in ("acronym", "term") and e.term


@pytest.mark.parametrize(
    "text",
    [
        "See https://example.org/files/Report%28FINAL%29.pdf?x=1%3A2 for the data.",  # percent-encoding of a URL
        "The agency published its rules. END",  # an end marker
        "MODERATOR: Thank you all for coming.",  # a speaker's label
        "The codes NPC2018 and MSMES2406 and 20OC mark the files.",  # keys, not acronyms
    ],
)
def test_junk_is_no_acronym(text: str) -> None:
    got = entries(text, "The moderator said the end was near; more on this later.")
    assert not {"28FINAL", "3A", "FINAL", "END", "MODERATOR", "NPC2018", "MSMES2406", "20OC"} & set(got)


def test_reference_entries_define_nothing() -> None:
    got = entries(
        "The central bank sets the rules for payments.",
        "[12] Reserve Bank of India (RBI), Annual Report 2019, https://rbi.org.in/report.pdf",
    )
    assert "RBI" not in got


def test_every_expansion_aligns_with_its_acronym() -> None:
    from build_tools.analysis.glossary import expansion_aligns

    assert expansion_aligns("EAEU", "Eurasian Economic Union")
    assert expansion_aligns("CCP", "Communist Party of China")
    assert not expansion_aligns("IT", "Economic Times")
    assert not expansion_aligns("NASA", "Jake Sullivan")
