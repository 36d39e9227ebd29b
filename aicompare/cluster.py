"""Which guidelines resemble each other: clustering in two views, both deterministic.

* **values** — documents as binary 22-value profiles (``aicompare.extract.value_matrix``),
  Jaccard distance, hierarchical clustering; values are clustered the same way by their
  co-occurrence across documents (:func:`cluster_value_cooccurrence`). The default linkage is
  Ward on √(Jaccard distance): √(1 − Jaccard similarity) is Euclidean-embeddable (Gower &
  Legendre 1986), which Ward's method requires, while Jaccard distance itself is not (measured on
  WAIE: the double-centred matrix of Jaccard distances has negative eigenvalues, that of its
  square root none). Average linkage on Jaccard (``method="average"``) splits off single
  outlying documents instead of groups. Documents naming no value are left out (cluster 0);
* **text** — documents as TF-IDF vectors (character n-grams by default, or fugashi word tokens:
  :func:`compare_text_representations` measures both), reduced by TruncatedSVD (LSA),
  clustered by k-means; top terms per cluster come from word-token TF-IDF so they stay readable.

The number of clusters is the ``k`` in 2…``k_max`` with the highest mean silhouette (ties →
smaller ``k``) unless given; ``k_max`` defaults to ⌈√(n/2)⌉ (the rule of thumb of Mardia, Kent &
Bibby 1979), at least 2; stability is the adjusted Rand index between the clustering of all documents
and the clustering of bootstrap resamples (same ``k``; the text view keeps the LSA
representation and refits k-means). Seeds are fixed, documents sorted by ``doc_id``; cluster
numbers run from 1 by decreasing size (ties: first ``doc_id``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from aicompare.compare import presence
from aicompare.corpus.normalise import HAN_CHAR
from aicompare.schema import CLUSTER_DOCUMENT_COLUMNS, CLUSTER_SUMMARY_COLUMNS

VIEWS = ("values", "text")
ANALYZERS = ("char", "token")
DEFAULT_SEED = 0

class ClusterParameterError(ValueError):
    """A clustering parameter out of range; ``param`` names it (``k``, ``n_boot``)."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param


def check_k(k: int | None, n: int, items: str = "clustered documents") -> None:
    """A given ``k`` must satisfy 2 ≤ k < n (n = the number of ``items`` clustered)."""
    if k is not None and not 2 <= k < n:
        raise ClusterParameterError(
            "k", f"k={k} is out of range: it must be at least 2 and less than the number of {items} ({n})")


def check_n_boot(n_boot: int) -> None:
    """At least one bootstrap resample is needed to measure stability."""
    if n_boot < 1:
        raise ClusterParameterError("n_boot", f"n_boot={n_boot}: at least 1 bootstrap resample is needed "
                                              "for the stability (ARI)")


# ---------------------------------------------------------------- text features
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


# ---------------------------------------------------------------- helpers
def relabel(labels: np.ndarray) -> np.ndarray:
    """Cluster numbers 1…k by decreasing size, ties by first occurrence (rows are sorted by doc_id)."""
    labels = np.asarray(labels)
    uniq = list(dict.fromkeys(labels.tolist()))
    sizes = {u: int((labels == u).sum()) for u in uniq}
    order = sorted(uniq, key=lambda u: (-sizes[u], uniq.index(u)))
    mapping = {u: i + 1 for i, u in enumerate(order)}
    return np.array([mapping[x] for x in labels.tolist()], dtype=int)


def default_k_max(n: int) -> int:
    """⌈√(n/2)⌉, at least 2: the largest number of clusters tried unless told otherwise."""
    return max(2, int(np.ceil(np.sqrt(n / 2))))


def _k_range(n: int, k_max: int | None) -> list[int]:
    if n < 3:
        raise ValueError(f"clustering needs at least 3 documents (got {n})")
    return list(range(2, min(k_max or default_k_max(n), n - 1) + 1))


def choose_k(scores: pd.DataFrame) -> int:
    """The ``k`` with the highest silhouette; ties go to the smaller ``k``."""
    valid = scores.dropna(subset=["silhouette"])
    if valid.empty:
        raise ValueError("no k gave a valid silhouette (all documents identical?)")
    best = valid["silhouette"].round(6).max()
    return int(valid.loc[valid["silhouette"].round(6) == best, "k"].min())


