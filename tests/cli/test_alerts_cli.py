"""`spillwatch alerts ACTOR` with nothing new says why in one line, instead of an empty table alone (issue 26's
analyst pass: "alerts ISL --as-of 2016-12 prints an empty table with no reason")."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from spillwatch.cli import main


def test_no_new_alert_says_what_an_alert_needs(tmp_path: Path) -> None:
    page = tmp_path / "raqqa.txt"
    page.write_text("Islamic State militants attacked an army checkpoint in Raqqa, Syria, on 3 March 2016, "
                    "killing four soldiers, officials said.\n", encoding="utf-8")
    db = str(tmp_path / "a.duckdb")
    assert CliRunner().invoke(main, ["ingest", str(page), "--db", db]).exit_code == 0
    result = CliRunner().invoke(main, ["alerts", "ISL", "--db", db, "--as-of", "2016-03"])
    assert result.exit_code == 0, result.output
    assert "no new alert for ISL as of 2016-03" in result.output and "spillwatch risk ISL" in result.output
