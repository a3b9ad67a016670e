"""Header shapes seen in real articles, each pinned with a short inline text."""

from __future__ import annotations

import pytest

from build_tools.seeds import parse_seed

BODY = (
    "\n\nThe first paragraph of the body says something long enough about telecom networks and vendors in Europe."
    "\n\nA second paragraph follows with more words about spectrum and the operators who bid for it."
)

CASES = [
    # (raw header, title, subtitle, abstract, date, authors, publisher)
    ("Europe's 5G Gamble\n13 Jun 2019|", "Europe's 5G Gamble", None, None, "2019-06-13", [], None),
    ("Europe's 5G Gamble\n18/09/2024", "Europe's 5G Gamble", None, None, "2024-09-18", [], None),
    ("Europe's 5G Gamble\nSeptember 18, 2024\nBy Jane Doe and John Smith", "Europe's 5G Gamble", None, None, "2024-09-18", ["Jane Doe", "John Smith"], None),
    ("PUBLISHED ON: 30 Sep 2021 DOI: 10.1234/abcd.2021.5\n\nEurope's 5G Gamble", "Europe's 5G Gamble", None, None, "2021-09-30", [], None),
    ("Europe's 5G Gamble\nVolume 13, Issue 3, December 2016", "Europe's 5G Gamble", None, None, "2016-12", [], None),
    ("Europe's 5G Gamble\nWhy operators bet on a technology few customers want", "Europe's 5G Gamble", "Why operators bet on a technology few customers want", None, None, [], None),
    ("Europe's 5G Gamble\nOperators are betting big on a technology few customers want yet.\nBy Jane Doe, Reuters\n3 min read", "Europe's 5G Gamble",
     None, "Operators are betting big on a technology few customers want yet.", None, ["Jane Doe"], "Reuters"),
    ("Europe's 5G Gamble\n\nOperators are betting big on a technology few customers want yet.\n\nBy Jane Doe", "Europe's 5G Gamble",
     None, "Operators are betting big on a technology few customers want yet.", None, ["Jane Doe"], None),
    ("# Europe's 5G Gamble\n\n*By Jane Doe*\n\n*March 3, 2021*", "Europe's 5G Gamble", None, None, "2021-03-03", ["Jane Doe"], None),
    ("Europe's 5G Gamble\nPosted on March 3, 2021 by Jane Doe", "Europe's 5G Gamble", None, None, "2021-03-03", ["Jane Doe"], None),
    ("Europe's 5G Gamble\nJane Doe | February 6, 2024", "Europe's 5G Gamble", None, None, "2024-02-06", ["Jane Doe"], None),
    ("2022-05-10\nEurope's 5G Gamble", "Europe's 5G Gamble", None, None, "2022-05-10", [], None),
    ("Commentary\nEurope's 5G Gamble: Operators and the State\nJane Doe\n10 May 2022", "Europe's 5G Gamble: Operators and the State", None, None, "2022-05-10", ["Jane Doe"], None),
    ("Author : Jane Doe\nIssue BriefsPublished on Nov 16, 2021\n\nEurope's 5G Gamble", "Europe's 5G Gamble", None, None, "2021-11-16", ["Jane Doe"], None),
    ("Europe's 5G Gamble\nAuthors: Jane Doe; John Smith", "Europe's 5G Gamble", None, None, None, ["Jane Doe", "John Smith"], None),
    ("Europe's 5G Gamble\nJane Doe, Department of Politics, University of Somewhere, Finland", "Europe's 5G Gamble", None, None, None, ["Jane Doe"], None),
    ("Europe's 5G Gamble – Speech by Minister Jane Doe at the Example Forum", "Europe's 5G Gamble – Speech by Minister Jane Doe at the Example Forum", None, None, None, ["Jane Doe"], None),
    ("Europe's 5G Gamble\nUpdated 12 May 2022, Published 10 May 2022", "Europe's 5G Gamble", None, None, "2022-05-10", [], None),
    ("Title: Europe's 5G Gamble\nSubtitle: Operators and the state\nAuthor: Jane Doe", "Europe's 5G Gamble", "Operators and the state", None, None, ["Jane Doe"], None),
    ("NATIONAL CYBER RESILIENCE COUNCIL\n\nEurope's 5G Gamble: Operators and the State\n\nA Report to Parliament\n\nMarch 2024",
     "Europe's 5G Gamble: Operators and the State", "A Report to Parliament", None, "2024-03", [], "National Cyber Resilience Council"),
    # An official document's cover: institution, place and date, document number, document type, then the title.
    ("EUROPEAN COMMISSION\n\nBrussels, 9.3.2026\nCOM(2026) 118 final\n\nCOMMUNICATION FROM THE COMMISSION TO THE EUROPEAN PARLIAMENT AND THE COUNCIL"
     "\n\nEurope's 5G Gamble: a Toolbox Review", "Europe's 5G Gamble: a Toolbox Review", None, None, "2026-03-09", [], "European Commission"),
    ("COUNCIL OF THE EUROPEAN UNION\n\nST 9876/26 INIT\n\nCOUNCIL CONCLUSIONS ON THE SECURITY OF 5G NETWORKS\n\nEurope's 5G Gamble after the Toolbox",
     "Europe's 5G Gamble after the Toolbox", None, None, None, [], "Council of the European Union"),
    ("MINISTRY OF ICT AND INNOVATION\n\nEurope's 5G Gamble: Operators and the State", "Europe's 5G Gamble: Operators and the State", None, None, None, [],
     "Ministry of ICT and Innovation"),
    ("Notice of the State Council on Europe's 5G Gamble\n\nGuo Fa [2026] No. 7", "Notice of the State Council on Europe's 5G Gamble", None, None, None, [], None),
    # Evidence and consultation responses name who submitted them in the title.
    ("Written evidence submitted by the Open Networks Coalition (TEL0042)", "Written evidence submitted by the Open Networks Coalition (TEL0042)",
     None, None, None, [], "Open Networks Coalition"),
    ("Response to the spectrum consultation submitted by Ada Okafor", "Response to the spectrum consultation submitted by Ada Okafor",
     None, None, None, ["Ada Okafor"], None),
    ("Europe's 5G Gamble: Evidence from Three Procurement Regimes", "Europe's 5G Gamble: Evidence from Three Procurement Regimes", None, None, None, [], None),
]


