"""Analysis on the UCDP GED Syria file (imported): new theatres of Islamic State by governorate and month, and
the spillover-risk backtest (train on targets in 2016-2017, test on 2018-2019, ADM1 x month) beside the naive
baseline (last month's activity) in the same run.

    python eval/ucdp_analysis.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
UCDP = REPO.parent / "shared" / "data" / "ucdp-ged-syria" / "ged191_syria_2016_2019.csv.gz"


def main() -> int:
    from spillwatch.api import Spillwatch
    from spillwatch.settings import load_settings

    if not UCDP.exists():
        print(f"missing {UCDP}", file=sys.stderr)
        return 2
    db = str(Path(tempfile.mkdtemp(prefix="spillwatch-ucdp-")) / "ucdp.duckdb")
    with Spillwatch(settings=load_settings(db=db)) as sw:
        imported = sw.import_events("ucdp", str(UCDP))
        spread = sw.spread("ISL", "adm1", origin="ucdp")
        result = sw.risk_backtest("ISL", "adm1", date(2017, 12, 31), date(2019, 12, 31), origin="ucdp")
    print(f"imported {imported.stored} events ({imported.quarantined} rows quarantined)")
    print("governorates by the month Islamic State violence first appears (origin = active in the first 30 days):")
    for t in spread["theatres"]:
        tag = "origin" if t.origin else "NEW"
        print(f"  {t.first_date:%Y-%m}  {tag:6s} {t.adm1_name:28s} first: {t.first_event_type} at {t.first_place}")
    print(f"re-emergence after >= 180 quiet days: {len(spread['reemergence'])}")
    for r in spread["reemergence"]:
        print(f"  {r['unit']}: quiet since {r['quiet_since']}, resumed {r['resumed']} ({r['gap_days']} days)")
    print("risk backtest (ADM1 x month; any event next month / first event after 12 quiet months):")
    print(json.dumps(result, indent=2, default=str))
    summary = {"new_theatres": sum(1 for t in spread["theatres"] if not t.origin),
               "any_event": result["any_event"], "first_event": result["first_event"]}
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
