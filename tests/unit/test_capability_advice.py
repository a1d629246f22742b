"""The weakest component and the advice for it."""

from __future__ import annotations

from jejaring.domain.capability_advice import ADVICE, weakest
from jejaring.io.instruments import current_instrument

ORDER = current_instrument().component_keys


def test_the_lowest_defined_score_is_the_weakest() -> None:
    scores = {"coordination": 4.5, "relational_skills": 3.75, "partner_knowledge": None}
    assert weakest(scores | {"internal_communication": 5.0}, ORDER) == "relational_skills"


def test_ties_go_to_the_first_in_the_instrument_order() -> None:
    tied = {"coordination": 5.0, "relational_skills": 3.0, "partner_knowledge": 7.0}
    assert weakest(tied | {"internal_communication": 3.0}, ORDER) == "relational_skills"
    assert weakest(dict.fromkeys(ORDER), ORDER) is None


def test_every_component_has_advice_and_a_feature() -> None:
    assert set(ADVICE) == set(ORDER)
    assert all(a.text and a.feature and a.component == k for k, a in ADVICE.items())
