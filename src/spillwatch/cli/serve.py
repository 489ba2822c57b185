"""``spillwatch serve``: the REST API and the dashboard on an existing store."""

from __future__ import annotations

import click

from spillwatch.cli.common import DB_HELP, reader
from spillwatch.cli.params import PORT
from spillwatch.settings import load_settings


@click.command()
@click.option("--db", default=None, help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Loopback by default.")
@click.option("--port", type=PORT, default=8000, show_default=True)
def serve(db: str | None, host: str, port: int) -> None:
    """Serve the REST API (OpenAPI schema at /openapi.json) and the dashboard at /."""
    from spillwatch.serve.app import run

    settings = load_settings(db=db)
    with reader(settings.db) as sw:
        sw.store.schema_version()  # a missing or unreadable store is refused before the server starts
    run(settings, host=host, port=port)


COMMANDS = (serve,)
