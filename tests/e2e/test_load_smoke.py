"""The API load bench's generator for two seconds against ``jejaring serve`` on loopback:
every request it sends is one the API answers (no timing is checked); paced, it sends as
many as asked."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import httpx2

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


def test_paced_clients_ask_for_about_the_rate_asked(tmp_path: Path) -> None:
    with serving([sys.executable, "-m", "bench.bare_api"], tmp_path / "bare.log") as (base, _):
        # 4 clients at 40 requests/s in all for 1.5 s: each is due every 100 ms from a start
        # within the first 100 ms, so 15 each however fast the answers come (a late one is
        # sent late, not dropped).
        result = generate(base, [Agent()] * 4, [("ping", 1.0)], seconds=1.5, rate=40.0)
        assert result.errors() == {} and result.count(["ping"]) == 60, result.outcomes


def _children(pid: int) -> list[int]:
    tasks = Path(f"/proc/{pid}/task").iterdir()
    return [int(c) for t in tasks for c in (t / "children").read_text().split()]


def test_served_by_workers_each_sees_the_writes_of_the_others(
    ctx: Context, db_url: str, tmp_path: Path
) -> None:
    with ctx.uow() as uow:
        persist(
            uow,
            territory("X1", demand=10.0),
            actor("a", coverage=("X1",)),
            resource("r1", owner="a", capacity=4.0),
            user("ani@example.com"),
            member(actor="a"),
        )
        uow.commit()
    auth = {"Authorization": f"Bearer {token_for(ctx, 'ani@example.com')}"}
    command = [sys.executable, "-m", "jejaring", "serve", "--db", db_url, "--workers", "2"]
    command += ["--threads", "2"]  # a setting other than the default, passed through
    with serving(command, tmp_path / "serve.log") as (base, pid):
        assert len(_children(pid)) >= 2  # the workers (besides any helper process)

        def utilisation() -> set[float]:
            # A new connection for each request: the kernel hands them to either worker.
            found = set()
            for _ in range(12):
                with httpx2.Client(base_url=base, headers=auth) as http:
                    answer = http.get("/api/v1/actors/a/kpis")
                    assert answer.status_code == 200, answer.text
                    found.add(answer.json()["figures"]["utilisation"])
            return found

        assert utilisation() == {0.0}  # now kept, in each worker that answered
        booked = httpx2.post(
            f"{base}/api/v1/bookings",
            headers=auth,
            json={
                "resource": "r1", "by": "a", "quantity": 2.0,
                "start": f"{date.today()}T00:00:00Z", "end": f"{date.today()}T12:00:00Z",
            },
        )  # fmt: skip
        assert booked.status_code == 201, booked.text
        (after,) = utilisation()
        assert after > 0.0
