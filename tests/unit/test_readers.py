"""Readers: each input kind (Markdown, web page, PDF, text) read into the one Article record.

Fixtures are articles we wrote in the shapes users bring (tests/fixtures/readers/, CC0); PDFs are
made here from our own text by tests/pdf_maker.py. Bad input of each kind gets one error naming
the file, and the rest of a corpus still ingests.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import pytest

from build_tools import readers
from build_tools.errors import InputError
from build_tools.ingest import ingest
from build_tools.model import Article
from build_tools.readers import detect_kind, read_bytes, read_path
from tests.pdf_maker import make_pdf, make_pdf_placed, make_pdf_with_marks
from tests.unit.test_no_loss import WORD, is_subsequence, record_words

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "readers"


def _body(article: Article) -> str:
    return "\n".join(p.text for p in article.paragraphs())


def _headings(article: Article) -> list[str]:
    return [s.heading for s in article.sections if s.heading]


def _linked(article: Article) -> dict[str, str | None]:
    return {c.text: c.reference for c in article.citations}


# --- choosing the reader -------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "data", "kind"), [
    ("page.html", b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("saved-as.txt", b"<!doctype html>\n<html lang=en><head><title>x</title></head></html>", "html"),
    ("report.txt", b"%PDF-1.4\n%...", "pdf"),
    ("post.txt", b"---\ntitle: x\n---\nBody\n", "markdown"),
    ("post.md", b"# Title\n\nBody\n", "markdown"),
    ("pasted.txt", b"A title\n\nSome text.\n", "text"),
    ("notes.text", b"<b>not a page</b> but text\n", "text"),
])
def test_the_kind_is_known_by_content_before_extension(name: str, data: bytes, kind: str) -> None:
    assert detect_kind(name, data) == kind


# --- Markdown --------------------------------------------------------------------------------------

def test_jekyll_front_matter_is_metadata_and_notes_become_linked_references() -> None:
    article = read_path(HERE / "jekyll_post_footnotes.md")
    assert article.title == "Why open radio networks need more than open interfaces"
    assert [a.name for a in article.authors] == ["Mara Lindqvist", "Tomás Okafor"]
    assert article.date == "2023-05-17"
    assert article.abstract == "Interfaces are open, but the supply of radios is not."
    assert article.keywords == ("open-ran", "telecoms")
    assert _headings(article) == ["The supply problem", "What regulators can do"]
    # Front matter keys never become header lines, and no Markdown or template syntax reaches the text.
    assert not any("layout" in line or "avatar" in line for line in article.metadata_lines)
    body = _body(article)
    assert "](" not in body and "{%" not in body and "<sup>" not in body and "^[" not in body
    assert "very few of them" in body  # a link's text stays in the sentence
    # [^1], pandoc's inline ^[…] and <sup>3</sup> each link to a numbered note; the unreferenced-looking
    # [^3] definition is kept, never dropped.
    assert [r.text for r in article.references] == [
        "[1] The O-RAN Alliance publishes the interface specifications.",
        "[2] Counted from operators' own tender notices, 2021 to 2023.",
        "[3] Vendor annual report, 2022.",
    ]
    assert _linked(article) == {"[1]": "ref-1", "[2]": "ref-2", "[3]": "ref-3"}
    assert all("Counted from" not in p.text for p in article.paragraphs())  # notes stay out of the body
    assert article.provenance and "Nordic Networks newsletter" in article.provenance[0]
    messages = " ".join(d.message for d in article.diagnostics)
    assert "template tags" in messages and "image left out" in messages
    assert "kind" in article.inferred  # no genre tag: the genre is a guess from shape


def test_toml_front_matter_and_author_year_citations_with_particles_and_ampersands() -> None:
    article = read_path(HERE / "hugo_toml_post.md")
    assert (article.title, article.date) == ("Data centres and the new map of digital sovereignty", "2024-02-03")
    assert [a.name for a in article.authors] == ["Priya Raman"]
    assert article.abstract == "Where the servers stand decides which law reads the data."
    assert article.kind == "commentary" and "kind" not in article.inferred  # categories: ["analysis"]
    assert _linked(article) == {"Raman & de Vries, 2021": "ref-raman-2021", "van der Berg (2022b)": "ref-van-der-berg-2022b"}


def test_an_archives_labelled_block_is_metadata_and_its_scaffolding_goes() -> None:
    article = read_path(HERE / "news_archive_labelled.md")
    assert article.title == "Regulator opens auction for mid-band 5G spectrum"
    assert article.abstract.startswith("The sale of 3.5 GHz licences")
    assert [a.name for a in article.authors] == ["Sam Ortega"]
    assert article.date == "2024-03-04"
    assert article.publisher == "Example Telecom Daily"
    assert article.url == "https://news.example.com/2024/03/regulator-opens-5g-auction/"
    assert _headings(article) == ["Who is bidding"]
    assert not any(p.text in ("Unknown", "Information:", "Article:") for p in article.paragraphs())
    assert article.kind == "news"


def test_a_pandoc_title_block_gives_title_authors_and_date() -> None:
    article = read_path(HERE / "pandoc_title_block.md")
    assert article.title == "Digital Sovereignty in the Cloud Era: Gaia-X Three Years On"  # the title goes on over an indented line
    assert [a.name for a in article.authors] == ["Anna Berg", "Jonas Weber"]
    assert article.date == "2022-03-12"
    assert _headings(article)[:2] == ["Introduction", "Gaia-X"]
    assert not any("%" in p.text for p in article.paragraphs())
    assert _linked(article) == {"Berg, 2021, p. 7": "ref-berg-2021"}


def test_a_multimarkdown_metadata_block_is_metadata_and_the_body_starts_after_it() -> None:
    article = read_path(HERE / "multimarkdown_metadata.md")
    assert article.title == "Subsea Cables and the New Geography of Power"
    assert [a.name for a in article.authors] == ["Lena Fischer"]
    assert (article.date, article.abstract) == ("2021-11-03", "Cable routes in the Pacific now follow alliances.")
    assert article.keywords == ("subsea cables", "geopolitics", "Pacific")  # the value went on over an indented line
    assert article.paragraphs()[0].text.startswith("Subsea cables carry almost all")
    assert _headings(article) == ["Who builds the cables"]


def test_a_notion_pages_property_lines_are_metadata() -> None:
    article = read_path(HERE / "notion_export.md")
    assert article.title == "Cloud Sovereignty and Public Procurement" and article.subtitle is None
    assert [a.name for a in article.authors] == ["Ines Carvalho"]
    assert (article.date, article.keywords) == ("2024-03-04", ("cloud", "sovereignty", "procurement"))
    assert article.paragraphs()[0].text.startswith("European cloud policy has moved")
    assert any("labelled metadata lines were read as metadata: Created: March 4, 2024" in d.message for d in article.diagnostics)


def test_an_obsidian_notes_wikilinks_read_as_words_and_its_callouts_lose_their_markers() -> None:
    article = read_path(HERE / "obsidian_note.md")
    assert article.abstract == "In July 2020 the government ordered operators to remove one vendor's equipment from 5G networks by 2027."
    body = _body(article)
    assert "See also Open RAN and the diversification strategy." in body
    assert "[[" not in body and "[!" not in body
    assert "A caveat on the dates" in body and "The deadline for core networks came earlier" in body  # a callout's title and text stay
    assert any(d.message == "1 image left out (their files are not part of the text)" for d in article.diagnostics)


def test_a_paragraph_that_opens_with_a_label_is_text_not_metadata() -> None:
    text = ("# Standards bodies after 5G\n\nNote: this commentary was first given as a talk in Geneva, and the slides are not reproduced here.\n\n"
            "Standard-setting used to be a quiet technical business. It has become a place where states compete for influence.\n")
    article = read_bytes(text.encode(), "talk.md")
    assert article.title == "Standards bodies after 5G" and article.date is None and not article.authors
    assert "Note: this commentary was first given as a talk" in _body(article) + (article.abstract or "")


def test_labelled_title_and_subtitle_lines_of_pasted_text_lose_their_labels() -> None:
    text = ("Title: Spectrum Auctions and the 5G Rollout\nSubtitle: What the mid-band sales taught regulators\nAuthor: Dana Whitfield\n"
            "Date: 4 June 2023\n\nRegulators sold mid-band spectrum in a hurry, and operators paid more than they planned.\n\n"
            "The rollout that followed was slower than promised.\n")
    article = read_bytes(text.encode(), "pasted.txt")
    assert (article.title, article.subtitle) == ("Spectrum Auctions and the 5G Rollout", "What the mid-band sales taught regulators")
    assert [a.name for a in article.authors] == ["Dana Whitfield"] and article.date == "2023-06-04"


def test_a_post_exported_as_html_inside_markdown_keeps_its_paragraphs_headings_and_notes() -> None:
    """A CMS export (WordPress to Jekyll) writes the post as raw HTML under the front matter, with no blank lines:
    one HTML block to a Markdown parser. Its paragraphs, headings, quotes and footnote list are read as such."""
    text = ("---\ntitle: Digital Sovereignty, Three Ways\ndate: 2021-06-03 14:22:10 +0200\nauthor: Joana Ferreira\n---\n"
            "<p>Leaders use the phrase <em>digital sovereignty</em> in three senses.<sup><a href=\"#fn1\" id=\"r1\">1</a></sup></p>\n"
            "<p>The first sense is control over data and the law that applies to it.</p>\n<h3>Control over infrastructure</h3>\n"
            "<p>The second sense concerns networks and data centres, and who may supply them.<sup><a href=\"#fn2\">2</a></sup></p>\n"
            "<!--more-->\n<blockquote><p>Sovereignty is a capability, not a slogan.</p></blockquote>\n"
            "<div class=\"footnotes\"><ol>\n<li id=\"fn1\">A parliamentary briefing, July 2020. <a href=\"#r1\">↩</a></li>\n"
            "<li id=\"fn2\">The 5G toolbox of January 2020. <a href=\"#r2\">↩</a></li>\n</ol></div>\n")
    article = read_bytes(text.encode("utf-8"), "seeds/post.md")
    assert [p.text for p in article.paragraphs()] == [
        "Leaders use the phrase digital sovereignty in three senses.[1]", "The first sense is control over data and the law that applies to it.",
        "The second sense concerns networks and data centres, and who may supply them.[2]", "Sovereignty is a capability, not a slogan."]
    assert article.paragraphs()[-1].kind == "quote" and _headings(article) == ["Control over infrastructure"]
    assert [r.text for r in article.references] == ["[1] A parliamentary briefing, July 2020.", "[2] The 5G toolbox of January 2020."]
    assert _linked(article) == {"[1]": "ref-1", "[2]": "ref-2"}


def test_invalid_front_matter_is_one_error_naming_the_file_and_line() -> None:
    with pytest.raises(InputError) as info:
        read_path(HERE / "broken_front_matter.md", source="seeds/broken_front_matter.md")
    message = str(info.value)
    assert re.match(r"seeds/broken_front_matter\.md:\d+: error: the front matter is not valid YAML", message), message


@pytest.mark.parametrize("name", ["jekyll_post_footnotes.md", "hugo_toml_post.md", "news_archive_labelled.md", "pandoc_title_block.md",
                                  "multimarkdown_metadata.md", "notion_export.md"])
def test_markdown_body_words_all_reach_the_record_in_order(name: str) -> None:
    text = (HERE / name).read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[-1].split("\n+++\n", 1)[-1]
    if not text.startswith(("---", "+++")):  # a Pandoc or MultiMarkdown metadata block: everything up to the first blank line
        body = text.split("\n\n", 1)[1]
    body = re.sub(r"\{%.*?%\}|\(https?://[^)]*\)|!\[[^\]]*\]\([^)]*\)|\[\^\d+\]:?|<[^>]+>|(?<!\w)_|_(?!\w)", " ", body)
    article = read_path(HERE / name)
    missing = Counter(WORD.findall(body)) - Counter(record_words(article))
    assert not missing, missing
    marks_out = re.sub(r"\[\d+\]", " ", _body(article))  # note marks are the reader's, written as [n]
    assert is_subsequence(WORD.findall(marks_out), WORD.findall(body))


# --- web pages ------------------------------------------------------------------------------------

def test_a_saved_page_is_read_from_its_tags_and_its_article_only() -> None:
    article = read_path(HERE / "article_page.html")
    assert article.title == "Undersea cables and the politics of repair"  # citation_title wins over og:title
    assert [a.name for a in article.authors] == ["Ada Okafor", "Per Lindqvist"]
    assert article.date == "2022-11-08"
    assert article.doi == "10.5555/example.2022.17"
    assert article.url == "https://review.example.org/articles/undersea-cables-repair"
    assert article.kind == "journal article" and article.publisher == "Example Review of Infrastructure"
    assert _headings(article) == ["A fleet too small", "Policy options"]
    body = _body(article)
    for chrome in ("Subscribe now", "Satellites and sovereignty", "Cookie settings", "window.analytics"):
        assert chrome not in body
    assert "Whoever controls repair" in body
    quoted = [p for p in article.paragraphs() if p.kind == "quote"]  # the extractor gives a <blockquote> as plain text
    assert [p.text for p in quoted] == ["Whoever controls repair controls the time a region stays cut off."]
    assert [r.text for r in article.references] == [
        "[1] Industry survey of cable repair capacity, 2021.", "[2] Operator statements after the 2020 outages."]
    assert _linked(article) == {"[1]": "ref-1", "[2]": "ref-2"}
    assert any("page chrome" in d.message for d in article.diagnostics)


def test_a_page_saved_from_word_keeps_its_title_headings_and_footnotes() -> None:
    article = read_path(HERE / "word_saved_page.html")
    assert article.title == "Trusted Connectivity and the EU Toolbox"  # Word's title paragraph, not the first section's <h1>
    assert [(a.name, a.affiliations) for a in article.authors] == [("Hannah Lindgren", ("Centre for Network Policy",))]
    assert _headings(article) == ["1. Introduction", "2. Implementation"]  # the extractor dropped them; put back over their paragraphs
    assert article.sections[1].paragraphs[0].text.startswith("Implementation has been uneven.")
    assert [r.text for r in article.references] == [
        "[1] NIS Cooperation Group, Cybersecurity of 5G networks: EU Toolbox of risk mitigating measures, January 2020.",
        "[2] See the 2021 amendment to the IT Security Act."]
    assert _linked(article) == {"[1]": "ref-1", "[2]": "ref-2"}


def test_a_google_docs_export_keeps_its_title_byline_and_notes() -> None:
    article = read_path(HERE / "google_docs_export.html")
    assert article.title == "Data Localisation and the Limits of Sovereignty"  # the Title-styled paragraph: the export has no <title>
    assert [(a.name, a.affiliations) for a in article.authors] == [("Elena Petrova", ("Baltic Policy Forum",))]
    assert article.date == "2026-05-12" and _headings(article) == ["Introduction", "Findings"]
    assert _linked(article) == {"[1]": "ref-1", "[2]": "ref-2"}
    assert [(r.authors, r.title) for r in article.references] == [(("Anu Bradford",), "Digital Empires"), ((), None)]


def test_a_json_ld_graph_names_the_author_and_publisher_its_article_refers_to() -> None:
    article = read_path(HERE / "wordpress_seo_graph.html")  # "author": {"@id": "…#/schema/person/2"}, the Person node elsewhere
    assert ([a.name for a in article.authors], article.publisher, article.date) == (["Per Lindqvist"], "Centre for Network Futures", "2025-10-02")


def test_a_heading_the_extractor_kept_is_not_put_back_twice_and_one_over_a_list_is_not_guessed() -> None:
    import lxml.html

    from build_tools.readers.html import restore_headings
    tree = lxml.html.document_fromstring(
        "<html><body><nav><h2>Menu</h2><p>Home page link text</p></nav><article><h2>1. Introduction</h2><p>The first paragraph says"
        " something.</p><h2>Share this</h2><ul><li>Twitter</li></ul><h3>Costs</h3><p>Second paragraph here.</p></article></body></html>")
    kept = "## 1\\. Introduction\n\nThe first paragraph says something.\n\nSecond paragraph here."
    assert restore_headings(tree, kept) == ("## 1\\. Introduction\n\nThe first paragraph says something.\n\n### Costs\n\nSecond paragraph here.", 1)  # its own level


def test_a_page_without_author_tags_takes_its_authors_from_the_byline_and_its_publisher_from_the_title() -> None:
    article = read_path(HERE / "think_tank_page.html")
    assert [a.name for a in article.authors] == ["Amina Yusuf", "Kwame Mensah"]  # <div class="authors">, not the biographies below
    assert (article.title, article.publisher) == ("Digital Sovereignty in Africa: Beyond Data Localisation", "Example Centre for Policy")
    assert article.date == "2022-06-02" and _headings(article) == ["Infrastructure first", "Recommendations"]
    assert "Amina Yusuf and Kwame Mensah" in article.metadata_lines


def test_open_graph_and_json_ld_fill_in_when_there_are_no_citation_tags() -> None:
    page = b"""<!DOCTYPE html><html><head>
