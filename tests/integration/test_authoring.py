"""Authoring: `briefings new`, `briefings check`, cross-links, drafts, and ingestion that never destroys edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.preview import changed_seeds, reingest_changed_seeds, seeds_stamp
from build_tools.readers import read_seed
from tests.conftest import BIN, ROOT, SEEDS, build_project, make_scratch_project, run

GOLDEN = ROOT / "tests" / "golden"
OPED_SLUG = read_seed(SEEDS[0]).slug


def briefings(project: Path, *args: str):
    return run([str(BIN / "briefings"), *args], project)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_scratch_project(tmp_path / "p")


def test_new_creates_a_commented_template_and_refuses_to_overwrite(project: Path) -> None:
    result = briefings(project, "new", "Spectrum Auctions in Small States", "--theme", "5g")
    assert result.returncode == 0, result.stderr
    path = project / result.stdout.strip()
    assert path == project / "briefings" / "spectrum-auctions-in-small-states.md"
    text = path.read_text(encoding="utf-8")
    assert "title: Spectrum Auctions in Small States" in text and "themes: [5g]" in text
    assert "# draft:" in text and "Configured: 5g, sovereignty, ecosystems" in text
    assert briefings(project, "check").returncode == 0
    again = briefings(project, "new", "Spectrum Auctions in Small States")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert path.read_text(encoding="utf-8") == text


def test_new_rejects_an_unconfigured_theme(project: Path) -> None:
    result = briefings(project, "new", "X", "--theme", "sovereignity")
    assert result.returncode == 1 and "theme 'sovereignity' is not configured" in result.stderr


def test_new_from_a_raw_article_prefills_metadata_and_text(project: Path) -> None:
    result = briefings(project, "new", "My take on the Valdai paper", "--from", str(SEEDS[1]))
    assert result.returncode == 0, result.stderr
    text = (project / result.stdout.strip()).read_text(encoding="utf-8")
    assert "doi: 10.31278/1810-6374-2021-19-2-64-85" in text and "MEASURING THE IMPACT" in text


def test_ingest_never_overwrites_an_edited_briefing(project: Path) -> None:
    assert briefings(project, "ingest", "seeds").returncode == 0
    target = project / "briefings" / f"{OPED_SLUG}.md"
    edited = target.read_text(encoding="utf-8").replace("Vladimir Putin and Xi Jinping met", "Vladimir Putin and Xi Jinping, as my note says, met")
    target.write_text(edited, encoding="utf-8")

    again = briefings(project, "ingest", "seeds")
    assert again.returncode == 0
    assert f"kept briefings/{OPED_SLUG}.md: edited by an author since it was generated; not overwritten" in again.stdout
    assert target.read_text(encoding="utf-8") == edited

    forced = briefings(project, "ingest", "seeds", "--force")
    assert forced.returncode == 0
    backup = target.with_name(target.name + ".bak")
    assert f"backed up the author's version to briefings/{OPED_SLUG}.md.bak" in forced.stdout
    assert backup.read_text(encoding="utf-8") == edited
    assert "as my note says" not in target.read_text(encoding="utf-8")


def test_ingest_leaves_hand_written_briefings_alone(project: Path) -> None:
    target = project / "briefings" / f"{OPED_SLUG}.md"
    target.write_text("---\ntitle: Mine\n---\n\nMy own words.\n", encoding="utf-8")
    result = briefings(project, "ingest", "seeds")
    assert result.returncode == 0 and "kept" in result.stdout
    assert target.read_text(encoding="utf-8") == "---\ntitle: Mine\n---\n\nMy own words.\n"


def test_unchanged_seeds_are_not_reingested(project: Path) -> None:
    first = briefings(project, "ingest", "seeds")
    assert "2 written" in first.stdout
    stamps = {p.name: p.stat().st_mtime_ns for p in (project / "briefings").glob("*.md")}
    second = briefings(project, "ingest", "seeds")
    assert "0 written, 2 unchanged" in second.stdout
    assert stamps == {p.name: p.stat().st_mtime_ns for p in (project / "briefings").glob("*.md")}


def test_preview_reingests_only_the_seed_that_changed(project: Path) -> None:
    report = reingest_changed_seeds(project)
    assert report is not None and len(report.written) == 2
    seed = project / "seeds" / SEEDS[0].name
    seed.write_text(seed.read_text(encoding="utf-8").replace("agreed on many things", "agreed on a few things"), encoding="utf-8")
    report = reingest_changed_seeds(project)
    assert report.written == [f"{(project / 'briefings').as_posix()}/{OPED_SLUG}.md"]
    assert "agreed on a few things" in (project / "briefings" / f"{OPED_SLUG}.md").read_text(encoding="utf-8")
    report = reingest_changed_seeds(project)
    assert report.written == []  # the rebuild the write triggers finds nothing to do: no loop


def test_the_preview_ingests_just_the_raw_article_saved_when_nothing_else_changed(project: Path) -> None:
    """`make serve` compares stamps: a saved raw article alone is ingested alone (at N=1,000 the whole folder's check
    cost 0.25 s of each rebuild); a changed mkdocs.yml, a deleted briefing or a new raw article are handled as before."""
    seeds = project / "seeds"
    reingest_changed_seeds(project)
    before = seeds_stamp(project)
    assert changed_seeds(before, before, seeds) == [] and changed_seeds(None, before, seeds) is None
    seed = seeds / SEEDS[0].name
    seed.write_text(seed.read_text(encoding="utf-8").replace("agreed on many things", "agreed on some things"), encoding="utf-8")
    (seeds / ".oped.txt.swp").write_text("an editor's swap file", encoding="utf-8")
    after = seeds_stamp(project)
    only = changed_seeds(before, after, seeds)
    assert only == [seed], "the saved article, not the editor's swap file"
    report = reingest_changed_seeds(project, only=only)
    assert report.written == [f"{(project / 'briefings').as_posix()}/{OPED_SLUG}.md"] and report.unchanged == []
    assert "agreed on some things" in (project / "briefings" / f"{OPED_SLUG}.md").read_text(encoding="utf-8")
    assert "0 written, 2 unchanged" in briefings(project, "ingest", "seeds").stdout, "the other article's record is kept"
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert changed_seeds(after, seeds_stamp(project), seeds) is None, "a changed configuration: the whole folder"
    current = seeds_stamp(project)
    (project / "briefings" / f"{OPED_SLUG}.md").unlink()
    assert changed_seeds(current, seeds_stamp(project), seeds) is None, "a deleted briefing is written again: the whole folder"


MISTAKES = {
    "tabs.md": "---\ntitle: Tabs\n\tdate: 2020-01-01\n---\n\nText.\n",
    "unsafe.md": "---\ntitle: !!python/object/apply:os.system [\"echo pwned\"]\n---\n\nText.\n",
    "dupkey.md": "---\ntitle: One\ndate: 2020-01-01\ntitle: Two\n---\n\nText.\n",
    "types.md": "---\ntitle: Types\ndate: 2020-13-45\ntittle: Typo\nthemes: [sovereignity]\ndraft: \"yes\"\n---\n\nText.\n",
    "notitle.md": "---\ndate: 2020-01-01\n---\n\nText.\n",
    "nofrontmatter.md": "Just text.\n",
    "links.md": "---\ntitle: Links\n---\n\nSee [[no-such-briefing]] and\n[[" + OPED_SLUG + "#p-999]] and [[glossary:Nonexistent Term]].\n",
    "glossary-a.md": "---\ntitle: A\nglossary:\n  - {term: EAEU, kind: acronym, definition: Eurasian Economic Union}\n---\n\nThe EAEU grows.\n",
    "glossary-b.md": "---\ntitle: B\nglossary:\n  - {term: EAEU, kind: acronym, definition: European Audit and Evaluation Unit}\n---\n\nThe EAEU audits.\n",
}


def test_check_reports_each_mistake_with_file_and_line(project: Path, update_goldens: bool) -> None:
    assert briefings(project, "ingest", "seeds").returncode == 0
    for name, text in MISTAKES.items():
        (project / "briefings" / name).write_text(text, encoding="utf-8")
    result = briefings(project, "check")
    assert result.returncode == 1
    golden = GOLDEN / "check-mistakes.txt"
    if update_goldens:
        golden.write_text(result.stderr, encoding="utf-8")
    assert result.stderr == golden.read_text(encoding="utf-8")


def test_strict_build_fails_on_the_same_problems_and_plain_build_builds_the_rest(project: Path) -> None:
    assert briefings(project, "ingest", "seeds").returncode == 0
    (project / "briefings" / "types.md").write_text(MISTAKES["types.md"], encoding="utf-8")
    strict = run([str(BIN / "mkdocs"), "build", "--strict"], project)
    assert strict.returncode != 0
    assert "briefings/types.md:3:1: error: date '2020-13-45' is not a date; write it as YYYY-MM-DD, YYYY-MM or YYYY" in strict.stderr
    plain = run([str(BIN / "mkdocs"), "build"], project)
    assert plain.returncode == 0, plain.stderr
    assert (project / "site" / "briefings" / OPED_SLUG / "index.html").is_file()


def test_hand_written_briefing_gets_every_feature_and_links_back(project: Path) -> None:
    (project / "briefings" / "my-note.md").write_text(
        "---\ntitle: Why Russia chose Huawei for 5G\ndate: 2019-07-01\n---\n\n"
        "Russia's largest mobile operator, MTS, chose Huawei as its 5G supplier in June 2019, as [[" + OPED_SLUG + "]] explains. "
        "The decision ties Russian networks to a Chinese vendor and its standards.\n\n"
        "For Moscow, the Huawei deal is also about technological sovereignty. Russian officials argue that a 5G network built with a "
        "partner that is itself under American sanctions is less exposed to Western pressure than one built by Ericsson or Nokia.\n\n"
        "Critics reply that dependence on one Chinese vendor is still dependence, and that Russia's telecom operators will find it hard "
        "to switch once the radio access network is in place. The spectrum for 5G is still held by the military.\n\n"
        "The lesson for other governments weighing their own 5G futures is that vendor choice is a geopolitical alignment.\n",
        encoding="utf-8",
    )
    result = build_project(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "briefings" / "my-note" / "index.html").read_text(encoding="utf-8")
    assert 'class="bf-summary"' in page and 'class="bf-keypoints"' in page
    assert 'href="../../themes/5g/"' in page
    assert f'href="../{OPED_SLUG}/"' in page  # the [[slug]] link, resolved and labelled with the title
    seed_page = (project / "site" / "briefings" / OPED_SLUG / "index.html").read_text(encoding="utf-8")
    assert 'id="linked-from"' in seed_page and "Why Russia chose Huawei for 5G" in seed_page


def test_drafts_are_left_out_of_the_published_site(project: Path) -> None:
    (project / "briefings" / "draft-note.md").write_text("---\ntitle: Not yet\ndraft: true\n---\n\nSecret plans for 5G spectrum.\n", encoding="utf-8")
    result = build_project(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert not (site / "briefings" / "draft-note").exists()
    assert "Not yet" not in (site / "feed.xml").read_text(encoding="utf-8")
    assert "Not yet" not in (site / "index.html").read_text(encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("briefings_dir: briefings", "briefings_dir: briefings\n      drafts: include")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    preview = run([str(BIN / "mkdocs"), "build"], project)
    assert preview.returncode == 0 and (site / "briefings" / "draft-note" / "index.html").is_file()


def test_the_full_example_in_the_docs_builds_and_links(project: Path) -> None:
    doc = (ROOT / "docs" / "writing-a-briefing.md").read_text(encoding="utf-8")
    example = doc.split("```markdown\n", 1)[1].split("\n```", 1)[0] + "\n"
    (project / "briefings" / "why-russia-chose-huawei-for-5g.md").write_text(example, encoding="utf-8")
    assert briefings(project, "ingest", "seeds").returncode == 0
    check = briefings(project, "check")
    assert check.returncode == 0, check.stderr
    result = run([str(BIN / "mkdocs"), "build", "--strict"], project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "briefings" / "why-russia-chose-huawei-for-5g" / "index.html").read_text(encoding="utf-8")
    assert f'href="../{OPED_SLUG}/#p-15"' in page and 'href="../../glossary/#term-5g"' in page
