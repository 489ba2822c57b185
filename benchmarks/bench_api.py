"""REST latency of the dashboard's hot reads, over real HTTP to a uvicorn server on loopback.

For each store given (the UCDP-imported one, the 1M one from make_million.py) the script starts
``uvicorn`` in a child process on 127.0.0.1, then sends a bounded number of requests per scenario
with random months, quarters, countries (those in the store plus a few absent ones) and pages:

- events list: /api/events with country + month, actor=ISL + month/quarter + page, country + actor + page
- map layer:   /api/events/facets and /api/events?limit=500&sort=n_mentions (the old map's points);
               /api/map/layers, /api/map/timeline and /api/map/points (the dashboard's map since issue 17)
- activity:    /api/activity?actor=ISL&level=adm1, and the same with a country + month range

and prints p50/p95/p99 in ms. Goal: p95 < 100 ms for each. Baseline measured in the same run:
/api/health (the HTTP + framework floor); the ratio p95 / baseline p95 is printed too. The machine's
load average is printed before and after, since the cores are shared. ``--browser`` also times the
dashboard (Debian chromium via Playwright) from navigation to ``body[data-ready]``.

Usage: python benchmarks/bench_api.py DB [DB ...] [--n 200] [--seed 7] [--browser] [--json OUT]
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import random
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import httpx  # noqa: E402

GOAL_MS = 100.0
ABSENT = ("IRQ", "LBN", "TUR", "JOR")
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]
Params = dict[str, Any]


def serve(db: str, port: int) -> None:
    """Child process: the app on the store, as `spillwatch serve` runs it."""
    import uvicorn

    from spillwatch.serve.app import create_app
    from spillwatch.settings import load_settings

    uvicorn.run(create_app(load_settings(db=db)), host="127.0.0.1", port=port, log_level="warning")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, __file__, "--serve", db, "--port", str(port)])
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server for {db} exited with {proc.returncode}")
        try:
            if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"server for {db} did not start")


def _month_range(rng: random.Random, months: list[str], span: int) -> Params:
    """A random run of ``span`` months from the store's months: from its first day to its last."""
    i = rng.randrange(len(months))
    year, month = (int(x) for x in months[min(len(months) - 1, i + span - 1)].split("-"))
    return {"from": f"{months[i]}-01", "to": f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"}


def scenarios(months: list[str], countries: list[str]) -> dict[str, tuple[str, Callable[[random.Random], Params]]]:
    """name -> (path, random params)."""
    def country(rng: random.Random) -> str:
        return rng.choice(countries)

    def page(rng: random.Random) -> int:
        return rng.choice([0, 0, 50, 100, 500])

    def events_cm(rng: random.Random) -> Params:
        return {"country": country(rng), **_month_range(rng, months, 1), "limit": 50}

    def events_am(rng: random.Random) -> Params:
        return {"actor": "ISL", **_month_range(rng, months, rng.choice([1, 3])), "limit": 50, "offset": page(rng)}

    def events_ca(rng: random.Random) -> Params:
        return {"country": country(rng), "actor": "ISL", "limit": 50, "offset": page(rng)}

    def map_filter(rng: random.Random) -> Params:
        f = {"country": country(rng)} if rng.random() < 0.5 else {"actor": "ISL"}
        return {**f, **_month_range(rng, months, rng.choice([1, 3, 12]))}

    def facets_all(rng: random.Random) -> Params:
        return {}

    def points(rng: random.Random) -> Params:
        return {**map_filter(rng), "limit": 500, "sort": "n_mentions"}

    def points_all(rng: random.Random) -> Params:
        return {"limit": 500, "sort": "n_mentions"}

    def undated(rng: random.Random) -> Params:
        return {"country": country(rng)} if rng.random() < 0.5 else {"actor": "ISL"}

    def act_all(rng: random.Random) -> Params:
        return {"actor": "ISL", "level": "adm1"}

    def act_cm(rng: random.Random) -> Params:
        return {"actor": "ISL", "level": "adm1", "country": country(rng), **_month_range(rng, months, 1)}

    return {
        "health (baseline)": ("/api/health", facets_all),
        "events: country+month": ("/api/events", events_cm),
        "events: ISL+month/quarter+page": ("/api/events", events_am),
        "events: country+ISL+page": ("/api/events", events_ca),
        "map facets: unfiltered": ("/api/events/facets", facets_all),
        "map facets: country|ISL+months": ("/api/events/facets", map_filter),
        "map points: unfiltered 500": ("/api/events", points_all),
        "map points: country|ISL+months 500": ("/api/events", points),
        "map layers (ADM1 keys): unfiltered": ("/api/map/layers", facets_all),
        "map layers (ADM1 keys): country|ISL+months": ("/api/map/layers", map_filter),
        "map timeline: country|ISL": ("/api/map/timeline", undated),
        "map precise points: country|ISL+months 1000": ("/api/map/points", map_filter),
        "activity: ISL adm1 (all)": ("/api/activity", act_all),
        "activity: ISL adm1 country+month": ("/api/activity", act_cm),
    }


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def measure(client: httpx.Client, path: str, make: Callable[[random.Random], Params], rng: random.Random,
            n: int) -> dict[str, float]:
    for _ in range(3):  # warm-up: first-touch caches, lazy imports
        client.get(path, params=make(rng)).raise_for_status()
    took = []
    for _ in range(n):
        params = make(rng)
        t0 = time.perf_counter()
        r = client.get(path, params=params)
        body = r.content
        took.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"{path} {params}: HTTP {r.status_code} {body[:200]!r}")
    return {"p50": pct(took, 50), "p95": pct(took, 95), "p99": pct(took, 99), "max": max(took), "n": n}


