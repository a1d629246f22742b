"""Small charts as inline SVG text: a radar, a line chart over rounds, a treemap of parts.

No script, font file or stylesheet is needed (the page works offline); every label is escaped.
Values that are None are left out (a radar's missing axis is drawn at the centre, marked).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

__all__ = ["COLOURS", "line_chart", "radar", "treemap"]

COLOURS = ("#1b6ca8", "#e07b39", "#3a9d5d", "#b8405e", "#7d5ba6")
_FONT = 'font-family="sans-serif" font-size="12"'


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _legend(names: Sequence[str], x: float, y: float) -> list[str]:
    parts = []
    for i, name in enumerate(names):
        colour = COLOURS[i % len(COLOURS)]
        parts.append(
            f'<rect x="{x}" y="{y + 18 * i - 9}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 18}" y="{y + 18 * i + 1}" {_FONT}>{escape(name)}</text>'
        )
    return parts


def radar(
    axes: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    low: float,
    high: float,
    title: str,
) -> str:
    """Each series as a polygon over ``axes``, scaled from ``low`` (centre) to ``high``."""
    # Wide enough for the axis labels left and right of the web.
    width, size, cx, cy, r = 600, 420, 300.0, 200.0, 140.0
    body: list[str] = []
    n = len(axes)

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        share = (value - low) / (high - low)
        return cx + r * share * math.cos(angle), cy + r * share * math.sin(angle)

    for step in range(int(low), int(high) + 1):
        ring = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, step) for i in range(n)))
        body.append(f'<polygon points="{ring}" fill="none" stroke="#ccc" stroke-width="1"/>')
    for i, axis in enumerate(axes):
        x, y = point(i, high)
        body.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#ccc"/>')
        lx, ly = point(i, high + (high - low) * 0.16)
        anchor = "middle" if abs(lx - cx) < 1 else ("start" if lx > cx else "end")
        body.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" {_FONT}>{escape(axis)}</text>'
        )
    for s, (_name, values) in enumerate(series):
        colour = COLOURS[s % len(COLOURS)]
        pts = [point(i, low if v is None else v) for i, v in enumerate(values)]
        shape = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        body.append(
            f'<polygon points="{shape}" fill="{colour}" fill-opacity="0.2" stroke="{colour}" '
            'stroke-width="2"/>'
        )
        for (x, y), v in zip(pts, values, strict=True):
            fill = "#fff" if v is None else colour
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{fill}" stroke="{colour}"/>'
            )
    body += _legend([name for name, _v in series], 10, size - 10 - 18 * (len(series) - 1))
    return _svg(width, size, body, title)


def line_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    low: float,
    high: float,
    title: str,
) -> str:
    """One line per series over the ``labels`` (rounds), on a fixed scale ``low..high``."""
    width, height, left, top, plot_w, plot_h = 560, 300, 40, 20, 340, 240
    body: list[str] = []
    n = max(len(labels), 1)

    def x_of(i: int) -> float:
        return left + (plot_w * (i + 0.5) / n)

    def y_of(v: float) -> float:
        return top + plot_h * (1 - (v - low) / (high - low))

    for step in range(int(low), int(high) + 1):
        y = y_of(step)
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#eee"/>'
        )
        body.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" {_FONT}>{step}</text>')
    for i, label in enumerate(labels):
        body.append(
            f'<text x="{x_of(i):.1f}" y="{top + plot_h + 18}" text-anchor="middle" {_FONT}>'
            f"{escape(label)}</text>"
        )
    for s, (_name, values) in enumerate(series):
        colour = COLOURS[s % len(COLOURS)]
        pts = [(x_of(i), y_of(v)) for i, v in enumerate(values) if v is not None]
        if len(pts) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        body += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>' for x, y in pts]
    body += _legend([name for name, _v in series], left + plot_w + 20, top + 10)
    return _svg(width, height, body, title)


def treemap(parts: Sequence[tuple[str, float]], *, title: str) -> str:
    """Parts of a whole as rectangles, side by side with widths in proportion (slice layout)."""
    width, height, legend = 560, 160, 70
    total = sum(max(v, 0.0) for _n, v in parts)
    body: list[str] = []
    x = 0.0
    for i, (_name, value) in enumerate(parts):
        w = width * max(value, 0.0) / total if total else 0.0
        colour = COLOURS[i % len(COLOURS)]
        body.append(
            f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height - legend}" fill="{colour}" '
            'stroke="#fff" stroke-width="2"/>'
        )
        x += w
    share = [f"{name} ({(v / total if total else 0):.0%})" for name, v in parts]
    body += _legend(share, 4, height - legend + 18)
    return _svg(width, height, body, title)
