"""A hand-written briefing in the shapes Python-Markdown knows, rendered by the real build.

One Markdown pass (build_tools/markdown_ext.py): anchors, glossary marks and
reference links are made on the element tree, so each shape below renders as
Python-Markdown says it is, with no literal `{: … }`, every block anchored
and no link inside code or an attribute. The briefing text is written for
this test (CC0).
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from build_tools.body import parse_body
from build_tools.briefing_file import load_briefing
from tests.conftest import BIN, make_scratch_project, run

SLUG = "spectrum-notes-for-small-states"
BRIEFING = """---
title: Spectrum notes for small states
date: 2024-03-01
themes: [5g]
---

Operators in small states weigh `5G` licences against their budgets and their debts.

<!-- editor: check the figures below -->
Huawei offered 5G equipment at a lower price than its rivals in 2023, and several operators accepted.

![A chart: 4G > 5G coverage](https://example.org/chart.png)

Most subscribers in these markets still carry 4G phones, and will for years.

Coverage targets
----------------

Regulators publish coverage targets every year, and operators report against them.

    radio.mode = 5G
    radio.fallback = 4G

| Year | New 5G sites |
|------|--------------|
| 2022 | 40           |
| 2023 | 95           |

The number of new sites more than doubled in a year, from a low base.

> A regulator said the targets were ambitious but within reach.

- Licences are granted for fifteen years.
- Fees are paid in instalments.

## References

Example Regulator (2024) Annual coverage report. Available at: &lt;example.org/coverage-2024&gt;
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, lxml.html.HtmlElement]:
    project = make_scratch_project(tmp_path_factory.mktemp("ext") / "p", seeds=[])
    (project / "briefings" / f"{SLUG}.md").write_text(BRIEFING, encoding="utf-8")
    result = run([str(BIN / "mkdocs"), "build"], project)
    assert result.returncode == 0, result.stderr
    assert "unrecognized relative link" not in result.stderr, "glossary links go to glossary.md, which MkDocs resolves and checks"
    page = (project / "site" / "briefings" / SLUG / "index.html").read_text(encoding="utf-8")
    return project, lxml.html.fromstring(page)


