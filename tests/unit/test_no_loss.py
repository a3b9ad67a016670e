"""Nothing lost: every word of every fixture reaches the record, and the body keeps reading order."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from build_tools.decoding import decode_article
from build_tools.model import Article
from build_tools.seeds import parse_seed
from tests.conftest import FIXTURES, SEEDS

WORD = re.compile(r"\w+")
ARTICLES = SEEDS + sorted(FIXTURES.glob("*.txt"))


def record_words(article: Article) -> list[str]:
    """Every word the record holds, field by field."""
    parts: list[str] = [article.title, article.subtitle or "", article.abstract or "", article.funding or "", " ".join(article.keywords)]
    parts += list(article.metadata_lines) + list(article.provenance)
    for a in article.authors:
        parts += [a.name, *a.affiliations, a.email or "", a.orcid or "", a.address or ""]
    for s in article.sections:
        parts.append(s.heading or "")
        parts += [p.text for p in s.paragraphs]
    parts += [r.text for r in article.references]
    parts += [d.message for d in article.diagnostics if d.severity == "info"]
    return WORD.findall("\n".join(parts))


def missing_words(source: str, article: Article) -> Counter:
    return Counter(WORD.findall(source)) - Counter(record_words(article))


def is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(word in it for word in needle)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_every_word_reaches_the_record(path: Path) -> None:
    text = decode_article(path.read_bytes()).text
    article = parse_seed(text, path.name)
    assert not missing_words(text, article), f"words lost: {dict(missing_words(text, article))}"


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_body_keeps_reading_order(path: Path) -> None:
    text = decode_article(path.read_bytes()).text
    article = parse_seed(text, path.name)
    body = WORD.findall(" ".join(p.text for p in article.paragraphs()))
    assert is_subsequence(body, WORD.findall(text))


def test_the_check_catches_a_lost_word() -> None:
    article = parse_seed("A title\n\nOne paragraph that has enough words to be a real body paragraph here.\n", "x.txt")
    text = "A title\n\nOne paragraph that has enough words to be a real body paragraph here. Extra\n"
    assert missing_words(text, article) == Counter({"Extra": 1})
