"""'Did you mean' for a cross-link to a briefing that does not exist."""

from __future__ import annotations

from build_tools.check import SlugSuggester

SLUGS = [
    "huawei-and-the-5g-security-debate",
    "russia-in-the-digital-world-international-competition-and-leadership",
    "beijing-and-moscow-lay-the-groundwork-for-a-digital-authoritarian-future",
    "data-localisation-in-india",
    *(f"weekly-digital-policy-roundup-{i}" for i in range(1, 600)),
]


def test_a_mistyped_word_or_a_missing_word_finds_the_briefing() -> None:
    suggest = SlugSuggester(SLUGS)
    assert suggest("huawei-and-the-5g-securty-debate") == "huawei-and-the-5g-security-debate"
    assert suggest("russia-in-the-digital-world-international-competition") == "russia-in-the-digital-world-international-competition-and-leadership"
    assert suggest("data-localization-in-india") == "data-localisation-in-india"


def test_a_number_among_hundreds_of_like_slugs_is_found_and_nonsense_gets_no_suggestion() -> None:
    suggest = SlugSuggester(SLUGS)
    assert suggest("weekly-digital-policy-rondup-417") == "weekly-digital-policy-roundup-417"
    assert suggest("no-such-briefing") is None
    assert suggest("zzz") is None
