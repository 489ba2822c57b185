"""The rows behind a country's committed dollars are in plain view: each money row's value, the day of the ECB
rate that gave it and the event it comes from, in the ledger, in the gap's sentence and in the CLI output.

Why (issue 26): Lebanon's committed support read USD 746,278 in one session and 751,545 in the next with no
change to the support data. The CAD 1 M commitment ("last week" in the founding story) had been dated
2016-12-01 and was then dated 2016-12-05..2016-12-11; converted at its first day's ECB rate, the same CAD 1 M
is worth USD 746,278 on 2016-12-01 and 751,545 on 2016-12-05. Nothing said so: the sentence named only the month.
"""

from __future__ import annotations

from datetime import date

import pytest

from spillwatch.analysis import gaps as gp
from spillwatch.analysis import support as su
from spillwatch.cli import output

CAD = su.LedgerRow(id="l1", donor="Canadian government", donor_country="CAN", recipient="Lebanese military",
                   recipient_country="LBN", force="Lebanese military", kind="money", amount=1_000_000.0,
                   currency="CAD", item=None, count=None, status="delivered", date=date(2016, 12, 5),
                   sources="a.txt", event_id="4eccd7dd21d17954")


def _threat(month: date = date(2017, 1, 1)) -> gp.CountryThreat:
    return gp.CountryThreat("LBN", "Lebanon", 0.5, "forecast", month, (), "ucdp LBN", "support recipient")


def test_the_commitment_day_decides_the_dollars_and_the_row_says_which_day() -> None:
    fifth = su.valued(CAD)
    first = su.valued(CAD.__class__(**{**CAD.as_dict(), "date": date(2016, 12, 1)}))
    assert fifth.usd == pytest.approx(751_544.94, abs=1.0) and fifth.rate_day == date(2016, 12, 5)
    assert first.usd == pytest.approx(746_278.0, abs=1.0) and first.rate_day == date(2016, 12, 1)
    undated = su.valued(CAD.__class__(**{**CAD.as_dict(), "date": None}))
    assert undated.usd is not None and undated.rate_day is not None  # the ECB file's last day, said
    dollars = su.valued(CAD.__class__(**{**CAD.as_dict(), "currency": "USD"}))
    assert dollars.usd == 1_000_000.0 and dollars.rate_day is None  # no conversion, no rate day


def test_the_gap_sentence_names_each_money_row_its_dollars_rate_day_and_event() -> None:
    trucks = CAD.__class__(**{**CAD.as_dict(), "id": "l2", "kind": "equipment", "amount": None, "currency": None,
                              "item": "truck", "count": 26.0, "event_id": "e2"})
    extra = [CAD.__class__(**{**CAD.as_dict(), "id": f"p{i}", "kind": "personnel", "amount": None,
                              "currency": None, "event_id": f"p{i}"}) for i in range(5)]
    [row] = gp.gaps([_threat()], [trucks, *extra, CAD], "Islamic State")
    assert row.support_usd == pytest.approx(751_544.94, abs=0.01)
    assert "CAD 1,000,000 = USD 751,545 at the ECB rate of 2016-12-05" in row.explanation
    assert "(delivered, 2016-12-05, event 4eccd7dd21d17954)" in row.explanation
    assert "3 more commitments of personnel, equipment or training" in row.explanation  # money is never cut
    assert row.support_ids.split("|") == ["e2", "p0", "p1", "p2", "p3", "p4", "4eccd7dd21d17954"]


def test_money_prints_as_a_plain_number() -> None:
    text = output.render_rows([su.valued(CAD)], "csv", columns=["amount", "usd", "rate_day", "event_id"])
    assert text.splitlines()[1] == "1000000,751544.94,2016-12-05,4eccd7dd21d17954"
