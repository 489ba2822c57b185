"""Alert sinks for the watch loop: where an alert goes and in what shape.

Input: a sink written as ``file:PATH`` (JSON lines), ``webhook:URL`` (JSON), ``slack:URL`` (a Slack incoming
webhook's ``text``), ``teams:URL`` (a Microsoft Teams workflow webhook's Adaptive Card) or
``smtp://HOST[:PORT]?to=ADDR[,ADDR][&from=ADDR][&starttls=1]`` (e-mail; the login, if any, from the environment:
``SPILLWATCH_SMTP_USER`` / ``SPILLWATCH_SMTP_PASSWORD``, never on the command line). Output: one message per alert,
each carrying the alert's stable id (``alert_id``; the e-mail's ``X-Spillwatch-Alert-Id`` header and subject) so
a receiver can drop a repeat. Declines: unknown kinds and malformed targets (``ConfigError`` at start-up); a
delivery that fails raises ``DeliveryError`` and is retried by the outbox. Every URL goes through the fetcher's
address guard: loopback and private addresses are refused unless the settings allow them.
"""

from __future__ import annotations

import json
import os
import smtplib
import socket
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

from spillwatch.analysis.alerts import Alert
from spillwatch.errors import ConfigError, SpillwatchError
from spillwatch.settings import Settings

Kind = Literal["file", "webhook", "slack", "teams", "smtp"]
KINDS: tuple[Kind, ...] = ("file", "webhook", "slack", "teams", "smtp")
SMTP_TIMEOUT = 30.0


class DeliveryError(SpillwatchError):
    """A sink did not take an alert (down, refused, timed out): the delivery stays pending."""


@dataclass(frozen=True, slots=True)
class Sink:
    """A parsed sink; ``spec`` (what the user wrote) names it in the store's delivery rows."""

    kind: Kind
    target: str

    @property
    def spec(self) -> str:
        return self.target if self.kind == "smtp" else f"{self.kind}:{self.target}"


def parse_sink(text: str) -> Sink:
    """A sink from what a user wrote; ConfigError naming it when it is not one."""
    if text.startswith("smtp://"):
        _smtp_parts(text)
        return Sink("smtp", text)
    kind, sep, target = text.partition(":")
    found = next((k for k in KINDS if k == kind and k != "smtp"), None)
    if not sep or found is None:
        raise ConfigError(f"sink {text!r}: use file:PATH, webhook:URL, slack:URL, teams:URL or "
                          "smtp://HOST[:PORT]?to=ADDR")
    if not target:
        raise ConfigError(f"sink {text!r}: nothing after ':'")
    if found != "file":
        from spillwatch.ingest.netguard import parse_url

        parse_url(target)  # FetchError (a SpillwatchError) names a bad URL
    return Sink(found, target)


def check_sink(sink: Sink, settings: Settings) -> None:
    """Refuse, before any work, a web sink whose address the guard does not allow (or a file in no folder)."""
    if sink.kind == "file":
        folder = Path(sink.target).resolve().parent
        if not folder.is_dir():
            raise ConfigError(f"sink {sink.spec}: folder {folder} does not exist")
    elif sink.kind in ("webhook", "slack", "teams"):
        from spillwatch.ingest.netguard import checked_addresses, parse_url, system_resolve, with_timeout

        checked_addresses(parse_url(sink.target), allow_private=settings.allow_private_urls,
                          resolve=with_timeout(system_resolve, settings.fetch_timeout))


def body(sink: Sink, alert: Alert) -> dict[str, Any]:
    """The JSON a web sink receives for one alert, shaped for the tool behind it."""
    if sink.kind == "slack":
        return {"text": f"*{_title(alert)}*\n{alert.message}\nalert id: `{alert.id}`"}
    if sink.kind == "teams":
        card = {"type": "AdaptiveCard", "version": "1.4", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                "body": [{"type": "TextBlock", "text": _title(alert), "weight": "Bolder", "wrap": True},
                         {"type": "TextBlock", "text": alert.message, "wrap": True},
                         {"type": "FactSet", "facts": [{"title": "alert id", "value": alert.id}]}]}
        return {"type": "message", "summary": _title(alert),
                "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": card}]}
    return {"alert_id": alert.id, "alerts": [alert.as_dict()]}


def deliver(sink: Sink, alert: Alert, settings: Settings) -> None:
    """Hand one alert to ``sink``; DeliveryError when it does not take it."""
    try:
        if sink.kind == "file":
            _to_file(sink.target, alert)
        elif sink.kind == "smtp":
            _to_smtp(sink.target, alert)
        else:
            _to_web(sink, alert, settings)
    except SpillwatchError as exc:
        raise DeliveryError(f"{sink.spec}: {exc}") from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"{sink.spec}: {type(exc).__name__}: {exc}") from exc


def _title(alert: Alert) -> str:
    return f"spillwatch {alert.kind} alert: {alert.actor or ''} {alert.unit}".replace("  ", " ")


def _to_file(path: str, alert: Alert) -> None:
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(alert.as_dict(), ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def _to_web(sink: Sink, alert: Alert, settings: Settings) -> None:
    from spillwatch.ingest.fetch import Fetcher

    with Fetcher(settings) as client:
        client.post_json(sink.target, body(sink, alert))


def _smtp_parts(spec: str) -> tuple[str, int, list[str], str, bool]:
    parts = urlsplit(spec)
    query = parse_qs(parts.query)
    to = [a.strip() for v in query.get("to", []) for a in v.split(",") if a.strip()]
    if not parts.hostname or not to:
        raise ConfigError(f"sink {spec!r}: an SMTP sink needs a host and ?to=ADDR")
    sender = query.get("from", [f"spillwatch@{socket.gethostname()}"])[0]
    try:
        port = parts.port or 25
    except ValueError as exc:
        raise ConfigError(f"sink {spec!r}: {exc}") from exc
    return parts.hostname, port, to, sender, query.get("starttls", ["0"])[0] in ("1", "true", "yes")


def _to_smtp(spec: str, alert: Alert) -> None:
    host, port, to, sender, starttls = _smtp_parts(spec)
    msg = EmailMessage()
    msg["Subject"] = f"{_title(alert)} [{alert.id[:12]}]"
    msg["From"], msg["To"] = sender, ", ".join(to)
    msg["X-Spillwatch-Alert-Id"] = alert.id
    msg.set_content(f"{alert.message}\n\nalert id: {alert.id}\n\n{json.dumps(alert.as_dict(), indent=1)}\n")
    with smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT) as smtp:
        if starttls:
            smtp.starttls()
        user = os.environ.get("SPILLWATCH_SMTP_USER")
        if user:
            smtp.login(user, os.environ.get("SPILLWATCH_SMTP_PASSWORD", ""))
        smtp.send_message(msg)
