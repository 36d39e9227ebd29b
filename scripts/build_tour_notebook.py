"""Write notebooks/00_tour.ipynb (cells only; execute it with `aicompare notebooks --execute`)."""
from pathlib import Path

import nbformat as nbf

md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
cells = [
    md("# 00 · A tour of aicompare\n\n"
       "aicompare turns AI guideline documents into tables an analyst can compare: **documents** and **passages**\n"
       "(with page and section path), the **22 values to be respected** (尊重すべき価値) of MIC's 2022 review, and\n"
       "for every value found, the **evidence passages**. This notebook walks through the default corpus in\n"
       "`data/raw/` and traces one value in one document from passage to matrix cell to chart.\n\n"
       "The later notebooks build on the same functions: `01` reproduces the 2022 review, `02` compares overseas\n"
       "guidelines, `03` measures coverage against the AI Guidelines for Business, `04` clusters guidelines."),
    code("import pandas as pd\n"
         "from IPython.display import Image\n\n"
         "from aicompare import extract_values, ingest, load_values, value_matrix\n"
         "from aicompare.paths import raw_dir\n"
         "from aicompare.plots import value_evidence_figure\n\n"
         "pd.set_option(\"display.max_colwidth\", 70)\n"
         "pd.set_option(\"display.width\", 200)"),
    md("## The corpus\n\nFive Japanese government documents, described in `data/raw/SOURCES.csv` (title, publisher, date, role, sha256)."),
    code("corpus = ingest([raw_dir()])\n"
         "corpus.documents[[\"doc_id\", \"title\", \"role\", \"lang\", \"n_chars\", \"n_passages\"]]"),
    code("s = corpus.summary()\n"
         "print(f\"{s['documents']} documents, {s['passages']} passages, {s['errors']} errors, {s['warnings']} warnings\")\n"
         "corpus.passages[\"kind\"].value_counts()"),
    md("Every passage knows where it stands. Here are the first passages under the business guideline's principle\n"
       "4) プライバシー保護:"),
    code("bg = corpus.documents.loc[corpus.documents.role == \"business_guideline\", \"doc_id\"].item()\n"
         "ps = corpus.passages\n"
         "privacy = ps[(ps.doc_id == bg) & ps.section_path.str.contains(\"4) プライバシー保護\", regex=False)]\n"
         "privacy[[\"passage_id\", \"section_path\", \"kind\", \"text\"]].head(6)"),
    md("## The taxonomy\n\nThe 22 values with stable codes, labels exactly as printed in the 2022 report, and the survey that\n"
       "introduced them (values 1–16 come from the 2019 comparison table, 17–22 were added in 2022)."),
    code("values = load_values()\n"
         "values[[\"code\", \"label_ja\", \"label_ja_domestic\", \"label_en\", \"introduced\"]]"),
    md("## From passages to values\n\n`extract_values` scores every passage against the bilingual lexicon and keeps the passages that support\n"
       "a value; `value_matrix` turns them into one 0/1 row per document."),
    code("evidence = extract_values(corpus.passages)\n"
         "matrix = value_matrix(evidence, corpus.documents[\"doc_id\"])\n"
         "matrix.set_index(\"doc_id\")"),
    md("## One value, traced\n\nWhy does the matrix say the business guideline addresses V13 プライバシー? Because of these passages:"),
    code("v13 = evidence[(evidence.doc_id == bg) & (evidence.value_code == \"V13\")]\n"
         "v13[[\"passage_id\", \"section_path\", \"score\", \"matched\", \"text\"]].head(5)"),
    code("first = v13.sort_values(\"passage_id\").iloc[0]\n"
         "n_values = int(matrix.set_index(\"doc_id\").loc[bg].sum())\n"
         "print(f\"The business guideline addresses {n_values} of {len(values)} values.\")\n"
         "print(f\"V13 is supported by {v13.passage_id.nunique()} passages; the first is {first.passage_id}\")\n"
         "print(f\"under '{first.section_path}', matching {first.matched!r}.\")"),
    md("The same evidence as a chart: supporting passages per value in the business guideline (values added in\n"
       "2022 in purple). The interactive version is written by `aicompare all` to `figures/`."),
    code("fig = value_evidence_figure(evidence, values, bg)\n"
         "Image(fig.to_image(format=\"png\", scale=1))"),
    code("missing = values.loc[~values.code.isin(evidence.loc[evidence.doc_id == bg, \"value_code\"]), [\"code\", \"label_ja\"]]\n"
         "print(\"Values without any supporting passage in the business guideline:\",\n"
         "      \", \".join(f\"{c} {l}\" for c, l in missing.itertuples(index=False)) or \"none\")"),
]
nb = nbf.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
out = Path(__file__).resolve().parent.parent / "notebooks" / "00_tour.ipynb"
nbf.write(nb, out)
print(out)
