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
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import polars as pl
from private_set_intersection.python import DataStructure, Request
from private_set_intersection.python import _openmined_psi as _psi

from jejaring.domain.errors import N_, DomainError

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

    def __init__(self, items: list[str], *, reveal: str) -> None:
        if reveal not in REVEALS:
            raise ValueError(f"reveal must be one of {REVEALS}")
        self.reveal = reveal
        self._server = _psi.cpp_server.CreateWithNewKey(reveal == "items")
        # RAW needs no false-positive rate nor the client's size: it is prepared in advance.
        setup = self._server.CreateSetupMessage(0.0, 1, items, DataStructure.RAW.value)
        self._setup: bytes = setup.save()

    def answer(self, request: bytes) -> bytes:
        """The reply to a client's request: the setup message, then the re-blinded items."""
        request_size(request)
        # The library refuses, e.g., a client asking for items from a size-only server.
        try:
            response: bytes = self._server.ProcessRequest(
                _psi.cpp_proto_request.Load(request)
            ).save()
        except (RuntimeError, ValueError) as error:
            raise PsiError(N_("the request was refused: {reason}"), reason=str(error)) from None
        return bytes(_HEADER.pack(len(self._setup)) + self._setup + response)


@dataclass
class ClientSession:
    """The client's side of one session: its secret key and the request it sends."""

    reveal: str
    request: bytes
    _client: object

    @classmethod
    def start(cls, items: list[str], *, reveal: str) -> ClientSession:
        if reveal not in REVEALS:
            raise PsiError(N_("the server offers an unknown reveal mode: {reveal}"), reveal=reveal)
        client = _psi.cpp_client.CreateWithNewKey(reveal == "items")
        return cls(reveal, client.CreateRequest(items).save(), client)

    def finish(self, reply: bytes) -> list[int] | int:
        """Indices of the client's items in the intersection, or only its size."""
        if len(reply) < _HEADER.size:
            raise PsiError(N_("the server's reply is too short"))
        (length,) = _HEADER.unpack_from(reply)
        setup_bytes = reply[_HEADER.size : _HEADER.size + length]
        try:
            setup = _psi.cpp_proto_server_setup.Load(setup_bytes)
            response = _psi.cpp_proto_response.Load(reply[_HEADER.size + length :])
            client = self._client
            if self.reveal == "items":
                return sorted(client.GetIntersection(setup, response))  # type: ignore[attr-defined]
            return int(client.GetIntersectionSize(setup, response))  # type: ignore[attr-defined]
        except (RuntimeError, ValueError) as error:  # the library's words for a bad message
            raise PsiError(
                N_("the server's reply is not valid: {reason}"), reason=str(error)
            ) from None
