"""Both views end to end (:func:`run_clustering`) and the per-cluster summary table."""
from __future__ import annotations

from typing import Mapping, Sequence

import pandas as pd

from aicompare.cluster.selection import DEFAULT_SEED, VIEWS, ClusterResult, check_n_boot
from aicompare.cluster.text import cluster_text, top_terms
from aicompare.cluster.values import cluster_values
from aicompare.compare import presence
from aicompare.schema import CLUSTER_SUMMARY_COLUMNS


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
