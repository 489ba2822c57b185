"""The parallel runner: ``run.phases`` over a process pool (``run.executors.Pool``), one writer.

Workers clean raw items and understand stored articles; results come back in submission order, so
near-duplicate decisions and every stored row are the same as a one-process run on the same input.
Resumable and fault-isolating as the phases are (see ``run/phases.py`` and ``run/executors.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from spillwatch.run.phases import WORKER_FAILED, Progress, _noop
from spillwatch.run.phases import ingest as _ingest
from spillwatch.settings import Settings
from spillwatch.stages import DEFAULT, Pipeline
from spillwatch.store.base import StageStats, Store

__all__ = ["WORKER_FAILED", "ingest"]


def ingest(sources: Sequence[str], store: Store, settings: Settings, *, workers: int = 2,
           progress: Progress = _noop, batch: int = 8, deadline: float | None = None,
           stages: Pipeline = DEFAULT, retry_quarantined: bool = False) -> StageStats:
    """Read every source, clean and store each document, then code and cluster what is new.

    ``workers`` processes clean and understand (``<= 1``: in this process); this process writes.
    ``deadline``: seconds a worker may spend cleaning one document (default 3 x extract_timeout).
    """
    return _ingest(sources, store, settings, workers=workers, progress=progress, batch=batch, deadline=deadline,
                   stages=stages, retry_quarantined=retry_quarantined)
