"""Benchmark the analyst's workflow.

    python benchmarks/all.py [--skip-nbval]

Prints the time of `aicompare all` on the default corpus (plus the WAIE development subset when it is
found) cold (empty cache, fresh output folders) and cached, the time of every stage, the peak memory of
the run, and the time of the nbval notebook suite. Targets: cold < 20 s, cached < 3 s, nbval < 2 min,
peak memory < 1.5 GB.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-nbval", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="aicompare-bench-all-"))
    os.environ["AICOMPARE_CACHE"] = str(tmp / "cache")
    from aicompare.pipeline import run_all

    out, fig = tmp / "processed", tmp / "figures"
    cold = run_all(ROOT / "data" / "raw", out=out, figures=fig)
    print(f"aicompare all, cold: {cold.seconds:.1f} s (target < 20 s), {len(cold.outputs())} files")
    for s in cold.stages:
        print(f"  {s.name:22s} {'skipped: ' + s.skipped if s.skipped else f'{s.seconds:5.2f} s  {s.note}'}")
    cached = run_all(ROOT / "data" / "raw", out=out, figures=fig)
    print(f"aicompare all, cached: {cached.seconds:.2f} s (target < 3 s); cache hit: {cached.cached}")
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "aicompare.cli", "--version"], check=True, capture_output=True)
    print(f"command start-up (aicompare --version): {time.perf_counter() - t:.2f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB in the main process (target < 1536 MB), {children:.0f} MB in the largest "
          "finished child process (the Chromium used for static export stays alive until exit and is not counted)")
    if not args.skip_nbval:
        t = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "pytest", "notebooks", "-q", "-p", "no:cacheprovider"],
                           cwd=ROOT, capture_output=True, text=True)
        last = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else r.stderr[-200:]
        print(f"nbval notebook suite: {time.perf_counter() - t:.1f} s (target < 120 s): {last}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
