"""Python and browser scorers agree exactly on thousands of random answer sets."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import shipped_spec

from generator.render import spec_slice
from generator.scoring import AnswerError, score

ROOT = Path(__file__).resolve().parents[1]
NODE = shutil.which("node")


def random_answers(spec: dict[str, Any], assessment: str, rng: random.Random) -> dict[str, Any]:
    """Answers of every shape the scorer meets: full, partial, skewed, with stray ids and bad values."""
    a = spec["assessments"][assessment]
    answered = rng.choice([1.0, 1.0, 0.9, 0.8, 0.6, 0.3])
    style = rng.choice(["uniform", "high", "low", "flat"])
    flat = rng.randint(1, 5)
    answers: dict[str, Any] = {}
    for item in a["items"]:
        if rng.random() < answered:
            answers[item] = {
                "uniform": rng.randint(1, 5),
                "high": rng.choice([3, 4, 5, 5]),
                "low": rng.choice([1, 1, 2, 3]),
                "flat": flat,
            }[style]
    for sid in a["scenarios"]:
        if rng.random() < answered:
            answers[sid] = rng.choice(spec["scenarios"][sid]["options"])["id"]
    if rng.random() < 0.1:
        answers[f"removed-{rng.randint(1, 99)}"] = 3
    if rng.random() < 0.03:
        answers[rng.choice(a["items"])] = rng.choice([0, 6, "4", 2.5, None, True])
    keys = list(answers)
    rng.shuffle(keys)
    return {k: answers[k] for k in keys}


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return shipped_spec()


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_browser_scorer_agrees_on_random_answer_sets(spec: dict[str, Any], tmp_path: Path) -> None:
    rng = random.Random(20261124)
    cases = []
    for _ in range(3000):
        assessment = rng.choice(list(spec["assessments"]))
        answers = random_answers(spec, assessment, rng)
        try:
            expected: dict[str, Any] = score(spec, assessment, answers)
        except AnswerError:
            expected = {"error": "AnswerError"}
        cases.append({"assessment": assessment, "answers": answers, "expected": expected})
    assert sum("error" in c["expected"] for c in cases) > 10
    assert sum(c["expected"].get("profile") is not None for c in cases) > 250
    path = tmp_path / "cases.json"
    path.write_text(json.dumps({"spec": spec, "cases": cases}))
    proc = subprocess.run(
        [NODE, str(ROOT / "tests/js/compare.mjs"), str(path)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().endswith("3000 agree, 0 differ")


def test_a_quiz_page_slice_scores_like_the_whole_spec(spec: dict[str, Any]) -> None:
    """A quiz page's results load only their own slice of the spec; it must not change any result."""
    rng = random.Random(7)
    for assessment in spec["assessments"]:
        part = spec_slice(spec, assessment)
        for _ in range(200):
            answers = random_answers(spec, assessment, rng)
            try:
                want = score(spec, assessment, answers)
            except AnswerError:
                with pytest.raises(AnswerError):
                    score(part, assessment, answers)
                continue
            assert score(part, assessment, answers) == want