def bootstrap_ari(
    fit: Callable[[np.ndarray, int], np.ndarray], reference: np.ndarray, n_boot: int, seed: int
) -> pd.DataFrame:
    """ARI between ``reference`` labels and ``fit(indices, replicate)`` on bootstrap resamples.

    ``fit`` clusters the rows ``indices`` (drawn with replacement) and returns their labels; the
    ARI is taken over the distinct documents of the resample.
    """
    from sklearn.metrics import adjusted_rand_score

    check_n_boot(n_boot)
    rng = np.random.default_rng(seed)
    n = len(reference)
    rows = []
    for b in range(n_boot):
        idx = np.sort(rng.choice(n, size=n, replace=True))
        labels = np.asarray(fit(idx, b))
        _, first = np.unique(idx, return_index=True)
        rows.append({"replicate": b + 1, "n_distinct": len(first),
                     "ari": round(float(adjusted_rand_score(reference[idx[first]], labels[first])), 4)})
    return pd.DataFrame(rows, columns=["replicate", "n_distinct", "ari"])


@dataclass
class ClusterResult:
    """One view's clustering: assignments, model selection, stability and a 2-D embedding."""

    view: str
    doc_ids: list[str]
    labels: np.ndarray
    silhouettes: np.ndarray
    k: int
    k_scores: pd.DataFrame
    stability: pd.DataFrame
    embedding: np.ndarray
    linkage: np.ndarray | None = None
    profiles: pd.DataFrame | None = None
    excluded: list[str] = field(default_factory=list)
    settings: dict = field(default_factory=dict)

    @property
    def silhouette(self) -> float:
        return round(float(np.mean(self.silhouettes)), 4)

    @property
    def ari_mean(self) -> float:
        return round(float(self.stability["ari"].mean()), 4) if len(self.stability) else float("nan")

    @property
    def ari_std(self) -> float:
        return round(float(self.stability["ari"].std(ddof=1)), 4) if len(self.stability) > 1 else float("nan")

    @property
    def k_at_max(self) -> bool:
        """True when the chosen k is the largest one tried (the silhouette may still be rising)."""
        return bool(len(self.k_scores)) and self.k == int(self.k_scores["k"].max())

    def assignments(self) -> pd.DataFrame:
        """``doc_id, view, cluster, silhouette`` sorted by doc_id; documents left out get cluster 0."""
        df = pd.DataFrame({"doc_id": self.doc_ids + self.excluded, "view": self.view,
                           "cluster": np.concatenate([self.labels, np.zeros(len(self.excluded), dtype=int)]),
                           "silhouette": np.concatenate([np.round(self.silhouettes, 4), np.full(len(self.excluded), np.nan)])})
        return df.sort_values("doc_id", kind="stable").reset_index(drop=True)[CLUSTER_DOCUMENT_COLUMNS]

    def report(self) -> dict:
        """k, mean silhouette, bootstrap ARI (mean, sd, replicates) and settings."""
        return {"view": self.view, "n_documents": len(self.doc_ids), "n_excluded": len(self.excluded), "k": self.k,
                "k_max": int(self.k_scores["k"].max()) if len(self.k_scores) else self.k, "k_at_max": self.k_at_max,
                "silhouette": self.silhouette, "ari_mean": self.ari_mean, "ari_std": self.ari_std,
                "n_boot": len(self.stability), **self.settings}


# ---------------------------------------------------------------- values view
def jaccard_distances(profiles: np.ndarray) -> np.ndarray:
    """Square Jaccard distance matrix of binary rows (two empty profiles are at distance 0)."""
    from scipy.spatial.distance import pdist, squareform

    return squareform(pdist(np.asarray(profiles, dtype=bool), metric="jaccard"))


EUCLIDEAN_METHODS = ("ward", "centroid", "median")


def hier_linkage(D: np.ndarray, method: str = "ward") -> np.ndarray:
    """Linkage of a Jaccard distance matrix; Ward/centroid/median run on √D (Euclidean-embeddable)."""
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    dist = np.sqrt(D) if method in EUCLIDEAN_METHODS else D
    return linkage(squareform(dist, checks=False), method=method)


def _hier_labels(D: np.ndarray, k: int, method: str) -> tuple[np.ndarray, np.ndarray]:
    from scipy.cluster.hierarchy import fcluster

    Z = hier_linkage(D, method)
    return fcluster(Z, t=k, criterion="maxclust"), Z


