from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from spillwatch.coding.ontology import QUADS, load_ontology, parse_ontology, parse_trigger
from spillwatch.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "src/spillwatch/data/plover.json"


def _gen_module():
    spec = importlib.util.spec_from_file_location("gen_ontology_docs", REPO / "scripts/gen_ontology_docs.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_sixteen_types_in_four_quads() -> None:
    onto = load_ontology()
    assert onto.version == "0.8"
    assert len(onto.types) == 16
    assert {t.quad for t in onto.types} == set(QUADS)
    assert [t.name for t in onto.types if t.quad == "material-conflict"] == [
        "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    ]  # fmt: skip


def test_modes_and_definitions_present() -> None:
    onto = load_ontology()
    assault = onto.type("ASSAULT")
    assert {"aerial", "drone", "heavy-weapons", "explosives", "suicide-attack", "firearms", "abduct"} <= {
        m.name for m in assault.modes
    }
    assert onto.type("CONSULT").mode("multilateral") is not None
    assert onto.type("MOBILIZE").mode("troops") is not None
    assert all(t.definition and t.triggers for t in onto.types)
    assert onto.type("AID").requires_recipient and not onto.type("ASSAULT").requires_recipient


def test_trigger_syntax() -> None:
    spec = parse_trigger("ASSAULT", "air ^strike")
    assert (spec.head, spec.deps) == ("strike", ("air",))
    spec = parse_trigger("CONSULT", "talk/N")
    assert (spec.head, spec.pos) == ("talk", "N")
    spec = parse_trigger("RETREAT", {"t": "release/V", "mode": "release", "obj": "captive"})
    assert (spec.head, spec.pos, spec.mode, spec.obj) == ("release", "V", "release", "captive")


def test_bad_files_are_refused(tmp_path: Path) -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    data["types"]["ASSAULT"]["triggers"].append({"t": "smite", "mode": "no-such-mode"})
    with pytest.raises(ConfigError, match="no-such-mode"):
        parse_ontology(data)
    del data["types"]["ASSAULT"]
    with pytest.raises(ConfigError, match="16"):
        parse_ontology(data)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_ontology(bad)


def test_generated_doc_is_up_to_date() -> None:
    gen = _gen_module()
    doc = (REPO / "docs/ONTOLOGY.md").read_text(encoding="utf-8")
    assert doc == gen.render_markdown(load_ontology()), "run python scripts/gen_ontology_docs.py"
    assert "### ASSAULT" in doc and "heavy-weapons" in doc
