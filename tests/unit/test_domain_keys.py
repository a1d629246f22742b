"""Keys, names and numbers: the checks every entity shares."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jejaring.domain.actors import check_key, check_name, check_text
from jejaring.domain.errors import DomainError, InvalidValue
from jejaring.domain.numbers import check_non_negative, check_positive

SEPARATORS = [";", ",", "\t", "\r", "\n"]
FORBIDDEN = {*SEPARATORS, "\x00"}


def test_a_key_is_returned_stripped() -> None:
    assert check_key("  toko-ani  ") == "toko-ani"


@pytest.mark.parametrize("blank", ["", " ", "\u3000 \u00a0"])
def test_a_blank_key_is_refused_naming_the_field(blank: str) -> None:
    with pytest.raises(InvalidValue, match=r"^owner: must not be empty$"):
        check_key(blank, field="owner")


@pytest.mark.parametrize("separator", SEPARATORS)
def test_a_key_holding_a_list_separator_is_refused(separator: str) -> None:
    with pytest.raises(InvalidValue, match=r"without ';', ','"):
        check_key(f"a{separator}b")


def test_a_key_may_be_200_characters_but_no_more() -> None:
    assert check_key("k" * 200) == "k" * 200
    with pytest.raises(InvalidValue, match=r"at most 200 characters"):
        check_key("k" * 201)


def test_the_length_limit_is_a_parameter() -> None:
    assert check_key("k" * 64, max_length=64) == "k" * 64
    with pytest.raises(InvalidValue, match=r"at most 64 characters"):
        check_key("k" * 65, max_length=64)


@given(st.text(max_size=250))
def test_check_key_returns_a_valid_key_or_raises(text: str) -> None:
    try:
        key = check_key(text)
    except InvalidValue:
        stripped = text.strip()
        assert not stripped or len(stripped) > 200 or FORBIDDEN & set(text)
    else:
        assert key == text.strip() and key
        assert len(key) <= 200 and not FORBIDDEN & set(key)
        assert check_key(key) == key  # idempotent


def test_text_may_hold_anything_but_a_nul_character() -> None:
    # PostgreSQL cannot store NUL in text while SQLite can: refused alike, in the domain.
    assert check_text("Baris 1\nBaris 2\t✓", field="description") == "Baris 1\nBaris 2\t✓"
    assert check_text(None, field="email") is None
    for check in (
        lambda: check_text("a\x00b", field="body"),
        lambda: check_key("a\x00b", field="body"),
        lambda: check_name("a\x00b", field="body"),
    ):
        with pytest.raises(InvalidValue, match=r"^body: must not contain a NUL character"):
            check()


def test_a_name_must_hold_more_than_blanks_and_fit_its_column() -> None:
    assert check_name(" Toko Ani ") == " Toko Ani "
    with pytest.raises(InvalidValue, match=r"^title: must not be empty$"):
        check_name("   ", field="title")
    assert check_name("n" * 300) == "n" * 300
    with pytest.raises(InvalidValue, match=r"at most 300 characters"):
        check_name("n" * 301)


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_check_positive_accepts_exactly_the_finite_numbers_above_zero(value: float) -> None:
    if math.isfinite(value) and value > 0:
        assert check_positive(value, field="weight") == value
    else:
        with pytest.raises(InvalidValue, match=r"^weight: must be a number > 0"):
            check_positive(value, field="weight")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_check_non_negative_accepts_exactly_the_finite_numbers_from_zero(value: float) -> None:
    if math.isfinite(value) and value >= 0:
        assert check_non_negative(value, field="demand") == value
    else:
        with pytest.raises(InvalidValue, match=r"^demand: must be a number >= 0"):
            check_non_negative(value, field="demand")


def test_a_domain_error_keeps_its_template_and_parameters_for_translation() -> None:
    error = InvalidValue("{field}: bad {value}", field="kind", value="x")
    assert isinstance(error, DomainError)
    assert error.template == "{field}: bad {value}"
    assert error.params == {"field": "kind", "value": "x"}
    assert str(error) == "kind: bad x"
    assert str(InvalidValue("no {placeholders} filled")) == "no {placeholders} filled"
