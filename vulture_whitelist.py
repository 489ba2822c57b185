"""Names vulture would call unused (tests/test_deadcode.py), each used by something it cannot see.

Read by vulture only, never imported: every line names one attribute and says who uses it.
"""

_ = object()
_.exc_type  # api.facade.Spillwatch.__exit__: the context manager protocol's argument
_.tb  # api.facade.Spillwatch.__exit__: the context manager protocol's argument
_.show  # cli.errors.UserMistake.show: click calls it to print the error
_.get_metavar  # cli.params.DateParam.get_metavar: click calls it for --help
_.itersize  # store.postgres: psycopg reads it for a server-side cursor's fetch size
_.__getattr__  # api.__getattr__: Python calls a module's __getattr__ for the names api/rows.py holds (PEP 562)
