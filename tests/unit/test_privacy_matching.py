"""match_records and exact_keys on small lists with known answers."""

from __future__ import annotations

import polars as pl
import pytest

import jejaring.privacy.names as names_module
from jejaring.demo.match_pairs import noisy_pairs
from jejaring.io.territories import indonesia
from jejaring.privacy.keys import KINDS, exact_keys
from jejaring.privacy.matching import RULES, match_records

COLUMNS = ("key", "name", "status", "email", "phone", "tax_id", "territory", "segment", "value")


def customers(*rows: tuple[str | None, ...]) -> pl.DataFrame:
    """Rows of (key, name, email, phone, tax_id, territory); the other columns blank."""
    frame = pl.DataFrame(
        [dict(zip(("key", "name", "email", "phone", "tax_id", "territory"), r, strict=True))
         for r in rows],
        schema=dict.fromkeys(("key", "name", "email", "phone", "tax_id", "territory"), pl.String),
    )  # fmt: skip
    blank = [pl.lit(None, dtype=pl.String).alias(c) for c in ("status", "segment", "value")]
    return frame.with_columns(blank, owner=pl.lit("a")).select("owner", *COLUMNS)


def pairs(frame: pl.DataFrame) -> set[tuple[str, str, str]]:
    return {(r["left_key"], r["right_key"], r["rule"]) for r in frame.iter_rows(named=True)}


def test_each_rule_fires_on_its_own() -> None:
    left = customers(
        ("t", "A", None, None, "01.234.567.8-901.000", None),
        ("e", "B", "Budi.S@Gmail.com", None, None, None),
        ("p", "C", None, "0812-3456-7890", None, None),
        ("d", "D", "info@majujaya.co.id", None, None, None),
        ("n", "PT Sinar Jaya Abadi", None, None, None, "32.04.01"),
    )
    right = customers(
        ("T", "X", None, None, "012345678901000", None),
        ("E", "Y", "budi.s@gmail.com", None, None, None),
        ("P", "Z", None, "+62 812 3456 7890", None, None),
        ("D", "W", "sales@MAJUJAYA.co.id", None, None, None),
        ("N", "Sinar Jaya Abadi, PT", None, None, None, "32.04"),
    )
    found = match_records(left, right)
    assert found.columns == ["left_key", "right_key", "rule", "score"]
    assert pairs(found) == {
        ("t", "T", "tax_id"), ("e", "E", "email"), ("p", "P", "phone"), ("d", "D", "domain"),
        ("n", "N", "name"),
    }  # fmt: skip
    assert found["score"].to_list() == [1.0] * 5


def test_the_strongest_rule_is_reported_once_per_pair() -> None:
    left = customers(
        ("a", "PT Maju", "info@maju.co.id", "081234567890", "012345678901000", "32.04")
    )
    right = customers(("b", "Maju", "INFO@maju.co.id", "6281234567890", "012345678901000", "32.04"))
    assert pairs(match_records(left, right)) == {("a", "b", "tax_id")}
    right = right.with_columns(tax_id=pl.lit(None, dtype=pl.String))
    assert pairs(match_records(left, right)) == {("a", "b", "email")}
    right = right.with_columns(email=pl.lit("sales@maju.co.id"))
    assert pairs(match_records(left, right)) == {("a", "b", "phone")}
    assert (*KINDS, "name") == RULES


def test_free_mail_domains_never_match() -> None:
    left = customers(("a", "Ani", "ani@gmail.com", None, None, None))
    right = customers(("b", "Budi", "budi@gmail.com", None, None, None))
    assert match_records(left, right).is_empty()


def test_names_match_only_within_one_regency() -> None:
    left = customers(("a", "Toko Maju Jaya", None, None, None, "32.04.01"))
    same = customers(("b", "MAJU JAYA", None, None, None, "32.04"))
    other = customers(("b", "MAJU JAYA", None, None, None, "32.05.01"))
    province = customers(("b", "MAJU JAYA", None, None, None, "32"))
    assert pairs(match_records(left, same)) == {("a", "b", "name")}
    assert match_records(left, other).is_empty()
    assert match_records(left, province).is_empty()


def test_name_scores_and_the_threshold() -> None:
    left = customers(("a", "CV Sinar Jaya Abadi", None, None, None, "32.04"))
    typo = customers(("b", "Sinar Jya Abadi", None, None, None, "32.04"))
    found = match_records(left, typo)
    assert found["rule"].to_list() == ["name"] and 0.9 <= found["score"][0] < 1.0
    assert match_records(left, typo, name_threshold=99).is_empty()
    unlike = customers(("b", "Sinar Harapan Baru", None, None, None, "32.04"))
    assert match_records(left, unlike).is_empty()


