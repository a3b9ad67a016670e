"""The one orchestrator of seeds/ -> briefings/: gather, then write.

Each raw article is read, parsed, analysed and rendered (pure work, in
parallel with `jobs`), then written atomically. A briefing an author has
edited (its content no longer matches the hash recorded when it was
generated) or wrote by hand is never overwritten unless `force`, and then
the author's version is kept as `<slug>.md.bak`. A source whose bytes, tool
version and theme configuration are unchanged is skipped without parsing.
One bad input is one error line; the rest of the corpus still ingests.
Slugs stay put: a source keeps the slug it was given, a new article whose
title collides gets a suffix, and no run takes a slug whose briefing belongs
to another source (even one not named on this command line). Sources are
known by their path relative to the project, however they were named.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .errors import InputError, Problem
from .fsutil import atomic_write, file_lock, remove_stale_temporaries, safe_join, write_if_changed
from .render import is_untouched, recorded_hash, render_briefing
from .slugs import unique_slugs

RAW_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
CACHE_DIR = ".briefings-cache"


@dataclass
class IngestReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_edited: list[str] = field(default_factory=list)
    backups: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def lines(self) -> list[str]:
        out = [p.format() for p in self.problems]
        out += [f"wrote {p}" for p in self.written]
        out += [f"kept {p}: edited by an author since it was generated; not overwritten (use --force to regenerate it)" for p in self.kept_edited]
        out += [f"backed up the author's version to {p}" for p in self.backups]
        out.append(
            f"briefings ingest: {len(self.written)} written, {len(self.unchanged)} unchanged, "
            f"{len(self.kept_edited)} kept (edited), {sum(p.severity == 'error' for p in self.problems)} failed"
        )
        return out


@dataclass(frozen=True)
class _Rendered:
    source: str
    slug: str | None
    text: str | None
    sha256: str
    problem: Problem | None


def collect_sources(paths: list[Path]) -> list[Path]:
    """Raw article files under the given paths, sorted, hidden files skipped."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in RAW_SUFFIXES and not any(part.startswith(".") for part in p.relative_to(path).parts)]
        else:
            found.append(path)
    return sorted(set(found))


def _settings_key(config_path: Path | None) -> str:
    from .config import load_project_settings
    from .model import to_dict
    from .pipeline import code_fingerprint

    settings = load_project_settings(config_path)
    blob = json.dumps([to_dict(settings.themes), to_dict(settings.curated_glossary), __version__, code_fingerprint()], sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def _process(source: Path, name: str, config_path: Path | None) -> _Rendered:
    """Parse, analyse and render one source (runs in a worker)."""
    from .pipeline import analyse_article
    from .seeds import read_seed

    try:
        data = source.read_bytes()
    except OSError as exc:
        return _Rendered(name, None, None, "", Problem(name, None, None, "error", f"cannot read the file ({exc.strerror})", "check the path"))
    digest = hashlib.sha256(data).hexdigest()
    try:
        article = read_seed(source, source=name)
        briefing = analyse_article(article, config_path)
        return _Rendered(name, article.slug, render_briefing(briefing, source_sha256=digest), digest, None)
    except InputError as exc:
        return _Rendered(name, None, None, digest, exc.problem)
    except Exception as exc:  # a parser bug must not take the corpus down
        return _Rendered(name, None, None, digest, Problem(name, None, None, "error", f"internal error while parsing: {exc!r}", "please report this file"))




def ingest(paths: list[Path], out_dir: Path, *, config_path: Path | None = None, force: bool = False, jobs: int = 1) -> IngestReport:
    """Ingest raw articles into out_dir; return what happened to each."""
    report = IngestReport()
    sources = collect_sources(paths)
    for path in sources:
        if not path.exists():
            report.problems.append(Problem(path.as_posix(), None, None, "error", "no such file", "check the path"))
    sources = [p for p in sources if p.exists()]
    root = out_dir.parent
    cache = root / CACHE_DIR
    manifest_path = cache / "ingest-manifest.json"
    with file_lock(cache / "ingest.lock"):
        manifest = _load_manifest(manifest_path)
        key = _settings_key(config_path)
        todo, skipped = _plan(sources, root, out_dir, manifest, key, force)
        report.unchanged += skipped
        rendered = _render_all(todo, config_path, jobs)
        remove_stale_temporaries(out_dir)
        remove_stale_temporaries(cache)
        slugs = _assign_slugs(rendered, skipped, manifest, out_dir)
        for item in rendered:
            if item.problem:
                report.problems.append(item.problem)
                continue
            slug = slugs[item.source]
            text = item.text or ""
            target = safe_join(out_dir, f"{slug}.md")
            _write(target, text, force, report)
            manifest[item.source] = {"sha256": item.sha256, "slug": slug, "settings": key}
        atomic_write(manifest_path, json.dumps(manifest, indent=1, sort_keys=True))
    return report


def source_name(path: Path, root: Path) -> str:
    """The name a source is known by (manifest key, `generated.source`, slug hash): relative to the project when inside it.

    So `briefings ingest seeds`, `./seeds` and `/abs/path/seeds` are the same run.
    """
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _assign_slugs(rendered: list[_Rendered], skipped: list[str], manifest: dict, out_dir: Path) -> dict[str, str]:
    """Slugs for this run: each source keeps its earlier slug, and never takes one another source's briefing holds."""
    previous = {s: e["slug"] for s, e in manifest.items() if isinstance(e, dict) and isinstance(e.get("slug"), str)}
    wanted = [(r.source, r.slug) for r in rendered if r.slug] + [(s, previous[s]) for s in skipped]
    here = {k for k, _ in wanted}
    reserved = {slug for s, slug in previous.items() if s not in here and (out_dir / f"{slug}.md").is_file()}
    return unique_slugs(wanted, previous=previous, reserved=reserved)


def _plan(sources: list[Path], root: Path, out_dir: Path, manifest: dict, key: str, force: bool) -> tuple[list[tuple[Path, str]], list[str]]:
    todo, skipped = [], []
    for path in sources:
        name = source_name(path, root)
        entry = manifest.get(name)
        if isinstance(entry, dict) and isinstance(entry.get("slug"), str) and not force and entry.get("settings") == key:
            target = out_dir / f"{entry['slug']}.md"
            try:
                unchanged_source = hashlib.sha256(path.read_bytes()).hexdigest() == entry.get("sha256")
                unchanged_target = target.is_file() and is_untouched(target.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                unchanged_source = unchanged_target = False
            if unchanged_source and unchanged_target:
                skipped.append(name)
                continue
        todo.append((path, name))
    return todo, skipped


def _render_all(todo: list[tuple[Path, str]], config_path: Path | None, jobs: int) -> list[_Rendered]:
    workers = (os.cpu_count() or 1) if jobs == 0 else max(1, jobs)
    if workers == 1 or len(todo) < 2:
        return [_process(path, name, config_path) for path, name in todo]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_process, [p for p, _ in todo], [n for _, n in todo], [config_path] * len(todo), chunksize=8))


def _write(target: Path, text: str, force: bool, report: IngestReport) -> None:
    shown = target.as_posix()
    if target.exists():
        current = target.read_text(encoding="utf-8", errors="replace")
        edited = recorded_hash(current) is None or not is_untouched(current)
        if edited and not force:
            report.kept_edited.append(shown)
            return
        if edited:
            backup = target.with_name(target.name + ".bak")
            atomic_write(backup, current)
            report.backups.append(backup.as_posix())
    if write_if_changed(target, text):
        report.written.append(shown)
    else:
        report.unchanged.append(shown)


def _load_manifest(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}
