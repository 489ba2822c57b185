"""The corpus clustering scorer (eval/corpus_clustering.py) on toy gold data."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from pytest import approx

_PATH = Path(__file__).resolve().parents[2] / "eval" / "corpus_clustering.py"
_spec = importlib.util.spec_from_file_location("corpus_clustering", _PATH)
assert _spec is not None and _spec.loader is not None
cc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cc)

REPORTS = [
    {"file": "txt/a.txt", "record": None, "facts": ["f1"]},
    {"file": "txt/b.txt", "record": None, "facts": ["f1"]},
    {"file": "jsonl/c.jsonl", "record": 2, "facts": ["f1", "f2"]},
    {"file": "html/d.html", "record": None, "facts": ["f2"]},
    {"file": "txt/opinion.txt", "record": None, "facts": []},
]


def test_gold_clusters_group_reports_by_fact() -> None:
    assert cc.gold_clusters(REPORTS) == [
        {"txt/a.txt", "txt/b.txt", "jsonl/c.jsonl#2"},
        {"jsonl/c.jsonl#2", "html/d.html"},
    ]


def test_perfect_prediction_scores_one() -> None:
    result = cc.score(cc.gold_clusters(REPORTS), REPORTS)
    assert result["bcubed"].f1 == approx(1.0) and result["pairwise"].recall == approx(1.0)
    assert result["no_event_reports_merged"] == []


def test_split_and_false_merge_are_penalised_and_no_event_merges_listed() -> None:
    predicted = [{"txt/a.txt", "txt/opinion.txt"}, {"txt/b.txt", "jsonl/c.jsonl#2", "html/d.html"}]
    result = cc.score(predicted, REPORTS)
    assert result["no_event_reports_merged"] == ["txt/opinion.txt"]
    assert result["pairwise"].precision == approx(2 / 3)  # b-c, c-d right; b-d wrong
    assert result["pairwise"].recall == approx(2 / 4)  # a-b, a-c missed
    assert 0 < result["bcubed"].f1 < 1


def test_key_from_source_maps_stored_sources_to_report_keys(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    assert cc.key_from_source(str(corpus / "txt" / "a.txt"), corpus) == "txt/a.txt"
    assert cc.key_from_source(f"{corpus / 'jsonl' / 'c.jsonl'}#L3", corpus) == "jsonl/c.jsonl#2"
    assert cc.key_from_source(f"{corpus / 'feeds' / 'f.xml'}#entry-1", corpus) == "feeds/f.xml#1"
