"""The load bench's own HTTP/1.1 connection (bench/load_generator.py) against a scripted
server: what it sends, how it reads an answer, and that it opens again after a close."""

from __future__ import annotations

import asyncio
import json

import pytest

from bench.load_generator import Connection

_OK = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}"
_CLOSE = b"HTTP/1.1 409 Conflict\r\nconnection: close\r\ncontent-length: 4\r\n\r\nfull"
_CHUNKED = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"


async def _exchange(answers: list[bytes], asks: int) -> tuple[list[object], list[bytes], int]:
    """Each ask through one Connection; what it got, what the server read, how many
    connections the server saw."""
    received: list[bytes] = []
    connections = 0

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        while answers:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except asyncio.IncompleteReadError:
                break
            length = next(
                (int(v) for k, _, v in (h.partition(b": ") for h in head.split(b"\r\n"))
                 if k.lower() == b"content-length"),
                0,
            )  # fmt: skip
            received.append(head + await reader.readexactly(length))
            answer = answers.pop(0)
            writer.write(answer)
            await writer.drain()
            if b"connection: close" in answer:
                break
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    connection = Connection("127.0.0.1", port)
    got: list[object] = []
    for i in range(asks):
        try:
            got.append(await connection.request("POST", f"/x/{i}", {"a": "b"}, {"n": i}))
        except ValueError as error:
            got.append(error)
    connection.close()
    server.close()
    await server.wait_closed()
    return got, received, connections


def test_it_sends_headers_and_a_json_body_and_reads_the_answer_by_its_length() -> None:
    got, received, connections = asyncio.run(_exchange([_OK, _OK], 2))
    assert got == [(200, b"{}"), (200, b"{}")]
    assert connections == 1  # kept alive
    head, _, body = received[1].partition(b"\r\n\r\n")
    assert head.startswith(b"POST /x/1 HTTP/1.1\r\n")
    assert b"\r\na: b\r\n" in head and b"content-type: application/json" in head
    assert json.loads(body) == {"n": 1}


def test_a_closed_connection_is_opened_again_for_the_next_request() -> None:
    got, _received, connections = asyncio.run(_exchange([_CLOSE, _OK], 2))
    assert got == [(409, b"full"), (200, b"{}")]
    assert connections == 2


def test_an_answer_without_a_length_fails_the_request_instead_of_being_misread() -> None:
    got, _received, connections = asyncio.run(_exchange([_CHUNKED, _OK], 2))
    assert isinstance(got[0], ValueError) and "Content-Length" in str(got[0])
    assert got[1] == (200, b"{}")  # on a new connection: nothing left over is read as an answer
    assert connections == 2


def test_an_answer_cut_short_raises() -> None:
    async def cut() -> None:
        async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 9\r\n\r\n{}")
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(serve, "127.0.0.1", 0)
        connection = Connection("127.0.0.1", server.sockets[0].getsockname()[1])
        with pytest.raises(asyncio.IncompleteReadError):
            await connection.request("GET", "/", {})
        server.close()
        await server.wait_closed()

    asyncio.run(cut())
