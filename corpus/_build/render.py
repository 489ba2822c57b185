"""Outlet furniture for each form. Every outlet renders the same way on all its pages."""
import datetime as dt
import html
import json

MONTHS_AP = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]


def _d(iso):
    return dt.datetime.fromisoformat(iso)


def esc(s):
    return html.escape(s, quote=False)


def attr(s):
    return html.escape(s, quote=True)


# ------------------------------------------------------------------ txt outlets
def txt_levant_wire(r):
    paras = list(r["paras"])
    city = r.get("city", "BEIRUT")
    if r.get("date"):
        d = _d(r["date"])
        lead = f"{city}, {MONTHS_AP[d.month - 1]} {d.day} (Levant Wire) - {paras[0]}"
    else:
        lead = f"{city} (Levant Wire) - {paras[0]}"
    out = ["LEVANT WIRE", r.get("desk", "Middle East | Security") + " | " + r.get("section", "Lebanon"), "",
           r["title"], "", lead]
    for i, p in enumerate(paras[1:], start=1):
        if i == 2:
            out += ["", "ADVERTISEMENT"]
        if i == 3 and r.get("related"):
            out += ["", "RELATED: " + r["related"][0]]
        out += ["", p]
    out += ["", "Sign up for the Levant Wire Morning Brief: the region's top stories before breakfast.",
            "", "(Reporting by Levant Wire staff; editing by the Beirut desk)",
            "", "Share: Facebook | X | WhatsApp | Email", "© Levant Wire. All rights reserved.", ""]
    return "\n".join(out)


def txt_northern_ledger(r):
    paras = list(r["paras"])
    out = ["Advertisement", "", r["title"], "", "By " + r.get("byline", "Staff") + " · The Northern Ledger"]
    if r.get("date"):
        d = _d(r["date"])
        h = d.strftime("%I:%M %p").lstrip("0").lower()
        out.append(f"Published: {d.strftime('%B')} {d.day}, {d.year} {h}")
    if r.get("caption"):
        out += ["", r["caption"], r["caption"] + " " + r.get("credit", "Ledger Photo/File")]
    city = r.get("city")
    out += ["", (f"{city} – " if city else "") + paras[0]]
    for i, p in enumerate(paras[1:], start=1):
        if i == 1 and r.get("related"):
            out += ["", "READ MORE: " + r["related"][0]]
        if i == 2 and r.get("video"):
            v = r["video"]
            out += ["", "WATCH: " + v, "", f"Click to play video: '{v}'", v]
        if i == 3:
            out += ["", "Advertisement - scroll to continue"]
        out += ["", p]
    year = _d(r["date"]).year if r.get("date") else 2016
    out += ["", "Get breaking national news from The Northern Ledger delivered to your inbox. Sign up now.",
            "", f"© {year} The Northern Ledger, a division of Ledger Media Inc.", ""]
    return "\n".join(out)


def txt_meridian(r):
    paras = list(r["paras"])
    out = ["Meridian Daily", r.get("section", "World"), "", r["title"]]
    if r.get("standfirst"):
        out += ["", r["standfirst"]]
    if r.get("date"):
        out += ["", "Last updated " + _d(r["date"]).strftime("%d/%m/%Y %H:%M")]
    for i, p in enumerate(paras):
        if i == 2:
            out += ["", "Continue reading below"]
        if i == 3 and r.get("related"):
            out += ["", "Also on Meridian: " + r["related"][0]]
        out += ["", p]
    out += ["", "Sponsored", r.get("sponsored", "Five ways to cut your energy bill before winter arrives"),
            "", "Get Meridian Daily in your inbox: the morning briefing, free. Subscribe", "", "Comments (0)", ""]
    return "\n".join(out)


def txt_coastline(r):
    paras = list(r["paras"])
    out = ["Coastline Broadcasting | News", "", r["title"], ""]
    if r.get("video"):
        out += ["Video: " + r["video"], "Duration " + r.get("duration", "1:52"), ""]
    if r.get("date"):
        d = _d(r["date"])
        h = d.strftime("%I:%M%p").lstrip("0").lower()
        out += [f"Posted {d.strftime('%a %d %b %Y')} at {h}", ""]
    for i, p in enumerate(paras):
        if i == 2:
            out += ["Promoted", r.get("promo", "Stream every Coastline bulletin live, free, on the Coastline app"), ""]
        if i == 3 and r.get("related"):
            out += ["Read more: " + r["related"][0], ""]
        out += [p, ""]
    out += ["Topics: " + r.get("topics", "world, terrorism"), "", "Coastline Broadcasting | Contact us | Terms", ""]
    return "\n".join(out)


