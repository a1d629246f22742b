"""Two-party private set intersection on exact keys, with ``openmined-psi`` (ECDH-PSI).

The client blinds each of its items with a secret key of its own (``H(x)^c`` on P-256) and
sends them; the server raises them to its own secret key (``H(x)^cs``) and sends them back with
its own items blinded once (``H(y)^s``); the client removes its key (``H(x)^s``) and compares.
Neither side sees the other's items, nor a hash of them that could be checked against guesses:
every value on the wire carries a secret exponent, and each session uses fresh keys on both
sides. With ``reveal="size"`` the server sorts its answer, so the client can count the common
items but not tell which of its own they are.

Items are ``kind:value`` strings of :func:`jejaring.privacy.keys.exact_keys`. The server's
items travel as a plain list of blinded points (the library's ``RAW`` structure), so the result
is exact: no Bloom-filter false positives.

Each step is one elliptic-curve operation per item in the library's single-threaded C++, so a
large list is cut into parts worked on by separate processes, one per core, with the session's
key (``CreateFromKey``); the parts' messages are joined into the ones a single process would
send (the setup and a size-only answer sorted, a request and an items answer in item order).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import polars as pl
from google.protobuf.message import DecodeError
from private_set_intersection.python import Request, Response, ServerSetup
from private_set_intersection.python import _openmined_psi as _psi

from jejaring.domain.errors import N_, DomainError
from jejaring.privacy._psi_parts import (
    answer_part,
    in_parts,
    intersect_part,
    parts_of,
    request_part,
    setup_part,
    workers_for,
)

__all__ = [
    "REVEALS",
    "ClientSession",
    "PsiError",
    "ServerSession",
    "item_strings",
    "request_size",
]

REVEALS = ("size", "items")
_HEADER = struct.Struct(">I")  # the length of the server's setup message, before it


class PsiError(DomainError):
    """A private set intersection could not be run (bad message, mismatched reveal, network)."""


def item_strings(keys: pl.DataFrame) -> list[str]:
    """The distinct ``kind:value`` items of an :func:`exact_keys` frame, sorted."""
    items = keys.select(pl.concat_str("kind", pl.lit(":"), "value").alias("item"))["item"]
    return sorted(set(items.to_list()))


def request_size(request: bytes) -> int:
    """How many blinded items a client's request holds (and so its reveal flag is checked)."""
    try:
        return len(Request.FromString(request).encrypted_elements)
    except Exception:  # protobuf's DecodeError and friends: all mean "not a request"
        raise PsiError(N_("the request is not a PSI request message")) from None


class ServerSession:
    """One session of the server: a fresh secret key and its blinded items, ready to answer."""

    def __init__(self, items: list[str], *, reveal: str, workers: int | None = None) -> None:
        if reveal not in REVEALS:
            raise ValueError(f"reveal must be one of {REVEALS}")
        self.reveal = reveal
        self._server = _psi.cpp_server.CreateWithNewKey(reveal == "items")
        self._key: bytes = self._server.GetPrivateKeyBytes()
        self._workers = workers
        # RAW needs no false-positive rate nor the client's size: it is prepared in advance.
        count = workers or workers_for(len(items))
        blinded = in_parts(setup_part, parts_of(items, count), self._key, reveal == "items")
        setup = ServerSetup()
        setup.raw.encrypted_elements.extend(sorted(e for part in blinded for e in part))
        self._setup: bytes = setup.SerializeToString()

    def answer(self, request: bytes) -> bytes:
        """The reply to a client's request: the setup message, then the re-blinded items."""
        size = request_size(request)
        asked = Request.FromString(request)
        elements = list(asked.encrypted_elements)
        parts = parts_of(elements, self._workers or workers_for(size))
        # The library refuses, e.g., a client asking for items from a size-only server.
        items = self.reveal == "items"
        try:
            answered = in_parts(answer_part, parts, self._key, items, asked.reveal_intersection)
        except (RuntimeError, ValueError) as error:
            raise PsiError(N_("the request was refused: {reason}"), reason=str(error)) from None
        joined = [e for part in answered for e in part]
        if self.reveal == "size":  # as the library does: no order to tie back to the request
            joined.sort()
        response = Response(encrypted_elements=joined).SerializeToString()
        return bytes(_HEADER.pack(len(self._setup)) + self._setup + response)


@dataclass
class ClientSession:
    """The client's side of one session: its secret key and the request it sends."""

    reveal: str
    request: bytes
    _key: bytes
    _workers: int | None = None

    @classmethod
    def start(cls, items: list[str], *, reveal: str, workers: int | None = None) -> ClientSession:
        if reveal not in REVEALS:
            raise PsiError(N_("the server offers an unknown reveal mode: {reveal}"), reveal=reveal)
        key = _psi.cpp_client.CreateWithNewKey(reveal == "items").GetPrivateKeyBytes()
        parts = parts_of(items, workers or workers_for(len(items)))
        blinded = in_parts(request_part, parts, key, reveal == "items")
        request = Request(
            reveal_intersection=reveal == "items",
            encrypted_elements=[e for part in blinded for e in part],
        )
        return cls(reveal, request.SerializeToString(), key, workers)

    def finish(self, reply: bytes) -> list[int] | int:
        """Indices of the client's items in the intersection, or only its size."""
        if len(reply) < _HEADER.size:
            raise PsiError(N_("the server's reply is too short"))
        (length,) = _HEADER.unpack_from(reply)
        setup = reply[_HEADER.size : _HEADER.size + length]
        try:
            ServerSetup.FromString(setup)  # a bad setup is refused here, in this process
            elements = list(Response.FromString(reply[_HEADER.size + length :]).encrypted_elements)
            parts = parts_of(elements, self._workers or workers_for(len(elements)))
            items = self.reveal == "items"
            found = in_parts(intersect_part, parts, self._key, items, setup)
        except (RuntimeError, ValueError, DecodeError) as error:  # the library's words
            raise PsiError(
                N_("the server's reply is not valid: {reason}"), reason=str(error)
            ) from None
        if not items:
            return int(sum(found))
        offsets = [0]
        for part in parts[:-1]:
            offsets.append(offsets[-1] + len(part))
        return sorted(i + offset for part, offset in zip(found, offsets, strict=True) for i in part)
