"""``jejaring assess`` end to end through the CLI runner, on both databases."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from jejaring.cli import app
from jejaring.config import Settings
from jejaring.i18n import set_locale
from jejaring.io.assessment_csv import read_answers
from jejaring.io.instruments import current_instrument
from jejaring.services.bootstrap import bootstrap
from tests.factories import actor, persist

runner = CliRunner()
ITEMS = [f"C{i}" for i in range(1, 7)] + [f"R{i}" for i in range(1, 5)]
ITEMS += [f"K{i}" for i in range(1, 5)] + [f"I{i}" for i in range(1, 6)]
HEADER = "actor,respondent,taken_at," + ",".join(ITEMS)
# a/owner: C 7,6,5,4,3,_ -> 5; R 4,5,6,_ -> 5; K 2,3,_,_ -> undefined; I 1,2,3,4,_ -> 2.5
# a/staff: C all 4; R 1,2,3,4 -> 2.5; K all 7; I all 5 -> overall 4.625
# b/owner: every answer 6 -> 6 everywhere
ROWS = [
    "a,owner,2024-05-01,7,6,5,4,3,,4,5,6,,2,3,,,1,2,3,4,",
    "a,staff,2024-05-03,4,4,4,4,4,4,1,2,3,4,7,7,7,7,5,5,5,5,5",
    "b,owner,2024-05-02," + ",".join(["6"] * 19),
]


def _community(db_url: str) -> None:
    ctx = bootstrap(Settings(database_url=db_url))
    with ctx.uow() as uow:
        persist(uow, actor("a"), actor("b"))
        uow.commit()
    ctx.close()


def _write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "answers.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _json(*args: str) -> object:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_import_then_scores_reliability_and_export(db_url: str, tmp_path: Path) -> None:
    _community(db_url)
    done = _json("assess", "import", str(_write(tmp_path, *ROWS)), "--db", db_url)
    assert done == {"written": 3, "actors": 2, "version": "nc-1", "dry_run": False}
    assert _json("assess", "scores", "--db", db_url) == [
        {"actor": "a", "respondents": 2, "coordination": 4.5, "relational_skills": 3.75,
         "partner_knowledge": 7.0, "internal_communication": 3.75, "overall": 4.625},
        {"actor": "b", "respondents": 1, "coordination": 6.0, "relational_skills": 6.0,
         "partner_knowledge": 6.0, "internal_communication": 6.0, "overall": 6.0},
    ]  # fmt: skip
    only_b = _json("assess", "scores", "--actor", "b", "--db", db_url)
    assert [row["actor"] for row in only_b] == ["b"]  # type: ignore[index]
    rel = _json("assess", "reliability", "--db", db_url)
    assert list(rel) == [  # type: ignore[arg-type]
        "coordination", "relational_skills", "partner_knowledge", "internal_communication",
    ]  # fmt: skip
    # Relational skills: both a/staff (1,2,3,4) and b (6,6,6,6) are complete; a/owner is not.
    rs = rel["relational_skills"]  # type: ignore[index]
    assert rs["n"] == 2 and set(rs["item_total"]) == {"R1", "R2", "R3", "R4"}
    # Items 1,2,3,4 vs 6,6,6,6: variances 12.5, 8, 4.5, 2 (sum 27); totals 10, 24: 98.
    assert abs(rs["alpha"] - 4 / 3 * (1 - 27 / 98)) < 1e-12
    out = tmp_path / "export.csv"
    exported = runner.invoke(app, ["assess", "export", "--db", db_url, "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["actor"], r["respondent"], r["round"]) for r in rows] == [
        ("a", "owner", "2024-H1"), ("a", "staff", "2024-H1"), ("b", "owner", "2024-H1"),
    ]  # fmt: skip
    assert rows[0]["C6"] == "" and rows[0]["partner_knowledge"] == "" and rows[0]["C1"] == "7"
    assert float(rows[1]["overall"]) == 4.625
    to_stdout = runner.invoke(app, ["assess", "export", "--db", db_url])
    assert list(csv.DictReader(io.StringIO(to_stdout.stdout)))[2]["I5"] == "6"


def test_people_read_a_table(db_url: str, tmp_path: Path) -> None:
    _community(db_url)
    runner.invoke(app, ["assess", "import", str(_write(tmp_path, *ROWS)), "--db", db_url])
    shown = runner.invoke(app, ["assess", "scores", "--db", db_url])
    assert shown.exit_code == 0 and "4.62" in shown.output and "-" in shown.output
    rel = runner.invoke(app, ["assess", "reliability", "--db", db_url])
    assert "relational_skills: alpha" in rel.output


def test_every_problem_is_reported_and_nothing_written(db_url: str, tmp_path: Path) -> None:
    _community(db_url)
    bad = [
        "a,owner,2024-05-01," + ",".join(["8"] + ["4"] * 18),  # C1 off the scale
        "zz,owner,2024-05-01," + ",".join(["4"] * 19),  # unknown actor
        "b,owner,01/05/2024," + ",".join(["4"] * 19),  # not an ISO date
        "b,staff,2024-05-01," + ",".join(["x"] + ["4"] * 18),  # not a number
        ROWS[2],
        ROWS[2],  # the same respondent and day twice
    ]
    result = runner.invoke(app, ["assess", "import", str(_write(tmp_path, *bad)), "--db", db_url])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "answers.csv:2: C1: '8' is not an answer: give a whole number from 1 to 7"
    assert lines[1] == "answers.csv:3: actor: actor 'zz' is not in the database"
    assert lines[2] == "answers.csv:4: taken_at: '01/05/2024' is not a date (YYYY-MM-DD)"
    assert lines[3].startswith("answers.csv:5: C1: 'x' is not an answer")
    assert lines[4].startswith("answers.csv:7: respondent: 'owner' answered for b on 2024-05-02")
    assert "5 problems in answers.csv: nothing was written." in result.stderr
    assert _json("assess", "scores", "--db", db_url) == []


def test_unknown_items_and_repeats_of_stored_answers(db_url: str, tmp_path: Path) -> None:
    _community(db_url)
    header = HEADER.replace("I5", "I6")
    unknown = runner.invoke(
        app, ["assess", "import", str(_write(tmp_path, ROWS[2], header=header)), "--db", db_url]
    )
    assert unknown.exit_code == 1
    assert "answers.csv:1: i6: item 'I6' is not in instrument nc-1" in unknown.stdout
    path = _write(tmp_path, ROWS[2])
    assert _json("assess", "import", str(path), "--db", db_url, "--dry-run")["dry_run"] is True  # type: ignore[index]
    assert _json("assess", "scores", "--db", db_url) == []
    _json("assess", "import", str(path), "--db", db_url)
    again = runner.invoke(app, ["assess", "import", str(path), "--db", db_url, "--json"])
    assert again.exit_code == 1
    assert json.loads(again.stdout)[0] == {
        "file": "answers.csv", "line": 2, "column": "respondent",
        "reason": "'owner' answered for b on 2024-05-02 already (stored)",
    }  # fmt: skip
    missing = runner.invoke(app, ["assess", "scores", "--actor", "a", "--db", db_url])
    assert missing.exit_code == 1 and "no assessment of actor 'a' found" in missing.stderr
    blank = _write(tmp_path, "a,owner,2024-05-01" + "," * 19)
    empty = runner.invoke(app, ["assess", "import", str(blank), "--db", db_url])
    assert "answers.csv:2: the row answers no item" in empty.stdout


def test_advice_and_indicators(db_url: str, tmp_path: Path) -> None:
    _community(db_url)
    runner.invoke(app, ["assess", "import", str(_write(tmp_path, *ROWS)), "--db", db_url])
    # a: C 4.5, R 3.75, K 7, I 3.75 -> R and I tie; R comes first in the instrument.
    advice = _json("assess", "advice", "a", "--db", db_url)
    assert advice["component"] == "relational_skills" and advice["score"] == 3.75  # type: ignore[index]
    assert "Referrals" in advice["feature"]  # type: ignore[index]
    set_locale("id")
    shown = runner.invoke(app, ["assess", "advice", "a", "--db", db_url])
    set_locale("en")
    assert shown.exit_code == 0 and "Keterampilan relasional (3.75)" in shown.output
    assert "Rujukan" in shown.output
    found = _json("assess", "indicators", "a", "--db", db_url, "--at", "2024-06-01")
    assert found["values"]["team_members"] == 0 and found["gap"]["coordination"] is None  # type: ignore[index]


def test_scores_of_an_earlier_round(db_url: str, tmp_path: Path) -> None:
    _community(db_url)
    later = "a,owner,2024-08-01," + ",".join(["2"] * 19)
    runner.invoke(app, ["assess", "import", str(_write(tmp_path, *ROWS, later)), "--db", db_url])
    latest = _json("assess", "scores", "--actor", "a", "--db", db_url)
    assert latest[0]["respondents"] == 1 and latest[0]["overall"] == 2.0  # type: ignore[index]
    first = _json("assess", "scores", "--actor", "a", "--round", "2024-H1", "--db", db_url)
    assert first[0]["overall"] == 4.625  # type: ignore[index]
    bad = runner.invoke(app, ["assess", "scores", "--round", "2024-Q1", "--db", db_url])
    assert bad.exit_code == 1 and "'2024-Q1' is not a round" in bad.stderr


def test_a_spreadsheet_export_with_semicolons_and_a_bom() -> None:
    raw = ("\ufeff" + HEADER.replace(",", ";") + "\n" + ROWS[2].replace(",", ";") + "\n").encode()
    parsed = read_answers(raw, "answers.csv", current_instrument())
    assert parsed.errors == [] and parsed.rows[0][1].answers["I5"] == 6
