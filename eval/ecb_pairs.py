"""Fit and measure the scorer of report pairs with an unknown date or country, on ECB+.

Input: a spillwatch store that ingested ECB+ documents converted by the shared tool
(``ecbplus_coref.py convert``), the ECB+ folder and the sentence list. Gold: each aligned stored
mention's ECB+ chain (the tool's ``align``); near-duplicate copies are left out (``--skip-copies``).

``--fit`` (tune topics only, 1-22 by default): candidate pairs are the ones clustering meets
(``blocking.probe_keys`` against ``blocking.block_keys``) from different articles where a side lacks
the date or the country (``pairs.rule`` "open"); those with both sides aligned are labelled by
the gold; a logistic regression (L2, IRLS, fixed: no randomness) over ``fitted.FEATURES`` is fitted,
then the probability threshold is chosen on the same topics by re-clustering every mention
(``cluster.cluster``) at each candidate threshold, keeping the best cross-document CoNLL F1 less
``JOIN_COST`` points per event that joins the two subtopics of a topic (ties: the higher
threshold). Written to ``src/spillwatch/data/pair_model.json``.

Without ``--fit``: re-clusters the store's mentions with the shipped model and prints, on the
given topics, cross- and within-document CoNLL F1 beside two baselines in the same run (every
mention alone; the pre-fit rule: no pair with an unknown ever merges), stored events per gold
chain, wrong merges and those joining two subtopics. The figures the issue asks for come from the
shared tool's ``score`` on a store ingested with this code; this script is for fitting.

``--stored``: the same figures for the events the store holds (a store another commit ingested
gives that commit's figures: the baseline beside ours).

``--why``: also counts, for every pair of mentions from two documents that the gold puts in one chain
and the clustering in two events, what keeps them apart (``why_apart``): a contradiction (two
countries, specific actors with none shared, places or own dates apart), a pair the scorers decline
(for an open pair, ``fitted.declined``'s rule), a score below the merge level, or a score at it that
average-link does not follow (another member of either event contradicts or scores low).

Usage: python eval/ecb_pairs.py STORE ECB_DIR --sentences CSV [--topics 1-22] [--fit | --stored] [--why]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from spillwatch import codec  # noqa: E402
from spillwatch.dedup import fitted  # noqa: E402
from spillwatch.dedup.blocking import block_keys, probe_keys  # noqa: E402
from spillwatch.dedup.cluster import ClusterConfig, cluster  # noqa: E402
from spillwatch.dedup.pairs import rule, score_pair  # noqa: E402
from spillwatch.dedup.score import (  # noqa: E402
    DATE_WINDOW_DAYS,
    THRESHOLD,
    Features,
    contradicts,
    features,
    pair_score,
    place_score,
)
from spillwatch.records import EventMention  # noqa: E402

MODEL = REPO / "src" / "spillwatch" / "data" / "pair_model.json"
# a pair merges only when the model finds one event at least as likely as two: lower thresholds won the
# CoNLL F1 of the tune topics (0.15: 76.2 against 71.7 at 0.5) by merging reports that share only a
# country, an ADM1 and a week, which ECB+ (one event of a kind per place and year) does not punish
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(10, 20))
JOIN_COST = 2.0  # CoNLL F1 points one event joining two subtopics costs when the threshold is chosen
NEVER = fitted.PairModel(tuple(0.0 for _ in fitted.FEATURES), -60.0, 0.5)  # no open pair merges


def topics(spec: str) -> list[int]:
    out: list[int] = []
    for part in spec.split(","):
        a, _, b = part.partition("-")
        out.extend(range(int(a), int(b or a) + 1))
    return out


def load_tool(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("ecbplus_coref", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["ecbplus_coref"] = mod
    spec.loader.exec_module(mod)
    return mod


class Data:
    """The store's mentions, their features and the gold chain of every aligned one."""

    def __init__(self, tool: ModuleType, store: str, ecb: Path, sentences: str, wanted: list[int]) -> None:
        import duckdb

        docs_all = tool.load_corpus(ecb, set(wanted))
        sysm, info = tool.read_store(store, docs_all)
        copies = set(info.get("copy_docs", []))
        sysm = [m for m in sysm if m.doc not in copies]
        docs = {n: d for n, d in docs_all.items() if n not in copies and any(m.doc == n for m in sysm)}
        sel = tool.load_sentences(sentences)
        gold = {(n, g.m_id): g for n, d in docs.items() for g in d.mentions
                if sel is None or (n, d.tokens[g.tokens[0]][0]) in sel}
        aligned = {k: v for k, v in tool.align(docs, [m for m in sysm if m.doc in docs]).items() if k in gold}
        self.chain = {v.id: gold[k].chain for k, v in aligned.items()}
        self.subtopic = {v.id: f"{docs[k[0]].topic}{docs[k[0]].subtopic}" for k, v in aligned.items()}
        self.doc = {v.id: k[0] for k, v in aligned.items()}
        in_scope = {m.article_id for m in sysm}
        con = duckdb.connect(store, read_only=True)
        rows = con.sql("select m.article_id, m.record_json, a.published from event_mentions m "
                       "join articles a on a.id = m.article_id").fetchall()
        self.mentions = [codec.loads(EventMention, j) for aid, j, _ in rows if aid in in_scope]
        self.published: dict[str, date | None] = {aid: p for aid, _, p in rows}
        self.features = {m.id: features(m, self.published.get(m.article_id)) for m in self.mentions}
        self.stored_events = {v.id: v.event_id for v in aligned.values()}

    def open_pairs(self) -> list[tuple[Features, Features]]:
        index: dict[tuple[str, str, int], list[str]] = defaultdict(list)
        for mid, f in self.features.items():
            for key in block_keys(f, DATE_WINDOW_DAYS):
                index[key].append(mid)
        seen: set[tuple[str, str]] = set()
        out = []
        for a, fa in sorted(self.features.items()):
            for key in probe_keys(fa, DATE_WINDOW_DAYS):
                for b in index.get(key, ()):
                    pair = (min(a, b), max(a, b))
                    if a == b or pair in seen:
                        continue
                    seen.add(pair)
                    fb = self.features[b]
                    which = rule(fa, fb)
                    if which == "open" or (which == "dated-and-placed" and pair_score(fa, fb) is not None):
                        out.append((self.features[pair[0]], self.features[pair[1]]))
        return out

    def clustered(self, model: fitted.PairModel) -> dict[str, str]:
        """Each aligned mention's event when the store's mentions are clustered again with ``model``."""
        events = cluster(self.mentions, published=self.published.get, config=ClusterConfig(model=model))
        return {mid: e.id for e in events for mid in e.mention_ids if mid in self.chain}

    def scores(self, model: fitted.PairModel) -> dict[str, Any]:
        return measure(self, self.clustered(model))


