"""Who gets a sign-in account in the demo: owners of a few well-connected actors of each kind
who take part in cooperations, and one community coordinator.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from jejaring.demo.emails import slug

__all__ = ["DOMAIN", "AccountSpec", "account_specs"]

DOMAIN = "demo.jejaring.example"  # a reserved top-level domain: no mail ever leaves
_COORDINATOR = ("koordinator@" + DOMAIN, "Koordinator Komunitas")


@dataclass(frozen=True)
class AccountSpec:
    """A user to create: its e-mail and name, and the actor it owns (None for the coordinator)."""

    email: str
    display_name: str
    actor: str | None
    actor_name: str | None


def account_specs(
    actors: pl.DataFrame, memberships: pl.DataFrame, degree: np.ndarray
) -> list[AccountSpec]:
    """The best-connected cooperating company, organisation, entrepreneur and salesperson."""
    cooperating = np.zeros(len(actors), dtype=bool)
    cooperating[memberships["actor_i"].to_numpy()] = True
    kind = actors["kind_i"].to_numpy()
    specs: list[AccountSpec] = []
    for wanted in (2, 3, 1, 0):  # company, organisation, entrepreneur, salesperson
        candidates = np.flatnonzero((kind == wanted) & cooperating)
        if len(candidates) == 0:
            continue
        i = int(candidates[np.argmax(degree[candidates])])
        first, last = actors["owner_first"][i], actors["owner_last"][i]
        local = slug(pl.Series([first])).item() + "." + slug(pl.Series([last])).item()
        if any(s.email.startswith(local + "@") for s in specs):  # two owners of one name
            local += str(len(specs) + 1)
        specs.append(
            AccountSpec(f"{local}@{DOMAIN}", f"{first} {last}", actors["key"][i], actors["name"][i])
        )
    specs.append(AccountSpec(*_COORDINATOR, None, None))
    return specs
