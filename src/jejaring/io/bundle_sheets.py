"""The checks of one sheet on its own: every cell against its column's rule, the domain's
rules that join two cells of a row, and keys that appear twice.
"""

from __future__ import annotations

import polars as pl

from jejaring.domain.errors import N_
from jejaring.io.bundle_checks import LINE, Check, collect, parsed, rule_checks, shown
from jejaring.io.bundle_errors import RowError
from jejaring.io.bundle_rules import KEYS, RULES

__all__ = ["items", "listed", "sheet_errors"]


def listed(column: str) -> pl.Expr:
    """A ``;``-separated cell as a list of its trimmed, non-blank items."""
    item = pl.element().str.strip_chars()
    return pl.col(column).str.split(";").list.eval(item.filter(item != ""))


def items(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """The items of a list column, one row each: ``_line`` and ``item``."""
    exploded = frame.select(pl.col(LINE), listed(column).alias("item")).explode("item")
    return exploded.filter(pl.col("item").is_not_null())


def sheet_errors(name: str, frame: pl.DataFrame, source: str) -> list[RowError]:
    """Every problem of sheet ``name`` found without looking at other sheets or the database."""
    rules = RULES[name]
    checks: list[Check] = []
    errors: list[RowError] = []
    for column in frame.columns:
        rule = rules.get(column)
        if rule is None:
            continue
        cell = pl.col(column)
        if rule.required:
            checks.append(Check(column, cell.is_null(), N_("must not be empty")))
        if not rule.is_list:
            checks.extend(rule_checks(column, rule, cell))
            continue
        errors.extend(
            collect(items(frame, column), source, rule_checks(column, rule, pl.col("item")))
        )
        if rule.required:
            empty = cell.is_not_null() & (listed(column).list.len() == 0)
            checks.append(Check(column, empty, N_("must not be empty")))
    checks.extend(_row_rules(name, frame))
    checks.extend(_duplicates(name, frame))
    return collect(frame, source, checks) + errors


def _row_rules(name: str, frame: pl.DataFrame) -> list[Check]:
    has = set(frame.columns).__contains__
    found: list[Check] = []
    if name == "territories" and has("parent_code"):
        found.append(
            Check(
                "parent_code",
                pl.col("parent_code") == pl.col("code"),
                N_("a territory cannot be its own parent"),
            )
        )
    if name == "ties":
        found.append(
            Check(
                "target",
                pl.col("source") == pl.col("target"),
                N_("a tie cannot join an actor to itself"),
            )
        )
        if has("since") and has("until"):
            since, until = (parsed(pl.col(c), RULES["ties"][c]) for c in ("since", "until"))
            found.append(
                Check(
                    "until",
                    until < since,
                    N_("must not be before since ({since})"),
                    row_params={"since": pl.col("since")},
                )
            )
    if name == "customers" and has("email"):
        looks_like = pl.col("email").str.contains(r"^[^@\s]+@[^@\s]+$")
        found.append(
            Check(
                "email",
                ~looks_like,
                N_("'{value}' is not an e-mail address"),
                shown(pl.col("email")),
            )
        )
    if name == "cooperations":
        found.append(
            Check(
                "members",
                listed("members").list.unique().list.len() == 1,
                N_("a cooperation needs at least two members"),
            )
        )
    return found


def _duplicates(name: str, frame: pl.DataFrame) -> list[Check]:
    keys = KEYS[name]
    if not set(keys) <= set(frame.columns):
        return []
    first = pl.col(LINE).first().over(list(keys))
    complete = pl.all_horizontal(pl.col(k).is_not_null() for k in keys)
    again = (
        ~pl.struct(list(keys)).is_first_distinct()
        if len(keys) > 1
        else ~pl.col(keys[0]).is_first_distinct()
    )
    return [
        Check(
            ",".join(keys),
            complete & again,
            N_("'{value}' appears again: first on line {first}"),
            pl.concat_str([pl.col(k) for k in keys], separator=", "),
            row_params={"first": first},
        )
    ]
