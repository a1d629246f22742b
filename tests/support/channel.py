"""A channel for the information-sharing tests, on top of the sharing community.

``chan`` is an active cooperation sharing information with members ``a``, ``b``, ``c``;
``quiet`` (active, co-utilizing resources only) and ``halted`` (suspended, sharing information)
have ``a`` and ``b``. ``CHANNEL_POSTS`` are stored in order, so the n-th has id n: ``b``
writes for all, for ``c`` only and for ``a`` only, ``a`` writes for all, and an expired one.
"""

from __future__ import annotations

from datetime import timedelta

from jejaring.domain.cooperation import CooperationStatus, Mechanism, MembershipStatus
from jejaring.domain.posts import PostCategory, PostVisibility
from jejaring.services.bootstrap import Context
from tests.factories import AT, cooperation, membership, persist, post

__all__ = ["CHANNEL_POSTS", "NAMED", "build_channel", "post_id"]

NAMED = PostVisibility.NAMED
CHANNEL_POSTS = {
    "b_all": post("chan", "b", title="Harga cabai naik di Semarang", body="Cabai rawit 60.000/kg.",
                  category=PostCategory.PRICE, territories=("33",), sectors=("pertanian",)),
    "b_to_c": post("chan", "b", title="Prospek hotel Surabaya", body="Butuh pemasok sayur.",
                   category=PostCategory.LEAD, visibility=NAMED, recipients=("c",)),
    "b_to_a": post("chan", "b", title="Prospek kafe Bandung", body="Butuh pemasok kopi.",
                   category=PostCategory.LEAD, visibility=NAMED, recipients=("a",)),
    "a_all": post("chan", "a", title="Aturan halal baru", body="Sertifikasi halal wajib.",
                  category=PostCategory.REGULATION, created=AT + timedelta(hours=1)),
    "expired": post("chan", "b", title="Peluang pameran cabai", body="Stan murah: cabai.",
                    category=PostCategory.OPPORTUNITY, expires=AT + timedelta(days=1)),
}  # fmt: skip


def post_id(name: str) -> int:
    return list(CHANNEL_POSTS).index(name) + 1


def build_channel(ctx: Context) -> None:
    """Store the cooperations and posts (the sharing community must be there)."""
    accepted, sharing = MembershipStatus.ACCEPTED, (Mechanism.INFORMATION_SHARING,)
    with ctx.uow() as uow:
        persist(
            uow,
            cooperation("chan", status=CooperationStatus.ACTIVE, mechanisms=sharing),
            *(membership("chan", k, status=accepted) for k in "abc"),
            cooperation("quiet", status=CooperationStatus.ACTIVE,
                        mechanisms=(Mechanism.RESOURCE_CO_UTILIZATION,)),
            cooperation("halted", status=CooperationStatus.SUSPENDED, mechanisms=sharing),
            *(membership(k, actor, status=accepted) for k in ("quiet", "halted") for actor in "ab"),
        )  # fmt: skip
        for p in CHANNEL_POSTS.values():
            persist(uow, p)
        uow.commit()