<meta property="og:title" content="Chips, controls and the allies who must follow">
<meta property="og:site_name" content="Example Wire">
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-10-18T08:00:00Z",
 "author": [{"@type": "Person", "name": "Lea Brandt"}], "description": "New rules reach further."}</script>
</head><body><nav>Home | World | Tech</nav><article><h1>Chips, controls and the allies who must follow</h1>
<p>The new export rules reach further than the last ones. Officials said on Tuesday that they now cover
more types of chips and the tools used to make them, and that allies were expected to follow.</p>
<p>Industry groups said the rules would cost firms sales in their largest market, according to a
statement, while analysts said enforcement would decide whether the rules work at all.</p></article></body></html>"""
    article = read_bytes(page, "seeds/wire.html")
    assert article.title == "Chips, controls and the allies who must follow"
    assert [a.name for a in article.authors] == ["Lea Brandt"]
    assert (article.date, article.kind, article.publisher) == ("2023-10-18", "news", "Example Wire")
    assert "Home | World" not in _body(article)


def test_a_page_without_an_article_is_one_clear_error() -> None:
    with pytest.raises(InputError) as info:
        read_path(HERE / "no_article.html", source="seeds/no_article.html")
    assert str(info.value).startswith("seeds/no_article.html: error: no article text was found in this web page")


# --- PDFs -----------------------------------------------------------------------------------------

REPORT_PAGES = [
    ["POLICY BRIEF", "", ("Open Networks and Their Rivals", 22), "", "JANE EXAMPLE", "", "MARCH 2024", "",
     "INTRODUCTION",
     "Operators in small countries have to choose between equipment vendors whose prices",
     "differ and whose politics differ even more. This brief asks how they choose and what",
     "their regulators can do about the choice, and it ends with three recommendations for",
     "ministries that license spectrum and approve equipment for national networks."],
    ["2", "", "LICENSING AS LEVERAGE",
     "A regulator that attaches conditions to a licence can shape which equipment is bought,",
     "but only if the conditions are known before the auction and enforced after it."],
]


def test_a_pdf_is_read_through_its_text_layer() -> None:
    article = read_bytes(make_pdf(REPORT_PAGES), "seeds/brief.pdf")
    assert article.title == "Open Networks and Their Rivals"
    assert [a.name for a in article.authors] == ["Jane Example"]
    assert article.date == "2024-03"
    assert _headings(article) == ["INTRODUCTION", "LICENSING AS LEVERAGE"]
    assert article.kind == "report"
    assert "licence can shape which equipment is bought" in _body(article)
    assert not any(p.text.strip() == "2" for p in article.paragraphs())  # the page number is layout, not text


def test_superscript_note_marks_are_glued_to_their_words_and_link_to_their_notes() -> None:
    pdf = make_pdf_with_marks([[
        ["Clouds Over the Public Sector"], [],
        ["Ministries moved their mail to foreign clouds after the ruling.", ("1",), " Auditors then"],
        ["asked who holds the keys, and the answer was rarely the ministry itself.", ("2",)], [],
        ["Local partners now resell the same platforms under their own names and labels.", ("3",)], [],
        ["Notes"], ["1. The ruling struck down the framework for transfers abroad."],
        ["2. Keys held abroad can be demanded by the courts of another country."], ["3. Three partnerships were announced in one month."],
    ]])
    article = read_bytes(pdf, "seeds/marks.pdf")
    assert "after the ruling.1 Auditors then asked who holds the keys" in _body(article)
    assert [(c.text, c.reference) for c in article.citations] == [("1", "ref-1"), ("2", "ref-2"), ("3", "ref-3")]
    assert not any(p.text.strip() in {"1", "2", "3"} for p in article.paragraphs())


def test_words_broken_at_line_ends_are_whole_again() -> None:
    pdf = make_pdf_with_marks([[
        ["Clouds Over the Public Sector"], [],
        ["Ministries moved their mail to foreign clouds and the auditors asked for an inter-"],
        ["national review of the contracts, of every self-"],
        ["determination clause and of the exit costs that each ministry would face."], [],
        ["The review found that exit costs were rarely priced into the original contracts at all."],
    ]])
    article = read_bytes(pdf, "seeds/hyphens.pdf")
    assert "asked for an international review of the contracts, of every self-determination clause" in _body(article)
    assert any("inter-national" in d.message and "self-determination" in d.message for d in article.diagnostics)


def test_a_table_of_contents_is_left_out_and_said() -> None:
    pages = [
        [("Networks Under Pressure", 20), "", "Contents", "", "Introduction ........ 3", "Spectrum policy ....... 5",
         "Vendors and security ....... 9", "Conclusion ....... 14"],
        ["INTRODUCTION", "This report looks at networks in several countries and at the choices their regulators",
         "made over ten years of rollout, from the first auctions to the security reviews."],
    ]
    article = read_bytes(make_pdf(pages), "seeds/toc.pdf")
    assert _headings(article) == ["INTRODUCTION"]
    assert "Spectrum policy" not in _body(article)
    toc = [d.message for d in article.diagnostics if "table of contents" in d.message]
    assert len(toc) == 1 and "Contents" in toc[0] and "Vendors and security" in toc[0]


def test_a_reports_cover_gives_title_subtitle_authors_date_and_publisher_under_its_series_label() -> None:
    cover = [("POLICY REPORT", 14), "", ("Securing Europe's Subsea Cables", 24), ("Options for a Shared Repair Fleet", 16), "",
             "Maria Svensson and Paulo Reis", "", "November 2022", "", "Example Institute for Maritime Security"]
    page = ["Securing Europe's Subsea Cables    3", "", ("1. Introduction", 14), "",
            "Subsea cables carry almost all data traffic between Europe and other", "continents. When a cable is cut, repair depends on",
            "specialised ships, and the fleet is ageing (Reis, 2021, p. 14).", "", ("References", 14), "",
            "Reis, P. (2021). Cable repair and maritime security. Oslo: Example Press."]
    article = read_bytes(make_pdf([cover, page]), "seeds/cables.pdf")
    assert (article.title, article.subtitle) == ("Securing Europe's Subsea Cables", "Options for a Shared Repair Fleet")
    assert [(a.name, a.affiliations) for a in article.authors] == [("Maria Svensson", ()), ("Paulo Reis", ())]
    assert (article.date, article.publisher) == ("2022-11", "Example Institute for Maritime Security")  # under the date: the publisher
    assert "POLICY REPORT" in article.metadata_lines and article.kind == "report"


def test_a_report_with_an_institution_on_its_cover_and_page_of_pages_footers() -> None:
    """The institution over the title is the publisher; a title wrapped on the cover is one title; each "Page N of M"
    footer (padded apart by the layout) leaves the text, and the sentence a page break cut is whole again."""
    footer = "Securing the Core | March 2024" + " " * 40 + "Page {} of 3"
    cover = [("NATIONAL CYBER RESILIENCE COUNCIL", 12), "", ("Securing the Core: Telecom Supply Chains", 22), ("after 5G", 22), "",
             "A Report to Parliament", "", "March 2024"]
    one = [("1. Introduction", 14), "", "Telecommunications were long treated as a commercial market like any other. That view",
           "changed when several allied governments restricted the use of equipment from vendors at risk of", "", footer.format(2)]
    two = ["state interference. Our own rules followed in 2021, after a consultation of the operators.", "",
           ("Annex A: Methodology", 14), "", "We interviewed the four national operators and read their procurement records.", "", footer.format(3)]
    article = read_bytes(make_pdf([cover, one, two]), "seeds/report.pdf")
    assert (article.title, article.subtitle) == ("Securing the Core: Telecom Supply Chains after 5G", "A Report to Parliament")
    assert (article.publisher, article.date) == ("National Cyber Resilience Council", "2024-03")
    assert _headings(article) == ["1. Introduction", "Annex A: Methodology"]
    assert "vendors at risk of state interference. Our own rules" in _body(article) and "Page" not in _body(article)


def test_a_two_column_page_is_read_down_the_left_column_then_the_right() -> None:
    left = ["Data localisation laws have spread quickly since", "2015. Governments cite privacy, security and", "law enforcement access as reasons to require",
            "that data be stored within their borders.", "", "The costs fall mainly on small firms, which", "cannot afford local data centres in every",
            "market they serve (Weber, 2019)."]
    right = ["Large providers, by contrast, can build local", "regions and turn the rules into an advantage.", "This is one reason why localisation may",
             "entrench the firms it was meant to restrain.", "", "A better approach is to agree on common rules", "for access to data across borders, so that",
             "location matters less than governance."]
    lines = [("Localisation and Its Discontents", 20, 56, 800), ("Jonas Weber", 11, 56, 770), ("1. Introduction", 13, 56, 740)]
    for row, (a, b) in enumerate(zip(left, right)):
        lines += [(a, 10, 56, 715 - 14 * row), (b, 10, 310, 715 - 14 * row)]
    lines += [("References", 13, 56, 560), ("Weber, J. (2019). Data and borders. Berlin: Example Press.", 10, 56, 540)]
    article = read_bytes(make_pdf_placed([[line for line in lines if line[0]]]), "seeds/columns.pdf")
    assert [p.text.split()[0] for p in article.paragraphs()] == ["Data", "The", "Large", "A"]  # pdfminer alone: Data, Large, The, A
    assert _headings(article) == ["1. Introduction"]
    assert [r.text for r in article.references] == ["Weber, J. (2019). Data and borders. Berlin: Example Press."]
    assert _linked(article) == {"Weber, 2019": "ref-weber-2019"}


def test_a_pdf_without_a_text_layer_is_one_clear_error() -> None:
    with pytest.raises(InputError) as info:
        read_bytes(make_pdf([[""]], text_layer=False), "seeds/scan.pdf")
    assert "seeds/scan.pdf: error: the PDF has no text layer" in str(info.value)
    assert "OCR" in str(info.value)


def test_an_encrypted_pdf_is_one_clear_error() -> None:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(make_pdf(REPORT_PAGES)))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(InputError) as info:
        read_bytes(out.getvalue(), "seeds/locked.pdf")
    assert "seeds/locked.pdf: error: the PDF is encrypted" in str(info.value)


def test_a_damaged_pdf_is_one_clear_error() -> None:
    with pytest.raises(InputError) as info:
        read_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage", "seeds/broken.pdf")
    assert str(info.value).startswith("seeds/broken.pdf: error: the PDF")


def test_a_missing_reader_library_names_the_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pdfminer" else real(name, *a))
    with pytest.raises(InputError) as info:
        read_bytes(make_pdf(REPORT_PAGES), "seeds/brief.pdf")
    assert "pip install 'briefings[pdf]'" in str(info.value)


# --- a mixed corpus -------------------------------------------------------------------------------

def test_ingest_reads_every_kind_and_one_bad_file_does_not_stop_the_rest(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("jekyll_post_footnotes.md", "article_page.html", "broken_front_matter.md", "no_article.html"):
        (seeds / name).write_bytes((HERE / name).read_bytes())
    (seeds / "brief.pdf").write_bytes(make_pdf(REPORT_PAGES))
    (seeds / "scan.pdf").write_bytes(make_pdf([[""]], text_layer=False))
    report = ingest([seeds], tmp_path / "briefings")
    assert len(report.written) == 3
    errors = [p.format() for p in report.problems if p.severity == "error"]
    assert len(errors) == 3
    for name in ("broken_front_matter.md", "no_article.html", "scan.pdf"):
        assert sum(name in e for e in errors) == 1, errors
    written = sorted(p.name for p in (tmp_path / "briefings").glob("*.md"))
    assert written == ["open-networks-and-their-rivals.md", "undersea-cables-and-the-politics-of-repair.md",
                       "why-open-radio-networks-need-more-than-open-interfaces.md"]
    assert readers.SUFFIXES[".pdf"] == "pdf"


def test_links_of_the_original_stay_links_and_only_safe_schemes_do() -> None:
    from build_tools.render import render_body

    text = ("---\ntitle: Links in a post\n---\n\nRegulators publish [their decisions](https://example.org/decisions) "
            "and some [scripts](javascript:alert(1)) that readers should never run, plus a [contact](mailto:desk@example.org).\n")
    article = read_bytes(text.encode(), "seeds/links.md")
    assert [(link.url, article.paragraphs()[0].text[link.start:link.end]) for link in article.links] == [
        ("https://example.org/decisions", "their decisions"), ("mailto:desk@example.org", "contact")]
    body = render_body(article)
    assert "[their decisions](<https://example.org/decisions>)" in body
    assert "[contact](<mailto:desk@example.org>)" in body
    assert "[scripts](javascript" not in body and "(<javascript" not in body  # kept as escaped text, never a link
    assert "scripts" in body


def test_a_signed_order_names_its_signatory_as_inferred_author() -> None:
    from build_tools.seeds import parse_seed

    order = ("Order on Securing Public Radio Networks\n\nBy the authority vested in me as Governor, it is hereby ordered "
             "that every public radio network shall publish its list of equipment suppliers each year.\n\n"
             "Section 1. Purpose. Public networks carry emergency calls and must be trusted by the people who use them.\n\n"
             "MARIA K. SANTOS\n\nTHE STATE HOUSE,\nMarch 2, 2024.\n")
    article = parse_seed(order, "seeds/order.txt")
    assert [a.name for a in article.authors] == ["Maria K. Santos"]
    assert "authors" in article.inferred
    thanks = parse_seed("A short note on spectrum\n\nRegulators sold the band in two rounds, and prices fell.\n\nThank You\n", "x.txt")
    assert thanks.authors == ()


def test_an_undated_article_takes_its_year_from_its_doi_or_file_name_marked_inferred() -> None:
    from build_tools.seeds import parse_seed

    body = "\n\nRegulators in three small states sold mid-band spectrum with security conditions attached to it.\n"
    with_doi = parse_seed("Spectrum and security in small states\n\nDOI: 10.5555/jsp.2019.0042" + body, "seeds/a.txt")
    assert (with_doi.date, "date" in with_doi.inferred) == ("2019", True)
    by_name = parse_seed("Spectrum and security in small states" + body, "seeds/2020-05-spectrum-security.txt")
    assert (by_name.date, "date" in by_name.inferred) == ("2020-05", True)
    undated = parse_seed("Spectrum and security in small states" + body, "seeds/spectrum.txt")
    assert (undated.date, "date" in undated.inferred) == (None, False)
    dated = parse_seed("Spectrum and security in small states\n\n3 March 2018" + body, "seeds/2020-05-x.txt")
    assert (dated.date, "date" in dated.inferred) == ("2018-03-03", False)


def test_every_word_of_a_pages_article_reaches_the_record() -> None:
    import lxml.html

    page = (HERE / "article_page.html").read_bytes()
    article_text = lxml.html.document_fromstring(page).xpath("//article")[0].text_content()
    article = read_bytes(page, "seeds/article_page.html")
    missing = Counter(WORD.findall(article_text)) - Counter(record_words(article))
    assert not missing, missing


def test_an_alias_bomb_in_a_seeds_front_matter_is_one_error_not_a_hang() -> None:
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)) + "title: Boom\n---\nText of the post.\n"
    with pytest.raises(InputError) as info:
        read_bytes(bomb.encode(), "seeds/bomb.md")
    assert str(info.value).startswith("seeds/bomb.md:") and "front matter" in str(info.value)


def test_mojibake_in_a_markdown_file_is_repaired_and_said() -> None:
    text = "---\ntitle: Caf\u00c3\u00a9 networks\n---\n\nThe operator\u00e2\u20ac\u2122s plan is clear enough for a regulator to read.\n"
    article = read_bytes(text.encode("utf-8"), "seeds/mojibake.md")
    assert article.title == "Caf\u00e9 networks" and "operator\u2019s plan" in _body(article)
    assert any("repaired 2 mojibake sequences" in d.message for d in article.diagnostics)
