"""A stage module whose import, inside a pool worker, says so and then waits until the test opens the gate.

It stands for the seconds spaCy and the stage modules take to import in a starting worker on a busy
machine. ``SPILLWATCH_TEST_IMPORT_GATE`` names a folder: a worker importing this module touches
``reached-PID`` there and waits for a file ``open``; the process named by
``SPILLWATCH_TEST_IMPORT_GATE_OWNER`` (the run's parent, which sets it to its own pid) imports it
without waiting. ``gated()`` is the default pipeline with its parse stage from here.
"""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from spillwatch.stages import DEFAULT, Pipeline

_GATE = os.environ.get("SPILLWATCH_TEST_IMPORT_GATE")
if _GATE and os.environ.get("SPILLWATCH_TEST_IMPORT_GATE_OWNER") != str(os.getpid()):
    Path(_GATE, f"reached-{os.getpid()}").touch()
    while not Path(_GATE, "open").exists():  # an event the test sends, not a time it assumes
        time.sleep(0.05)


def parse(value: Any, settings: Any) -> Any:
    return DEFAULT.parse.fn(value, settings)


def gated() -> Pipeline:
    return replace(DEFAULT, parse=replace(DEFAULT.parse, fn=parse))
