"""The capability instruments shipped in the package (``data/instruments/*.toml``), by version.

``network_capability.toml`` is the current instrument; any other ``*.toml`` there is an older
(or alternative) version that stored answers may still refer to.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files

from jejaring.domain.errors import N_, NotFound
from jejaring.domain.instrument import Instrument, parse_instrument

__all__ = ["CURRENT_FILE", "current_instrument", "instrument", "instruments"]

CURRENT_FILE = "network_capability.toml"


@cache
def instruments() -> dict[str, Instrument]:
    """Every shipped instrument, by version."""
    folder = files("jejaring") / "data" / "instruments"
    found: dict[str, Instrument] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            parsed = parse_instrument(tomllib.loads(entry.read_text(encoding="utf-8")))
            found[parsed.version] = parsed
    return found


@cache
def current_instrument() -> Instrument:
    """The instrument new answers are given under."""
    folder = files("jejaring") / "data" / "instruments"
    text = (folder / CURRENT_FILE).read_text(encoding="utf-8")
    return instruments()[parse_instrument(tomllib.loads(text)).version]


def instrument(version: str) -> Instrument:
    """The instrument of ``version``; NotFound when the package ships none of that version."""
    found = instruments().get(version)
    if found is None:
        raise NotFound(N_("instrument version '{version}' not found"), version=version)
    return found
