"""Territories and tie types, on SQLite and PostgreSQL.

Every test writes in one unit of work and reads in another, so that what is read comes from the
database and not from the session's memory.
"""

from __future__ import annotations

import pytest

from jejaring.domain.errors import NotFound
from jejaring.domain.territories import Level
from jejaring.domain.ties import DEFAULT_TIE_TYPES, TieCategory, TieNature, TieType
from jejaring.services.bootstrap import Context
from tests.factories import persist, territory

NEW_TYPE = TieType(
    "distributor_of",
    "Distributor of",
    TieCategory.SOCIAL_RELATION,
    TieNature.STATE,
    True,
    parent="role",
)


def test_a_territory_reads_back_equal(ctx: Context) -> None:
    t = territory("32.04.99", level=Level.DISTRICT, parent_code="32.04", demand=1250.5)
    with ctx.uow() as uow:
        before = uow.territories.count()
        uow.territories.save(t)
        uow.commit()
    with ctx.uow() as uow:
        assert uow.territories.get("32.04.99") == t
        assert uow.territories.count() == before + 1
        assert t in uow.territories.find(parent="32.04", level=Level.DISTRICT)


def test_saving_a_territory_again_replaces_it_idempotently(ctx: Context) -> None:
    changed = territory("32", name="Jabar", level=Level.PROVINCE, parent_code="ID", demand=7.0)
    with ctx.uow() as uow:
        before = uow.territories.count()
        uow.territories.save(changed)
        uow.territories.save(changed)
        uow.commit()
    with ctx.uow() as uow:
        uow.territories.save(changed)
        uow.commit()
    with ctx.uow() as uow:
        assert uow.territories.get("32") == changed
        assert uow.territories.count() == before
        # The children keep their parent.
        assert uow.territories.get("32.04") is not None
        assert uow.territories.parents()["32.04"] == "32"


def test_territories_are_ordered_by_code_and_page_with_after(ctx: Context) -> None:
    with ctx.uow() as uow:
        every = uow.territories.find(parent="32")
        codes = [t.code for t in every]
        assert codes == sorted(codes) and len(codes) > 10
        pages, after = [], None
        while page := uow.territories.find(parent="32", after=after, limit=4):
            pages.extend(page)
            after = page[-1].code
        assert pages == every


def test_an_unknown_territory_is_none_and_an_unknown_parent_is_not_found(ctx: Context) -> None:
    with ctx.uow() as uow:
        assert uow.territories.get("nowhere") is None
        with pytest.raises(NotFound, match="nowhere"):
            uow.territories.save(territory("X1", parent_code="nowhere"))


def test_parents_and_existing_codes(ctx: Context) -> None:
    with ctx.uow() as uow:
        parents = uow.territories.parents()
        assert parents["ID"] is None and parents["32"] == "ID" and parents["32.04"] == "32"
        assert uow.territories.existing(["32", "nowhere", "32.04", "32"]) == {"32", "32.04"}


def test_the_default_tie_types_read_back_in_key_order(ctx: Context) -> None:
    with ctx.uow() as uow:
        assert uow.tie_types.find() == sorted(DEFAULT_TIE_TYPES, key=lambda t: t.key)
        assert uow.tie_types.get("partner_of") == next(
            t for t in DEFAULT_TIE_TYPES if t.key == "partner_of"
        )
        assert uow.tie_types.get("nothing") is None


def test_upserting_a_tie_type_adds_then_replaces(ctx: Context) -> None:
    renamed = TieType(
        "distributor_of",
        "Distributes for",
        TieCategory.SOCIAL_RELATION,
        TieNature.STATE,
        False,
        parent="role",
    )
    with ctx.uow() as uow:
        uow.tie_types.upsert([NEW_TYPE])
        uow.commit()
    with ctx.uow() as uow:
        assert uow.tie_types.get("distributor_of") == NEW_TYPE
        uow.tie_types.upsert([renamed, renamed])
        uow.commit()
    with ctx.uow() as uow:
        assert uow.tie_types.get("distributor_of") == renamed
        assert len(uow.tie_types.find()) == len(DEFAULT_TIE_TYPES) + 1


def test_a_tie_type_under_an_unknown_parent_is_not_found(ctx: Context) -> None:
    orphan = TieType("orphan", "Orphan", TieCategory.FLOW, TieNature.EVENT, True, parent="nope")
    with ctx.uow() as uow, pytest.raises(NotFound, match="nope"):
        persist(uow, orphan)
