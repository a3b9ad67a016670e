"""Load briefing files: front matter (safe YAML, with line numbers) and body.

`load_briefing_text(text, path)` is pure: it returns a `BriefingFile` (or
None) and the problems found, each naming the file and line the way
`briefings check` prints them. The front matter is composed with PyYAML's
SafeLoader so every key keeps its line; duplicate keys, tabs, unsafe tags
(`!!python/object` and friends) and syntax errors are reported, never run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .body import Body
from .errors import Problem
from .fsutil import leaves_folder
from .safe_yaml import check_aliases

_HANDLER = YAMLHandler()


@dataclass(frozen=True)
class BriefingFile:
    """One briefing file as read: slug (from the file name), front matter, body and where things are."""

    slug: str
    path: str
    meta: dict[str, Any]
    body: str
    body_line: int
    key_lines: dict[str, int] = field(default_factory=dict)
    parsed_body: Body | None = field(default=None, compare=False)  # the body's blocks, when a cache already has them


_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's scanner when PyYAML has it: ~10x faster


class _LineLoader(_SafeBase):  # type: ignore[misc, valid-type]
    """Safe loader that refuses duplicate keys; nodes keep their marks, so every key has a line."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)  # type: ignore[arg-type]
        if isinstance(key, (list, dict)):
            raise yaml.constructor.ConstructorError(None, None, "a key must be a plain value", key_node.start_mark)
        if key in seen:
            raise _duplicate_key(key, seen[key], key_node)
        seen[key] = key_node.start_mark.line
    return yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=deep)


def _duplicate_key(key: Any, first_line: int, key_node: yaml.Node) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}' (first on line {first_line + 1})", key_node.start_mark)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)  # type: ignore[arg-type]
# Dates stay text ("2020-13-45" is then reported by the schema, not crashed on by the YAML parser).
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map"))
_SPECIAL_KEYS = frozenset({"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"})


class _NeedsFullConstructor(Exception):
    """The document holds something `_construct_plain` leaves to PyYAML's constructor (merge keys, tagged collections)."""


def _construct_plain(loader: _LineLoader, node: yaml.Node) -> Any:
    """The value of a composed document of text, numbers, lists and mappings, built in one walk.

    What PyYAML's constructor gives for such a document (which is all front matter), about three times
    faster: it builds every collection through generators, for recursive documents this one never sees
    (an alias needs an anchor, and `check_aliases` refuses one that contains itself). Scalars other than
    text go to PyYAML's constructors; a key that is not a plain value goes to PyYAML's constructor, which refuses it.
    """
    if isinstance(node, yaml.ScalarNode):
        return node.value if node.tag == _STR else loader.construct_object(node, deep=True)
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        return [_construct_plain(loader, item) for item in node.value]
    if not (isinstance(node, yaml.MappingNode) and node.tag == _MAP):
        raise _NeedsFullConstructor
    mapping: dict[Any, Any] = {}
    seen: dict[Any, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag in _SPECIAL_KEYS:
            raise _NeedsFullConstructor
        key = _construct_plain(loader, key_node)
        if key in seen:
            raise _duplicate_key(key, seen[key], key_node)
        seen[key] = key_node.start_mark.line
        mapping[key] = _construct_plain(loader, value_node)
    return mapping


def construct_front_matter(loader: _LineLoader, node: yaml.Node) -> Any:
    """The composed document's value: built in one walk where it can be, else by PyYAML's constructor."""
    try:
        return _construct_plain(loader, node)
    except _NeedsFullConstructor:
        return loader.construct_document(node)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter or None, body, 1-based line where the body starts)."""
    if not re.match(r"^-{3,}\s*\n", text):
        return None, text, 1
    try:
        fm, body = _HANDLER.split(text)
    except ValueError:
        return None, text, 1
    body_line = text[: len(text) - len(body)].count("\n") + 1
    return fm, body.lstrip("\n"), body_line + (len(body) - len(body.lstrip("\n")))


def load_briefing_text(text: str, path: str) -> tuple[BriefingFile | None, list[Problem]]:
    """Parse one briefing file; problems carry `path:line:col`."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    slug = Path(path).stem
    fm, body, body_line = split_front_matter(text)
    if fm is None:
        return None, [Problem(path, 1, 1, "error", "no front matter", "start the file with a '---' line, the YAML fields, and another '---' line")]
    loader = _LineLoader(fm)
    try:
        node = loader.get_single_node()  # composed once: the node gives key lines, the constructor the values
        if "*" in fm and "&" in fm:  # an alias is written `*name` and needs an anchor `&name`: without both there is none
            check_aliases(node)
        meta = construct_front_matter(loader, node) if node is not None else {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1) if mark else 1
        col = (mark.column + 1) if mark else 1
        problem = (exc.problem or "invalid YAML").strip()
        fm_lines = fm.split("\n")  # YAML also breaks lines at NEL and U+2028, so its line number may run past these
        if "\t" in (fm_lines[mark.line] if mark and mark.line < len(fm_lines) else fm_lines[0]) and "tab" not in problem:
            problem += " (tabs are not allowed for indentation)"
        hint = _yaml_hint(problem)
        return None, [Problem(path, line, col, "error", f"front matter is not valid YAML: {problem}", hint)]
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        return None, [Problem(path, 1, 1, "error", f"front matter is not valid YAML: {exc}", "check the YAML syntax")]
    finally:
        loader.dispose()
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return None, [Problem(path, 2, 1, "error", "front matter must be a mapping of 'key: value' lines", "write one 'key: value' per line")]
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 1
    return BriefingFile(slug, path, meta, body, body_line, key_lines), []


def _yaml_hint(problem: str) -> str:
    if "could not determine a constructor" in problem or "python/" in problem:
        return "remove the tag: front matter is plain YAML and tags such as !!python/object are refused"
    if "alias" in problem:
        return "write the values out instead of repeating them through aliases (*name)"
    if "duplicate key" in problem:
        return "keep one of the two keys"
    if "tab" in problem or "\\t" in problem:
        return "indent with spaces, not tabs"
    return "fix the YAML at that position (quote values that contain ': ' or start with a special character)"


def outside_link_problem(path: Path, shown: str) -> Problem | None:
    """The error for a briefing that is a symbolic link out of its folder (`x.md -> /etc/...`): never read, never published."""
    if path.is_symlink() and leaves_folder(path, path.parent):
        return Problem(shown, None, None, "error", f"is a symbolic link to a file outside {path.parent.name}/, so it is not published",
                       "copy the file into the folder instead of linking to it")
    return None


def load_briefing(path: Path, shown: str | None = None) -> tuple[BriefingFile | None, list[Problem]]:
    """Read and parse one briefing file from disk."""
    name = shown or path.as_posix()
    outside = outside_link_problem(path, name)
    if outside:
        return None, [outside]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Problem(name, 1, 1, "error", "the file is not UTF-8 text", "save it as UTF-8")]
    except OSError as exc:
        return None, [Problem(name, None, None, "error", f"cannot read the file ({exc.strerror})", "check permissions")]
    return load_briefing_text(text, name)
