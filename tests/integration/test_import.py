"""Importing bundles into SQLite and PostgreSQL: all or nothing, idempotent, by key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from jejaring.domain.actors import ActorKind, Visibility
from jejaring.domain.cooperation import (
    CooperationStatus,
    MappingLevel,
    MemberRole,
    MembershipStatus,
)
from jejaring.domain.resources import BookingStatus
from jejaring.io.bundle_write import write_bundle
from jejaring.services.bootstrap import Context
from jejaring.services.imports import import_bundle, import_path
from tests.factories import booking, persist
from tests.support.bundles import SHEETS, bundle, with_row, write_folder

COUNTS = {
    "territories": 2,
    "actors": 3,
    "ties": 2,
    "customers": 3,
    "resources": 2,
    "cooperations": 1,
}


def _stored(ctx: Context) -> dict[str, object]:
    with ctx.uow() as uow:
        return {
            "actors": uow.actors.find(),
            "ties": uow.ties.find(),
            "customers": uow.customers.find_for("toko-satu") + uow.customers.find_for("pt-dua")
            if uow.actors.get("toko-satu")
            else [],
            "resources": uow.resources.find(),
            "cooperations": uow.cooperations.find(),
            "village": uow.territories.get("X.1"),
            "bandung": uow.territories.get("32.04"),
        }


def test_a_valid_bundle_is_written_and_reads_back_through_the_repositories(
    ctx: Context, tmp_path: Path
) -> None:
    report = import_path(ctx, write_folder(tmp_path / "b", SHEETS))
    assert report.errors == [] and not report.dry_run
    assert report.written == COUNTS
    assert report.new == {**COUNTS, "territories": 1}  # 32.04 ships with every database
    with ctx.uow() as uow:
        toko = uow.actors.get("toko-satu")
        assert toko is not None
        assert toko.kind is ActorKind.ENTREPRENEUR
        assert toko.sectors == ("retail", "food")
        assert toko.coverage == ("32.04", "33")
        assert toko.description == "Batik, since 1990"
        assert toko.visibility is Visibility.COMMUNITY
        ties = {t.type: t for t in uow.ties.find()}
        knows, partner = ties["knows"], ties["partner_of"]
        assert (knows.type, knows.weight, knows.directed) == ("knows", 2.0, True)
        assert (partner.type, partner.weight, partner.directed) == ("partner_of", 1.0, False)
        assert [c.key for c in uow.customers.find_for("toko-satu")] == ["c1", "c2"]
        [joko] = uow.customers.find_for("pt-dua")
        assert (joko.territory, joko.status.value, joko.value) == ("X.1", "customer", None)
        truck = uow.resources.get("truk-1")
        assert truck is not None and (truck.capacity, truck.cost_rate) == (2.5, 15000.0)
        village = uow.territories.get("X.1")
        assert village is not None and (village.parent_code, village.demand) == ("32.04.05", 10.5)
        bandung = uow.territories.get("32.04")
        assert bandung is not None and bandung.demand == 1500.0


def test_a_cooperation_is_active_with_accepted_members_and_default_policies(ctx: Context) -> None:
    assert import_bundle(ctx, bundle(SHEETS)).errors == []
    with ctx.uow() as uow:
        coop = uow.cooperations.get("koperasi")
        assert coop is not None and coop.status is CooperationStatus.ACTIVE
        roles = {m.actor: (m.role, m.status) for m in uow.cooperations.memberships("koperasi")}
        assert roles == {
            "pt-dua": (MemberRole.INITIATOR, MembershipStatus.ACCEPTED),
            "toko-satu": (MemberRole.MEMBER, MembershipStatus.ACCEPTED),
        }
        policies = uow.cooperations.policies("koperasi")
        assert [(p.actor, p.mapping_level) for p in policies] == [
            ("pt-dua", MappingLevel.NONE),
            ("toko-satu", MappingLevel.NONE),
        ]
    # Listing the members the other way round makes the other one the initiator.
    turned = {
        **SHEETS,
        "cooperations": "key,name,members\nkoperasi,Koperasi Jejaring,toko-satu;pt-dua\n",
    }
    assert import_bundle(ctx, bundle(turned)).errors == []
    with ctx.uow() as uow:
        initiators = [
            m.actor
            for m in uow.cooperations.memberships("koperasi")
            if m.role is MemberRole.INITIATOR
        ]
        assert initiators == ["toko-satu"]


def test_importing_again_changes_nothing_and_counts_updates(ctx: Context) -> None:
    first = import_bundle(ctx, bundle(SHEETS))
    before = _stored(ctx)
    again = import_bundle(ctx, bundle(SHEETS))
    assert again.errors == []
    assert again.new == dict.fromkeys(COUNTS, 0)
    assert again.updated == COUNTS
    assert _stored(ctx) == before
    assert first.written == again.written


def test_a_reimport_updates_by_key_and_leaves_columns_it_does_not_give(ctx: Context) -> None:
    assert import_bundle(ctx, bundle(SHEETS)).errors == []
    changed = {
        "actors": "key,name,kind\ntoko-satu,Toko Satu Baru,company\n",
        "customers": "owner,key,name,value\ntoko-satu,c1,Budi Santoso,250\n",
    }
    report = import_bundle(ctx, bundle(changed))
    assert report.errors == [] and report.updated == {"actors": 1, "customers": 1}
    with ctx.uow() as uow:
        toko = uow.actors.get("toko-satu")
        assert toko is not None and (toko.name, toko.kind) == ("Toko Satu Baru", ActorKind.COMPANY)
        # Sectors, coverage and description were not in the sheet: they stay as they were.
        assert toko.sectors == ("retail", "food") and toko.coverage == ("32.04", "33")
        assert toko.description == "Batik, since 1990"
        budi = uow.customers.find_for("toko-satu")[0]
        assert (budi.name, budi.value, budi.email) == ("Budi Santoso", 250.0, "budi@example.id")


CANCELLED = BookingStatus.CANCELLED


def test_capacity_cannot_drop_below_what_is_booked(ctx: Context) -> None:
    assert import_bundle(ctx, bundle(SHEETS)).errors == []
    at = datetime(2026, 3, 2, 8, tzinfo=UTC)
    with ctx.uow() as uow:  # 30 then 70 m2 overlapping from 10:00: 100 held at once
        persist(
            uow,
            booking("gudang-1", "toko-satu", start=at, hours=4, quantity=30.0),
            booking("gudang-1", "toko-satu", start=at + timedelta(hours=2), quantity=70.0),
            booking("gudang-1", "toko-satu", start=at, quantity=50.0, status=CANCELLED),
        )
        uow.commit()
    lower = "owner,key,name,kind,capacity\ntoko-satu,gudang-1,Gudang Bandung,warehouse,99\n"
    report = import_bundle(ctx, bundle({"actors": SHEETS["actors"], "resources": lower}))
    assert [(e.file, e.line, e.column) for e in report.errors] == [("resources.csv", 2, "capacity")]
    assert "less than the 100.0 that confirmed bookings" in report.errors[0].reason
    assert "2026-03-02T10:00:00+00:00" in report.errors[0].reason
    with ctx.reader() as uow:
        kept = uow.resources.get("gudang-1")
        assert kept is not None and kept.capacity == 100.0  # nothing written
    enough = lower.replace(",99\n", ",100\n")
    assert import_bundle(ctx, bundle({"actors": SHEETS["actors"], "resources": enough})).ok


def test_references_may_point_at_stored_rows(ctx: Context) -> None:
    assert import_bundle(ctx, bundle(SHEETS)).errors == []
    later = {
        "actors": "key,name,kind\nempat,Empat,company\n",
        "customers": "owner,key,name,territory\ncv-tiga,c1,Wati,X.1\n",
        "ties": "source,target,type\nempat,cv-tiga,knows\n",
    }
    report = import_bundle(ctx, bundle(later))
    assert report.errors == []
    assert report.new == {"actors": 1, "customers": 1, "ties": 1}


def test_a_dry_run_counts_and_writes_nothing(ctx: Context, tmp_path: Path) -> None:
    before = _stored(ctx)
    report = import_path(ctx, write_folder(tmp_path / "b", SHEETS), dry_run=True)
    assert report.dry_run and report.errors == []
    assert report.written == COUNTS and report.new["actors"] == 3
    assert _stored(ctx) == before


def test_one_bad_row_in_the_last_sheet_writes_nothing_of_the_others(ctx: Context) -> None:
    before = _stored(ctx)
    broken = with_row(SHEETS, "cooperations", "k2,Second,pt-dua;ghost,,")
    report = import_bundle(ctx, bundle(broken))
    assert [(e.file, e.line, e.column) for e in report.errors] == [
        ("cooperations.csv", 3, "members")
    ]
    assert report.written == {}
    assert _stored(ctx) == before


@pytest.mark.parametrize("target", ["bundle.zip", "bundle.xlsx", "folder"])
def test_zip_workbook_and_folder_import_alike(ctx: Context, tmp_path: Path, target: str) -> None:
    path = tmp_path / target
    write_bundle(bundle(SHEETS), path)
    report = import_path(ctx, path)
    assert report.errors == [] and report.written == COUNTS


def test_an_unreadable_file_is_reported_not_raised(ctx: Context, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", SHEETS)
    (folder / "ties.csv").write_bytes(b"source,target,type\na,b,met,extra\n")
    report = import_path(ctx, folder)
    assert [(e.file, e.line) for e in report.errors] == [("ties.csv", 2)]


def test_progress_is_told_per_sheet(ctx: Context) -> None:
    told: list[tuple[str, int, int]] = []
    import_bundle(ctx, bundle(SHEETS), progress=lambda s, d, t: told.append((s, d, t)))
    assert [t for t in told if t[1] == t[2]] == [(name, n, n) for name, n in COUNTS.items()]
