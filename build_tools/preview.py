"""Live preview support: re-ingest only the raw articles that changed since the last run.

`mkdocs serve` calls this before every rebuild. Ingestion skips every seed
whose bytes, tool version and theme configuration are unchanged (a manifest in
.briefings-cache/), and writes a briefing only when its content changes, so a
rebuild triggered by that write finds nothing to do: no rebuild loop.
"""

from __future__ import annotations

from pathlib import Path

from .ingest import IngestReport, ingest


def reingest_changed_seeds(
    root: Path, briefings_dir: str = "briefings", seeds_dir: str = "seeds", config_path: Path | None = None
) -> IngestReport | None:
    """Ingest seeds/ into briefings/ if there is a seeds folder; None when there is none."""
    seeds = root / seeds_dir
    if not seeds.is_dir():
        return None
    config = config_path or root / "mkdocs.yml"
    return ingest([seeds], root / briefings_dir, config_path=config if config.is_file() else None)
