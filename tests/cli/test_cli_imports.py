"""Start-up (issue 17): importing the CLI loads no heavy library; each command loads what it uses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("sklearn", "spacy", "matplotlib", "pyarrow", "pandas", "scipy", "duckdb", "fastapi", "httpx", "rich")
SRC = str(Path(__file__).resolve().parents[2] / "src")


def _loaded(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys; print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    env = {**os.environ, "PYTHONPATH": SRC}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_import_cli_loads_no_heavy_library() -> None:
    assert _loaded("import spillwatch.cli") & set(HEAVY) == set()


def test_help_loads_no_heavy_library() -> None:
    code = "from spillwatch.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    assert _loaded(code) & set(HEAVY) == set()


def test_events_loads_the_store_but_not_the_analyses(tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    code = (f"from spillwatch.store import open_store\nopen_store({str(db)!r}).close()\n"
            "from spillwatch.cli import main\ntry:\n    main(['events', '--db', " + repr(str(db)) + "])\n"
            "except SystemExit:\n    pass")
    loaded = _loaded(code)
    assert "duckdb" in loaded and loaded & {"sklearn", "spacy", "matplotlib", "pyarrow", "pandas"} == set()