def _body(tree: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The article's own blocks: everything after the "Full text" heading up to the page's own closing sections."""
    full = tree.get_element_by_id("full-text")
    out = []
    for el in full.itersiblings():
        if el.tag in ("section", "aside", "nav") or el.get("id") in ("related-briefings", "linked-from", "cite-this-briefing"):
            break
        out.append(el)
    return out


def _text(el: lxml.html.HtmlElement) -> str:
    """A block's text as a reader reads it: without its "¶" copy-link button (a control, not the article's text)."""
    clone = lxml.html.fromstring(lxml.html.tostring(el, encoding="unicode"))
    for button in clone.xpath('.//button[contains(@class, "bf-para-link")]'):
        button.drop_tree()
    return clone.text_content()


def _html(elements: list[lxml.html.HtmlElement]) -> str:
    return "".join(lxml.html.tostring(e, encoding="unicode") for e in elements)


def test_no_literal_attribute_list_reaches_the_page(built) -> None:
    _, tree = built
    body = _body(tree)
    assert "{:" not in " ".join(e.text_content() for e in body)
    assert "{:" not in _html(body)


def test_an_indented_code_block_is_code_as_written(built) -> None:
    _, tree = built
    code = [e for e in _body(tree) if e.tag == "pre"]
    assert len(code) == 1
    assert code[0].text_content() == "radio.mode = 5G\nradio.fallback = 4G\n"
    assert code[0].find(".//a") is None


def test_a_setext_heading_is_a_heading_and_the_paragraph_under_it_is_anchored(built) -> None:
    _, tree = built
    body = _body(tree)
    headings = [e for e in body if e.tag == "h2"]
    assert [h.text_content() for h in headings][:1] == ["Coverage targets"]
    after = body[body.index(headings[0]) + 1]
    assert after.tag == "p" and after.get("id", "").startswith("p-") and _text(after).startswith("Regulators publish")
    toc = [a.text_content().strip() for a in tree.xpath('//nav[contains(@class, "md-nav--secondary")]//a')]
    assert "Coverage targets" in toc


def test_a_table_is_one_anchored_block_with_no_anchor_text_in_its_rows(built) -> None:
    _, tree = built
    tables = [e for e in _body(tree) if e.tag == "table"]
    assert len(tables) == 1 and tables[0].get("id", "").startswith("p-")
    cells = [_text(c).strip() for c in tables[0].iter("td", "th")]
    assert cells == ["Year", "New 5G sites", "2022", "40", "2023", "95"]


def test_a_paragraph_after_an_html_comment_is_anchored_analysed_and_searchable(built) -> None:
    project, tree = built
    para = next(e for e in _body(tree) if _text(e).startswith("Huawei offered"))
    assert para.tag == "p" and para.get("id", "").startswith("p-")
    bf, _ = load_briefing(project / "briefings" / f"{SLUG}.md", f"briefings/{SLUG}.md")
    body = parse_body(bf.body, bf.body_line)
    assert any(p.id == para.get("id") and p.text.startswith("Huawei offered") for p in body.paragraphs)
    assert para in tree.xpath("//*[@data-pagefind-body]//p")


def test_a_term_in_code_or_in_an_attribute_is_never_linked(built) -> None:
    _, tree = built
    body = _body(tree)
    assert all(code.find(".//a") is None for e in body for code in e.iter("code"))
    image = next(img for e in body for img in e.iter("img"))
    assert image.get("alt") == "A chart: 4G > 5G coverage"
    marks = {a.text_content(): a for e in body for a in e.iter("a") if "bf-term" in (a.get("class") or "")}
    assert set(marks) >= {"5G", "4G"}
    # The first use outside code: 5G in the Huawei paragraph (not the code span before it), 4G in the
    # subscribers paragraph (not the image's alt text before it).
    assert _text(marks["5G"].getparent()).startswith("Huawei offered")
    assert _text(marks["4G"].getparent()).startswith("Most subscribers")
    assert sum(1 for e in body for a in e.iter("a") if "bf-term" in (a.get("class") or "")) == len(marks)


def test_every_block_is_anchored_with_the_ids_the_analysis_reads(built) -> None:
    project, tree = built
    body = _body(tree)
    blocks = [e for e in body if e.tag in ("p", "table", "ul", "ol")] + [p for e in body if e.tag == "blockquote" for p in e.iter("p")]
    assert blocks and all(e.get("id") for e in blocks), [lxml.html.tostring(e)[:80] for e in blocks if not e.get("id")]
    bf, _ = load_briefing(project / "briefings" / f"{SLUG}.md", f"briefings/{SLUG}.md")
    parsed = parse_body(bf.body, bf.body_line)
    in_page = [e.get("id") for e in body for e in ([e] if e.tag != "blockquote" else e.iter("p")) if e.get("id", "").startswith("p-")]
    assert [p.id for p in parsed.paragraphs] == in_page
    assert [r.id for r in parsed.references] == ["ref-1"]


def test_every_paragraph_block_carries_its_copy_link_button_in_the_html(built) -> None:
    """The "¶" buttons are built with the page, not by a script on load: one per p-N block, first in it (in a list's
    first item, a table's first cell), named for screen readers and kept out of the search index."""
    _, tree = built
    blocks = [e for e in tree.xpath("//*[@data-pagefind-body]//*[starts-with(@id, 'p-')]")]
    assert len(blocks) >= 6
    for block in blocks:
        buttons = block.xpath('.//button[contains(@class, "bf-para-link")]')
        number = block.get("id").removeprefix("p-")
        assert len(buttons) == 1, lxml.html.tostring(block)[:120]
        button = buttons[0]
        assert button.text_content() == "¶" and button.get("type") in (None, "button"), "no form to submit"
        assert button.get("aria-label") == f"Copy link to paragraph {number}"
        assert button.get("data-pagefind-ignore") is not None
        holder = button.getparent()
        assert holder.index(button) == 0 and not (holder.text or "").strip()
        assert holder.tag == {"table": "th", "ul": "li", "ol": "li"}.get(block.tag, block.tag)
    assert not tree.xpath("//*[starts-with(@id, 'ref-')]//button"), "references have no copy button"


def test_a_bare_reference_address_becomes_a_link(built) -> None:
    _, tree = built
    ref = tree.get_element_by_id("ref-1")
    links = [a.get("href") for a in ref.iter("a")]
    assert links == ["https://example.org/coverage-2024"]
    assert ref.text_content().endswith("<example.org/coverage-2024>")


def test_a_site_can_override_a_page_template(tmp_path: Path) -> None:
    """`briefings/cite.html` in the theme's custom_dir replaces the package's "Cite this briefing" block, autoescaped."""
    project = make_scratch_project(tmp_path / "p", seeds=[])
    (project / "briefings" / f"{SLUG}.md").write_text(BRIEFING.replace("title: Spectrum notes", "title: <b>Spectrum</b> notes"), encoding="utf-8")
    (project / "overrides" / "briefings").mkdir(parents=True)
    (project / "overrides" / "briefings" / "cite.html").write_text(
        '<section class="my-cite"><h2 id="cite-this-briefing">Cite</h2>{% for f in formats %}<pre>{{ f.text }}</pre>{% endfor %}</section>\n',
        encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run([str(BIN / "mkdocs"), "build"], project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "briefings" / SLUG / "index.html").read_text(encoding="utf-8")
    assert '<section class="my-cite">' in html and 'class="bf-cite"' not in html
    assert "&lt;b&gt;Spectrum&lt;/b&gt; notes" in html.split('<section class="my-cite">', 1)[1]
