"""ALL-CAPS headings in sentence case for a briefing's table of contents, their section numbers as written."""

from __future__ import annotations

import pytest

from build_tools.site.toc import sentence_case

CASES = [
    ("EXECUTIVE SUMMARY", "Executive summary"),
    ("I. INTRODUCTION", "I. Introduction"),
    ("II. BACKGROUND AND RELATED WORK", "II. Background and related work"),  # not "Ii. background …"
    ("A. LEGAL EXPOSURE", "A. Legal exposure"),
    ("PART IV: THE VENDORS", "Part IV: The vendors"),
    ("2.1 MARKET CONCENTRATION", "2.1 Market concentration"),
    ("3) METHOD", "3) Method"),
    ("10 YEARS OF 5G", "10 years of 5G"),  # a number that is not a section's
    ("WHY CHINA AND THE EU DISAGREE", "Why China and the EU disagree"),
    ("Already in Sentence case", "Already in Sentence case"),
]


@pytest.mark.parametrize("heading,expected", CASES, ids=[c[0] for c in CASES])
def test_section_numbers_and_roman_numerals_keep_their_case(heading: str, expected: str) -> None:
    assert sentence_case(heading, frozenset({"China", "EU", "5G"})) == expected
