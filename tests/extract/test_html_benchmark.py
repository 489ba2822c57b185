"""The HTML path on the public article-extraction benchmark (181 pages): the F1 floor holds, nothing fails."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest
from tests.conftest import REPO, shared_path

pytestmark = [pytest.mark.shared, pytest.mark.slow]


def _eval_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("html_extraction_eval", REPO / "eval" / "html_extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_html_path_meets_the_f1_floor_on_the_whole_benchmark() -> None:
    bench = shared_path("data", "article-extraction-benchmark")
    evaluation = _eval_module()
    result = evaluation.run(bench=bench, baseline=False)
    ours = result["spillwatch"]
    assert result["pages"] == 181
    assert result["stats"]["failed"] == []
    assert ours["f1"] >= evaluation.F1_FLOOR, ours
    assert ours["precision"] >= 0.95 and ours["recall"] >= 0.95, ours
