"""The watch's interval and config file (issue 27): readable values, one clear error naming the file and key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from spillwatch.errors import ConfigError
from spillwatch.monitor.config import load_watch_file
from spillwatch.monitor.loop import item_day, parse_every
from spillwatch.records import RawItem


@pytest.mark.parametrize(("text", "seconds"), [("15m", 900), ("1h", 3600), ("90s", 90), ("2d", 172800), ("30", 30)])
def test_intervals(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "15 minutes", "0s", "-1m", "m"])
def test_bad_intervals(text: str) -> None:
    with pytest.raises(ConfigError, match="interval"):
        parse_every(text)


def test_config_file(tmp_path: Path) -> None:
    path = tmp_path / "watch.toml"
    path.write_text('sources = ["a.txt"]\nactors = ["ISL"]\nsinks = ["file:x.jsonl"]\nevery = "5m"\n'
                    'threshold = 0.7\nsince = "2026-06-01"\n')
    found = load_watch_file(path)
    assert found.sources == ("a.txt",) and found.actors == ("ISL",) and found.every == "5m"
    assert found.threshold == 0.7 and found.since == date(2026, 6, 1)


@pytest.mark.parametrize(("text", "match"), [("sources = 'a'", "sources must be a list"), ("colour = 1", "unknown key"),
                                             ("threshold = 2", "threshold"), ('since = "June"', "since"),
                                             ("sources = [", "cannot read")])
def test_bad_config_files(tmp_path: Path, text: str, match: str) -> None:
    path = tmp_path / "watch.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=match) as err:
        load_watch_file(path)
    assert str(path) in str(err.value)


def test_item_day_reads_feed_and_iso_dates() -> None:
    def item(declared: str | None) -> RawItem:
        return RawItem(source="s", data=b"x", kind="text", declared_date=declared)

    assert item_day(item("Wed, 15 Apr 2026 08:00:00 GMT")) == date(2026, 4, 15)
    assert item_day(item("2026-04-15T08:00:00Z")) == date(2026, 4, 15)
    assert item_day(item("sometime")) is None and item_day(item(None)) is None