def txt_bosphorus(r):
    paras = list(r["paras"])
    out = ["BOSPHORUS COURIER", "Home > World > " + r.get("section", "Turkey"), "", r["title"], ""]
    city = r.get("city", "ISTANBUL")
    if r.get("date"):
        out.append(f"{city} | {_d(r['date']).strftime('%d.%m.%Y %H:%M')} | Bosphorus Courier Newsroom")
    else:
        out.append(f"{city} | Bosphorus Courier Newsroom")
    for i, p in enumerate(paras):
        if i == 1:
            out += ["", "Advertisement"]
        if i == 3 and r.get("related"):
            out += ["", "You may also like: " + r["related"][0]]
        out += ["", p]
    out += ["", "Follow the Bosphorus Courier on X and Instagram for live updates.",
            "", "Tags: " + r.get("topics", "Turkey, security"), ""]
    return "\n".join(out)


TXT = {"Levant Wire": txt_levant_wire, "The Northern Ledger": txt_northern_ledger,
       "Meridian Daily": txt_meridian, "Coastline Broadcasting": txt_coastline,
       "Bosphorus Courier": txt_bosphorus}


# ------------------------------------------------------------------ html outlets
def html_capital_gazette(r):
    d = _d(r["date"])
    ps = [f"    <p>{esc(p)}</p>" for p in r["paras"]]
    if len(ps) > 2:
        ps.insert(2, '    <div class="ad-slot" aria-hidden="true">Advertisement</div>')
    fig = ""
    if r.get("caption"):
        fig = ("    <figure>\n      <img src=\"https://capitalgazette.example/img/" + r["slug"] + ".jpg\" alt=\"\">\n"
               f"      <figcaption>{esc(r['caption'])} <span class=\"credit\">Gazette Photo</span></figcaption>\n"
               "    </figure>\n")
    rel = "\n".join(f'      <li><a href="https://capitalgazette.example/world/{i}">{esc(t)}</a></li>'
                    for i, t in enumerate(r.get("related", []), start=1))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{esc(r['title'])} | Capital Gazette Online</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta property="og:title" content="{attr(r['title'])}">
  <meta property="og:site_name" content="Capital Gazette Online">
  <meta property="article:published_time" content="{d.isoformat()}">
  <link rel="canonical" href="{r['url']}">
</head>
<body>
  <header class="site-header">
    <a class="logo" href="https://capitalgazette.example/">Capital Gazette Online</a>
    <nav><ul>
      <li><a href="/news">News</a></li><li><a href="/world">World</a></li>
      <li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li>
      <li><a href="/opinion">Opinion</a></li>
    </ul></nav>
  </header>
  <main>
  <article>
    <h1>{esc(r['title'])}</h1>
    <p class="byline">By Gazette staff ·
      <time datetime="{d.isoformat()}">{d.strftime('%B')} {d.day}, {d.year}</time></p>
{fig}{chr(10).join(ps)}
  </article>
  <aside class="related">
    <h2>Related</h2>
    <ul>
{rel}
    </ul>
  </aside>
  </main>
  <footer><p>&copy; {d.year} Capital Gazette Online.
    <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p></footer>
</body>
</html>
"""


def html_sahel_monitor(r):
    d = _d(r["date"])
    ps = "\n".join(f"        <p>{esc(p)}</p>" for p in r["paras"])
    rel = "\n".join(f'        <a class="card" href="https://sahelmonitor.example/{i}">{esc(t)}</a>'
                    for i, t in enumerate(r.get("related", []), start=1))
    fig = ""
    if r.get("caption"):
        fig = (f"      <figure class=\"lead\"><img src=\"/media/{r['slug']}.jpg\" alt=\"\">"
               f"<figcaption>{esc(r['caption'])}</figcaption></figure>\n")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(r['title'])} - Sahel Monitor</title>
<meta property="article:published_time" content="{d.isoformat()}">
<meta property="og:url" content="{r['url']}">
<meta name="description" content="{attr(r['paras'][0][:150])}">
</head>
<body class="article-page">
<div class="topbar"><span>Sahel Monitor</span> <a href="/subscribe" class="btn">Subscribe</a></div>
<nav class="main-nav"><a href="/">Home</a> | <a href="/west-africa">West Africa</a> |
  <a href="/north-africa">North Africa</a> | <a href="/analysis">Analysis</a></nav>
<div class="wrap">
  <article class="story">
    <header><span class="kicker">{esc(r.get('kicker', 'Security'))}</span>
      <h1>{esc(r['title'])}</h1>
      <time datetime="{d.date().isoformat()}">{d.day} {d.strftime('%B %Y')}</time>
    </header>
{fig}      <div class="story-body">
{ps}
      </div>
  </article>
  <aside class="more"><h3>More from the Monitor</h3>
{rel}
  </aside>
</div>
<div class="newsletter">The Sahel Monitor weekly digest: sign up for free.</div>
<footer class="site-footer">Sahel Monitor &middot; All rights reserved &middot; <a href="/contact">Contact</a></footer>
</body>
</html>
"""


