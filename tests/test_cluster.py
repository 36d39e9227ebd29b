"""Clustering on real inputs: WAIE dev (values from the extractor, principle passages) and the seeds."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import silhouette_score
from typer.testing import CliRunner

from aicompare.cli import app
from aicompare.cluster import (
    ClusterParameterError, JaEnTokenizer, bootstrap_ari, choose_k, cluster_text, cluster_value_cooccurrence,
    cluster_values, compare_text_representations, default_k_max, document_texts, jaccard_distances,
    labelled_passages, relabel, summarise_clusters,
)
from aicompare.cluster.features import char_tfidf, document_texts, make_vectorizer
from aicompare.compare import corpus_values, presence
from aicompare.corpus.normalise import HAN_CHAR
from aicompare.corpus.waie import read_waie
from aicompare.schema import CLUSTER_DOCUMENT_COLUMNS, CLUSTER_SUMMARY_COLUMNS
from aicompare.stages.cluster import cluster_and_write

N_BOOT = 10


@pytest.fixture(scope="module")
def waie(waie_path):
    corpus = read_waie(waie_path)
    _, matrix = corpus_values(corpus.passages, corpus.documents["doc_id"].tolist())
    return corpus.documents, corpus.passages, matrix


@pytest.fixture(scope="module")
def values_result(waie):
    return cluster_values(waie[2], n_boot=N_BOOT)


@pytest.fixture(scope="module")
def text_result(waie):
    return cluster_text(waie[1], n_boot=N_BOOT)


def _check_result(res, n_docs):
    asg = res.assignments()
    assert list(asg.columns) == CLUSTER_DOCUMENT_COLUMNS
    assert len(asg) == n_docs and asg["doc_id"].is_monotonic_increasing and asg["doc_id"].is_unique
    clustered = asg[asg["cluster"] > 0]
    assert sorted(clustered["cluster"].unique()) == list(range(1, res.k + 1))
    sizes = clustered["cluster"].value_counts().sort_index()
    assert sizes.is_monotonic_decreasing  # numbered by decreasing size
    assert clustered["silhouette"].between(-1, 1).all()
    # the chosen k is the best silhouette among those tried (ties → smaller k)
    scores = res.k_scores.dropna(subset=["silhouette"])
    assert res.k == scores.loc[scores["silhouette"] == scores["silhouette"].max(), "k"].min()
    assert int(scores["k"].max()) <= default_k_max(len(clustered))
    assert len(res.stability) == N_BOOT and res.stability["ari"].between(-1, 1).all()
    assert -1 <= res.ari_mean <= 1 and res.report()["k"] == res.k


def test_values_view(waie, values_result):
    docs, _, matrix = waie
    _check_result(values_result, len(docs))
    prof = presence(matrix)
    empty = prof.index[prof.sum(axis=1) == 0]
    asg = values_result.assignments().set_index("doc_id")
    assert (asg.loc[empty, "cluster"] == 0).all() and asg.loc[empty, "silhouette"].isna().all()
    # the reported mean silhouette is the silhouette of the labels under Jaccard distance
    X = prof.drop(index=empty).to_numpy()
    assert values_result.silhouette == round(silhouette_score(jaccard_distances(X), values_result.labels,
                                                              metric="precomputed"), 4)


def test_text_view(waie, text_result):
    docs, passages, _ = waie
    _check_result(text_result, len(docs))
    assert text_result.settings["analyzer"] == "char"
    assert text_result.embedding.shape == (len(docs), 2)


def test_clustering_is_deterministic(waie, values_result, text_result):
    docs, passages, matrix = waie
    again_v = cluster_values(matrix, n_boot=N_BOOT)
    again_t = cluster_text(passages, n_boot=N_BOOT)
    pd.testing.assert_frame_equal(again_v.assignments(), values_result.assignments())
    pd.testing.assert_frame_equal(again_t.assignments(), text_result.assignments())
    pd.testing.assert_frame_equal(again_t.stability, text_result.stability)
    pd.testing.assert_frame_equal(again_v.k_scores, values_result.k_scores)
    # row order of the input does not matter
    shuffled = cluster_values(matrix.sample(frac=1, random_state=3), n_boot=N_BOOT)
    pd.testing.assert_frame_equal(shuffled.assignments(), values_result.assignments())


def test_value_cooccurrence_clusters(waie):
    _, _, matrix = waie
    table, Z, scores = cluster_value_cooccurrence(matrix)
    counts = presence(matrix).sum()
    assert (table.set_index("value")["n_documents"] == counts).all()
    assert ((table["cluster"] == 0) == (table["n_documents"] == 0)).all()
    named = table[table["cluster"] > 0]
    assert named["cluster"].nunique() == int(scores.loc[scores["chosen"], "k"].iloc[0])
    assert Z.shape == (len(named) - 1, 4)


def test_summary_per_cluster(waie, text_result):
    docs, passages, matrix = waie
    summary = summarise_clusters(text_result, docs, matrix=matrix, texts=document_texts(passages))
    assert list(summary.columns) == CLUSTER_SUMMARY_COLUMNS
    assert summary["size"].sum() == len(docs) and len(summary) == text_result.k
    assert summary["top_terms"].str.len().gt(0).all()
    first = summary.iloc[0]
    members = text_result.assignments().query("cluster == 1")["doc_id"]
    top_type = docs.set_index("doc_id").loc[members, "publisher_type"].value_counts()
    assert first["dominant_publisher_types"].startswith(f"{top_type.index[0]} {top_type.iloc[0] / len(members):.0%}")


def test_seed_documents_cluster_in_japanese(seed_ingest):
    res = cluster_text(seed_ingest.passages, n_boot=N_BOOT)
    assert res.k == 2 and len(res.doc_ids) == len(seed_ingest.documents)  # 5 documents: only k = 2 is possible


def test_tokenizer_keeps_japanese_content_words_and_english_words():
    tok = JaEnTokenizer()
    words = tok("人間中心のAI社会原則を尊重する。Systems should be transparent and robust.")
    assert {"人間", "中心", "社会", "原則", "尊重", "systems", "transparent", "robust"} <= set(words)
    assert not {"の", "を", "する", "should", "and", "be"} & set(words)


@pytest.mark.parametrize("analyzer", ["char", "token"])
def test_tfidf_is_scikit_learns_vectoriser(seed_ingest, waie, analyzer):
    """The TF-IDF computed without scikit-learn (fast n-gram counting; the word tokenizer's counts) is
    scikit-learn's ``TfidfVectorizer`` bit for bit: terms, entries and their order; the stop words are its own."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from aicompare.cluster.features import english_stop_words, token_tfidf

    assert english_stop_words() == ENGLISH_STOP_WORDS
    compute = {"char": char_tfidf, "token": token_tfidf}[analyzer]
    for passages in (seed_ingest.passages, waie[1]):
        texts = document_texts(passages).tolist()
        for min_df in (1, 2):
            reference = make_vectorizer(analyzer, min_df=min_df)
            expected = reference.fit_transform(texts)
            got, terms = compute(texts, min_df=min_df)
            assert terms.tolist() == reference.get_feature_names_out().tolist()
            assert np.array_equal(got.indptr, expected.indptr) and np.array_equal(got.indices, expected.indices)
            assert np.array_equal(got.data, expected.data)


def test_text_features_load_no_scikit_learn(seed_ingest):
    """The clustering's TF-IDF features (what the run's worker process computes) need neither scikit-learn nor its
    import time."""
    import json
    import subprocess
    import sys

    texts = document_texts(seed_ingest.passages).tolist()
    code = ("import sys, json; from aicompare.cluster.features import prepare_text_features; "
            "f = prepare_text_features(json.load(sys.stdin)); "
            "print(len(f), sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))")
    out = subprocess.run([sys.executable, "-c", code], input=json.dumps(texts), capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["2", "[]"]


def test_tokenizer_reads_fugashis_fields(seed_ingest):
    """The tokenizer's own reading of MeCab's CSV fields keeps exactly the words fugashi's parsed features give."""
    tok = JaEnTokenizer()
    cfg_pos, cfg_out = tok._pos, tok._pos2_out

    def reference(text: str) -> list[str]:
        out = []
        for w in tok._tagger(text):
            f = w.feature
            if f.pos1 not in cfg_pos or f.pos2 in cfg_out:
                continue
            base = f.orthBase if f.orthBase and f.orthBase != "*" else None
            t = w.surface.lower() if base is None else base
            if base is None and (not t.isalpha() or t in tok._stop or len(t) < tok._min):
                continue
            if base is not None and len(t) < tok._min and not HAN_CHAR.search(t):
                continue
            out.append(t)
        return out

    for text in document_texts(seed_ingest.passages).tolist() + ['数値「1,000」と"quoted, words" AI-based']:
        assert tok(text) == reference(text)


def test_char_ngrams_and_tokens_measured_on_labelled_passages(waie, seed_ingest):
    _, passages, _ = waie
    en = compare_text_representations(passages["text"], passages["heading"])
    ja_set = labelled_passages(seed_ingest.passages, "C. 共通の指針")
    assert ja_set["label"].nunique() == 10  # the business guideline's ten common principles
    ja = compare_text_representations(ja_set["text"], ja_set["label"])
    for table, labels in ((en, passages["heading"]), (ja, ja_set["label"])):
        assert list(table["analyzer"]) == ["char", "token"]
        majority = labels.value_counts(normalize=True).iloc[0]
        assert (table["knn_accuracy"] > majority).all()  # both representations carry topic information


def test_helpers():
    assert relabel(np.array([5, 7, 7, 5, 7, 9])).tolist() == [2, 1, 1, 2, 1, 3]
    assert choose_k(pd.DataFrame({"k": [2, 3, 4], "silhouette": [0.2, 0.3, 0.3]})) == 3
    with pytest.raises(ValueError, match="no k gave"):
        choose_k(pd.DataFrame({"k": [2], "silhouette": [np.nan]}))
    ref = np.array([1, 1, 2, 2, 3, 3, 3])
    perfect = bootstrap_ari(lambda idx, b: ref[idx], ref, 5, 0)
    assert (perfect["ari"] == 1.0).all()
    with pytest.raises(ValueError, match="at least 3 documents"):
        cluster_values(pd.DataFrame({"doc_id": ["a", "b"], "V01": [1, 0], "V02": [1, 1]}))


# ---------------------------------------------------------------- outputs and command line


def test_write_outputs_deterministic(waie, tmp_path):
    docs, passages, matrix = waie
    runs = []
    for name in ("a", "b"):
        written, _ = cluster_and_write(docs, tmp_path / name, matrix=matrix, passages=passages, n_boot=N_BOOT,
                                       figures=False)
        runs.append({p.name: p.read_bytes() for p in written})
    assert runs[0] == runs[1]
    asg = pd.read_csv(tmp_path / "a" / "clusters_documents.csv")
    assert set(asg["view"]) == {"values", "text"} and len(asg) == 2 * len(docs)
    report = pd.read_csv(tmp_path / "a" / "clusters_report.csv").set_index("view")
    assert {"silhouette", "ari_mean", "ari_std", "k"} <= set(report.columns)


def test_cli_cluster(waie_path, tmp_path):
    out = tmp_path / "cl"
    res = CliRunner().invoke(app, ["cluster", str(waie_path), "--view", "text", "--k", "3", "--n-boot", "5",
                                   "--out", str(out)])
    assert res.exit_code == 0, res.output
    asg = pd.read_csv(out / "clusters_documents.csv")
    assert set(asg["view"]) == {"text"} and sorted(asg["cluster"].unique()) == [1, 2, 3]
    for name in ("clusters_summary.csv", "clusters_stability.csv", "clusters_k_selection.csv",
                 "clusters_text_map.png", "clusters_selection.png"):
        assert (out / name).is_file(), name
    assert "silhouette" in res.output and "bootstrap ARI" in res.output
    bad = CliRunner().invoke(app, ["cluster", str(waie_path), "--view", "colour", "--out", str(out)])
    assert bad.exit_code == 1 and "unknown --view colour" in bad.output


def test_bad_k_and_n_boot_give_clear_errors(waie, values_result):
    docs, passages, matrix = waie
    n_values = len(values_result.doc_ids)  # documents naming at least one value
    with pytest.raises(ClusterParameterError, match=rf"k={n_values} is out of range.*\({n_values}\)") as err:
        cluster_values(matrix, k=n_values, n_boot=1)
    assert err.value.param == "k" and isinstance(err.value, ValueError)
    with pytest.raises(ValueError, match="k=1 is out of range"):
        cluster_text(passages, k=1, n_boot=1)
    with pytest.raises(ValueError, match=rf"less than the number of clustered documents .*\({len(docs)}\)"):
        cluster_text(passages, k=len(docs), n_boot=1)
    with pytest.raises(ClusterParameterError, match="n_boot=0: at least 1 bootstrap resample") as err:
        cluster_values(matrix, n_boot=0)
    assert err.value.param == "n_boot"
    with pytest.raises(ValueError, match="n_boot=0"):
        bootstrap_ari(lambda idx, b: idx, np.arange(5), 0, 0)
    used = int((presence(matrix).sum() > 0).sum())
    with pytest.raises(ValueError, match=rf"less than the number of values named by some document \({used}\)"):
        cluster_value_cooccurrence(matrix, k=used)


def test_cli_cluster_rejects_bad_k_and_n_boot(waie_path, waie, tmp_path):
    n_docs = len(waie[0])
    big = CliRunner().invoke(app, ["cluster", str(waie_path), "--view", "text", "--k", str(n_docs),
                                   "--n-boot", "1", "--no-figures", "--out", str(tmp_path / "a")])
    assert big.exit_code == 2 and "Invalid value for --k" in big.output and f"({n_docs})" in big.output
    assert "Traceback" not in big.output and not (tmp_path / "a").exists()
    for args, option in ((["--k", "1"], "--k"), (["--n-boot", "0"], "--n-boot"), (["--lang", "fr"], "--lang")):
        bad = CliRunner().invoke(app, ["cluster", str(waie_path), *args, "--out", str(tmp_path / "b")])
        assert bad.exit_code == 2 and f"Invalid value for {option}" in bad.output, bad.output
    one = CliRunner().invoke(app, ["cluster", str(waie_path), "--view", "values", "--n-boot", "1",
                                   "--no-figures", "--out", str(tmp_path / "c")])
    assert one.exit_code == 0, one.output
    assert "nan" not in one.output and "(1 resample)" in one.output


def test_text_features_prepared_in_a_worker_process_are_the_stages_own(seed_ingest):
    """`aicompare all` computes the clustering's TF-IDF in a spawned worker while it compares; the stage then
    uses those features, which must be the ones it would compute itself."""
    from aicompare.cluster import features
    from aicompare.worker import start_call

    texts = document_texts(seed_ingest.passages).tolist()
    entries = start_call(features.prepare_text_features, texts).result()
    assert {k[0] for k in entries} == {"char", "token"}
    features._TFIDF_MEMO.clear()
    for (analyzer, min_df, _), (X, terms) in entries.items():
        own, own_terms = features.tfidf(texts, analyzer, min_df=min_df)
        assert (own != X).nnz == 0 and own_terms.tolist() == terms.tolist()
    features._TFIDF_MEMO.clear()
    features.remember(entries)
    assert features.tfidf(texts, "token", min_df=features.default_min_df(len(texts)))[0] is next(
        v[0] for k, v in entries.items() if k[0] == "token")  # handed-in features are used, not recomputed
