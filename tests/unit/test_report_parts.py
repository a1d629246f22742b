"""The report's charts and labels: escaped SVG, and a label for every figure shown."""

from __future__ import annotations

from dataclasses import fields

from jejaring.domain.capability_indicators import INDICATORS
from jejaring.io.report_blocks import INDICATOR_LABELS, KPI_LABELS
from jejaring.io.svg_charts import line_chart, radar, treemap
from jejaring.services.kpis import ActorKpis


def test_every_indicator_and_kpi_has_a_label() -> None:
    assert set(INDICATOR_LABELS) == set(INDICATORS)
    assert set(KPI_LABELS) <= {f.name for f in fields(ActorKpis)}


def test_charts_escape_their_labels_and_scale_values() -> None:
    web = radar(["<A>", "B", "C", "D"], [("x & y", [7, 1, None, 4])], low=1, high=7, title="t")
    assert "&lt;A&gt;" in web and "x &amp; y" in web and "<A>" not in web
    # Axis 0 points up from the centre (300, 200) by the full radius 140 at the top of the scale.
    assert '<circle cx="300.0" cy="60.0"' in web
    trend = line_chart(["2024-H1", "2024-H2"], [("o", [1.0, None])], low=1, high=7, title="t")
    assert "<polyline" not in trend and trend.count("<circle") == 1  # one point, no line
    parts = treemap([("own", 1.0), ("partners", 3.0)], title="t")
    assert 'width="140.0"' in parts and 'width="420.0"' in parts and "own (25%)" in parts
