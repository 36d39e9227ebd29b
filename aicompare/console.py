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


def literal(value: object) -> str:
    """``value`` as literal text for a console message: file names, doc_ids and messages may contain ``[...]``
    (read as markup otherwise) or control characters (ESC would reach the terminal)."""
    from rich.markup import escape

    from aicompare.io import visible_controls

    return escape(visible_controls(str(value)))


def print_issues(issues) -> None:
    """One line per issue, from an issues table or its records."""
    for rec in issues if isinstance(issues, list) else issues.to_dict("records"):
        style = "red" if rec["severity"] == "error" else "yellow"
        console.print(f"[{style}]{literal(rec['severity'])}[/{style}] {literal(rec['code'])}: "
                      f"{literal(rec['message'])}")


def print_run(res) -> None:
    """What ``aicompare all`` says about a run (:class:`aicompare.pipeline.RunResult`): its issues, one line per
    stage, the number of files written."""
    from rich.markup import escape

    if res.cached:
        console.print("[green]inputs and code unchanged: outputs verified against the cache, nothing recomputed[/green]")
    if res.issue_records:
        print_issues(res.issue_records)
    for s in res.stages:
        if s.error:
            console.print(f"[red]failed[/red] {escape(s.name)}: {escape(s.error)}")
        elif s.skipped:
            console.print(f"[yellow]skipped[/yellow] {escape(s.name)}: {escape(s.skipped)}")
        elif s.outputs:
            console.print(f"[bold]{escape(s.name)}[/bold]: {len(s.outputs)} files{' — ' + escape(s.note) if s.note else ''}")
        elif s.note:
            console.print(f"[bold]{escape(s.name)}[/bold]: {escape(s.note)}")
    n_fig = sum(1 for p in res.outputs() if p.suffix in {'.html', '.png', '.svg'})
    console.print(f"{len(res.outputs())} files ({n_fig} figure files) in {res.seconds:.1f} s")
