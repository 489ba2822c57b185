"""The local runner: ``run.phases`` in this process (``Inline``), one writer.

Kept as the one-process entry point (``Spillwatch.ingest``, tests); the phases themselves live in
``run/phases.py`` and are shared with the parallel runner and the Spark loader.
"""

from __future__ import annotations

from collections.abc import Sequence

from spillwatch.ingest.sources import iter_items
from spillwatch.run.phases import Progress, _noop
from spillwatch.run.phases import ingest as _ingest
from spillwatch.settings import Settings
from spillwatch.stages import DEFAULT, Pipeline
from spillwatch.store.base import StageStats, Store

__all__ = ["SOURCES", "Progress", "_noop", "ingest"]

SOURCES = iter_items  # the ingest stage (sources -> raw items or quarantine records)


def ingest(sources: Sequence[str], store: Store, settings: Settings, progress: Progress = _noop, *,
           stages: Pipeline = DEFAULT, retry_quarantined: bool = False) -> StageStats:
    """Read every source, clean and store each document, then code and cluster what is new (one process)."""
    return _ingest(sources, store, settings, workers=1, progress=progress, stages=stages,
                   retry_quarantined=retry_quarantined)
