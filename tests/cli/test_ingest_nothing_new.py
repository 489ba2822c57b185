"""`ingest` on sources with nothing new exits 0 and says so (issue 27): a feed answering 304 Not Modified to the
conditional GET, a folder ingested before; a run where everything failed still exits 1."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ingest.ingest_support import Route, serve
from spillwatch.cli import main

FEED = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test wire</title>
<item><title>Market reopens</title><pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>The covered market in the old town reopened on Monday after eight months of
repairs to its roof, traders said.</p><p>Stall holders had moved to a car park by the river while builders replaced the
beams, and most of them said that trade had fallen by half over the winter.</p><p>The town council paid for the work
and said that the market would stay open late on Fridays through the summer.</p>]]></content:encoded></item>
</channel></rss>"""


def test_a_feed_answering_304_is_nothing_new_and_exit_0(tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    with serve({"/feed.xml": Route(FEED, "application/rss+xml", etag='"v1"')}) as server:
        url = server.url("/feed.xml")
        first = CliRunner().invoke(main, ["ingest", url, "--db", db, "--allow-private"])
        assert first.exit_code == 0, first.output
        assert "stored 1" in first.output and "nothing new" not in first.output
        again = CliRunner().invoke(main, ["ingest", url, "--db", db, "--allow-private"])
        assert server.count("/feed.xml", 304) == 1
    assert again.exit_code == 0, again.output
    assert "read 0, stored 0" in again.output and "not modified 1 (nothing new)" in again.output


def test_a_folder_seen_before_is_nothing_new_and_a_failed_run_exits_1(tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The council met on Monday and approved the new budget for the harbour.\n")
    assert CliRunner().invoke(main, ["ingest", str(folder), "--db", db]).exit_code == 0
    again = CliRunner().invoke(main, ["ingest", str(folder), "--db", db])
    assert again.exit_code == 0 and "(nothing new)" in again.output, again.output
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.bin").write_bytes(b"\x00" * 40)
    failed = CliRunner().invoke(main, ["ingest", str(bad), "--db", db])
    assert failed.exit_code == 1 and "quarantined 1" in failed.output and "nothing new" not in failed.output


def test_documents_quarantined_before_are_counted_as_held_back(tmp_path: Path) -> None:
    # The summary used to leave them out: "read 191 ... quarantined 5" for 186 records quarantined before.
    db = str(tmp_path / "t.duckdb")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (folder / "a.txt").write_text("The council met on Monday and approved the new budget for the harbour.\n")
    first = CliRunner().invoke(main, ["ingest", str(folder), "--db", db])
    assert "quarantined 1" in first.output and "held back" not in first.output, first.output
    again = CliRunner().invoke(main, ["ingest", str(folder), "--db", db])
    assert again.exit_code == 0 and "read 2, stored 0, duplicates 1" in again.output, again.output
    assert "held back 1 (quarantined before: --retry-quarantined tries them again)" in again.output
