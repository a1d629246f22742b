"""Every normaliser of jejaring.privacy.normalise, on the formats real Indonesian lists hold."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from jejaring.demo.contacts import phone_numbers, typed_npwp, typed_phones
from jejaring.privacy.normalise import (
    FREE_MAIL_DOMAINS,
    email_domains,
    emails,
    legal_forms,
    names,
    phones,
    regencies,
    tax_ids,
)
from jejaring.privacy.phones import e164


def apply(function, values: list[str | None]) -> list[str | None]:  # type: ignore[no-untyped-def]
    frame = pl.DataFrame({"v": values}, schema={"v": pl.String})
    return frame.select(function(pl.col("v"))).to_series().to_list()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("081234567890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("62-812-3456-7890", "+6281234567890"),
        ("+6281234567890", "+6281234567890"),
        ("+62 812-3456-7890", "+6281234567890"),
        ("+62 812 34567890", "+6281234567890"),
        ("(+62) 812 3456 7890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
        ("0812.3456.7890", "+6281234567890"),
        ("81234567890", "+6281234567890"),
        ("0062 812 3456 7890", "+6281234567890"),
        ("(021) 555-1234", "+62215551234"),
        ("021-5551234", "+62215551234"),
        ("+62 (0)21 5551234", "+62215551234"),
        ("(0274) 512345", "+62274512345"),
        ("0812-3456-7890 / 0813-1111-2222", "+6281234567890"),
        ("021 555 1234 ext. 12", "+62215551234"),
        ("+65 6123 4567", "+6561234567"),
        ("  ", None),
        ("-", None),
        ("0812", None),
        ("tidak ada", None),
        (None, None),
    ],
)
def test_phones_in_every_format(typed: str | None, expected: str | None) -> None:
    assert apply(phones, [typed]) == [expected]


def test_phones_agree_with_phonenumbers_on_the_demo_formats() -> None:
    # The fast path must give what Google's library gives, on every shape the demo types.
    rng = np.random.default_rng(7)
    national = phone_numbers(rng, 3000)
    typed = typed_phones(rng, national).to_list()
    ours = apply(phones, typed)
    assert ours == ["+62" + n for n in national.to_list()]
    # phonenumbers reads "62812..." (no +) as a national number: compare it on the + forms.
    oracle = [e164("+" + t if t.startswith("62") else t) for t in typed]
    assert ours == oracle


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("01.234.567.8-901.000", "012345678901000"),
        ("012345678901000", "012345678901000"),
        ("0012345678901000", "012345678901000"),  # the 16-digit form of the same NPWP
        ("01 234 567 8 901 000", "012345678901000"),
        ("3204015501900001", "3204015501900001"),  # a NIK keeps its 16 digits
        ("00.000.000.0-000.000", None),
        ("999999999999999", None),
        ("12.345.678", None),
        ("", None),
        (None, None),
    ],
)
def test_tax_ids(typed: str | None, expected: str | None) -> None:
    assert apply(tax_ids, [typed]) == [expected]


def test_tax_ids_meet_across_the_demo_formats() -> None:
    rng = np.random.default_rng(3)
    digits = pl.Series([f"{i:015d}" for i in rng.integers(10**13, 10**15, 500)])
    assert apply(tax_ids, typed_npwp(rng, digits).to_list()) == digits.to_list()


def test_emails_are_case_folded_and_checked() -> None:
    typed = ["Budi.Santoso@Gmail.COM", " INFO@MajuJaya.co.id ", "mailto:a@b.id", "a@b.id; c@d.id",
             "budi@", "not an address", "a@localhost", None]  # fmt: skip
    assert apply(emails, typed) == [
        "budi.santoso@gmail.com", "info@majujaya.co.id", "a@b.id", "a@b.id", None, None, None, None,
    ]  # fmt: skip


@pytest.mark.parametrize(
    "free",
    ["gmail.com", "yahoo.com", "yahoo.co.id", "ymail.com", "hotmail.com", "hotmail.co.uk",
     "outlook.com", "live.com", "icloud.com", "aol.com", "proton.me", "protonmail.com",
     "mail.com", "yandex.ru", "rocketmail.com"],
)  # fmt: skip
def test_free_mail_domains_are_excluded(free: str) -> None:
    assert apply(email_domains, [f"Someone@{free.upper()}"]) == [None]


def test_corporate_domains_are_kept() -> None:
    typed = ["Sales@MajuJaya.co.id", "x@live.majujaya.com", "x@mail.majujaya.co.id", "x@bps.go.id"]
    assert apply(email_domains, typed) == [
        "majujaya.co.id", "live.majujaya.com", "mail.majujaya.co.id", "bps.go.id",
    ]  # fmt: skip
    assert "gmail.com" in FREE_MAIL_DOMAINS


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("PT Sinar Jaya Abadi", "sinar jaya abadi"),
        ("PT. SINAR JAYA ABADI", "sinar jaya abadi"),
        ("Sinar Jaya Abadi, PT", "sinar jaya abadi"),
        ("PT  Sinar Jaya Abadi Tbk.", "sinar jaya abadi"),
        ("PT Bank Rakyat Indonesia (Persero) Tbk", "bank rakyat indonesia"),
        ("CV. Maju-Jaya", "maju jaya"),
        ("UD Sumber Rejeki", "sumber rejeki"),
        ("Koperasi Serba Usaha Tani Makmur", "serba usaha tani makmur"),
        ("KSP Sejahtera", "sejahtera"),
        ("KUD Mina Bahari", "mina bahari"),
        ("Yayasan Pelita Harapan", "pelita harapan"),
        ("Fa. Sinar Baru", "sinar baru"),
        ("Firma Sinar Baru", "sinar baru"),
        ("PD Pasar Jaya", "pasar jaya"),
        ("Tk. Berkah", "berkah"),
        ("Bpk. H. Budi Santoso", "budi santoso"),
        ("Ibu Hj. Siti Aminah", "siti aminah"),
        ("Santoso, Budi", "santoso budi"),
        ("PT", None),
        ("", None),
        (None, None),
    ],
)
def test_names_lose_legal_forms_honorifics_and_punctuation(
    typed: str | None, expected: str | None
) -> None:
    assert apply(names, [typed]) == [expected]


def test_names_keep_words_that_only_contain_a_legal_form() -> None:
    # "Ptolemy", "Cvetko", "Udara" hold PT, CV, UD but are not legal forms.
    assert apply(names, ["Ptolemy Udara Cvetko"]) == ["ptolemy udara cvetko"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [("32.04.01", "32.04"), ("32.04", "32.04"), ("32.04.01.2001", "32.04"), ("32", None),
     (" 32.04.01 ", "32.04"), ("3204", None), ("", None), (None, None)],
)  # fmt: skip
def test_regencies(code: str | None, expected: str | None) -> None:
    assert apply(regencies, [code]) == [expected]


def test_legal_forms() -> None:
    typed = ["PT. Maju Tbk", "Maju Jaya, CV", "Kop. Tani", "KSP Tani", "KUD Mina", "Fa. Baru",
             "Yayasan Pelita", "UD Sumber", "Toko Berkah", "Budi Santoso", None]  # fmt: skip
    assert apply(legal_forms, typed) == [
        "pt", "cv", "koperasi", "koperasi", "koperasi", "firma", "yayasan", "ud", None, None, None,
    ]  # fmt: skip
