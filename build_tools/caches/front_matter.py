"""Front matter of briefing files, cached as JSON under the hash of each file's text."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..briefing_file import BriefingFile, load_briefing, load_briefing_text, outside_link_problem
from ..errors import Problem
from .store import JsonStore


class FrontMatterCache:
    """Front matter read on an earlier build, as JSON under the hash of the file's text.

    JSON reads about ten times faster than YAML, so a rebuild spends its time
    on what changed. Only files that loaded without a problem are kept (a bad
    file is read, and reported, every time); values that JSON cannot carry
    exactly (keys that are not text) are not cached.
    """

    def __init__(self, folder: Path):
        self.store = JsonStore(folder)

    def load(self, path: Path, shown: str) -> tuple[BriefingFile | None, list[Problem]]:
        outside = outside_link_problem(path, shown)
        if outside:
            return None, [outside]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return load_briefing(path, shown)  # reports the problem
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        data = self.store.get(key)
        try:
            return BriefingFile(path.stem, shown, data["meta"], data["body"], data["body_line"], data["key_lines"]), []
        except (KeyError, TypeError):
            pass
        bf, problems = load_briefing_text(text, shown)
        if bf is not None and not problems:
            self._store(key, bf)
        return bf, problems

    def _store(self, key: str, bf: BriefingFile) -> None:
        data = {"meta": bf.meta, "body": bf.body, "body_line": bf.body_line, "key_lines": bf.key_lines}
        try:
            blob = json.dumps(data, ensure_ascii=False)
            exact = json.loads(blob)["meta"] == bf.meta
        except (TypeError, ValueError):
            return
        if exact:  # else JSON would change a value (a key that is not text): read the YAML next time
            self.store.put_text(key, blob)

    def prune(self) -> None:
        self.store.prune()
