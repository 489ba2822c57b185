"""Dashboard in headless Debian Chromium (driven by Playwright's Python package with the system browser).

Screenshots go to artefacts/ as test artefacts. Skips when /usr/bin/chromium is not installed.
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from spillwatch.serve.app import create_app
from spillwatch.settings import load_settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTEFACTS = Path(__file__).resolve().parents[2] / "artefacts"
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")]
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_store(db: str) -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(load_settings(db=db)), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(5)


@pytest.fixture
def base_url(tmp_path: Path) -> Iterator[str]:
    from tests.serve.test_rest import _seed

    db = tmp_path / "b.duckdb"
    _seed(db)
    yield from serve_store(str(db))


@pytest.fixture
def page(tmp_path: Path) -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        pg = browser.new_page(viewport={"width": 1366, "height": 900})
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.errors = errors
        yield pg
        browser.close()


def test_payload_is_shown_as_text_and_never_runs(base_url: str, page: object) -> None:
    pg = page  # playwright Page
    pg.goto(base_url + "/")  # type: ignore[attr-defined]
    pg.wait_for_selector("body[data-ready='1']", timeout=15000)  # type: ignore[attr-defined]
    pg.click("#events-table tbody tr")  # type: ignore[attr-defined]
    pg.wait_for_selector(".evidence mark.span-trigger", timeout=10000)  # type: ignore[attr-defined]
    evidence = pg.inner_text(".evidence")  # type: ignore[attr-defined]
    assert "<script>window.__pwned=1</script>" in evidence
    assert 'onerror="window.__pwned=2"' in evidence
    assert pg.evaluate("window.__pwned === undefined")  # type: ignore[attr-defined]
    assert pg.locator(".evidence img").count() == 0  # type: ignore[attr-defined]
    assert pg.locator(".evidence script").count() == 0  # type: ignore[attr-defined]
    ARTEFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTEFACTS / "dashboard-xss.png"), full_page=True)  # type: ignore[attr-defined]
    assert pg.errors == []  # type: ignore[attr-defined]


@pytest.fixture
def corpus_url(corpus_db: str) -> Iterator[str]:
    yield from serve_store(corpus_db)


@pytest.mark.slow
def test_filter_islamic_state_in_lebanon_and_read_the_evidence(corpus_url: str, page: object) -> None:
    pg = page
    pg.goto(corpus_url + "/")  # type: ignore[attr-defined]
    pg.wait_for_selector("body[data-ready='1']", timeout=20000)  # type: ignore[attr-defined]
    ARTEFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTEFACTS / "dashboard-corpus.png"), full_page=True)  # type: ignore[attr-defined]
    pg.select_option("#f-actor", "ISL")  # type: ignore[attr-defined]
    pg.select_option("#f-country", "LBN")  # type: ignore[attr-defined]
    pg.click("#f-apply")  # type: ignore[attr-defined]
    sync_api = pytest.importorskip("playwright.sync_api")
    sync_api.expect(pg.locator("#status")).to_have_text(re.compile(r"^\d+ events$"), timeout=15000)  # type: ignore[attr-defined]
    rows = pg.locator("#events-table tbody tr")  # type: ignore[attr-defined]
    assert rows.count() >= 1
    assert all(cells.endswith("LBN") or "LBN" in cells for cells in rows.all_inner_texts())
    rows.first.click()
    pg.wait_for_selector(".evidence mark.span-trigger", timeout=10000)  # type: ignore[attr-defined]
    assert "Islamic State" in pg.inner_text("#event-panel")  # type: ignore[attr-defined]
    pg.screenshot(path=str(ARTEFACTS / "dashboard-lebanon-event.png"), full_page=True)  # type: ignore[attr-defined]
    for tab in ("spread", "support", "gaps"):
        pg.click(f"#tab-{tab}")  # type: ignore[attr-defined]
        pg.wait_for_selector(f"#{tab}-box table, #{tab}-box p.hint", timeout=15000)  # type: ignore[attr-defined]
    pg.screenshot(path=str(ARTEFACTS / "dashboard-gaps.png"), full_page=True)  # type: ignore[attr-defined]
    assert pg.errors == []  # type: ignore[attr-defined]
