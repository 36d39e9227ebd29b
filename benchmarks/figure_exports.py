"""Where a cold `aicompare all` waits for the browser: the stages' times, and for every static figure the moment it
was queued and how long its PNG/SVG export took.

    python benchmarks/figure_exports.py [--root PATH]

A cold run (empty cache, temporary output folders) of ``aicompare.pipeline.run_all`` in this process, with
``figures.export.StaticExports.submit`` and ``to_static_formats`` wrapped to record their times. The browser draws
the figures one at a time in queue order, so the run ends when the last queued figure is drawn: the lines show how
much export work is queued after the main process has finished its own (the ``static figures`` stage's wait).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout to benchmark (default: this one)")
    args = ap.parse_args()
    sys.path.insert(0, str(args.root))
    tmp = Path(tempfile.mkdtemp(prefix="aicompare-bench-figures-"))
    os.environ["AICOMPARE_CACHE"] = str(tmp / "cache")
    start = time.perf_counter()
    try:
        import aicompare.figures.export as export
        from aicompare.pipeline import run_all

        events: list[tuple[float, str, str]] = []
        queued: list[str] = []  # the exports run one at a time in queue order: the n-th export is the n-th figure
        submit, to_static_formats = export.StaticExports.submit, export.to_static_formats

        def timed_submit(self, fig, paths, scale):
            queued.append(next(iter(paths.values())).stem)
            events.append((time.perf_counter() - start, "queued", queued[-1]))
            return submit(self, fig, paths, scale)

        def timed_export(fig, fmts, *a, **k):
            began = time.perf_counter() - start
            name = queued[sum(w == "drawn" for _, w, _ in events)]
            out = to_static_formats(fig, fmts, *a, **k)
            events.append((began, "drawn", f"{name} ({time.perf_counter() - start - began:.2f} s)"))
            return out

        export.StaticExports.submit, export.to_static_formats = timed_submit, timed_export
        result = run_all(out=tmp / "out", figures=tmp / "fig", use_cache=False)
        total = time.perf_counter() - start
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"cold run_all on {args.root}: {total:.1f} s, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    for s in result.stages:
        print(f"   stage {s.name:<16} {s.seconds:5.1f} s")
    print("   time (s)  figure queued / drawn: export started (its duration)")
    for t, what, detail in sorted(events):
        print(f"   {t:7.2f}   {what:<7} {detail}")
    drawn = [float(d.rsplit("(", 1)[1].split()[0]) for _, w, d in events if w == "drawn"]
    print(f"   {len(drawn)} exports, {sum(drawn):.1f} s of browser time in all")


if __name__ == "__main__":
    main()
