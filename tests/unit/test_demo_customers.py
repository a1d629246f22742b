"""Customer lists: the same real-world customer held by several owners, typed in varied ways."""

from __future__ import annotations

import re

import polars as pl

from tests.support.demo_community import community

# Indonesian mobile prefixes (after +62): Telkomsel, Indosat, XL, Axis, Tri, Smartfren.
MOBILE = re.compile(r"^\+628(1[1-9]|2[1-3]|5[1-9]|77|78|3[1-3]|38|9[5-9]|8[1-9])\d{6,9}$")


def normalise_phone(text: str) -> str:
    """To E.164 the way account matching does: digits only, national 0 or bare 8 become 62."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    return "+" + digits


def _customers() -> pl.DataFrame:
    c = community()
    keys = c.bundle.sheets["actors"]["key"]
    return c.internal["customers"].with_columns(
        owner=keys.gather(c.internal["customers"]["owner_i"])
    )


def test_the_internal_frame_matches_the_sheet() -> None:
    sheet = community().bundle.sheets["customers"]
    assert sheet.select("owner", "key", "name").equals(_customers().select("owner", "key", "name"))


def test_popular_customers_appear_in_several_lists_under_varied_spellings() -> None:
    customers = _customers()
    held = customers.group_by("entity").agg(
        owners=pl.col("owner").n_unique(), names=pl.col("name").n_unique(), n=pl.len()
    )
    shared = held.filter(pl.col("owners") >= 2)
    assert shared["n"].sum() / customers.height > 0.3  # a third of records have a twin elsewhere
    assert held["owners"].max() >= 5  # type: ignore[operator]
    assert (shared["names"] >= 2).mean() > 0.5  # and are mostly spelled differently
    names = customers["name"]
    for pattern in (
        r"^PT ",
        r"^PT\. ",
        r", PT$",
        r"^CV ",
        r"^UD ",
        r"^Toko ",
        r"^Koperasi ",
        r"^(Bapak|Ibu|Bpk\.) ",
        r"^[A-Z .,]+$",
    ):
        assert names.str.contains(pattern).any(), pattern


def test_one_firm_seen_by_several_owners_in_every_way() -> None:
    customers = _customers()
    firms = customers.filter(pl.col("name").str.contains("(?i)^pt\\.? |, pt$"))
    busiest = firms.group_by("entity").len().sort("len", descending=True)["entity"][0]
    records = customers.filter(pl.col("entity") == busiest)
    assert records["owner"].n_unique() >= 3
    assert records["name"].n_unique() >= 2
    assert records["phone"].drop_nulls().n_unique() >= 2  # formats differ...
    assert (
        records["phone"]
        .drop_nulls()
        .map_elements(normalise_phone, return_dtype=pl.String)
        .n_unique()
        == 1
    )
    assert (
        records.select(pl.any_horizontal(pl.all().is_null())).to_series().any()
    )  # a field left out


def test_phone_formats_vary_and_all_normalise_to_valid_indonesian_mobiles() -> None:
    phones = _customers()["phone"].drop_nulls()
    shapes = phones.str.replace_all(r"\d", "9").n_unique()
    assert shapes >= 8
    assert phones.str.starts_with("+62").any() and phones.str.starts_with("08").any()
    assert phones.str.starts_with("62").any() and phones.str.contains("-").any()
    normalised = phones.map_elements(normalise_phone, return_dtype=pl.String)
    bad = normalised.filter(~normalised.str.contains(MOBILE.pattern))
    assert bad.is_empty(), bad.head(5).to_list()
    # Every record of one real-world customer gives the same number once normalised.
    both = (
        _customers()
        .filter(pl.col("phone").is_not_null())
        .with_columns(e164=pl.col("phone").map_elements(normalise_phone, return_dtype=pl.String))
    )
    assert (both.group_by("entity").agg(pl.col("e164").n_unique())["e164"] == 1).all()


def test_npwp_are_15_or_16_digits_formatted_or_not() -> None:
    tax = _customers()["tax_id"].drop_nulls()
    digits = tax.str.replace_all(r"\D", "")
    assert digits.str.len_chars().is_in([15, 16]).all()
    assert tax.str.contains(r"^\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3}$").any()
    assert tax.str.contains(r"^\d{15}$").any() and tax.str.contains(r"^\d{16}$").any()


def test_emails_mix_free_mail_and_corporate_domains_and_change_case() -> None:
    customers = _customers()
    emails = customers["email"].drop_nulls()
    assert emails.str.contains("@").all()
    assert emails.str.to_lowercase().str.ends_with("@gmail.com").any()
    assert emails.str.to_lowercase().str.contains(r"@[a-z0-9]+\.co\.id$").any()
    assert (emails != emails.str.to_lowercase()).any()
    folded = customers.filter(pl.col("email").is_not_null()).with_columns(
        domain=pl.col("email").str.to_lowercase().str.split("@").list.last()
    )
    # Case aside, one customer's addresses share a domain (a colleague's, at most).
    assert (folded.group_by("entity").agg(pl.col("domain").n_unique())["domain"] == 1).all()