def _silhouette_scores(D_or_X, labels_for_k: Callable[[int], np.ndarray], ks: list[int], metric: str) -> pd.DataFrame:
    from sklearn.metrics import silhouette_score

    rows = []
    for k in ks:
        labels = labels_for_k(k)
        n_found = len(set(labels.tolist()))
        ok = 2 <= n_found < len(labels)
        rows.append({"k": k, "n_clusters": n_found,
                     "silhouette": round(float(silhouette_score(D_or_X, labels, metric=metric)), 4) if ok else np.nan})
    return pd.DataFrame(rows)


def cluster_values(
    matrix: pd.DataFrame, *, k: int | None = None, k_max: int | None = None, n_boot: int = 50,
    seed: int = DEFAULT_SEED, method: str = "ward",
) -> ClusterResult:
    """Hierarchical clustering of documents' value profiles with Jaccard distance (silhouettes
    on Jaccard distance); documents naming no value are left out. A given ``k`` must be at least 2
    and less than the number of documents clustered; ``n_boot`` at least 1 (ValueError otherwise)."""
    from sklearn.decomposition import PCA
    from sklearn.metrics import silhouette_samples

    check_n_boot(n_boot)
    full = presence(matrix)
    empty = full.index[full.sum(axis=1) == 0].tolist()
    prof = full.drop(index=empty)
    check_k(k, len(prof), "clustered documents (documents naming at least one value)")
    X = prof.to_numpy()
    D = jaccard_distances(X)
    ks = _k_range(len(prof), k_max)
    _, Z = _hier_labels(D, 2, method)
    from scipy.cluster.hierarchy import fcluster

    scores = _silhouette_scores(D, lambda kk: fcluster(Z, t=kk, criterion="maxclust"), ks, "precomputed")
    k = k or choose_k(scores)
    scores.insert(0, "view", "values")
    scores["chosen"] = scores["k"] == k
    labels = relabel(fcluster(Z, t=k, criterion="maxclust"))
    sil = silhouette_samples(D, labels, metric="precomputed") if len(set(labels)) > 1 else np.zeros(len(labels))

    def fit(idx: np.ndarray, _b: int) -> np.ndarray:
        return _hier_labels(D[np.ix_(idx, idx)], k, method)[0]

    stability = bootstrap_ari(fit, labels, n_boot, seed)
    stability.insert(0, "view", "values")
    emb = PCA(n_components=2, svd_solver="full").fit_transform(X - X.mean(axis=0)) if X.shape[1] >= 2 else np.zeros((len(X), 2))
    return ClusterResult(
        view="values", doc_ids=prof.index.tolist(), labels=labels, silhouettes=sil, k=k, k_scores=scores,
        stability=stability, embedding=emb, linkage=Z, profiles=prof, excluded=empty,
        settings={"distance": "jaccard", "linkage": method, "seed": seed},
    )


def cluster_value_cooccurrence(matrix: pd.DataFrame, *, k: int | None = None, k_max: int | None = None,
                               method: str = "ward") -> tuple[pd.DataFrame, np.ndarray | None, pd.DataFrame]:
    """Cluster the values by co-occurrence (Jaccard distance between their document sets).

    Returns ``(table, linkage, k_scores)``; table = ``value, n_documents, cluster, silhouette``
    (values named by no document get cluster 0 and are left out of the linkage).
    """
    from scipy.cluster.hierarchy import fcluster
    from sklearn.metrics import silhouette_samples

    prof = presence(matrix)
    counts = prof.sum()
    used = [v for v in prof.columns if counts[v] > 0]
    table = pd.DataFrame({"value": list(prof.columns), "n_documents": counts.astype(int).values,
                          "cluster": 0, "silhouette": np.nan})
    if len(used) < 3:
        return table, None, pd.DataFrame(columns=["k", "n_clusters", "silhouette"])
    check_k(k, len(used), "values named by some document")
    D = jaccard_distances(prof[used].to_numpy().T)
    _, Z = _hier_labels(D, 2, method)
    ks = _k_range(len(used), k_max)
    scores = _silhouette_scores(D, lambda kk: fcluster(Z, t=kk, criterion="maxclust"), ks, "precomputed")
    k = k or choose_k(scores)
    scores["chosen"] = scores["k"] == k
    labels = relabel(fcluster(Z, t=k, criterion="maxclust"))
    sil = silhouette_samples(D, labels, metric="precomputed")
    pos = table["value"].isin(used)
    table.loc[pos, "cluster"] = labels
    table.loc[pos, "silhouette"] = np.round(sil, 4)
    return table, Z, scores


