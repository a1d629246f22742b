"""Matching customer lists: exact keys at 1M x 1M, the full matcher, precision and recall.

    .venv/bin/python -m bench.match [--records 1000000] [--full 100000] [--quality 20000]

Lists from ``jejaring.demo.match_pairs.noisy_pairs`` (the demo's customers typed by two owners:
names respelled, phone and NPWP formats varied, e-mail case changed, fields blank), 40% of
the records the same customers unless stated. Measured:

1. exact-key matching of ``--records`` x ``--records``: both lists normalised to their exact
   keys (``exact_keys``) and joined (``exact_pairs``), after generation (not timed);
2. the whole ``match_records`` (exact keys, then fuzzy names within a regency) at ``--full``;
3. precision and recall against the generated truth, by rule, over several seeds, overlaps and
   sizes, and for name thresholds around the default.

Writes ``bench/results/match.md``.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

import polars as pl

from bench.machine import describe
from jejaring.demo.match_pairs import MatchPairs, noisy_pairs
from jejaring.io.territories import indonesia
from jejaring.privacy.keys import exact_keys
from jejaring.privacy.matching import NAME_THRESHOLD, RULES, exact_pairs, match_records

RESULTS = Path(__file__).parent / "results"
TERRITORIES = list(indonesia())


def peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def exact_speed(records: int) -> list[str]:
    start = time.perf_counter()
    pairs = noisy_pairs(TERRITORIES, records=records, shared=0.4, seed=1)
    generated = time.perf_counter() - start
    start = time.perf_counter()
    left, right = exact_keys(pairs.left), exact_keys(pairs.right)
    normalised = time.perf_counter() - start
    found = exact_pairs(left, right)
    total = time.perf_counter() - start
    correct = found.join(pairs.truth, on=["left_key", "right_key"], how="semi").height
    print(f"exact {records:,}: {total:.1f} s")
    return [
        f"| exact keys, {records:,} x {records:,} records | {total:.1f} s | ≤ 60 s |",
        f"| of which normalising both lists ({left.height + right.height:,} keys) "
        f"| {normalised:.1f} s | |",
        f"| of which the join ({found.height:,} pairs, {correct / found.height:.4f} of them true) "
        f"| {total - normalised:.1f} s | |",
        f"| generating the two lists (not counted) | {generated:.1f} s | |",
        f"| peak resident memory so far | {peak_gib():.2f} GiB | |",
    ]


def full_speed(records: int) -> list[str]:
    pairs = noisy_pairs(TERRITORIES, records=records, shared=0.4, seed=2)
    start = time.perf_counter()
    found = match_records(pairs.left, pairs.right)
    elapsed = time.perf_counter() - start
    names = int((found["rule"] == "name").sum())
    print(f"full {records:,}: {elapsed:.1f} s")
    return [
        f"| whole `match_records`, {records:,} x {records:,} (names compared within regencies; "
        f"{names:,} name pairs) | {elapsed:.1f} s | |"
    ]


def quality(pairs: MatchPairs, threshold: int = NAME_THRESHOLD) -> dict[str, object]:
    found = match_records(pairs.left, pairs.right, name_threshold=threshold)
    judged = found.join(
        pairs.truth.with_columns(true=pl.lit(True)), on=["left_key", "right_key"], how="left"
    ).with_columns(pl.col("true").fill_null(False))
    correct = int(judged["true"].sum())
    by_rule = {
        rule: (int(n), float(p))
        for rule, n, p in judged.group_by("rule").agg(pl.len(), pl.col("true").mean()).iter_rows()
    }
    return {
        "pairs": found.height,
        "truth": pairs.truth.height,
        "precision": correct / max(found.height, 1),
        "recall": correct / max(pairs.truth.height, 1),
        "by_rule": by_rule,
    }


def quality_rows(size: int) -> list[str]:
    cases = [(size, 0.4, seed) for seed in (1, 2, 3)]
    cases += [(size, 0.2, 1), (size, 0.7, 1), (size // 4, 0.4, 1), (size * 5, 0.4, 1)]
    rows = []
    for records, shared, seed in cases:
        q = quality(noisy_pairs(TERRITORIES, records=records, shared=shared, seed=seed))
        by_rule = q["by_rule"]
        assert isinstance(by_rule, dict)
        rules = "; ".join(
            f"{rule} {by_rule[rule][0]:,} ({by_rule[rule][1]:.3f})"
            for rule in RULES
            if rule in by_rule
        )
        rows.append(
            f"| {records:,} | {shared:.0%} | {seed} | {q['truth']:,} | {q['pairs']:,} "
            f"| {q['precision']:.4f} | {q['recall']:.4f} | {rules} |"
        )
        print(rows[-1])
    return rows


def threshold_rows(size: int) -> list[str]:
    pairs = noisy_pairs(TERRITORIES, records=size, shared=0.4, seed=1)
    rows = []
    for threshold in (80, 85, 88, 90, 92, 95, 100):
        q = quality(pairs, threshold)
        by_rule = q["by_rule"]
        assert isinstance(by_rule, dict)
        name = by_rule.get("name", (0, float("nan")))
        rows.append(
            f"| {threshold} | {q['precision']:.4f} | {q['recall']:.4f} "
            f"| {name[0]:,} | {name[1]:.3f} |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--full", type=int, default=100_000)
    parser.add_argument("--quality", type=int, default=20_000)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    speed = exact_speed(args.records) + full_speed(args.full)
    rows = quality_rows(args.quality)
    sweep = threshold_rows(args.quality)
    command = (
        f".venv/bin/python -m bench.match --records {args.records} --full {args.full} "
        f"--quality {args.quality}"
    )
    lines = [
        "# Matching customer lists",
        "",
        f"Command: `{command}`  ",
        f"Machine: {describe()}; load average {load:.2f} (one minute) when the run started.  ",
        "Lists: `jejaring.demo.match_pairs.noisy_pairs` (see docs/matching.md).",
        "",
        "## Speed",
        "",
        "| measure | result | goal |",
        "|---|---:|---:|",
        *speed,
        "",
        "## Precision and recall against the generated truth",
        "",
        f"Name threshold {NAME_THRESHOLD} (token-sort ratio). Goals: precision ≥ 0.98, "
        "recall ≥ 0.95. By rule: pairs reported under it (their precision).",
        "",
        "| records per list | same customers | seed | true pairs | pairs found | precision "
        "| recall | by rule |",
        "|---:|---:|---:|---:|---:|---:|---:|---|",
        *rows,
        "",
        f"## Name threshold ({args.quality:,} records per list, 40% shared, seed 1)",
        "",
        "| threshold | precision | recall | name pairs | their precision |",
        "|---:|---:|---:|---:|---:|",
        *sweep,
        "",
    ]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "match.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
