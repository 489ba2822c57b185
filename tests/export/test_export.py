"""spillwatch export: every format read back by the tools analysts use, profiles, filters, batches, REST, CLI."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from pg_support import BACKENDS, empty_pg
from spillwatch.api import EventFilter, Spillwatch
from spillwatch.cli import main
from spillwatch.export import codes, stream
from spillwatch.export.profiles import ACLED_SCHEMA, PROFILES
from spillwatch.importers.acled import import_acled
from spillwatch.importers.ucdp import import_ucdp
from spillwatch.records import Actor, Article, Block, DateInfo, Event, EventMention, Place, RawItem, Span
from spillwatch.settings import load_settings

FIXTURES = Path(__file__).resolve().parents[1] / "importers" / "fixtures"
ISL = Actor("ISL", "Islamic State", "IMG", "REB")
LBN = Actor("LBN_MIL", "Lebanon military", "LBN", "MIL")
SENTENCE = "A suicide bomber struck Qaa on Monday."
ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
                 "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
                 "notes", "fatalities", "tags", "timestamp"]


def _coded_event(sw: Spillwatch) -> None:
    """One event coded from an article, so its evidence is a sentence cut from the stored text."""
    art = Article(raw_id="r1", source="t.txt", blocks=(Block("title", "Qaa"), Block("body", SENTENCE + " More.")),
                  published=DateInfo(date(2016, 6, 27), "metadata"), outlet="Test Wire")
    sw.store.put_article(art, RawItem(source="t.txt", data=b"x", kind="text"))
    start = len("Qaa\n\n")
    m = EventMention(article_id=art.id, type="ASSAULT", trigger=Span(start + 2, start + 9), trigger_text="suicide",
                     sentence=Span(start, start + len(SENTENCE)), sources=(ISL,), targets=(LBN,))
    sw.store.put_mentions([m])
    place = Place(Span(0, 3), "Qaa", name="Al Qaa", country_iso3="LBN", lat=34.35, lon=36.47, precision=1)
    sw.store.put_events([Event(
        id="ev1", type="ASSAULT", modes=("suicide-attack",), sources=(ISL,), targets=(LBN,),
        date_start=date(2016, 6, 27), date_end=date(2016, 6, 27), date_precision="day", place=place,
        fatalities=None, acled_type="Explosions/Remote violence", acled_subtype="Suicide bomb",
        mention_ids=(m.id,), article_ids=(art.id,), outlets=("Test Wire",), date_source="reported")])


@pytest.fixture(params=BACKENDS)
def sw(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Spillwatch]:
    db = str(tmp_path / "x.duckdb") if request.param == "duckdb" else empty_pg(os.environ["SPILLWATCH_TEST_PG"])
    with Spillwatch(settings=load_settings(db=db)) as handle:
        handle.import_events("ucdp", str(FIXTURES / "ucdp_sample.csv"))
        handle.import_events("acled", str(FIXTURES / "acled_sample.csv"))
        _coded_event(handle)
        yield handle


def _all(sw: Spillwatch) -> int:
    return sw.count_events(EventFilter())


def test_parquet_types_and_duckdb_months_without_cast(sw: Spillwatch, tmp_path: Path) -> None:
    path = tmp_path / "e.parquet"
    assert sw.export(EventFilter(), "parquet", path) == _all(sw)
    schema = pq.read_schema(path)
    assert schema.field("date_start").type == pa.date32()
    assert schema.field("fatalities_best").type == pa.int64() and schema.field("latitude").type == pa.float64()
    assert schema.field("source_ids").type == pa.list_(pa.string())
    months = duckdb.connect().execute(f"SELECT date_trunc('month', date_start) AS m, count(*) AS n FROM '{path}'"
                                      " GROUP BY 1 ORDER BY 1").fetchall()
    assert sum(n for _, n in months) == _all(sw) and months[0][0].date() == date(2016, 6, 1)
    rows = {r["id"]: r for r in pq.read_table(path).to_pylist()}
    assert rows["ev1"]["evidence"] == SENTENCE  # the mention's sentence, cut from the article by its span
    assert rows["ev1"]["source_ids"] == ["ISL"] and rows["ev1"]["n_articles"] == 1
    assert rows["ucdp-900001"]["outlets"] == ["Agency A", "Agency B"]


def test_geoparquet_reads_with_geopandas(sw: Spillwatch, tmp_path: Path) -> None:
    geopandas = pytest.importorskip("geopandas")
    path = tmp_path / "e.parquet"
    sw.export(EventFilter(), "geoparquet", path)
    frame = geopandas.read_parquet(path)
    assert len(frame) == _all(sw) and frame.crs.to_string() == "OGC:CRS84"
    ev1 = frame[frame["id"] == "ev1"].iloc[0]
    assert (ev1.geometry.x, ev1.geometry.y) == (36.47, 34.35)
    missing = frame[frame["latitude"].isna()]
    assert missing.geometry.isna().all()  # no coordinates, no point at 0,0


def test_geojson_is_a_feature_collection(sw: Spillwatch, tmp_path: Path) -> None:
    path = tmp_path / "e.geojson"
    sw.export(EventFilter(), "geojson", path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == _all(sw)
    ev1 = next(f for f in doc["features"] if f["properties"]["id"] == "ev1")
    assert ev1["type"] == "Feature" and ev1["geometry"] == {"type": "Point", "coordinates": [36.47, 34.35]}
    assert ev1["properties"]["modes"] == ["suicide-attack"] and ev1["properties"]["date_start"] == "2016-06-27"
    assert all(f["geometry"] is None or f["geometry"]["type"] == "Point" for f in doc["features"])


def test_geopackage_opens_with_pyogrio(sw: Spillwatch, tmp_path: Path) -> None:
    pyogrio = pytest.importorskip("pyogrio")
    path = tmp_path / "e.gpkg"
    sw.export(EventFilter(), "gpkg", path)
    info = pyogrio.read_info(path, layer="events")
    assert info["features"] == _all(sw) and info["geometry_type"] == "Point" and "EPSG:4326" in info["crs"]
    table = pyogrio.read_arrow(path, layer="events")[1]
    assert "evidence" in table.column_names and "fatalities_best" in table.column_names


def test_acled_profile_csv_has_acled_columns_and_reimports(sw: Spillwatch, tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    sw.export(EventFilter(origin="acled"), "csv", path, profile="acled")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ACLED_COLUMNS == ACLED_SCHEMA.names
    with (FIXTURES / "acled_sample.csv").open(encoding="utf-8", newline="") as handle:
        given = {r["event_id_cnty"]: r for r in csv.DictReader(handle)}
    for r in rows:
        original = given[r["event_id_cnty"]]
        for col in ("event_type", "sub_event_type", "iso", "country", "admin1", "location", "fatalities",
                    "time_precision", "geo_precision", "disorder_type"):
            assert r[col] == original[col], (r["event_id_cnty"], col)
        assert float(r["latitude"]) == float(original["latitude"])
    before = {e.id: e for e in sw.store.all_events(origin="acled")}
    again = [e for e in import_acled(path) if isinstance(e, Event)]
    assert len(again) == len(before)
    for e in again:
        old = before[e.id]
        assert (e.date_start, e.acled_type, e.acled_subtype, e.fatalities, e.outlets, e.headline) == (
            old.date_start, old.acled_type, old.acled_subtype, old.fatalities, old.outlets, old.headline)
        assert e.place is not None and old.place is not None and (e.place.lat, e.place.lon) == (old.place.lat,
                                                                                             old.place.lon)


def test_acled_codes_for_a_coded_event(sw: Spillwatch) -> None:
    [row] = [r for b in stream.batches(sw.store, EventFilter(origin="spillwatch"), "acled") for r in b.to_pylist()]
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"], row["interaction"]) == (
        "Islamic State", 2, "Lebanon military", 1, 12)
    assert (row["iso"], row["country"], row["region"], row["event_date"]) == (422, "Lebanon", "Middle East",
                                                                             date(2016, 6, 27))
    assert row["notes"] == SENTENCE and row["fatalities"] == 0 and row["disorder_type"] == "Political violence"
    assert row["time_precision"] == 2  # a day taken from the report's own date: the source names no day
    own = EventFilter(origin="spillwatch")
    [native] = [r for b in stream.batches(sw.store, own, "spillwatch") for r in b.to_pylist()]
    assert (native["date_precision"], native["date_source"]) == ("day", "reported")


@pytest.mark.parametrize(("precision", "days", "source", "code"), [
    ("day", 0, "expression", 1), ("day", 0, "dateline", 1), ("day", 0, "reported", 2), ("day", 0, None, 1),
    ("week", 6, "expression", 2), ("range", 3, "reported", 2), ("month", 30, "expression", 3), (None, 0, None, 3),
])
def test_acled_time_precision_from_the_date(precision: str | None, days: int, source: str | None, code: int) -> None:
    start = date(2019, 5, 1)
    assert codes.time_precision(precision, start, start + timedelta(days=days), source) == code


def test_ucdp_profile_reimports_as_the_same_events(sw: Spillwatch, tmp_path: Path) -> None:
    path = tmp_path / "ged.csv"
    sw.export(EventFilter(origin="ucdp"), "csv", path, profile="ucdp")
    with path.open(encoding="utf-8") as exported, (FIXTURES / "ucdp_sample.csv").open(encoding="utf-8") as given:
        assert exported.readline().strip() == given.readline().strip()  # GED's columns, in GED's order
    before = {e.id: e for e in sw.store.all_events(origin="ucdp")}
    again = [e for e in import_ucdp(path) if isinstance(e, Event)]
    assert sorted(e.id for e in again) == sorted(before)
    for e in again:
        old = before[e.id]
        assert (e.date_start, e.date_end, e.date_precision, e.fatalities, e.acled_type) == (
            old.date_start, old.date_end, old.date_precision, old.fatalities, old.acled_type)
        assert {a.id for a in e.sources + e.targets} == {a.id for a in old.sources + old.targets}


def test_filters_and_actor_role(sw: Spillwatch) -> None:
    def ids(flt: EventFilter) -> set[str]:
        return {r["id"] for b in stream.batches(sw.store, flt) for r in b.to_pylist()}

    assert ids(EventFilter(actor="LBN_MIL", roles=("target",))) == {"ev1"}
    assert ids(EventFilter(actor="LBN_MIL", roles=("perpetrator", "party"))) == set()
    assert ids(EventFilter(country="LBN", date_from="2016-06-27", date_to="2016-06-27")) == {"ev1"}
    assert all(i.startswith("ucdp-") for i in ids(EventFilter(origin="ucdp")))
    assert len(ids(EventFilter(origin="ucdp"))) == sw.count_events(EventFilter(origin="ucdp"))


def test_batches_are_bounded_and_complete(sw: Spillwatch) -> None:
    sizes = [b.num_rows for b in stream.batches(sw.store, EventFilter(), size=3)]
    assert max(sizes) <= 3 and sum(sizes) == _all(sw) and len(sizes) > 1


def test_empty_result_still_has_the_header(sw: Spillwatch, tmp_path: Path) -> None:
    path = tmp_path / "none.csv"
    assert sw.export(EventFilter(country="NOR"), "csv", path, profile="acled") == 0
    assert path.read_text(encoding="utf-8").strip().split(",") == ACLED_COLUMNS
    assert sw.export(EventFilter(country="NOR"), "parquet", tmp_path / "none.parquet") == 0
    assert pq.read_table(tmp_path / "none.parquet").num_rows == 0


def test_every_profile_names_its_schema() -> None:
    from spillwatch import export

    assert tuple(PROFILES) == export.PROFILES
    assert {p.name for p in PROFILES.values()} == set(export.PROFILES)


def test_cli_export_writes_the_file_and_refuses_a_role_without_actor(tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    with Spillwatch(settings=load_settings(db=db)) as handle:
        handle.import_events("ucdp", str(FIXTURES / "ucdp_sample.csv"))
        total = handle.count_events()
    out = tmp_path / "out.parquet"
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "geoparquet", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {total} events" in result.output and pq.read_table(out).num_rows == total
    to_stdout = CliRunner().invoke(main, ["export", "--db", db, "--profile", "ucdp", "-o", "-"])
    assert to_stdout.exit_code == 0 and next(csv.reader(io.StringIO(to_stdout.stdout)))[0] == "id"
    bad = CliRunner().invoke(main, ["export", "--db", db, "--role", "perpetrator"])
    assert bad.exit_code == 2 and "--role needs --actor" in bad.output


def test_an_unwritable_file_is_one_error_naming_it(sw: Spillwatch, tmp_path: Path) -> None:
    from spillwatch.errors import SpillwatchError

    for fmt in ("csv", "gpkg"):
        target = tmp_path / "missing-folder" / f"e.{fmt}"
        with pytest.raises(SpillwatchError, match=r"missing-folder.*cannot write"):
            sw.export(EventFilter(), fmt, target)