@pytest.mark.parametrize("header,title,subtitle,abstract,date,authors,publisher", CASES, ids=[c[0].split("\n")[-1][:40] for c in CASES])
def test_header_shape(header, title, subtitle, abstract, date, authors, publisher) -> None:
    a = parse_seed(header + BODY, "x.txt")
    assert (a.title, a.subtitle, a.abstract, a.date, [x.name for x in a.authors]) == (title, subtitle, abstract, date, authors)
    assert a.publisher == publisher
    assert a.paragraphs()[0].text.startswith("The first paragraph of the body")


def test_event_dates_in_the_body_are_not_publication_dates() -> None:
    a = parse_seed("Europe's 5G Gamble\n\nOn October 7, 2022, the administration announced new export controls on chips to China.\n", "x.txt")
    assert a.date is None


def test_body_that_starts_in_the_title_block() -> None:
    a = parse_seed("Europe's 5G Gamble\nThe first paragraph of the body says something long enough about telecom networks. It has two sentences." + BODY, "x.txt")
    assert a.title == "Europe's 5G Gamble" and a.abstract is None
    assert a.paragraphs()[0].text.startswith("The first paragraph of the body says something long enough about telecom networks. It has")


def test_footnoted_first_sentence_does_not_make_the_title_a_label() -> None:
    a = parse_seed("Europe's 5G Gamble\n\nThe first paragraph says something long enough about telecom networks in Europe.[1]\n\n"
                   "A second paragraph adds more about the spectrum auctions that regulators run.\n\n"
                   "Notes\n\n[1] Doe, J., Spectrum, 2019.\n[2] Roe, R., Auctions, 2020.\n", "x.txt")
    assert a.title == "Europe's 5G Gamble"
    assert [(c.text, c.reference) for c in a.citations] == [("[1]", "ref-1")]


