"""Live preview support: re-ingest only the raw articles that changed since the last run; keep the CSP;
hear of a saved file at once.

`mkdocs serve` calls this before every rebuild. Ingestion skips every seed
whose bytes, tool version and theme configuration are unchanged (a manifest in
.briefings-cache/), and writes a briefing only when its content changes, so a
rebuild triggered by that write finds nothing to do: no rebuild loop.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .ingest import IngestReport, ingest, is_raw_article

if TYPE_CHECKING:
    from .config import ProjectSettings


def reingest_changed_seeds(
    root: Path, briefings_dir: str = "briefings", seeds_dir: str = "seeds", config_path: Path | None = None,
    settings: ProjectSettings | None = None, only: list[Path] | None = None,
) -> IngestReport | None:
    """Ingest seeds/ into briefings/ if there is a seeds folder; None when there is none. Given `only` (the raw
    articles `changed_seeds` found), just those: the others' manifest entries stay as they are."""
    seeds = root / seeds_dir
    if not seeds.is_dir():
        return None
    config = config_path or root / "mkdocs.yml"
    return ingest(only if only is not None else [seeds], root / briefings_dir, config_path=config if config.is_file() else None,
                  settings=settings)


def changed_seeds(before: tuple | None, after: tuple, seeds: Path) -> list[Path] | None:
    """The raw articles in `seeds` new or changed between two `seeds_stamp`s, when those alone need ingesting; None
    when the whole folder does (no earlier stamp, a project YAML file changed, a briefing file is gone, or a changed
    file is a symbolic link, whose check wants the folder). A deleted raw article needs nothing: its briefing stays."""
    if before is None or before[1:] != after[1:]:
        return None
    old = set(before[0])
    paths = [Path(entry[0]) for entry in after[0] if entry not in old]
    if any(path.is_symlink() or not path.is_relative_to(seeds) for path in paths):
        return None
    return [path for path in paths if is_raw_article(path, seeds)]


def seeds_stamp(root: Path, briefings_dir: str = "briefings", seeds_dir: str = "seeds") -> tuple:
    """What ingestion's outcome depends on, cheaply: each raw article's size and time, the project's YAML files, and
    which briefing files exist (a deleted one is written again). Equal stamps: re-ingesting would change nothing."""

    def stats(paths: Any) -> tuple:
        out = []
        for path in sorted(paths):
            try:
                st = path.stat()
            except OSError:
                continue
            out.append((path.as_posix(), st.st_size, st.st_mtime_ns))
        return tuple(out)

    seeds = root / seeds_dir
    briefings = root / briefings_dir
    return (
        stats(p for p in seeds.rglob("*") if p.is_file()) if seeds.is_dir() else (),
        stats([*root.glob("*.yml"), *root.glob("*.yaml")]),
        tuple(sorted(p.name for p in briefings.glob("*.md"))) if briefings.is_dir() else (),
    )


def allow_live_reload(server: Any) -> None:
    """Make `mkdocs serve` add its live-reload script's hash to the page's policy, so the preview keeps the build's CSP.

    The server puts one inline `<script>` before `</body>` of every page it
    sends; its text (a timestamp in it) is known only then, so its hash is added
    to the page's own policy right there. Every other script is held to the
    same policy as in the built site. A server without that method is left
    alone: the policy then blocks live reload, never the other way round.
    """
    from .site.csp import allow_script

    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None or getattr(inject, "briefings_csp", False):
        return

    def inject_and_allow(content: bytes, epoch: int) -> bytes:
        out = inject(content, epoch)
        added = len(out) - len(content)
        at = out.find(b"<script>", content.rfind(b"</body>") if b"</body>" in content else len(content))
        if added <= len(b"<script></script>") or at < 0:
            return out
        script = out[at + len(b"<script>") : at + added - len(b"</script>")].decode("utf-8")
        return allow_script(out, script)

    inject_and_allow.briefings_csp = True  # type: ignore[attr-defined]
    server._inject_js_into_html = inject_and_allow


def watch_with_change_events(server: Any) -> str | None:
    """Let `mkdocs serve` hear of a saved file from the system's change events instead of its 0.5 s poll.

    MkDocs 1.6 watches with watchdog's polling observer: it stats every watched
    file each 0.5 s, so a save waits 0.25 s on average (and a thousand
    briefings are stat-ed twice a second). Before the server starts, its
    observer is swapped for the system's (inotify, FSEvents, ReadDirectoryChanges)
    and every path MkDocs watched is watched again through its own `watch`, so
    MkDocs' handler and rebuild loop are unchanged. Only events that change a
    file count: the build reading the files it watches must not start another.
    Returns what the log should say, or None when the server is left polling
    (no such observer here, or a server without the watched-path table).
    """
    from watchdog import events
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    watched = getattr(server, "_watched_paths", None)
    if not isinstance(watched, dict) or not hasattr(server, "observer") or issubclass(Observer, PollingObserver):
        return None
    changes = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
               events.FileClosedEvent, events.EventsLostEvent]

    class ChangeObserver(Observer):  # type: ignore[misc, valid-type]
        def schedule(self, event_handler: Any, path: Any, *, recursive: bool = False, event_filter: Any = None, **kw: Any) -> Any:
            return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or changes, **kw)

    paths = dict(watched)
    try:  # the system's watches are made when the observer starts: try one now, or the server would fail to start
        probe = ChangeObserver()
        probe.schedule(events.FileSystemEventHandler(), next(iter(paths), "."), recursive=False)
        probe.start()
        probe.stop()
        probe.join()
    except OSError as exc:  # e.g. the system's limit on watches is reached: poll as MkDocs does
        return f"watching for changes by polling every 0.5 s (no change events here: {exc})"
    for path, count in paths.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = ChangeObserver()
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)
    return "watching for changes with the system's change events (preview_watch: polling polls as MkDocs does)"
