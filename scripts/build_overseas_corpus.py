"""Build ``data/raw/overseas/`` — the shipped, openly licensed guideline corpus — from the development corpora.

A maintainer's tool (users never need it: its output is committed). It reads ``../shared/corpora/LICENCES.csv``
and copies only the documents whose verdict allows shipping, in the form the verdict says:

* ``ship`` / ``ship-pdf-unaltered``: the original file, byte for byte;
* ``ship-text``: the text aicompare's own PDF reader extracts, one page per form feed (``\\f``), so evidence
  still cites pages (the PDF itself carries crests and logos outside the licence).

It writes ``SOURCES.csv`` (one row per document, with licence, attribution, source URL, the SHA-256 of the
original file and the form shipped). ``hold`` and ``do-not-ship`` documents are never copied.

    python scripts/build_overseas_corpus.py [--shared ../shared] [--out data/raw/overseas]
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIP_FILE = {"ship", "ship-pdf-unaltered"}
SHIP_TEXT = {"ship-text"}

# Source addresses of the documents in corpora/open/ (their MANIFEST has none); the rest come from
# corpora/pdf/MANIFEST.csv ("official_url_if_known").
OPEN_SOURCE_URLS = {
    "nist_ai_600_1_genai_profile_2024_en.pdf": "https://doi.org/10.6028/NIST.AI.600-1",
    "intl_scientific_report_safety_advanced_ai_interim_2024_en.pdf":
        "https://www.gov.uk/government/publications/international-scientific-report-on-the-safety-of-advanced-ai",
    "eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf":
        "https://digital-strategy.ec.europa.eu/en/library/commission-publishes-guidelines-prohibited-artificial-"
        "intelligence-ai-practices-defined-ai-act",
    "ca_on_alpha_ai_principles_en.md": "https://github.com/ongov/AI-Principles",
}
COLUMNS = ["file", "title", "publisher", "publisher_type", "country", "year", "language", "licence", "attribution",
           "source_url", "original_file", "original_sha256", "form"]


def pdf_text_with_pages(path: Path) -> str:
    """The PDF's text as aicompare's default reader sees it, pages separated by form feeds."""
    from aicompare.corpus.readers import PDF_ENGINES, clean_pdf_text

    pages = PDF_ENGINES["pypdfium2"](path)
    clean = [clean_pdf_text(p).replace("\f", "\n").strip("\n") for p in pages]
    return "\f".join(clean) + "\n"


def build(shared: Path, out: Path) -> list[dict]:
    corpora = shared / "corpora"
    with (corpora / "LICENCES.csv").open(encoding="utf-8") as fh:
        licences = list(csv.DictReader(fh))
    with (corpora / "pdf" / "MANIFEST.csv").open(encoding="utf-8") as fh:
        urls = {r["file"]: r["official_url_if_known"] for r in csv.DictReader(fh)}
    urls.update(OPEN_SOURCE_URLS)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for lic in licences:
        verdict = lic["verdict"]
        if verdict not in SHIP_FILE | SHIP_TEXT:
            continue
        src = corpora / lic["folder"] / lic["file"]
        data = src.read_bytes()
        if verdict in SHIP_FILE:
            target = out / src.name
            shutil.copyfile(src, target)
            form = {".pdf": "pdf", ".md": "markdown"}.get(src.suffix.lower(), src.suffix.lstrip("."))
        else:
            target = out / f"{src.stem}.txt"
            target.write_text(pdf_text_with_pages(src), encoding="utf-8")
            form = "text"
        rows.append({
            "file": target.name, "title": lic["title"], "publisher": lic["publisher"],
            "publisher_type": lic["publisher_type"], "country": lic["country"], "year": lic["year"],
            "language": "en", "licence": lic["licence"], "attribution": lic["attribution"],
            "source_url": urls.get(lic["file"], ""), "original_file": lic["file"],
            "original_sha256": hashlib.sha256(data).hexdigest(), "form": form,
        })
    rows.sort(key=lambda r: r["file"])
    with (out / "SOURCES.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "raw" / "overseas")
    args = ap.parse_args()
    if not (args.shared / "corpora" / "LICENCES.csv").is_file():
        print(f"{args.shared}/corpora/LICENCES.csv not found: this tool needs the development corpora.", file=sys.stderr)
        return 2
    rows = build(args.shared, args.out)
    print(f"{len(rows)} documents written to {args.out}")
    for r in rows:
        print(f"  {r['form']:8} {r['country']:4} {r['file']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
