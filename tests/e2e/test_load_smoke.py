"""The API load bench's generator for two seconds against ``jejaring serve`` on loopback:
every request it sends is one the API answers (no timing is checked)."""

from __future__ import annotations

import sys
from pathlib import Path

from bench.api_load import api_mix, serving
from bench.load_generator import Agent, generate
from jejaring.services.bootstrap import Context
from tests.factories import actor, member, persist, resource, territory, user
from tests.support.bearer import token_for


def test_the_generator_mix_runs_without_errors(ctx: Context, db_url: str, tmp_path: Path) -> None:
    with ctx.uow() as uow:
        persist(
            uow,
            territory("X1", demand=10.0),
            actor("a", coverage=("X1",)),
            actor("b", coverage=("X1",)),
            resource("r1", owner="a", capacity=4.0),
            user("ani@example.com"),
            member(actor="a"),
        )
        uow.commit()
    agent = Agent(token_for(ctx, "ani@example.com"), "a", None, "r1", 4.0)
    command = [sys.executable, "-m", "jejaring", "serve", "--db", db_url]
    with serving(command, tmp_path / "serve.log") as (base, _pid):
        # Each kind alone for half a second: a client always sends at least one request.
        for kind, _share in api_mix(has_posts=False):
            result = generate(base, [agent] * 2, [(kind, 1.0)], seconds=0.5)
            assert result.errors() == {}, result.samples
            answered = result.count([kind])  # a booking refused for capacity is an answer
            assert answered >= 2 and answered == sum(result.outcomes[kind].values())
