"""Month-by-ADM1 (ISO 3166-2) activity of Islamic State on the imported UCDP Syria file equals a direct count."""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from datetime import date

import pytest

from conftest import shared_path
from spillwatch.api import Spillwatch
from spillwatch.geo import adm1
from spillwatch.settings import load_settings

pytestmark = [pytest.mark.shared, pytest.mark.slow]
UCDP = ("data", "ucdp-ged-syria", "ged191_syria_2016_2019.csv.gz")


def _direct_count(path: str) -> Counter[tuple[str | None, date]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if "IS" in (r["side_a"], r["side_b"]) and r["adm_1"]]
    return Counter((adm1.from_name("SYR", r["adm_1"]), date.fromisoformat(r["date_start"][:10]).replace(day=1))
                   for r in rows)


def test_adm1_month_activity_matches_the_file() -> None:
    path = str(shared_path(*UCDP))
    with Spillwatch(settings=load_settings(db=":memory:")) as sw:
        summary = sw.import_events("ucdp", path)
        assert summary.stored == 16566 and summary.quarantined == 0
        rows = sw.activity("ISL", level="adm1", period="month", origin="ucdp")
    ours = Counter({(r.adm1_code, r.period): r.events for r in rows})
    assert None not in {code for code, _ in ours}  # every governorate name in the file has its ISO 3166-2 key
    assert ours == _direct_count(path)
