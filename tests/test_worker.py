"""A function call in a worker process: the value comes back; a failure is a WorkerError, never a hang."""
import os
import sys

import pytest

from aicompare.worker import BACKGROUND_NICENESS, WorkerError, start_call


def test_a_call_returns_its_value_from_another_process():
    call = start_call(os.getpid)
    assert call.result() != os.getpid()
    assert start_call(sorted, ["b", "a"]).result() == ["a", "b"]


def test_a_failing_or_killed_call_raises_worker_error():
    with pytest.raises(WorkerError, match="ValueError"):
        start_call(int, "not a number").result()
    call = start_call(__import__("time").sleep, 30)
    call.cancel()
    with pytest.raises(WorkerError, match="code -9"):
        call.result()


def test_a_script_without_a_main_guard_is_not_run_again(tmp_path):
    """multiprocessing's spawn would re-run the caller's script; the worker never imports it."""
    import subprocess
    import sys

    marker = tmp_path / "runs.txt"
    script = tmp_path / "analysis.py"
    script.write_text("from pathlib import Path\n"
                      f"p = Path({str(marker)!r}); p.write_text(p.read_text() + 'x' if p.exists() else 'x')\n"
                      "from aicompare.worker import start_call\n"
                      "print(start_call(sum, [1, 2]).result())\n", encoding="utf-8")
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert r.stdout.strip() == "3" and marker.read_text() == "x", r.stderr


linux_two_cores = pytest.mark.skipif(not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
                                     reason="background cores are set on Linux with two cores or more")


@linux_two_cores
def test_worker_runs_niced_on_every_core_but_the_first():
    cores = sorted(os.sched_getaffinity(0))
    assert start_call(os.sched_getaffinity, 0).result() == set(cores[1:])
    assert start_call(os.getpriority, os.PRIO_PROCESS, 0).result() == \
        min(19, os.getpriority(os.PRIO_PROCESS, 0) + BACKGROUND_NICENESS)


@linux_two_cores
def test_the_browser_leaves_a_core_to_the_run_until_it_is_given_every_core():
    from pathlib import Path

    from aicompare.figures import export

    earlier = export._descendants()  # browsers of earlier tests may still run
    export.reset_static_export()  # a browser of its own, started as a run starts it
    if not export.static_export_status().available:
        pytest.skip(export.static_export_status().reason)

    def browser_cores() -> list[set[int]]:
        """The cores of the new browser's processes (of their main threads: Chromium pins a few threads itself)."""
        found = []
        for pid in export._descendants(apart_from=earlier):
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                if b"chrom" in cmdline:
                    found.append((os.sched_getaffinity(pid), cmdline[:120]))
            except (OSError, ValueError):
                continue
        return found

    cores = sorted(os.sched_getaffinity(0))
    before = browser_cores()
    assert before and all(c == set(cores[1:]) for c, _ in before), before
    export._browser_on_every_core()
    after = browser_cores()
    assert after and all(c == set(cores) for c, _ in after), after
