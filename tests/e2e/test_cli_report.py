"""``jejaring report`` end to end: one offline HTML page, in both languages, on both databases."""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path

from typer.testing import CliRunner

from jejaring.cli import app
from tests.e2e.test_cli_assess import ROWS, _community, _write

runner = CliRunner()


def test_the_report_holds_its_charts_and_tables(db_url: str, tmp_path: Path) -> None:
    _community(db_url)
    runner.invoke(app, ["assess", "import", str(_write(tmp_path, *ROWS)), "--db", db_url])
    pages = {}
    for lang in ("en", "id"):
        out = tmp_path / f"report-{lang}.html"
        done = runner.invoke(
            app, ["report", "a", "--out", str(out), "--lang", lang, "--db", db_url,
                  "--start", "2024-01-01", "--end", "2025-01-01"],
        )  # fmt: skip
        assert done.exit_code == 0, done.output
        pages[lang] = out.read_text(encoding="utf-8")
    en, id_ = pages["en"], pages["id"]
    assert en.count("<svg") == 3 and id_.count("<svg") == 3  # radar, trend, treemap
    # Offline: no script, no link, no image or font fetched from anywhere.
    assert not re.search(r"<script|<link|<img|src=|url\(", en)
    assert "Coordination" in en and "Relational skills are your weakest" in en
    assert "Koordinasi" in id_ and "Keterampilan relasional adalah komponen terlemah" in id_
    assert "Kinerja dari kerja sama" in id_ and "Performance from cooperation" not in id_
    assert '<html lang="id">' in id_ and '<html lang="en">' in en
    assert "4.62" in en  # a's overall score, 4.625
    assert "Period 2024-01-01 to 2025-01-01" in en


def test_an_actor_never_assessed_still_gets_its_kpis(db_url: str, tmp_path: Path) -> None:
    _community(db_url)
    out = tmp_path / "b.html"
    done = runner.invoke(app, ["report", "b", "--out", str(out), "--lang", "en", "--db", db_url])
    assert done.exit_code == 0, done.output
    page = out.read_text(encoding="utf-8")
    assert "has not answered the capability assessment yet" in page and page.count("<svg") == 1


def test_report_errors(db_url: str, tmp_path: Path) -> None:
    _community(db_url)
    missing = runner.invoke(
        app, ["report", "zz", "--out", str(tmp_path / "x.html"), "--db", db_url]
    )
    assert missing.exit_code == 1 and "actor 'zz' not found" in missing.stderr
    text = runner.invoke(app, ["report", "a", "--out", str(tmp_path / "x.txt"), "--db", db_url])
    assert text.exit_code == 1 and ".html or .pdf" in text.stderr
    lang = runner.invoke(app, ["report", "a", "--out", str(tmp_path / "x.html"), "--lang", "fr"])
    assert lang.exit_code == 2


def test_kpis_of_an_actor_and_of_a_cooperation(db_url: str) -> None:
    _community(db_url)
    done = runner.invoke(app, ["kpis", "a", "--db", db_url, "--json", "--start", "2024-01-01"])
    assert done.exit_code == 0, done.output
    figures = json.loads(done.stdout)
    assert figures["actor"] == "a" and figures["start"] == "2024-01-01"
    assert figures["referrals_sent"] == 0 and figures["utilisation"] is None  # owns nothing
    table = runner.invoke(app, ["kpis", "a", "--db", db_url])
    assert table.exit_code == 0 and "reciprocity_balance" in table.output
    missing = runner.invoke(app, ["kpis", "--cooperation", "nope", "--db", db_url])
    assert missing.exit_code == 1 and "cooperation 'nope' not found" in missing.stderr
    assert runner.invoke(app, ["kpis", "a", "--cooperation", "x", "--db", db_url]).exit_code == 2
    assert runner.invoke(app, ["kpis", "--db", db_url]).exit_code == 2
    backwards = runner.invoke(
        app, ["kpis", "a", "--start", "2025-01-01", "--end", "2024-01-01", "--db", db_url]
    )
    assert backwards.exit_code == 1 and "the period must start before it ends" in backwards.stderr


def _pdf_text(raw: bytes) -> str:
    """The text shown by a PDF's (Flate-compressed) content streams."""
    shown = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", raw, flags=re.S):
        try:
            shown.append(zlib.decompress(stream).decode("latin-1"))
        except zlib.error:
            continue
    return "".join(re.findall(r"\((.*?)\) ?Tj", "".join(shown)))


def test_the_report_as_pdf(db_url: str, tmp_path: Path) -> None:
    _community(db_url)
    runner.invoke(app, ["assess", "import", str(_write(tmp_path, *ROWS)), "--db", db_url])
    out = tmp_path / "report.pdf"
    done = runner.invoke(app, ["report", "a", "--out", str(out), "--lang", "id", "--db", db_url])
    assert done.exit_code == 0, done.output
    raw = out.read_bytes()
    assert raw.startswith(b"%PDF-") and raw.rstrip().endswith(b"%%EOF")
    text = _pdf_text(raw)
    assert "Kapabilitas jejaring" in text and "Keterampilan relasional" in text
    assert "Kinerja dari kerja sama" in text and "4,62" in text  # a's overall, id digits
