"""Store part for the relevance gate: articles kept out of the NLP stages (migration 006).

Mixed into ``SqlStore``: both backends share this SQL; every value travels as a parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from spillwatch.records import AnnotatedArticle
from spillwatch.store import rows


class _Sql(Protocol):
    def _run(self, sql: str, params: Sequence[Any] = ()) -> None: ...
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...
    def _insert_many(self, table: str, cols: Sequence[str], values: Sequence[Sequence[Any]],
                     conflict: str = "DO NOTHING", chunk: int = 200) -> None: ...


class SkippedArticles:
    def put_skipped(self: _Sql, anns: Sequence[AnnotatedArticle]) -> None:
        """The gate's decision for each skipped article (one row per article; a later skip replaces it)."""
        values = [(a.id, a.relevance.reason, a.relevance.score, a.relevance.model, rows.now())
                  for a in anns if a.relevance is not None and not a.relevance.run]
        self._insert_many("skipped_articles", ("article_id", "reason", "score", "model", "skipped_at"), values,
                          conflict="(article_id) DO UPDATE SET reason = excluded.reason, score = excluded.score,"
                                   " model = excluded.model, skipped_at = excluded.skipped_at")

    def skipped_rows(self: _Sql, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT a.id, a.title, a.source, a.published, s.score, s.reason, s.model, s.skipped_at"
            " FROM skipped_articles s JOIN articles a ON a.id = s.article_id"
            " ORDER BY s.skipped_at, a.id LIMIT ? OFFSET ?", [limit, offset])

    def unskip(self: _Sql) -> int:
        """Mark every skipped article uncoded again (the next coding pass runs them); returns how many."""
        n = int(self._rows("SELECT count(*) AS n FROM skipped_articles")[0]["n"])
        if n:
            self._run("UPDATE articles SET coded = FALSE WHERE id IN (SELECT article_id FROM skipped_articles)")
            self._run("DELETE FROM skipped_articles")
        return n
