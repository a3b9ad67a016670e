"""Briefing files as read (front matter and the body's blocks), cached as JSON under the hash of each file's text."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..body import body_from_dict, body_to_dict, parse_body
from ..briefing_file import BriefingFile, load_briefing, load_briefing_text, outside_link_problem
from ..errors import Problem
from ..markdown_ext import BlockReader
from ..pipeline import code_fingerprint
from .store import JsonStore


class FrontMatterCache:
    """Front matter and body blocks read on an earlier build, as JSON under the hash of the file's text.

    JSON reads about ten times faster than YAML, and than Python-Markdown's block
    parse of the body, so a rebuild spends its time on what changed. Only files
    that loaded without a problem are kept (a bad file is read, and reported,
    every time); values that JSON cannot carry exactly (keys that are not text)
    are not cached. The key covers the Markdown extensions the body is read with.
    """

    def __init__(self, folder: Path, block_reader: BlockReader | None = None, *, read_only: bool = False):
        self.store = JsonStore(folder, read_only=read_only)
        self.block_reader = block_reader
        self.salt = block_reader.fingerprint + code_fingerprint() if block_reader else ""  # blocks change with the reading code

    def load(self, path: Path, shown: str) -> tuple[BriefingFile | None, list[Problem]]:
        outside = outside_link_problem(path, shown)
        if outside:
            return None, [outside]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return load_briefing(path, shown)  # reports the problem
        key = self._key(text)
        data = self.store.get(key)
        try:
            blocks = body_from_dict(data["blocks"], data["body"]) if data.get("blocks") else None
            return BriefingFile(path.stem, shown, data["meta"], data["body"], data["body_line"], data["key_lines"], blocks), []
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
        bf, problems = load_briefing_text(text, shown)
        if bf is not None and not problems:
            if self.block_reader is not None:
                bf = BriefingFile(bf.slug, bf.path, bf.meta, bf.body, bf.body_line, bf.key_lines,
                                  parse_body(bf.body, bf.body_line, self.block_reader))
            self._store(key, bf)
        return bf, problems

    def _key(self, text: str) -> str:
        return hashlib.sha256((self.salt + "\x00" + text).encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def uncached(self, paths: list[Path]) -> int:
        """How many of these files have no entry here, so that loading them means parsing YAML and Markdown (each is read
        and hashed, as `load` does; a file that cannot be read counts as uncached)."""
        if not self.store.folder.is_dir():
            return len(paths)
        count = 0
        for path in paths:
            try:
                count += not self.store.holds(self._key(path.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError):
                count += 1
        return count

    def _store(self, key: str, bf: BriefingFile) -> None:
        data = {"meta": bf.meta, "body": bf.body, "body_line": bf.body_line, "key_lines": bf.key_lines,
                "blocks": body_to_dict(bf.parsed_body) if bf.parsed_body else None}
        try:
            blob = json.dumps(data)  # escaped to ASCII: twice as fast to write, and any lone surrogate survives
            exact = json.loads(blob)["meta"] == bf.meta
        except (TypeError, ValueError):
            return
        if exact:  # else JSON would change a value (a key that is not text): read the YAML next time
            self.store.put_text(key, blob)

    def prune(self) -> None:
        self.store.prune()
