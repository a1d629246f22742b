"""An actor's report as PDF, with fpdf2 (pure Python): the same blocks as the HTML page.

Charts are the same SVG, drawn by fpdf2's SVG renderer. Text is set in the PDF core font
Helvetica (Latin-1, enough for Bahasa Indonesia and English, and nothing to embed); a character
outside Latin-1 is replaced rather than dropped silently.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

from jejaring.io.report_blocks import Block, report_blocks

__all__ = ["render_pdf"]

_WIDTH = 180  # mm of text width on A4 with the default margins
_PLAIN = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'",
                        "\u201c": '"', "\u201d": '"', "\u2009": " ", "\u2264": "<=",
                        "\u2265": ">="})  # fmt: skip


def _latin(text: str) -> str:
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def _svg_width(svg: str) -> float:
    # Draw each chart at its pixel width, 0.3 mm a pixel, within the text width.
    start = svg.index('width="') + 7
    return min(float(svg[start : svg.index('"', start)]) * 0.3, _WIDTH)


def _block(pdf: FPDF, b: Block) -> None:
    if b.kind == "title":
        pdf.set_font("Helvetica", "B", 16)
        pdf.multi_cell(0, 8, _latin(b.text), new_x="LMARGIN", new_y="NEXT")
    elif b.kind == "heading":
        if pdf.will_page_break(40):  # a heading belongs with what follows it
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 13)
        pdf.multi_cell(0, 7, _latin(b.text), new_x="LMARGIN", new_y="NEXT")
    elif b.kind == "chart":
        pdf.image(io.BytesIO(b.text.encode("utf-8")), w=_svg_width(b.text))
        if b.caption:
            pdf.set_font("Helvetica", "I", 9)
            pdf.multi_cell(0, 5, _latin(b.caption), new_x="LMARGIN", new_y="NEXT")
    elif b.kind == "table":
        pdf.set_font("Helvetica", "", 9)
        with pdf.table(
            headings_style=FontFace(emphasis="BOLD"),
            text_align=("LEFT", *["RIGHT"] * (len(b.head) - 1)),
            col_widths=(3, *[1] * (len(b.head) - 1)),
            width=_WIDTH if len(b.head) > 2 else _WIDTH * 2 / 3,
            align="LEFT",
            first_row_as_headings=True,
        ) as table:
            for row in (b.head, *b.rows):
                line = table.row()
                for cell in row:
                    line.cell(_latin(cell))
        pdf.ln(2)
    else:
        pdf.set_font("Helvetica", "B" if b.kind == "advice" else "", 10)
        pdf.multi_cell(0, 5, _latin(b.text), new_x="LMARGIN", new_y="NEXT")
        if b.kind == "advice" and b.caption:
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, _latin(b.caption), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)


def render_pdf(report: Mapping[str, Any]) -> bytes:
    """The report as PDF bytes, in the current locale."""
    blocks = report_blocks(report)
    pdf = FPDF(format="A4")
    pdf.set_title(_latin(blocks[0].text))
    pdf.set_creator("Jejaring")
    pdf.add_page()
    # fpdf2 logs every SVG tag it skips (our charts' <title>, for screen readers): not news.
    svg_log = logging.getLogger("fpdf.svg")
    level, svg_log.level = svg_log.level, logging.ERROR
    try:
        for b in blocks:
            _block(pdf, b)
    finally:
        svg_log.setLevel(level)
    return bytes(pdf.output())
