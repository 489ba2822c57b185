"""The README's main job on the sample corpus (and the seed when ../shared is present): the acceptance picture.

Issue 2: everything in the corpus is stored, syndicated copies once. Issue 6: Jordan and Lebanon appear as new
theatres of Islamic State violence with the right first events; the ledger holds Canada's trucks to Jordan and the
gear and 1 million to Lebanon; gaps rank Turkey above Jordan and Lebanon, each with its reasons.
"""

from __future__ import annotations

from datetime import date

import pytest

from conftest import SHARED
from spillwatch.api import Spillwatch

pytestmark = pytest.mark.slow


def test_corpus_is_stored_and_copies_are_merged(corpus_db: str) -> None:
    with Spillwatch(corpus_db) as sw:
        counts = sw.store.counts()  # type: ignore[attr-defined]
        rows = sw.articles(limit=500)
    assert counts["quarantine"] == 0
    assert counts["article_copies"] >= 50
    near = [r for r in rows if r.duplicate_of]
    assert len(near) >= 4  # the corpus's syndicated copies
    assert counts["events"] > 0


def test_jordan_and_lebanon_are_new_theatres(corpus_db: str) -> None:
    with Spillwatch(corpus_db) as sw:
        theatres = {t.unit: t for t in sw.spread("ISL").theatres}
    assert {"IRQ", "SYR"} & {u for u, t in theatres.items() if t.origin}
    jordan, lebanon = theatres["JOR"], theatres["LBN"]
    assert not jordan.origin and not lebanon.origin
    assert jordan.first_date == date(2016, 6, 21)  # the Rukban car bomb
    assert date(2014, 8, 2) <= lebanon.first_date <= date(2014, 8, 7)  # Arsal overrun


@pytest.mark.skipif(not (SHARED / "seed").exists(), reason="the seed carries the Canadian commitments")
def test_ledger_holds_canadas_support(corpus_db: str) -> None:
    with Spillwatch(corpus_db) as sw:
        ledger = sw.support()
    canada = [r for r in ledger if "Canad" in r.donor]
    trucks = [r for r in canada if r.recipient_country == "JOR" and r.kind == "equipment" and r.count == 26]
    money = [r for r in canada if r.recipient_country == "LBN" and r.kind == "money" and r.amount == 1e6]
    gear = [r for r in canada if r.recipient_country == "LBN" and r.kind == "equipment"]
    assert trucks and money and gear


def test_gaps_rank_turkey_above_jordan_and_lebanon(corpus_db: str) -> None:
    with Spillwatch(corpus_db) as sw:
        rows = sw.gaps("ISL", as_of="2016-12")  # the founding story's month, judged with what was known then
        reina = sw.gaps("ISL", as_of="2017-01")  # the month articles report on Türkiye again (the Reina attack)
    order = [r.country_iso3 for r in rows]
    turkey = rows[order.index("TUR")]
    # no article of 2016-12 reports on Türkiye: a row, no rate (README: rated only in covered months), its latest
    # event still said; Jordan and Lebanon, which articles of that month report on, are rated
    assert turkey.threat is None and turkey.coverage == "not covered since 2016-08"
    assert "latest: 2016-" in turkey.explanation and "no support commitments recorded" in turkey.explanation
    assert rows[order.index("JOR")].threat is not None and rows[order.index("LBN")].threat is not None
    assert reina[0].country_iso3 == "TUR" and (reina[0].threat or 0.0) > 0.8
    if (SHARED / "seed").exists():
        assert "truck" in rows[order.index("JOR")].explanation
