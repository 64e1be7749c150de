"""Synthetic result files (`generator/simulate.py`, `python -m generator simulate`)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import shipped_spec

from generator.analyze import analyze_report
from generator.results import parse_result
from generator.simulate import simulate

ROOT = Path(__file__).resolve().parents[1]
PROFILE = "role-profile"
UNTIL = date(2026, 11, 24)



@cache
def people(n: int, seed: int, assessment: str = PROFILE) -> list[tuple[str, dict[str, Any]]]:
    return simulate(shipped_spec(), n, seed, UNTIL, assessment)


def run_simulate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--no-docs", "simulate", *args],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False, timeout=60,
    )


def test_deterministic_for_a_seed() -> None:
    spec = shipped_spec()
    assert simulate(spec, 30, 4, UNTIL) == simulate(spec, 30, 4, UNTIL)
    assert simulate(spec, 30, 4, UNTIL) != simulate(spec, 30, 5, UNTIL)
    # The first people do not depend on how many follow.
    assert simulate(spec, 10, 4, UNTIL) == simulate(spec, 30, 4, UNTIL)[:10]


def test_every_file_parses_and_is_marked_synthetic() -> None:
    spec = shipped_spec()
    docs = people(300, 1)
    assert [name for name, _ in docs[:2]] == ["synthetic-0001.json", "synthetic-0002.json"]
    assert docs[-1][0] == "synthetic-0300.json"
    for number, (name, doc) in enumerate(docs, 1):
        assert doc["synthetic"] is True
        assert doc["name"] == f"Synthetic person {number:04d}"
        assert doc["assessment"] == PROFILE
        assert doc["bank_version"] == spec["assessments"][PROFILE]["bank_version"]
        scored = parse_result(json.dumps(doc).encode(), spec, name)
        assert scored.warnings == []
        assert scored.result["ignored"] == []


def test_taken_at_spread_over_recent_weeks() -> None:
    end = datetime(2026, 11, 24, tzinfo=UTC)
    times = [datetime.strptime(doc["taken_at"], "%Y-%m-%dT%H:%M:%S%z") for _, doc in people(300, 1)]
    assert all(end - timedelta(weeks=8) <= t < end for t in times)
    assert max(times) - min(times) > timedelta(weeks=6)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", d["taken_at"])
               for _, d in people(300, 1))


def test_realistic_scales() -> None:
    """Alpha of every role scale above 0.6, as a real, decent bank would give."""
    spec = shipped_spec()
    files = [(name, json.dumps(doc).encode()) for name, doc in people(300, 1)]
    report = analyze_report(spec, files)
    alphas = {s["role"]: s["alpha"] for s in report["scales"]}
    assert all(a is not None and 0.6 < a < 0.95 for a in alphas.values()), alphas
    # Role levels correlate a little, not a lot.
    rs = [c["r"] for c in report["correlations"]]
    assert all(r is not None and 0.0 < r < 0.6 for r in rs), rs


def test_realistic_missing_answers_and_straight_liners() -> None:
    spec = shipped_spec()
    items = spec["assessments"][PROFILE]["items"]
    docs = [doc for _, doc in people(300, 1)]
    missing = sum(i not in d["answers"] for d in docs for i in items) / (len(docs) * len(items))
    assert 0.01 < missing < 0.035
    flat = [d for d in docs if len({d["answers"][i] for i in items if i in d["answers"]}) == 1]
    assert 1 <= len(flat) <= 10
    values = [d["answers"][i] for d in docs for i in items if i in d["answers"]]
    assert set(values) == {1, 2, 3, 4, 5}


def test_scenario_answers_lean_toward_better_options() -> None:
    spec = shipped_spec()
    chosen, chance = [], []
    for _, doc in people(300, 1):
        for sid in spec["assessments"][PROFILE]["scenarios"]:
            options = spec["scenarios"][sid]["options"]
            if sid in doc["answers"]:
                chosen.append(next(o["rating"] for o in options if o["id"] == doc["answers"][sid]))
                chance.append(sum(o["rating"] for o in options) / len(options))
    assert sum(chosen) / len(chosen) > sum(chance) / len(chance) + 0.5
    assert set(chosen) == {1, 2, 3, 4}  # not only the best option


def test_one_role_assessment() -> None:
    spec = shipped_spec()
    docs = people(20, 2, "translator")
    for name, doc in docs:
        assert doc["assessment"] == "translator"
        scored = parse_result(json.dumps(doc).encode(), spec, name)
        assert [r["role"] for r in scored.result["roles"]] == ["translator"]


def test_unknown_assessment() -> None:
    with pytest.raises(KeyError):
        simulate(shipped_spec(), 1, 1, UNTIL, "no-such")


# ---- the command ----------------------------------------------------------------------------


def test_cli_writes_the_same_files_for_a_seed(tmp_path: Path) -> None:
    args = ["--n", "12", "--seed", "9", "--until", "2026-11-24"]
    first = run_simulate(*args, "--out", str(tmp_path / "a"))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == f"wrote 12 synthetic role-profile results to {tmp_path / 'a'} (seed 9)"
    assert run_simulate(*args, "--out", str(tmp_path / "b")).returncode == 0
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == [f"synthetic-{n:04d}.json" for n in range(1, 13)]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    doc = json.loads((tmp_path / "a" / names[0]).read_bytes())
    assert doc == dict(people(12, 9)[0][1])
    # A smaller run into the same folder says what it left behind.
    again = run_simulate("--n", "10", "--seed", "9", "--out", str(tmp_path / "a"))
    assert again.returncode == 0
    assert "2 other synthetic-*.json" in again.stderr


def test_cli_assessment_option(tmp_path: Path) -> None:
    proc = run_simulate("--n", "3", "--assessment", "conductor", "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads((tmp_path / "synthetic-0001.json").read_bytes())
    assert doc["assessment"] == "conductor"
    assert doc["taken_at"] < datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--n", "0"], "expected 1 to"),
        (["--n", "many"], "whole number"),
        (["--until", "24/11/2026"], "a date like"),
        (["--assessment", "nope"], "unknown assessment 'nope'"),
    ],
)
def test_cli_usage_errors(tmp_path: Path, args: list[str], words: str) -> None:
    proc = run_simulate(*args, "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert words in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_cli_cannot_write(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    proc = run_simulate("--n", "2", "--out", str(tmp_path / "file" / "out"))
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1
    assert "cannot write" in proc.stderr


def test_every_simulated_plan_holds_a_starting_practice() -> None:
    """SCORING.md v2 keeps a slot for a starter: 1,000 simulated profiles, not one plan without."""
    spec = shipped_spec()
    starters = {ex["id"] for ex in spec["exercises"] if ex["role"] == "starter"}
    plans = [parse_result(json.dumps(d).encode(), spec).result["plan"] for _, d in people(1000, 11)]
    without = [p for p in plans if not starters & set(p)]
    print(f"{len(plans)} plans, {len(without)} without a starting practice")
    assert len(plans) == 1000
    assert without == []
    assert all(len(p) == spec["plan_length"] for p in plans)
