"""The scorer against SCORING.md: hand-worked golden cases, each rule alone, and properties.

The golden cases (`fixtures/scoring_cases.json`) are pure JSON so the browser scorer can run the
same ones. The oracle here is deliberately independent of `scoring.py`: it computes
`(mean - 1) / 4 * 100` with exact fractions and rounds half up, and `ceil(0.8 N)` with fractions.
"""

from __future__ import annotations

import json
import math
import random
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import ROLE_IDS, shipped_spec
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.scoring import (
    AnswerError,
    band,
    enough,
    item_score,
    plan,
    profile,
    role_score,
    score,
)

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = json.loads((ROOT / "tests" / "fixtures" / "scoring_cases.json").read_text("utf-8"))
DEFAULT_THRESHOLDS = {"developing": 38, "strong": 63}
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)


# ---- the independent oracle ---------------------------------------------------------------------


def oracle_score(total: int, answered: int) -> int:
    """`(mean - 1) / 4 * 100` exactly, rounded half up."""
    value = (Fraction(total, answered) - 1) / 4 * 100
    return math.floor(value + Fraction(1, 2))


def oracle_needed(total_items: int) -> int:
    """`ceil(0.8 N)`, exactly."""
    return math.ceil(Fraction(4, 5) * total_items)



# ---- golden cases -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=[c["name"] for c in GOLDEN["cases"]])
def test_golden_case(case: dict[str, Any]) -> None:
    spec = GOLDEN["specs"][case["spec"]]
    assert score(spec, case["assessment"], case["answers"]) == case["expected"], case["why"]


def test_golden_file_is_well_formed() -> None:
    cases = GOLDEN["cases"]
    assert len(cases) >= 32
    assert len({c["name"] for c in cases}) == len(cases)
    for case in cases:
        assert set(case) == {"name", "spec", "assessment", "answers", "expected", "why"}
        assert case["spec"] in GOLDEN["specs"]
        assert case["assessment"] in GOLDEN["specs"][case["spec"]]["assessments"]
        assert case["why"].strip()
    for spec in GOLDEN["specs"].values():
        assert spec["role_ids"] == list(ROLE_IDS)


def test_golden_cases_cover_the_rounding_edges() -> None:
    """The cases land on 37, 38, 62 and 63, and on exact halves that round up."""
    seen = {
        row["score"]
        for case in GOLDEN["cases"]
        for row in case["expected"]["roles"]
        if row["score"] is not None
    }
    assert {0, 13, 37, 38, 62, 63, 100} <= seen


# ---- item_score and enough ----------------------------------------------------------------------


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5])
def test_item_score(value: int) -> None:
    assert item_score(value, reverse=False) == value
    assert item_score(value, reverse=True) == 6 - value


@pytest.mark.parametrize(("total", "needed"), [(1, 1), (2, 2), (3, 3), (4, 4), (5, 4), (6, 5),
                                                (7, 6), (8, 7), (10, 8), (13, 11), (15, 12),
                                                (30, 24)])
def test_enough_at_the_boundary(total: int, needed: int) -> None:
    assert oracle_needed(total) == needed
    assert enough(needed, total)
    assert not enough(needed - 1, total)


@pytest.mark.parametrize("total", range(1, 61))
def test_enough_matches_ceil_of_80_percent(total: int) -> None:
    for answered in range(total + 1):
        assert enough(answered, total) == (answered >= oracle_needed(total))


def test_enough_with_no_items_is_false() -> None:
    assert not enough(0, 0)


# ---- role_score ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "answered", "expected"),
    [
        (32, 13, 37),  # 36.54
        (33, 13, 38),  # 38.46
        (45, 13, 62),  # 61.54
        (46, 13, 63),  # 63.46
        (15, 6, 38),   # mean 2.5: 37.5 rounds half up
        (21, 6, 63),   # mean 3.5: 62.5 rounds half up
        (5, 2, 38),    # 37.5
        (7, 2, 63),    # 62.5
        (10, 4, 38),   # 37.5
        (14, 4, 63),   # 62.5
        (9, 6, 13),    # 12.5
        (3, 2, 13),    # 12.5
        (15, 4, 69),   # 68.75
        (13, 4, 56),   # 56.25
        (5, 5, 0),
        (25, 5, 100),
        (1, 1, 0),
        (5, 1, 100),
        (65, 13, 100),
        (13, 13, 0),
    ],
)
def test_role_score_edges(total: int, answered: int, expected: int) -> None:
    assert oracle_score(total, answered) == expected
    assert role_score(total, answered) == expected


