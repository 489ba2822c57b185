"""Test helpers for the watch loop: a small news feed written for these tests (no outside text), served on
loopback by ``ingest_support.serve``, and a webhook receiver that can be taken down and brought back.

The history: Islamic State attacks in Syria from September 2025 (its origin), and one civic story a month from
Jordan (so coded news watches Jordan for more than the 180 days the new-theatre rule asks). The new item: an
Islamic State attack in Jordan in April 2026, which makes Jordan a new theatre."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

from ingest.ingest_support import running

SYRIA = [
    ("Tue, 09 Sep 2025 08:00:00 GMT",
     "Militants attack checkpoint in Deir ez-Zor",
     "DEIR EZ-ZOR, Syria, Sept. 8 - Islamic State militants attacked an army checkpoint near Deir ez-Zor "
     "on Monday, killing four soldiers, a military source said. The group claimed the attack in a "
     "statement.</p><p>Residents of nearby villages said they heard gunfire for more than an hour before "
     "dawn. The checkpoint guards the road to the river crossing, which traders use to bring grain from "
     "the east."),
    ("Wed, 15 Oct 2025 08:00:00 GMT",
     "Bombing kills civilians in Mayadin",
     "MAYADIN, Syria, Oct. 14 - A car bomb planted by Islamic State fighters exploded in a market in "
     "Mayadin on Tuesday, killing six civilians, local officials said. Rescue teams searched the rubble "
     "into the night.</p><p>Shopkeepers closed the market for the rest of the week. Doctors at the town "
     "clinic said they had treated eleven wounded people, two of them children, and asked for more blood "
     "donors."),
]
JORDAN = [
    ("Mon, 01 Sep 2025 08:00:00 GMT",
     "Amman opens new bus line",
     "AMMAN, Jordan - The city of Amman opened a rapid bus line between Sweileh and the downtown on "
     "Monday. Officials in Jordan said the buses would carry forty thousand riders a day.</p><p>The line "
     "uses forty new buses bought with a loan from a regional bank. Fares will stay at the old price until"
     " the end of the year, the transport department said."),
    ("Wed, 01 Oct 2025 08:00:00 GMT",
     "Irbid university expands library",
     "IRBID, Jordan - Yarmouk University in Irbid opened a larger library on Wednesday with room for two "
     "thousand readers. Students in Jordan had asked for longer opening hours for years.</p><p>The "
     "building was paid for by former students and a local bank. It holds a reading room for the blind and"
     " a hall for public lectures on Thursday evenings."),
    ("Mon, 03 Nov 2025 08:00:00 GMT",
     "Aqaba port handles record cargo",
     "AQABA, Jordan - The port of Aqaba handled a record amount of cargo in October, the port company said"
     " on Monday. Exporters across Jordan expect further growth next spring.</p><p>Most of the growth came"
     " from fertiliser and phosphate shipped to Asia. The company plans to deepen one berth so that larger"
     " ships can dock without waiting offshore. Police in Aqaba arrested two dock workers on Sunday after "
     "a fight over unpaid wages, a spokesman said."),
    ("Mon, 01 Dec 2025 08:00:00 GMT",
     "Zarqa hospital adds wing",
     "ZARQA, Jordan - A public hospital in Zarqa added a maternity wing with sixty beds on Monday, the "
     "health ministry of Jordan said. Nurses were hired from nearby towns.</p><p>The wing has four "
     "delivery rooms and a small unit for premature babies. Families had travelled to the capital for such"
     " care until now, doctors said. Dozens of residents of Zarqa protested outside the ministry on Sunday"
     " to demand a second clinic."),
    ("Thu, 01 Jan 2026 08:00:00 GMT",
     "Madaba mosaic museum reopens",
     "MADABA, Jordan - The mosaic museum in Madaba reopened on Thursday after a year of restoration work. "
     "Tourism officials in Jordan hope to draw more visitors in the spring.</p><p>Conservators cleaned the"
     " floor of a sixth century church and fixed loose stones. The museum will open late on Saturdays "
     "during the tourist season."),
    ("Mon, 02 Feb 2026 08:00:00 GMT",
     "Karak farmers report good olive harvest",
     "KARAK, Jordan - Olive farmers around Karak reported their best harvest in a decade, the agriculture "
     "ministry of Jordan said on Monday. Presses ran late into the evening.</p><p>Rain in the autumn and a"
     " mild winter helped the trees, farmers said. Prices of oil in the town market fell by a fifth in a "
     "month as supply grew."),
    ("Mon, 02 Mar 2026 08:00:00 GMT",
     "Jerash festival announces programme",
     "JERASH, Jordan - Organisers of the Jerash festival announced a programme of forty concerts on "
     "Monday. Musicians from across Jordan and the region will play in the ancient theatre.</p><p>Tickets "
     "go on sale next week at the visitor centre and online. The festival will also hold a book fair and a"
     " crafts market in the old colonnaded street. Police in Jerash detained a man on Saturday after he "
     "damaged a column near the theatre, officials said."),
    ("Wed, 01 Apr 2026 08:00:00 GMT",
     "Mafraq opens solar plant",
     "MAFRAQ, Jordan - A solar power plant near Mafraq began supplying the grid on Wednesday, the energy "
     "ministry of Jordan said. The plant will power thirty thousand homes.</p><p>The plant covers an area "
     "of farmland leased from local families for twenty years. Engineers said it would save the country "
     "several million dollars in fuel imports a year."),
]
NEW_THEATRE = ("Wed, 15 Apr 2026 08:00:00 GMT",
               "Militants attack border post in Jordan",
               "RUWAISHED, Jordan, April 14 - Islamic State militants attacked a border post near Ruwaished in "
               "eastern Jordan on Tuesday, killing three soldiers, the army said. The group claimed the "
               "attack.</p><p>Soldiers returned fire and the attackers fled towards the desert, the army statement "
               "said. The border crossing was closed to trucks for the day while troops searched the area, and the "
               "wounded were taken to a hospital in Mafraq.")
QUIET = ("Fri, 17 Apr 2026 08:00:00 GMT",
         "Salt council approves park",
         "SALT, Jordan - The council of Salt approved a new park on the hillside on Friday, officials said. "
         "Work in the town in Jordan starts in May.</p><p>The park will have a playground, olive trees and a "
         "path along the old stone terraces. Residents had asked for green space in the crowded centre for "
         "many years.")

Entry = tuple[str, str, str]


def rss(entries: list[Entry], title: str = "Test wire") -> bytes:
    """An RSS 2.0 feed whose items carry their whole text (content:encoded)."""
    items = "".join(
        f"<item><title>{escape(t)}</title><pubDate>{d}</pubDate><guid>{escape(t)}</guid>"
        f"<content:encoded><![CDATA[<p>{body}</p>]]></content:encoded></item>"
        for d, t, body in entries)
    return (f'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>{title}</title>{items}</channel></rss>").encode()


@dataclass
class Hook:
    """A webhook receiver on loopback: every JSON body it took; ``up=False`` answers 503."""

    received: list[dict[str, object]] = field(default_factory=list)
    up: bool = True
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def ids(self) -> list[str]:
        return [str(b["alert_id"]) for b in self.received]


@contextmanager
def hook() -> Iterator[Hook]:
    state = Hook()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if state.up:
                state.received.append(json.loads(body))
            self.send_response(200 if state.up else 503)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    with running(ThreadingHTTPServer(("127.0.0.1", 0), Handler)) as port:
        state.port = port
        yield state
