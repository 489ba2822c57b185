"""Build a corpus of HTML news pages for the throughput benchmarks (written to a folder, never committed).

Sources: the sample corpus's HTML pages (corpus/html) and the article-extraction-benchmark pages in
../shared (real publishers' pages, messy markup). Pages written:

1. every source page as it is (real-world markup for the cleaner);
2. ``--variants`` copies of each source page with its paragraphs shuffled inside their parents, a
   new publication date and a new outlet name (a syndicated rewrite: the near-duplicate path);
3. composite pages up to ``--n``: a title from one source and paragraphs drawn from three or four
   other sources, shuffled, in a plain article template with a date and an outlet (distinct
   articles that go through the whole NLP and coding path).

Usage: python benchmarks/make_html_corpus.py OUT [--n 2000] [--variants 2] [--seed 7]
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

from lxml import etree
from lxml import html as lhtml

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data" / "article-extraction-benchmark"
OUTLETS = ("Harbour Ledger", "Northern Dispatch", "Levant Evening Post", "Gulf Morning Star", "Tigris Courier",
           "Atlas Daily", "Sahel Observer", "Bosphorus Review", "Cedar Gazette", "Euphrates Mail")


def source_pages() -> list[tuple[str, bytes]]:
    """(name, HTML bytes) of the sample corpus's pages and the shared benchmark's pages."""
    pages = [(p.stem, p.read_bytes()) for p in sorted((REPO / "corpus" / "html").glob("*.html"))]
    if (SHARED / "html").is_dir():
        pages += [(p.name.split(".")[0][:16], gzip.decompress(p.read_bytes()))
                  for p in sorted((SHARED / "html").glob("*.html.gz"))]
    else:
        print(f"note: {SHARED} not found; using the sample corpus only", file=sys.stderr)
    return pages


def paragraphs_of(page: bytes) -> tuple[str | None, list[str]]:
    """A page's title and its substantial <p> texts."""
    try:
        tree = lhtml.fromstring(page)
    except (etree.ParserError, ValueError):
        return None, []
    title = tree.findtext(".//title")
    paras = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    return (title.strip() if title else None), [p for p in paras if len(p.split()) >= 12]


def ground_truth_paragraphs() -> list[str]:
    path = SHARED / "ground-truth.json"
    if not path.is_file():
        return []
    truth = json.loads(path.read_text(encoding="utf-8"))
    return [p.strip() for item in truth.values() for p in (item.get("articleBody") or "").split("\n")
            if len(p.split()) >= 12]


def shuffled_variant(page: bytes, rng: random.Random, day: date, outlet: str) -> bytes | None:
    """The page with its paragraphs shuffled within each parent and a new date and outlet in the head."""
    try:
        tree = lhtml.fromstring(page)
    except (etree.ParserError, ValueError):
        return None
    parents = {p.getparent() for p in tree.iter("p") if p.getparent() is not None}
    for parent in parents:
        paras = [c for c in parent if c.tag == "p"]
        slots = [parent.index(p) for p in paras]
        rng.shuffle(paras)
        for slot, para in zip(slots, paras, strict=True):
            parent.insert(slot, para)
    head = tree.find(".//head")
    if head is not None:
        for prop, value in (("article:published_time", day.isoformat()), ("og:site_name", outlet)):
            meta = etree.SubElement(head, "meta")
            meta.set("property", prop)
            meta.set("content", value)
    return bytes(lhtml.tostring(tree, encoding="utf-8"))


def composite(title: str, paras: list[str], day: date, outlet: str, n: int) -> bytes:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    slug = f"https://{outlet.lower().replace(' ', '')}.example/{day:%Y/%m/%d}/story-{n}"
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)} | {outlet}</title>"
            f"<meta property='og:site_name' content='{outlet}'><link rel='canonical' href='{slug}'>"
            f"<meta property='article:published_time' content='{day.isoformat()}T08:00:00Z'></head><body>"
            f"<header><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav></header><article>"
            f"<h1>{html.escape(title)}</h1><p class='byline'>By Staff Reporter</p>\n{body}</article>"
            f"<footer><p>Copyright {day.year} {outlet}. All rights reserved.</p></footer></body></html>").encode()


def build(out: Path, n: int = 2000, variants: int = 2, seed: int = 7) -> list[Path]:
    """Write at least ``n`` pages (more when the source pages and their variants already exceed it)."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    sources = source_pages()
    pool = [p for _, page in sources for p in paragraphs_of(page)[1]] + ground_truth_paragraphs()
    titles = [t for _, page in sources if (t := paragraphs_of(page)[0])]
    start = date(2016, 1, 1)
    pages: list[bytes] = [page for _, page in sources]
    for _, page in sources:
        for _ in range(variants):
            day = start + timedelta(days=rng.randrange(1400))
            varied = shuffled_variant(page, rng, day, rng.choice(OUTLETS))
            if varied is not None:
                pages.append(varied)
    while len(pages) < n:
        day = start + timedelta(days=rng.randrange(1400))
        paras = rng.sample(pool, min(len(pool), rng.randint(6, 14)))
        pages.append(composite(rng.choice(titles), paras, day, rng.choice(OUTLETS), len(pages)))
    written = []
    for i, page in enumerate(pages):
        path = out / f"page-{i:05d}.html"
        path.write_bytes(page)
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--variants", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    written = build(args.out, args.n, args.variants, args.seed)
    size = sum(p.stat().st_size for p in written)
    print(f"{len(written)} pages, {size / 1e6:.1f} MB -> {args.out}")


if __name__ == "__main__":
    main()
