"""An undated article takes its dated near-duplicate copy's day as a "no later than" publication date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from spillwatch.dedup.near import dated_by_copies
from spillwatch.records import Article, Block, DateInfo
from spillwatch.run import phases
from spillwatch.settings import load_settings
from spillwatch.store import open_store

BODY = """Gunmen attacked a police checkpoint outside the town of Qatrana on Sunday, killing four officers and \
wounding two others, the provincial governor said.

The attackers arrived in two pickup trucks and opened fire with machine guns before withdrawing towards \
the desert east of the town, according to the district mayor.

Security forces sealed off the area and began searching nearby villages for the assailants, who were \
believed to belong to a cell that has carried out several raids this year.

Residents said the sound of gunfire lasted for nearly half an hour and that ambulances did not reach the \
site until after nightfall because of fears of roadside bombs.
"""
UNDATED = "AMMAN WIRE\nWorld\n\nFour police killed in attack near Qatrana\n\n" + BODY
DATED = ("The Evening Meridian\nWorld\n\nGunmen kill four officers at checkpoint\n\n"
         "Last updated 14/03/2017 10:15\n\n" + BODY)


def _article(published: DateInfo) -> Article:
    return Article(raw_id="r", source="s", blocks=(Block("body", "text"),), published=published)


def test_an_undated_article_takes_its_earliest_dated_copy_as_an_upper_bound() -> None:
    dated = dated_by_copies(_article(DateInfo(None, "none")), [("b", date(2017, 3, 16)), ("a", date(2017, 3, 14))])
    assert dated.published.value == date(2017, 3, 14) and dated.published.method == "estimated"
    assert dated.published.evidence.startswith("no later than 2017-03-14")
    assert "copy a" in dated.published.evidence


def test_a_dated_article_or_one_without_dated_copies_is_unchanged() -> None:
    own = _article(DateInfo(date(2017, 3, 1), "metadata"))
    assert dated_by_copies(own, [("a", date(2017, 3, 14))]) is own
    undated = _article(DateInfo(None, "none"))
    assert dated_by_copies(undated, []) is undated


def test_the_stored_undated_copy_and_its_events_carry_the_copy_date(tmp_path: Path) -> None:
    src = tmp_path / "txt"
    src.mkdir()
    (src / "a-undated.txt").write_text(UNDATED, encoding="utf-8")  # read first: stored, coded
    (src / "b-dated.txt").write_text(DATED, encoding="utf-8")  # its near-duplicate copy, not coded
    db = str(tmp_path / "run.duckdb")
    store = open_store(db)
    phases.ingest([str(src)], store, load_settings(db=db))
    stored = store.query("SELECT id, published, published_method, published_evidence, duplicate_of FROM articles"
                         " ORDER BY duplicate_of NULLS FIRST")
    assert len(stored) == 2 and stored[1]["duplicate_of"] == stored[0]["id"]
    original = stored[0]
    assert str(original["published"])[:10] == "2017-03-14" and original["published_method"] == "estimated"
    events = [e for e in store.all_events() if original["id"] in e.article_ids]
    assert events
    for e in events:
        assert e.date_start is not None and e.date_end is not None
        assert date(2017, 3, 7) <= e.date_start <= e.date_end <= date(2017, 3, 14)
    store.close()
