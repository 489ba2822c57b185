"""A watch run in its own process, for the kill -9 test: ``python watch_child.py DB FEED HOOK FILE CRASH``.

One cycle (``--once``) of the watch on FEED with a file sink and a webhook sink. CRASH names the point where the
process kills itself with SIGKILL (no clean-up of any kind runs), or ``none``:
  stored     after the first new document was stored, before coding
  coded      after coding, before clustering
  rules      inside the transaction that stores the new alerts and queues them, before it commits
  delivered  after the file sink took an alert, before the delivery was marked done
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Any

from spillwatch.api import Spillwatch
from spillwatch.monitor import loop, outbox, sinks
from spillwatch.run import phases
from spillwatch.settings import Settings


def die(*args: Any, **kwargs: Any) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def after(fn: Any) -> Any:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        result = fn(*args, **kwargs)
        die()
        return result

    return wrapped


def main(db: str, feed: str, hook: str, file: str, crash: str) -> None:
    if crash == "stored":
        phases.store_cleaned = after(phases.store_cleaned)
    elif crash == "coded":
        phases.cluster_phase = die
    elif crash == "rules":
        outbox.queue = after(outbox.queue)
    elif crash == "delivered":
        original = sinks.deliver

        def deliver_then_die(sink: sinks.Sink, alert: Any, settings: Settings) -> None:
            original(sink, alert, settings)
            if sink.kind == "file":
                die()

        outbox.deliver = deliver_then_die
    settings = Settings(db=db, allow_private_urls=True, per_host_delay=0.0)
    with Spillwatch(settings=settings) as sw:
        plan = sw.watch_plan([feed], ["ISL"], [f"file:{file}", f"webhook:{hook}"], "15m")
        watcher = loop.Watcher(sw.store, sw.settings, plan)
        loop.run(watcher, threading.Event(), lambda r: print(r.line()), print, once=True)


if __name__ == "__main__":
    main(*sys.argv[1:6])