# ---------------------------------------------------------------- text view
def text_embedding(texts: pd.Series, analyzer: str = "char", seed: int = DEFAULT_SEED,
                   n_components: int | None = None) -> np.ndarray:
    """TF-IDF (``analyzer``) then LSA; one normalised row per text."""
    min_df = None if len(texts) >= 10 else 1
    X = make_vectorizer(analyzer, min_df=min_df).fit_transform(texts.tolist())
    return lsa(X, n_components, seed)


def _kmeans(Z: np.ndarray, k: int, seed: int) -> np.ndarray:
    """k-means (10 k-means++ starts) on one thread: for a few hundred documents the OpenMP thread
    start-up costs more than the work (measured 6× slower on 2 cores), and one thread keeps the
    floating-point summation order, hence the labels, identical across machines."""
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(Z)


def cluster_text(
    passages: pd.DataFrame, *, doc_ids: Sequence[str] | None = None, analyzer: str = "char",
    k: int | None = None, k_max: int | None = None, n_boot: int = 50, seed: int = DEFAULT_SEED,
    n_components: int | None = None,
) -> ClusterResult:
    """k-means on LSA-reduced TF-IDF document vectors; silhouette with cosine distance.
    Documents without text are left out (cluster 0). A given ``k`` must be at least 2 and less than
    the number of documents clustered; ``n_boot`` at least 1 (ValueError otherwise)."""
    from sklearn.decomposition import PCA
    from sklearn.metrics import silhouette_samples

    check_n_boot(n_boot)
    texts = document_texts(passages, doc_ids)
    check_k(k, len(texts), "clustered documents (documents with text)")
    excluded = sorted(set(doc_ids) - set(texts.index)) if doc_ids is not None else []
    Z = text_embedding(texts, analyzer, seed, n_components)
    ks = _k_range(len(texts), k_max)
    fits = {kk: _kmeans(Z, kk, seed) for kk in ks}
    scores = _silhouette_scores(Z, lambda kk: fits[kk], ks, "cosine")
    k = k or choose_k(scores)
    scores.insert(0, "view", "text")
    scores["chosen"] = scores["k"] == k
    labels = relabel(fits[k] if k in fits else _kmeans(Z, k, seed))
    sil = silhouette_samples(Z, labels, metric="cosine") if len(set(labels)) > 1 else np.zeros(len(labels))

    def fit(idx: np.ndarray, b: int) -> np.ndarray:
        return _kmeans(Z[idx], k, seed + b + 1)

    stability = bootstrap_ari(fit, labels, n_boot, seed)
    stability.insert(0, "view", "text")
    emb = PCA(n_components=2, svd_solver="full").fit_transform(Z)
    return ClusterResult(
        view="text", doc_ids=texts.index.tolist(), labels=labels, silhouettes=sil, k=k, k_scores=scores,
        stability=stability, embedding=emb, profiles=None, excluded=excluded,
        settings={"analyzer": analyzer, "n_components": int(Z.shape[1]), "seed": seed},
    )


def top_terms(texts: pd.Series, labels: Sequence[int], n: int = 10) -> dict[int, list[str]]:
    """Per cluster, the word tokens whose mean TF-IDF in the cluster most exceeds the corpus mean."""
    vec = make_vectorizer("token", min_df=1 if len(texts) < 10 else None)
    X = vec.fit_transform(texts.tolist())
    terms = np.asarray(vec.get_feature_names_out())
    overall = np.asarray(X.mean(axis=0)).ravel()
    labels = np.asarray(labels)
    out = {}
    for c in sorted(set(labels.tolist())):
        lift = np.asarray(X[labels == c].mean(axis=0)).ravel() - overall
        order = np.lexsort((terms, -np.round(lift, 10)))
        out[int(c)] = [str(terms[i]) for i in order[:n] if lift[i] > 0]
    return out


