"""The article as the analysis steps read it, prepared once: paragraphs, sentences, terms and term weights.

Every step takes a `Document` instead of an `Article`, so what several steps need
(sentence offsets of each paragraph, the body sentences, their content terms, the
centrality weight of each term) is computed once per article and owned by it; no
step recomputes it and nothing is memoised across articles. sumy's summarizers,
which take a parsed document, are the model.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from build_tools.analysis.sentences import BodySentence, sentence_spans, sentences_in
from build_tools.analysis.tokens import STOP_WORDS, content_terms, memo_stemmer

if TYPE_CHECKING:
    from build_tools.model import Article, Paragraph

#: Multiplier on the weight of terms from the title and keywords.
TITLE_BOOST = 2.0


@dataclass(frozen=True, slots=True, eq=False)
class Document:
    """One article, split and weighed once for every analysis step. Build it with `Document.of`."""

    article: Article
    paragraphs: tuple[Paragraph, ...]
    """The body paragraphs, in reading order (`article.paragraphs()`)."""
    spans: tuple[tuple[tuple[int, int], ...], ...]
    """Sentence offsets of each paragraph's text (`sentence_spans`), one entry per paragraph."""
    sentences: tuple[BodySentence, ...]
    """The body sentences (`sentences_in`): what summary and key points choose from."""
    terms: tuple[tuple[str, ...], ...]
    """Content terms (stemmed, no stop words) of each body sentence, by `BodySentence.index`."""
    title_terms: frozenset[str]
    """Content terms of the title and keywords."""
    weights: Mapping[str, float]
    """Centrality weight of each term of the body (`term_weights`)."""
    stop_words: frozenset[str]
    """The stop words the terms leave out."""

    @classmethod
    def of(cls, article: Article, *, stop_words: frozenset[str] = STOP_WORDS, title_boost: float = TITLE_BOOST) -> Document:
        """Split and weigh `article` once."""
        paragraphs = tuple(article.paragraphs())
        spans = tuple(sentence_spans(p.text) for p in paragraphs)
        sentences = sentences_in(article, spans)
        stem = memo_stemmer()
        terms = tuple(tuple(content_terms(s.text, stop_words, stem)) for s in sentences)
        title_terms = frozenset(content_terms(" ".join((article.title, *article.keywords)), stop_words, stem))
        weights = MappingProxyType(term_weights(terms, title_terms, title_boost))
        return cls(article, paragraphs, spans, sentences, terms, title_terms, weights, stop_words)

    def terms_of(self, text: str) -> tuple[str, ...]:
        """Content terms of any text, with the document's stop words."""
        return tuple(content_terms(text, self.stop_words))


def term_weights(terms: Sequence[Sequence[str]], topical: frozenset[str], title_boost: float = TITLE_BOOST) -> dict[str, float]:
    """Weight of each term: log-scaled body frequency, boosted for title and keyword terms; hapaxes get none."""
    tf: Counter[str] = Counter()
    for ts in terms:
        tf.update(ts)
    weights = {}
    for term, n in tf.items():
        if n < 2:
            continue  # hapaxes are noise, not topic
        w = 1.0 + math.log(n)
        weights[term] = w * title_boost if term in topical else w
    return weights
