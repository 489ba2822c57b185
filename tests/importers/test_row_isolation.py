"""UCDP and ACLED imports: one bad row (whatever it raises) is one quarantine row; the file goes on."""

from __future__ import annotations

import csv
import lzma
from pathlib import Path

import pytest

from spillwatch.errors import ConfigError
from spillwatch.importers import acled, ucdp
from spillwatch.importers.common import import_rows
from spillwatch.records import Event, Quarantined

FIXTURES = Path(__file__).parent / "fixtures"


def _split(out: list[Event | Quarantined]) -> tuple[list[Event], list[Quarantined]]:
    return [e for e in out if isinstance(e, Event)], [q for q in out if isinstance(q, Quarantined)]


def test_a_foreign_error_on_one_row_quarantines_that_row_only(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    real = ucdp.event_from_row

    def flaky(row: dict[str, str], source: str) -> Event:
        if row["id"] == "900002":
            raise OverflowError("a value nobody foresaw")
        return real(row, source)

    plain_events, plain_bad = _split(list(ucdp.import_ucdp(FIXTURES / "ucdp_sample.csv")))
    monkeypatch.setattr(ucdp, "event_from_row", flaky)
    events, bad = _split(list(ucdp.import_ucdp(FIXTURES / "ucdp_sample.csv")))
    assert [q.detail for q in bad if "OverflowError" in q.detail] == [
        "row could not be read: OverflowError: a value nobody foresaw"]
    assert len(events) == len(plain_events) - 1 and len(bad) == len(plain_bad) + 1
    assert all(q.stage == "import-ucdp" for q in bad)


def test_a_config_error_is_not_a_bad_row() -> None:
    def broken(row: dict[str, str], source: str) -> Event:
        raise ConfigError("actor table missing")

    with pytest.raises(ConfigError):
        list(import_rows(FIXTURES / "acled_sample.csv", acled.REQUIRED, acled.STAGE, broken))


def test_a_row_the_csv_module_cannot_parse_is_one_row_and_the_reader_goes_on(tmp_path: Path) -> None:
    lines = (FIXTURES / "acled_sample.csv").read_text(encoding="utf-8").splitlines()
    huge = lines[1].replace(",", ",x" + "y" * (csv.field_size_limit() + 10), 1)
    path = tmp_path / "a.csv"
    path.write_text("\n".join([lines[0], lines[1], huge, *lines[2:]]) + "\n", encoding="utf-8")
    plain_events, plain_bad = _split(list(acled.import_acled(FIXTURES / "acled_sample.csv")))
    events, bad = _split(list(acled.import_acled(path)))
    assert len(events) == len(plain_events) and len(bad) == len(plain_bad) + 1
    parse = [q for q in bad if q.source == f"{path}#row2"]
    assert len(parse) == 1 and parse[0].reason == "bad-row" and "field larger" in parse[0].detail


def test_undecodable_bytes_end_the_file_with_one_row_and_keep_the_rows_before(tmp_path: Path) -> None:
    header, rows = (FIXTURES / "ucdp_sample.csv").read_bytes().split(b"\n", 1)
    path = tmp_path / "u.csv"  # junk past the first text chunks the decoder reads (8 kB)
    path.write_bytes(header + b"\n" + rows * 20 + b"\xff\xfe\xfa" * 5000 + b"\n" + rows)
    out = list(ucdp.import_ucdp(path))
    assert isinstance(out[0], Event) and len(_split(out)[0]) >= 20
    assert isinstance(out[-1], Quarantined) and out[-1].reason == "unreadable" and "decode" in out[-1].detail


def test_compressed_event_files_import(tmp_path: Path) -> None:
    path = tmp_path / "ucdp.csv.xz"
    path.write_bytes(lzma.compress((FIXTURES / "ucdp_sample.csv").read_bytes()))
    packed, _ = _split(list(ucdp.import_ucdp(path)))
    plain, _ = _split(list(ucdp.import_ucdp(FIXTURES / "ucdp_sample.csv")))
    assert packed == plain and packed