def test_a_name_never_joins_two_records_with_different_npwp() -> None:
    left = customers(("a", "PT Maju Jaya", None, None, "012345678901000", "32.04"))
    right = customers(("b", "PT Maju Jaya", None, None, "019999999999000", "32.04"))
    assert match_records(left, right).is_empty()


def test_a_name_never_joins_contradicting_domains_or_legal_forms() -> None:
    left = customers(("a", "PT Maju Jaya", "info@majujaya.co.id", None, None, "32.04"))
    domain = customers(("b", "PT Maju Jaya", "info@majujaya2.com", None, None, "32.04"))
    form = customers(("b", "CV Maju Jaya", None, None, None, "32.04"))
    silent = customers(("b", "Maju Jaya", None, None, None, "32.04"))
    assert match_records(left, domain).is_empty()
    assert match_records(left, form).is_empty()
    assert pairs(match_records(left, silent)) == {("a", "b", "name")}


def test_a_name_never_joins_contradicting_contacts_or_districts() -> None:
    left = customers(("a", "Budi Santoso", "budi@gmail.com", "0812-3456-7890", None, "32.04.01"))
    phone = customers(("b", "Budi Santoso", None, "0813-9999-0000", None, "32.04"))
    email = customers(("b", "Budi Santoso", "budis@yahoo.com", None, None, "32.04"))
    district = customers(("b", "Budi Santoso", None, None, None, "32.04.02"))
    silent = customers(("b", "Bpk. Budi Santoso", None, None, None, "32.04"))
    for other in (phone, email, district):
        assert match_records(left, other).is_empty()
    assert pairs(match_records(left, silent)) == {("a", "b", "name")}


def test_names_are_a_fallback_and_one_to_one() -> None:
    # a is b by phone, so a's look-alike c is not also given to a; d's best is e, not f.
    left = customers(
        ("a", "Maju Jaya", None, "0812-3456-7890", None, "32.04"),
        ("d", "Sumber Rejeki Abadi", None, None, None, "32.04"),
    )
    right = customers(
        ("b", "Toko Maju Jaya", None, "081234567890", None, "32.04"),
        ("c", "Maju Jaya", None, None, None, "32.04"),
        ("e", "Sumber Rejeki Abadi", None, None, None, "32.04"),
        ("f", "Sumber Rejeki Abad", None, None, None, "32.04"),
    )
    assert pairs(match_records(left, right)) == {("a", "b", "phone"), ("d", "e", "name")}


def test_extra_and_missing_columns() -> None:
    left = pl.DataFrame({"key": ["a"], "phone": ["0812-3456-7890"], "notes": ["x"]})
    right = pl.DataFrame({"key": ["b"], "phone": ["+6281234567890"]})
    assert pairs(match_records(left, right)) == {("a", "b", "phone")}


def test_empty_lists() -> None:
    empty = customers()
    found = match_records(empty, empty)
    assert found.is_empty() and found.schema == pl.Schema(
        {"left_key": pl.String, "right_key": pl.String, "rule": pl.String, "score": pl.Float64}
    )


def test_exact_keys() -> None:
    frame = customers(
        ("a", "PT Maju", "Info@Maju.co.id", "0812-3456-7890", "01.234.567.8-901.000", "32.04"),
        ("b", "Ani", "ani@gmail.com", "", "000000000000000", None),
        ("c", "Nobody", None, None, None, None),
    )
    keys = exact_keys(frame)
    assert keys.columns == ["key", "kind", "value"]
    assert set(keys.iter_rows()) == {
        ("a", "tax_id", "012345678901000"),
        ("a", "email", "info@maju.co.id"),
        ("a", "phone", "+6281234567890"),
        ("a", "domain", "maju.co.id"),
        ("b", "email", "ani@gmail.com"),
    }


def test_scoring_in_chunks_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    pairs = noisy_pairs(list(indonesia()), records=1500, seed=9)
    whole = match_records(pairs.left, pairs.right)
    assert (whole["rule"] == "name").sum() > 10
    monkeypatch.setattr(names_module, "_CHUNK", 3)
    assert match_records(pairs.left, pairs.right).equals(whole)
