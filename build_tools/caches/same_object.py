"""Values derived from an object, kept between the rebuilds of one `mkdocs serve` while the object is the same.

`DocMemo` hands a rebuild the very `Doc` an earlier rebuild loaded while its
file is unchanged, so what is worked out from a Doc alone (its listing card,
its related-briefing features, its theme passages) can be reused by identity:
an edited briefing is a new object and gets new values. Entries no rebuild
asked for since the previous one are dropped, so the memo holds one
rebuild's worth.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class SameObjectMemo:
    """key -> value made from `source`, reused while the caller passes the same `source` object."""

    def __init__(self) -> None:
        self._now: dict[Hashable, tuple[Any, Any]] = {}
        self._before: dict[Hashable, tuple[Any, Any]] = {}

    def start(self) -> None:
        """A new rebuild: what it does not ask for is forgotten when the next one starts."""
        self._before, self._now = self._now, {}

    def get(self, key: Hashable, source: object, make: Callable[[], T]) -> T:
        entry = self._now.get(key) or self._before.get(key)
        if entry is None or entry[0] is not source:
            entry = (source, make())
        self._now[key] = entry
        return entry[1]

    def __len__(self) -> int:
        return len(self._now)


def reuse(memo: SameObjectMemo | None, key: Hashable, source: object, make: Callable[[], T]) -> T:
    """`make()`, or the value an earlier rebuild made from this very `source` when there is a memo.

    Compare with None, never by truth: an empty memo (every rebuild starts with one) is still a memo.
    """
    return make() if memo is None else memo.get(key, source, make)
