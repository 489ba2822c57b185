"""Alert sinks (issue 27): every message carries the alert's stable id, shaped for the tool behind the sink
(Slack text, a Teams Adaptive Card, plain JSON, a JSON line, an e-mail); bad sinks are refused by name."""

from __future__ import annotations

import email
import json
import socketserver
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest

from ingest.ingest_support import running
from spillwatch.analysis.alerts import Alert
from spillwatch.errors import ConfigError, FetchError
from spillwatch.monitor.sinks import DeliveryError, body, deliver, parse_sink
from spillwatch.settings import Settings

ALERT = Alert("0a1b2c3d4e5f6071", "new-theatre", "JOR", "Islamic State", date(2026, 4, 14), None,
              "New theatre: Islamic State violence first recorded in Jordan on 2026-04-14.", "e1")


def test_each_web_shape_carries_the_alert_id() -> None:
    plain = body(parse_sink("webhook:https://example.org/h"), ALERT)
    assert plain == {"alert_id": ALERT.id, "alerts": [ALERT.as_dict()]}
    slack = body(parse_sink("slack:https://hooks.slack.com/services/T/B/x"), ALERT)
    assert set(slack) == {"text"} and ALERT.id in slack["text"] and ALERT.message in slack["text"]
    teams = body(parse_sink("teams:https://example.webhook.office.com/x"), ALERT)
    card = teams["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert {"title": "alert id", "value": ALERT.id} in card["content"]["body"][2]["facts"]
    assert ALERT.message in json.dumps(card)


def test_file_sink_appends_one_json_line_per_alert(tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    sink = parse_sink(f"file:{out}")
    deliver(sink, ALERT, Settings())
    deliver(sink, ALERT, Settings())
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == [ALERT.id, ALERT.id]
    with pytest.raises(DeliveryError, match="file:"):
        deliver(parse_sink(f"file:{tmp_path}/missing/a.jsonl"), ALERT, Settings())


@pytest.mark.parametrize("text", ["fax:123", "webhook:", "webhook:ftp://x/y", "smtp://mail.example.org",
                                  "slack:not a url"])
def test_bad_sinks_are_refused_with_their_text(text: str) -> None:
    with pytest.raises((ConfigError, FetchError)):
        parse_sink(text)


class _Smtp(socketserver.StreamRequestHandler):
    """The few SMTP replies smtplib needs; each message's DATA is kept."""

    messages: ClassVar[list[bytes]] = []

    def handle(self) -> None:
        self.wfile.write(b"220 test ready\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"DATA":
                self.wfile.write(b"354 go on\r\n")
                data = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data += chunk
                _Smtp.messages.append(data)
                self.wfile.write(b"250 kept\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


@contextmanager
def smtp_server() -> Iterator[int]:
    _Smtp.messages = []
    with running(socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Smtp)) as port:
        yield port


def test_smtp_sink_sends_one_mail_naming_the_alert_id() -> None:
    with smtp_server() as port:
        sink = parse_sink(f"smtp://127.0.0.1:{port}?to=duty@example.org,desk@example.org&from=watch@example.org")
        deliver(sink, ALERT, Settings())
    [raw] = _Smtp.messages
    msg = email.message_from_bytes(raw)
    assert msg["X-Spillwatch-Alert-Id"] == ALERT.id and ALERT.id[:12] in msg["Subject"]
    assert msg["To"] == "duty@example.org, desk@example.org" and msg["From"] == "watch@example.org"
    assert ALERT.message in msg.get_payload()


def test_smtp_sink_that_is_down_is_a_delivery_error() -> None:
    with smtp_server() as port:
        pass  # closed again: nothing listens on the port
    with pytest.raises(DeliveryError, match="smtp://"):
        deliver(parse_sink(f"smtp://127.0.0.1:{port}?to=duty@example.org"), ALERT, Settings())
