"""The PSI protocol: its result equals exact-key matching, and size mode reveals only a size."""

from __future__ import annotations

import struct

import polars as pl
import pytest
from private_set_intersection.python import Request, Response, ServerSetup

from jejaring.demo.match_pairs import noisy_pairs
from jejaring.io.territories import indonesia
from jejaring.privacy.counts import shown_count
from jejaring.privacy.keys import exact_keys
from jejaring.privacy.psi import ClientSession, PsiError, ServerSession, item_strings


@pytest.fixture(scope="module")
def keys() -> tuple[pl.DataFrame, pl.DataFrame]:
    pairs = noisy_pairs(list(indonesia()), records=1500, shared=0.4, seed=11)
    return exact_keys(pairs.left), exact_keys(pairs.right)


def run(server_items: list[str], client_items: list[str], reveal: str) -> list[int] | int:
    server = ServerSession(server_items, reveal=reveal)
    client = ClientSession.start(client_items, reveal=reveal)
    return client.finish(server.answer(client.request))


def test_items_equal_exact_key_matching(keys: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    server_keys, client_keys = keys
    server_items, client_items = item_strings(server_keys), item_strings(client_keys)
    found = run(server_items, client_items, "items")
    assert isinstance(found, list)
    exact = server_keys.join(client_keys, on=["kind", "value"]).select("kind", "value").unique()
    expected = set(item_strings(exact))
    assert len(expected) > 300  # the lists share customers: the test has something to find
    assert {client_items[i] for i in found} == expected
    assert run(server_items, client_items, "size") == len(expected)


def test_size_mode_hides_which_items_are_common() -> None:
    server_items = [f"phone:+62812{i:08d}" for i in range(2000)]
    client_items = [f"phone:+62812{i:08d}" for i in range(1800, 3800)]  # 200 in common
    assert run(server_items, client_items, "size") == 200
    # A client that wants the items cannot ask for them from a size server...
    greedy = ClientSession.start(client_items, reveal="items")
    with pytest.raises(PsiError, match="refused"):
        ServerSession(server_items, reveal="size").answer(greedy.request)
    # ...and one that forges the flag gets an answer whose order says nothing: the "items" it
    # computes are no better than a guess (200 picks at a 10% base rate: about 20 right).
    forged = Request.FromString(greedy.request)
    forged.reveal_intersection = False
    reply = ServerSession(server_items, reveal="size").answer(forged.SerializeToString())
    picked = greedy.finish(reply)
    assert isinstance(picked, list) and len(picked) == 200
    right = sum(1 for i in picked if client_items[i] in set(server_items))
    assert right < 60


def test_bad_messages_are_refused() -> None:
    server = ServerSession(["email:a@b.id"], reveal="items")
    with pytest.raises(PsiError, match="not a PSI request"):
        server.answer(b"\xff\x00 not protobuf")
    client = ClientSession.start(["email:a@b.id"], reveal="items")
    with pytest.raises(PsiError):
        client.finish(b"\x00")
    with pytest.raises(PsiError):
        client.finish(b"\x00\x00\x00\x05garbage")
    with pytest.raises(PsiError, match="unknown reveal"):
        ClientSession.start(["x"], reveal="everything")


def test_empty_sets() -> None:
    assert run([], ["email:a@b.id"], "items") == []
    assert run(["email:a@b.id"], [], "size") == 0


def test_item_strings() -> None:
    frame = pl.DataFrame(
        {"key": ["a", "b", "a"], "kind": ["phone", "phone", "email"],
         "value": ["+6281", "+6281", "a@b.id"]}
    )  # fmt: skip
    assert item_strings(frame) == ["email:a@b.id", "phone:+6281"]


def test_shown_count() -> None:
    assert [shown_count(n) for n in (0, 4, 5, 1234)] == ["< 5", "< 5", "5", "1,234"]
    assert shown_count(2, minimum=3) == "< 3" and shown_count(0, minimum=0) == "0"


@pytest.mark.parametrize("reveal", ["items", "size"])
def test_work_cut_into_processes_gives_the_same_answer(reveal: str) -> None:
    server_items = [f"email:s{i}@x.id" for i in range(3000)]
    client_items = [f"email:s{i}@x.id" for i in range(2500, 4001)]  # 500 in common
    server = ServerSession(server_items, reveal=reveal, workers=3)
    client = ClientSession.start(client_items, reveal=reveal, workers=2)
    reply = server.answer(client.request)
    expected = list(range(500)) if reveal == "items" else 500
    assert client.finish(reply) == expected
    alone = ClientSession.start(client_items, reveal=reveal, workers=1)
    single = ServerSession(server_items, reveal=reveal, workers=1)
    assert alone.finish(single.answer(alone.request)) == expected
    # The messages have the shape a single process sends: the setup sorted, so is a size answer.
    (length,) = struct.unpack_from(">I", reply)
    setup = ServerSetup.FromString(reply[4 : 4 + length]).raw.encrypted_elements
    assert list(setup) == sorted(setup) and len(setup) == 3000
    answer = Response.FromString(reply[4 + length :]).encrypted_elements
    assert len(answer) == 1501 and (reveal == "items" or list(answer) == sorted(answer))
