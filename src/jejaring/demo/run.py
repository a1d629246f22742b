"""Running the demo: generate the community, write it to the database (and a bundle), and
create the sign-in accounts.

Everything but the passwords follows from the size and the seed. Writes are upserts by key,
so running the same demo again changes nothing; users that exist already are left as they are.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jejaring.demo.accounts import AccountSpec
from jejaring.demo.community import Community, generate
from jejaring.domain.accounts import ActorRole, PlatformRole
from jejaring.domain.errors import N_, NotFound, RuleViolation
from jejaring.domain.territories import Level
from jejaring.io.bundle_write import write_bundle
from jejaring.services.accounts import create_user
from jejaring.services.bootstrap import Context
from jejaring.services.demo_write import load_territories, write_extras
from jejaring.services.imports import import_bundle
from jejaring.services.passwords import generate_password

__all__ = ["Account", "DemoReport", "counts", "run_demo"]

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Account:
    """A sign-in account; ``password`` is None when the user existed already (not changed)."""

    email: str
    password: str | None
    display_name: str
    role: str  # "owner" of ``actor``, or "coordinator" of the community
    actor: str | None
    actor_name: str | None


@dataclass(frozen=True)
class DemoReport:
    """What the demo generated and wrote, the accounts, and how long it took."""

    actors: int
    seed: int
    counts: dict[str, int]
    written: dict[str, int]
    accounts: tuple[Account, ...]
    out: str | None
    seconds: float


def counts(community: Community) -> dict[str, int]:
    """Rows generated per entity."""
    sheets, extras = community.bundle.sheets, community.extras
    with_demand = sheets["territories"]["demand"].is_not_null().sum()
    return {
        "territories_with_demand": int(with_demand),
        **{name: sheets[name].height for name in ("actors", "ties", "customers")},
        "real_world_customers": int(community.internal["customers"]["entity"].n_unique()),
        **{name: sheets[name].height for name in ("resources", "cooperations")},
        "memberships": community.internal["memberships"].height,
        "sharing_policies": extras.policies.height,
        "posts": extras.posts.height,
        "referrals": extras.referrals.height,
        "assessments": extras.assessments.height,
    }


def _account(ctx: Context, spec: AccountSpec) -> Account:
    password = generate_password()
    role = "owner" if spec.actor else "coordinator"
    try:
        create_user(
            ctx,
            spec.email,
            password,
            actor=spec.actor,
            role=ActorRole.OWNER,
            platform_roles=() if spec.actor else (PlatformRole.COORDINATOR,),
            display_name=spec.display_name,
        )
    except RuleViolation:  # the user exists (an earlier demo): keep it and its password
        return Account(spec.email, None, spec.display_name, role, spec.actor, spec.actor_name)
    return Account(spec.email, password, spec.display_name, role, spec.actor, spec.actor_name)


def run_demo(
    ctx: Context,
    *,
    actors: int,
    seed: int,
    out: Path | None = None,
    progress: Progress | None = None,
) -> DemoReport:
    """Generate the demo community into the database at ``ctx`` (and a bundle at ``out``)."""
    started = time.perf_counter()
    territories = load_territories(ctx)
    if not any(t.level is Level.DISTRICT for t in territories):
        raise NotFound(N_("the database holds no districts: run 'jejaring init' first"))
    community = generate(territories, actors=actors, seed=seed, progress=progress)
    if out is not None:
        write_bundle(community.bundle, out)
    imported = import_bundle(ctx, community.bundle, progress=progress)
    if imported.errors:  # a bug of the generator: its bundle must always be valid
        raise RuleViolation(
            N_("the demo community was refused ({count} errors), the first: {error}"),
            count=len(imported.errors),
            error=str(imported.errors[0]),
        )
    written = dict(imported.written)
    written.update(write_extras(ctx, community.extras, progress=progress))
    accounts = tuple(_account(ctx, spec) for spec in community.accounts)
    return DemoReport(
        actors=actors,
        seed=seed,
        counts=counts(community),
        written=written,
        accounts=accounts,
        out=str(out) if out is not None else None,
        seconds=round(time.perf_counter() - started, 1),
    )