# ---------------------------------------------------------------- measurement: char n-grams vs tokens
def compare_text_representations(texts: Sequence[str], labels: Sequence[str], *, seed: int = DEFAULT_SEED,
                                 n_components: int | None = None) -> pd.DataFrame:
    """How well each TF-IDF representation recovers known labels of texts (e.g. WAIE principle
    passages, or sections of a Japanese guideline).

    Per analyzer: ``knn_accuracy`` (leave-one-out 1-nearest-neighbour label accuracy, cosine on
    TF-IDF), ``ari`` (k-means with k = number of labels on the LSA vectors vs the labels),
    ``label_silhouette`` (silhouette of the true labels, cosine on LSA), vocabulary size and time.
    """
    import time

    from sklearn.metrics import adjusted_rand_score, silhouette_score
    from sklearn.preprocessing import normalize

    y = np.asarray(list(labels))
    n_labels = len(set(y.tolist()))
    rows = []
    for analyzer in ANALYZERS:
        t0 = time.perf_counter()
        X = make_vectorizer(analyzer, min_df=1 if len(texts) < 10 else None).fit_transform(list(texts))
        seconds = time.perf_counter() - t0
        Xn = normalize(X)
        sim = (Xn @ Xn.T).toarray()
        np.fill_diagonal(sim, -np.inf)
        knn = float((y[sim.argmax(axis=1)] == y).mean())
        Z = lsa(X, n_components, seed)
        ari = float(adjusted_rand_score(y, _kmeans(Z, n_labels, seed))) if 1 < n_labels < len(y) else np.nan
        sil = float(silhouette_score(Z, y, metric="cosine")) if 1 < n_labels < len(y) else np.nan
        rows.append({"analyzer": analyzer, "n_texts": len(y), "n_labels": n_labels, "n_features": X.shape[1],
                     "knn_accuracy": round(knn, 4), "ari": round(ari, 4), "label_silhouette": round(sil, 4),
                     "vectorize_seconds": round(seconds, 3)})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- measurements behind the defaults
def min_centred_eigenvalue(D: np.ndarray) -> float:
    """Smallest eigenvalue of −½·J·D²·J (J the centring matrix), relative to the largest.

    A distance matrix is Euclidean-embeddable (as Ward's method assumes) iff it is ≥ 0 up to
    rounding; a clearly negative value means it is not.
    """
    n = len(D)
    J = np.eye(n) - 1.0 / n
    eig = np.linalg.eigvalsh(-0.5 * J @ (D ** 2) @ J)
    return round(float(eig.min() / eig.max()), 4) + 0.0  # + 0.0 turns -0.0 into 0.0


