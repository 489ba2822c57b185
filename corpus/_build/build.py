"""Write the sample corpus and its gold labels from the report definitions in this folder.

Usage (from the repository root): python corpus/_build/build.py corpus
The report texts live in reports_txt.py and reports_other.py, the facts in facts.py, and the
outlet page furniture in render.py; edit those, then rebuild and run tests/corpus.
"""
import copy
import json
import sys
from pathlib import Path

import render
from facts import FACTS
from reports_other import CEDAR_REPORTS, HARBOUR_REPORTS, HTML_REPORTS, RSS_REPORTS
from reports_txt import REPORTS as TXT_REPORTS

OUT = Path(sys.argv[1])
FORMS = {"txt": "txt", "html": "html", "feeds": "rss", "jsonl": "jsonl"}


def find(key, index=None):
    pool = TXT_REPORTS + HTML_REPORTS + RSS_REPORTS + HARBOUR_REPORTS + CEDAR_REPORTS
    hits = [r for r in pool if r["key"] == key]
    return hits[index or 0]


def syn(orig, key, outlet, url, date, title, drop_last=False, orig_index=None, **kw):
    r = copy.deepcopy(orig)
    for k in ("related", "video", "caption", "standfirst", "city", "section", "byline", "sponsored"):
        r.pop(k, None)
    if drop_last:
        r["paras"] = r["paras"][:-1]
    r.update(key=key, outlet=outlet, url=url, date=date, title=title,
             syndicated_of=orig["key"], syndicated_of_record=orig_index, **kw)
    return r


SYN_TXT = [
    syn(find("txt/lw-karak-islamic-state-claim.txt"), "txt/md-karak-claim-syndicated.txt", "Meridian Daily",
        "https://meridiandaily.example/world/middle-east/jordan-karak-islamic-state-claim",
        "2016-12-20T12:30:00+00:00", "Jordan: Islamic State says it carried out Karak attack",
        form="txt", related=["Jordan's tourism sector after Karak"]),
    syn(find("feeds/gulf-dispatch-conflict.xml", 0), "txt/cb-mosul-victory-syndicated.txt",
        "Coastline Broadcasting", "https://coastline.example/news/2017-07-11/mosul-victory-declared/81377",
        "2017-07-11T05:40:00+10:00", "Mosul: Iraq declares victory over Islamic State", drop_last=True,
        orig_index=0, form="txt", video="Inside Mosul after the battle", duration="2:31"),
]
SYN_HTML = [
    syn(find("txt/md-manchester-arena-bombing.txt"), "html/cg-manchester-claim-syndicated.html",
        "Capital Gazette Online", "https://capitalgazette.example/world/2017/05/23/manchester-arena-bombing",
        "2017-05-23T10:05:00-04:00", "Islamic State claims Manchester Arena bombing that killed 22",
        form="html", slug="cg-manchester-claim-syndicated", caption="Police outside Manchester Arena.",
        related=["Europe's security services on alert"]),
]
SYN_CEDAR = [
    syn(find("html/cg-jordan-border-car-bomb.html"), "jsonl/cedar-post-feed.jsonl", "Cedar Post",
        "https://cedarpost.example/region/2016/06/21/rukban-car-bomb-jordan", "2016-06-21T22:00:00+03:00",
        "Seven Jordanian security personnel killed by car bomb near Rukban", drop_last=True),
]


def body_words(r):
    return sum(len(p.split()) for p in r["paras"])


def main():
    gold = []
    txt = TXT_REPORTS + SYN_TXT
    html = HTML_REPORTS + SYN_HTML
    for r in txt:
        (OUT / r["key"]).parent.mkdir(parents=True, exist_ok=True)
        (OUT / r["key"]).write_text(render.TXT[r["outlet"]](r), encoding="utf-8")
        gold.append((r, None))
    for r in html:
        (OUT / r["key"]).parent.mkdir(parents=True, exist_ok=True)
        (OUT / r["key"]).write_text(render.HTML[r["outlet"]](r), encoding="utf-8")
        gold.append((r, None))
    (OUT / "feeds").mkdir(parents=True, exist_ok=True)
    (OUT / RSS_REPORTS[0]["key"]).write_text(render.rss_feed(RSS_REPORTS), encoding="utf-8")
    gold += [(r, i) for i, r in enumerate(RSS_REPORTS)]
    (OUT / "jsonl").mkdir(parents=True, exist_ok=True)
    for recs, field in ((HARBOUR_REPORTS, "text"), (CEDAR_REPORTS[:2] + SYN_CEDAR + CEDAR_REPORTS[2:], "html")):
        lines = [render.jsonl_record(r, field) for r in recs]
        (OUT / recs[0]["key"]).write_text("\n".join(lines) + "\n", encoding="utf-8")
        gold += [(r, i) for i, r in enumerate(recs)]
    entries = []
    for r, i in gold:
        kind = r.get("kind") or ("syndicated" if r.get("syndicated_of") else "event")
        entries.append({
            "file": r["key"], "record": i, "form": FORMS[r["key"].split("/")[0]],
            "outlet": r["outlet"], "url": r["url"], "date": r["date"][:10] if r.get("date") else None,
            "published": r.get("date"), "title": r["title"], "kind": kind,
            "syndicated_of": r.get("syndicated_of"), "syndicated_of_record": r.get("syndicated_of_record"),
            "facts": r["facts"], "context_facts": r["context"], "body_words": body_words(r),
        })
    (OUT / "gold").mkdir(parents=True, exist_ok=True)
    for name, data in (("reports.json", entries), ("facts.json", FACTS)):
        text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
        (OUT / "gold" / name).write_text(text, encoding="utf-8")
    print(len(entries), "reports;", len(FACTS), "facts")


main()
