"""Two outlets' reports of one nightclub attack are one stored event with one perpetrator (written text).

The first article's headline names the venue with the attack ("claims Velvetine nightclub attack") and
places it only in the country; its body and the second article place it in the city. The name of a
venue before the attack word is a place, not a second perpetrator, and the headline is the same
happening its body tells, so all three reports join one event.
"""

from __future__ import annotations

from pathlib import Path

from spillwatch.run import phases
from spillwatch.settings import load_settings
from spillwatch.store import open_store

CLAIM = """ANATOLIA DISPATCH
World

Islamic State claims Velvetine nightclub attack that killed 17

ANTALYA | 02.01.2018 18:20 | Dispatch Newsroom

Islamic State has claimed responsibility for the New Year's attack on the Velvetine nightclub in Antalya, in \
which 17 people were killed.

Investigators said they were still questioning witnesses and that several of the wounded remained in \
hospital on Tuesday.
"""
REPORT = """Harbour Radio | News

Antalya nightclub attack: 17 dead

Posted Tue 02 Jan 2018 at 08:10am

An attack on the Velvetine nightclub in Antalya on New Year's Day has killed 17 people.

The Islamic State group has claimed the attack, according to a statement posted online.

The city's governor said security around entertainment venues would be tightened.
"""


def test_two_reports_of_one_nightclub_attack_are_one_event_with_one_perpetrator(tmp_path: Path) -> None:
    src = tmp_path / "txt"
    src.mkdir()
    (src / "claim.txt").write_text(CLAIM, encoding="utf-8")
    (src / "report.txt").write_text(REPORT, encoding="utf-8")
    db = str(tmp_path / "run.duckdb")
    store = open_store(db)
    phases.ingest([str(src)], store, load_settings(db=db))
    attacks = [e for e in store.all_events() if e.type == "ASSAULT" and e.place is not None
               and e.place.country_iso3 == "TUR"]
    store.close()
    assert len(attacks) == 1, [(e.id, e.article_ids, [a.id for a in e.sources]) for e in attacks]
    (event,) = attacks
    assert len(event.article_ids) == 2
    assert [a.id for a in event.sources] == ["ISL"]
