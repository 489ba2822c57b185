"""Click parameter types that check user input at the boundary (one-line errors, closest valid names).

Reusable by every CLI module: ``DATE_FROM`` / ``DATE_TO`` (a day, a month, a year or a range; see
``spillwatch.api.names``), ``DATE_SPAN``, ``PORT``, ``WORKERS`` and ``SINK`` (``file:PATH`` or
``webhook:URL``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import click

from spillwatch.api import names


class DateParam(click.ParamType):
    """A date as users write it; ``side`` picks the span's first day, last day, or the whole span."""

    name = "date"

    def __init__(self, side: Literal["start", "end", "span"]) -> None:
        self.side = side

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, names.DateSpan) or value is None:
            return value
        try:
            span = names.parse_span(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        if self.side == "span":
            return span
        return span.start if self.side == "start" else span.end

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "DATE" if self.side != "span" else "SPAN"


DATE_FROM = DateParam("start")
DATE_TO = DateParam("end")
DATE_SPAN = DateParam("span")
PORT = click.IntRange(1, 65535)
WORKERS = click.IntRange(min=1)
SINK_KINDS = ("file", "webhook")


@dataclass(frozen=True, slots=True)
class Sink:
    kind: Literal["file", "webhook"]
    target: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.target}"


class SinkParam(click.ParamType):
    """``file:PATH`` (JSONL) or ``webhook:URL`` (an http(s) URL, checked by the address guard when sent)."""

    name = "sink"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, Sink):
            return value
        kind, sep, target = str(value).partition(":")
        if not sep or kind not in SINK_KINDS:
            self.fail(f"{value!r}: unknown sink {kind!r}, use file:PATH or webhook:URL"
                      f"{names.did_you_mean(kind, SINK_KINDS)}", param, ctx)
        if not target:
            self.fail(f"{value!r}: {kind} sink needs a {'path' if kind == 'file' else 'URL'} after ':'", param, ctx)
        if kind == "webhook":
            from spillwatch.errors import FetchError
            from spillwatch.ingest.netguard import parse_url

            try:
                parse_url(target)
            except FetchError as exc:
                self.fail(str(exc), param, ctx)
        return Sink("file" if kind == "file" else "webhook", target)


SINK = SinkParam()
