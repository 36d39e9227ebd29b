"""Document features for clustering: binary value profiles and their Jaccard distances (values view);
one text per document, TF-IDF on character n-grams or fugashi word tokens, LSA (text view). Settings
come from ``aicompare/data/text_features.yaml``."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Sequence

import numpy as np
import pandas as pd

from aicompare.cluster.selection import ANALYZERS, DEFAULT_SEED
from aicompare.corpus.normalise import HAN_CHAR


@lru_cache(maxsize=None)
def text_features_config() -> dict:
    """Settings from ``aicompare/data/text_features.yaml``."""
    import yaml

    text = resources.files("aicompare").joinpath("data", "text_features.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


class JaEnTokenizer:
    """Content-word tokenizer for Japanese and English text (fugashi + unidic-lite).

    Japanese content words (POS from the config) as dictionary forms; other words lower-cased,
    English stop words and tokens shorter than ``min_token_chars`` dropped.
    """

    def __init__(self) -> None:
        import fugashi
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        cfg = text_features_config()["token"]
        self._tagger = fugashi.Tagger()
        self._pos = set(cfg["ja_content_pos"])
        self._pos2_out = set(cfg["ja_excluded_pos2"])
        self._stop = set(ENGLISH_STOP_WORDS) | set(cfg.get("en_extra_stop_words") or [])
        self._min = int(cfg["min_token_chars"])

    def __call__(self, text: str) -> list[str]:
        out = []
        for w in self._tagger(text):
            f = w.feature
            if f.pos1 not in self._pos or f.pos2 in self._pos2_out:
                continue
            base = f.orthBase if f.orthBase and f.orthBase != "*" else None
            if base is None:  # not in the Japanese dictionary: a Latin-script word or a number
                tok = w.surface.lower()
                if not tok.isalpha() or tok in self._stop or len(tok) < self._min:
                    continue
            else:
                tok = base
                if len(tok) < self._min and not HAN_CHAR.search(tok):
                    continue
            out.append(tok)
        return out


def make_vectorizer(analyzer: str = "char", *, min_df: int | None = None):
    """A TF-IDF vectoriser: ``char`` (char_wb n-grams) or ``token`` (:class:`JaEnTokenizer`)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    cfg = text_features_config()
    common = dict(
        min_df=cfg["tfidf"]["min_df"] if min_df is None else min_df,
        sublinear_tf=cfg["tfidf"]["sublinear_tf"],
        max_features=cfg["tfidf"]["max_features"],
        dtype=np.float64,
    )
    if analyzer == "char":
        return TfidfVectorizer(analyzer="char_wb", ngram_range=(cfg["char"]["ngram_min"], cfg["char"]["ngram_max"]),
                               lowercase=True, **common)
    if analyzer == "token":
        return TfidfVectorizer(tokenizer=JaEnTokenizer(), token_pattern=None, lowercase=False, **common)
    raise ValueError(f"unknown analyzer '{analyzer}' (use one of {', '.join(ANALYZERS)})")


def document_texts(passages: pd.DataFrame, doc_ids: Sequence[str] | None = None) -> pd.Series:
    """One text per document (its passages in ``passage_id`` order), indexed by sorted ``doc_id``;
    documents without any text are left out."""
    p = passages[passages["text"].fillna("").str.strip() != ""]
    if doc_ids is not None:
        p = p[p["doc_id"].isin(list(doc_ids))]
    p = p.sort_values(["doc_id", "passage_id"], kind="stable")
    return p.groupby("doc_id", sort=True)["text"].agg("\n".join).rename("text")


def lsa(X, n_components: int | None = None, seed: int = DEFAULT_SEED) -> np.ndarray:
    """TruncatedSVD to ``n_components`` (capped by the data) then L2 normalisation."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    n_components = n_components or text_features_config()["svd"]["n_components"]
    n = max(1, min(n_components, X.shape[0] - 1, X.shape[1] - 1))
    Z = TruncatedSVD(n_components=n, algorithm="arpack" if n < min(X.shape) else "randomized",
                     random_state=seed).fit_transform(X)
    return normalize(Z)


def text_embedding(texts: pd.Series, analyzer: str = "char", seed: int = DEFAULT_SEED,
                   n_components: int | None = None) -> np.ndarray:
    """TF-IDF (``analyzer``) then LSA; one normalised row per text."""
    min_df = None if len(texts) >= 10 else 1
    X = make_vectorizer(analyzer, min_df=min_df).fit_transform(texts.tolist())
    return lsa(X, n_components, seed)


def jaccard_distances(profiles: np.ndarray) -> np.ndarray:
    """Square Jaccard distance matrix of binary rows (two empty profiles are at distance 0)."""
    from scipy.spatial.distance import pdist, squareform

    return squareform(pdist(np.asarray(profiles, dtype=bool), metric="jaccard"))
