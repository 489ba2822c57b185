"""Dashboard in headless Debian Chromium (driven by Playwright's Python package with the system browser).

Screenshots go to artefacts/ as test artefacts. Skips when /usr/bin/chromium is not installed. Every
page collects console errors and page errors; each test ends by asserting there were none.
"""

from __future__ import annotations

import itertools
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from spillwatch.serve.app import create_app
from spillwatch.settings import load_settings
from tests.serve.map_seed import PLACE_PAYLOAD

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
        pg.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
        pg.errors = errors
        yield pg
        browser.close()


def test_payload_is_shown_as_text_and_never_runs(base_url: str, page: object) -> None:
    pg = page  # playwright Page
    pg.goto(base_url + "/")  # type: ignore[attr-defined]
    pg.wait_for_selector("body[data-ready='1']", timeout=15000)  # type: ignore[attr-defined]
    # the header's watch line (issue 27): no watch ran on this store
    pg.wait_for_selector("#watch-status:has-text('watch: not started')", timeout=10000)  # type: ignore[attr-defined]
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
    sync_api.expect(pg.locator("#status")).to_have_text(re.compile(r"^\d+ events of ISL as perpetrator or party$"),  # type: ignore[attr-defined]
                                                         timeout=15000)
    rows = pg.locator("#events-table tbody tr")  # type: ignore[attr-defined]
    assert rows.count() >= 1
    assert all("Lebanon" in cells for cells in rows.all_inner_texts())  # the country's name, not its code
    rows.first.click()
    pg.wait_for_selector(".evidence mark.span-trigger", timeout=10000)  # type: ignore[attr-defined]
    assert "Islamic State" in pg.inner_text("#event-panel")  # type: ignore[attr-defined]
    pg.screenshot(path=str(ARTEFACTS / "dashboard-lebanon-event.png"), full_page=True)  # type: ignore[attr-defined]
    for tab in ("spread", "support", "gaps"):
        pg.click(f"#tab-{tab}")  # type: ignore[attr-defined]
        pg.wait_for_selector(f"#{tab}-box table, #{tab}-box p.hint", timeout=15000)  # type: ignore[attr-defined]
    pg.screenshot(path=str(ARTEFACTS / "dashboard-gaps.png"), full_page=True)  # type: ignore[attr-defined]
    assert pg.errors == []  # type: ignore[attr-defined]


# -- the map, its legend and the time axis (issue 17 item 3), on tests/serve/map_seed.py's store

@pytest.fixture
def map_url(tmp_path: Path) -> Iterator[str]:
    from tests.serve.map_seed import seed_map_store

    db = tmp_path / "map.duckdb"
    seed_map_store(db)
    yield from serve_store(str(db))


def _api(pg: Any, path: str) -> Any:
    return pg.evaluate("p => fetch(p).then(r => r.json())", path)


def _table(pg: Any, rows: str, key: str, cell: int) -> list[list[Any]]:
    """[data-KEY, number in cell CELL] of each row, as the page shows them."""
    return list(pg.eval_on_selector_all(
        rows, "(rs, [k, c]) => rs.map(r => [r.dataset[k], +r.cells[c].textContent.replace(/,/g, '')])", [key, cell]))


def _open(pg: Any, url: str) -> None:
    pg.goto(url + "/")
    pg.wait_for_selector("body[data-ready='1']", timeout=20000)
    pg.wait_for_selector("body[data-marks='1']", timeout=20000)


