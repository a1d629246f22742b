"""One canonical form per customer field, column at a time (Polars expressions, no Python loops).

A value that cannot be put in canonical form becomes null, so that it can never match: an
NPWP of the wrong length or one digit repeated (a common placeholder), an address without a
domain, a phone number that is neither an Indonesian number nor a possible foreign one.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from jejaring.privacy.phones import phones

__all__ = [
    "FREE_MAIL_DOMAINS",
    "NAME_NOISE_WORDS",
    "districts",
    "email_domains",
    "emails",
    "legal_forms",
    "names",
    "phones",
    "regencies",
    "tax_ids",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Free-mail providers: a shared domain says nothing about who the customer is. Families with
# national variants (yahoo.co.id, hotmail.co.uk) are matched by pattern, the rest exactly.
_FREE_FAMILIES = (
    "yahoo|ymail|rocketmail|hotmail|outlook|live|msn|gmail|googlemail|aol|yandex|gmx|icloud|"
    "proton|protonmail|zoho|mail|email|inbox|rediffmail|lycos|excite"
)
_FREE_PATTERN = rf"^(?:{_FREE_FAMILIES})\.(?:(?:co|com|net|or|org|ne)\.)?[a-z]{{2,3}}$"
FREE_MAIL_DOMAINS = _words(
    "gmail.com googlemail.com yahoo.com yahoo.co.id ymail.com rocketmail.com hotmail.com "
    "outlook.com outlook.co.id live.com msn.com icloud.com me.com mac.com aol.com proton.me "
    "protonmail.com pm.me mail.com email.com gmx.com yandex.com yandex.ru zoho.com "
    "tutanota.com qq.com 163.com 126.com plasa.com telkom.net rediffmail.com"
)

# Words that say what kind of body a customer is, not which one: legal forms (PT, CV, UD, Tbk,
# Persero, cooperatives, foundations, Firma, PD), shop words that lists add or leave out
# (Toko, Warung, TB), and the honorifics put before people's names (Bapak, Ibu, H., Hj.).
_LEGAL_FORMS = (
    "pt tbk persero perseroan terbatas perum perumda pd cv ud fa firma koperasi kop ksp kspps "
    "ksu kud kpri yayasan yys ltd inc"
)
_SHOP_WORDS = "toko tk warung wr tb apotek apt kios depot"
_HONORIFICS = "bapak bpk pak ibu bu sdr sdri saudara h hj haji hajjah dr drs dra ir prof"
NAME_NOISE_WORDS = _words(f"{_LEGAL_FORMS} {_SHOP_WORDS} {_HONORIFICS}")
_NOISE_PATTERN = r"\b(?:" + "|".join(sorted(NAME_NOISE_WORDS, key=len, reverse=True)) + r")\b"


def _text(values: pl.Expr) -> pl.Expr:
    """Trimmed text, with empty strings as null."""
    text = values.cast(pl.String).str.strip_chars()
    return pl.when(text == "").then(None).otherwise(text)


def _in_steps(values: pl.Expr, *steps: Callable[[pl.Expr], pl.Expr]) -> pl.Expr:
    """``values`` through ``steps``, each step's result a column computed once.

    Written as one nested expression, a value used in several branches is recomputed in each
    (several times slower on a million rows); here each step reads the previous one's column.
    """

    def run(series: pl.Series) -> pl.Series:
        frame = pl.DataFrame({"v": series.cast(pl.String)})
        for step in steps:
            frame = frame.select(v=step(pl.col("v")))
        return frame["v"].alias(series.name)

    return values.map_batches(run, return_dtype=pl.String)


def _digits(text: pl.Expr) -> pl.Expr:
    return _text(text).str.replace_all(r"\D", "")


def _npwp(digits: pl.Expr) -> pl.Expr:
    return pl.when(digits.str.contains(r"^0\d{15}$")).then(digits.str.slice(1)).otherwise(digits)


def _valid_npwp(digits: pl.Expr) -> pl.Expr:
    # One digit repeated (000000000000000, 999...) is what a list types for "no NPWP".
    placeholder = digits.str.strip_chars(digits.str.slice(0, 1)) == ""
    valid = digits.str.contains(r"^\d{15,16}$") & ~placeholder
    return pl.when(valid).then(digits).otherwise(None)


def tax_ids(values: pl.Expr) -> pl.Expr:
    """NPWP as digits only: ``01.234.567.8-901.000`` → ``012345678901000``.

    The 16-digit form of a 15-digit NPWP (a leading 0, in use since 2024) becomes the 15
    digits, so both spellings meet; a 16-digit NIK (never starting with 0) stays as it is.
    """
    return _in_steps(values, _digits, _npwp, _valid_npwp)


def _first_address(values: pl.Expr) -> pl.Expr:
    text = _text(values).str.to_lowercase().str.replace(r"^mailto:", "")
    return text.str.extract(r"^([^\s,;/]+)", 1).str.strip_chars(".")


def _valid_address(first: pl.Expr) -> pl.Expr:
    valid = first.str.contains(r"^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$")
    return pl.when(valid).then(first).otherwise(None)


def _domain(address: pl.Expr) -> pl.Expr:
    return address.str.extract(r"@(.+)$", 1)


def _corporate(domain: pl.Expr) -> pl.Expr:
    free = domain.is_in(list(FREE_MAIL_DOMAINS)) | domain.str.contains(_FREE_PATTERN)
    return pl.when(free).then(None).otherwise(domain)


def emails(values: pl.Expr) -> pl.Expr:
    """E-mail addresses case-folded; the first when a cell holds several; null if malformed."""
    return _in_steps(values, _first_address, _valid_address)


def email_domains(values: pl.Expr) -> pl.Expr:
    """The corporate domain of an address; null for free-mail providers and bad addresses."""
    return _in_steps(values, _first_address, _valid_address, _domain, _corporate)


def names(values: pl.Expr) -> pl.Expr:
    """Names lower-cased, without punctuation, legal forms, shop words or honorifics.

    ``"PT. Sinar Jaya Abadi, Tbk"`` → ``"sinar jaya abadi"``; ``"Bpk. H. Budi Santoso"`` →
    ``"budi santoso"``. A name that is only such words becomes null.
    """
    text = _text(values).str.to_lowercase()
    text = text.str.replace_all(r"[^\p{L}\p{N}]+", " ")
    text = text.str.replace_all(_NOISE_PATTERN, " ")
    text = text.str.replace_all(r"\s+", " ").str.strip_chars()
    return pl.when(text == "").then(None).otherwise(text)


# The body a legal-form word names: "Kop." and "KSP" are both a cooperative, "Fa." a firma.
_FORM_OF = {
    **dict.fromkeys(("pt", "tbk", "persero"), "pt"),
    "cv": "cv",
    "ud": "ud",
    **dict.fromkeys(("koperasi", "kop", "ksp", "kspps", "ksu", "kud", "kpri"), "koperasi"),
    **dict.fromkeys(("yayasan", "yys"), "yayasan"),
    **dict.fromkeys(("fa", "firma"), "firma"),
    "pd": "pd",
    **dict.fromkeys(("perum", "perumda"), "perum"),
}
_FORM_PATTERN = r"\b(" + "|".join(sorted(_FORM_OF, key=len, reverse=True)) + r")\b"


def legal_forms(values: pl.Expr) -> pl.Expr:
    """The legal form a name states (``pt``, ``cv``, ``ud``, ``koperasi``...), or null.

    ``"PT. Maju Tbk"`` → ``pt``; ``"Kop. Tani"`` and ``"KSP Tani"`` → ``koperasi``.
    """
    text = _text(values).str.to_lowercase().str.replace_all(r"[^\p{L}\p{N}]+", " ")
    word = text.str.extract(_FORM_PATTERN, 1)
    return word.replace_strict(_FORM_OF, default=None, return_dtype=pl.String)


def districts(values: pl.Expr) -> pl.Expr:
    """The district code of a district or village code (``32.04.01.2001`` → ``32.04.01``);
    null for a regency, a province or a blank."""
    return _text(values).str.extract(r"^(\d{2}\.\d{2}\.\d{2})(?:\.|$)", 1)


def regencies(values: pl.Expr) -> pl.Expr:
    """The regency code of a territory code: ``32.04.01`` (a district) → ``32.04``.

    Regency, district and village codes all give their regency; a province code alone (or a
    blank) gives null, so that such records are never compared by name.
    """
    return _text(values).str.extract(r"^(\d{2}\.\d{2})(?:\.|$)", 1)
