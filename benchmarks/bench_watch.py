"""The watch loop's cost (issue 27): CPU of a cycle with nothing new, and memory and open files over many cycles
that each bring a few new items.

A feed of synthetic stories (generated here, fixed seed: civic news and attacks in towns of Syria, Iraq and
Jordan; each story's words drawn anew so no two are near-duplicates) is served on loopback by Python's own
``http.server`` in another process (its CPU is not this one's), which answers 304 to ``If-Modified-Since``. The
watch runs in this process on a DuckDB store with a file sink, as ``spillwatch watch`` runs it.

1. Warm-up: the first cycle reads the first items (the models load); then ``--quiet`` cycles with nothing new
   (the feed answers 304). Goal: <= 0.3 s CPU per cycle (``time.process_time``, every thread of this process).
2. ``--cycles`` cycles, each adding ``--new`` stories to the feed (which keeps its latest 20, as feeds do): resident
   memory (VmRSS) and open file descriptors after each. Goal: flat (the last 50 cycles' mean within 10% of
   cycles 51-100's for memory; the same count of files).
Baseline in the same run: a cron job's poll, ``spillwatch ingest URL`` in a new process when the feed answers 304
(its CPU, children's rusage), as analysts ran it before ``watch``.

Usage: python benchmarks/bench_watch.py [--cycles 200] [--new 5] [--quiet 30]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from spillwatch.api import Spillwatch  # noqa: E402
from spillwatch.monitor.loop import Watcher  # noqa: E402
from spillwatch.settings import Settings  # noqa: E402

TOWNS = [("Deir ez-Zor", "Syria"), ("Raqqa", "Syria"), ("Homs", "Syria"), ("Palmyra", "Syria"), ("Mosul", "Iraq"),
         ("Kirkuk", "Iraq"), ("Tikrit", "Iraq"), ("Ramadi", "Iraq"), ("Mafraq", "Jordan"), ("Irbid", "Jordan"),
         ("Zarqa", "Jordan"), ("Aqaba", "Jordan")]
ACTS = ["attacked a checkpoint near", "set off a car bomb in a market in", "ambushed a patrol outside",
        "fired mortars at a village near", "stormed a police station in"]
CIVIC = ["opened a new school in", "repaired the main water pipe of", "held a book fair in", "paved the road into",
         "planted trees along the river in", "reopened the clinic of"]
WHO = ["Islamic State militants", "Gunmen", "Fighters of the group", "Militants"]
WORDS = ["residents", "traders", "officials", "farmers", "teachers", "drivers", "nurses", "engineers", "students",
         "elders", "shopkeepers", "builders", "families", "volunteers", "pupils", "doctors"]


def story(rng: random.Random, n: int, day: datetime) -> tuple[str, str, str]:
    town, country = rng.choice(TOWNS)
    if rng.random() < 0.4:
        killed = rng.randint(1, 9)
        lead = (f"{town.upper()}, {country} - {rng.choice(WHO)} {rng.choice(ACTS)} {town} on {day:%A}, killing "
                f"{killed} people, officials said.")
        title = f"Attack near {town} ({n})"
    else:
        lead = f"{town.upper()}, {country} - The council {rng.choice(CIVIC)} {town} on {day:%A}, officials said."
        title = f"{town} council news ({n})"
    more = " ".join(f"{rng.choice(WORDS).capitalize()} and {rng.choice(WORDS)} said the {rng.choice(WORDS)} of "
                    f"{town} had waited {rng.randint(2, 90)} days for {rng.choice(WORDS)}." for _ in range(4))
    return format_datetime(day), title, f"<p>{lead}</p><p>{more}</p><p>Story {n} of the test wire.</p>"


def write_feed(path: Path, entries: list[tuple[str, str, str]], mtime: float) -> None:
    items = "".join(f"<item><title>{escape(t)}</title><pubDate>{d}</pubDate><guid>{escape(t)}</guid>"
                    f"<content:encoded><![CDATA[{b}]]></content:encoded></item>" for d, t, b in entries)
    path.write_text('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/'
                    f'content/"><channel><title>Bench wire</title>{items}</channel></rss>', encoding="utf-8")
    os.utime(path, (mtime, mtime))  # Last-Modified moves on with every change, whatever the clock's second


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cycles", type=int, default=200)
    ap.add_argument("--new", type=int, default=5)
    ap.add_argument("--quiet", type=int, default=30)
    args = ap.parse_args()
    rng = random.Random(27)
    day0 = datetime(2026, 1, 1, 8, tzinfo=UTC)
    mtime = time.time() - 10_000_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        feed = folder / "feed.xml"
        entries = [story(rng, n, day0 + timedelta(hours=6 * n)) for n in range(20)]
        write_feed(feed, entries, mtime)
        server = subprocess.Popen([sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory",
                                   str(folder)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            assert server.stdout is not None
            port = server.stdout.readline().split("port ")[1].split()[0]
            threading.Thread(target=server.stdout.read, daemon=True).start()
            url = f"http://127.0.0.1:{port}/feed.xml"
            cron_poll(folder, url)
            run(folder, feed, url, entries, rng, day0, mtime, args)
        finally:
            server.terminate()
            server.wait()


def cron_poll(folder: Path, url: str) -> None:
    """The baseline: ``spillwatch ingest URL`` as a cron job runs it, a new process per poll; CPU of the second."""
    cmd = [sys.executable, "-m", "spillwatch", "ingest", url, "--db", str(folder / "cron.duckdb"), "--allow-private"]
    subprocess.run(cmd, check=True, capture_output=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(cmd, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(f"baseline, cron poll (ingest in a new process, feed answers 304): {cpu:.2f} s CPU, exit {done.returncode}: "
          f"{done.stdout.strip().splitlines()[0]}")


def run(folder: Path, feed: Path, url: str, entries: list[tuple[str, str, str]], rng: random.Random,
        day0: datetime, mtime: float, args: argparse.Namespace) -> None:
    settings = Settings(db=str(folder / "w.duckdb"), allow_private_urls=True, per_host_delay=0.0)
    with Spillwatch(settings=settings) as sw:
        plan = sw.watch_plan([url], ["ISL"], [f"file:{folder / 'alerts.jsonl'}"], "15m")
        w = Watcher(sw.store, sw.settings, plan)
        first = w.cycle()
        print(f"warm-up cycle: {first.new} new, {first.cpu_seconds:.2f} s CPU (models loaded)")
        w.cycle()  # the alert rules' first run is done: from here on only what a quiet cycle does
        quiet = [w.cycle().cpu_seconds for _ in range(args.quiet)]
        print(f"nothing new (feed answers 304), {args.quiet} cycles: median {statistics.median(quiet):.3f} s CPU, "
              f"max {max(quiet):.3f} (goal <= 0.3)")
        n = len(entries)
        rss, fds, cpu = [], [], []
        for c in range(args.cycles):
            for _ in range(args.new):
                entries.append(story(rng, n, day0 + timedelta(hours=6 * n)))
                n += 1
            mtime += 10
            write_feed(feed, entries[-20:], mtime)
            result = w.cycle()
            assert result.new == args.new, result.line()
            cpu.append(result.cpu_seconds)
            rss.append(rss_kib())
            fds.append(open_files())
            if c + 1 in (1, 10, 50, 100, 150, 200) or c + 1 == args.cycles:
                print(f"cycle {c + 1}: RSS {rss[-1] / 1024:.1f} MiB, open files {fds[-1]}, "
                      f"{result.cpu_seconds:.2f} s CPU, events {result.events}")
    if args.cycles >= 150:
        early, late = statistics.mean(rss[50:100]), statistics.mean(rss[-50:])
        print(f"RSS mean cycles 51-100 {early / 1024:.1f} MiB, last 50 {late / 1024:.1f} MiB ({late / early:.3f} x); "
              f"open files {min(fds[50:])}..{max(fds[50:])}; CPU per cycle with {args.new} new: median "
              f"{statistics.median(cpu):.2f} s")


if __name__ == "__main__":
    main()
