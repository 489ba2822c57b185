"""The one CLI error handler: a user's mistake is one ``error: ...`` line naming the input, exit code 2.

``SpillwatchGroup`` (the ``spillwatch`` group's class) turns into that line: the project's own errors
(``SpillwatchError``), ``OSError`` (missing or unwritable files, with the file name), the database
drivers' errors (a locked DuckDB file, an unreachable PostgreSQL server) and click's usage errors
(bad option values, unknown options). Any other exception is a bug and keeps its traceback.
``spillwatch --debug COMMAND`` (or ``SPILLWATCH_DEBUG=1``) prints the traceback before the line.
"""

from __future__ import annotations

import re
import sys
import traceback
from pathlib import Path
from typing import Any

import click

from spillwatch.errors import SpillwatchError
from spillwatch.store.failures import advice

DEBUG_KEY = "spillwatch.debug"
_LOCK = re.compile(r'Could not set lock on file "(?P<file>[^"]+)": Conflicting lock is held in (?P<prog>.*?)'
                   r"(?: \(PID (?P<pid>\d+)\))?(?:\. |$)")
_DRIVERS = ("duckdb", "_duckdb", "psycopg")


class UserMistake(click.ClickException):
    """One line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


def _holder(pid: str, prog: str) -> str:
    """Who holds a lock: "another spillwatch process (PID N)" when its command line says spillwatch."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        cmdline = ""
    if "spillwatch" in cmdline:
        return f"another spillwatch process (PID {pid})"
    return f"another process (PID {pid}, {prog})"


def lock_message(text: str) -> str | None:
    """DuckDB's lock conflict, said plainly with the holder's PID; None when ``text`` is not one."""
    found = _LOCK.search(text)
    if not found:
        return None
    who = _holder(found["pid"], found["prog"]) if found["pid"] else f"another process ({found['prog']})"
    return f"{found['file']}: in use by {who}; wait for it to finish or stop it, then try again"


def describe(exc: BaseException) -> str | None:
    """The one line for a user-facing failure (with what to do when the store's disk is full or its
    file damaged: ``store.failures``), or None for an exception that is a bug."""
    line = _describe(exc)
    hint = advice(line) if line is not None else None
    return f"{line}; {hint}" if line is not None and hint is not None and hint not in line else line


def _describe(exc: BaseException) -> str | None:
    if isinstance(exc, SpillwatchError) or type(exc).__module__.split(".")[0] in _DRIVERS:
        text = " ".join(str(exc).split()) or type(exc).__name__
        cause = " ".join(str(exc.__cause__).split()) if exc.__cause__ is not None else ""
        return lock_message(text) or lock_message(cause) or text  # the driver's text names the holder's PID
    if isinstance(exc, OSError):
        if exc.filename is not None:
            names = f"{exc.filename} -> {exc.filename2}" if exc.filename2 is not None else str(exc.filename)
            return f"{names}: {exc.strerror or exc}"
        return str(exc) or type(exc).__name__
    return None


def _usage_line(exc: click.UsageError) -> str:
    where = exc.ctx.command_path if exc.ctx is not None else "spillwatch"
    hint = f" (see {where} --help)" if exc.ctx is not None else ""
    return f"{where}: {' '.join(exc.format_message().split())}{hint}"


def _set_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    ctx.meta[DEBUG_KEY] = value


class SpillwatchGroup(click.Group):
    """A click Group whose commands share the one error handler and a ``--debug`` flag."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(click.Option(["--debug"], is_flag=True, envvar="SPILLWATCH_DEBUG", expose_value=False,
                                        is_eager=True, callback=_set_debug,
                                        help="Show the Python traceback of an error."))

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            raise UserMistake(_usage_line(exc)) from exc

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            raise UserMistake(_usage_line(exc)) from exc
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as exc:
            line = describe(exc)
            if line is None:
                raise
            if ctx.meta.get(DEBUG_KEY):
                traceback.print_exception(exc, file=sys.stderr)
            raise UserMistake(line) from exc
