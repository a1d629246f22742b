"""Scores recomputed by hand from the instrument's header rules, around the 75 % threshold."""

from __future__ import annotations

from fractions import Fraction

import pytest

from jejaring.domain.capability_scores import (
    RespondentScores,
    actor_scores,
    check_answers,
    respondent_scores,
)
from jejaring.domain.errors import InvalidValue, NotFound
from jejaring.domain.instrument import parse_instrument
from jejaring.io.instruments import current_instrument, instrument

NC1 = current_instrument()

# C: 5 of 6 answered (0.83 >= 0.75), R: 3 of 4 (exactly 0.75), K: 2 of 4 (0.5), I: 4 of 5 (0.8).
PARTIAL = {"C1": 7, "C2": 6, "C3": 5, "C4": 4, "C5": 3, "R1": 4, "R2": 5, "R3": 6}
PARTIAL |= {"K1": 2, "K2": 3, "I1": 1, "I2": 2, "I3": 3, "I4": 4}
FULL = {f"C{i}": 4 for i in range(1, 7)} | {"R1": 1, "R2": 2, "R3": 3, "R4": 4}
FULL |= {f"K{i}": 7 for i in range(1, 5)} | {f"I{i}": 5 for i in range(1, 6)}


def test_the_shipped_instrument_reads_as_its_header_says() -> None:
    assert NC1.version == "nc-1" and instrument("nc-1") is NC1
    assert NC1.min_answered_share == Fraction(3, 4)
    assert (NC1.scale.low, NC1.scale.high) == (1, 7)
    assert NC1.component_keys == (
        "coordination", "relational_skills", "partner_knowledge", "internal_communication",
    )  # fmt: skip
    sizes = [len(NC1.items_of(k)) for k in NC1.component_keys]
    assert sizes == [6, 4, 4, 5]
    first = NC1.items[0]
    assert first.text("en").startswith("We analyse") and first.text("id").startswith("Kami")
    assert NC1.component("partner_knowledge").name("id") == "Pengetahuan tentang mitra"
    with pytest.raises(NotFound):
        instrument("nc-0")


def test_a_component_needs_three_quarters_of_its_items() -> None:
    scores = respondent_scores(NC1, PARTIAL)
    assert scores.components == {
        "coordination": 5.0,  # (7+6+5+4+3)/5
        "relational_skills": 5.0,  # (4+5+6)/3, exactly at the threshold
        "partner_knowledge": None,  # 2 of 4
        "internal_communication": 2.5,  # (1+2+3+4)/4
    }
    assert scores.overall is None  # one component undefined


def test_just_below_the_threshold_is_undefined() -> None:
    four_of_six = {f"C{i}": 5 for i in range(1, 5)}
    three_of_five = {"I1": 2, "I2": 4, "I3": 6}
    two_of_four = {"R1": 7, "R2": 7}
    scores = respondent_scores(NC1, four_of_six | three_of_five | two_of_four)
    assert scores.components["coordination"] is None  # 0.667 < 0.75
    assert scores.components["internal_communication"] is None  # 0.6
    assert scores.components["relational_skills"] is None  # 0.5
    assert respondent_scores(NC1, {}).components["coordination"] is None


def test_overall_and_the_actor_means() -> None:
    full = respondent_scores(NC1, FULL)
    assert full.components["relational_skills"] == 2.5
    assert full.overall == (4 + 2.5 + 7 + 5) / 4 == 4.625
    actor = actor_scores(NC1, [respondent_scores(NC1, PARTIAL), full])
    assert actor.respondents == 2
    assert actor.components == {
        "coordination": 4.5,  # (5 + 4) / 2
        "relational_skills": 3.75,  # (5 + 2.5) / 2
        "partner_knowledge": 7.0,  # the only defined respondent score
        "internal_communication": 3.75,  # (2.5 + 5) / 2
    }
    assert actor.overall == 4.625  # only the full respondent has an overall score
    nobody = actor_scores(NC1, [])
    assert nobody.respondents == 0 and nobody.overall is None


def test_means_are_exact() -> None:
    third = respondent_scores(NC1, {"R1": 1, "R2": 1, "R3": 2})
    assert third.components["relational_skills"] == 4 / 3


@pytest.mark.parametrize(
    ("answers", "fragment"),
    [({"C7": 3}, "'C7' is not in instrument nc-1"), ({"C1": 8}, "1 to 7, got 8"),
     ({"C1": 0}, "got 0"), ({"C1": True}, "must be an integer")],
)  # fmt: skip
def test_answers_off_the_instrument_are_refused(answers: dict[str, int], fragment: str) -> None:
    with pytest.raises(InvalidValue, match=fragment):
        check_answers(NC1, answers)


def test_a_broken_instrument_is_refused() -> None:
    good = {
        "version": "x-1",
        "min_answered_share": 0.5,
        "scale": {"min": 1, "max": 2, "labels_en": ["no", "yes"], "labels_id": ["tidak", "ya"]},
        "components": [
            {"key": "a", "name_en": "A", "name_id": "A", "about_en": "A", "about_id": "A"}
        ],
        "items": [{"id": "A1", "component": "a", "en": "One", "id_text": "Satu"}],
    }
    assert parse_instrument(good).min_answered_share == Fraction(1, 2)
    for broken in (
        good | {"items": [{"id": "A1", "component": "b", "en": "x", "id_text": "y"}]},
        good | {"min_answered_share": 0},
        good | {"scale": {"min": 1, "max": 2, "labels_en": ["no"], "labels_id": ["tidak"]}},
        good | {"version": ""},
    ):
        with pytest.raises(InvalidValue):
            parse_instrument(broken)


def test_an_actor_mean_is_rounded_once() -> None:
    # I: 24/5 and 23/5; as floats 4.8 + 4.6 halves to 4.699999999999999.
    first = respondent_scores(NC1, {"I1": 5, "I2": 5, "I3": 5, "I4": 5, "I5": 4})
    second = respondent_scores(NC1, {"I1": 5, "I2": 5, "I3": 5, "I4": 4, "I5": 4})
    assert actor_scores(NC1, [first, second]).components["internal_communication"] == 4.7
    # Scores built by hand (no fractions kept) are averaged as given.
    plain = RespondentScores(dict.fromkeys(NC1.component_keys, 2.0), 2.0)
    assert actor_scores(NC1, [plain, full_of(4)]).overall == 3.0


def full_of(value: int) -> RespondentScores:
    return respondent_scores(NC1, dict.fromkeys(NC1.item_ids, value))
