"""Paths: slugs are safe, unique and stable, and ingesting or building writes nowhere but briefings/, site/ and .briefings-cache/."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.slugs import MAX_LEN, slugify, unique_slugs
from tests.conftest import ROOT, run
from tests.robustness.helpers import BRIEFINGS, MKDOCS, project_with, snapshot

SAFE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED = {"con", "prn", "aux", "nul", "index", "tags", "themes", "glossary", "entities", "archive", "search"}
TITLES = [
    "../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/shadow", "CON", "NUL", "LPT1", "index", "", "   ", ".", "..",
    "x" * 300, " ".join(["Sovereignty"] * 30), "Цифровой суверенитет", "Цифровой суверенитет России", "数字主权与技术生态",
    "السيادة الرقمية", "🙂🚀🔥", "🙂 Emoji in a title 🚀", "a/b\\c:d*e?f\"g<h>i|j", "\x00\x01 control", "İstanbul Ǆ ﬁ",
]
BODY = (
    "\n\nHuawei and the 5G networks of Europe are the subject of this paragraph, which has enough words to count as body text.\n\n"
    "A second paragraph closes the article with one more sentence about digital sovereignty.\n"
)
# Titles the parser accepts as a first line, each in its own raw article.
INGEST_TITLES = {
    "passwd.txt": "../../etc/passwd",
    "con.txt": "CON",
    "index.txt": "index",
    "long.txt": "x" * 300,
    "cyrillic.txt": "Цифровой суверенитет",
    "chinese.txt": "数字主权与技术生态",
    "arabic.txt": "السيادة الرقمية والنظم التقنية",
    "emoji.txt": "🙂 Emoji in a title 🚀",
    "nul.txt": "NUL",
    "windows.txt": "C:\\Windows\\System32\\drivers",
}


def _is_safe(slug: str) -> bool:
    return bool(SAFE.match(slug)) and len(slug) <= MAX_LEN and slug not in RESERVED


@pytest.mark.parametrize("title", TITLES, ids=lambda t: repr(t[:20]))
def test_slugs_are_safe_and_stable(title: str) -> None:
    slug = slugify(title, fallback_seed="seeds/a.txt")
    assert _is_safe(slug), slug
    assert slugify(title, fallback_seed="seeds/a.txt") == slug


def test_distinct_titles_give_distinct_slugs_and_the_same_slugs_in_another_process() -> None:
    slugs = [slugify(t, fallback_seed=f"seeds/{i}.txt") for i, t in enumerate(TITLES)]
    assert len(set(slugs)) == len(TITLES), slugs
    code = "import json,sys; from build_tools.slugs import slugify; t=json.load(sys.stdin); print(json.dumps([slugify(x, fallback_seed=f'seeds/{i}.txt') for i, x in enumerate(t)]))"
    other = subprocess.run([sys.executable, "-c", code], input=json.dumps(TITLES), capture_output=True, text=True, cwd=ROOT,
                           env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"}, check=True)
    assert json.loads(other.stdout) == slugs


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.text(min_size=1, max_size=40))
def test_any_title_gives_a_safe_slug(title: str, seed: str) -> None:
    assert _is_safe(slugify(title, fallback_seed=seed))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1, max_size=30), st.sampled_from(["same", "x" * 80, "a-b", "briefing"])), max_size=20, unique_by=lambda t: t[0]))
def test_unique_slugs_are_distinct_safe_and_independent_of_order(wanted: list[tuple[str, str]]) -> None:
    result = unique_slugs(wanted)
    assert len(set(result.values())) == len(wanted)
    assert all(_is_safe(s) for s in result.values())
    assert unique_slugs(list(reversed(wanted))) == result


def _seed_project(dest: Path, titles: dict[str, str]) -> Path:
    project = project_with(dest)
    for name, title in titles.items():
        (project / "seeds" / name).write_text(title + BODY, encoding="utf-8")
    return project


def _ingested(project: Path) -> dict[str, str]:
    """source -> slug, read back from the briefing files ingestion wrote."""
    out = {}
    for path in sorted((project / "briefings").glob("*.md")):
        m = re.search(r"^  source: (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
        assert m, f"{path.name} has no generated.source"
        out[m.group(1).strip()] = path.stem
    return out


def _changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {p for p in set(before) | set(after) if before.get(p) != after.get(p)}


@pytest.mark.slow
def test_hostile_titles_ingest_and_build_inside_the_project(tmp_path: Path) -> None:
    project = _seed_project(tmp_path / "project", INGEST_TITLES)
    outside = snapshot(tmp_path)
    before = snapshot(project)
    result = run([BRIEFINGS, "ingest", "seeds"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    build = run([MKDOCS, "build", "--strict"], project)
    assert build.returncode == 0, build.stderr
    after = snapshot(project)
    changed = _changed(before, after)
    assert changed and all(p.split("/")[0] in ("briefings", "site", ".briefings-cache") for p in changed), sorted(changed)
    assert {p for p in _changed(outside, snapshot(tmp_path)) if not p.startswith("project/")} == set()
    slugs = _ingested(project)
    assert sorted(slugs) == sorted(f"seeds/{n}" for n in INGEST_TITLES)
    assert len(set(slugs.values())) == len(slugs)
    assert all(_is_safe(s) for s in slugs.values()), slugs
    for slug in slugs.values():
        assert (project / "site" / "briefings" / slug / "index.html").is_file(), slug


SAME = {"a.txt": "The same title twice", "b.txt": "The same title twice", "c.txt": "The same title twice"}


@pytest.mark.slow
def test_same_titles_get_distinct_slugs_that_do_not_change_between_runs(tmp_path: Path) -> None:
    first = _seed_project(tmp_path / "first", SAME)
    assert run([BRIEFINGS, "ingest", "seeds"], first).returncode == 0
    slugs = _ingested(first)
    assert len(set(slugs.values())) == 3 and all(_is_safe(s) for s in slugs.values()), slugs
    assert run([BRIEFINGS, "ingest", "seeds"], first).returncode == 0
    assert _ingested(first) == slugs

    reordered = _seed_project(tmp_path / "reordered", SAME)
    result = run([BRIEFINGS, "ingest", "seeds/c.txt", "seeds/b.txt", "seeds/a.txt"], reordered)
    assert result.returncode == 0, result.stderr
    assert _ingested(reordered) == slugs

    absolute = _seed_project(tmp_path / "absolute", SAME)
    result = run([BRIEFINGS, "ingest", str(absolute / "seeds")], absolute)
    assert result.returncode == 0, result.stderr
    assert _ingested(absolute) == slugs, "the slugs must not depend on how the seeds folder is named on the command line"
    result = run([BRIEFINGS, "ingest", "seeds"], absolute)
    assert sorted(p.name for p in (absolute / "briefings").glob("*.md")) == sorted(f"{s}.md" for s in slugs.values())


@pytest.mark.slow
def test_a_later_article_with_the_same_title_never_takes_an_existing_briefing(tmp_path: Path) -> None:
    project = _seed_project(tmp_path / "project", {"m.txt": "The same title twice"})
    assert run([BRIEFINGS, "ingest", "seeds"], project).returncode == 0
    (existing,) = list((project / "briefings").glob("*.md"))
    original = existing.read_text(encoding="utf-8")
    # A new article whose name sorts first, then one ingested on its own: neither may replace m.txt's briefing.
    (project / "seeds" / "a.txt").write_text("The same title twice" + BODY.replace("Huawei", "Ericsson"), encoding="utf-8")
    assert run([BRIEFINGS, "ingest", "seeds"], project).returncode == 0
    (project / "elsewhere").mkdir()
    (project / "elsewhere" / "z.txt").write_text("The same title twice" + BODY.replace("Huawei", "Nokia"), encoding="utf-8")
    assert run([BRIEFINGS, "ingest", "elsewhere/z.txt"], project).returncode == 0
    assert existing.read_text(encoding="utf-8") == original
    slugs = _ingested(project)
    assert sorted(slugs) == ["elsewhere/z.txt", "seeds/a.txt", "seeds/m.txt"] and len(set(slugs.values())) == 3, slugs
    assert run([BRIEFINGS, "ingest", "seeds", "elsewhere"], project).returncode == 0
    assert _ingested(project) == slugs
