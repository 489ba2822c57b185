"""Choose the second clustering pass's rule (``dedup/regroup.py``) on ECB+ tune topics; measure it beside
average-link alone in the same run.

Input: a store that ingested converted ECB+ documents (``ecbplus_coref.py convert``), the ECB+ folder
and the sentence list, as ``eval/ecb_pairs.py`` reads them. For each rule in ``RULES`` (and the
shipped ``regroup.REGROUP``, and no second pass: today's baseline) the store's mentions are clustered
again (``cluster.cluster`` with ``ClusterConfig(regroup=...)``) and scored on the given topics:
cross- and within-document CoNLL F1, stored events per gold chain, wrong merges, events joining the
two subtopics of a topic. ``--choose`` prints the rule the tune topics pick: the best cross-document
CoNLL F1 less ``ecb_pairs.JOIN_COST`` points per subtopic join (ties: the stricter rule, higher
``min_mean``, the shared word). Choose on topics 1-22 only; report on 23-35 with the shipped rule.

``--fields``: also the rules without the shared word (any pair across the clusters at the merge level,
and the mean), kept for the record of what was tried.

Usage: python eval/ecb_regroup.py STORE ECB_DIR --sentences CSV [--topics 1-22] [--choose]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "eval"))

from ecb_pairs import JOIN_COST, Data, data_arguments, load_data, measure  # noqa: E402

from spillwatch.dedup import fitted  # noqa: E402
from spillwatch.dedup.cluster import ClusterConfig, cluster  # noqa: E402
from spillwatch.dedup.regroup import REGROUP, RegroupRule  # noqa: E402

MEANS = (0.4, 0.5, 0.55, 0.6, 0.65, 0.7)
RULES = tuple(RegroupRule(min_mean=m, same_word=True) for m in MEANS)
FIELD_RULES = tuple(RegroupRule(min_mean=m, same_word=False) for m in MEANS)


def clustered(data: Data, rule: RegroupRule | None) -> dict[str, Any]:
    config = ClusterConfig(model=fitted.model(), regroup=rule)
    events = cluster(data.mentions, published=data.published.get, config=config)
    return measure(data, {mid: e.id for e in events for mid in e.mention_ids if mid in data.chain})


def name(rule: RegroupRule | None) -> str:
    if rule is None:
        return "average-link alone (today's code)"
    return f"min_mean {rule.min_mean}" + (", same word" if rule.same_word else ", any pair at the level")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    data_arguments(ap)
    ap.add_argument("--choose", action="store_true", help="print the rule these topics pick")
    ap.add_argument("--fields", action="store_true", help="also the rules without the shared word")
    args = ap.parse_args(argv)
    data = load_data(args)
    rules: list[RegroupRule | None] = [None, REGROUP, *RULES, *(FIELD_RULES if args.fields else ())]
    found = {name(r): clustered(data, r) for r in dict.fromkeys(rules)}
    out: dict[str, Any] = {"topics": args.topics, "mentions_aligned": len(data.chain),
                           "singletons": measure(data, {m: m for m in data.chain}), "rules": found}
    if args.choose:
        best = max(RULES, key=lambda r: (found[name(r)]["cross_doc_conll_f1"]
                                         - JOIN_COST * found[name(r)]["events_joining_two_subtopics"], r.min_mean))
        out["chosen"] = name(best)
    print(json.dumps(out, indent=1, default=float))


if __name__ == "__main__":
    main()
