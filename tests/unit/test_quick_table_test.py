"""The quick table test gives exactly the HTML of Python-Markdown's own `tables`, on tables and on everything else."""

from __future__ import annotations

import markdown
from hypothesis import given
from hypothesis import strategies as st

from build_tools.markdown_ext import QuickTableTest, quicken_table_test

EXTENSIONS = ["tables", "attr_list", "toc"]


def _both(text: str) -> tuple[str, str]:
    plain = markdown.Markdown(extensions=EXTENSIONS).convert(text)
    quick = markdown.Markdown(extensions=EXTENSIONS)
    quicken_table_test(quick)
    assert type(quick.parser.blockprocessors["table"]) is QuickTableTest
    return plain, quick.convert(text)


def test_tables_of_every_shape_are_still_tables_and_paragraphs_still_paragraphs() -> None:
    cases = {
        "a | b\n--|--\n1 | 2": True,
        "| a | b |\n|---|:-:|\n| 1 | 2 |": True,
        "| one |\n| --- |\n| x |": True,
        "`a|b` | c\n---|---\nx|y": True,
        "a \\| b | c\n-- | --\n1|2": True,
        "A paragraph with a | pipe in it.\n{: #p-1 }": False,
        "a|b\n|--|--|extra": False,
        "line one\nline two": False,
    }
    for text, is_table in cases.items():
        plain, quick = _both(text)
        assert quick == plain, text
        assert ("<table>" in quick) is is_table, text


@given(st.lists(st.text(alphabet="|:- `\\\tab{}#\n", max_size=12), min_size=1, max_size=5).map("\n".join))
def test_any_block_of_table_characters_converts_as_python_markdown_converts_it(text: str) -> None:
    plain, quick = _both(text)
    assert quick == plain