def page_load(url: str, repeat: int) -> list[tuple[float, float]]:
    """Per load, ms from navigation to body[data-ready='1'] (facets, 500 points, first page drawn) and
    to network idle (the new-theatre outlines from /api/spread, which arrive after)."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            t0 = time.perf_counter()
            page.goto(url + "/")
            page.wait_for_selector("body[data-ready='1']", timeout=120_000)
            ready = (time.perf_counter() - t0) * 1000
            page.wait_for_load_state("networkidle", timeout=300_000)
            out.append((ready, (time.perf_counter() - t0) * 1000))
            page.close()
        browser.close()
    return out


def bench_store(db: str, n: int, seed: int, browser: bool) -> dict[str, Any]:
    proc, url = start_server(db)
    try:
        with httpx.Client(base_url=url, timeout=120) as client:
            facets = client.get("/api/events/facets").json()
            total = client.get("/api/events", params={"limit": 1}).json()["total"]
            months = sorted(m["month"] for m in facets["per_month"])
            countries = sorted(facets["per_country"]) + [c for c in ABSENT if c not in facets["per_country"]]
            rng = random.Random(seed)
            results = {name: measure(client, path, make, rng, n)
                       for name, (path, make) in scenarios(months, countries).items()}
        loads = page_load(url, 3) if browser else []
    finally:
        proc.terminate()
        proc.wait(10)
    return {"db": db, "events": total, "months": len(months), "countries": countries, "results": results,
            "page_load_ms": loads}


def report(run: dict[str, Any]) -> None:
    base = run["results"]["health (baseline)"]["p95"]
    print(f"\n{run['db']}: {run['events']:,} events, {run['months']} months; countries drawn from {run['countries']}")
    print(f"{'scenario':38s} {'p50':>7s} {'p95':>7s} {'p99':>7s} {'max':>7s}  {'p95/base':>8s}  goal p95<{GOAL_MS:.0f}")
    for name, r in run["results"].items():
        verdict = "ok" if r["p95"] < GOAL_MS else "SLOW"
        cells = " ".join(f"{r[k]:7.1f}" for k in ("p50", "p95", "p99", "max"))
        print(f"{name:38s} {cells}  {r['p95'] / base:8.1f}  {verdict}")
    if run["page_load_ms"]:
        loads = ", ".join(f"{a:.0f}/{b:.0f}" for a, b in run["page_load_ms"])
        print(f"dashboard load, ms to data-ready / to network idle (spread outlines): {loads}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", nargs="*")
    parser.add_argument("--n", type=int, default=200, help="requests per scenario")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--browser", action="store_true", help="also time the dashboard in headless chromium")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port)
        return
    if not args.db:
        parser.error("give at least one store")
    print(f"load average before: {os.getloadavg()}; cores: {os.cpu_count()}")
    runs = [bench_store(db, args.n, args.seed, args.browser) for db in args.db]
    for run in runs:
        report(run)
    print(f"\nload average after: {os.getloadavg()}")
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1))


if __name__ == "__main__":
    main()
