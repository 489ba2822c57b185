"""Issue 28's fault checks, each a command that prints what it measured and exits 1 when a check fails.

    python benchmarks/faults28.py export-kill STORE        kill -9 during `export` (csv, geojson, parquet, gpkg)
    python benchmarks/faults28.py orphans PAGES            kill -9 of `ingest --workers 2`: workers alive 5 s later?
    python benchmarks/faults28.py crashes                  the small crashes of item 6: one line each, exit 2
    python benchmarks/faults28.py serve [PAGES]            300-character upload name, decompression bombs, SIGTERM

``export-kill``: STORE is a store with many events (``spillwatch import ucdp
../shared/data/ucdp-ged-syria/ged191_syria_2016_2019.csv.gz --db STORE``: 16,566); the export is
killed as soon as its temporary file holds bytes; then a whole export to the same name is run.
``orphans``: PAGES is any folder of pages (the article-extraction benchmark's ``html/``); the parent
is killed once both workers exist. ``crashes``: a damaged store file, a 0-byte ledger CSV, ``gaps ISL
--as-of 9999-12`` and ``risk --backtest 9999-12`` on a small store, and a full disk (an ingest into a
3 MB tmpfs: needs root, said and skipped otherwise). ``serve``: a server on a free loopback port;
uploads of a 300-character file name, a small ``.jsonl.zst`` expanding to 2.2 GB in records of 1 MB
(the per-upload cap) and one expanding to 2.2 GB in records of 30 MB (the per-record cap too), then
SIGTERM while an upload of every page of PAGES is being ingested (while idle without PAGES).
Every process started here is ended by its own pid.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path

import zstandard

REPO = Path(__file__).resolve().parents[1]
SW = [sys.executable, "-m", "spillwatch"]
EXT = {"csv": "csv", "geojson": "geojson", "parquet": "parquet", "gpkg": "gpkg"}
RESULTS: list[bool] = []


def check(ok: bool, what: str) -> None:
    RESULTS.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {what}", flush=True)


def alive(pid: int) -> bool:
    """The process exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in (b"Z", b"X")


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def wait_for(cond: Callable[[], bool], seconds: float, step: float = 0.05) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(step)
    return cond()


def kill(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


# ---------------------------------------------------------------- export
def export_kill(store: Path) -> None:
    for fmt, ext in EXT.items():
        with tempfile.TemporaryDirectory(prefix="spillwatch-exportkill-") as tmp:
            _export_kill_one(store, fmt, Path(tmp) / f"events.{ext}")


def _export_kill_one(store: Path, fmt: str, target: Path) -> None:
    folder = target.parent
    cmd = [*SW, "export", "--db", str(store), "--format", fmt, "-o", str(target), "--batch-size", "500"]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        started = wait_for(lambda: any(p.name != target.name and p.stat().st_size > 0 for p in folder.iterdir()),
                           600)
    finally:
        kill(proc)
    parts = sorted(p.name for p in folder.iterdir())
    check(started and proc.returncode == -signal.SIGKILL and not target.exists(),
          f"export {fmt}: killed with its temporary file written; under the final name: "
          f"{'a file' if target.exists() else 'nothing'}; left: {parts}")
    t0 = time.monotonic()
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)
    left = sorted(p.name for p in folder.iterdir())
    check(done.returncode == 0 and left == [target.name],
          f"export {fmt} again: exit {done.returncode} in {time.monotonic() - t0:.1f} s, "
          f"{target.stat().st_size if target.exists() else 0:,} bytes, folder now {left}")


# ---------------------------------------------------------------- orphan workers
def orphans(pages: Path) -> None:
    """Kill -9 of the parent once both workers exist, once both used 1 CPU s (importing), once both used 8 (working)."""
    for when, cpu in (("as both workers appear", 0.0), ("once both workers used 1 CPU s (start-up)", 1.0),
                      ("once both workers used 8 CPU s (working)", 8.0)):
        with tempfile.TemporaryDirectory(prefix="spillwatch-orphans-") as tmp:
            _orphans_once(pages, Path(tmp), when, cpu)


