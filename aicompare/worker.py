"""One function call in a fresh Python process, while the caller goes on: ``call = start_call(fn, *args)``, later
``call.result()``.

The process is a plain ``python -m aicompare.worker`` (arguments and result pickled through its pipes), not a
``multiprocessing`` child: forking a process that runs threads (the figure export) is unsafe, and ``spawn``
re-runs the caller's main script when it has no ``if __name__ == "__main__"`` guard, as analysts' scripts often
do not. A failed or killed worker raises :class:`WorkerError` from ``result()``; callers compute the result
themselves then. The worker runs in the background (:func:`run_in_background`): it uses the cores its caller
leaves free and never slows the caller, whose work is what the run waits for.
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Callable


BACKGROUND_NICENESS = 10  # added to the nice value of background work (this worker, the figure-export browser)


class WorkerError(RuntimeError):
    """The worker process failed, was killed or returned nothing."""


class WorkerCall:
    """A call running in a worker process (see :func:`start_call`)."""

    def __init__(self, fn: Callable, args: tuple) -> None:
        root = str(Path(__file__).resolve().parent.parent)  # this aicompare, whatever the caller's sys.path
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([root, *filter(None, [os.environ.get("PYTHONPATH")])]))
        self._proc = subprocess.Popen([sys.executable, "-m", "aicompare.worker"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        payload = pickle.dumps((fn.__module__, fn.__qualname__, args), protocol=pickle.HIGHEST_PROTOCOL)
        self._out: dict[str, bytes] = {}
        self._thread = threading.Thread(target=self._talk, args=(payload,), daemon=True)
        self._thread.start()

    def _talk(self, payload: bytes) -> None:
        try:
            self._out["stdout"], self._out["stderr"] = self._proc.communicate(payload)
        except (OSError, ValueError) as exc:
            self._out["error"] = str(exc).encode()

    def result(self) -> Any:
        """The function's return value (waits for it); :class:`WorkerError` if the worker did not deliver it."""
        self._thread.join()
        if self._proc.returncode != 0 or not self._out.get("stdout"):
            detail = (self._out.get("stderr") or self._out.get("error") or b"").decode(errors="replace").strip()
            raise WorkerError(f"worker exited with code {self._proc.returncode}: {detail[-500:]}")
        return pickle.loads(self._out["stdout"])

    def cancel(self) -> None:
        """Stop the worker if it is still running."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._thread.join()


def start_call(fn: Callable, *args: Any) -> WorkerCall:
    """Start ``fn(*args)`` in a worker process; ``fn`` must be a module-level function of an importable module."""
    return WorkerCall(fn, args)


def run_in_background() -> None:
    """Make the calling thread — and the threads and processes it starts — background work: a nice value
    :data:`BACKGROUND_NICENESS` higher and, with two cores or more, every core but the first, which stays free for
    the run's own stages (the work the run waits for). Linux only: there priority and cores are a thread's own
    and are inherited; elsewhere they would change the whole process, so nothing is changed."""
    if not sys.platform.startswith("linux"):
        return
    me = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, me, os.getpriority(os.PRIO_PROCESS, me) + BACKGROUND_NICENESS)
    except OSError:
        pass
    try:
        cores = sorted(os.sched_getaffinity(0))
        if len(cores) >= 2:
            os.sched_setaffinity(0, cores[1:])  # on Linux, pid 0 is the calling thread
    except OSError:
        pass


def _serve() -> None:
    import importlib

    run_in_background()
    module, qualname, args = pickle.loads(sys.stdin.buffer.read())
    fn: Any = importlib.import_module(module)
    for part in qualname.split("."):
        fn = getattr(fn, part)
    data = pickle.dumps(fn(*args), protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _serve()
