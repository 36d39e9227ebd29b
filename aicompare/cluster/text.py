"""The text view: k-means on LSA-reduced TF-IDF document vectors, and the readable top terms of a cluster."""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import numpy as np
import pandas as pd

from aicompare.cluster.features import default_min_df, document_texts, text_embedding, tfidf
from aicompare.cluster.selection import (DEFAULT_SEED, ClusterResult, _k_range, _silhouette_scores, bootstrap_ari,
                                         check_k, check_n_boot, choose_k, relabel)


@lru_cache(maxsize=1)
def _thread_pools():
    """The process's BLAS/OpenMP thread pools, found once (each lookup scans the loaded libraries: 25 ms)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _kmeans(Z: np.ndarray, k: int, seed: int) -> np.ndarray:
    """k-means (10 k-means++ starts) on one thread: for a few hundred documents the OpenMP thread
    start-up costs more than the work (measured 6× slower on 2 cores), and one thread keeps the
    floating-point summation order, hence the labels, identical across machines."""
    from sklearn.cluster import KMeans

    with _thread_pools().limit(limits=1):
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
    X, terms = tfidf(texts.tolist(), "token", min_df=default_min_df(len(texts)))
    overall = np.asarray(X.mean(axis=0)).ravel()
    labels = np.asarray(labels)
    out = {}
    for c in sorted(set(labels.tolist())):
        lift = np.asarray(X[labels == c].mean(axis=0)).ravel() - overall
        order = np.lexsort((terms, -np.round(lift, 10)))
        out[int(c)] = [str(terms[i]) for i in order[:n] if lift[i] > 0]
    return out
