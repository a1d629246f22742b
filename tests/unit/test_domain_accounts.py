"""Users, their roles for actors, and capability assessments."""

from __future__ import annotations

import pytest

from jejaring.domain.accounts import ActorRole
from jejaring.domain.errors import InvalidValue
from tests.factories import assessment, member, user


def test_an_email_address_is_kept_case_folded_and_stripped() -> None:
    assert user(" Ani@Example.COM ").email == "ani@example.com"
    assert user("ANI@example.com") == user("ani@example.com")
    assert member(user="Ani@Example.com").user == "ani@example.com"


def test_a_user_is_active_speaks_indonesian_and_has_no_platform_role_by_default() -> None:
    u = user()
    assert (u.active, u.locale, u.platform_roles) == (True, "id", ())


def test_actor_roles_run_from_the_most_to_the_least_powerful() -> None:
    assert [r.value for r in ActorRole] == ["owner", "manager", "member", "viewer"]


def test_an_assessment_needs_a_respondent_and_an_instrument_version() -> None:
    with pytest.raises(InvalidValue, match=r"^respondent: must not be empty"):
        assessment(respondent=" ")
    with pytest.raises(InvalidValue, match=r"^instrument_version: must not be empty"):
        assessment(instrument_version="")


@pytest.mark.parametrize("answer", [True, 4.5, "4"])
def test_answers_are_integers(answer: object) -> None:
    with pytest.raises(InvalidValue, match=r"^answers: item 'q1' must be an integer"):
        assessment(answers={"q1": answer})


def test_an_assessment_can_be_hashed_and_compared_by_its_answers() -> None:
    assert hash(assessment()) == hash(assessment(answers={"other": 1}))
    assert assessment() != assessment(answers={"other": 1})
