"""The sharing community with a cooperation that co-utilizes resources, and a warehouse.

On top of :func:`tests.support.sharing.build_sharing`: ``gudang`` is an active cooperation of
``a``, ``b`` and ``c`` with the resource co-utilization mechanism; ``a`` owns the warehouse
``wh`` (capacity 5 bays at 1,000 rupiah per bay and hour), shared into ``gudang`` when
``shared``. ``coop`` (network sharing only) stays as the sharing community has it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from jejaring.domain.cooperation import CooperationStatus, Mechanism, MembershipStatus
from jejaring.domain.resources import ResourceKind
from jejaring.services.bootstrap import Context
from tests.factories import cooperation, membership, persist, resource
from tests.support.sharing import build_sharing

__all__ = ["DAY", "build_resources", "hour"]

DAY = datetime(2024, 5, 1, tzinfo=UTC)


def hour(h: float) -> datetime:
    """An instant on DAY, ``h`` hours after midnight UTC."""
    return DAY.replace(hour=int(h), minute=round(h % 1 * 60))


def build_resources(ctx: Context, *, shared: bool = True, capacity: float = 5.0) -> None:
    build_sharing(ctx)
    with ctx.uow() as uow:
        persist(
            uow,
            cooperation(
                "gudang",
                status=CooperationStatus.ACTIVE,
                mechanisms=(Mechanism.RESOURCE_CO_UTILIZATION,),
            ),
            *(membership("gudang", k, status=MembershipStatus.ACCEPTED) for k in "abc"),
            resource(
                "wh", "a", name="Gudang Bandung", kind=ResourceKind.WAREHOUSE,
                capacity=capacity, unit="bay", cost_rate=1000.0,
            ),
        )  # fmt: skip
        if shared:
            uow.resources.share_into("wh", "gudang")
        uow.commit()
