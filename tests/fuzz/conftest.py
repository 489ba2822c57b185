"""The fuzz tally: inputs, refusals and crashes per parser, printed after the run (and written as JSON
to ``$SPILLWATCH_FUZZ_REPORT`` when set, as `make fuzz` does)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fuzz.fuzz_support import TALLY, report_lines, write_report


@pytest.fixture(scope="session")
def tmp_path_factory_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the inputs fuzz tests write (hypothesis reruns a test, so not function-scoped)."""
    return tmp_path_factory.mktemp("fuzz")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TALLY:
        return
    terminalreporter.section("fuzz tally")
    for line in report_lines():
        terminalreporter.write_line(line)
    target = os.environ.get("SPILLWATCH_FUZZ_REPORT")
    if target:
        write_report(target)
