"""What PDF text leaves around an article's pages: notes at a page's foot, an issue line in the running footer,
and the authors' biographies at the end (kept as provenance) (articles written for these tests, in the shapes pdftotext gives)."""

from __future__ import annotations

from build_tools.seeds import parse_seed
from tests.unit.test_no_loss import missing_words

FILLER = ("Public bodies compare offers for data storage by price, by the law that governs the provider and by "
          "how easily they could leave. Each of these questions has become harder to answer since the last review.")


def page(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n\n\f"


HEAD = "Clouds Over the Public Sector\n\nSome offers change the label more than the control.\n\n"


def _paragraphs(article) -> list[str]:  # noqa: ANN001
    return [p.text for p in article.paragraphs()]


def test_notes_that_open_with_their_number_at_a_page_foot_become_numbered_notes() -> None:
    text = HEAD + page(
        "Ministries moved their mail to foreign clouds after the court ruling.1 Auditors then asked who\nholds the keys.",
        FILLER,
        "Local partners now resell the same platforms under their own names.2 Critics call this\nrelabelling.",
        "1 The ruling struck down the framework for transfers abroad.\n2 Three such partnerships were announced in one\nmonth.",
    ) + page(FILLER, "Open source stacks are the third answer.3 Anyone can run them.", "3 Four principles define the open projects.")
    article = parse_seed(text, "notes.txt")
    notes = {r.id: r.text for r in article.references}
    assert notes == {
        "ref-1": "1 The ruling struck down the framework for transfers abroad.",
        "ref-2": "2 Three such partnerships were announced in one month.",
        "ref-3": "3 Four principles define the open projects.",
    }
    assert [(c.text, c.reference) for c in article.citations] == [("1", "ref-1"), ("2", "ref-2"), ("3", "ref-3")]
    assert not any(p.startswith(("1 The", "3 Four")) for p in _paragraphs(article))
    assert not missing_words(text, article)


def test_a_note_number_alone_on_its_line_numbers_the_block_under_it() -> None:
    text = HEAD + page(
        "The first ruling changed the market.1 Buyers hesitated for a year.",
        FILLER,
        "1",
        "The court found that the transfers lacked safeguards.",
    ) + page(
        "Then the second review followed.2 It asked for audits.",
        "2",
        "The review covered every ministry that used a foreign provider.",
        FILLER,
    )
    article = parse_seed(text, "lone.txt")
    assert [(r.id, r.text) for r in article.references] == [
        ("ref-1", "The court found that the transfers lacked safeguards."),
        ("ref-2", "The review covered every ministry that used a foreign provider."),
    ]
    assert FILLER in _paragraphs(article)
    assert not missing_words(text, article)


def test_page_numbers_before_paragraphs_without_note_marks_stay_page_numbers() -> None:
    text = HEAD + page(FILLER, "1", "The court found that the transfers lacked safeguards.") + page(
        "Then the second review followed. It asked for audits.", "2", "The review covered every ministry that used a foreign provider.")
    article = parse_seed(text, "pages.txt")
    assert article.references == ()
    assert "The court found that the transfers lacked safeguards." in _paragraphs(article)


def test_an_issue_line_in_the_running_footer_dates_an_undated_article() -> None:
    text = HEAD + page(FILLER, "the policy review 03—2023", "7") + page(FILLER.replace("Public", "Local"), "the policy review 03—2023", "8")
    article = parse_seed(text, "issue.txt")
    assert article.date == "2023"
    assert "date" in article.inferred
    assert not any("policy review" in p for p in _paragraphs(article))


def test_closing_biographies_name_the_authors_and_close_the_body() -> None:
    text = HEAD + page(FILLER, "Open source stacks are one answer (European Data Protection Board 2021).", FILLER) + page(
        "Sources",
        "European Data Protection Board. 2021. Recommendations on transfers. Brussels.",
        "Mara Lindqvist\nMara Lindqvist is a researcher in cloud policy at a public\nuniversity.\nJonas Peltola\n"
        "Jonas Peltola has advised two ministries on procurement.",
    )
    article = parse_seed(text, "bios.txt")
    assert [a.name for a in article.authors] == ["Mara Lindqvist", "Jonas Peltola"]
    assert "authors" in article.inferred
    assert [r.id for r in article.references] == ["ref-board-2021"]
    assert article.provenance[-2:] == (
        "Mara Lindqvist Mara Lindqvist is a researcher in cloud policy at a public university.",
        "Jonas Peltola Jonas Peltola has advised two ministries on procurement.",
    )
    assert not any("Lindqvist" in p for p in _paragraphs(article))
    assert [(c.text, c.reference) for c in article.citations] == [("European Data Protection Board 2021", "ref-board-2021")]
    assert not missing_words(text, article)


def test_a_paragraph_that_opens_with_a_name_is_not_a_biography() -> None:
    text = HEAD + page(FILLER, "Mara Lindqvist\nMara Lindqvist is quoted here on the costs of leaving a provider.", FILLER, FILLER, FILLER)
    article = parse_seed(text, "quoted.txt")
    assert article.authors == ()


def test_an_organisation_in_parentheses_is_a_citation_only_when_the_list_names_it() -> None:
    text = HEAD + page(
        "The rules date from the end of the war (Second World War Settlement Commission 1946) and were revised (Open Cloud Alliance 2020).",
        FILLER,
    ) + page("References", "Open Cloud Alliance. 2020. Principles for open clouds. Berlin.")
    article = parse_seed(text, "orgs.txt")
    assert [(c.text, c.reference) for c in article.citations] == [("Open Cloud Alliance 2020", "ref-alliance-2020")]


def test_a_reference_list_after_the_biographies_stays_the_reference_list() -> None:
    text = HEAD + page(FILLER, "Open source stacks are one answer (Open Cloud Alliance 2020).", FILLER) + page(
        "Mara Lindqvist\nMara Lindqvist is a researcher in cloud policy.",
        "References",
        "Open Cloud Alliance. 2020. Principles for open clouds. Berlin.",
    )
    article = parse_seed(text, "bios-then-refs.txt")
    assert [a.name for a in article.authors] == ["Mara Lindqvist"]
    assert [r.id for r in article.references] == ["ref-alliance-2020"]
    assert article.provenance == ("Mara Lindqvist Mara Lindqvist is a researcher in cloud policy.",)


def test_a_word_broken_at_a_line_end_is_joined_as_the_article_writes_it_elsewhere() -> None:
    text = HEAD + page(
        "Ministries ask for closer cooperation and faster decision-making between the cloud providers and their\n"
        "auditors, since closer co-\noperation shortens every review and better decision-\nmaking shortens every exit.",
        FILLER,
    )
    article = parse_seed(text, "hyphens.txt")
    assert "closer cooperation shortens every review and better decision-making shortens" in " ".join(_paragraphs(article))
    assert not missing_words(text, article)


def test_a_hyphen_typed_before_a_space_inside_a_line_is_left_as_written() -> None:
    text = HEAD + page("Pre- and post-war budgets for data storage differ by a factor of two in most of the ministries we read.", FILLER)
    assert "Pre- and post-war" in " ".join(_paragraphs(parse_seed(text, "typed.txt")))


def test_numbered_headings_are_not_notes_even_after_digits_glued_to_words() -> None:
    text = HEAD + page(
        "Release R1 shipped in spring and the G2 group met twice before the summer break began.", FILLER,
        "1 Introduction", FILLER, "2 Background", FILLER,
    )
    article = parse_seed(text, "headings.txt")
    assert article.references == ()
    assert [s.heading for s in article.sections if s.heading] == ["1 Introduction", "2 Background"]


def test_a_web_address_broken_at_a_line_end_is_one_address_again() -> None:
    text = HEAD + page(
        "The ministry published its review at https://www.example.org/reports/2021/\ncloud-exit-review.pdf and asked\n"
        "for comments from every operator within a month of the release of the review.",
        "References",
        "Doe, J. 2021. Exit costs in public clouds. Available at https://news.\nexample.com/2021/exit-costs. Accessed\nin May.",
    )
    article = parse_seed(text, "addresses.txt")
    assert "https://www.example.org/reports/2021/cloud-exit-review.pdf and asked for comments" in " ".join(_paragraphs(article))
    assert [r.url for r in article.references] == ["https://news.example.com/2021/exit-costs"]
    assert not missing_words(text, article)


def test_a_page_of_pages_footer_is_removed_even_inside_a_paragraph_the_page_break_cut() -> None:
    """pdftotext -layout pads a footer's title and its "Page 3 of 8" apart; the footer may fall between the two halves
    of a sentence. It goes, wherever it falls, and the sentence is whole again."""
    footer = "Clouds Over the Public Sector | March 2024" + " " * 48 + "Page {} of 8"
    text = (HEAD + f"{footer.format(1)}\n\n1. Introduction\n\n" + FILLER + " The ministries then asked what the\n"
            + footer.format(2) + "\nclause would cost them. Nobody knew.\n\n" + FILLER + f"\n\n{footer.format(3)}\n\n"
            + "Annex A: Methodology\n\n" + FILLER + "\n")
    article = parse_seed(text, "footers.txt")
    paragraphs = _paragraphs(article)
    assert any("asked what the clause would cost them. Nobody knew." in p for p in paragraphs)
    assert not any("Page" in p for p in paragraphs) and not any("Page" in s.heading for s in article.sections if s.heading)
    assert [s.heading for s in article.sections if s.heading] == ["1. Introduction", "Annex A: Methodology"]


def test_a_news_page_pasted_whole_keeps_its_article_and_leaves_the_page_out() -> None:
    """Breadcrumbs, share buttons, advertising slots, "Read more" links and a "Related articles" list come with a news
    article copied from its page. The headline is the title, the writer's job title is not a second writer, the page's
    lines leave the body (each said in a diagnostic), and the copyright line names the publisher."""
    text = ("Home > Technology > Telecoms\n\nClouds Over the Public Sector as Ministries Move Their Mail\n\n"
            "By Karin Holm, Technology Correspondent\nPublished 14 June 2023\n\nShare on Facebook\nShare via Email\n\n"
            f"COPENHAGEN — {FILLER}\n\nAdvertisement\n\n{FILLER}\n\nRead more: Why the cloud question will not go away\n\n"
            "The ministries said they would decide by the autumn.\n\nRelated Articles\n- Another story about clouds\n"
            "- A third story\n\n© 2023 Nordic Wire. All rights reserved.\n")
    article = parse_seed(text, "news.txt")
    assert article.title == "Clouds Over the Public Sector as Ministries Move Their Mail"
    assert [(a.name, a.affiliations) for a in article.authors] == [("Karin Holm", ("Technology Correspondent",))]
    assert _paragraphs(article) == [f"COPENHAGEN — {FILLER}", FILLER, "The ministries said they would decide by the autumn."]
    assert not [s.heading for s in article.sections if s.heading]
    assert article.publisher == "Nordic Wire" and article.date == "2023-06-14"
    assert not missing_words(text, article)


OTHER = ("Auditors asked who holds the keys to the data, and whether a foreign court could order them handed over. The answers"
         " differed from one provider to the next.")


def test_a_newsletters_buttons_leave_the_body() -> None:
    """A newsletter post pasted or exported whole: its subscribe, share and comment buttons are the platform's, not the post's."""
    text = ("Clouds Over the Public Sector\n\nBy Karin Holm\n\nThanks for reading Cloud Notes! Subscribe for free to receive new posts and"
            f" support my work.\n\nSubscribe now\n\n{FILLER}\n\nShare\n\n{OTHER}\n\nThe ministries said they would decide by the autumn."
            "\n\nLeave a comment\n")
    article = parse_seed(text, "post.txt")
    assert _paragraphs(article) == [FILLER, OTHER, "The ministries said they would decide by the autumn."]
    assert sum("furniture left out" in d.message for d in article.diagnostics) == 4
    kept = parse_seed(text.replace("Share\n", "Share the data with the auditors, the ministries said.\n"), "post.txt")
    assert "Share the data with the auditors, the ministries said." in _paragraphs(kept), "a sentence that opens with 'Share' stays"


def test_an_unlettered_annex_or_appendix_is_a_heading() -> None:
    for label in ("Annex: Method", "Appendix. Data sources"):
        article = parse_seed(f"{HEAD}1. Introduction\n\n{FILLER}\n\n{label}\n\n{OTHER}\n", "report.txt")
        assert [s.heading for s in article.sections if s.heading] == ["1. Introduction", label]
