"""The line under a briefing's title: the author's dek, else the abstract's first sentence, else the body's."""

from __future__ import annotations

from build_tools.briefing_file import load_briefing_text
from build_tools.corpus import doc_from_file


def _dek(front_matter: str, body: str) -> str | None:
    bf, problems = load_briefing_text(f"---\ntitle: Denmark bars high-risk vendors\n{front_matter}---\n\n{body}", "briefings/x.md")
    assert bf is not None and not problems
    return doc_from_file(bf, None).dek


def test_a_news_dateline_is_not_part_of_the_dek() -> None:
    body = "COPENHAGEN — Denmark will bar equipment from high-risk vendors. Operators have until 2026.\n"
    assert _dek("", body) == "Denmark will bar equipment from high-risk vendors."


def test_the_dek_is_the_authors_then_the_abstracts_first_sentence() -> None:
    body = "COPENHAGEN — Denmark will bar equipment from high-risk vendors.\n"
    assert _dek("dek: Written by the author.\n", body) == "Written by the author."
    assert _dek("abstract: An abstract opens here. It goes on.\n", body) == "An abstract opens here."
    assert _dek("", "Denmark will bar equipment.[1] Operators have until 2026.\n") == "Denmark will bar equipment."


def test_a_speechs_greeting_is_not_its_dek() -> None:
    body = ("Thank you for the invitation. It is a pleasure to be back.\n\n"
            "Five years ago, few people used the words digital sovereignty. Today everyone does.\n")
    assert _dek("", body) == "Five years ago, few people used the words digital sovereignty."


def test_a_chinese_articles_dek_is_its_first_sentence_and_no_key_point_repeats_it() -> None:
    from build_tools.analysis import Analyser
    from build_tools.seeds import parse_seed
    from tests.unit.test_header_shapes import CHINESE

    first = "近年来，欧洲各国政府越来越关注数据存储的地点和控制权。"
    assert _dek("", "\n\n".join(CHINESE.split("\n\n")[2:])) == first, "。 ends the dek as . does"
    analysis = Analyser.prepare(())(parse_seed(CHINESE, "zh.txt"))
    assert analysis.key_points and first not in [k.text for k in analysis.key_points]
