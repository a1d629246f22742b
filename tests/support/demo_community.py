"""Demo communities for tests, generated once per (size, seed) and shared by the test modules."""

from __future__ import annotations

from functools import cache

from jejaring.demo.community import Community, generate
from jejaring.domain.territories import Territory
from jejaring.io.territories import indonesia

__all__ = ["community", "territories"]


@cache
def territories() -> tuple[Territory, ...]:
    """Indonesia's country, provinces, regencies and districts, as ``jejaring init`` loads them."""
    return tuple(indonesia())


@cache
def community(actors: int = 3000, seed: int = 7) -> Community:
    """A generated community; treat it as read-only (it is shared)."""
    return generate(territories(), actors=actors, seed=seed)
