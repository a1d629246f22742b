"""An actor's capability and performance report as one self-contained HTML page.

Inline SVG charts and inline CSS, no script and no external asset: the file opens offline and
prints as it shows. The content comes from ``io.report_blocks``; this module only lays it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from jejaring.i18n import get_locale
from jejaring.io.report_blocks import Block, report_blocks

__all__ = ["render_report"]

_STYLE = (
    "body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
    "h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}"
    "table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .75rem;"
    "border-bottom:1px solid #eee;text-align:left}td.n{text-align:right}"
    ".advice{background:#f3f7fb;border-left:4px solid #1b6ca8;padding:.75rem 1rem}"
    "figure{margin:1rem 0}figcaption{color:#555;font-size:.9rem}"
)


def _block(b: Block) -> str:
    match b.kind:
        case "title":
            return f"<h1>{escape(b.text)}</h1>"
        case "heading":
            return f"<h2>{escape(b.text)}</h2>"
        case "chart":
            caption = f"<figcaption>{escape(b.caption)}</figcaption>" if b.caption else ""
            return f"<figure>{b.text}{caption}</figure>"  # SVG from io.svg_charts, escaped there
        case "advice":
            where = f"<br><strong>{escape(b.caption)}</strong>" if b.caption else ""
            return f'<p class="advice">{escape(b.text)}{where}</p>'
        case "table":
            th = "".join(f"<th>{escape(h)}</th>" for h in b.head)
            body = "".join(
                "<tr>"
                + "".join(
                    f'<td class="n">{escape(c)}</td>' if i else f"<td>{escape(c)}</td>"
                    for i, c in enumerate(row)
                )
                + "</tr>"
                for row in b.rows
            )
            return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"
        case _:
            return f"<p>{escape(b.text)}</p>"


def render_report(report: Mapping[str, Any]) -> str:
    """The page, in the current locale."""
    blocks = report_blocks(report)
    title = blocks[0].text
    return (
        f'<!DOCTYPE html><html lang="{get_locale()}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        + "\n".join(_block(b) for b in blocks)
        + "</body></html>\n"
    )
