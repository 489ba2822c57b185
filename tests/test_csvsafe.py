"""CSV injection (issue 13 item 6): formula-leading text cells are neutralised in every CSV writer."""

from __future__ import annotations

import csv
import io

import pytest

from spillwatch.cli import output
from spillwatch.export.csvsafe import safe_cell, to_csv

PAYLOADS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_cells_get_a_leading_quote(payload: str) -> None:
    assert safe_cell(payload) == "'" + payload


def test_numbers_and_plain_text_are_left_alone() -> None:
    assert [safe_cell(v) for v in (-3.5, -7, None, "Mosul", "a=b", "")] == [-3.5, -7, None, "Mosul", "a=b", ""]


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_cli_and_rest_csv_writers(payload: str) -> None:
    rows = [{"id": "e1", "headline": payload, "lon": -3.5, "n": -2}]
    for text in (output.render_rows(rows, "csv"), to_csv(rows).decode("utf-8")):
        got = _rows(text)[0]
        assert got["headline"] == "'" + payload and got["lon"] == "-3.5" and got["n"] == "-2"