def _orphans_once(pages: Path, tmp: Path, when: str, cpu: float) -> None:
    cmd = [*SW, "ingest", str(pages), "--db", str(tmp / "s.duckdb"), "--workers", "2"]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        def ready() -> bool:
            workers[:] = [c for c in children(proc.pid) if b"spawn_main" in _cmdline(c)]
            if proc.poll() is not None:
                raise SystemExit(f"the ingest ended (exit {proc.returncode}) before its workers were ready")
            return len(workers) >= 2 and all((_cpu(w) or 0.0) >= cpu for w in workers)

        up = wait_for(ready, 1200, 0.1)
        everything = children(proc.pid)
    finally:
        kill(proc)
    t0 = time.monotonic()
    time.sleep(5)
    left = [pid for pid in everything if alive(pid)]
    check(up and not left, f"kill -9 of ingest --workers 2 {when} (workers {workers}, all children "
          f"{everything}): alive {time.monotonic() - t0:.1f} s later: {left or 'none'}")
    if left:
        gone = wait_for(lambda: not any(alive(pid) for pid in left), 300, 0.2)
        state = "ended" if gone else "still alive"
        print(f"     the last of them {state} {time.monotonic() - t0:.1f} s after the kill",
              flush=True)
    for pid in left:  # never leave them running
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def _cpu(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


# ---------------------------------------------------------------- small crashes
def _one_line(args: list[str], expect: str, what: str, env: dict[str, str] | None = None) -> None:
    done = subprocess.run([*SW, *args], cwd=REPO, capture_output=True, text=True, check=False,
                          env=env, timeout=900)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    ok = done.returncode == 2 and len(lines) == 1 and "Traceback" not in done.stderr and expect in done.stderr
    check(ok, f"{what}: exit {done.returncode}, {len(lines)} line(s): {' | '.join(lines)[:300]}")


def crashes() -> None:
    with tempfile.TemporaryDirectory(prefix="spillwatch-crashes-") as tmp:
        db = f"{tmp}/s.duckdb"
        subprocess.run([*SW, "ingest", str(REPO / "corpus" / "txt"), "--db", db], cwd=REPO, check=True,
                       capture_output=True)
        empty = Path(tmp) / "empty.csv"
        empty.write_bytes(b"")
        _one_line(["support", "--add", str(empty), "--db", db], "empty.csv", "support --add of a 0-byte CSV")
        _one_line(["gaps", "ISL", "--as-of", "9999-12", "--db", db], "9999-12", "gaps ISL --as-of 9999-12")
        _one_line(["risk", "--backtest", "9999-12", "--db", db], "9999-12", "risk --backtest 9999-12")
        bad = Path(tmp) / "bad.duckdb"
        bad.write_bytes(Path(db).read_bytes()[:4096] + os.urandom(200_000))
        _one_line(["events", "--db", str(bad)], "restore", "events on a damaged store file")
        disk = Path(tmp) / "small"
        disk.mkdir()
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk)],
                          capture_output=True, check=False).returncode != 0:
            print("skip full disk: cannot mount a 3 MB tmpfs (needs root)")
            return
        try:
            _one_line(["ingest", str(REPO / "corpus" / "txt"), str(REPO / "corpus" / "html"),
                       "--db", str(disk / "s.duckdb")], "free space", "ingest onto a full 3 MB disk")
        finally:
            subprocess.run(["umount", str(disk)], check=False)


# ---------------------------------------------------------------- serve
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _post(port: int, token: str, files: list[tuple[str, bytes]]) -> tuple[int, dict[str, object], float]:
    boundary = uuid.uuid4().hex
    body = b"".join((f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
                     f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
                    for name, data in files) + f"--{boundary}--\r\n".encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/ingest", data=body, method="POST", headers={
        "Authorization": f"Bearer {token}", "Content-Type": f"multipart/form-data; boundary={boundary}"})
    t0 = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=3600) as resp:
            return resp.status, json.loads(resp.read()), time.monotonic() - t0
    except urllib.error.HTTPError as exc:
        text = exc.read()
        try:
            return exc.code, json.loads(text or b"{}"), time.monotonic() - t0
        except ValueError:
            return exc.code, {"body": text[:200].decode("utf-8", "replace")}, time.monotonic() - t0


def _bomb(records: int, record_bytes: int) -> bytes:
    """A zstd ``.jsonl`` of ``records`` lines of about ``record_bytes`` each, compressed as it is made."""
    cctx = zstandard.ZstdCompressor(level=3)
    out = cctx.compressobj()
    parts = []
    filler = b"a" * (1 << 20)
    for i in range(records):
        parts.append(out.compress(b'{"id": "%d", "text": "' % i))
        for _ in range(record_bytes >> 20):
            parts.append(out.compress(filler))
        parts.append(out.compress(b'"}\n'))
    parts.append(out.flush())
    return b"".join(parts)