def compare_linkages(matrix: pd.DataFrame, methods: Sequence[str] = ("ward", "average", "complete"),
                     *, n_boot: int = 50, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """Values view under several linkages: chosen k, silhouette, largest cluster share, ARI."""
    from scipy.cluster.hierarchy import cophenet
    from scipy.spatial.distance import squareform

    rows = []
    for method in methods:
        res = cluster_values(matrix, n_boot=n_boot, seed=seed, method=method)
        D = jaccard_distances(res.profiles.to_numpy())
        dist = np.sqrt(D) if method in EUCLIDEAN_METHODS else D
        sizes = np.bincount(res.labels)[1:]
        rows.append({"linkage": method, "distance": "sqrt(jaccard)" if method in EUCLIDEAN_METHODS else "jaccard",
                     "cophenetic_r": round(float(cophenet(res.linkage, squareform(dist, checks=False))[0]), 4),
                     "k": res.k, "silhouette": res.silhouette,
                     "largest_cluster_share": round(float(sizes.max() / sizes.sum()), 4),
                     "smallest_cluster": int(sizes.min()), "ari_mean": res.ari_mean, "ari_std": res.ari_std})
    return pd.DataFrame(rows)


def text_dimension_sweep(passages: pd.DataFrame, n_components: Sequence[int] = (5, 10, 20, 50),
                         *, analyzer: str = "char", n_boot: int = 50, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """Text view with several LSA sizes: chosen k, silhouette, bootstrap ARI (mean ± sd)."""
    rows = []
    for n in n_components:
        res = cluster_text(passages, analyzer=analyzer, n_components=n, n_boot=n_boot, seed=seed)
        rows.append({"n_components": res.settings["n_components"], "k": res.k, "k_at_max": res.k_at_max,
                     "silhouette": res.silhouette, "ari_mean": res.ari_mean, "ari_std": res.ari_std})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- summaries
def _dominant(series: pd.Series, n: int = 3) -> str:
    if series.empty:
        return ""
    share = series.value_counts(normalize=True)
    share = share.reindex(sorted(share.index, key=lambda k: (-share[k], str(k))))
    return "; ".join(f"{k} {v:.0%}" for k, v in share.head(n).items())


def summarise_clusters(
    result: ClusterResult, documents: pd.DataFrame, *, matrix: pd.DataFrame | None = None,
    texts: pd.Series | None = None, labels: Mapping[str, str] | None = None, n_top: int = 3, n_terms: int = 8,
) -> pd.DataFrame:
    """Per cluster: size, mean silhouette, dominant values (most over-represented against all
    clustered documents, with their share in the cluster and overall), dominant publisher types and
    regions (largest shares), top terms (:func:`top_terms`)."""
    from aicompare.corpus import meta

    asg = result.assignments()
    asg = asg[asg["cluster"] > 0]
    docs = documents.set_index("doc_id")
    prof = presence(matrix) if matrix is not None else result.profiles
    terms = top_terms(texts.loc[asg["doc_id"]], asg["cluster"].to_numpy(), n_terms) if texts is not None else {}
    labels = labels or {}
    rows = []
    for c, g in asg.groupby("cluster", sort=True):
        ids = g["doc_id"].tolist()
        dom_values = ""
        if prof is not None:
            share = prof.reindex(ids).fillna(0).mean()
            overall = prof.reindex(asg["doc_id"]).fillna(0).mean()
            lift = (share - overall)[(share > 0) & (share > overall)].sort_values(ascending=False, kind="stable")
            dom_values = "; ".join(
                f"{v} {labels[v]} {share[v]:.0%} (all {overall[v]:.0%})" if v in labels
                else f"{v} {share[v]:.0%} (all {overall[v]:.0%})" for v in lift.head(n_top).index
            ) or "none above the overall share"
        ptypes = docs["publisher_type"].reindex(ids).fillna("(unspecified)") if "publisher_type" in docs else pd.Series(dtype=str)
        regions = pd.Series([r for d in ids for r in (meta.split_multi(docs["region"].get(d), sep=meta.MULTI_SEP)
                                                      if "region" in docs else [])] or [], dtype=object)
        rows.append({
            "view": result.view, "cluster": int(c), "size": len(ids),
            "silhouette": round(float(g["silhouette"].mean()), 4),
            "dominant_values": dom_values, "dominant_publisher_types": _dominant(ptypes),
            "dominant_regions": _dominant(regions), "top_terms": ", ".join(terms.get(int(c), [])),
            "example_documents": "; ".join(ids[:3]),
        })
    return pd.DataFrame(rows, columns=CLUSTER_SUMMARY_COLUMNS)


# ---------------------------------------------------------------- all outputs
def run_clustering(
    documents: pd.DataFrame, *, views: Sequence[str] = VIEWS, matrix: pd.DataFrame | None = None,
    passages: pd.DataFrame | None = None, k: int | None = None, analyzer: str = "char",
    n_boot: int = 50, seed: int = DEFAULT_SEED,
) -> dict[str, ClusterResult]:
    """Cluster in each requested view (``values`` needs ``matrix``, ``text`` needs ``passages``)."""
    check_n_boot(n_boot)
    out: dict[str, ClusterResult] = {}
    for view in views:
        if view == "values":
            if matrix is None:
                raise ValueError("the values view needs a value matrix")
            ids = set(documents["doc_id"])
            out[view] = cluster_values(matrix[matrix["doc_id"].isin(ids)], k=k, n_boot=n_boot, seed=seed)
        elif view == "text":
            if passages is None:
                raise ValueError("the text view needs passages")
            out[view] = cluster_text(passages, doc_ids=sorted(documents["doc_id"]), analyzer=analyzer,
                                     k=k, n_boot=n_boot, seed=seed)
        else:
            raise ValueError(f"unknown view '{view}' (use one of {', '.join(VIEWS)})")
    return out


def labelled_passages(passages: pd.DataFrame, parent: str, *, min_chars: int = 20) -> pd.DataFrame:
    """Non-heading passages below a section whose path contains ``parent``, labelled by the
    next-level section (e.g. the ten principles under 「C. 共通の指針」 of the business guideline).

    Returns ``doc_id, passage_id, label, text`` — a labelled set for :func:`compare_text_representations`.
    """
    rows = []
    for p in passages.itertuples(index=False):
        parts = [s.strip() for s in str(p.section_path).split(" > ")]
        if parent in parts and p.kind != "heading" and len(str(p.text)) >= min_chars:
            i = parts.index(parent)
            if i + 1 < len(parts):
                rows.append({"doc_id": p.doc_id, "passage_id": p.passage_id, "label": parts[i + 1], "text": p.text})
    return pd.DataFrame(rows, columns=["doc_id", "passage_id", "label", "text"])
