"""Webhook rules without a database: URLs, event kinds, signatures, derived secrets, backoff."""

from __future__ import annotations

import importlib.util
from datetime import timedelta
from pathlib import Path
from types import ModuleType

import pytest

from jejaring.domain.errors import InvalidValue
from jejaring.domain.webhooks import (
    MAX_ATTEMPTS,
    EventKind,
    check_url,
    derive_secret,
    parse_events,
    retry_delay,
    sign,
)

RECEIVER = Path(__file__).parents[2] / "docs" / "examples" / "webhook_receiver.py"


def _receiver() -> ModuleType:
    spec = importlib.util.spec_from_file_location("webhook_receiver", RECEIVER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080/hook", "https://example.org/a?b=c", " https://x.id "]
)
def test_http_and_https_urls_are_taken(url: str) -> None:
    assert check_url(url) == url.strip()


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org", "file:///etc/passwd", "example.org/hook", "http://", "https://a b/",
     "http://example.org:0/", "http://example.org:99999/", "javascript:alert(1)"],
)  # fmt: skip
def test_other_urls_are_refused_by_name(url: str) -> None:
    with pytest.raises(InvalidValue, match="is not an http:// or https:// URL"):
        check_url(url)


def test_event_kinds_parse_from_text_or_a_list_and_star_is_all() -> None:
    assert parse_events("referral.won, booking.confirmed,referral.won") == (
        EventKind.REFERRAL_WON, EventKind.BOOKING_CONFIRMED,
    )  # fmt: skip
    assert parse_events(["post.created"]) == (EventKind.POST_CREATED,)
    assert parse_events("*") == tuple(EventKind)
    with pytest.raises(InvalidValue, match=r"unknown event kind 'referral\.made'"):
        parse_events("referral.made")


def test_the_signature_is_the_hmac_of_timestamp_dot_body_and_the_receiver_agrees() -> None:
    body = b'{"kind":"post.created"}'
    signature = sign("whsec_k", 1_700_000_000, body)
    # HMAC-SHA256 under "whsec_k" of "1700000000." + body, in hex (computed with hmac alone).
    assert signature == "sha256=add8120c0cfabc7fd9da04e06aca2b2e8d9144007058540459fb9b3949ac4e5b"
    receiver = _receiver()
    assert receiver.verify("whsec_k", "1700000000", body, signature, 1_700_000_100)
    assert not receiver.verify("whsec_other", "1700000000", body, signature, 1_700_000_100)
    assert not receiver.verify("whsec_k", "1700000000", body + b" ", signature, 1_700_000_100)
    assert not receiver.verify("whsec_k", "1700000001", body, signature, 1_700_000_100)
    # A fresh signature on an old delivery is still refused: it is a replay.
    assert not receiver.verify("whsec_k", "1700000000", body, signature, 1_700_000_301)


def test_a_secret_depends_on_the_server_key_and_the_salt() -> None:
    one = derive_secret("server key", "salt-1")
    assert one == derive_secret("server key", "salt-1")
    assert one.startswith("whsec_") and "salt-1" not in one
    assert len({one, derive_secret("server key", "salt-2"), derive_secret("other", "salt-1")}) == 3


def test_backoff_doubles_from_a_minute_up_to_an_hour() -> None:
    waits = [retry_delay(n) for n in range(1, MAX_ATTEMPTS)]
    assert waits[:6] == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32)]
    assert waits[6:] == [timedelta(hours=1)] * (MAX_ATTEMPTS - 7)
    assert retry_delay(10_000) == timedelta(hours=1)


def test_the_guide_shows_the_receiver_as_it_is() -> None:
    guide = (RECEIVER.parents[1] / "webhooks.md").read_text(encoding="utf-8")
    assert f"```python\n{RECEIVER.read_text(encoding='utf-8')}```" in guide