def test_role_score_matches_the_fraction_oracle_everywhere() -> None:
    """Every achievable (S, n) for up to 60 answers, including every value 0..100."""
    reached = set()
    for answered in range(1, 61):
        for total in range(answered, 5 * answered + 1):
            expected = oracle_score(total, answered)
            assert role_score(total, answered) == expected, (total, answered)
            reached.add(expected)
    assert reached == set(range(101))


@cache
def achievable_means() -> list[Fraction]:
    """Every mean that 1..40 answers can give, in order."""
    return sorted({Fraction(total, n) for n in range(1, 41) for total in range(n, 5 * n + 1)})


@pytest.mark.parametrize("target", range(101))
def test_every_score_has_its_edge_inputs(target: int) -> None:
    """For each score, the smallest mean that reaches it and the largest that stays on it."""
    on_target = [
        m for m in achievable_means() if oracle_score(m.numerator, m.denominator) == target
    ]
    assert on_target
    for mean in (on_target[0], on_target[-1]):
        assert role_score(mean.numerator, mean.denominator) == target
        # the same mean from more answers gives the same score
        assert role_score(mean.numerator * 3, mean.denominator * 3) == target


# ---- band ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", range(101))
def test_band_defaults(value: int) -> None:
    expected = "emerging" if value <= 37 else "developing" if value <= 62 else "strong"
    assert band(value, DEFAULT_THRESHOLDS) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "emerging"), (49, "emerging"), (50, "developing"), (79, "developing"), (80, "strong"),
     (100, "strong")],
)
def test_band_custom_thresholds(value: int, expected: str) -> None:
    assert band(value, {"developing": 50, "strong": 80}) == expected


def test_band_agrees_with_means() -> None:
    """Default bands are a mean below 2.5, below 3.5, and 3.5 or above."""
    for n in range(1, 31):
        for total in range(n, 5 * n + 1):
            mean = Fraction(total, n)
            expected = "emerging" if mean < 2.5 else "developing" if mean < 3.5 else "strong"
            assert band(role_score(total, n), DEFAULT_THRESHOLDS) == expected, (total, n)


# ---- profile ------------------------------------------------------------------------------------


def rows_of(scores: dict[str, int | None], thresholds: dict[str, int] | None = None
            ) -> list[dict[str, Any]]:
    th = thresholds or DEFAULT_THRESHOLDS
    return [
        {"role": r, "answered": 5, "total": 5, "score": s,
         "band": None if s is None else band(s, th)}
        for r, s in ((r, scores[r]) for r in ROLE_IDS if r in scores)
    ]


C, D, T, M, K = ROLE_IDS


@pytest.mark.parametrize(
    ("scores", "margin", "expected"),
    [
        ({}, 10, None),
        ({C: 80}, 10, None),
        ({C: 80, D: None, T: None}, 10, None),
        ({C: 80, D: 20}, 10, {"kind": "primary", "lead": [C], "growth_edge": [D]}),
        ({C: 80, D: 71, T: 70, M: 50}, 10,
         {"kind": "blended", "lead": [C, D], "growth_edge": [M]}),
        ({C: 90, D: 35, T: 44, M: 45}, 10,
         {"kind": "primary", "lead": [C], "growth_edge": [D, T]}),
        ({C: 60, D: 51}, 10, {"kind": "balanced", "lead": [C, D], "growth_edge": []}),
        ({C: 60, D: 50}, 10, {"kind": "primary", "lead": [C], "growth_edge": [D]}),
        ({C: 40, D: 40, T: 40, M: 40, K: 40}, 10,
         {"kind": "balanced", "lead": [C, D, T, M, K], "growth_edge": []}),
        # lead and edge lists are in canonical order, not score order
        ({K: 100, M: 95, C: 91, T: 10, D: 19}, 10,
         {"kind": "blended", "lead": [C, M, K], "growth_edge": [D, T]}),
        # a role between lead and edge is in neither
        ({C: 100, D: 50, T: 0}, 10, {"kind": "primary", "lead": [C], "growth_edge": [T]}),
        # margin 5: 4 apart is within, 5 apart is not
        ({C: 85, D: 81, T: 80, M: 76}, 5,
         {"kind": "blended", "lead": [C, D], "growth_edge": [T, M]}),
        ({C: 85, D: 80}, 5, {"kind": "primary", "lead": [C], "growth_edge": [D]}),
        # margin 1: only exact ties share the lead
        ({C: 70, D: 70, T: 69}, 1, {"kind": "blended", "lead": [C, D], "growth_edge": [T]}),
        # unscored roles take no part
        ({C: 70, D: None, T: 20, M: None}, 10,
         {"kind": "primary", "lead": [C], "growth_edge": [T]}),
    ],
)
def test_profile(scores: dict[str, int | None], margin: int, expected: Any) -> None:
    assert profile(rows_of(scores), margin) == expected


