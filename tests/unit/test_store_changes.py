"""What a statement writes, as the change counters read it (``store.changes``)."""

from __future__ import annotations

import pytest

from jejaring.store.changes import ANY, _classify


@pytest.mark.parametrize(
    ("sql", "written"),
    [
        ("SELECT key FROM actor JOIN tie ON tie.source_id = actor.id", set()),
        ("SELECT * FROM actor FOR UPDATE", set()),
        ('INSERT INTO "actor" (key) VALUES (1)', {"actor"}),
        ("INSERT OR REPLACE INTO tie VALUES (1)", {"tie"}),
        ("UPDATE customer SET name = 'x'", {"customer"}),
        ("DELETE FROM post_search WHERE rowid = 1", {"post_search"}),
        ("COPY customer (key) FROM STDIN", {"customer"}),
        ("WITH gone AS (SELECT 1) DELETE FROM tie", {ANY}),
        ("WITH t AS (SELECT id FROM actor) SELECT * FROM t", set()),
        ("CREATE INDEX ix ON actor (name)", {ANY}),
        ("INSERT INTO not_a_table VALUES (1)", {ANY}),
        ("BEGIN IMMEDIATE", set()),
    ],
)
def test_statements_are_read_for_what_they_write(sql: str, written: set[str]) -> None:
    assert _classify(sql)[0] == written
