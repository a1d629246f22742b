"""The sharing community with a cooperation that co-develops resources.

On top of :func:`tests.support.sharing.build_sharing`: ``bangun`` is an active cooperation of
``a``, ``b`` and ``c`` with the resource co-development mechanism; ``z`` stands outside.
``coop`` (network sharing only) stays as the sharing community has it.
"""

from __future__ import annotations

from jejaring.domain.cooperation import CooperationStatus, Mechanism, MembershipStatus
from jejaring.services.bootstrap import Context
from tests.factories import cooperation, membership, persist
from tests.support.sharing import build_sharing

__all__ = ["build_projects"]


def build_projects(ctx: Context) -> None:
    build_sharing(ctx)
    with ctx.uow() as uow:
        persist(
            uow,
            cooperation(
                "bangun",
                status=CooperationStatus.ACTIVE,
                mechanisms=(Mechanism.RESOURCE_CO_DEVELOPMENT,),
            ),
            *(membership("bangun", k, status=MembershipStatus.ACCEPTED) for k in "abc"),
        )
        uow.commit()
