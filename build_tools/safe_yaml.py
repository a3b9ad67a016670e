"""Safe YAML with a cap on alias expansion, for every YAML file a user or a contributor writes.

PyYAML's safe loader shares an aliased node instead of copying it, so a
"billion laughs" document of a dozen lines loads quickly, but anything that
walks the result (validation, JSON, templates) walks every copy: 9^10 of them.
`check_aliases` measures the expanded size on the composed node graph
(linear: each node is sized once) and refuses a document whose aliases add
more than `ALIAS_BUDGET` nodes, or that refers to itself, with the line of
the collection that holds the offending alias.
"""

from __future__ import annotations

from typing import Any

import yaml

ALIAS_BUDGET = 50_000  # nodes aliases may add; real front matter and glossaries use a handful of aliases, if any

_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class AliasExpansionError(yaml.MarkedYAMLError):
    """A document whose aliases expand too far (or into themselves)."""


def check_aliases(node: yaml.Node | None, budget: int = ALIAS_BUDGET) -> None:
    """Raise AliasExpansionError when the aliases in the composed document add more than `budget` nodes."""
    if node is None:
        return
    sizes: dict[int, int] = {}
    active: set[int] = set()
    extra = 0

    def size(n: yaml.Node) -> int:
        nonlocal extra
        if isinstance(n, yaml.ScalarNode):
            return 1
        key = id(n)
        active.add(key)
        children = [c for pair in n.value for c in pair] if isinstance(n, yaml.MappingNode) else list(n.value)
        total = 1
        for child in children:
            child_key = id(child)
            if child_key in active:
                raise AliasExpansionError(None, None, "an alias refers to the collection that contains it", child.start_mark)
            if child_key in sizes:  # a second use of the same node: an alias
                extra += sizes[child_key]
                total += sizes[child_key]
                if extra > budget:
                    raise AliasExpansionError(
                        None, None, f"aliases expand this document by more than {budget:,} values", n.start_mark
                    )
            else:
                total += size(child)
        active.discard(key)
        sizes[key] = total
        return total

    size(node)


def load(text: str) -> Any:
    """The document in `text`, loaded safely (no tags that build Python objects), aliases capped."""
    loader = _SafeBase(text)
    try:
        node = loader.get_single_node()
        check_aliases(node)
        return loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
