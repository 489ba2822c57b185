"""The `spillwatch` command: a thin shell over spillwatch.api, one module per command group.

``documents`` (clean, code, geocode), ``ingest`` (ingest, import, spark-run, spark-load), ``reads``
(articles, quarantine, events, event, actors), ``export``, ``analysis`` (activity, spread, risk, support,
gaps, alerts, report), ``serve``, ``train`` and ``watch``. Each command parses its options, calls the API and prints.
Errors go through one handler (``errors.SpillwatchGroup``: one ``error:`` line, exit 2); option values
are checked at the boundary (``params``); heavy libraries load only in the commands that use them
(``import spillwatch.cli`` loads neither scikit-learn nor spaCy nor pyarrow).
"""

from __future__ import annotations

import click

from spillwatch.cli import analysis, documents, export, ingest, reads, serve, train, watch
from spillwatch.cli.errors import SpillwatchGroup

__all__ = ["main"]


@click.group(cls=SpillwatchGroup)
@click.version_option(package_name="spillwatch")
def main() -> None:
    """spillwatch: from raw news to where an armed group's violence is spreading."""


for _group in (documents, ingest, reads, export, analysis, serve, train, watch):
    for _command in _group.COMMANDS:
        main.add_command(_command)
