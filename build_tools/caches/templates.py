"""Compiled theme templates kept between builds: in memory for one `mkdocs serve`, on disk for `mkdocs build`.

MkDocs makes a new Jinja environment for every rebuild, so every template
(Material's base.html and its partials, ours) would be parsed and compiled
again each time an author saves a file, and every `mkdocs build` would compile
them afresh (about a third of a second of CPU). Jinja's bytecode cache keys an entry
by template name and file and checks the source's checksum on load, so an
edited template is compiled afresh and an unchanged one is not.
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from jinja2.bccache import Bucket


class TemplateCodeCache(BytecodeCache):
    """Jinja bytecode in a dict: lives as long as the plugin instance (one `mkdocs serve`)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def template_code_on_disk(folder: Path) -> FileSystemBytecodeCache:
    """Jinja bytecode in files under `folder` (Jinja writes each atomically; its header names the Python version)."""
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(os.fspath(folder))
