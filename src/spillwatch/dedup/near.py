"""Near-duplicate articles: MinHash signatures of body text and an LSH index over them.

Input: cleaned ``records.Article`` values (only their body paragraphs are read: titles,
datelines, bylines, captions and credits are the "furniture" that syndicating outlets change).
Output: a ``Signature`` per article (serialisable with ``to_bytes``/``from_bytes`` for the
store) and, from ``NearDupIndex.query``, the best earlier article it copies with an estimated
Jaccard similarity of their word-shingle sets.
Declines: bodies shorter than ``MIN_SHINGLES`` shingles get an empty signature that never
matches anything (too little text to tell a copy from a coincidence; exact copies are still
caught by ``Article.id``, a hash of the cleaned text).

Threshold: a copy is a near-duplicate when the estimated Jaccard similarity of the two sets
of 3-word shingles is at least ``JACCARD_THRESHOLD`` (0.5), or when the shorter body is almost
wholly contained in the longer one (estimated containment >= ``CONTAINMENT_THRESHOLD``, 0.9,
which catches a copy that drops the last paragraphs). A syndicated copy scores near 1.0; a
rewrite with a new headline, a trimmed paragraph and a few changed words stays above 0.5;
independent reports of the same event share names and numbers but few 3-word runs and score
below 0.15 in the tests (tests/dedup/test_near.py measures each case).

Dates from copies (``dated_by_copies``): an article stored without a publication date whose
near-duplicate copies (stored later, not coded themselves) carry one takes the earliest of them
as a "no later than" bound (method "estimated"; ``nlp.anchor`` reads the evidence): the text
existed by the day its first dated copy was published, so its events are dated from that bound
instead of being left undated beside the same event reported by the dated copy.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import NamedTuple

import numpy as np
from datasketch import MinHash, MinHashLSH

from spillwatch.records import Article, DateInfo

NUM_PERM = 128
SHINGLE_WORDS = 3
MIN_SHINGLES = 8
JACCARD_THRESHOLD = 0.5
CONTAINMENT_THRESHOLD = 0.9
LSH_THRESHOLD = 0.3  # candidate recall: the LSH bands let pairs from ~0.3 through to be checked
_SCHEME = "affine32"
_SEED = 1
_WORD = re.compile(r"\w+", re.UNICODE)
_HEADER = struct.Struct("<HI")  # num_perm, shingle count


@dataclass(frozen=True, slots=True)
class Signature:
    """MinHash of an article body's word shingles; ``shingles`` is the set size (0 = too short)."""

    shingles: int
    hashes: tuple[int, ...]

    @property
    def empty(self) -> bool:
        return self.shingles < MIN_SHINGLES

    def to_bytes(self) -> bytes:
        values = np.asarray(self.hashes, dtype="<u4").tobytes()
        return _HEADER.pack(len(self.hashes), self.shingles) + values

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        num, shingles = _HEADER.unpack_from(data)
        values = np.frombuffer(data, dtype="<u4", count=num, offset=_HEADER.size)
        return cls(shingles, tuple(int(v) for v in values))


class Match(NamedTuple):
    """The indexed article a query copies, with estimated Jaccard and containment."""

    article_id: str
    jaccard: float
    containment: float


def encode_signature(sig: Signature) -> bytes:
    """Bytes for the store (``Signature.to_bytes``)."""
    return sig.to_bytes()


def decode_signature(data: bytes) -> Signature:
    """A signature back from the store's bytes."""
    return Signature.from_bytes(data)


def body_text(article: Article) -> str:
    """The text a signature is taken over: body paragraphs, or all blocks when none is marked body."""
    paragraphs = article.paragraphs
    return "\n".join(paragraphs) if paragraphs else article.text


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Lower-cased word n-grams (case, punctuation and spacing changes do not matter)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature_of_text(text: str) -> Signature:
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return Signature(len(grams), ())
    mh = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME)
    mh.update_batch(sorted(grams))
    return Signature(len(grams), tuple(int(v) for v in mh.hashvalues))


def signature(article: Article) -> Signature:
    """Signature of an article's body text (see module docstring for what counts as body)."""
    return signature_of_text(body_text(article))


def _minhash(sig: Signature) -> MinHash:
    values = np.asarray(sig.hashes, dtype=np.uint32)
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME, hashvalues=values)


def estimate(a: Signature, b: Signature) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger) estimated from two signatures."""
    if a.empty or b.empty:
        return 0.0, 0.0
    jac = float(np.mean(np.asarray(a.hashes) == np.asarray(b.hashes)))
    inter = jac / (1.0 + jac) * (a.shingles + b.shingles)
    return jac, min(1.0, inter / min(a.shingles, b.shingles))


def is_near_duplicate(jaccard: float, containment: float) -> bool:
    return jaccard >= JACCARD_THRESHOLD or containment >= CONTAINMENT_THRESHOLD


class NearDupIndex:
    """In-memory LSH index of article signatures; ``rebuild_index`` restores it from the store."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._sigs: dict[str, Signature] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._sigs

    def add(self, article_id: str, sig: Signature) -> None:
        """Index one article (idempotent; empty signatures are remembered but never match)."""
        if article_id in self._sigs:
            return
        self._sigs[article_id] = sig
        if not sig.empty:
            self._lsh.insert(article_id, _minhash(sig))

    def query(self, sig: Signature) -> Match | None:
        """Best near-duplicate already indexed (highest Jaccard, then smallest id), or None."""
        if sig.empty:
            return None
        best: Match | None = None
        for cand in sorted(self._lsh.query(_minhash(sig))):
            jac, cont = estimate(sig, self._sigs[cand])
            if not is_near_duplicate(jac, cont):
                continue
            if best is None or (jac, cont) > (best.jaccard, best.containment):
                best = Match(cand, jac, cont)
        return best


def rebuild_index(entries: Iterable[tuple[str, Signature | bytes]]) -> NearDupIndex:
    """An index holding every stored (article id, signature or its bytes)."""
    index = NearDupIndex()
    for article_id, sig in entries:
        index.add(article_id, Signature.from_bytes(sig) if isinstance(sig, bytes) else sig)
    return index


def dated_by_copies(article: Article, copies: Iterable[tuple[str, date | datetime]]) -> Article:
    """The article with its earliest dated copy's day as a "no later than" publication date.

    ``copies``: (article id, publication date) of its near-duplicate copies whose date is stated
    (metadata or text). An article that has a date, or no dated copy, is returned unchanged.
    """
    if article.published.value is not None:
        return article
    days = sorted((d.date() if isinstance(d, datetime) else d, cid) for cid, d in copies)
    if not days:
        return article
    day, cid = days[0]
    evidence = f"no later than {day.isoformat()}: published date of near-duplicate copy {cid}"
    return replace(article, published=DateInfo(day, "estimated", evidence))
