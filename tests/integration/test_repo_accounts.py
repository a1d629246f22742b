"""Users with their actor memberships, assessments and the audit trail."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from jejaring.domain.accounts import ActorRole, PlatformRole
from jejaring.domain.errors import NotFound
from jejaring.services.bootstrap import Context
from jejaring.store.errors import Conflict
from tests.factories import AT, actor, assessment, audit_event, member, persist, user

FULL = user(
    "ani@example.com",
    display_name="Ani Rahmawati",
    locale="en",
    platform_roles=(PlatformRole.COORDINATOR, PlatformRole.ADMIN),
    active=False,
)


@pytest.fixture
def people(ctx: Context) -> Context:
    with ctx.uow() as uow:
        persist(uow, actor("a"), actor("b"), actor("c"))
        uow.commit()
    return ctx


def test_a_user_reads_back_equal_by_any_case_of_the_address(people: Context) -> None:
    with people.uow() as uow:
        uow.users.save(FULL)
        uow.commit()
    with people.uow() as uow:
        assert uow.users.get("ANI@example.com") == FULL
        assert uow.users.get("nobody@example.com") is None
        assert uow.users.count() == 1


def test_saving_a_user_again_replaces_it(people: Context) -> None:
    plain = user("Ani@Example.com", password_hash="$argon2id$other")
    with people.uow() as uow:
        persist(uow, FULL, plain, plain)
        uow.commit()
    with people.uow() as uow:
        assert uow.users.get("ani@example.com") == plain
        assert uow.users.count() == 1


def test_actor_memberships_are_ordered_by_actor_and_replace(people: Context) -> None:
    with people.uow() as uow:
        persist(uow, FULL, member(actor="c"), member(actor="a", role=ActorRole.VIEWER))
        uow.commit()
    with people.uow() as uow:
        persist(uow, member(actor="a", role=ActorRole.MANAGER))
        uow.commit()
    with people.uow() as uow:
        assert uow.users.memberships("Ani@example.com") == [
            member(actor="a", role=ActorRole.MANAGER),
            member(actor="c"),
        ]


def test_a_membership_of_an_unknown_user_or_actor_is_not_found(people: Context) -> None:
    with people.uow() as uow:
        persist(uow, FULL)
        with pytest.raises(NotFound, match=r"user 'who@example.com'"):
            uow.users.add_member(member("who@example.com"))
        with pytest.raises(NotFound, match="actor 'nobody'"):
            uow.users.add_member(member(actor="nobody"))
        with pytest.raises(NotFound, match=r"user 'who@example.com'"):
            uow.users.memberships("who@example.com")


def test_assessments_read_back_equal_in_actor_date_respondent_order(people: Context) -> None:
    made = [
        assessment("b", taken_at=date(2024, 2, 1)),
        assessment("a", respondent="staff", taken_at=date(2024, 3, 1)),
        assessment("a", respondent="owner", taken_at=date(2024, 3, 1), answers={"q": 7}),
        assessment("a", taken_at=date(2024, 1, 1), answers={}),
    ]
    with people.uow() as uow:
        persist(uow, *made)
        uow.commit()
    with people.uow() as uow:
        assert uow.assessments.find() == [made[3], made[2], made[1], made[0]]
        assert uow.assessments.find(actor="b") == [made[0]]
        assert uow.assessments.count() == 4


def test_the_same_assessment_twice_is_a_conflict(people: Context) -> None:
    with people.uow() as uow:
        persist(uow, assessment())
        with pytest.raises(Conflict):
            uow.assessments.add(assessment(answers={"other": 1}))
            uow.flush()


def test_an_assessment_of_an_unknown_actor_is_not_found(people: Context) -> None:
    with people.uow() as uow, pytest.raises(NotFound, match="actor 'nobody'"):
        uow.assessments.add(assessment("nobody"))


def test_audit_events_read_back_newest_first_in_utc(people: Context) -> None:
    wib = timezone(timedelta(hours=7))
    old = audit_event("a", at=AT, by_user="ani@example.com", by_actor="b", detail="3 records")
    new = audit_event("a", at=datetime(2024, 5, 2, 7, tzinfo=wib), action="policy.changed")
    with people.uow() as uow:
        persist(uow, FULL, old, new, audit_event("b"))
        uow.commit()
    with people.uow() as uow:
        found = uow.audit.find_for("a")
        assert found == [new, old]
        assert all(e.at.tzinfo is not None and e.at.utcoffset() == timedelta(0) for e in found)
        assert found[0].id is not None and found[1].id is not None


def test_audit_events_name_only_known_actors_and_users(people: Context) -> None:
    with people.uow() as uow:
        for bad, missing in [
            (audit_event("nobody"), "actor 'nobody'"),
            (audit_event(by_actor="nobody"), "actor 'nobody'"),
            (audit_event(by_user="who@example.com"), "user 'who@example.com'"),
        ]:
            with pytest.raises(NotFound, match=missing):
                uow.audit.record(bad)
        with pytest.raises(NotFound, match="actor 'nobody'"):
            uow.audit.find_for("nobody")


def test_events_of_several_users_in_any_case_name_each_its_own(people: Context) -> None:
    budi = user("budi@example.com")
    events = [
        audit_event("a", by_user="ANI@example.com", detail="1"),
        audit_event("a", by_user="budi@example.com", detail="2"),
        audit_event("a", by_user="Budi@Example.com", detail="3"),
        audit_event("a", detail="4"),
    ]
    with people.uow() as uow:
        persist(uow, FULL, budi)
        uow.audit.record_all(events)
        uow.commit()
    with people.uow() as uow:
        found = {e.detail: e.by_user for e in uow.audit.find_for("a")}
        assert found == {"1": FULL.email, "2": budi.email, "3": budi.email, "4": None}
        assert uow.users.user_ids(["BUDI@example.com", "nobody@example.com"]) == {
            "BUDI@example.com": uow.users.user_id(budi.email)
        }


def test_deleting_an_actor_keeps_the_events_it_caused(people: Context) -> None:
    with people.uow() as uow:
        persist(uow, FULL, audit_event("a", by_actor="b", by_user="ani@example.com"))
        persist(uow, audit_event("b"))
        uow.commit()
    with people.uow() as uow:
        uow.actors.delete("b")
        uow.commit()
    with people.uow() as uow:
        assert [e.by_actor for e in uow.audit.find_for("a")] == [None]
        # The owner's own trail goes with the owner.
        uow.actors.delete("a")
        uow.commit()


def test_recording_no_audit_events_writes_nothing(ctx: Context) -> None:
    with ctx.uow() as uow:
        uow.audit.record_all([])
        uow.commit()
    with ctx.reader() as uow:
        assert uow.session.scalar(text("SELECT count(*) FROM audit_event")) == 0


def test_many_audit_events_recorded_at_once_all_read_back(people: Context) -> None:
    # More rows than one statement takes (store.repositories.base.PARAMETERS): written in parts.
    events = [
        audit_event("a", at=AT + timedelta(seconds=i), by_actor="b", detail=str(i))
        for i in range(300)
    ]
    with people.uow() as uow:
        uow.audit.record_all(events)
        uow.commit()
    with people.reader() as uow:
        found = uow.audit.find_for("a")
    assert [e.detail for e in found] == [str(i) for i in reversed(range(300))]
    assert {e.by_actor for e in found} == {"b"}
