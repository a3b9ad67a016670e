"""Reference entries and in-text citations, pinned with short inline texts."""

from __future__ import annotations

import pytest

from build_tools.model import Paragraph
from build_tools.references import find_citations, parse_reference


def test_harvard_entry() -> None:
    r = parse_reference("Weiss, Ch., 2015. How Do Science and Technology Influence International Affairs? *Minerva*, 53(4), pp. 411-430.")
    assert (r.id, r.year, r.authors, r.title) == ("ref-weiss-2015", "2015", ("Weiss, Ch",), "How Do Science and Technology Influence International Affairs?")


def test_entry_with_angle_bracket_url_and_two_authors() -> None:
    r = parse_reference("Berkley, A. and Letzing, J., 2019. Tracing the Rise. *WEF* [online]. Available at: <www.weforum.org/agenda/x/> [Accessed 7 June 2019].")
    assert r.url == "https://www.weforum.org/agenda/x/" and r.authors == ("Berkley, A", "Letzing, J") and r.id == "ref-berkley-2019"


def test_apa_entry_with_doi() -> None:
    r = parse_reference("Lee, K. (2020). Spectrum wars. Journal of Networks, 4(2), 1-20. https://doi.org/10.1234/jn.2020.02")
    assert r.year == "2020" and r.doi == "10.1234/jn.2020.02" and r.title == "Spectrum wars"


def test_numbered_entry_keeps_its_number() -> None:
    r = parse_reference("[3]  K. Krippendorff Major Metaphors of Communication , 1993 .", number=3)
    assert r.id == "ref-3" and r.year == "1993"


QUOTED_TITLES = [
    # (entry, authors, title, year): IEEE, Chicago notes and bibliography put the title in quotation marks
    ("[1] A. Chander and U. P. Lê, “Data nationalism,” Emory Law J., vol. 64, no. 3, pp. 677–739, 2015.",
     ("A. Chander", "U. P. Lê"), "Data nationalism", "2015"),
    ("23. Renuka Kumar, Sreesh Kishore, Hao Lu and Atul Prakash, “Security Analysis of Payment Apps,” University of Michigan, n.d.",
     ("Renuka Kumar", "Sreesh Kishore", "Hao Lu", "Atul Prakash"), "Security Analysis of Payment Apps", None),
    ("Couture, Stephane, and Sophie Toupin. 2019. “What Does Sovereignty Mean for the Digital?” New Media & Society 21 (10): 2305–22.",
     ("Couture, Stephane", "Sophie Toupin"), "What Does Sovereignty Mean for the Digital?", "2019"),
    ("Weiss, Charles. “Science, Technology and International Relations.” Technology in Society 27 (2005): 295–313.",
     ("Weiss, Charles",), "Science, Technology and International Relations", "2005"),
    ("Court of Justice of the European Union, “Data Protection Commissioner v Facebook Ireland,” Case C-311/18, 2020.",
     ("Court of Justice of the European Union",), "Data Protection Commissioner v Facebook Ireland", "2020"),
]


@pytest.mark.parametrize("entry,authors,title,year", QUOTED_TITLES, ids=["ieee", "notes-given-names-first", "chicago-author-date", "chicago-bibliography", "institution"])
def test_a_quoted_title_separates_the_authors_from_the_rest(entry: str, authors: tuple[str, ...], title: str, year: str | None) -> None:
    r = parse_reference(entry, number=1 if entry[0].isdigit() or entry.startswith("[") else None)
    assert (r.authors, r.title, r.year) == (authors, title, year)


def test_a_quoted_phrase_in_a_note_does_not_make_its_words_authors() -> None:
    r = parse_reference("12. See also the report “Huawei and 5G,” published 2019.", number=12)
    assert r.authors != ("See also the report",) and r.title != "Huawei and 5G"


NOTES = [
    # (numbered note, authors, title): the work a note cites, authors first, after any lead-in; prose names no one
    ("[1] See the overview in Anu Bradford, Digital Empires (Oxford University Press, 2023).", ("Anu Bradford",), "Digital Empires"),
    ("[2] Cf. Tim Wu and Jack Goldsmith, Who Controls the Internet? (Oxford University Press, 2006), 45.",
     ("Tim Wu", "Jack Goldsmith"), "Who Controls the Internet?"),
    ("[3] Zhou, Y., Base Station Supply Chains after the Sanctions, 2021.", ("Zhou, Y",), "Base Station Supply Chains after the Sanctions"),
    ("[4] Bureau of Industry and Security, Addition of Entities to the Entity List, 2019.",
     ("Bureau of Industry and Security",), "Addition of Entities to the Entity List"),
    ("[5] M. Mazzucato, The Entrepreneurial State. London, U.K.: Anthem, 2013.", ("M. Mazzucato",), "The Entrepreneurial State"),
    ("[6] NIS Cooperation Group, Cybersecurity of 5G networks: EU Toolbox of risk mitigating measures, January 2020.",
     ("NIS Cooperation Group",), "Cybersecurity of 5G networks: EU Toolbox of risk mitigating measures"),
    ("[7] Ada Okafor, Twitter thread, 1 June 2020, https://example.org/status/1.", ("Ada Okafor",), "Twitter thread"),
    ("[8] The cases are Estonia, Latvia and Lithuania between 2018 and 2024.", (), None),
    ("[9] Interviews with officials in Riyadh and Abu Dhabi, November 2022.", (), None),
    ("[10] Operator statements after the 2020 outages.", (), None),
]


