"""Text-path eval: clean_text on plain-text renderings of the article-extraction-benchmark pages.

Each HTML page is rendered to plain text with its furniture (html_text, layout guessed), as a
scraper that keeps only text would deliver it; ``clean_text`` then keeps the article. Body text
is scored against the benchmark's ground truth with the benchmark's own metric (its
``evaluate.py``: 4-gram shingle precision/recall per page, averaged, F1 of the averages).
The baseline is the whole rendered page text.

Run: python eval/text_extraction.py [--limit N] [--worst K]
Prints a JSON summary.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType

import html_text

from spillwatch.errors import ExtractError
from spillwatch.extract.text import clean_text
from spillwatch.records import Article

BENCH = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction-benchmark"


def load_metric() -> ModuleType:
    """The benchmark's own evaluate.py, imported from the shared data set."""
    spec = importlib.util.spec_from_file_location("aeb_evaluate", BENCH / "evaluate.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {BENCH / 'evaluate.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def render(key: str) -> str:
    raw = gzip.decompress((BENCH / "html" / f"{key}.html.gz").read_bytes())
    return str(html_text.extract_text(raw.decode("utf-8", "replace"), guess_layout=True))


def body_of(article: Article) -> str:
    """Body paragraphs as the benchmark's articleBody reads them (dateline back in front)."""
    paras = list(article.paragraphs)
    if paras and article.dateline:
        paras[0] = f"{article.dateline} {paras[0]}"
    return "\n\n".join(paras)


def predict(texts: dict[str, str]) -> tuple[dict[str, str], float]:
    out: dict[str, str] = {}
    start = time.perf_counter()
    for key, text in texts.items():
        try:
            out[key] = body_of(clean_text(text, source=key, raw_id=key))
        except ExtractError:
            out[key] = ""
    return out, time.perf_counter() - start


def score(metric: ModuleType, truth: dict[str, dict[str, str]], pred: dict[str, str]) -> dict[str, float]:
    tfn = [metric.string_shingle_matching(true=truth[k].get("articleBody", ""), pred=pred[k]) for k in pred]
    result = metric.metrics_from_tp_fp_fns(tfn)
    return {name: round(value, 4) for name, value in result.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--worst", type=int, default=0, help="also list the K worst pages by F1")
    args = parser.parse_args()
    if not BENCH.exists():
        raise SystemExit(f"benchmark not found: {BENCH}")
    metric = load_metric()
    truth = json.loads((BENCH / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[: args.limit or None]
    texts = {k: render(k) for k in keys}
    pred, seconds = predict(texts)
    summary = {
        "pages": len(keys),
        "text_path": score(metric, truth, pred),
        "baseline_whole_text": score(metric, truth, texts),
        "pages_per_second": round(len(keys) / seconds, 1),
        "empty_predictions": sum(1 for v in pred.values() if not v),
    }
    if args.worst:
        summary["worst"] = worst(metric, truth, pred, args.worst)
    json.dump(summary, sys.stdout, indent=2)
    print()
    print(json.dumps({k: v for k, v in summary.items() if k != "worst"}))  # the gate's one-line summary


def worst(metric: ModuleType, truth: dict[str, dict[str, str]], pred: dict[str, str], k: int) -> list[str]:
    rows = []
    for key, text in pred.items():
        tp, fp, fn = metric.string_shingle_matching(true=truth[key].get("articleBody", ""), pred=text)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        rows.append((2 * p * r / (p + r) if p + r else 0.0, f"{key[:12]} P={p:.2f} R={r:.2f}"))
    return [f"{f:.2f} {label}" for f, label in sorted(rows)[:k]]


if __name__ == "__main__":
    main()