def test_keywords_lose_the_lists_punctuation_but_not_an_initialisms() -> None:
    article = parse_seed("Europe's 5G Gamble\nKeywords: 5G; U.S.; E.U. policy, spectrum auctions.\n\nAbstract: Operators bet big." + BODY, "x.txt")
    assert article.keywords == ("5G", "U.S.", "E.U. policy", "spectrum auctions")


@pytest.mark.parametrize("opening,date", [
    ("BERLIN, 14 July 2023 — The ministry announced a review of high-risk vendors in the country's 5G networks today.", "2023-07-14"),
    ("WASHINGTON, March 3, 2023 /PRNewswire/ -- A coalition of operators announced a joint test of open radio units.", "2023-03-03"),
    ("SAN FRANCISCO, Calif., May 2, 2022 -- The company said it would stop selling network equipment to two carriers.", "2022-05-02"),
    ("LONDON (Reuters) - Britain will remove the equipment of a Chinese vendor from its networks earlier than planned.", None),
    ("NEW YORK, Jan. 5 (Reuters) - The company said it would stop selling network equipment, without naming a year.", None),
])
def test_a_dateline_dates_an_article_whose_header_states_no_date(opening: str, date: str | None) -> None:
    article = parse_seed(f"Ministry Reviews 5G Vendors\n\n{opening}\n\nA second paragraph follows with more words about spectrum and operators.", "news.txt")
    assert article.date == date
    assert "date" not in article.inferred  # the article states it
    assert article.kind == "news"
    assert article.paragraphs()[0].text == opening  # the dateline stays in the text


TITLE = "Washington Tightens the Rules on Chip Tools Again\n\n"
AFTER = "\n\nThe rules were published after months of debate in Washington and among allies."


@pytest.mark.parametrize("opening,writer", [
    ("In this essay, Maria Keller explores why the new rules on chips matter more for tools than for chips themselves.", "Maria Keller"),
    ("In the second part of our series, Priya Raman asks whether allies will follow Washington's lead on tools.", "Priya Raman"),
    ("Tomas Ruiz, a former trade official now at the Example Institute, has written a sharp analysis of the new rules. "
     "Below is his article, republished with permission.", "Tomas Ruiz"),
    # People and places the opening is about, not its writer:
    ("Analyst Jane Doe examines how the new rules on chips, which took effect on Monday, cover more tools than before.", None),
    ("On Monday, Xi Jinping looks at how the new rules will hurt, state media reported, as Beijing weighs a response.", None),
    ("South Korea examines whether its firms can keep selling tools after the new rules took effect on Monday.", None),
    ("Tomas Ruiz, the commerce secretary, has written to allies asking them to follow the new rules within a month.", None),
])
def test_an_opening_that_names_its_writer_gives_the_author_marked_inferred(opening: str, writer: str | None) -> None:
    article = parse_seed(TITLE + opening + AFTER, "news.txt")
    assert [a.name for a in article.authors] == ([writer] if writer else [])
    assert ("authors" in article.inferred) == bool(writer)


def test_an_editors_note_under_the_byline_is_provenance_not_the_opening_paragraph() -> None:
    text = ("Europe Cannot Afford to Ignore Connected Cars\n\nBy Sofia Brandt\nUpdated 3:45 PM EST, Tue March 5, 2024\n\n"
            "Editor’s Note: Sofia Brandt is a senior fellow at the Example Policy Institute. The views expressed here are her own.\n\n"
            "Every modern car is a computer on wheels, collecting location data, camera images and voice recordings.\n\n"
            "The United States has already proposed restrictions on connected-car software from abroad.")
    article = parse_seed(text, "oped.txt")
    assert [a.name for a in article.authors] == ["Sofia Brandt"] and article.date == "2024-03-05"
    assert article.provenance == ("Editor’s Note: Sofia Brandt is a senior fellow at the Example Policy Institute. The views expressed here are her own.",)
    assert article.paragraphs()[0].text.startswith("Every modern car is a computer on wheels")


