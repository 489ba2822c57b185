"""UCDP GED importer: an invented sample (every mapping and every bad row) and the real Syria file."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest

from spillwatch.errors import SourceError
from spillwatch.importers.ucdp import import_ucdp, iter_rows, reports
from spillwatch.records import Estimate, Event, Quarantined
from tests.conftest import shared_path

SAMPLE = Path(__file__).parent / "fixtures" / "ucdp_sample.csv"


def imported(path: Path) -> tuple[dict[str, Event], list[Quarantined]]:
    out = list(import_ucdp(path))
    events = {e.external_id or "": e for e in out if isinstance(e, Event)}
    return events, [q for q in out if isinstance(q, Quarantined)]


def test_two_sided_event_maps_type_actors_place_dates_and_deaths() -> None:
    events, _ = imported(SAMPLE)
    e = events["900001"]
    assert (e.id, e.origin, e.type, e.acled_type, e.acled_subtype) == (
        "ucdp-900001",
        "ucdp",
        "ASSAULT",
        "Battles",
        "Armed clash",
    )
    assert [a.id for a in e.sources] == ["ISL", "SDF"] and e.targets == ()
    assert e.place is not None and e.place.precision == 1 and e.place.adm1_name == "Ar Raqqah Governorate"
    assert (e.place.lat, e.place.lon, e.place.country_iso3) == (35.87, 38.55, "SYR")
    assert (e.date_start, e.date_end, e.date_precision) == (date(2017, 3, 2), date(2017, 3, 2), "day")
    assert e.fatalities == Estimate(10, 12, 15)
    assert e.outlets == ("Agency A", "Agency B")


def test_one_sided_event_has_a_target_and_month_precision() -> None:
    e = imported(SAMPLE)[0]["900002"]
    assert e.acled_type == "Violence against civilians" and e.acled_subtype == "Attack"
    assert [a.id for a in e.sources] == ["ISL"]
    (victims,) = e.targets
    assert (victims.name, victims.sector, victims.resolved) == ("Civilians", "CVL", False)
    assert e.date_precision == "month" and e.date_end == date(2017, 3, 31)
    assert e.headline == "The “Islamic State” executes 3 men; residents flee"


def test_government_side_and_listed_groups_resolve() -> None:
    e = imported(SAMPLE)[0]["900003"]
    assert [a.id for a in e.sources] == ["SYR_GOV", "unresolved:ahrar-al-sham", "HTS"]
    assert e.place is not None and e.place.precision == 6 and e.place.lat is None


def test_every_unreadable_row_is_quarantined_with_its_number() -> None:
    events, bad = imported(SAMPLE)
    assert len(events) + len(bad) == 6
    assert [(q.source.rsplit("#", 1)[1], q.reason, q.stage) for q in bad] == [
        ("row4", "bad-row", "import-ucdp"),
        ("row5", "bad-row", "import-ucdp"),
        ("row6", "bad-row", "import-ucdp"),
    ]
    assert "type_of_violence" in bad[0].detail and "latitude" in bad[1].detail and "date_start" in bad[2].detail


def test_reports_pair_headlines_with_source_dates() -> None:
    rows = dict(iter_rows(SAMPLE))
    first = reports(rows[1])
    assert [(r.headline, r.date, r.office) for r in first] == [
        ("Clashes near the dam kill 12", date(2017, 3, 2), "Agency A"),
        ("Fighting at the dam enters second day", date(2017, 3, 3), "Agency B"),
    ]
    (only,) = reports(rows[2])  # one source whose headline contains ";"
    assert only.headline == "The “Islamic State” executes 3 men; residents flee"


def test_a_file_of_another_format_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SourceError, match="missing columns"):
        list(import_ucdp(other))


def test_gzip_input(tmp_path: Path) -> None:
    packed = tmp_path / "sample.csv.gz"
    packed.write_bytes(gzip.compress(SAMPLE.read_bytes()))
    assert imported(packed)[0].keys() == imported(SAMPLE)[0].keys()


@pytest.mark.shared
def test_whole_syria_file_imports_every_row() -> None:
    path = shared_path("data", "ucdp-ged-syria", "ged191_syria_2016_2019.csv.gz")
    events, bad = imported(path)
    assert len(events) + len(bad) == 16566 and not bad
    is_events = [e for e in events.values() if any(a.id == "ISL" for a in (*e.sources, *e.targets))]
    assert len(is_events) == 6472  # the README's count of events involving IS
    assert all(e.place is not None and e.place.country_iso3 == "SYR" for e in events.values())
