"""The value-evidence figure, from the extractor's evidence on the shipped corpus."""
from aicompare.figures.extract import value_evidence_figure
from aicompare.taxonomy import load_values


def test_value_evidence_figure_counts_passages_per_value(seed_ingest):
    from aicompare.extract import extract_values

    ev = extract_values(seed_ingest.passages)
    bg = seed_ingest.documents.loc[seed_ingest.documents["role"] == "business_guideline", "doc_id"].item()
    fig = value_evidence_figure(ev, load_values(), bg, lang="en")
    bar = fig.data[0]
    assert len(bar.x) == 22 and bar.x[12].startswith("V13")
    assert bar.y[12] == ev[(ev.doc_id == bg) & (ev.value_code == "V13")]["passage_id"].nunique()
    titled = value_evidence_figure(ev, load_values(), bg, lang="en", documents=seed_ingest.documents)
    title = seed_ingest.documents.set_index("doc_id").at[bg, "title"]
    assert bg not in titled.layout.title.text and title in titled.layout.title.text