@pytest.mark.parametrize("note,writer", [
    ("Editor's note: This week's essay comes from Ines Carvalho, who advised regulators on cloud procurement for a decade.", "Ines Carvalho"),
    ("Editor’s Note: Tomas Ruiz is a former trade official. The views expressed here are his own.", "Tomas Ruiz"),
    ("Editor's note: This essay was updated on 4 March to correct a figure.", None),
])
def test_an_editors_note_that_introduces_the_writer_gives_the_author(note: str, writer: str | None) -> None:
    text = (f"Procurement Is the New Industrial Policy\nNov 02, 2023\n\n{note}\n\n"
            "Public buyers have become the main lever of cloud policy in Europe, and providers now change how they are owned to qualify.\n\n"
            "Whether one country's label will be accepted by its neighbours is still undecided.")
    article = parse_seed(text, "post.txt")
    assert [a.name for a in article.authors] == ([writer] if writer else [])
    assert article.provenance == (note,)


def test_a_label_over_bullets_in_one_block_is_a_line_and_a_list_not_one_paragraph() -> None:
    text = ("The Chips Act Two Years On\nBy Clara Jensen\nMarch 12, 2025\n\nKey takeaways\n"
            "- Announced investment is large, but few fabs are under construction.\n"
            "- Leading-edge manufacturing needs a partner from abroad.\n\n"
            "When the act was adopted, it set a goal of doubling Europe's share of chip production by 2030.\n\n"
            "Two years on, that goal looks out of reach, and member states compete for projects.")
    paragraphs = parse_seed(text, "oped.txt").paragraphs()
    assert [(p.kind, p.text.split()[0]) for p in paragraphs[:3]] == [("text", "Key"), ("list", "-"), ("text", "When")]
    assert paragraphs[0].text == "Key takeaways"
    shouted = parse_seed(text.replace("Key takeaways", "KEY FINDINGS"), "brief.txt")
    assert [s.heading for s in shouted.sections] == ["KEY FINDINGS"]
    assert shouted.paragraphs()[0].kind == "list", "an ALL-CAPS label over bullets is their heading"


AFFILIATION_MARKS = [
    # (author line, affiliation lines, contact line, expected [(name, affiliations, email)])
    ("Ana Lindqvist1, Tomas Berg2 and Carla Moreno1", "1 Institute for Network Policy, University of Lund, Sweden\n"
     "2 Department of Informatics, Example University, Norway", "Corresponding author: ana.lindqvist@example.org",
     [("Ana Lindqvist", ["Institute for Network Policy, University of Lund, Sweden"], "ana.lindqvist@example.org"),
      ("Tomas Berg", ["Department of Informatics, Example University, Norway"], None),
      ("Carla Moreno", ["Institute for Network Policy, University of Lund, Sweden"], None)]),
    ("Ana Lindqvist¹˒*, Tomas Berg² & Carla Moreno¹˒²", "¹ Institute for Network Policy, University of Lund, Sweden\n"
     "² Department of Informatics, Example University, Norway", "* Corresponding author. E-mail: al@example.org",
     [("Ana Lindqvist", ["Institute for Network Policy, University of Lund, Sweden"], "al@example.org"),
      ("Tomas Berg", ["Department of Informatics, Example University, Norway"], None),
      ("Carla Moreno", ["Institute for Network Policy, University of Lund, Sweden", "Department of Informatics, Example University, Norway"], None)]),
    ("Ana Lindqvist, Tomas Berg and Carla Moreno", "Institute for Network Policy, University of Lund, Sweden", "Contact: tberg@example.org",
     [("Ana Lindqvist", [], None), ("Tomas Berg", [], "tberg@example.org"),
      ("Carla Moreno", ["Institute for Network Policy, University of Lund, Sweden"], None)]),
]


