"""Measure segmentation quality on the four legal/numbered PDFs of issue 11.

    PYTHONPATH=$PWD python benchmarks/segmentation.py [PDF_DIR] [--show N]

Per PDF: passages, headings, % of headings longer than 80 characters, % of headings cut mid-sentence (the first
line of a paragraph taken for a heading), body passages, % of body passages cut mid-sentence (see aicompare/corpus/segment_quality.py for the exact definition) and, for information, % of
body passages without terminal punctuation. PDF_DIR defaults to ../shared/corpora/pdf; missing documents are
skipped. ``--show N`` prints N examples of long headings and cut passages per document.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aicompare.corpus.ingest import parse_path  # noqa: E402
from aicompare.corpus.segment_quality import HEADING_MAX, cut_flags, segmentation_stats  # noqa: E402

DOCS = ["eu_ai_act_regulation_2024_1689_oj_en.pdf", "uk_pro_innovation_ai_regulation_govt_response_2024_en.pdf",
        "who_ethics_governance_ai_for_health_2021_en.pdf", "oecd_ai_recommendation_2019_en.pdf"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdf_dir", nargs="?", default=str(ROOT.parent / "shared" / "corpora" / "pdf"))
    ap.add_argument("--show", type=int, default=0, help="print N examples of each defect per document")
    args = ap.parse_args(argv)
    rows = []
    for name in DOCS:
        path = Path(args.pdf_dir) / name
        if not path.is_file():
            print(f"skip {name}: not found in {args.pdf_dir}")
            continue
        parsed = parse_path(str(path))
        if "error" in parsed:
            print(f"skip {name}: {parsed['error'][1]}")
            continue
        df = pd.DataFrame(parsed["passages"])
        rows.append({"document": path.stem[:40], **segmentation_stats(df)})
        if args.show:
            heads = df[(df["kind"] == "heading") & (df["text"].str.len() > HEADING_MAX)]
            print(f"\n== {name}: long headings")
            for t in heads["text"].head(args.show):
                print("  ", t[:160])
            cut = cut_flags(df)
            print(f"== {name}: cut passages (→ next)")
            for i in df.index[cut][: args.show]:
                j = df.index.get_loc(i)
                nxt = df.iloc[j + 1:]["text"]
                print("  ", repr(df.at[i, "text"][-90:]), "→", repr(nxt.iloc[0][:50]) if len(nxt) else "")
    if not rows:
        print("no documents found")
        return 0
    table = pd.DataFrame(rows)
    total = {"document": "ALL", "passages": table["passages"].sum(), "headings": table["headings"].sum(),
             "long_heading_pct": (table["long_heading_pct"] * table["headings"]).sum() / max(1, table["headings"].sum()),
             "cut_heading_pct": (table["cut_heading_pct"] * table["headings"]).sum() / max(1, table["headings"].sum()),
             "body": table["body"].sum(), "cut_pct": (table["cut_pct"] * table["body"]).sum() / max(1, table["body"].sum()),
             "no_terminal_pct": (table["no_terminal_pct"] * table["body"]).sum() / max(1, table["body"].sum())}
    table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    with pd.option_context("display.width", 160, "display.float_format", "{:.2f}".format):
        print(table.to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
