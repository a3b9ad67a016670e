"""Live preview support: re-ingest only the raw articles that changed since the last run; keep the CSP.

`mkdocs serve` calls this before every rebuild. Ingestion skips every seed
whose bytes, tool version and theme configuration are unchanged (a manifest in
.briefings-cache/), and writes a briefing only when its content changes, so a
rebuild triggered by that write finds nothing to do: no rebuild loop.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .ingest import IngestReport, ingest

if TYPE_CHECKING:
    from .config import ProjectSettings


def reingest_changed_seeds(
    root: Path, briefings_dir: str = "briefings", seeds_dir: str = "seeds", config_path: Path | None = None,
    settings: ProjectSettings | None = None,
) -> IngestReport | None:
    """Ingest seeds/ into briefings/ if there is a seeds folder; None when there is none."""
    seeds = root / seeds_dir
    if not seeds.is_dir():
        return None
    config = config_path or root / "mkdocs.yml"
    return ingest([seeds], root / briefings_dir, config_path=config if config.is_file() else None, settings=settings)


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