@pytest.mark.parametrize("names,affiliations,contact,expected", AFFILIATION_MARKS, ids=["digits", "superscripts-and-star", "no-marks"])
def test_numbered_affiliations_go_to_the_authors_marked_with_their_number(names: str, affiliations: str, contact: str,
                                                                        expected: list[tuple[str, list[str], str | None]]) -> None:
    """'A1, B2 and C1' over '1 Institute …' and '2 Department …': each author gets the affiliations of their marks,
    the names lose the marks, and a contact address goes to the author it is marked for, or whose name it spells."""
    seed = parse_seed(f"Sovereign Clouds and the Limits of Localisation\n\n{names}\n{affiliations}\n{contact}{BODY}", "x.txt")
    assert [(a.name, list(a.affiliations), a.email) for a in seed.authors] == expected


# A podcast transcript written for this test: time-stamped turns of a host and a guest.
TRANSCRIPT = """Who Owns the Cloud?
Recorded 14 February 2026

[00:00:05] Maria Lind: Welcome back. Today we talk about cloud sovereignty in Europe with Tomas Berg.

[00:00:18] Tomas Berg: Thanks for having me, Maria.

[00:00:21] Maria Lind: What do governments mean when they ask for a sovereign cloud?

[00:00:29] Tomas Berg: Three things. The data stays in the country, the operator answers to national law, and services keep running if a foreign provider leaves.

[00:01:02] Maria Lind: Which of those is hardest?

[00:01:05] Tomas Berg: The third, by far. Moving data takes a year; building the skills takes a decade.
"""


def test_a_transcript_of_turns_between_two_speakers_is_an_interview() -> None:
    assert parse_seed(TRANSCRIPT, "x.txt").kind == "interview"
    untimed = "\n".join(line.split("] ", 1)[-1] for line in TRANSCRIPT.splitlines())  # "Maria Lind: …" without time stamps
    assert parse_seed(untimed, "x.txt").kind == "interview"
    one_voice = TRANSCRIPT.replace("Tomas Berg:", "Maria Lind:")  # one speaker's notes are not a conversation
    assert parse_seed(one_voice, "x.txt").kind != "interview"


# Evidence to a parliamentary committee, written for this test: every paragraph numbered, the date under the last one.
EVIDENCE = """Written evidence submitted by the Open Networks Coalition

Introduction

1. The Coalition welcomes the Committee's inquiry into the diversification of telecoms supply chains.

2. We make three recommendations: fund open interface testing, publish the vendor criteria, and review progress.

Recommendations

3. The Government should fund a national testing laboratory for open interfaces, open to vendors of every size.

4. The criteria used to designate a vendor as high-risk should be published, so that investors can weigh new entrants.

February 2026
"""


def test_numbered_paragraphs_are_paragraphs_and_reach_the_summary() -> None:
    from build_tools.analysis import Analyser

    a = parse_seed(EVIDENCE, "x.txt")
    assert [p.kind for p in a.paragraphs()][:4] == ["text"] * 4, "a numbered paragraph of whole sentences is no one-item list"
    assert a.date == "2026-02" and "date" not in a.inferred, "the date it is signed with under the last paragraph"
    analysis = Analyser.prepare(())(a)
    assert len(analysis.summary) >= 2 and all(not s.text[0].isdigit() for s in analysis.summary)
    lines = EVIDENCE.splitlines()
    lines[10], lines[12] = "3. Fund open interface testing.", "4. Publish the vendor criteria."
    short_items = parse_seed("\n".join(lines), "x.txt")
    assert [p.kind for p in short_items.paragraphs()][2:4] == ["list", "list"], "short numbered items stay a list"


def test_a_date_in_the_last_paragraph_is_not_taken_when_it_updates_or_is_prose() -> None:
    assert parse_seed(EVIDENCE.replace("February 2026", "Updated February 2026"), "x.txt").date is None
    assert parse_seed(EVIDENCE.replace("February 2026", "In February 2026 the Committee will publish its report on the inquiry."), "x.txt").date is None


