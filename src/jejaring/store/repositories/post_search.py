"""Full-text search over posts' titles and bodies, one form per dialect (revision 0006).

SQLite: the FTS5 table ``post_search`` (unicode61 tokens, diacritics removed), ranked by BM25
with the title weighing twice the body. PostgreSQL: the GIN-indexed tsvector of the 'simple'
configuration (no stemming: PostgreSQL has no Indonesian one), title weight A and body B,
ranked by ``ts_rank``. Every word must match. Snippets mark matches with ``[`` and ``]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, column, func, literal_column, select, table

from jejaring.store.repositories.base import Repository, as_utc
from jejaring.store.repositories.post_visibility import readable_through
from jejaring.store.repositories.posts import Readers
from jejaring.store.tables import PostRow

__all__ = ["PostSearchRepository", "SearchRow"]

_FTS = table("post_search", column("rowid"))
_SIMPLE: ColumnElement[str] = literal_column("'simple'")


@dataclass(frozen=True)
class SearchRow:
    """A matching post's id, its score (higher is better) and a snippet."""

    post: int
    score: float
    snippet: str


def _document() -> ColumnElement[object]:
    # Exactly the indexed expression of revision 0006, so that PostgreSQL uses the GIN index.
    return func.setweight(func.to_tsvector(_SIMPLE, PostRow.title), literal_column("'A'")).op("||")(
        func.setweight(func.to_tsvector(_SIMPLE, PostRow.body), literal_column("'B'"))
    )


class PostSearchRepository(Repository):
    """Posts matching every word of a query, best first."""

    def search(
        self,
        terms: tuple[str, ...],
        readers: Readers,
        *,
        cooperation: str | None = None,
        live_at: datetime | None = None,
        limit: int = 50,
    ) -> list[SearchRow]:
        """Matches of the posts ``readers`` may read (of ``cooperation``; live at ``live_at``)."""
        query = self.query(terms, readers, cooperation=cooperation, live_at=live_at, limit=limit)
        sign = -1.0 if self._sqlite() else 1.0  # BM25: lower is better
        return [SearchRow(i, sign * float(r), s) for i, r, s in self.session.execute(query)]

    def query(
        self,
        terms: tuple[str, ...],
        readers: Readers,
        *,
        cooperation: str | None = None,
        live_at: datetime | None = None,
        limit: int = 50,
    ) -> Select[int, float, str]:
        """The dialect's search statement: post id, rank and snippet, best first."""
        where = [readable_through(readers)]
        if cooperation is not None:
            where.append(PostRow.cooperation_id == self.cooperation_id(cooperation))
        if live_at is not None:
            where.append((PostRow.expires.is_(None)) | (PostRow.expires > as_utc(live_at)))
        if self._sqlite():
            return _fts5(terms, and_(*where), limit)
        return _tsvector(terms, and_(*where), limit)

    def _sqlite(self) -> bool:
        return self.session.get_bind().dialect.name == "sqlite"


def _fts5(
    terms: tuple[str, ...], where: ColumnElement[bool], limit: int
) -> Select[int, float, str]:
    # Each word quoted: FTS5 then reads it as a plain token, never as query syntax.
    match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
    rank: ColumnElement[float] = literal_column("bm25(post_search, 2.0, 1.0)")
    snippet: ColumnElement[str] = literal_column("snippet(post_search, -1, '[', ']', '…', 16)")
    return (
        select(PostRow.id, rank, snippet)
        .select_from(PostRow)
        .join(_FTS, _FTS.c.rowid == PostRow.id)
        .where(literal_column("post_search").op("MATCH")(match), where)
        .order_by(rank, PostRow.created.desc(), PostRow.id.desc())
        .limit(limit)
    )


def _tsvector(
    terms: tuple[str, ...], where: ColumnElement[bool], limit: int
) -> Select[int, float, str]:
    q = func.plainto_tsquery(_SIMPLE, " ".join(terms))
    rank: ColumnElement[float] = func.ts_rank(_document(), q)
    text = PostRow.title.op("||")(" — ").op("||")(PostRow.body)
    options = "StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=1"
    snippet: ColumnElement[str] = func.ts_headline(_SIMPLE, text, q, options)
    return (
        select(PostRow.id, rank, snippet)
        .where(_document().op("@@")(q), where)
        .order_by(rank.desc(), PostRow.created.desc(), PostRow.id.desc())
        .limit(limit)
    )
