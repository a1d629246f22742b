"""An actor's capability and performance report as one self-contained HTML page.

It takes the report as plain values (``dataclasses.asdict`` of ``services.reports.ActorReport``)
and writes text in the current locale: inline SVG charts (``io.svg_charts``), inline CSS, no
script and no external asset, so the file opens offline and prints as it shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from jejaring.domain.errors import N_
from jejaring.i18n import _, get_locale
from jejaring.io.instruments import current_instrument
from jejaring.io.svg_charts import line_chart, radar, treemap

__all__ = ["INDICATOR_LABELS", "KPI_LABELS", "render_report"]

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
}
_SHARES = {
    "utilisation",
    "cost_recovered_share",
    "milestones_met_share",
    "referral_acceptance_rate",
    "partner_posts_read_share",
    "active_team_share",
}
_STYLE = (
    "body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
    "h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}"
    "table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .75rem;"
    "border-bottom:1px solid #eee;text-align:left}td.n{text-align:right}"
    ".advice{background:#f3f7fb;border-left:4px solid #1b6ca8;padding:.75rem 1rem}"
    "figure{margin:1rem 0}figcaption{color:#555;font-size:.9rem}"
)


def _n(value: Any, key: str = "", digits: int = 2) -> str:
    # Thin spaces group digits readably in both languages, whatever their separators.
    if value is None:
        return "–"
    if key in _SHARES:
        return f"{value:.1%}"
    if isinstance(value, float) and round(value, digits) == 0:
        value = 0.0  # no "-0"
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u2009")
    return f"{value:,.{digits}f}".replace(",", "\u2009")


def _para(text: str, **params: Any) -> str:
    return f"<p>{escape(text.format(**params) if params else text)}</p>"


def _caption(text: str, **params: Any) -> str:
    return f"<figcaption>{escape(text.format(**params) if params else text)}</figcaption>"


def _table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>"
        + "".join(f'<td class="n">{c}</td>' if i else f"<td>{c}</td>" for i, c in enumerate(r))
        + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _capability(report: Mapping[str, Any], names: dict[str, str]) -> list[str]:
    inst = current_instrument()
    keys = list(inst.component_keys)
    rounds = report["trend"]
    if not rounds:
        return [_para(_("This actor has not answered the capability assessment yet."))]
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
    parts = [
        "<figure>"
        + radar([names[k] for k in keys], series, low=low, high=high, title=_("Capability radar"))
        + _caption(
            _("Scores from {low} to {high}, the mean of the respondents."), low=low, high=high
        )
        + "</figure>"
    ]
    ranks = (report["percentiles"] or {}).get("ranks", {})
    rows = [
        [
            escape(names[k]),
            _n(latest["components"][k]),
            _n(community.get(k)),
            _n(ranks.get(k), digits=0),
        ]
        for k in keys
    ]
    rows.append(
        [
            escape(_("Overall")),
            _n(latest["overall"]),
            _n(community.get("overall")),
            _n(ranks.get("overall"), digits=0),
        ]
    )
    parts.append(_table([_("Component"), _("Score"), _("Community mean"), _("Percentile")], rows))
    parts.append(
        _para(
            _("{respondents} respondents in {round}. Community figures need 5 scored actors."),
            respondents=latest["respondents"],
            round=latest["round"],
        )
    )
    labels = [r["round"] for r in rounds]
    lines = [(names[k], [r["components"][k] for r in rounds]) for k in keys]
    lines.append((_("Overall"), [r["overall"] for r in rounds]))
    parts.append("<h2>" + escape(_("Trend across rounds")) + "</h2>")
    parts.append(
        "<figure>"
        + line_chart(labels, lines, low=low, high=high, title=_("Capability trend"))
        + "</figure>"
    )
    advice = report["advice"]
    if advice:
        what = escape(advice["text"])
        where = (
            "<br><strong>" + escape(_("Where:")) + f"</strong> {escape(advice['feature'])}"
            if advice["feature"]
            else ""
        )
        parts.append("<h2>" + escape(_("Advice")) + f'</h2><p class="advice">{what}{where}</p>')
    return parts


def _behaviour(report: Mapping[str, Any], names: dict[str, str]) -> list[str]:
    b = report["behaviour"]
    rows = [
        [escape(_(INDICATOR_LABELS[name])), _n(value, name), _n(b["ranks"][name], digits=0)]
        for name, value in b["values"].items()
    ]
    gaps = [
        [
            escape(names[k]),
            _n(b["index"][k], digits=0),
            _n(b["self_percentile"][k], digits=0),
            _n(b["gap"][k], digits=0),
        ]
        for k in b["index"]
    ]
    return [
        "<h2>" + escape(_("Behaviour on the platform beside the self-assessment")) + "</h2>",
        _table([_("Indicator"), _("Value"), _("Percentile")], rows),
        _table([_("Component"), _("Behaviour"), _("Self-assessment"), _("Gap")], gaps),
        _para(_("Percentile ranks in the community (at least 5 actors); gap = self - behaviour.")),
    ]


def _kpis(report: Mapping[str, Any]) -> list[str]:
    k = report["kpis"]
    own, added = k["demand_alone"], k["demand_added"]
    gap = max(k["demand_total"] - k["demand_with_partners"], 0.0)
    parts = [(_("Alone"), own), (_("Through partners"), added), (_("Not reached"), gap)]
    rows = [[escape(_(label)), _n(k[key], key)] for key, label in KPI_LABELS.items()]
    period = _("Period {start} to {end} (end excluded).").format(start=k["start"], end=k["end"])
    return [
        "<h2>" + escape(_("Performance from cooperation")) + "</h2>",
        f"<p>{escape(period)}</p>",
        "<figure>"
        + treemap(parts, title=_("Demand covered"))
        + _caption(
            _("Demand of the territories with demand: alone, added by partners, not reached.")
        )
        + "</figure>",
        _table([_("Indicator"), _("Value")], rows),
    ]


def render_report(report: Mapping[str, Any]) -> str:
    """The page, in the current locale."""
    inst = current_instrument()
    locale = get_locale()
    names = {c.key: c.name(locale) for c in inst.components}
    actor = report["actor"]
    title = _("Network capability and performance: {name}").format(name=actor["name"])
    body = [f"<h1>{escape(title)}</h1>", f"<p>{escape(actor['key'])}</p>"]
    body.append("<h2>" + escape(_("Network capability")) + "</h2>")
    body += _capability(report, names)
    body += _behaviour(report, names)
    body += _kpis(report)
    return (
        f'<!DOCTYPE html><html lang="{locale}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )
