"""The built site's pages, node by node: what a reader would notice if it went missing."""

from __future__ import annotations

import gzip
import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from build_tools.body import Body, parse_body
from build_tools.caches.same_object import SameObjectMemo
from build_tools.corpus import Corpus, Doc, build_corpus
from build_tools.site import pages
from build_tools.site.csp import (
    add_csp_meta,
    rendered_scripts,
    script_hash,
    source_for,
    template_scripts,
    theme_script_hashes,
)
from build_tools.model import Anchored, Author, Entity, GlossaryEntry, Theme, ThemeScore
from build_tools.readers import read_seed
from tests.conftest import ARTIFACTS, SEEDS

SLUGS = {("journal" if "Sotsialnye seti" in s.read_text(encoding="utf-8") else "oped"): read_seed(s).slug for s in SEEDS}
TITLES = {read_seed(s).slug: read_seed(s).title for s in SEEDS}


def _html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _article(page: str) -> str:
    return page[page.index('<article class="md-content__inner'): page.rindex("</article>")]


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site / "site"


@pytest.fixture(scope="module")
def journal(site: Path) -> str:
    return _html(site, f"briefings/{SLUGS['journal']}")


@pytest.fixture(scope="module")
def oped(site: Path) -> str:
    return _html(site, f"briefings/{SLUGS['oped']}")


# ------------------------------------------------------------------ briefing page
def test_a_briefing_page_shows_its_parts_in_reading_order(journal: str) -> None:
    article = _article(journal)
    order = ['class="bf-kicker"', 'class="bf-type"', 'class="bf-theme"', 'id="title"', 'class="bf-dek"', 'class="bf-byline"',
             'class="bf-meta"', 'id="key-points"', 'id="summary"', 'id="full-text"', 'id="p-1"', 'id="references"',
             'id="related-briefings"', 'id="cite-this-briefing"']
    positions = [article.find(marker) for marker in order]
    assert -1 not in positions, [m for m, p in zip(order, positions) if p < 0]
    assert positions == sorted(positions), "parts out of order"
    assert article.count("<h1") == 1


def test_the_header_links_themes_and_gives_byline_date_reading_time_and_source(journal: str, oped: str) -> None:
    header = _article(journal).split("</header>", 1)[0]
    assert re.search(r'<a class="bf-theme" href="\.\./\.\./themes/(sovereignty|ecosystems|5g)/">', header)
    assert _text(header.split('class="bf-byline"', 1)[1].split("</p>", 1)[0]).startswith(">By Andrei O. Bezrukov")
    assert "Affiliations" in header and "MGIMO University" in header
    assert re.search(r"\d+ min read", header)
    assert 'href="https://doi.org/10.31278/1810-6374-2021-19-2-64-85"' in header
    oped_header = _article(oped).split("</header>", 1)[0]
    assert '<time datetime="2019-06-13">13 June 2019</time>' in oped_header


def test_key_points_and_summary_render_emphasis_and_link_every_sentence_to_its_paragraph(journal: str) -> None:
    article = _article(journal)
    for box in ("bf-keypoints", "bf-summary"):
        part = article.split(f'class="{box}"', 1)[1].split("</aside>" if box == "bf-keypoints" else "</section>", 1)[0]
        assert "*" not in _text(part), f"raw asterisks in {box}"
    assert "<em>its positions with China</em>" in article
    summary = article.split('class="bf-summary"', 1)[1].split("</section>", 1)[0]
    links = re.findall(r'<a class="bf-sum" href="#(p-\d+)" data-bf-preview="(p-\d+)">', summary)
    assert len(links) >= 3 and all(href == preview for href, preview in links)
    for pid, _ in links:
        assert f'<p id="{pid}"' in article


def test_the_table_of_contents_nests_the_article_headings_under_full_text(journal: str) -> None:
    toc = journal[journal.index('data-md-type="toc"'):]
    toc = toc[: toc.index('<div class="md-content"')]
    labels = [_text(t) for t in re.findall(r'<span class="md-ellipsis">(.*?)</span>', toc, re.DOTALL)]
    assert labels[:3] == ["Key points", "Summary", "Full text"]
    assert labels[3] == "Measuring the impact of technology on international relations"
    assert labels[-3:] == ["References", "Related briefings", "Cite this briefing"]


def test_citations_link_to_references_that_say_where_they_are_cited(journal: str) -> None:
    article = _article(journal)
    refs = re.findall(r'<p class="bf-ref" id="(ref-[\w-]+)">(.*?)</p>', article, re.DOTALL)
    assert len(refs) >= 20
    cited = {ref: re.findall(r'<a href="#(p-\d+)">¶(\d+)</a>', body) for ref, body in refs}
    assert cited["ref-campos-2020"] == [("p-2", "2")]
    assert 'href="#ref-campos-2020"' in article.split('id="p-2"', 1)[1].split("</p>", 1)[0]
    assert 'href="https://vc.ru/social/182436-socialnye-seti-v-rossii-cifry-i-trendy"' in dict(refs)["ref-analytics-2020"]


def test_glossary_terms_are_marked_once_with_a_definition_and_a_link(oped: str) -> None:
    article = _article(oped)
    terms = re.findall(r'<a class="bf-term" data-bf-def="([^"]*)" href="([^"]+)">([^<]+)</a>', article)
    assert terms, "no glossary term marked"
    names = [t[2] for t in terms]
    assert len(names) == len(set(names)), "a term is marked more than once"
    title, href, _ = next(t for t in terms if t[2] == "5G")
    assert href == "../../glossary/#term-5g" and "fifth generation" in title


def test_search_indexes_the_briefing_text_and_skips_the_furniture(site: Path, journal: str) -> None:
    article = _article(journal)
    assert article.count("data-pagefind-body") == 1
    for part in ('class="bf-kicker"', 'class="bf-keypoints"', 'class="bf-summary"', 'class="bf-related"', 'class="bf-cite"', 'class="bf-meta"'):
        tag = article.split(part, 1)[1].split(">", 1)[0]
        assert "data-pagefind-ignore" in tag, part
    assert 'data-pagefind-meta="title"' in article
    for page in site.rglob("*.html"):
        if "pagefind" in page.relative_to(site).parts or "/briefings/" in page.as_posix():
            continue
        assert not re.search(r"<[^>]*\sdata-pagefind-body", page.read_text(encoding="utf-8")), page  # as an attribute (the docs may name it)
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(SEEDS)
    assert not (site / "search" / "search_index.json").exists(), "Material's own search plugin must stay off"


def test_cite_this_briefing_gives_apa_bibtex_and_ris(journal: str) -> None:
    cite = _article(journal).split('class="bf-cite"', 1)[1]
    blocks = [html.unescape(b) for b in re.findall(r"<code>(.*?)</code>", cite, re.DOTALL)]
    assert [label for label in re.findall(r'<label for="bf-cite-\w+">(\w+)</label>', cite)] == ["APA", "BibTeX", "RIS"]
    assert blocks[0].startswith("Bezrukov, A. O., Mamonov, M. V., Suchkov, M. A., & Sushentsov, A. A. (")
    assert blocks[0].endswith("https://doi.org/10.31278/1810-6374-2021-19-2-64-85")
    assert blocks[1].startswith("@article{bezrukov") and "doi = {10.31278/1810-6374-2021-19-2-64-85}" in blocks[1]
    assert blocks[2].startswith("TY  - JOUR\nAU  - Andrei O. Bezrukov") and blocks[2].endswith("ER  - ")


# ------------------------------------------------------------------ corpus pages
def test_home_says_what_the_site_is_and_lists_themes_with_counts_and_latest_briefings(site: Path) -> None:
    home = _article((site / "index.html").read_text(encoding="utf-8"))
    assert "Policy articles on technology and geopolitics" in home
    themes = re.findall(r'<a class="bf-theme-card-title" href="themes/([\w-]+)/">([^<]+)</a><span class="bf-count">(\d+) briefings?</span>', home)
    assert [t[0] for t in themes] == ["5g", "sovereignty", "ecosystems"]
    latest = re.findall(r'<a class="bf-card-title" href="briefings/([\w-]+)/">', home)
    assert sorted(latest) == sorted(SLUGS.values())
    assert 'href="feed.xml"' in home


def test_a_theme_hub_ranks_briefings_and_quotes_their_best_passage(site: Path) -> None:
    hub = _article(_html(site, "themes/5g"))
    assert "5G and later mobile generations" in hub
    scores = [float(s) for s in re.findall(r"theme score (\d+\.\d+)", hub)]
    assert scores and scores == sorted(scores, reverse=True)
    passage = re.search(r'<blockquote class="bf-passage"><p>(.*?)</p><p class="bf-passage-link"><a href="\.\./\.\./briefings/([\w-]+)/#(p-\d+)">', hub, re.DOTALL)
    assert passage, "no passage quoted and linked"
    source = _article(_html(site, f"briefings/{passage.group(2)}"))
    paragraph = source.split(f'id="{passage.group(3)}"', 1)[1].split("</p>", 1)[0]
    assert _text(passage.group(1)).rstrip("…")[:60] in _text(paragraph)


def test_the_glossary_has_an_entry_per_term_with_its_source_paragraph(site: Path) -> None:
    glossary = _article(_html(site, "glossary"))
    ids = re.findall(r'<dt id="(term-[\w-]+)">', glossary)
    assert len(ids) == len(set(ids)) >= 5
    entry = glossary.split('<dt id="term-5g">', 1)[1].split("</dd>", 1)[0]
    assert "fifth generation" in entry
    assert re.search(r'Defined in <a href="\.\./briefings/[\w-]+/#p-\d+">[^<]+ ¶\d+</a>', entry)


def test_the_entity_index_lists_people_organisations_and_places_with_paragraphs(site: Path) -> None:
    entities = _article(_html(site, "entities"))
    for heading in ("People", "Organisations", "Places"):
        assert f">{heading}</h2>" in entities
    putin = entities.split("<strong>Vladimir Putin</strong>", 1)[1].split("</ul>", 1)[0]
    assert re.search(r'href="\.\./briefings/[\w-]+/#p-\d+">¶\d+</a>', putin)


def test_the_archive_lists_briefings_by_year_and_tags(site: Path) -> None:
    archive = _article(_html(site, "archive"))
    years = re.findall(r'<h2 id="year-([\w-]+)">', archive)
    numeric = [y for y in years if y.isdigit()]
    assert numeric == sorted(numeric, reverse=True) and "2019" in years
    assert years[-1] in ("undated",) or years[-1].isdigit()
    assert '<h2 id="tags">Tags</h2>' in archive


def test_the_feed_is_atom_with_every_briefing_and_no_build_time(site: Path) -> None:
    feed = ET.fromstring((site / "feed.xml").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) == len(SEEDS)
    assert {e.find("a:title", ns).text for e in entries} == set(TITLES.values())
    stamps = {u.text for u in feed.iter("{http://www.w3.org/2005/Atom}updated")}
    assert "2023-11-14T22:13:20Z" not in stamps and all(s.endswith("T00:00:00Z") for s in stamps), stamps


def test_the_sitemap_lists_briefings_and_corpus_pages(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for url in [f"briefings/{s}/" for s in SLUGS.values()] + ["themes/5g/", "glossary/", "entities/", "archive/"]:
        assert f"{url}</loc>" in sitemap, url


def test_every_page_has_the_header_search_form_and_the_feed_link(site: Path) -> None:
    for page in site.rglob("index.html"):
        if "pagefind" in page.relative_to(site).parts:
            continue
        text = page.read_text(encoding="utf-8")
        assert 'type="application/atom+xml"' in text, page
        if page.parent.name != "search":
            form = re.search(r'<form class="bf-header-search" role="search" action="([^"]+)" method="get">', text)
            assert form and form.group(1).endswith("search/") and not form.group(1).startswith("/"), page


# ------------------------------------------------------------------ Content-Security-Policy
def test_every_page_has_a_policy_that_allows_exactly_the_theme_scripts(site: Path) -> None:
    pages_seen = 0
    for page in site.rglob("*.html"):
        if "pagefind" in page.relative_to(site).parts:
            continue
        text = page.read_text(encoding="utf-8")
        metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert len(metas) == 1, page
        head = text[: text.index("</head>")]
        assert head.index("Content-Security-Policy") < head.find("<script"), f"{page}: the policy must come before any script"
        policy = dict(d.strip().split(" ", 1) for d in metas[0].split(";"))
        assert policy["object-src"] == "'none'" and "'unsafe-inline'" not in policy["script-src"]
        inline = [m.group(2) for m in re.finditer(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", text, re.DOTALL) if "json" not in m.group(1)]
        assert inline, page
        for script in inline:
            assert script_hash(script) in policy["script-src"], f"{page}: an inline theme script is not allowed"
        pages_seen += 1
    assert pages_seen >= 12


def test_the_policy_allows_only_the_theme_scripts_as_rendered_for_the_page() -> None:
    import jinja2

    templates = ['<script>__md_scope=new URL("{{ config.extra.scope | d(base_url) }}",location),__md_hash=e=>[...e].length</script>',
                 '<script id="__config" type="application/json">{{ config | tojson }}</script>', "<script>{{ x }}</script>",
                 '<script>window.location.replace(["{{ page.meta.location }}"].join(""))</script>']
    scripts = template_scripts(templates)
    assert len(scripts) == 1, "JSON blocks and scripts with any value but config and base_url are never hashed"
    rendered = rendered_scripts(scripts, jinja2.Environment(), {"config": {"extra": {}}, "base_url": "../.."})
    theme = '__md_scope=new URL("../..",location),__md_hash=e=>[...e].length'
    assert rendered == (theme,)
    page = (f'<head><meta charset="utf-8"><title><script>alert(1)</script></title><script>{theme}</script></head>'
            '<body><script>__md_scope=new URL("x",location),__md_hash=e=>[...e].length</script>'
            '<script>__md_scope=new URL("a"+alert(1)+"",location),__md_hash=e=>[...e].length</script></body>')
    assert theme_script_hashes(page, rendered) == [script_hash(theme)], "a script that would have matched the template pattern is not allowed"
    out = add_csp_meta(page, rendered)
    assert out.index("Content-Security-Policy") < out.index("<title>")
    assert "base-uri 'none'" in out


def test_a_published_site_trusts_only_its_own_folder() -> None:
    assert source_for("https://owner.github.io/repo") == "https://owner.github.io/repo/"
    assert source_for("http://127.0.0.1:8000/") == "'self'" and source_for(None) == "'self'"


# ------------------------------------------------------------------ page weight
def test_page_weight_of_a_briefing(site: Path) -> None:
    page = site / "briefings" / SLUGS["journal"] / "index.html"
    raw = page.read_bytes()
    packed = len(gzip.compress(raw, 9, mtime=0))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "briefing-html-weight.json").write_text(json.dumps({"page": page.relative_to(site).as_posix(), "raw": len(raw), "gzip": packed}), encoding="utf-8")
    assert len(raw) < 200_000 and packed < 40_000, (len(raw), packed)


# ------------------------------------------------------------------ pure page functions
def _doc(**changes) -> Doc:
    values: dict = {
        "slug": "x", "path": "briefings/x.md", "title": "A *title*", "subtitle": None, "date": "2020-02-03", "type": "commentary",
        "authors": (Author("Jane Q. Doe", ("Example Institute",)),), "publisher": "Example Press", "source_url": "https://example.org/a",
        "doi": None, "abstract": None, "dek": "One sentence.", "keywords": (), "tags": (), "draft": False, "themes": (),
        "reading_time_minutes": 3, "summary": (Anchored("First *point*.", "p-1"),), "key_points": (Anchored("Key <b>point</b>.", "p-1"),),
        "glossary": (), "entities": (), "paragraph_themes": (), "body": parse_body("First paragraph.\n"),
    }
    values.update(changes)
    return Doc(**values)


def _corpus(doc: Doc) -> Corpus:
    return build_corpus([doc])


def _above(doc: Doc, edit_base: str | None = None) -> str:
    """What the page shows above the full text: its header and the parts before the body."""
    page = pages.briefing_page(doc, _corpus(doc), {}, edit_base=edit_base)
    return page.header + page.before


def test_the_edit_link_points_at_the_briefing_file() -> None:
    doc = _doc()
    md = _above(doc, edit_base="https://github.com/o/r/edit/main/")
    assert '<a class="bf-edit" href="https://github.com/o/r/edit/main/briefings/x.md" rel="noopener">Edit this briefing</a>' in md


def test_article_text_is_escaped_and_emphasis_rendered() -> None:
    doc = _doc()
    page = pages.briefing_page(doc, _corpus(doc), {})
    assert "Key &lt;b&gt;point&lt;/b&gt;." in page.before and "First <em>point</em>." in page.before
    assert '<h1 id="title" data-pagefind-meta="title">A <em>title</em></h1>' in page.header
    assert page.markdown.startswith('---\ntitle: "A title"\ndescription: "One sentence."\n---\n')
    doc = _doc(title='<script>alert(1)</script> "x"')
    assert pages.briefing_markdown(doc).startswith('---\ntitle: "&lt;script&gt;alert(1)&lt;/script&gt; &#34;x&#34;"\n')


@pytest.mark.parametrize("title", ["Line one\n```\n<script>alert(1)</script>", "```", "</code></pre><script>alert(1)</script>"])
def test_no_field_can_break_out_of_the_citation_block(title: str) -> None:
    doc = _doc(title=title, authors=(Author("```"),))
    cite = pages.cite_html(doc)
    assert "<script>" not in cite
    assert cite.count("<code>") == cite.count("</code>") == 3


def test_apa_names_and_dates() -> None:
    assert pages.apa_name("Andrei O. Bezrukov") == "Bezrukov, A. O."
    assert pages.apa_name("Brookings") == "Brookings"
    doc = _doc(authors=(Author("Jane Doe"), Author("John Roe")), date="2019-06-13")
    assert pages.citation_apa(doc) == "Doe, J., & Roe, J. (2019, June 13). A title. Example Press. https://example.org/a"


def test_entity_and_glossary_entries_list_ten_briefings_then_link_to_search() -> None:
    docs = [
        _doc(slug=f"b{i:02d}", path=f"briefings/b{i:02d}.md", title=f"Briefing {i:02d}",
             entities=(Entity("Huawei", "organisation", 20 - i, ("p-1",)),), glossary=(GlossaryEntry("RAN", "acronym", None, "p-1"),))
        for i in range(12)
    ]
    corpus = build_corpus(docs)
    entities = pages.entities_markdown(corpus)
    assert entities.count('href="../briefings/b') == 10 * 2  # title link and ¶ link for each listed briefing
    assert "Briefing 00" in entities and "Briefing 11" not in entities  # the most mentions first
    assert '<a class="bf-more" href="../search/?q=Huawei">and 2 more briefings</a>' in entities
    glossary = pages.glossary_markdown(corpus)
    assert glossary.count('href="../briefings/b') == 10
    assert '<a class="bf-more" href="../search/?q=RAN">and 2 more briefings</a>' in glossary


def test_theme_hubs_and_the_archive_are_paginated_with_every_briefing_once() -> None:
    five_g = Theme("5g", "5G", "Mobile networks.")
    docs = [
        _doc(slug=f"b{i:02d}", path=f"briefings/b{i:02d}.md", title=f"Briefing {i:02d}", date=f"20{10 + i}-01-01",
             themes=(ThemeScore("5g", 1 - i / 100, ("p-1",)),), tags=("spectrum",))
        for i in range(12)
    ]
    corpus = build_corpus(docs)
    hub = pages.theme_hub_pages(five_g, corpus, {"5g": five_g}, 5)
    assert [src for src, _ in hub] == ["themes/5g.md", "themes/5g/2.md", "themes/5g/3.md"]
    ranks = [re.findall(r"#(\d+) · theme score", text) for _, text in hub]
    assert ranks == [["1", "2", "3", "4", "5"], ["6", "7", "8", "9", "10"], ["11", "12"]]
    second = hub[1][1]
    assert second.startswith("# 5G (page 2 of 3)\n") and '<ol class="bf-cards bf-ranked" start="6">' in second
    assert "12 briefings, ranked by how strongly each carries the theme. Showing 6–10." in second
    assert '<a href="../../../themes/5g/" rel="prev">← Previous</a>' in second and '<a href="../../../themes/5g/3/" rel="next">Next →</a>' in second
    assert '<span class="bf-pager-current" aria-current="page">2</span>' in second
    assert 'class="bf-card-title" href="../../../briefings/b05/">Briefing 05</a>' in second, "card links work from the deeper page"

    archive = pages.archive_pages(corpus, {"5g": five_g}, 5)
    assert [src for src, _ in archive] == ["archive.md", "archive/2.md", "archive/3.md"]
    listed = [re.findall(r'class="bf-card-title" href="[./]*briefings/(b\d+)/"', text) for _, text in archive]
    assert sum(listed, []) == [f"b{i:02d}" for i in reversed(range(12))], "newest first, every briefing once"
    assert '<h2 id="tags">Tags</h2>' in archive[0][1] and "bf-tag" not in archive[1][1]
    assert '<a href="../../archive/#tags">Tags</a>' in archive[2][1]
    assert '<a class="bf-more" href="../search/?q=spectrum">and 2 more briefings</a>' in archive[0][1]
    one_page = pages.archive_pages(corpus, {}, 50)
    assert len(one_page) == 1 and "bf-pager" not in one_page[0][1] and "Showing" not in one_page[0][1]


def test_what_preview_rebuilds_keep_of_unchanged_briefings_gives_the_same_pages_and_follows_an_edit() -> None:
    import dataclasses

    five_g = Theme("5g", "5G", "Mobile networks.")
    themes = {"5g": five_g}
    docs = [_doc(slug=f"b{i}", path=f"briefings/b{i}.md", title=f"Briefing {i}", date=f"201{i}-01-01",
                 themes=(ThemeScore("5g", 1 - i / 10, ("p-1",)),)) for i in range(4)]
    memo = SameObjectMemo()

    def rebuild(corpus_docs: list[Doc]) -> tuple[list, list]:
        memo.start()
        corpus = build_corpus(corpus_docs, memo)
        return pages.theme_hub_pages(five_g, corpus, themes, 2, memo=memo), pages.archive_pages(corpus, themes, 2, memo=memo)

    fresh = lambda corpus_docs: (pages.theme_hub_pages(five_g, build_corpus(corpus_docs), themes, 2),  # noqa: E731
                                 pages.archive_pages(build_corpus(corpus_docs), themes, 2))
    assert rebuild(docs) == rebuild(docs) == fresh(docs)
    # An edited briefing is a new Doc: its card is remade, on whichever page its new rank puts it.
    edited = [*docs[:2], dataclasses.replace(docs[2], title="Briefing 2, retitled", themes=(ThemeScore("5g", 0.99, ("p-1",)),)), docs[3]]
    hubs, archive = rebuild(edited)
    assert (hubs, archive) == fresh(edited)
    assert "Briefing 2, retitled" in hubs[0][1] and "Briefing 2, retitled" in archive[0][1] + archive[1][1]
    assert ">Briefing 2<" not in "".join(text for _, text in hubs + archive)
    memo.start()  # as each rebuild begins: the memo holds nothing of this rebuild yet
    assert build_corpus(edited, memo) == build_corpus(edited), "every corpus view as a cold build makes it"
    assert memo.get(("features", "b0"), edited[0], lambda: None) is not None, "the corpus views kept what they made (an empty memo is still one)"
    memo.start()
    memo.start()
    assert len(memo) == 0, "what two rebuilds did not ask for is gone"


def test_the_record_beside_the_text_is_escaped_and_folded_when_long() -> None:
    doc = _doc(abstract="An <abstract>. " * 60, keywords=("5G", "<b>x</b>"), funding="Grant 7.", provenance=("First published in Example.",),
               header_lines=("Vol. 3 <no. 2>",))
    about = pages.about_html(doc)
    assert '<details class="abstract bf-fold"><summary>Abstract</summary>' in about, "a long abstract is folded"
    assert "An &lt;abstract&gt;." in about and "<abstract>" not in about
    assert "<dt>Keywords</dt><dd>5G; &lt;b&gt;x&lt;/b&gt;</dd>" in about and "<dt>Funding</dt><dd>Grant 7.</dd>" in about
    assert '<details class="note bf-fold" open><summary>Publication history</summary>' in about, "a short note is open"
    assert "<li>Vol. 3 &lt;no. 2&gt;</li>" in about
    assert '<details class="info bf-fold"><summary>Header lines as written (1)</summary>' in about, "header lines folded, however short"
    assert pages.about_html(_doc()) == "", "nothing to show, no empty block"


def test_dates_inferred_or_missing_are_said_so_and_apa_says_nd_only_when_undated() -> None:
    inferred = _doc(date="2021", date_provenance="inferred from the DOI")
    assert '<time datetime="2021">2021</time> <span class="bf-date-note">(not stated in the article; inferred from the DOI)</span>' in _above(inferred)
    assert "(2021)" in pages.citation_apa(inferred)
    stated = _above(_doc(date_provenance="stated"))
    assert "bf-date-note" not in stated
    undated = _doc(date=None, authors=(), publisher=None, source_url=None)
    before = _above(undated)
    assert '<span class="bf-undated">Date not stated</span>' in before and "1970" not in before
    assert "Not stated in the source text: author, publisher or outlet, original address and date." in before
    assert "(n.d.)" in pages.citation_apa(undated)


def test_the_search_facets_filters_are_in_the_briefing_header_and_not_in_its_text() -> None:
    themes = {"5g": Theme("5g", "5G", "")}
    doc = _doc(themes=(ThemeScore("5g", 0.5, ("p-1",)),), type="journal article")
    before = pages.briefing_page(doc, _corpus(doc), themes).header
    for name, value in (("Theme", "5G"), ("Type", "Journal article"), ("Year", doc.date[:4])):
        assert f'<span data-pagefind-filter="{name}">{value}</span>' in before
    assert '<span class="bf-filters" data-pagefind-ignore hidden>' in before, "read as filters, never indexed or shown as text"
    assert '<span data-pagefind-filter="Year">Not stated</span>' in pages.briefing_page(_doc(date=None), _corpus(_doc(date=None)), themes).header


def test_the_feed_never_writes_1970() -> None:
    from build_tools.site.feed import feed_xml

    corpus = build_corpus([_doc(slug="a", path="briefings/a.md"), _doc(slug="b", path="briefings/b.md", date=None)])
    xml = feed_xml(corpus, "https://example.org/", "Briefings")
    assert "1970" not in xml
    assert xml.count("<updated>2020-02-03T00:00:00Z</updated>") == 3, "the feed and both entries: the undated one takes the newest date"
    only_undated = feed_xml(build_corpus([_doc(date=None)]), "https://example.org/", "Briefings")
    assert "1970" not in only_undated


def test_a_source_address_that_the_provenance_names_as_an_earlier_version_is_not_called_the_original() -> None:
    doc = _doc(source_url="https://example.org/first/", provenance=("A revised version of a paper first written for Example: <https://example.org/first/>",))
    assert '<a href="https://example.org/first/" rel="noopener">earlier version</a>' in _above(doc)
    assert '<a href="https://example.org/a" rel="noopener">original</a>' in _above(_doc())


def _notes(*texts: str) -> Body:
    refs = "".join(f"\\[{i}\\] {t}\n{{: #ref-{i} .bf-ref }}\n\n" for i, t in enumerate(texts, start=1))
    return parse_body("First paragraph [\\[1\\]](#ref-1).\n{: #p-1 }\n\n## References {: #references }\n\n" + refs)


def test_numbered_notes_relate_two_briefings_only_when_they_cite_the_same_work() -> None:
    a = _doc(slug="a", path="briefings/a.md", body=_notes("Doe, J., Spectrum auctions in Europe, 2019.", "A second note."))
    b = _doc(slug="b", path="briefings/b.md", body=_notes("Roe, R., Cloud contracts and exit costs, 2021.", "Another note."))
    c = _doc(slug="c", path="briefings/c.md", body=_notes("Doe, J., Spectrum auctions in Europe, 2019."))
    related = build_corpus([a, b, c]).related
    assert [r.doc.slug for r in related.get("a", [])] == ["c"]
    assert not related.get("b")
    assert any("cites [1] Doe, J., Spectrum auctions" in reason for r in related["a"] for reason in r.reasons)