def test_map_draws_adm1_shapes_with_a_legend_equal_to_the_api(map_url: str, page: Any) -> None:
    pg = page
    _open(pg, map_url)
    layers = _api(pg, "/api/map/layers")
    shapes = pg.locator("#map path.adm1")
    assert shapes.count() >= 14 + 18 + 6  # every province of Syria, Iraq and Lebanon (countries with events)
    drawn = {k: int(v) for k, v in pg.eval_on_selector_all(
        "#map path.adm1", "ps => ps.map(p => [p.dataset.key, p.dataset.value])") if int(v)}
    assert drawn == {u["key"]: u["events"] for u in layers["adm1"]} == {"SY-RA": 3, "SY-DY": 2, "IQ-NI": 1}
    total = pg.locator("#legend .total")
    assert int(total.get_attribute("data-total")) == layers["events"] == 7
    assert int(total.get_attribute("data-in-units")) == sum(u["events"] for u in layers["adm1"])
    assert total.inner_text().startswith("7 events in all; 6 in 3 provinces")
    tops = pg.eval_on_selector_all("#legend li.class", "ls => ls.map(l => [+l.dataset.lo, +l.dataset.hi])")
    assert tops[0][0] == 1 and tops[-1][1] == max(u["events"] for u in layers["adm1"])
    assert all(b[0] == a[1] + 1 for a, b in itertools.pairwise(tops))  # classes tile 1..max
    areas = _table(pg, "#areas-table tbody tr", "key", 3)
    assert areas == [["SY-RA", 3], ["SY-DY", 2], ["IQ-NI", 1]]  # the same units, most events first
    # names and numbers on hover
    pg.hover("#map path.adm1[data-key='SY-RA']", force=True)
    assert pg.inner_text("#map-info") == "Al-Raqqah (SY-RA), Syria: 3 events, 6 deaths"
    # deaths, then countries
    pg.select_option("#m-measure", "fatalities")
    assert int(pg.get_attribute("#legend .total", "data-total")) == layers["fatalities"] == 15
    assert pg.locator("#legend li.class").last.get_attribute("data-hi") == "6"
    pg.select_option("#m-level", "country")
    assert pg.get_attribute("#map path.country[data-key='SYR']", "data-value") == "10"
    assert pg.locator("#map path.adm1").count() == 0
    assert pg.locator("#map path.mark-new").count() >= 1  # Iraq: a new theatre, outlined
    assert "New theatres of Islamic State: Iraq" in pg.inner_text("#legend")
    assert pg.locator("#map path.event-dot").count() == len(_api(pg, "/api/map/points")["items"]) == 4
    pg.hover("#map path.event-dot[data-id='m1']", force=True)
    tip = pg.locator(".leaflet-tooltip", has_text="ASSAULT Raqqa")  # the dot's tip; an area's may be open
    tip.wait_for(timeout=5000)
    assert PLACE_PAYLOAD in tip.inner_text()  # markup in a place name stays text
    assert pg.locator("#map img").count() == 0 and pg.evaluate("window.__pwned === undefined")
    ARTEFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTEFACTS / "dashboard-map.png"), full_page=True)
    assert pg.errors == []


def test_time_axis_is_continuous_and_the_brush_filters_map_and_list(map_url: str, page: Any) -> None:
    pg = page
    _open(pg, map_url)
    months = _table(pg, "#timeline-table tbody tr", "month", 1)
    assert months == [["2016-01", 3], ["2016-02", 0], ["2016-03", 2], ["2016-04", 0], ["2016-05", 0], ["2016-06", 2]]
    assert pg.locator("#timeline canvas").count() == 1
    assert pg.inner_text("#status") == "7 events"
    pg.locator("#timeline").scroll_into_view_if_needed()
    box = pg.locator("#timeline .u-over").bounding_box()
    y = box["y"] + box["height"] / 2
    pg.mouse.move(box["x"] + box["width"] * 0.02, y)
    pg.mouse.down()
    pg.mouse.move(box["x"] + box["width"] * 0.3, y, steps=5)
    pg.mouse.move(box["x"] + box["width"] * 0.55, y, steps=5)  # late March: January to March
    pg.mouse.up()
    sync_api = pytest.importorskip("playwright.sync_api")
    sync_api.expect(pg.locator("#status")).to_have_text("5 events", timeout=10000)
    assert (pg.input_value("#f-from"), pg.input_value("#f-to")) == ("2016-01-01", "2016-03-31")
    dates = pg.eval_on_selector_all("#events-table tbody tr", "rs => rs.map(r => r.dataset.date)")
    assert len(dates) == 5 and all("2016-01-01" <= d <= "2016-03-31" for d in dates)
    assert pg.get_attribute("#map path.adm1[data-key='IQ-NI']", "data-value") == "0"  # June: outside the range
    assert pg.get_attribute("#map path.adm1[data-key='SY-RA']", "data-value") == "3"
    assert pg.locator("#timeline-table tbody tr").count() == 6  # the axis keeps its whole span
    pg.click("#t-clear")
    sync_api.expect(pg.locator("#status")).to_have_text("7 events", timeout=10000)
    assert pg.errors == []


def test_phone_width_does_not_overflow(map_url: str, page: Any) -> None:
    pg = page
    pg.set_viewport_size({"width": 390, "height": 844})
    _open(pg, map_url)
    pg.click("#events-table tbody tr")
    pg.wait_for_selector("#event-panel h2", timeout=10000)
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390
    for sel in ("#map", "#timeline", "#legend", "#events-table"):
        assert pg.locator(sel).bounding_box()["width"] > 0
    assert pg.locator("#map").bounding_box()["width"] <= 390
    ARTEFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTEFACTS / "dashboard-phone.png"), full_page=True)
    pg.click("#tab-alerts")
    pg.wait_for_selector("#alerts-box table, #alerts-box p.hint", timeout=15000)
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390
    assert pg.errors == []
