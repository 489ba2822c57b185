"""A progress display for long CLI commands: per phase a count and a rate, on a terminal only.

Pipes, files and tests see nothing (the command's own summary line still prints).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

Advance = Callable[[str, int], None]  # (phase, how many more)


class _Rate(ProgressColumn):
    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} {self.unit}/s" if speed else "", style="progress.data.speed")


@contextmanager
def counting(phases: Sequence[str], unit: str = "items") -> Iterator[Advance]:
    """Yield ``advance(phase, n)``; shows ``phase  n unit  r unit/s  elapsed`` lines while a TTY is attached."""
    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("{task.description:<8}"), TextColumn("{task.completed:>10,.0f} " + unit),
               _Rate(unit), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=not sys.stderr.isatty()) as bar:
        tasks = {phase: bar.add_task(phase, total=None) for phase in phases}
        yield lambda phase, n: bar.advance(tasks[phase], n)
