"""GeoWebNews reader (Gritta et al. 2019): input the corpus XML, output articles' texts with their
gold toponyms, split by article (``tune`` 1-100 fits ``geo/train_ranker.py``; ``report`` 101-200
is what ``eval/geowebnews.py --split report`` reports), and one-to-one span matching.

Used by ``eval/geowebnews.py`` (which also fits the ranker) only; the corpus stays in ../shared/data.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from spillwatch.records import Span

LITERAL = frozenset({"Literal", "Literal_Modifier", "Mixed", "Coercion", "Embedded_Literal"})
ASSOCIATIVE = frozenset({"Non_Literal_Modifier", "Embedded_Non_Lit", "Metonymic", "Demonym"})
SPLITS = {"all": slice(None), "tune": slice(0, 100), "report": slice(100, 200)}


@dataclass(frozen=True)
class Gold:
    span: Span
    text: str
    type: str
    lat: float | None
    lon: float | None
    geonameid: int | None = None


def load(xml: Path, limit: int | None = None, split: str = "all") -> list[tuple[str, list[Gold]]]:
    root = ET.parse(xml).getroot()
    docs: list[tuple[str, list[Gold]]] = []
    for art in root.findall("article")[SPLITS[split]][:limit]:
        golds = []
        for t in art.find("toponyms") or []:
            lat, lon, gid = t.findtext("latitude"), t.findtext("longitude"), t.findtext("geonamesID")
            golds.append(Gold(Span(int(t.findtext("start") or 0), int(t.findtext("end") or 0)),
                              t.findtext("extractedName") or "", t.findtext("type") or "",
                              float(lat) if lat else None, float(lon) if lon else None,
                              int(gid) if gid else None))
        docs.append((art.findtext("text") or "", golds))
    return docs


def match(gold: list[Span], pred: list[Span], exact: bool) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs: equal spans, or overlapping ones."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi in used:
                continue
            ok = (g == p) if exact else (g.start < p.end and p.start < g.end)
            if ok:
                pairs.append((gi, pi))
                used.add(pi)
                break
    return pairs