@pytest.mark.parametrize("entry,authors,title", NOTES, ids=[f"note-{i}" for i in range(1, len(NOTES) + 1)])
def test_a_note_names_the_work_it_cites_or_no_one(entry: str, authors: tuple[str, ...], title: str | None) -> None:
    r = parse_reference(entry, number=1)
    assert (r.authors, r.title) == (authors, title)


def test_an_author_date_list_entry_is_read_as_before() -> None:
    r = parse_reference("4. Weiss, C. H. (2015). How do evaluations work? Minerva 53.", number=4)
    assert (r.authors, r.title, r.year) == (("Weiss, C. H",), "How do evaluations work?", "2015")


def _cite(text: str, refs) -> list[tuple[str, str | None]]:
    return [(c.text, c.reference) for c in find_citations(Paragraph("p-1", text), refs)]


REFS = (
    parse_reference("Weiss, Ch., 2015. Title A."),
    parse_reference("Bezrukov, A. et al., 2020. Title B."),
    parse_reference("Ivanov, I., 2019. Title C."),
    parse_reference("Iansiti, M. and Richards, G., 2006. Title D."),
    parse_reference("Brand Analytics, 2020. Title E."),
)


def test_parenthetical_citations_resolve() -> None:
    assert _cite("As argued (Weiss, 2015, p. 413).", REFS) == [("Weiss, 2015, p. 413", "ref-weiss-2015")]
    assert _cite("Two (Bezrukov et al., 2020; Ivanov, 2019).", REFS) == [("Bezrukov et al., 2020", "ref-bezrukov-2020"), ("Ivanov, 2019", "ref-ivanov-2019")]
    assert _cite("The network (Iansiti and Richards, 2006).", REFS) == [("Iansiti and Richards, 2006", "ref-iansiti-2006")]
    assert _cite("Users (Brand Analytics, 2020).", REFS) == [("Brand Analytics, 2020", "ref-analytics-2020")]
    assert _cite("Lead-ins (see Weiss, 2015).", REFS) == [("Weiss, 2015", "ref-weiss-2015")]


def test_narrative_citation_and_unmatched_year() -> None:
    assert _cite("Weiss (2015) says so.", REFS) == [("Weiss (2015)", "ref-weiss-2015")]
    assert _cite("Later (Weiss, 2013, p. 416).", REFS) == [("Weiss, 2013, p. 416", None)]


def test_parentheses_that_are_not_citations() -> None:
    assert _cite("Huawei (a Chinese firm) and the EAEU (since 2015 larger).", REFS) == []
    assert _cite("In the 1960s (the space race) things changed.", REFS) == []


NUMBERED = tuple(parse_reference(f"[{n}] Author {n}, Title {n}, 2020.", number=n) for n in range(1, 7))


def test_a_bracket_of_several_note_numbers_links_each() -> None:
    assert _cite("Clouds [1] and their limits [2, 3]; later work [4–6].", NUMBERED) == [
        ("[1]", "ref-1"), ("2", "ref-2"), ("3", "ref-3"), ("4", "ref-4"), ("6", "ref-6")]
    assert _cite("Not notes: [2020, 2021] and [7, 8].", NUMBERED) == [], "years and numbers beyond the list link nowhere"


def test_each_number_of_a_bracket_renders_as_its_own_link() -> None:
    from build_tools.render import render_body
    from build_tools.seeds import parse_seed

    article = parse_seed("Clouds and Control\n\nBy Ada Okafor\n\nPublic bodies moved their mail to commercial clouds over a decade [1]."
                         "\n\nThis raised questions of control over data and services [2, 3].\n\nReferences\n\n[1] A. Rossi, Data and the State, 2022.\n"
                         "[2] B. Lee, Clouds, 2023.\n[3] C. Diaz, Control, 2024.\n", "x.txt")
    assert r"services \[[2](#ref-2), [3](#ref-3)\]." in render_body(article)
