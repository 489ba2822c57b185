"""`spillwatch train`: rebuild the event detector from the open data sets (see spillwatch.relevance.train)."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.option("--shared", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder holding data/ (default ../shared beside the repository).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Model file to write (default: the packaged model). Point SPILLWATCH_DETECTOR_MODEL at it.")
@click.option("--compare", is_flag=True, help="Also fit wordllama + LR on the same samples (needs wordllama).")
def train(shared: Path | None, out: Path | None, compare: bool) -> None:
    """Train the event detector and relevance gate; print its figures beside the TF-IDF + LR baseline."""
    from spillwatch.relevance import train as training

    argv = [*(["--shared", str(shared)] if shared else []), *(["--out", str(out)] if out else []),
            *(["--compare"] if compare else [])]
    sys.exit(training.main(argv))


COMMANDS = (train,)
