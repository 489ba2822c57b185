"""The webhook alert sink goes through the address guard (issue 13 item 7) and says when a hook refuses."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest

from spillwatch.analysis.alerts import Alert, to_webhook
from spillwatch.errors import BlockedAddressError, FetchError
from spillwatch.settings import Settings

ALERT = Alert("a1", "new-theatre", "JOR", "Islamic State", date(2016, 6, 21), None, "New theatre: Jordan.")


class _Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, object]]] = []
    status = 200

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Hook.received.append({"type": self.headers["Content-Type"], "body": json.loads(body)})
        self.send_response(_Hook.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def hook() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Hook.received.clear()
    _Hook.status = 200
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


def test_loopback_webhook_is_refused_without_a_request(hook: str) -> None:
    with pytest.raises(BlockedAddressError, match="loopback"):
        to_webhook([ALERT], hook, Settings())
    assert _Hook.received == []


@pytest.mark.parametrize("url", ["http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data", "http://[::1]/x",
                                 "http://0.0.0.0/x", "file:///etc/passwd", "gopher://x/"])
def test_private_and_odd_webhooks_are_refused(url: str) -> None:
    with pytest.raises(FetchError):
        to_webhook([ALERT], url, Settings())


def test_allowed_webhook_receives_the_alerts(hook: str) -> None:
    assert to_webhook([ALERT], hook, Settings(allow_private_urls=True)) == 1
    assert _Hook.received[0]["type"] == "application/json"
    assert _Hook.received[0]["body"] == {"alerts": [ALERT.as_dict()]}


def test_refusing_webhook_is_a_fetch_error(hook: str) -> None:
    _Hook.status = 500
    with pytest.raises(FetchError, match="HTTP status 500"):
        to_webhook([ALERT], hook, Settings(allow_private_urls=True))
