"""``jejaring resource`` and ``jejaring settle`` end to end on an imported bundle, both databases.

The bundle's cooperation lists resource co-utilization: imported, it is active with that
mechanism, so its members share and book at once.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from jejaring.cli import app
from tests.support.bundles import SHEETS, write_folder

runner = CliRunner()

COOP = (
    "key,name,members,mechanisms,purpose\n"
    "logistik,Logistik Bersama,pt-dua;toko-satu;cv-tiga,resource_co_utilization; network_sharing,"
    "Truk bersama\n"
)


def _ok(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _imported(db_url: str, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "bundle", {**SHEETS, "cooperations": COOP})
    result = runner.invoke(app, ["import", str(folder), "--db", db_url])
    assert result.exit_code == 0, result.output


def test_share_book_refuse_cancel_and_settle(db_url: str, tmp_path: Path) -> None:
    _imported(db_url, tmp_path)
    coop = _ok("coop", "show", "logistik", "--db", db_url)
    assert coop["status"] == "active"
    assert coop["mechanisms"] == ["resource_co_utilization", "network_sharing"]
    assert _ok("resource", "share", "truk-1", "--coop", "logistik", "--db", db_url) == {
        "key": "truk-1", "cooperations": ["logistik"],
    }  # fmt: skip
    listed = _ok("resource", "list", "--coop", "logistik", "--db", db_url)
    assert [(r["key"], r["capacity"], r["unit"]) for r in listed] == [("truk-1", 2.5, "ton")]
    book = ["resource", "book", "truk-1", "--db", db_url, "--quantity"]
    first = _ok(*book, "2", "--by", "toko-satu", "--from", "2024-05-02T08:00", "--to",
                "2024-05-02T12:00")  # fmt: skip
    assert first["status"] == "confirmed" and first["cooperation"] == "logistik"
    # 09:00+07:00 is 02:00 UTC: before the first booking, so a full truck fits then.
    _ok(*book, "2.5", "--by", "cv-tiga", "--from", "2024-05-02T09:00+07:00", "--to",
        "2024-05-02T10:00+07:00")  # fmt: skip
    refused = runner.invoke(app, [*book, "1", "--by", "cv-tiga", "--from", "2024-05-02T11:00",
                                  "--to", "2024-05-02T13:00"])  # fmt: skip
    assert refused.exit_code == 3, refused.output
    assert "resource 'truk-1' cannot take 1.0 ton over 2024-05-02T11:00:00+00:00" in refused.stderr
    assert "only 0.5 ton free at the tightest instant (capacity 2.5)" in refused.stderr
    as_json = runner.invoke(app, [*book, "1", "--by", "cv-tiga", "--from", "2024-05-02T11:00",
                                  "--to", "2024-05-02T13:00", "--json"])  # fmt: skip
    assert as_json.exit_code == 3 and json.loads(as_json.stdout)["status"] == "refused"
    free = _ok("resource", "availability", "truk-1", "--from", "2024-05-02T00:00", "--to",
               "2024-05-03T00:00", "--db", db_url)  # fmt: skip
    assert [(s["start"][11:16], s["end"][11:16], s["free"]) for s in free["segments"]] == [
        ("00:00", "02:00", 2.5), ("02:00", "03:00", 0.0), ("03:00", "08:00", 2.5),
        ("08:00", "12:00", 0.5), ("12:00", "00:00", 2.5),
    ]  # fmt: skip
    settled = _ok("settle", "logistik", "--period", "2024-05", "--db", db_url)
    # 2 t x 4 h x 15,000 = 120,000 by toko-satu, 2.5 t x 1 h x 15,000 = 37,500 by cv-tiga.
    assert settled["total"] == 157_500
    assert settled["balances"] == {"cv-tiga": -37_500, "pt-dua": 157_500, "toko-satu": -120_000}
    assert settled["transfers"] == [
        {"from": "toko-satu", "to": "pt-dua", "amount": 120_000},
        {"from": "cv-tiga", "to": "pt-dua", "amount": 37_500},
    ]
    text = runner.invoke(app, ["settle", "logistik", "--period", "2024-05", "--db", db_url])
    assert text.exit_code == 0 and "toko-satu pays pt-dua 120000.0 rupiah" in text.output
    cancelled = _ok("resource", "cancel", str(first["id"]), "--db", db_url)
    assert cancelled["status"] == "cancelled"
    again = runner.invoke(app, ["resource", "cancel", str(first["id"]), "--db", db_url])
    assert again.exit_code == 1 and "only a confirmed booking can be cancelled" in again.stderr
    _ok(*book, "1", "--by", "cv-tiga", "--from", "2024-05-02T11:00", "--to", "2024-05-02T13:00")


def test_bad_input_is_named(db_url: str, tmp_path: Path) -> None:
    _imported(db_url, tmp_path)
    bad_time = runner.invoke(app, ["resource", "book", "truk-1", "--db", db_url, "--by", "pt-dua",
                                   "--from", "tomorrow", "--to", "2024-05-02T13:00",
                                   "--quantity", "1"])  # fmt: skip
    assert bad_time.exit_code == 2 and "not an ISO date and time: 'tomorrow'" in bad_time.output
    bad_period = runner.invoke(app, ["settle", "logistik", "--period", "05-2024", "--db", db_url])
    assert bad_period.exit_code == 1 and "period: expected YYYY-MM" in bad_period.stderr
    hidden = runner.invoke(app, ["resource", "availability", "nope", "--from", "2024-05-02",
                                 "--to", "2024-05-03", "--db", db_url])  # fmt: skip
    assert hidden.exit_code == 1 and "resource 'nope' not found" in hidden.stderr
    unshared = runner.invoke(app, ["resource", "book", "truk-1", "--db", db_url, "--by",
                                   "cv-tiga", "--from", "2024-05-02T11:00", "--to",
                                   "2024-05-02T13:00", "--quantity", "1"])  # fmt: skip
    assert unshared.exit_code == 1 and "is not an accepted member" in unshared.stderr
    added = _ok("resource", "add", "kios-1", "--owner", "cv-tiga", "--name", "Kios", "--kind",
                "showroom", "--capacity", "3", "--unit", "stand", "--db", db_url)  # fmt: skip
    assert added["owner"] == "cv-tiga" and added["kind"] == "showroom"
    add = ["resource", "add", "k2", "--owner", "cv-tiga", "--name", "K", "--capacity", "1"]
    bad_kind = runner.invoke(app, [*add, "--kind", "castle", "--db", db_url])
    assert bad_kind.exit_code == 2 and "--kind" in bad_kind.output