# ---- plan ---------------------------------------------------------------------------------------


def plan_spec(length: int = 5, slots: int = 1) -> dict[str, Any]:
    def ex(ident: str, role: str, *bands: str) -> dict[str, Any]:
        return {"id": ident, "role": role, "bands": list(bands)}

    return {
        "plan_length": length,
        "starter_slots": slots,
        "exercises": [
            ex("c-e", C, "emerging"), ex("c-d", C, "developing"), ex("c-s", C, "strong"),
            ex("c-ds", C, "developing", "strong"),
            ex("d-e", D, "emerging"), ex("d-s", D, "strong"),
            ex("t-e", T, "emerging"), ex("t-d", T, "developing"),
            ex("shared", C, "strong"), ex("shared", T, "emerging"),
            ex("st-1", "starter", "emerging", "developing", "strong"),
            ex("c-e", "starter", "emerging", "developing", "strong"),
            ex("st-2", "starter", "emerging", "developing", "strong"),
        ],
    }


def test_plan_orders_edge_then_lead_then_starters() -> None:
    rows = rows_of({C: 90, D: 60, T: 20})
    prof = profile(rows, 10)
    assert prof == {"kind": "primary", "lead": [C], "growth_edge": [T]}
    assert plan(plan_spec(20), rows, prof) == ["t-e", "shared", "c-s", "c-ds", "st-1", "c-e",
                                               "st-2"]


def test_plan_is_cut_at_plan_length() -> None:
    rows = rows_of({C: 90, D: 60, T: 20})
    prof = profile(rows, 10)
    assert plan(plan_spec(3, slots=0), rows, prof) == ["t-e", "shared", "c-s"]
    assert plan(plan_spec(1, slots=0), rows, prof) == ["t-e"]


def test_plan_keeps_the_starter_slots() -> None:
    """SCORING.md v2: the role part stops at plan_length - starter_slots; starters fill the rest."""
    rows = rows_of({C: 90, D: 60, T: 20})
    prof = profile(rows, 10)
    assert plan(plan_spec(3), rows, prof) == ["t-e", "shared", "st-1"]
    assert plan(plan_spec(4, slots=2), rows, prof) == ["t-e", "shared", "st-1", "c-e"]
    assert plan(plan_spec(2), rows, prof) == ["t-e", "st-1"]


def test_plan_skips_duplicates() -> None:
    rows = rows_of({C: 20, T: 90})
    prof = profile(rows, 10)
    assert prof == {"kind": "primary", "lead": [T], "growth_edge": [C]}
    # c-e is a conductor exercise and a starter; it appears once, where it first comes
    assert plan(plan_spec(20), rows, prof) == ["c-e", "st-1", "st-2"]


def test_plan_without_profile_uses_the_scored_role() -> None:
    rows = rows_of({C: 50, D: None})
    assert plan(plan_spec(20), rows, None) == ["c-d", "c-ds", "st-1", "c-e", "st-2"]


def test_plan_without_scored_roles_is_starters() -> None:
    rows = rows_of({C: None})
    assert plan(plan_spec(20), rows, None) == ["st-1", "c-e", "st-2"]


def test_plan_balanced_uses_every_lead_role_in_canonical_order() -> None:
    rows = rows_of({T: 40, C: 45, D: 44})
    prof = profile(rows, 10)
    assert prof == {"kind": "balanced", "lead": [C, D, T], "growth_edge": []}
    assert plan(plan_spec(20), rows, prof) == ["c-d", "c-ds", "t-d", "st-1", "c-e", "st-2"]


