"""The gaps table as an analyst reads it in a terminal: money with thousands separators and its currency, and words
where there is no rate (issue 26: 'money prints as 1e+06'; the table printed 751544.94, wrapped over two lines)."""

from __future__ import annotations

from datetime import date

from spillwatch.analysis.gaps import GapRow
from spillwatch.cli.analysis import gap_table


def _row(iso3: str, threat: float | None, usd: float) -> GapRow:
    gap = None if threat is None else threat / (1 + usd / 1e7)
    return GapRow(country_iso3=iso3, country_name=iso3, why="active", threat=threat, support_usd=usd, gap=gap,
                  basis="own history: ...", month=date(2017, 1, 1), coverage="news", personnel=0, equipment=0,
                  training=0, other=0, unvalued_money=0, commitments=1, latest_event=None, latest_event_id=None,
                  latest_any=None, latest_any_id=None, explanation="...")


def test_money_and_missing_rates_read_as_words() -> None:
    shown = {r["country_iso3"]: r for r in gap_table([_row("LBN", 0.6667, 751544.94), _row("BEL", None, 0.0)])}
    assert shown["LBN"]["support_usd"] == "USD 751,545" and shown["LBN"]["threat"] == "0.667"
    assert shown["LBN"]["gap"] == "0.620"
    assert (shown["BEL"]["threat"], shown["BEL"]["gap"], shown["BEL"]["support_usd"]) == ("no rate", "no gap judged",
                                                                                          "none")
