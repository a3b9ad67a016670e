"""The one orchestrator of seeds/ -> briefings/: gather, then write.

Each raw article is read, parsed, analysed and rendered (pure work, in
parallel with `jobs`), then written atomically. A briefing an author has
edited (its content no longer matches the hash recorded when it was
generated) or wrote by hand is never overwritten unless `force`, and then
the author's version is kept as `<slug>.md.bak`. Two kinds of source are
skipped without parsing: one whose briefing (at the slug the manifest
records) an author has edited, and one whose bytes, tool version and theme
configuration are unchanged while its briefing is untouched. The manifest
records each file's size and times once they have settled, so an unchanged
file is known by one `stat`; any other is read and hashed.
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
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import InputError, Problem
from .fsutil import atomic_write, file_lock, leaves_folder, refuse_symlink, remove_stale_temporaries, safe_join, write_if_changed
from .render import is_untouched, recorded_hash, render_briefing
from .slugs import unique_slugs

from .readers import SUFFIXES as _READER_SUFFIXES

if TYPE_CHECKING:
    from .analysis import Analyser
    from .config import ProjectSettings

RAW_SUFFIXES = set(_READER_SUFFIXES)
CACHE_DIR = ".briefings-cache"
#: A file's size and times stand for its content only once they are this much older than the moment
#: they were read: an edit within the same clock tick would not move them (git's "racily clean" files).
SETTLED_NS = 2_000_000_000


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
            found += [p for p in path.rglob("*") if p.is_file() and is_raw_article(p, path)]
        else:
            found.append(path)
    return sorted(set(found))


def is_raw_article(path: Path, folder: Path) -> bool:
    """Whether a file in a folder of raw articles is one: a kind ingestion reads, not hidden (an editor's swap file)."""
    return path.suffix.lower() in RAW_SUFFIXES and not any(part.startswith(".") for part in path.relative_to(folder).parts)


def _settings_key(settings: ProjectSettings) -> str:
    from .model import to_dict
    from .pipeline import code_fingerprint

    blob = json.dumps([to_dict(settings.themes), to_dict(settings.curated_glossary), __version__, code_fingerprint()], sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class _Plan:
    """What to do with each source, decided before any is parsed."""

    todo: list[tuple[Path, str]] = field(default_factory=list)
    """(path, name) of the sources to parse, analyse and render."""
    unchanged: list[str] = field(default_factory=list)
    """Sources whose briefing is current."""
    kept: dict[str, dict] = field(default_factory=dict)
    """The new manifest entry of each source whose briefing an author has edited."""
    signatures: dict[str, dict] = field(default_factory=dict)
    """Settled stat signatures (`source_stat`, `briefing_stat`) to record for a source."""


def _process(source: Path, name: str, analyser: Analyser) -> _Rendered:
    """Parse, analyse and render one source (runs in a worker)."""
    from .pipeline import analyse_article
    from .readers import read_bytes

    try:
        data = source.read_bytes()
    except OSError as exc:
        return _Rendered(name, None, None, "", Problem(name, None, None, "error", f"cannot read the file ({exc.strerror})", "check the path"))
    digest = hashlib.sha256(data).hexdigest()
    try:
        article = read_bytes(data, name)
        briefing = analyse_article(article, analyser)
        return _Rendered(name, article.slug, render_briefing(briefing, source_sha256=digest), digest, None)
    except InputError as exc:
        return _Rendered(name, None, None, digest, exc.problem)
    except Exception as exc:  # a parser bug must not take the corpus down
        return _Rendered(name, None, None, digest, Problem(name, None, None, "error", f"internal error while parsing: {exc!r}", "please report this file"))


def ingest(paths: list[Path], out_dir: Path, *, config_path: Path | None = None, settings: ProjectSettings | None = None,
           force: bool = False, jobs: int = 1) -> IngestReport:
    """Ingest raw articles into out_dir; return what happened to each. Settings are read from config_path once, unless given."""
    from .config import load_project_settings

    if settings is None:
        settings = load_project_settings(config_path)
    report = IngestReport()
    sources = collect_sources(paths)
    outside = {path for path in sources if leaves_folder(path, _given_folder(path, paths))}
    for path in sources:
        if path in outside:
            report.problems.append(Problem(path.as_posix(), None, None, "error", "is a symbolic link to a file outside its folder, so it is not ingested",
                                           "copy the file into the folder instead of linking to it"))
        elif not path.exists():
            report.problems.append(Problem(path.as_posix(), None, None, "error", "no such file", "check the path"))
    sources = [p for p in sources if p.exists() and p not in outside]
    root = out_dir.parent
    cache = root / CACHE_DIR
    refuse_symlink(cache, "ingestion")
    manifest_path = cache / "ingest-manifest.json"
    with file_lock(cache / "ingest.lock"):
        manifest = _load_manifest(manifest_path)
        key = _settings_key(settings)
        named = [(path, source_name(path, root)) for path in sources]
        plan = _plan(named, out_dir, manifest, key, force)
        report.unchanged += plan.unchanged
        rendered = {item.source: item for item in _render_all(plan.todo, settings, jobs)}
        remove_stale_temporaries(out_dir)
        remove_stale_temporaries(cache)
        slugs = _assign_slugs(list(rendered.values()), [*plan.unchanged, *plan.kept], manifest, out_dir)
        for _, name in named:  # in source order, as the report lists them
            if name in plan.kept:
                manifest[name] = plan.kept[name]
                report.kept_edited.append((out_dir / f"{manifest[name]['slug']}.md").as_posix())
                continue
            item = rendered.get(name)
            if item is None:
                continue
            if item.problem:
                report.problems.append(item.problem)
                continue
            slug = slugs[item.source]
            text = item.text or ""
            target = safe_join(out_dir, f"{slug}.md")
            _write(target, text, force, report)
            manifest[name] = {"sha256": item.sha256, "slug": slug, "settings": key, **plan.signatures.get(name, {})}
        for name in plan.unchanged:
            manifest[name] = {**_without_signatures(manifest[name]), **plan.signatures.get(name, {})}
        atomic_write(manifest_path, json.dumps(manifest, indent=1, sort_keys=True))
    return report


def _given_folder(source: Path, paths: list[Path]) -> Path:
    """The folder a source was found in (a folder given on the command line), or its own folder when given by name."""
    return next((p for p in paths if p.is_dir() and source.is_relative_to(p)), source.parent)


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


def _plan(named: list[tuple[Path, str]], out_dir: Path, manifest: dict, key: str, force: bool) -> _Plan:
    """Sort the sources into those to process, those unchanged and those whose briefing an author has edited.

    Reads only the manifest, `stat` and, where a signature does not match, the files' bytes: nothing is parsed.
    """
    plan = _Plan()
    now_ns = time.time_ns()
    for path, name in named:
        entry = manifest.get(name)
        if force or not isinstance(entry, dict) or not isinstance(entry.get("slug"), str):
            plan.todo.append((path, name))
            continue
        source = _source_digest(path, entry, now_ns)
        if source is None:  # unreadable: processing reports why
            plan.todo.append((path, name))
            continue
        digest, source_signature = source
        briefing, briefing_signature = _briefing_state(out_dir / f"{entry['slug']}.md", entry.get("briefing_stat"), now_ns)
        signatures = {"source_stat": source_signature} if source_signature else {}
        if briefing == "edited":
            plan.kept[name] = {"sha256": digest, "slug": entry["slug"], "settings": key, **signatures}
            continue
        if briefing == "untouched" and entry.get("settings") == key and digest == entry.get("sha256"):
            plan.unchanged.append(name)
            if briefing_signature:
                signatures["briefing_stat"] = briefing_signature
        else:
            plan.todo.append((path, name))
        plan.signatures[name] = signatures
    return plan


def _without_signatures(entry: dict) -> dict:
    return {k: v for k, v in entry.items() if k not in ("source_stat", "briefing_stat")}


def _signature(stat: os.stat_result) -> list[int]:
    """Size, mtime and ctime: what changes when a file's content does."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


def _settled(stat: os.stat_result, now_ns: int) -> list[int] | None:
    """The signature of a file whose times are old enough to trust (see SETTLED_NS), else None."""
    return _signature(stat) if max(stat.st_mtime_ns, stat.st_ctime_ns) <= now_ns - SETTLED_NS else None


def _source_digest(path: Path, entry: dict, now_ns: int) -> tuple[str, list[int] | None] | None:
    """(sha256, settled signature) of a source: the recorded hash when its signature still matches; None if unreadable."""
    try:
        stat = path.stat()
        if _signature(stat) == entry.get("source_stat") and isinstance(entry.get("sha256"), str):
            return entry["sha256"], entry["source_stat"]
        return hashlib.sha256(path.read_bytes()).hexdigest(), _settled(stat, now_ns)
    except OSError:
        return None


def _briefing_state(target: Path, recorded: list[int] | None, now_ns: int) -> tuple[str | None, list[int] | None]:
    """("untouched" | "edited" | None, settled signature) of a generated briefing; None when missing or unreadable.

    "edited" is what `_write` keeps: a briefing that is not exactly as ingestion wrote it.
    """
    try:
        stat = target.stat()
        if recorded is not None and _signature(stat) == recorded:
            return "untouched", recorded
        if not target.is_file():
            return None, None
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None, None
    return ("untouched", _settled(stat, now_ns)) if is_untouched(text) else ("edited", None)


def _render_all(todo: list[tuple[Path, str]], settings: ProjectSettings, jobs: int) -> list[_Rendered]:
    """Parse, analyse and render the sources, in `jobs` processes (0: one per core); results in `todo` order."""
    if not todo:
        return []
    from .analysis import Analyser

    analyser = Analyser.prepare(settings.themes, settings.curated_glossary)  # once per run: it compiles every keyword
    workers = (os.cpu_count() or 1) if jobs == 0 else max(1, jobs)
    if workers == 1 or len(todo) < 2:
        return [_process(path, name, analyser) for path, name in todo]
    # Imported here: multiprocessing costs a one-process run 20 ms of start-up.
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        work = partial(_process, analyser=analyser)  # a worker unpickles it once per chunk, from its regex cache after the first
        return list(pool.map(work, [p for p, _ in todo], [n for _, n in todo], chunksize=8))


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
