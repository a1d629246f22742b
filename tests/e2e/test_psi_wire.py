"""Every byte of a PSI session over HTTP, recorded by a proxy: no key crosses the wire, neither
as text nor as a hash that could be checked against guesses, and each session is blinded anew.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator

import polars as pl
import pytest

from jejaring.demo.match_pairs import noisy_pairs
from jejaring.io.territories import indonesia
from jejaring.privacy.keys import exact_keys
from jejaring.privacy.psi import item_strings
from jejaring.privacy.psi_http import PsiHttpServer, query
from tests.support.wiretap import Wiretap

DIGESTS = ("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_256", "blake2b", "blake2s")


@pytest.fixture(scope="module")
def lists() -> tuple[pl.DataFrame, pl.DataFrame]:
    pairs = noisy_pairs(list(indonesia()), records=400, shared=0.5, seed=4)
    return exact_keys(pairs.left), exact_keys(pairs.right)


def session(
    server_items: list[str], client_items: list[str], reveal: str, sessions: int = 1
) -> Iterator[tuple[Wiretap, list[list[int] | int]]]:
    server = PsiHttpServer(server_items, reveal=reveal, sessions=sessions)
    thread = threading.Thread(target=server.run)
    thread.start()
    host, port = server.server_address[:2]
    tap = Wiretap((str(host), int(port)))
    try:
        results = [query(client_items, tap.url)[1] for _ in range(sessions)]
        yield tap, results
    finally:
        thread.join(timeout=30)
        tap.close()


def body(message: bytes) -> bytes:
    """An HTTP message without its head."""
    return message.split(b"\r\n\r\n", 1)[1]


def forbidden(keys: pl.DataFrame) -> set[bytes]:
    """Each key as text (value and kind:value, several cases) and hashed, raw and in hex."""
    texts = set(keys["value"].to_list()) | set(item_strings(keys))
    found: set[bytes] = set()
    for text in texts:
        for variant in {text, text.upper(), text.lower()}:
            raw = variant.encode()
            found.add(raw)
            for name in DIGESTS:
                digest = hashlib.new(name, raw)
                found |= {
                    digest.digest(),
                    digest.hexdigest().encode(),
                    digest.hexdigest().upper().encode(),
                }
    return found


@pytest.mark.parametrize("reveal", ["items", "size"])
def test_no_key_nor_its_hash_crosses_the_wire(
    lists: tuple[pl.DataFrame, pl.DataFrame], reveal: str
) -> None:
    server_keys, client_keys = lists
    server_items, client_items = item_strings(server_keys), item_strings(client_keys)
    for tap, results in session(server_items, client_items, reveal):
        wire = b"".join(tap.sent + tap.received)
        assert len(tap.sent) == 2 and len(wire) > 35 * (len(server_items) + 2 * len(client_items))
        leaks = [k for k in forbidden(server_keys) | forbidden(client_keys) if k in wire]
        assert leaks == []
        common = set(server_items) & set(client_items)
        assert len(common) > 50
        result = results[0]
        assert (len(result) if isinstance(result, list) else result) == len(common)


def test_every_session_is_blinded_anew(lists: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    # With fresh keys the same items look different each time: no 16-byte run of one session's
    # bodies recurs in the next, so a party cannot link keys across sessions.
    server_items, client_items = (item_strings(k) for k in lists)
    for tap, _ in session(server_items, client_items, "items", sessions=2):
        first = body(tap.sent[1]) + body(tap.received[1])
        second = body(tap.sent[3]) + body(tap.received[3])
        runs = {first[i : i + 16] for i in range(len(first) - 15)}
        assert not any(second[i : i + 16] in runs for i in range(len(second) - 15))


def test_the_inspection_would_see_a_leak(lists: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    # Guards the test above: a wire carrying one key's hash, or the key itself, is caught.
    keys = lists[0]
    value = keys["value"][0]
    for leaked in (hashlib.sha256(value.encode()).hexdigest().encode(), value.encode()):
        wire = b"\x00" * 100 + leaked + b"\x00" * 100
        assert [k for k in forbidden(keys) if k in wire]