# ---- input errors -------------------------------------------------------------------------------


def one_item_spec() -> dict[str, Any]:
    return {
        "role_ids": list(ROLE_IDS),
        "thresholds": DEFAULT_THRESHOLDS,
        "margin": 10,
        "plan_length": 5,
        "starter_slots": 1,
        "items": {"q1": {"id": "q1", "role": C, "reverse": False}},
        "scenarios": {"s1": {"id": "s1", "role": C, "options": [
            {"id": "a", "rating": 4, "feedback": "good"},
            {"id": "b", "rating": 1, "feedback": "poor"},
        ]}},
        "exercises": [{"id": "st-1", "role": "starter", "bands": ["emerging"]}],
        "assessments": {"conductor": {"id": "conductor", "items": ["q1"], "scenarios": ["s1"]}},
    }


@pytest.mark.parametrize("value", [0, 6, -1, 4.5, 1e300, 10**30, True, False, "4", "NA", None, [4], {"v": 4}])
def test_bad_likert_answer_is_an_error(value: Any) -> None:
    with pytest.raises(AnswerError, match="q1"):
        score(one_item_spec(), "conductor", {"q1": value})


@pytest.mark.parametrize(("value", "shown"), [
    (4.5, "a fraction"), (1e300, "a number out of range"), (10**30, "a number out of range"),
    (7.0, "7"), (-0.0, "0"), (True, "true"), ("4", "text"), (None, "null"), ([4], "a list"),
    ({"v": 4}, "an object"),
])
def test_bad_answers_are_described_as_the_browser_describes_them(value: Any, shown: str) -> None:
    with pytest.raises(AnswerError, match=f'or "na", got {shown}$'):
        score(one_item_spec(), "conductor", {"q1": value})


def test_a_whole_float_is_the_whole_number_json_means() -> None:
    assert score(one_item_spec(), "conductor", {"q1": 3.0}) == score(one_item_spec(), "conductor", {"q1": 3})


@pytest.mark.parametrize("value", ["z", "A", 1, None, True, ["a"]])
def test_bad_scenario_option_is_an_error(value: Any) -> None:
    with pytest.raises(AnswerError, match="s1"):
        score(one_item_spec(), "conductor", {"s1": value})


def test_answer_error_is_a_value_error() -> None:
    assert issubclass(AnswerError, ValueError)


def test_unknown_assessment_is_an_answer_error() -> None:
    with pytest.raises(AnswerError, match=r"^unknown assessment 'no-such-assessment'$"):
        score(one_item_spec(), "no-such-assessment", {})


def test_valid_single_answers() -> None:
    for value in range(1, 6):
        result = score(one_item_spec(), "conductor", {"q1": value, "s1": "b"})
        assert result["roles"][0]["score"] == 25 * (value - 1)
        assert result["scenarios"] == [
            {"scenario": "s1", "chosen": "b", "rating": 1, "feedback": "poor", "best": "a"}
        ]


# ---- properties on the shipped banks ------------------------------------------------------------


