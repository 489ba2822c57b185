"""Store part for what is known of an article after it was stored: its publication day, the dates of
its near-duplicate copies (``dedup.near.dated_by_copies``) and the outlets that carried it.

Mixed into ``SqlStore``: both backends share this SQL; every value travels as a parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol

from spillwatch.records import DateInfo

CHUNK = 500  # article ids per query of the many-article reads


class _Sql(Protocol):
    def _run(self, sql: str, params: Sequence[Any] = ()) -> None: ...
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...


class ArticleDates:
    def article_published(self: _Sql, article_id: str) -> date | None:
        """The article's publication day when it is known (metadata or stated in the text), else None."""
        found = self._rows("SELECT published FROM articles WHERE id = ? AND published_method IN ('metadata', 'text')",
                           [article_id])
        return found[0]["published"] if found else None

    def articles_published(self: _Sql, article_ids: Sequence[str]) -> dict[str, date | None]:
        """``article_published`` of many articles in a few queries (clustering asks for every article it meets)."""
        out: dict[str, date | None] = dict.fromkeys(article_ids)
        ids = sorted(out)
        for start in range(0, len(ids), CHUNK):
            part = ids[start : start + CHUNK]
            found = self._rows(f"SELECT id, published FROM articles WHERE id IN ({', '.join('?' for _ in part)})"
                               " AND published_method IN ('metadata', 'text')", part)
            out.update((r["id"], r["published"]) for r in found)
        return out

    def copy_dates(self: _Sql, article_id: str) -> list[tuple[str, date]]:
        """(id, stated publication date) of the article's dated near-duplicate copies."""
        found = self._rows("SELECT id, published FROM articles WHERE duplicate_of = ? AND published IS NOT NULL"
                           " AND published_method IN ('metadata', 'text') ORDER BY published, id", [article_id])
        return [(r["id"], r["published"]) for r in found]

    def set_published(self: _Sql, article_id: str, published: DateInfo) -> None:
        """Record a publication date found after storing (``dedup.near.dated_by_copies``)."""
        self._run("UPDATE articles SET published = ?, published_method = ?, published_evidence = ? WHERE id = ?",
                  [published.value, published.method, published.evidence, article_id])

    def article_outlets(self: _Sql, article_id: str) -> list[str]:
        """Every outlet that carried the article (its copies and its near-duplicates' copies)."""
        found = self._rows("SELECT DISTINCT coalesce(outlet, url, source) AS o FROM article_copies WHERE article_id = ?"
                           " ORDER BY 1", [article_id])
        return [r["o"] for r in found if r["o"]]

    def articles_outlets(self: _Sql, article_ids: Sequence[str]) -> dict[str, list[str]]:
        """``article_outlets`` of many articles in a few queries."""
        out: dict[str, list[str]] = {a: [] for a in article_ids}
        ids = sorted(out)
        for start in range(0, len(ids), CHUNK):
            part = ids[start : start + CHUNK]
            found = self._rows("SELECT DISTINCT article_id, coalesce(outlet, url, source) AS o FROM article_copies"
                               f" WHERE article_id IN ({', '.join('?' for _ in part)}) ORDER BY 1, 2", part)
            for r in found:
                if r["o"]:
                    out[r["article_id"]].append(r["o"])
        return out
