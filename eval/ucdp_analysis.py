"""Analysis on the UCDP GED Syria file (imported): new theatres of Islamic State by governorate (judged inside
the file's coverage window), and the rolling monthly spillover backtest (ADM1 x month, every month of 2018-01 ..
2019-11 predicted from earlier months only) of the model beside three baselines in the same run, for any event
and for onsets (an event after 6 quiet covered months).

    python eval/ucdp_analysis.py [--level adm1|country] [--origin ucdp|all] [--from 2018-01-01]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
UCDP = REPO.parent / "shared" / "data" / "ucdp-ged-syria" / "ged191_syria_2016_2019.csv.gz"


def main() -> int:
    from spillwatch import codec
    from spillwatch.api import Spillwatch
    from spillwatch.settings import load_settings

    parser = argparse.ArgumentParser()
    parser.add_argument("--level", default="adm1", choices=["adm1", "country"])
    parser.add_argument("--origin", default="ucdp", help="ucdp (the file alone) or all (a store given by --db)")
    parser.add_argument("--db", default=None, help="an existing store (default: a fresh one with the file)")
    parser.add_argument("--from", dest="test_from", default="2018-01-01")
    args = parser.parse_args()
    if args.db is None and not UCDP.exists():
        print(f"missing {UCDP}", file=sys.stderr)
        return 2
    db = args.db or str(Path(tempfile.mkdtemp(prefix="spillwatch-ucdp-")) / "ucdp.duckdb")
    origin = None if args.origin == "all" else args.origin
    with Spillwatch(settings=load_settings(db=db)) as sw:
        if args.db is None:
            imported = sw.import_events("ucdp", str(UCDP))
            print(f"imported {imported.stored} events ({imported.quarantined} rows quarantined)")
        spread = sw.spread("ISL", "adm1", origin=origin)
        result = sw.risk_backtest("ISL", args.level, date.fromisoformat(args.test_from), None, origin)
    print(f"coverage: {'; '.join(w.describe() for w in spread.windows)}")
    print("governorates by the month Islamic State violence (perpetrator or party) first appears:")
    for t in spread.theatres:
        print(f"  {t.first_date:%Y-%m}  {t.status:14s} {t.adm1_name or t.unit:24s} first: {t.first_event_type}"
              f" at {t.first_place}" + (f" [{t.window}]" if t.window else ""))
    print(f"re-emergence after >= 180 quiet covered days: {len(spread.reemergence)}")
    print(f"rolling backtest, {args.level} x month, {result.test_from:%Y-%m}..{result.test_to:%Y-%m},"
          f" {result.units} units:")
    scores = [codec.fields(r) for r in result.scores]
    print(f"  {'target':7s}{'model':24s}{'pos':>6s}{'neg':>7s}{'AP':>8s}{'AUC':>8s}{'Brier':>8s}")
    for r in scores:
        cells = "".join(f"{r[k]:8.3f}" if r[k] is not None else f"{'-':>8s}"
                        for k in ("average_precision", "auc", "brier"))
        print(f"  {r['target']:7s}{r['model']:24s}{r['positives']:6d}{r['negatives']:7d}{cells}"
              + (f"  {r['note']}" if r.get("note") else ""))
    summary: dict[str, object] = {"new_theatres": sum(1 for t in spread.theatres if t.new)}
    for r in scores:
        summary.setdefault(r["target"], {})[r["model"]] = {  # type: ignore[index]
            k: r[k] for k in ("average_precision", "auc", "brier", "positives", "negatives")}
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