def apart_reason(a: Features, b: Features) -> str:
    """What keeps two reports in two events (``--why``)."""
    if contradicts(a, b, DATE_WINDOW_DAYS):
        if a.country and b.country and a.country != b.country:
            return "contradiction: two countries"
        if a.known and b.known and a.known.isdisjoint(b.known):
            return "contradiction: specific actors, none shared"
        sub_national = a.country and b.country and not (a.country_level or b.country_level)
        far = sub_national and place_score(a, b) is None
        return "contradiction: places apart" if far else "contradiction: dates apart"
    found = score_pair(a, b, DATE_WINDOW_DAYS)
    if found is None:
        which = rule(a, b)
        if which != "open":
            return f"declined ({which})"
        return f"declined ({which}): " + (fitted.declined(a, b, DATE_WINDOW_DAYS) or "model")
    if found < THRESHOLD:
        return f"scored below the merge level ({rule(a, b)})"
    return "scored at the merge level, kept apart by average-link"


def why_apart(data: Data, resp: dict[str, str]) -> dict[str, int]:
    """Counts of ``apart_reason`` over the gold's cross-document pairs that ``resp`` puts in two events."""
    counts: dict[str, int] = defaultdict(int)
    ids = sorted(resp)
    for n, a in enumerate(ids):
        for b in ids[n + 1 :]:
            if data.chain[a] == data.chain[b] and data.doc[a] != data.doc[b] and resp[a] != resp[b]:
                counts[apart_reason(data.features[a], data.features[b])] += 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def measure(data: Data, resp: dict[str, str]) -> dict[str, Any]:
    tool = sys.modules["ecbplus_coref"]
    key = {(data.doc[m], m): c for m, c in data.chain.items()}
    res = {(data.doc[m], m): e for m, e in resp.items()}
    cross = tool.all_metrics(key, res)["conll_f1"]
    within = tool.all_metrics(tool.within_doc(key), tool.within_doc(res))["conll_f1"]
    chain_events: dict[str, set[str]] = defaultdict(set)
    event_chains: dict[str, set[str]] = defaultdict(set)
    event_subtopics: dict[str, set[str]] = defaultdict(set)
    for m, e in resp.items():
        chain_events[data.chain[m]].add(e)
        event_chains[e].add(data.chain[m])
        event_subtopics[e].add(data.subtopic[m])
    return {
        "cross_doc_conll_f1": cross,
        "within_doc_conll_f1": within,
        "events_per_gold_chain": round(sum(map(len, chain_events.values())) / max(1, len(chain_events)), 2),
        "wrong_merges": sum(len(c) > 1 for c in event_chains.values()),
        "events_joining_two_subtopics": sum(len(s) > 1 for s in event_subtopics.values()),
    }


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, rounds: int = 50) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (IRLS); the bias is not penalised."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    reg = np.full(xb.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(rounds):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -60, 60)))
        grad = xb.T @ (p - y) + reg * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(reg) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def auc(scores: np.ndarray, y: np.ndarray) -> float:
    order = np.argsort(scores, kind="stable")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    pos = y == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)) if n_pos and n_neg else float("nan")


