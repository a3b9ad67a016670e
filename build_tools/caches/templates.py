"""Compiled theme templates kept in memory between the rebuilds of one `mkdocs serve`.

MkDocs makes a new Jinja environment for every rebuild, so every template
(Material's base.html and its partials, ours) would be parsed and compiled
again each time an author saves a file. Jinja's bytecode cache keys an entry
by template name and file and checks the source's checksum on load, so an
edited template is compiled afresh and an unchanged one is not.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
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
