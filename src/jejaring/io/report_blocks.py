"""The content of an actor's report as a list of blocks, for the HTML and PDF renderers.

It takes the report as plain values (``dataclasses.asdict`` of ``services.reports.ActorReport``)
and writes every text in the current locale; charts are SVG text (``io.svg_charts``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jejaring.domain.errors import N_
from jejaring.i18n import _, get_locale, number, percent
from jejaring.io.instruments import current_instrument
from jejaring.io.svg_charts import line_chart, radar, treemap

__all__ = ["INDICATOR_LABELS", "KPI_LABELS", "Block", "report_blocks"]

KPI_LABELS = {
    "partners": N_("Partners in active cooperations"),
    "territories_alone": N_("Territories reached alone"),
    "territories_with_partners": N_("Territories reached with partners"),
    "territories_added": N_("Territories added by partners"),
    "demand_alone": N_("Demand reached alone"),
    "demand_with_partners": N_("Demand reached with partners"),
    "demand_added": N_("Demand added by partners"),
    "referrals_sent": N_("Referrals asked of partners"),
    "referrals_received": N_("Referrals partners asked"),
    "referrals_won": N_("Referrals won"),
    "value_won": N_("Value of referrals won"),
    "value_given": N_("Value won through introductions given"),
    "introductions_given": N_("Introductions given"),
    "introductions_received": N_("Introductions received"),
    "reciprocity_balance": N_("Reciprocity balance (given - received)"),
    "utilisation": N_("Utilisation of own resources"),
    "cost_paid": N_("Cost paid for partners' resources"),
    "cost_recovered": N_("Cost recovered from partners"),
    "cost_recovered_share": N_("Share of own resources' cost recovered"),
    "posts_sent": N_("Posts written"),
    "reads_of_own_posts": N_("Reads of own posts by partners"),
    "partner_posts_read": N_("Partners' posts read"),
}
INDICATOR_LABELS = {
    "active_cooperations": N_("Active cooperations"),
    "confirmed_bookings": N_("Confirmed bookings of partners' resources"),
    "joint_projects": N_("Joint projects contributed to"),
    "milestones_met_share": N_("Share of their milestones met"),
    "referral_acceptance_rate": N_("Introductions accepted, of those decided"),
    "mean_tie_strength": N_("Mean tie strength"),
    "mean_tie_years": N_("Mean age of current ties (years)"),
    "partner_posts_read_share": N_("Share of partners' posts read"),
    "account_map_reads": N_("Reads of partners' shared customer data"),
    "team_members": N_("Team members with an account"),
    "active_team_share": N_("Share of team members reading posts"),
    "team_forwards": N_("Posts forwarded to the team"),
}
_SHARES = {
    "utilisation",
    "cost_recovered_share",
    "milestones_met_share",
    "referral_acceptance_rate",
    "partner_posts_read_share",
    "active_team_share",
}


@dataclass(frozen=True)
class Block:
    """``kind`` title | subtitle | heading | text | advice | chart (SVG) | table."""

    kind: str
    text: str = ""
    caption: str = ""
    head: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)


def _n(value: Any, key: str = "", digits: int = 2) -> str:
    if value is None:
        return "-"
    if key in _SHARES:
        return percent(value)
    if isinstance(value, float) and round(value, digits) == 0:
        value = 0.0  # no "-0"
    if isinstance(value, int):
        return number(value)
    return number(value, digits, fixed=True)


def _table(head: list[str], rows: list[list[str]]) -> Block:
    return Block("table", head=tuple(head), rows=tuple(tuple(r) for r in rows))


def _capability(report: Mapping[str, Any], names: dict[str, str]) -> list[Block]:
    inst = current_instrument()
    keys = list(inst.component_keys)
    rounds = report["trend"]
    if not rounds:
        return [Block("text", _("This actor has not answered the capability assessment yet."))]
    latest = rounds[-1]
    series = [
        (
            _("Self-assessment {round}").format(round=latest["round"]),
            [latest["components"][k] for k in keys],
        )
    ]
    community = report["community"]
    if all(community.get(k) is not None for k in keys):
        series.append((_("Community mean"), [community[k] for k in keys]))
    low, high = inst.scale.low, inst.scale.high
    web = radar([names[k] for k in keys], series, low=low, high=high, title=_("Capability radar"))
    caption = _("Scores from {low} to {high}, the mean of the respondents.")
    blocks = [Block("chart", web, caption.format(low=low, high=high))]
    ranks = (report["percentiles"] or {}).get("ranks", {})
    rows = [
        [names[k], _n(latest["components"][k]), _n(community.get(k)), _n(ranks.get(k), digits=0)]
        for k in keys
    ]
    rows.append(
        [
            _("Overall"),
            _n(latest["overall"]),
            _n(community.get("overall")),
            _n(ranks.get("overall"), digits=0),
        ]
    )
    blocks.append(_table([_("Component"), _("Score"), _("Community mean"), _("Percentile")], rows))
    note = _("{respondents} respondents in {round}. Community figures need 5 scored actors.")
    blocks.append(
        Block("text", note.format(respondents=latest["respondents"], round=latest["round"]))
    )
    labels = [r["round"] for r in rounds]
    lines = [(names[k], [r["components"][k] for r in rounds]) for k in keys]
    lines.append((_("Overall"), [r["overall"] for r in rounds]))
    blocks.append(Block("heading", _("Trend across rounds")))
    chart = line_chart(labels, lines, low=low, high=high, title=_("Capability trend"))
    blocks.append(Block("chart", chart))
    advice = report["advice"]
    if advice:
        blocks.append(Block("heading", _("Advice")))
        where = _("Where:") + " " + advice["feature"] if advice["feature"] else ""
        blocks.append(Block("advice", advice["text"], where))
    return blocks


def _behaviour(report: Mapping[str, Any], names: dict[str, str]) -> list[Block]:
    b = report["behaviour"]
    rows = [
        [_(INDICATOR_LABELS[name]), _n(value, name), _n(b["ranks"][name], digits=0)]
        for name, value in b["values"].items()
    ]
    gaps = [
        [
            names[k],
            _n(b["index"][k], digits=0),
            _n(b["self_percentile"][k], digits=0),
            _n(b["gap"][k], digits=0),
        ]
        for k in b["index"]
    ]
    note = _("Percentile ranks in the community (at least 5 actors); gap = self - behaviour.")
    return [
        Block("heading", _("Behaviour on the platform beside the self-assessment")),
        _table([_("Indicator"), _("Value"), _("Percentile")], rows),
        _table([_("Component"), _("Behaviour"), _("Self-assessment"), _("Gap")], gaps),
        Block("text", note),
    ]


def _kpis(report: Mapping[str, Any]) -> list[Block]:
    k = report["kpis"]
    own, added = k["demand_alone"], k["demand_added"]
    gap = max(k["demand_total"] - k["demand_with_partners"], 0.0)
    parts = [(_("Alone"), own), (_("Through partners"), added), (_("Not reached"), gap)]
    rows = [[_(label), _n(k[key], key)] for key, label in KPI_LABELS.items()]
    period = _("Period {start} to {end} (end excluded).").format(start=k["start"], end=k["end"])
    caption = _("Demand of the territories with demand: alone, added by partners, not reached.")
    return [
        Block("heading", _("Performance from cooperation")),
        Block("text", period),
        Block("chart", treemap(parts, title=_("Demand covered")), caption),
        _table([_("Indicator"), _("Value")], rows),
    ]


def report_blocks(report: Mapping[str, Any]) -> list[Block]:
    """The report's content, in the current locale."""
    inst = current_instrument()
    locale = get_locale()
    names = {c.key: c.name(locale) for c in inst.components}
    actor = report["actor"]
    title = _("Network capability and performance: {name}").format(name=actor["name"])
    blocks = [Block("title", title), Block("subtitle", actor["key"])]
    blocks.append(Block("heading", _("Network capability")))
    blocks += _capability(report, names)
    blocks += _behaviour(report, names)
    blocks += _kpis(report)
    return blocks
