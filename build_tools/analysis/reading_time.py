"""Reading time of the body at an average silent-reading speed."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from build_tools.model import Article

#: Words per minute of an adult reading non-fiction (Brysbaert 2019 puts it at 238; we round down).
WORDS_PER_MINUTE = 230


def count_words(text: str) -> int:
    """Whitespace-separated words, as a reader would count them."""
    return len(text.split())


def reading_time_minutes(article: Article, words_per_minute: int = WORDS_PER_MINUTE) -> int:
    """ceil(body words / words_per_minute), at least 1."""
    words = sum(count_words(p.text) for p in article.paragraphs())
    return max(1, math.ceil(words / words_per_minute))