@st.composite
def answered(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """An assessment of the shipped spec and a partial set of valid answers to it."""
    spec = shipped_spec()
    assessment = draw(st.sampled_from(sorted(spec["assessments"])))
    entry = spec["assessments"][assessment]
    answers: dict[str, Any] = {}
    skip = draw(st.floats(0, 0.4))
    na = draw(st.sampled_from([0.0, 0.0, 0.1, 0.5]))
    for item in entry["items"]:
        if draw(st.floats(0, 1)) >= skip:
            answers[item] = "na" if draw(st.floats(0, 1)) < na else draw(st.integers(1, 5))
    for sid in entry["scenarios"]:
        if draw(st.booleans()):
            options = [o["id"] for o in spec["scenarios"][sid]["options"]]
            answers[sid] = draw(st.sampled_from(options))
    return assessment, answers


def test_shipped_spec_is_usable() -> None:
    spec = shipped_spec()
    assert "role-profile" in spec["assessments"]
    assert any(i["reverse"] for i in spec["items"].values())
    assert any(not i["reverse"] for i in spec["items"].values())


@PROPERTY_SETTINGS
@given(answered())
def test_scores_are_in_range(case: tuple[str, dict[str, Any]]) -> None:
    spec = shipped_spec()
    result = score(spec, *case)
    for row in result["roles"]:
        assert 0 <= row["answered"] <= row["total"]
        if row["score"] is None:
            assert row["band"] is None
        else:
            assert 0 <= row["score"] <= 100
            assert row["band"] == band(row["score"], spec["thresholds"])
    assert len(result["plan"]) == len(set(result["plan"])) <= spec["plan_length"]
    assert result["ignored"] == []


@PROPERTY_SETTINGS
@given(answered(), st.data())
def test_raising_an_answer_moves_the_score_the_keyed_way(
    case: tuple[str, dict[str, Any]], data: st.DataObject
) -> None:
    spec = shipped_spec()
    assessment, answers = case
    scored = {r["role"] for r in score(spec, assessment, answers)["roles"] if r["score"] is not None}
    raisable = sorted(
        i for i, v in answers.items()
        if i in spec["items"] and v != "na" and v < 5 and spec["items"][i]["role"] in scored
    )
    assume(raisable)  # a scored role with an answer below 5: most drawn cases have one
    item_id = data.draw(st.sampled_from(raisable))
    higher = data.draw(st.integers(answers[item_id] + 1, 5))
    item = spec["items"][item_id]

    def role_row(result: dict[str, Any]) -> dict[str, Any]:
        return next(r for r in result["roles"] if r["role"] == item["role"])

    before = role_row(score(spec, assessment, answers))
    after = role_row(score(spec, assessment, answers | {item_id: higher}))
    assert before["score"] is not None
    assert after["score"] is not None
    if item["reverse"]:
        assert after["score"] <= before["score"]
    else:
        assert after["score"] >= before["score"]


@PROPERTY_SETTINGS
@given(answered(), st.randoms(use_true_random=False))
def test_answer_order_changes_nothing(case: tuple[str, dict[str, Any]], rnd: random.Random
                                      ) -> None:
    spec = shipped_spec()
    assessment, answers = case
    pairs = list(answers.items())
    rnd.shuffle(pairs)
    assert score(spec, assessment, dict(pairs)) == score(spec, assessment, answers)
    assert score(spec, assessment, dict(reversed(pairs))) == score(spec, assessment, answers)


@PROPERTY_SETTINGS
@given(answered())
def test_scores_agree_with_the_fraction_oracle(case: tuple[str, dict[str, Any]]) -> None:
    spec = shipped_spec()
    assessment, answers = case
    tallies: dict[str, list[int]] = {}
    for item_id in spec["assessments"][assessment]["items"]:
        item = spec["items"][item_id]
        tally = tallies.setdefault(item["role"], [0, 0, 0, 0])  # N, n, S, na
        tally[0] += 1
        if answers.get(item_id) == "na":
            tally[3] += 1
        elif item_id in answers:
            value = answers[item_id]
            tally[1] += 1
            tally[2] += 6 - value if item["reverse"] else value
    expected = []
    for role in ROLE_IDS:
        if role not in tallies:
            continue
        total_items, n, total, na = tallies[role]
        value = oracle_score(total, n) if n >= oracle_needed(total_items) else None
        expected.append((role, n, na, total_items, value))
    got = [(r["role"], r["answered"], r["na"], r["total"], r["score"])
           for r in score(spec, *case)["roles"]]
    assert got == expected


@PROPERTY_SETTINGS
@given(answered())
def test_profile_invariants(case: tuple[str, dict[str, Any]]) -> None:
    spec = shipped_spec()
    result = score(spec, *case)
    scored = {r["role"]: r["score"] for r in result["roles"] if r["score"] is not None}
    prof = result["profile"]
    if len(scored) < 2:
        assert prof is None
        return
    assert prof is not None
    top, bottom, margin = max(scored.values()), min(scored.values()), spec["margin"]
    assert prof["lead"] == [r for r in ROLE_IDS if r in scored and top - scored[r] < margin]
    assert not set(prof["lead"]) & set(prof["growth_edge"])
    assert prof["growth_edge"] == [
        r for r in ROLE_IDS
        if r in scored and r not in prof["lead"] and scored[r] - bottom < margin
    ]
    kinds = {1: "primary", len(scored): "balanced"}
    assert prof["kind"] == kinds.get(len(prof["lead"]), "blended")
