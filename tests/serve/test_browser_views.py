"""The analyst views in headless Chromium (issue 26): names not ids, plain numbers, drivers as sentences, filters
kept in the address, a CSV download per table, and the map counting the roles the tabs count. The store is the
watchlist tests' own: hand-made news 2014-2017 with the Canadian support, and a hand-made UCDP-like file on Syria."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from spillwatch.store import open_store
from tests.analysis.events_fixture import corpus_like
from tests.analysis.test_watchlist import _ucdp_syria
from tests.serve.test_browser import CHROMIUM, page, serve_store  # noqa: F401  (the page fixture)

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")]


@pytest.fixture
def views_url(tmp_path: Path) -> Iterator[str]:
    db = str(tmp_path / "views.duckdb")
    store = open_store(db)
    store.put_events([*corpus_like(), *_ucdp_syria()])
    store.put_coverage([("ucdp", "ged syria (test)", "SYR", date(2016, 1, 1), date(2019, 6, 30))])
    # an alert on an event known only to the month (a1: the trucks for Jordan, 2016-09) and a risk alert
    store.put_alert(("al-1", "new-theatre", "JOR", "Islamic State", date(2016, 9, 1), None, "New theatre.", "a1"))
    store.put_alert(("al-2", "risk", "SYR", "Islamic State", date(2017, 1, 1), 0.9, "Risk.", None))
    store.close()
    yield from serve_store(db)


def _open(pg: Any, url: str) -> None:
    pg.goto(url)
    pg.wait_for_selector("body[data-ready='1']", timeout=20000)


def _table(pg: Any, view: str) -> tuple[list[str], list[list[str]]]:
    pg.wait_for_selector(f"#{view}-box[data-loaded='1'] table.analysis", timeout=30000)
    head = pg.eval_on_selector_all(f"#{view}-box thead th", "ts => ts.map(t => t.textContent)")
    body = pg.eval_on_selector_all(f"#{view}-box tbody tr",
                                   "rs => rs.map(r => [...r.cells].map(c => c.textContent))")
    return head, body


def test_gaps_from_the_address_show_names_numbers_and_download(views_url: str, page: Any) -> None:  # noqa: F811 (the imported fixture)
    pg = page
    _open(pg, views_url + "/?actor=ISL&as_of=2016-12&tab=gaps")
    assert pg.input_value("#f-asof") == "2016-12" and pg.input_value("#f-actor") == "ISL"
    assert pg.get_attribute("#tab-gaps", "aria-selected") == "true"
    head, body = _table(pg, "gaps")
    assert head[:5] == ["Country", "Threat next month", "Support committed", "Gap", "What the threat is"]
    rows = {r[0]: r for r in body}
    # the threat says whether it is the model's forecast or the country's own base rate, with its months
    assert re.match(r"(forecast|own history: an event in \d+ of the last \d+ covered months)", rows["Syria"][4])
    assert {"Syria", "Lebanon", "Jordan"} <= set(rows)  # names, never ids
    assert re.fullmatch(r"\d{1,3}%", rows["Syria"][1]) and re.fullmatch(r"USD \d{3},\d{3}", rows["Lebanon"][2])
    assert not any("e+" in cell for r in body for cell in r)  # money is never 7.5e+05
    assert "as of 2016-12 (asked)" in pg.inner_text("#gaps-box .view-title")
    with pg.expect_download() as got:
        pg.click("#gaps-box button.download")
    download = got.value
    assert download.suggested_filename == "spillwatch-gaps-2016-12.csv"
    saved = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert saved[0] == head and saved[1:] == body
    assert pg.errors == []


def test_filters_go_to_the_address_and_risk_speaks_in_sentences(views_url: str, page: Any) -> None:  # noqa: F811 (the imported fixture)
    pg = page
    _open(pg, views_url + "/")
    pg.select_option("#f-actor", "ISL")
    pg.fill("#f-asof", "2016-12")
    pg.click("#f-apply")
    pg.wait_for_function("location.search.includes('as_of=2016-12')", timeout=15000)
    pg.click("#tab-risk")
    head, body = _table(pg, "risk")
    query = parse_qs(urlparse(pg.url).query)
    assert query["actor"] == ["ISL"] and query["as_of"] == ["2016-12"] and query["tab"] == ["risk"]
    assert head[0] == "Place" and head[-1] == "Drivers"
    places = {r[0]: r for r in body}
    assert {"Syria", "Lebanon", "Jordan"} <= set(places)
    assert re.search(r"\d+ events? here last month|no event here in the last 12 months", places["Syria"][-1])
    pg.reload()  # the same view comes back from the address alone
    pg.wait_for_selector("body[data-ready='1']", timeout=20000)
    assert pg.get_attribute("#tab-risk", "aria-selected") == "true" and pg.input_value("#f-asof") == "2016-12"
    _table(pg, "risk")
    assert pg.errors == []


def test_map_and_list_count_the_roles_the_tabs_count(views_url: str, page: Any) -> None:  # noqa: F811 (the imported fixture)
    pg = page
    _open(pg, views_url + "/?actor=ISL")
    sync_api = pytest.importorskip("playwright.sync_api")
    sync_api.expect(pg.locator("#status")).to_have_text(re.compile(r"events of ISL as perpetrator or party$"),
                                                         timeout=15000)
    shown = int(pg.inner_text("#status").split()[0])
    activity = pg.evaluate("() => fetch('/api/activity?actor=ISL').then(r => r.json())")
    assert shown == sum(r["events"] for r in activity["items"])  # the tabs' count, the same roles and types
    assert pg.errors == []


def test_dates_read_as_precisely_as_they_are_known(views_url: str, page: Any) -> None:  # noqa: F811 (the imported fixture)
    pg = page
    _open(pg, views_url + "/?from=2016-09-01&to=2016-09-30")
    pg.wait_for_selector("#events-table tbody tr", timeout=20000)
    dates = pg.eval_on_selector_all("#events-table tbody tr td:first-child", "ts => ts.map(t => t.textContent)")
    assert "2016-09 (month)" in dates and "2016-09-01" not in dates  # the trucks for Jordan, known to the month
    assert pg.errors == []


def test_spread_says_the_places_it_does_not_judge_new(views_url: str, page: Any) -> None:  # noqa: F811 (the imported fixture)
    pg = page
    _open(pg, views_url + "/?actor=ISL&as_of=2016-12&tab=spread")
    pg.wait_for_selector("#spread-box[data-loaded='1'] p.not-new", timeout=30000)
    said = pg.inner_text("#spread-box p.not-new")
    assert "Iraq" in said and "origin" in said and "first seen 2014-06-10" in said  # names, status and the date
    assert pg.errors == []


def test_alert_dates_read_as_precisely_as_their_events(views_url: str, page: Any) -> None:  # noqa: F811 (the imported fixture)
    pg = page
    _open(pg, views_url + "/?tab=alerts")
    head, body = _table(pg, "alerts")
    when = {r[head.index("Where")]: r[head.index("Date")] for r in body}
    assert when == {"Jordan": "2016-09 (month)", "Syria": "2017-01 (month)"}  # as the events table dates them
    _open(pg, views_url + "/?as_of=2016-08&tab=alerts")  # the as-of filter: only what was known then
    pg.wait_for_selector("#alerts-box[data-loaded='1'] p.hint", timeout=30000)
    assert "Nothing to show" in pg.inner_text("#alerts-box")
    assert pg.errors == []
