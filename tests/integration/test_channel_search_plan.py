"""Search goes through each database's full-text index (revision 0006), not a scan of posts.

A change to the indexed expression or to the query would still find the right posts (the
service tests) but would read every post to do it; this catches that.
"""

from __future__ import annotations

from sqlalchemy import text

from jejaring.services.bootstrap import Context
from tests.support.channel import build_channel
from tests.support.sharing import build_sharing


def test_the_search_statement_uses_the_full_text_index(ctx: Context) -> None:
    build_sharing(ctx)
    build_channel(ctx)
    with ctx.uow() as uow:
        statement = uow.post_search.query(("cabai",), ["a"])
        dialect = uow.session.get_bind().dialect
        sql = str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        if dialect.name == "sqlite":
            plan = " ".join(
                str(r[-1]) for r in uow.session.execute(text("EXPLAIN QUERY PLAN " + sql))
            )
            assert "VIRTUAL TABLE INDEX" in plan, plan
        else:
            # A handful of rows: without this the planner rightly prefers reading them all.
            uow.session.execute(text("SET LOCAL enable_seqscan = off"))
            plan = " ".join(r[0] for r in uow.session.execute(text("EXPLAIN " + sql)))
            assert "ix_post_search" in plan, plan
