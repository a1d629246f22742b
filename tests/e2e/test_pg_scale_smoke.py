"""The PostgreSQL-at-size bench end to end at a toy size: it loads, builds its indexes and
times every read it reports (no timing is checked), so a change of a service it calls
cannot leave it broken until the next full run."""

from __future__ import annotations

from pathlib import Path

from bench.pg_scale import main


def test_the_bench_loads_and_times_every_read(tmp_path: Path) -> None:
    out = tmp_path / "pg_scale.md"
    main(["--actors", "3000", "--ties", "15000", "--customers", "6000", "--samples", "4",
          "--out", str(out)])  # fmt: skip
    text = out.read_text()
    for read in ("KPIs", "reach", "channel page", "account-mapping counts", "partners, warm"):
        assert f"| dashboard: {read}" in text or f"| {read}" in text, read
    assert "reads refused: none" in text
