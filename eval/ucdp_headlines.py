"""UCDP GED 2019 headlines through the whole coder: share coded as violent events, ACLED type agreement.

Usage: python eval/ucdp_headlines.py [--csv PATH] [--limit N]
Data: ../shared/data/ucdp-ged-syria/ged191_syria_2016_2019.csv.gz; the test set is the 2019 headlines
not also seen for a 2016-2018 event (the detector trained on those years only; see
spillwatch.relevance.corpora). Every UCDP event is organised violence, so every headline should be
coded as a violent event. Printed:
- violent_share: headlines with at least one ASSAULT mention;
- acled_agreement: among those, the first ASSAULT mention's ACLED event type agrees with UCDP's type
  of violence (3, one-sided -> "Violence against civilians"; 1 and 2 -> "Battles" or
  "Explosions/Remote violence");
- one_sided_recall: of the one-sided (type 3) headlines coded violent, the share coded as violence
  against civilians;
- majority_agreement: the same agreement if every headline were called armed (the trivial baseline);
- one_sided_civilian_targeting: of the one-sided headlines coded violent, the share the ACLED export
  flags ``civilian_targeting`` (violence against civilians, or an explosion or remote violence whose
  first target is civilians: ACLED's codebook files a shelling or an airstrike that hits civilians
  under Explosions/Remote violence, with that flag, not under Violence against civilians), and
  state_based_civilian_targeting, the same share among the battles (types 1 and 2): the flag's
  false alarms.
Run with an older commit's src first on PYTHONPATH for the coder before a change, in the same run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from spillwatch.export import codes
from spillwatch.export.codes import inter_code
from spillwatch.records import Article, Block, DateInfo, EventMention
from spillwatch.relevance import corpora
from spillwatch.run import pipeline
from spillwatch.settings import load_settings
from spillwatch.stages import Coded

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared/data/ucdp-ged-syria/ged191_syria_2016_2019.csv.gz"
ARMED_TYPES = ("Battles", "Explosions/Remote violence")


def agrees(acled_type: str | None, violence: str | None) -> bool:
    if violence == corpora.CIVILIANS:
        return acled_type == "Violence against civilians"
    return acled_type in ARMED_TYPES


def civilian_targeting(m: EventMention) -> bool:
    """ACLED's ``civilian_targeting`` flag as the export sets it (``export.codes.civilian_targeting``),
    the first target standing for the export's second side."""
    target = m.targets[0] if m.targets else None
    inter2 = inter_code({"sector": target.sector, "country": target.country} if target else None, None)
    return codes.civilian_targeting(m.acled_type, inter2)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--csv", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    if not args.csv.exists():
        print(f"missing {args.csv}", file=sys.stderr)
        return 2
    _, test = corpora.ucdp(args.csv)
    test = test[: args.limit] if args.limit else test
    docs = [Article(raw_id=f"ucdp-{k}", source="ucdp", blocks=(Block("title", s.text),),
                    published=DateInfo(None, "none")) for k, s in enumerate(test)]
    violent, agree, civ_violent, civ_vac, civ_flag, armed_flag = 0, 0, 0, 0, 0, 0
    for sample, coded in zip(test, pipeline.understand(docs, load_settings()), strict=True):
        mentions = coded.mentions if isinstance(coded, Coded) else ()  # a quarantined headline codes nothing
        hit = next((m for m in mentions if m.type == "ASSAULT"), None)
        if hit is None:
            continue
        violent += 1
        agree += agrees(hit.acled_type, sample.violence)
        if sample.violence == corpora.CIVILIANS:
            civ_violent += 1
            civ_vac += hit.acled_type == "Violence against civilians"
            civ_flag += civilian_targeting(hit)
        else:
            armed_flag += civilian_targeting(hit)
    n = len(test)
    civ = sum(s.violence == corpora.CIVILIANS for s in test)
    res = {"headlines": float(n), "one_sided": float(civ), "violent_share": violent / n,
           "acled_agreement": agree / violent if violent else 0.0,
           "one_sided_recall": civ_vac / civ_violent if civ_violent else 0.0,
           "majority_agreement": 1 - civ / n,
           "one_sided_civilian_targeting": civ_flag / civ_violent if civ_violent else 0.0,
           "state_based_civilian_targeting": armed_flag / (violent - civ_violent) if violent > civ_violent else 0.0}
    for key, value in res.items():
        print(f"{key:24s} {value:.3f}")
    print(json.dumps({k: round(v, 4) for k, v in res.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
