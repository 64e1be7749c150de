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


# Ids a result file may hold for statements that no longer exist: ASCII, accents, CJK, emoji
# (astral: UTF-16 and code-point order differ), so the order of `ignored` is tested in full.
ODD_IDS = [
    "removed-7", "zz-9", "é-1", "über", "日本-2", "😀-3", "\U0001f680", "A", "\uff41", "\ufb00", "a\u0301",
]
JUNK: list[Any] = [
    0, 6, -1, "4", "na ", "NA", 2.5, None, True, False, 10**30, 1e300, -(2**53), [3], {"v": 3},
    [[{"x": [1]}]], {"na": "na"}, "", 5.000001,
]


def random_answers(spec: dict[str, Any], assessment: str, rng: random.Random) -> dict[str, Any]:
    """Answers of every shape the scorer meets: full, partial, skewed, "na", whole floats, stray
    ids (Unicode too) and bad values of every JSON type."""
    a = spec["assessments"][assessment]
    answered = rng.choice([1.0, 1.0, 0.9, 0.8, 0.6, 0.3])
    na = rng.choice([0.0, 0.0, 0.1, 0.3, 0.6])
    style = rng.choice(["uniform", "high", "low", "flat"])
    flat = rng.randint(1, 5)
    answers: dict[str, Any] = {}
    for item in a["items"]:
        if rng.random() < answered:
            value: Any = "na" if rng.random() < na else {
                "uniform": rng.randint(1, 5),
                "high": rng.choice([3, 4, 5, 5]),
                "low": rng.choice([1, 1, 2, 3]),
                "flat": flat,
            }[style]
            if value != "na" and rng.random() < 0.05:
                value = float(value)  # JSON's 3.0: a browser cannot tell it from 3
            answers[item] = value
    for sid in a["scenarios"]:
        if rng.random() < answered:
            answers[sid] = rng.choice(spec["scenarios"][sid]["options"])["id"]
    if rng.random() < 0.15:
        for _ in range(rng.randint(1, 4)):
            answers[rng.choice(ODD_IDS) + str(rng.randint(0, 3))] = rng.choice([3, "na", None])
    if rng.random() < 0.04:
        answers[rng.choice(a["items"])] = rng.choice(JUNK)
    if a["scenarios"] and rng.random() < 0.02:
        answers[rng.choice(a["scenarios"])] = rng.choice(["na", "", 1, None, ["a"], "A"])
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
        if rng.random() < 0.01:
            assessment = rng.choice(["no-such", "Role-Profile", "ß"])
        try:
            expected: dict[str, Any] = score(spec, assessment, answers)
        except AnswerError as err:
            expected = {"error": "AnswerError", "message": str(err)}
        cases.append({"assessment": assessment, "answers": answers, "expected": expected})
    kinds = {
        "errors": sum("error" in c["expected"] for c in cases),
        "unknown assessments": sum(c["assessment"] not in spec["assessments"] for c in cases),
        "profiles": sum(c["expected"].get("profile") is not None for c in cases),
        "with na": sum("na" in c["answers"].values() for c in cases),
        "unscored role for na": sum(
            any(r["score"] is None and r["na"] for r in c["expected"].get("roles", [])) for c in cases
        ),
        "whole floats": sum(any(type(v) is float for v in c["answers"].values()) for c in cases),
        "non-ASCII ids": sum(any(not k.isascii() for k in c["answers"]) for c in cases),
        "astral ids": sum(any(max(map(ord, k)) > 0xFFFF for k in c["answers"]) for c in cases),
    }
    print(kinds)
    assert kinds["errors"] > 60
    assert kinds["unknown assessments"] > 10
    assert kinds["profiles"] > 200
    assert kinds["with na"] > 600
    assert kinds["unscored role for na"] > 50
    assert kinds["whole floats"] > 300
    assert kinds["non-ASCII ids"] > 200
    assert kinds["astral ids"] > 50
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


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_answer_errors_read_the_same_in_spanish_in_both_scorers(tmp_path: Path) -> None:
    """Both scorers word a bad answer from the same catalogue key: in Spanish too, word for word."""
    from generator.compile import compile_spec  # noqa: PLC0415
    from generator.loader import load_content  # noqa: PLC0415

    es = compile_spec(load_content(ROOT / "assessments", docs_dir=None, lang="es"), "es")
    assert es["lang"] == "es"
    rng = random.Random(12)
    cases = []
    for n in range(400):
        assessment = rng.choice(list(es["assessments"]))
        answers = random_answers(es, assessment, rng)
        a = es["assessments"][assessment]
        if n % 2:  # every other case has one bad answer, of every kind
            target = rng.choice(a["items"] + a["scenarios"])
            answers[target] = rng.choice(JUNK)
        try:
            expected: dict[str, Any] = score(es, assessment, answers)
        except AnswerError as err:
            expected = {"error": "AnswerError", "message": str(err)}
        cases.append({"assessment": assessment, "answers": answers, "expected": expected})
    messages = {c["expected"]["message"] for c in cases if "error" in c["expected"]}
    assert len(messages) > 50
    assert all(m.startswith("la respuesta ") for m in messages)
    assert any("un número con decimales" in m for m in messages)
    path = tmp_path / "cases.json"
    path.write_text(json.dumps({"spec": es, "cases": cases}))
    proc = subprocess.run(
        [NODE, str(ROOT / "tests/js/compare.mjs"), str(path)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().endswith("400 agree, 0 differ")
