"""Shared helpers for the robustness tests: scratch corpora, tree snapshots, a local static server."""

from __future__ import annotations

import hashlib
from pathlib import Path

from build_tools.briefing_file import load_briefing_text
from build_tools.render import is_untouched
from tests.conftest import BIN, SEEDS, make_scratch_project, serve  # noqa: F401 (serve: used by the robustness tests)

DATA = Path(__file__).resolve().parent / "data"
BRIEFINGS = str(BIN / "briefings")
MKDOCS = str(BIN / "mkdocs")
PYTHON = str(BIN / "python")


def project_with(dest: Path, seeds: list[Path] | None = None, briefings: dict[str, str] | None = None) -> Path:
    """A scratch project with the given raw articles in seeds/ and hand-written briefings in briefings/."""
    project = make_scratch_project(dest, seeds if seeds is not None else [])
    for name, text in (briefings or {}).items():
        (project / "briefings" / name).write_text(text, encoding="utf-8")
    return project


def retitled_seeds(folder: Path, count: int, *, extra: str = "") -> list[Path]:
    """`count` copies of the real seeds, each with its own title (and `extra` appended as a last paragraph)."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [s.read_text(encoding="utf-8") for s in SEEDS]
    written = []
    for i in range(count):
        text = sources[i % len(sources)]
        first, rest = text.split("\n", 1)
        body = f"Copy {i:03d} of {first.strip()}\n{rest.rstrip()}\n"
        if extra:
            body += f"\n{extra}\n"
        path = folder / f"copy-{i:03d}.txt"
        path.write_text(body, encoding="utf-8")
        written.append(path)
    return written


def snapshot(root: Path) -> dict[str, str]:
    """Every file under root (relative posix path) with the sha256 of its bytes; symlinks by their target."""
    out: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            out[rel] = "symlink:" + str(path.readlink())
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def briefing_problems(folder: Path, parse: set[str] | None = None) -> list[str]:
    """Why any briefing in the folder is not whole: a hash that does not match its content, or front matter that does not parse.

    Every file's hash is checked; the (slower) full parse runs on the names in `parse` (default: every file).
    """
    bad = []
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if not is_untouched(text):
            bad.append(f"{path.name}: generated hash does not match its content (size {len(text)})")
            continue
        if parse is None or path.name in parse:
            bf, problems = load_briefing_text(text, path.name)
            if bf is None or problems:
                bad.append(f"{path.name}: does not parse: {[p.format() for p in problems]} (size {len(text)})")
    return bad


def mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.md")}


def temporaries(root: Path) -> list[str]:
    """Temporary files an interrupted write could leave anywhere under root."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob(".briefings-tmp-*"))


def html_pages(site: Path) -> list[str]:
    """Every HTML page of a built site as a URL path relative to the site root."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("pagefind/", "assets/")):
            continue
        pages.append(rel.removesuffix("index.html"))
    return pages
