"""A huge one-line file (issue 15, "bounded time and memory per file"): time and peak memory of ingest and extract.

    python benchmarks/huge_file.py [--mb 50] [--root PATH]

Generates a single-line English text of ``--mb`` megabytes (words of guideline vocabulary, so nearly every passage
matches some value) in a temporary folder and runs, each as its own process,
``python -m aicompare ingest FILE --no-cache`` and ``python -m aicompare extract FILE --out … --evidence …``,
printing wall time, CPU time and peak resident memory of each, and the ``document_too_long`` warning that names
the file (a document is read up to ``MAX_DOCUMENT_CHARS`` characters). ``--root`` points at another checkout
(e.g. an older commit, for before/after figures).
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import _env, measure  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("AI developers must respect privacy fairness transparency and accountability of systems the data human "
         "rights safety security risks users should ensure that explain decisions governance").split()


def one_line(path: Path, mb: float, seed: int = 0) -> int:
    """Write a single line of about ``mb`` MB of words to ``path``; returns its size in bytes."""
    rng = random.Random(seed)
    target, size = int(mb * 1_000_000), 0
    with open(path, "w", encoding="utf-8") as f:
        while size < target:
            chunk = " ".join(rng.choice(WORDS) for _ in range(10_000)) + " "
            f.write(chunk)
            size += len(chunk)
    return size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--root", type=Path, default=ROOT)
    args = ap.parse_args()
    env = _env(args.root)
    with tempfile.TemporaryDirectory(prefix="aicompare-huge-") as tmp:
        tmp = Path(tmp)
        f = tmp / "one_line.txt"
        size = one_line(f, args.mb)
        print(f"generated {f.name}: {size / 1e6:.1f} MB on one line")
        ing = measure([sys.executable, "-m", "aicompare", "ingest", str(f), "--no-cache", "--out", str(tmp / "ing")],
                      env=env, cwd=args.root)
        print(f"ingest : {ing['seconds']:7.1f} s wall, {ing['cpu']:7.1f} s CPU, peak {ing['peak_mb']:7.0f} MB, "
              f"exit {ing['rc']}")
        ext = measure([sys.executable, "-m", "aicompare", "extract", str(f), "--out", str(tmp / "matrix.csv"),
                       "--evidence", str(tmp / "evidence.csv")], env=env, cwd=args.root)
        print(f"extract: {ext['seconds']:7.1f} s wall, {ext['cpu']:7.1f} s CPU, peak {ext['peak_mb']:7.0f} MB, "
              f"exit {ext['rc']}")
        issues = tmp / "ing" / "issues.csv"
        if issues.exists():
            for row in issues.read_text(encoding="utf-8").splitlines():
                if "document_too_long" in row:
                    print("warning:", row.split(",", 4)[-1][:300])


if __name__ == "__main__":
    main()
