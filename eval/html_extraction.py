"""Article-body extraction quality of the HTML clean path on the article-extraction-benchmark.

Run: ``python eval/html_extraction.py [--limit N]`` (needs ../shared beside the repo).

Scores ``spillwatch.extract.clean.clean`` (decode + ``clean_html``) on the benchmark's 181 pages
with the benchmark's own metric (its ``evaluate.py`` is imported at run time, never copied):
mean per-page precision and recall over 4-token shingles, F1 from the two means. The article
body predicted is the dateline and body blocks, in order (title, captions and credits are not
article body in the benchmark's ground truth). trafilatura 2.3.1 alone (``extract``, comments
off) is scored in the same run as the baseline. Exits non-zero when F1 is under the floor.
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
from typing import Any

import trafilatura

from spillwatch.errors import SpillwatchError
from spillwatch.extract.clean import clean
from spillwatch.records import Article, RawItem
from spillwatch.settings import Settings

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "data" / "article-extraction-benchmark"
F1_FLOOR = 0.960  # what trafilatura 2.3.1 alone scores here; the HTML path must not do worse


def load_metric(bench: Path = BENCH) -> ModuleType:
    """The benchmark's own ``evaluate.py``, imported from ../shared."""
    spec = importlib.util.spec_from_file_location("aeb_evaluate", bench / "evaluate.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(bench / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def article_body(article: Article) -> str:
    return "\n\n".join(b.text for b in article.blocks if b.role in ("dateline", "body"))


def load_pages(bench: Path = BENCH, limit: int | None = None) -> tuple[dict[str, Any], dict[str, bytes]]:
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    pages = {k: gzip.decompress((bench / "html" / f"{k}.html.gz").read_bytes()) for k in keys}
    return {k: truth[k] for k in keys}, pages


def _ours(key: str, data: bytes, settings: Settings, stats: dict[str, Any]) -> str:
    item = RawItem(source=f"{key}.html.gz", data=data, kind="html", url=None)
    try:
        article = clean(item, settings)
    except SpillwatchError as exc:
        stats["failed"].append(f"{key[:12]}: {exc}")
        return ""
    stats["extractors"][article.extractor] = stats["extractors"].get(article.extractor, 0) + 1
    return article_body(article)


def _baseline(data: bytes) -> str:
    html = data.decode("utf-8", errors="replace")
    return trafilatura.extract(html, include_comments=False) or ""


def run(bench: Path = BENCH, limit: int | None = None, n_bootstrap: int = 0, baseline: bool = True) -> dict[str, Any]:
    """Scores and speed of the clean path and (if ``baseline``) of trafilatura alone, on the same pages."""
    metric = load_metric(bench)
    truth, pages = load_pages(bench, limit)
    settings = Settings()
    stats: dict[str, Any] = {"failed": [], "extractors": {}}
    result: dict[str, Any] = {"pages": len(pages), "stats": stats}
    runs = [("spillwatch", lambda k, d: _ours(k, d, settings, stats))] + [("trafilatura", None)] * baseline
    for name, func in runs:
        start = time.perf_counter()
        pred = {k: {"articleBody": func(k, d) if func else _baseline(d)} for k, d in pages.items()}
        seconds = time.perf_counter() - start
        scores = metric.evaluate(truth, pred, n_bootstrap)
        result[name] = {
            "precision": scores["precision"],
            "recall": scores["recall"],
            "f1": scores["f1"],
            "f1_std": scores.get("f1_std", 0.0),
            "seconds": seconds,
            "pages_per_s": len(pages) / seconds,
        }
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    parser.add_argument("--bootstrap", type=int, default=200, help="bootstrap rounds for the ± figure")
    args = parser.parse_args()
    if not BENCH.exists():
        print(f"benchmark not found: {BENCH}", file=sys.stderr)
        return 2
    result = run(limit=args.limit, n_bootstrap=args.bootstrap)
    print(f"pages: {result['pages']}")
    print(f"{'':<12} {'P':>6} {'R':>6} {'F1':>6} {'±':>6} {'pages/s':>8}")
    for name in ("spillwatch", "trafilatura"):
        r = result[name]
        print(
            f"{name:<12} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
            f"{r['f1_std']:6.3f} {r['pages_per_s']:8.1f}"
        )
    stats = result["stats"]
    print(f"extractor used: {stats['extractors']}; failed pages: {len(stats['failed'])}")
    for line in stats["failed"]:
        print("  failed:", line)
    f1 = result["spillwatch"]["f1"]
    verdict = "ok" if f1 >= F1_FLOOR else "BELOW FLOOR"
    print(f"floor F1 >= {F1_FLOOR:.3f}: {verdict} ({f1:.4f})")
    summary = {name: {k: result[name][k] for k in ("precision", "recall", "f1", "pages_per_s")}
               for name in ("spillwatch", "trafilatura")}
    print(json.dumps({**summary, "failed_pages": len(stats["failed"])}))
    return 0 if f1 >= F1_FLOOR else 1


if __name__ == "__main__":
    sys.exit(main())