def html_nile_courier(r):
    d = _d(r["date"])
    ps = []
    for i, p in enumerate(r["paras"]):
        if i == 2 and r.get("video"):
            ps.append(f'      <div class="video-embed"><span>Video: {esc(r["video"])}</span></div>')
        ps.append(f"      <p>{esc(p)}</p>")
    rel = "\n".join(f'      <li><a href="https://nilecourier.example/news/{i}">{esc(t)}</a></li>'
                    for i, t in enumerate(r.get("related", []), start=1))
    fig = ""
    if r.get("caption"):
        fig = (f"      <figure>\n        <img src=\"https://cdn.nilecourier.example/{r['slug']}.jpg\" alt=\"\">\n"
               f"        <figcaption>{esc(r['caption'])}</figcaption>\n      </figure>\n")
    return f"""<html>
<head>
  <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
  <title>{esc(r['title'])} - Nile Courier</title>
  <meta property="article:published_time" content="{d.isoformat()}">
  <meta property="article:section" content="Egypt">
  <script type="text/javascript">window.dataLayer = window.dataLayer || [];</script>
</head>
<body>
  <div id="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
  <nav id="menu"><a href="/">Nile Courier</a> <a href="/egypt">Egypt</a> <a href="/region">Region</a>
    <a href="/economy">Economy</a> <a href="/culture">Culture</a></nav>
  <div id="content">
    <article>
      <h1>{esc(r['title'])}</h1>
      <div class="meta">Nile Courier | {d.strftime('%d %B %Y')}</div>
{fig}{chr(10).join(ps)}
      <p class="promo">Promoted: Nile Courier Premium - read without limits.</p>
    </article>
    <aside>
      <h4>Read more</h4>
      <ul>
{rel}
      </ul>
    </aside>
  </div>
  <footer>Nile Courier &copy; {d.year}. All rights reserved.</footer>
</body>
</html>
"""


HTML = {"Capital Gazette Online": html_capital_gazette, "Sahel Monitor": html_sahel_monitor,
        "Nile Courier": html_nile_courier}


# ------------------------------------------------------------------ feed and jsonl
def rss_feed(items):
    parts = []
    for r in items:
        d = _d(r["date"])
        body = "".join(f"<p>{esc(p)}</p>" for p in r["paras"])
        parts.append(f"""    <item>
      <title>{esc(r['title'])}</title>
      <link>{r['url']}</link>
      <guid isPermaLink="true">{r['url']}</guid>
      <pubDate>{d.strftime('%a, %d %b %Y %H:%M:%S %z')}</pubDate>
      <category>{esc(r.get('section', 'Middle East'))}</category>
      <description>{esc(r['paras'][0])}</description>
      <content:encoded><![CDATA[{body}]]></content:encoded>
    </item>""")
    last = max(_d(r["date"]) for r in items)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Gulf Dispatch - Conflict desk</title>
    <link>https://gulfdispatch.example/conflict</link>
    <atom:link href="https://gulfdispatch.example/conflict/feed.xml" rel="self" type="application/rss+xml"/>
    <description>Reports from the Gulf Dispatch conflict desk</description>
    <language>en</language>
    <lastBuildDate>{last.strftime('%a, %d %b %Y %H:%M:%S %z')}</lastBuildDate>
{chr(10).join(parts)}
  </channel>
</rss>
"""


def jsonl_record(r, field):
    if field == "text":
        body = "\n\n".join(r["paras"])
    else:
        ps = [f"<p>{esc(p)}</p>" for p in r["paras"]]
        if len(ps) > 2:
            ps.insert(2, '<div class="ad">ADVERTISEMENT</div>')
        body = f"<h1>{esc(r['title'])}</h1>\n" + "\n".join(ps)
    return json.dumps({"url": r["url"], "date": _d(r["date"]).isoformat(), "source": r["outlet"],
                       "title": r["title"], field: body}, ensure_ascii=False)
