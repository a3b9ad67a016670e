"""Date lines as written in real headers."""

from __future__ import annotations

import pytest

from build_tools.dates import date_line_value

CASES = {
    "13 Jun 2019|": "2019-06-13",
    "18/09/2024": "2024-09-18",
    "09/18/2024": "2024-09-18",
    "September 18, 2024": "2024-09-18",
    "Sept. 18 2024": "2024-09-18",
    "PUBLISHED ON: 30 Sep 2021 DOI: 10.1234/x": "2021-09-30",
    "Volume 13, Issue 3, December 2016": "2016-12",
    "Wednesday 30 September 2020": "2020-09-30",
    "| February 6, 2024": "2024-02-06",
    "Policy Brief No. 185 — June 2024": "2024-06",
    "Online:2023-11-10 Published:2023-12-10": "2023-12-10",
    "Issue BriefsPublished on Nov 16, 2021": "2021-11-16",
    "14.11.2022": "2022-11-14",
    "March 2nd, 2023": "2023-03-02",
}


@pytest.mark.parametrize("line,iso", CASES.items())
def test_date_lines(line: str, iso: str) -> None:
    assert date_line_value(line) == iso


@pytest.mark.parametrize("line", [
    "Digital sovereignty at the Masters of digital 2021 event",
    "The first paragraph of the body mentions that on October 7, 2022, the administration announced new controls on exports.",
    "31/02/2020 is not a day",
])
def test_not_date_lines(line: str) -> None:
    assert date_line_value(line) is None