def test_an_official_documents_number_is_a_header_line_not_a_heading() -> None:
    a = parse_seed("Notice of the State Council on Europe's 5G Gamble\n\nGuo Fa [2026] No. 7" + BODY, "x.txt")
    assert "Guo Fa [2026] No. 7" in a.metadata_lines and [s.heading for s in a.sections] == [None]


@pytest.mark.parametrize("caps,named", [
    ("COUNCIL OF THE EUROPEAN UNION", "Council of the European Union"), ("NEW AMERICA FOUNDATION", "New America Foundation"),
    ("EUROPEAN UNION AGENCY FOR CYBERSECURITY (ENISA)", "European Union Agency for Cybersecurity (ENISA)"),
    ("NATO DEFENCE COLLEGE", "NATO Defence College"), ("Centre for Network Policy", "Centre for Network Policy"),
])
def test_an_institution_set_in_capitals_is_named_in_ordinary_case(caps: str, named: str) -> None:
    from build_tools.parsing.shapes import org_name_case

    assert org_name_case(caps) == named


# A Chinese article written for this test: no spaces between words, 。 ends a sentence, 年月日 dates, a 作者 label.
CHINESE = """数字主权与云计算：欧洲的选择

作者：李明、王芳
2025年3月12日

近年来，欧洲各国政府越来越关注数据存储的地点和控制权。许多公共机构将电子邮件和文件存储迁移到了商业云平台。这引发了关于政府对其数据保留多少控制权的问题。

欧盟委员会提出了多项措施，包括认证计划和公共采购规则。然而，市场份额至今没有明显变化。三家总部位于欧洲以外的供应商仍占据约百分之七十的市场。

专家认为，真正的主权需要投资于本地技能和开源软件，而不仅仅是数据中心。
"""


def test_a_chinese_article_has_its_header_body_summary_and_key_points() -> None:
    from build_tools.analysis import Analyser

    a = parse_seed(CHINESE, "zh.txt")
    assert (a.title, [x.name for x in a.authors], a.date) == ("数字主权与云计算：欧洲的选择", ["李明", "王芳"], "2025-03-12")
    assert len(a.paragraphs()) == 3 and a.paragraphs()[2].text.startswith("专家认为")
    analysis = Analyser.prepare(())(a)
    assert len(analysis.summary) >= 3 and all(s.text.endswith("。") for s in analysis.summary), "whole sentences, cut at 。"
    assert analysis.key_points


# A wire story written for this test: no byline, the agency in the dateline, the writers in the closing credit.
WIRE = """Nordic operators drop Chinese kit from core networks

STOCKHOLM, Nov 3 (Reuters) - Telecom operators in Sweden and Finland have finished removing Chinese-made equipment from the core of their networks, two years ahead of a deadline set by regulators, the companies said on Monday.

The operators said the replacement had cost less than expected, because most of the equipment was due for renewal anyway.

(Reporting by Anna Berg in Stockholm and Per Lind in Helsinki; Editing by Mark Potter)
"""


def test_a_wire_storys_credit_names_its_writers_and_its_dateline_the_agency() -> None:
    a = parse_seed(WIRE, "wire.txt")
    assert ([x.name for x in a.authors], a.publisher) == (["Anna Berg", "Per Lind"], "Reuters") and "authors" in a.inferred
    bylined = parse_seed(WIRE.replace("\n\nSTOCKHOLM", "\n\nBy Karin Holm\n\nSTOCKHOLM"), "wire.txt")
    assert [x.name for x in bylined.authors] == ["Karin Holm"], "a byline outranks the credit"
    edited_only = parse_seed(WIRE.replace("Reporting by Anna Berg in Stockholm and Per Lind in Helsinki; ", ""), "wire.txt")
    assert not edited_only.authors, "an editor is not a writer"
