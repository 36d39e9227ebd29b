"""Document features for clustering: binary value profiles and their Jaccard distances (values view);
one text per document, TF-IDF on character n-grams or fugashi word tokens, LSA (text view). Settings
come from ``aicompare/data/text_features.yaml``."""
from __future__ import annotations

from collections import Counter
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


@lru_cache(maxsize=None)
def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words, from ``aicompare/data/en_stop_words.txt``."""
    text = resources.files("aicompare").joinpath("data", "en_stop_words.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


class JaEnTokenizer:
    """Content-word tokenizer for Japanese and English text (fugashi + unidic-lite).

    Japanese content words (POS from the config) as dictionary forms; other words lower-cased,
    English stop words and tokens shorter than ``min_token_chars`` dropped.
    """

    def __init__(self) -> None:
        import fugashi

        cfg = text_features_config()["token"]
        self._tagger = fugashi.Tagger()
        self._pos = set(cfg["ja_content_pos"])
        self._pos2_out = set(cfg["ja_excluded_pos2"])
        self._stop = english_stop_words() | set(cfg.get("en_extra_stop_words") or [])
        self._min = int(cfg["min_token_chars"])

    def __call__(self, text: str) -> list[str]:
        out = []
        for w in self._tagger(text):
            raw = w.feature_raw  # the CSV fields; building fugashi's feature tuple costs 3x the whole parse
            f = raw.split(",", 11)
            if f[0] not in self._pos or f[1] in self._pos2_out:
                continue
            if '"' in raw:  # a quoted field (a comma inside): let fugashi parse the CSV
                base = w.feature.orthBase
            else:
                base = f[10] if len(f) > 10 else None  # unknown words (Latin script, numbers) have 6 fields
            if not base or base == "*":  # not in the Japanese dictionary: a Latin-script word or a number
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


def char_ngram_counts(texts: Sequence[str], ngram_min: int, ngram_max: int):
    """Counts of the lower-cased character n-grams inside word boundaries (scikit-learn's ``char_wb``) of each
    text, and their terms in alphabetical order: the same matrix as ``CountVectorizer(analyzer="char_wb")``, with
    the same order of stored entries, computed once per distinct word instead of once per occurrence (each
    document's word counts times each word's n-gram counts)."""
    import scipy.sparse as sp

    word_ids: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    counts: list[int] = []
    for i, text in enumerate(texts):
        for word, n in Counter(text.lower().split()).items():
            rows.append(i)
            cols.append(word_ids.setdefault(word, len(word_ids)))
            counts.append(n)
    D = sp.csr_matrix((np.asarray(counts, dtype=np.float64), (rows, cols)), shape=(len(texts), len(word_ids)))
    gram_ids: dict[str, int] = {}  # in order of first appearance, as scikit-learn numbers them before sorting
    w_rows: list[int] = []
    w_cols: list[int] = []
    for word, j in word_ids.items():
        padded = f" {word} "
        size = len(padded)
        for n in range(ngram_min, ngram_max + 1):
            if size <= n:  # a short word counts once, as a whole
                w_rows.append(j)
                w_cols.append(gram_ids.setdefault(padded, len(gram_ids)))
                break
            for start in range(size - n + 1):
                w_rows.append(j)
                w_cols.append(gram_ids.setdefault(padded[start:start + n], len(gram_ids)))
    W = sp.csr_matrix((np.ones(len(w_rows)), (w_rows, w_cols)), shape=(len(word_ids), len(gram_ids)))
    X = (D @ W).tocsr()
    return _alphabetical(X, list(gram_ids))


def _alphabetical(X, terms: list[str]):
    """``X`` (columns numbered in order of first appearance: ``terms``) with sorted entries and its columns
    renumbered alphabetically, entries left in place (as scikit-learn's vectorisers do), and the sorted terms."""
    X.sort_indices()
    order = sorted(range(len(terms)), key=terms.__getitem__)
    new_index = np.empty(len(terms), dtype=X.indices.dtype)
    new_index[order] = np.arange(len(terms), dtype=X.indices.dtype)
    X.indices = new_index.take(X.indices, mode="clip")
    return X, np.asarray([terms[i] for i in order], dtype=object)


def limit_terms(X, terms: np.ndarray, min_df: int, max_features: int | None):
    """Keep terms in at least ``min_df`` documents, then the ``max_features`` most frequent (scikit-learn's rule)."""
    df = np.bincount(X.indices, minlength=X.shape[1])
    mask = df >= min_df
    if max_features is not None and mask.sum() > max_features:
        tf = np.asarray(X.sum(axis=0)).ravel()
        top = (-tf[mask]).argsort()[:max_features]
        keep = np.zeros(len(df), dtype=bool)
        keep[np.where(mask)[0][top]] = True
        mask = keep
    kept = np.where(mask)[0]
    return X[:, kept], terms[kept]


def token_counts(texts: Sequence[str]):
    """Counts of :class:`JaEnTokenizer`'s words in each text and the words in alphabetical order: the matrix of
    ``CountVectorizer(tokenizer=JaEnTokenizer())``, with the same order of stored entries."""
    import scipy.sparse as sp

    tokenize = JaEnTokenizer()
    vocabulary: dict[str, int] = {}  # in order of first appearance, as scikit-learn numbers them before sorting
    cols: list[int] = []
    counts: list[int] = []
    indptr = [0]
    for text in texts:
        counter: dict[int, int] = {}
        for word in tokenize(text):
            j = vocabulary.setdefault(word, len(vocabulary))
            counter[j] = counter.get(j, 0) + 1
        cols.extend(counter)
        counts.extend(counter.values())
        indptr.append(len(cols))
    index_dtype = np.int64 if indptr[-1] > np.iinfo(np.int32).max else np.int32
    X = sp.csr_matrix((np.asarray(counts, dtype=np.float64), np.asarray(cols, dtype=index_dtype),
                       np.asarray(indptr, dtype=index_dtype)), shape=(len(texts), len(vocabulary)))
    return _alphabetical(X, list(vocabulary))


def tfidf_weights(X, sublinear_tf: bool):
    """TF-IDF of a count matrix, as scikit-learn's ``TfidfTransformer`` (smoothed idf, L2-normalised rows) computes
    it, in the same floating-point steps: the same bits."""
    n_docs = X.shape[0] + 1  # smoothed: as if one more document had every term once
    df = np.bincount(X.indices, minlength=X.shape[1]).astype(np.float64) + 1.0
    idf = np.full_like(df, fill_value=n_docs, dtype=np.float64)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    X = X.astype(np.float64, copy=True)
    if sublinear_tf:
        np.log(X.data, X.data)
        X.data += 1.0
    X.data *= idf[X.indices]
    squares = X.data * X.data
    for a, b in zip(X.indptr[:-1].tolist(), X.indptr[1:].tolist()):
        if b > a:
            norm = np.cumsum(squares[a:b])[-1]  # summed in order, as scikit-learn's row loop sums
            if norm != 0.0:
                X.data[a:b] /= np.sqrt(norm)
    return X


def char_tfidf(texts: Sequence[str], *, min_df: int | None = None):
    """TF-IDF of character n-grams and its terms, identical to :func:`make_vectorizer` ``("char")``'s but several
    times faster on long documents (see :func:`char_ngram_counts`)."""
    cfg = text_features_config()
    return _weighted(*char_ngram_counts(texts, cfg["char"]["ngram_min"], cfg["char"]["ngram_max"]), min_df)


def token_tfidf(texts: Sequence[str], *, min_df: int | None = None):
    """TF-IDF of :class:`JaEnTokenizer`'s words and its terms, identical to :func:`make_vectorizer` ``("token")``'s
    without loading scikit-learn (a worker process computing it starts seconds sooner)."""
    return _weighted(*token_counts(texts), min_df)


def _weighted(X, terms: np.ndarray, min_df: int | None):
    """The configured term limits (:func:`limit_terms`) and TF-IDF weights (:func:`tfidf_weights`) of counts ``X``."""
    cfg = text_features_config()["tfidf"]
    X, terms = limit_terms(X, terms, cfg["min_df"] if min_df is None else min_df, cfg["max_features"])
    return tfidf_weights(X, cfg["sublinear_tf"]), terms


def default_min_df(n_texts: int) -> int | None:
    """The configured ``min_df`` (None) for ten texts or more; 1 below, where a term in one text still counts."""
    return None if n_texts >= 10 else 1


# (analyzer, min_df, digest of the texts) -> (TF-IDF matrix, terms): the text view and the summary of each view
# ask for the same documents' features; a run may also hand in features computed by another process (remember)
_TFIDF_MEMO: dict[tuple[str, int | None, str], tuple] = {}
_MEMO_ENTRIES = 4


def _texts_key(texts: Sequence[str], analyzer: str, min_df: int | None) -> tuple[str, int | None, str]:
    import hashlib

    h = hashlib.sha256()
    for t in texts:
        h.update(t.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return analyzer, min_df, h.hexdigest()


def tfidf(texts: Sequence[str], analyzer: str = "char", *, min_df: int | None = None):
    """(TF-IDF matrix, terms) of ``texts`` with ``analyzer`` (``char`` or ``token``), computed once per set of
    texts and settings."""
    key = _texts_key(texts, analyzer, min_df)
    if key not in _TFIDF_MEMO:
        compute = {"char": char_tfidf, "token": token_tfidf}.get(analyzer)
        if compute is None:
            make_vectorizer(analyzer)  # raises the error naming the analyzers
        remember({key: compute(texts, min_df=min_df)})
    return _TFIDF_MEMO[key]


def prepare_text_features(texts: Sequence[str]) -> dict:
    """Both analyzers' TF-IDF of ``texts`` (with :func:`default_min_df`), as entries for :func:`remember`: run in
    a worker process while the caller does other work, then handed to the clustering."""
    min_df = default_min_df(len(texts))
    return {_texts_key(texts, a, min_df): tfidf(texts, a, min_df=min_df) for a in ANALYZERS}


def remember(entries: dict) -> None:
    """Keep TF-IDF results (from :func:`prepare_text_features` or :func:`tfidf`) for later calls; the oldest go."""
    _TFIDF_MEMO.update(entries)
    while len(_TFIDF_MEMO) > _MEMO_ENTRIES:
        del _TFIDF_MEMO[next(iter(_TFIDF_MEMO))]


def text_embedding(texts: pd.Series, analyzer: str = "char", seed: int = DEFAULT_SEED,
                   n_components: int | None = None) -> np.ndarray:
    """TF-IDF (``analyzer``) then LSA; one normalised row per text."""
    if analyzer not in ANALYZERS:
        make_vectorizer(analyzer)  # the error naming the analyzers
    X, _ = tfidf(texts.tolist(), analyzer, min_df=default_min_df(len(texts)))
    return lsa(X, n_components, seed)


def jaccard_distances(profiles: np.ndarray) -> np.ndarray:
    """Square Jaccard distance matrix of binary rows (two empty profiles are at distance 0)."""
    from scipy.spatial.distance import pdist, squareform

    return squareform(pdist(np.asarray(profiles, dtype=bool), metric="jaccard"))
