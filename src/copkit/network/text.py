"""Text relevance for the expertise network: tokenising and BM25 ranking, via bm25s.

bm25s (sparse-matrix BM25, numpy only) ranks; PyStemmer's Snowball stemmer makes
"monitor", "monitoring" and "monitored" one term. This module is the only place that
imports either, so the rest of the package stays typed.
"""

from __future__ import annotations

from collections.abc import Sequence

import bm25s  # type: ignore[import-untyped]
import numpy as np
import numpy.typing as npt
import Stemmer  # type: ignore[import-not-found]

_STEMMER = Stemmer.Stemmer("english")


def tokenize(texts: Sequence[str]) -> list[list[str]]:
    """Lower-cased, stemmed words of two or more letters, English stop words removed."""
    if not texts:
        return []
    tokens: list[list[str]] = bm25s.tokenize(
        list(texts),
        return_ids=False,
        show_progress=False,
        stopwords="english",
        stemmer=_STEMMER.stemWords,
    )
    return tokens


class Bm25Index:
    """BM25 scores of a fixed list of tokenised documents (see :func:`tokenize`)."""

    def __init__(self, corpus: Sequence[list[str]]) -> None:
        self.size = len(corpus)
        self._retriever: bm25s.BM25 | None = None
        if any(corpus):
            self._retriever = bm25s.BM25()
            self._retriever.index(list(corpus), show_progress=False)

    def scores(self, terms: Sequence[str]) -> npt.NDArray[np.float64]:
        """One score per document (0 where no term occurs), in document order."""
        if self._retriever is None or not terms:
            return np.zeros(self.size, dtype=np.float64)
        raw = self._retriever.get_scores(list(terms))
        return np.asarray(raw, dtype=np.float64)
