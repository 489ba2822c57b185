"""Compressed input: the decompression cap stops a bomb in bounded memory; real files cost little extra.

Two measurements, each in a fresh child process (peak RSS is per process):
1. A decompression bomb: ``--bomb-gb`` GB of one JSON line compressed with zstd, gzip and xz,
   ingested with ``max_decompressed_bytes`` = ``--cap-mb``. Goal: quarantined as
   "decompression-cap", peak RSS under 400 MB (the line is never held whole), time printed.
2. The sample corpus's JSONL files, plain and gzipped, read ``--repeat`` times. Baseline in the same
   run: the plain files. Prints the ratio (gzip / plain).

Usage: python benchmarks/bench_decompression.py [--bomb-gb 3] [--cap-mb 2000] [--repeat 2000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import lzma
import subprocess
import sys
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import zstandard

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

GOAL_RSS_MB = 400
_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {src!r})
from spillwatch.ingest.sources import iter_items
from spillwatch.settings import Settings
start = time.perf_counter()
rows = list(iter_items({paths!r} * {repeat}, Settings(max_decompressed_bytes={cap})))
print(json.dumps({{"seconds": time.perf_counter() - start, "rows": len(rows),
                  "reasons": sorted({{getattr(r, "reason", "item") for r in rows}}),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


class _Compressor(Protocol):
    def compress(self, data: bytes, /) -> bytes: ...

    def flush(self) -> bytes: ...


@dataclass(frozen=True)
class Measured:
    seconds: float
    rows: int
    reasons: list[str]
    rss_mb: float


def _bomb(folder: Path, gigabytes: float) -> list[str]:
    block = b"x" * 10_000_000
    makers: dict[str, _Compressor] = {
        ".zst": zstandard.ZstdCompressor().compressobj(),
        ".gz": zlib.compressobj(9, zlib.DEFLATED, 31),
        ".xz": lzma.LZMACompressor(),
    }
    paths = []
    for suffix, comp in makers.items():
        path = folder / f"bomb.jsonl{suffix}"
        with path.open("wb") as out:
            out.write(comp.compress(b'{"text": "'))
            for _ in range(int(gigabytes * 100)):
                out.write(comp.compress(block))
            out.write(comp.flush())
        paths.append(str(path))
    return paths


def _child(paths: list[str], repeat: int, cap: int) -> Measured:
    code = _CHILD.format(src=str(REPO / "src"), paths=paths, repeat=repeat, cap=cap)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return Measured(**json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--bomb-gb", type=float, default=3.0)
    parser.add_argument("--cap-mb", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for path in _bomb(folder, args.bomb_gb):
            got = _child([path], 1, args.cap_mb * 1_000_000)
            ok = got.reasons == ["decompression-cap"] and got.rss_mb < GOAL_RSS_MB
            print(f"bomb {Path(path).name}: {Path(path).stat().st_size / 1000:.0f} kB -> {args.bomb_gb:g} GB; "
                  f"{got.reasons}, {got.seconds:.1f} s, peak RSS {got.rss_mb:.0f} MB "
                  f"({'goal met' if ok else 'GOAL NOT MET'}: < {GOAL_RSS_MB} MB)")
        plain = sorted((REPO / "corpus" / "jsonl").glob("*.jsonl"))
        packed = []
        for p in plain:
            target = folder / (p.name + ".gz")
            target.write_bytes(gzip.compress(p.read_bytes()))
            packed.append(str(target))
        base = _child([str(p) for p in plain], args.repeat, 10**9)
        comp = _child(packed, args.repeat, 10**9)
        print(f"corpus JSONL x{args.repeat}: plain {base.seconds:.2f} s, gzip {comp.seconds:.2f} s, "
              f"ratio {comp.seconds / base.seconds:.2f} ({base.rows} and {comp.rows} rows)")


if __name__ == "__main__":
    main()
