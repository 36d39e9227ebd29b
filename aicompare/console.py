"""Terminal output shared by the command line and long stages: one console, progress bars only where a
person watches (a terminal, not a notebook, CI or a pipe), names printed literally, no wrapping when piped."""
from __future__ import annotations

import contextlib
import os
import sys
from typing import Callable, Iterator

from rich.console import Console

console = Console(stderr=True, soft_wrap=True, highlight=False)


def interactive() -> bool:
    """True on a terminal outside notebooks and CI: the only place a progress bar helps."""
    if os.environ.get("CI") or "ipykernel" in sys.modules:
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def progress(description: str, total: int) -> Iterator[Callable[[int], None]]:
    """A transient progress bar on a terminal; elsewhere a no-op. Yields ``advance(n=1)``."""
    if not interactive() or total < 2:
        yield lambda n=1: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=console, transient=True)
    with bar:
        task = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task, n)
