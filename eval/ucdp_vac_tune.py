"""Violence against civilians on the UCDP tuning years: the sample the victims rule was chosen on.

Usage: python eval/ucdp_vac_tune.py [--csv PATH] [--seed N] [--one-sided N] [--others N] [--list]
Data: ../shared/data/ucdp-ged-syria/ged191_syria_2016_2019.csv.gz; only the 2016-2018 headlines
(``corpora.ucdp``'s training years; 2019 is ``eval/ucdp_headlines.py``'s test year). A seeded sample
of one-sided (type 3) and other headlines goes through the whole coder; printed, among those coded
violent: the share of one-sided headlines coded as violence against civilians, the share of the
others coded so (the cost), and the ACLED type agreement on the sample. Run with an older commit's
``src`` first on PYTHONPATH for the coder before a change, in the same sitting.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from spillwatch.records import Article, Block, DateInfo
from spillwatch.relevance import corpora
from spillwatch.run import pipeline
from spillwatch.settings import load_settings
from spillwatch.stages import Coded

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared/data/ucdp-ged-syria/ged191_syria_2016_2019.csv.gz"
VAC = "Violence against civilians"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--csv", type=Path, default=DEFAULT)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--one-sided", type=int, default=150)
    ap.add_argument("--others", type=int, default=600)
    ap.add_argument("--list", action="store_true", help="print each one-sided headline coded otherwise, and each "
                    "other headline coded as violence against civilians (for judging, on the tune years only)")
    args = ap.parse_args(argv)
    if not args.csv.exists():
        print(f"missing {args.csv}", file=sys.stderr)
        return 2
    train, _ = corpora.ucdp(args.csv)
    random.Random(args.seed).shuffle(train)
    civ = [s for s in train if s.violence == corpora.CIVILIANS][: args.one_sided]
    arm = [s for s in train if s.violence != corpora.CIVILIANS][: args.others]
    sample = civ + arm
    docs = [Article(raw_id=f"ucdp-{k}", source="ucdp", blocks=(Block("title", s.text),),
                    published=DateInfo(None, "none")) for k, s in enumerate(sample)]
    counts = {"one_sided": 0, "one_sided_vac": 0, "others": 0, "others_vac": 0}
    for s, coded in zip(sample, pipeline.understand(docs, load_settings()), strict=True):
        mentions = coded.mentions if isinstance(coded, Coded) else ()
        hit = next((m for m in mentions if m.type == "ASSAULT"), None)
        if hit is None:
            continue
        kind = "one_sided" if s.violence == corpora.CIVILIANS else "others"
        counts[kind] += 1
        counts[f"{kind}_vac"] += hit.acled_type == VAC
        if args.list and (kind == "one_sided") != (hit.acled_type == VAC):
            print(f"{kind}\t{hit.acled_type}\t{hit.acled_subtype}\t{s.text}")
    one, other = max(counts["one_sided"], 1), max(counts["others"], 1)
    agree = counts["one_sided_vac"] + counts["others"] - counts["others_vac"]
    res = {"one_sided_violent": counts["one_sided"], "one_sided_to_civilians": counts["one_sided_vac"] / one,
           "others_violent": counts["others"], "others_to_civilians": counts["others_vac"] / other,
           "agreement": agree / max(counts["one_sided"] + counts["others"], 1)}
    print(json.dumps({k: round(v, 4) for k, v in res.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
