"""The watch loop (issue 27): poll sources on a schedule, code only what is new, run the alert rules and push
new alerts to sinks (file, webhook, Slack, Teams, SMTP) at least once. ``analysis/watch.py`` is something else:
the watchlist of countries."""
