"""A folder of JSON documents under content keys: the storage of the build's caches.

Every cache the build keeps in `.briefings-cache/` (analysis, front matter,
finished pages) is one `JsonStore`: `get` and `put` by key, and `prune` at the
end of a build removes what that build did not use, so a cache holds one
corpus' worth of entries. An entry is written beside its place and renamed
over it; a lost or damaged entry only costs recomputing it, and a read-only
checkout still builds, just without the cache.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..fsutil import TEMP_PREFIX


class JsonStore:
    """JSON documents in `folder`, one `<key>.json` each."""

    def __init__(self, folder: Path, *, read_only: bool = False):
        self.folder = folder
        self.read_only = read_only  # `briefings check` reads what builds stored and writes nothing
        self.used: set[str] = set()
        self._made = False  # the folder exists (made once, not before every entry)

    def get(self, key: str) -> Any | None:
        """The document under `key`, or None when there is none (or it cannot be read)."""
        self.used.add(key)
        try:
            return json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def holds(self, key: str) -> bool:
        """Whether an entry is stored under `key` (not read, not marked used)."""
        return os.path.isfile(self.folder / f"{key}.json")

    def put(self, key: str, data: Any) -> None:
        self.put_text(key, json.dumps(data))  # escaped to ASCII: twice as fast to write as UTF-8 JSON of long pages

    def put_text(self, key: str, text: str) -> None:
        """Store a document already serialised as JSON."""
        self.used.add(key)
        if self.read_only:
            return
        try:
            if not self._made:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._made = True
            tmp = self.folder / f"{TEMP_PREFIX}{key}"
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, self.folder / f"{key}.json")
        except OSError:
            self._made = False  # the folder may be gone (removed while `mkdocs serve` ran): made again for the next entry

    def prune(self) -> None:
        """Remove every entry (and leftover temporary file) this build did not use."""
        if self.read_only or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.suffix != ".json" or path.stem not in self.used:
                path.unlink(missing_ok=True)