def serve(pages: Path | None) -> None:
    token = uuid.uuid4().hex
    with tempfile.TemporaryDirectory(prefix="spillwatch-serve-") as tmp:
        port = _free_port()
        env = dict(os.environ, SPILLWATCH_API_TOKEN=token)
        stories = sorted((REPO / "corpus" / "txt").glob("*.txt"))
        subprocess.run([*SW, "ingest", str(stories[0]), "--db", f"{tmp}/s.duckdb"], cwd=REPO, check=True,
                       capture_output=True)
        log = open(Path(tmp) / "serve.log", "wb")  # noqa: SIM115 - open while the server runs
        proc = subprocess.Popen([*SW, "serve", "--db", f"{tmp}/s.duckdb", "--port", str(port)], cwd=REPO, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
        try:
            up = wait_for(lambda: _listening(port) or proc.poll() is not None, 300, 0.2) and proc.poll() is None
            check(up, f"server up on port {port}")
            if not up:
                print((Path(tmp) / "serve.log").read_text()[-2000:])
                return
            status, body, secs = _post(port, token, [("a" * 296 + ".txt", stories[1].read_bytes())])
            check(status == 200, f"upload named by 300 characters: HTTP {status} {body} in {secs:.1f} s")
            many = _bomb(2100, 1 << 20)
            status, body, secs = _post(port, token, [("many.jsonl.zst", many)])
            check(status == 200 and secs < 300 and "decompression-cap" in str(body),
                  f"{len(many):,}-byte .jsonl.zst of 2,100 records of 1 MB (2.2 GB): HTTP {status} in "
                  f"{secs:.1f} s, {body}")
            big = _bomb(70, 30 << 20)
            status, body, secs = _post(port, token, [("big.jsonl.zst", big)])
            check(status == 200 and secs < 300 and "too-large" in str(body) and "decompression-cap" in str(body),
                  f"{len(big):,}-byte .jsonl.zst of 70 records of 30 MB (2.2 GB): HTTP {status} in {secs:.1f} s, "
                  f"{body}")
            _sigterm_while_busy(proc, port, token, pages)
        finally:
            kill(proc)
            log.close()


def _sigterm_while_busy(proc: subprocess.Popen[bytes], port: int, token: str, pages: Path | None) -> None:
    """SIGTERM while an upload of every page is being ingested (or, without pages, while idle)."""
    busy = [(p.name, p.read_bytes()) for p in sorted(pages.iterdir()) if p.is_file()] if pages else []
    outcome: list[object] = []
    request = threading.Thread(target=lambda: outcome.append(_try_post(port, token, busy)), daemon=True)
    if busy:
        request.start()
        wait_for(lambda: _cpu_gain(proc.pid, 3.0), 300, 0.5)  # the server is cleaning and coding the pages
    t0 = time.monotonic()
    os.kill(proc.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(120)
    state = "still running" if proc.poll() is None else f"exited {proc.returncode}"
    what = f"while ingesting an upload of {len(busy)} pages" if busy else "while idle"
    if busy:
        request.join(5)
    check(proc.poll() is not None, f"SIGTERM {what}: server {state} after {time.monotonic() - t0:.1f} s "
          f"(the upload: {str(outcome[0])[:160] if outcome else 'no answer yet'})")


def _try_post(port: int, token: str, files: list[tuple[str, bytes]]) -> object:
    try:
        return _post(port, token, files)
    except (OSError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"


_LAST_CPU: dict[int, float] = {}


def _cpu_gain(pid: int, seconds: float) -> bool:
    """The process has used ``seconds`` more CPU since the first call (it is working on the upload)."""
    now = _cpu(pid) or 0.0
    first = _LAST_CPU.setdefault(pid, now)
    return now - first >= seconds


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="check", required=True)
    sub.add_parser("export-kill").add_argument("store", type=Path)
    sub.add_parser("orphans").add_argument("pages", type=Path)
    sub.add_parser("crashes")
    sub.add_parser("serve").add_argument("pages", type=Path, nargs="?")
    args = ap.parse_args()
    if args.check == "export-kill":
        export_kill(args.store)
    elif args.check == "orphans":
        orphans(args.pages)
    elif args.check == "crashes":
        crashes()
    else:
        serve(args.pages)
    return 0 if all(RESULTS) else 1


if __name__ == "__main__":
    sys.exit(main())
