"""Names vulture would call unused (tests/test_deadcode.py), each used by something it cannot see.

Read by vulture only, never imported: every line names one attribute and says who uses it.
"""

_ = object()
_.first_sources  # analysis.spread.Theatre: a record field, shown by the CLI and REST through codec.dump
_.skipped_at  # api.results.SkippedRow: a record field, rendered by codec.fields / codec.dump
_.quarantined_at  # api.results.QuarantineRow: a record field, rendered by codec.fields / codec.dump
_.ent_iob  # records.Token: filled by the parse stage, kept in the stored JSON of an annotated article
_.exc_type  # api.facade.Spillwatch.__exit__: the context manager protocol's argument
_.tb  # api.facade.Spillwatch.__exit__: the context manager protocol's argument
_.show  # cli.errors.UserMistake.show: click calls it to print the error
_.get_metavar  # cli.params.DateParam.get_metavar: click calls it for --help
_.itersize  # store.postgres: psycopg reads it for a server-side cursor's fetch size