def fit(data: Data, spec: str) -> dict[str, Any]:
    rows: list[tuple[float, ...]] = []
    labels: list[float] = []
    for fa, fb in data.open_pairs():
        if fa.id not in data.chain or fb.id not in data.chain:
            continue
        found = fitted.vector(fa, fb, DATE_WINDOW_DAYS)
        if found is None:
            continue
        rows.append(found)
        labels.append(float(data.chain[fa.id] == data.chain[fb.id]))
    x, y = np.array(rows), np.array(labels)
    hint = x[:, 0]
    weights, bias = fit_logistic(x, y)
    p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
    tried = {t: data.scores(fitted.PairModel(tuple(weights), bias, t)) for t in THRESHOLDS}
    # the best CoNLL F1 where each event joining two subtopics (two real events of one kind) costs 2 points
    best = max(
        THRESHOLDS,
        key=lambda t: (tried[t]["cross_doc_conll_f1"] - JOIN_COST * tried[t]["events_joining_two_subtopics"], t),
    )
    return {
        "features": list(fitted.FEATURES),
        "weights": [round(float(w), 6) for w in weights],
        "bias": round(bias, 6),
        "threshold": best,
        "fitted_on": f"ECB+ topics {spec}, {len(y)} labelled open pairs ({int(y.sum())} one event)",
        "pair_auc_on_fit_topics": {
            "model": round(auc(p, y), 3),
            "shared_names_alone": round(auc(hint, y), 3),
        },
        "by_threshold": {
            str(t): [f["cross_doc_conll_f1"], f["events_joining_two_subtopics"]] for t, f in tried.items()
        },
        "command": f"python eval/ecb_pairs.py STORE ECB_DIR --sentences CSV --topics {spec} --fit",
    }


def data_arguments(ap: argparse.ArgumentParser) -> None:
    """The arguments every ECB+ eval reads its store and gold by (``load_data`` builds them)."""
    ap.add_argument("store")
    ap.add_argument("ecb_dir")
    ap.add_argument("--sentences", required=True)
    ap.add_argument("--topics", default="1-22")
    ap.add_argument("--tool", help="the shared ecbplus_coref.py (default: beside the data folder)")


def load_data(args: argparse.Namespace) -> Data:
    ecb = Path(args.ecb_dir)
    tool = load_tool(Path(args.tool) if args.tool else ecb.resolve().parents[2] / "tools" / "ecbplus_coref.py")
    return Data(tool, args.store, ecb, args.sentences, topics(args.topics))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    data_arguments(ap)
    ap.add_argument("--fit", action="store_true", help=f"fit and write {MODEL.relative_to(REPO)}")
    ap.add_argument("--stored", action="store_true", help="measure the store's own events instead of re-clustering")
    ap.add_argument("--why", action="store_true", help="count what keeps the gold's cross-document pairs apart")
    args = ap.parse_args(argv)
    data = load_data(args)
    if args.fit:
        found = fit(data, args.topics)
        MODEL.write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
        print(json.dumps(found, indent=1))
        fitted.model.cache_clear()
    singletons = measure(data, {m: m for m in data.chain})
    if args.stored:  # the events the store holds (e.g. a store another commit ingested: its baseline)
        out: dict[str, Any] = {"stored events": measure(data, data.stored_events), "singletons": singletons}
        if args.why:
            out["why_apart"] = why_apart(data, data.stored_events)
        print(json.dumps(out, indent=1))
        return
    resp = data.clustered(fitted.model())
    out = {"mentions_aligned": len(data.chain), "model": measure(data, resp),
           "pre-fit rule (no open pair merges)": data.scores(NEVER), "singletons": singletons}
    if args.why:
        out["why_apart"] = why_apart(data, resp)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
