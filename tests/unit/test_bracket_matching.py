"""The link processors' bracket matching steps from bracket to bracket, and finds what Python-Markdown finds."""

from __future__ import annotations

import markdown
from hypothesis import given
from hypothesis import strategies as st
from markdown.inlinepatterns import LinkInlineProcessor

from build_tools.markdown_ext import BracketEnds, quicken_bracket_matching

EXTENSIONS = ["attr_list", "toc", "tables"]


@given(st.text(alphabet="[]()!a \\", max_size=40))
def test_each_bracket_closes_where_python_markdown_says_it_does(text: str) -> None:
    full = LinkInlineProcessor._findBracketEnds(text)
    quick = BracketEnds(text)
    for index in range(len(text) + 1):
        assert quick[index] == full[index], (text, index)


def _both(text: str) -> tuple[str, str]:
    plain = markdown.Markdown(extensions=EXTENSIONS).convert(text)
    quick = markdown.Markdown(extensions=EXTENSIONS)
    quicken_bracket_matching(quick)
    assert sum(isinstance(p, LinkInlineProcessor) and p._findBracketEnds is BracketEnds for p in quick.inlinePatterns) >= 6
    return plain, quick.convert(text)


def test_links_images_and_references_of_every_shape_convert_as_before() -> None:
    text = (
        "As [Weiss (2015, p. 413)](#ref-weiss-2015) argues, and [a [nested] link](https://example.org/a_(b)) shows,\n"
        "an ![image [alt]](pic.png \"t\") sits beside [a reference][r], [r][] and [r], a note mark[^1] and [1],\n"
        "an [unclosed bracket, a ] stray one, `[code]` and \\[escaped\\] ones.\n\n[r]: https://example.org/r\n"
    )
    plain, quick = _both(text)
    assert quick == plain
    assert quick.count("<a ") == 5 and "<img " in quick


@given(st.text(alphabet="[]()!a \n:\\`<>", max_size=60))
def test_any_text_of_link_characters_converts_as_python_markdown_converts_it(text: str) -> None:
    plain, quick = _both(text)
    assert quick == plain
