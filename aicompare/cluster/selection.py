"""What both views share: parameter checks, choosing ``k`` by silhouette, bootstrap stability
(adjusted Rand index), cluster numbering and the result type :class:`ClusterResult`."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from aicompare.schema import CLUSTER_DOCUMENT_COLUMNS


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
