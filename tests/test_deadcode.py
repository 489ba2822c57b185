"""No dead code in the package (issue 21): vulture over the package and the tests, reported for the package.

The fields of dataclasses (records) are data: ``codec.dump`` writes every one to JSON (the store, REST,
the CLI) without naming it, so vulture's "unused variable" on a record field is not reported. Other names
only a framework or a protocol uses are in vulture_whitelist.py, each with its reason. The stage packages
are left to the issues that change them now; their findings are not asserted here.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import vulture

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "spillwatch"
STAGE_PACKAGES = ("ingest", "extract", "nlp", "coding", "geo", "dedup", "relevance")


@cache
def record_field_lines(filename: str) -> frozenset[int]:
    """The lines of ``filename`` that declare a field of a dataclass."""
    tree = ast.parse(Path(filename).read_text(encoding="utf-8"))
    return frozenset(node.lineno for cls in ast.walk(tree) if isinstance(cls, ast.ClassDef)
                     and any("dataclass" in ast.unparse(d) for d in cls.decorator_list)
                     for node in cls.body if isinstance(node, ast.AnnAssign))


def unused(paths: list[Path]) -> list[str]:
    """Vulture's findings (60% confidence and up) in the package outside the stage packages, one line each."""
    v = vulture.Vulture(ignore_decorators=["@app.*"])  # FastAPI calls what its decorators register
    v.scavenge([str(p) for p in paths])
    skipped = tuple(str(PACKAGE / name) + "/" for name in STAGE_PACKAGES)
    return [f"{item.filename}:{item.first_lineno}: {item.message}" for item in v.get_unused_code(min_confidence=60)
            if str(item.filename).startswith(str(PACKAGE)) and not str(item.filename).startswith(skipped)
            and not (item.typ == "variable" and item.first_lineno in record_field_lines(str(item.filename)))]


def test_vulture_finds_an_unused_function(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("def used() -> int:\n    return 1\n\n\ndef never_called() -> int:\n    return used()\n")
    v = vulture.Vulture()
    v.scavenge([str(probe)])
    assert [item.name for item in v.get_unused_code(min_confidence=60)] == ["never_called"]


def test_record_fields_are_not_reported(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("from dataclasses import dataclass\n\n\n@dataclass(frozen=True)\nclass R:\n    a: int\n\n\n"
                     "class Plain:\n    b: int\n")
    assert record_field_lines(str(probe)) == frozenset({6})


def test_the_package_has_no_dead_code() -> None:
    assert unused([PACKAGE, REPO / "tests", REPO / "vulture_whitelist.py"]) == []
