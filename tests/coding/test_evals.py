"""Smoke runs of the coding evaluations on a few records (full runs: python eval/<name>.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from tests.conftest import REPO, shared_path

from spillwatch.settings import Settings


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"eval_{name}", REPO / "eval" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_plover_gsr_smoke() -> None:
    gsr = _load("plover_gsr")
    path = shared_path("data", "plover", "gold_standard_records", "PLOVER_GSR_CAMEO.txt")
    records = gsr.load_records(path, limit=6)
    assert len(records) == 6 and all(gsr.gold_type(r) != "DOCUMENT" for r in records)
    res = gsr.evaluate(records, Settings())
    assert 0.0 <= res["type_accuracy"] <= 1.0 and res["sentences"] == 6
    assert gsr.macro_f1(["A", "B"], ["A", "B"]) == 1.0 and gsr.macro_f1(["A", "B"], ["B", "A"]) == 0.0
    assert gsr.OLD_LABELS["FIGHT"] == "ASSAULT"


def test_re3d_smoke() -> None:
    re3d = _load("re3d_relations")
    root = shared_path("data", "re3d")
    docs = re3d.load_docs(root, limit=2)
    assert len(docs) == 2 and all(d.text for d in docs)
    coded = re3d.run_stages(docs, Settings())
    rel = re3d.relation_scores(docs, coded)
    ents = re3d.entity_scores(docs, coded)
    assert 0.0 <= rel["fighting_against_recall"] <= 1.0
    assert 0.0 <= ents["Location_recall"] <= 1.0


def test_eval_scripts_report_missing_data(tmp_path: Path) -> None:
    assert _load("plover_gsr").main(["--gsr", str(tmp_path / "none.txt")]) == 2
    assert _load("re3d_relations").main(["--re3d", str(tmp_path / "none")]) == 2
