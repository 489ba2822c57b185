"""The relevance gate: decide, before the spaCy parse, whether an article can hold an event.

Input: cleaned ``Article`` records and the settings. Output: one ``Relevance`` per article. The
gate runs the event detector (``model.py``) over every sentence of the title, body and captions
(split by punctuation, no parse) and lets the article through when any sentence reaches the
detector's event threshold: the same threshold the coder applies per sentence after the parse, so
the gate drops only articles the coder would have found no event in. ``relevance_gate = false`` in
the settings (``--no-gate``) lets everything through. Declines nothing itself: a skipped article is
stored, counted and listed (``spillwatch articles --skipped``), never quarantined.
"""

from __future__ import annotations

from collections.abc import Sequence

from spillwatch.records import Article, Relevance
from spillwatch.relevance.features import sentences
from spillwatch.relevance.model import DetectorModel, load_detector
from spillwatch.settings import Settings

GATED_ROLES = ("title", "body", "caption")
MAX_SENTENCES = 400  # a book-length page: its first 400 sentences decide


def detector(settings: Settings) -> DetectorModel:
    return load_detector(settings.detector_model)


def model_tag(model: DetectorModel) -> str:
    return str(model.meta.get("data_sha256", ""))[:12]


def gate_articles(articles: Sequence[Article], settings: Settings) -> list[Relevance]:
    """One decision per article, in order."""
    if not settings.relevance_gate:
        return [Relevance(True, 1.0, "gate off") for _ in articles]
    model = detector(settings)
    return [gate_one(a, model, settings.event_threshold) for a in articles]


def gate_one(article: Article, model: DetectorModel, threshold: float) -> Relevance:
    texts = [s for b in article.blocks if b.role in GATED_ROLES for s in sentences(b.text)][:MAX_SENTENCES]
    if not texts:
        return Relevance(False, 0.0, "no title, body or caption text", model_tag(model))
    probs = model.event_proba(texts)
    best = int(probs.argmax())
    score = float(probs[best])
    if score >= threshold:
        return Relevance(True, round(score, 4), f"event p={score:.2f} >= {threshold:.2f}", model_tag(model))
    snippet = texts[best][:80]
    reason = f"no sentence reads as an event (best p={score:.2f} < {threshold:.2f}: {snippet!r})"
    return Relevance(False, round(score, 4), reason, model_tag(model))
