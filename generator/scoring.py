"""The scoring contract of `SCORING.md`, as pure functions over the compiled spec.

The browser scorer (`static/scoring.mjs`) implements the same functions over the same JSON; the
two are tested against shared golden cases and generated ones, compared exactly. All arithmetic
is in integers, so no floating-point rounding can make them disagree.
"""

from __future__ import annotations

from typing import Any

from .models import ROLE_IDS

Spec = dict[str, Any]
Answers = dict[str, Any]
Result = dict[str, Any]


class AnswerError(ValueError):
    """An answer that cannot be scored: wrong type, or a value out of range."""


def item_score(value: int, reverse: bool) -> int:
    """The item score of a 1..5 answer: the answer itself, or 6 minus it when reverse-keyed."""
    return 6 - value if reverse else value


def enough(answered: int, total: int) -> bool:
    """A role is scored when at least 80% of its items are answered (`n >= ceil(0.8 N)`)."""
    return total > 0 and 5 * answered >= 4 * total


def role_score(total_item_score: int, answered: int) -> int:
    """`(mean - 1) / 4 * 100`, rounded half up, in integers."""
    return (200 * (total_item_score - answered) + 4 * answered) // (8 * answered)


def band(score: int, thresholds: dict[str, int]) -> str:
    """The band of a score: emerging below `developing`, strong from `strong` up."""
    if score >= thresholds["strong"]:
        return "strong"
    if score >= thresholds["developing"]:
        return "developing"
    return "emerging"


def check_answers(spec: Spec, assessment_id: str, answers: Answers) -> tuple[Answers, list[str]]:
    """Split answers into the ones this assessment scores and the ids it does not know.

    Args:
        spec: the compiled spec.
        assessment_id: which assessment the answers belong to.
        answers: item id to 1..5, scenario id to an option id.

    Returns:
        The known answers, and the sorted ids that were ignored because the assessment lacks them.

    Raises:
        AnswerError: on a value of the wrong type or out of range, naming the item.
    """
    assessment = spec["assessments"][assessment_id]
    items, scenarios = set(assessment["items"]), set(assessment["scenarios"])
    known: Answers = {}
    ignored = []
    for key, value in answers.items():
        if key in items:
            if type(value) is not int or not 1 <= value <= 5:
                raise AnswerError(f"answer to '{key}' must be a whole number from 1 to 5, got {value!r}")
            known[key] = value
        elif key in scenarios:
            options = [o["id"] for o in spec["scenarios"][key]["options"]]
            if value not in options:
                raise AnswerError(
                    f"answer to scenario '{key}' must be one of {', '.join(options)}, got {value!r}"
                )
            known[key] = value
        else:
            ignored.append(key)
    return known, sorted(ignored)


def role_results(spec: Spec, assessment_id: str, answers: Answers) -> list[dict[str, Any]]:
    """Answered count, score and band of each role in the assessment, in canonical order."""
    totals: dict[str, list[int]] = {}
    for item_id in spec["assessments"][assessment_id]["items"]:
        item = spec["items"][item_id]
        tally = totals.setdefault(item["role"], [0, 0, 0])  # N, n, S
        tally[0] += 1
        if item_id in answers:
            tally[1] += 1
            tally[2] += item_score(answers[item_id], item["reverse"])
    rows = []
    for role in ROLE_IDS:
        if role not in totals:
            continue
        total, answered, summed = totals[role]
        score = role_score(summed, answered) if enough(answered, total) else None
        rows.append(
            {
                "role": role,
                "answered": answered,
                "total": total,
                "score": score,
                "band": None if score is None else band(score, spec["thresholds"]),
            }
        )
    return rows


def profile(rows: list[dict[str, Any]], margin: int) -> dict[str, Any] | None:
    """Lead roles, growth edge and kind, for two or more scored roles; otherwise None."""
    scored = [r for r in rows if r["score"] is not None]
    if len(scored) < 2:
        return None
    ranked = sorted(scored, key=lambda r: (-r["score"], ROLE_IDS.index(r["role"])))
    top, bottom = ranked[0]["score"], ranked[-1]["score"]
    lead = [r["role"] for r in scored if top - r["score"] < margin]
    if len(lead) == len(scored):
        return {"kind": "balanced", "lead": lead, "growth_edge": []}
    edge = [r["role"] for r in scored if r["role"] not in lead and r["score"] - bottom < margin]
    return {"kind": "primary" if len(lead) == 1 else "blended", "lead": lead, "growth_edge": edge}


def plan(spec: Spec, rows: list[dict[str, Any]], prof: dict[str, Any] | None) -> list[str]:
    """The practice plan: growth-edge exercises, then lead-role ones, then starters, no repeats."""
    bands = {r["role"]: r["band"] for r in rows if r["band"] is not None}
    order = prof["growth_edge"] + prof["lead"] if prof else [r["role"] for r in rows if r["band"]]
    wanted = [
        ex["id"]
        for role in order
        for ex in spec["exercises"]
        if ex["role"] == role and bands[role] in ex["bands"]
    ] + [ex["id"] for ex in spec["exercises"] if ex["role"] == "starter"]
    return list(dict.fromkeys(wanted))[: spec["plan_length"]]  # first of each id, in order


def scenario_feedback(spec: Spec, assessment_id: str, answers: Answers) -> list[dict[str, Any]]:
    """For each answered scenario: the choice, its rating and feedback, and the best option."""
    out = []
    for sid in spec["assessments"][assessment_id]["scenarios"]:
        if sid not in answers:
            continue
        options = spec["scenarios"][sid]["options"]
        chosen = next(o for o in options if o["id"] == answers[sid])
        best = max(options, key=lambda o: o["rating"])  # first of the best, in option order
        out.append(
            {
                "scenario": sid,
                "chosen": chosen["id"],
                "rating": chosen["rating"],
                "feedback": chosen["feedback"],
                "best": best["id"],
            }
        )
    return out


def score(spec: Spec, assessment_id: str, answers: Answers) -> Result:
    """Score one set of answers against one assessment of the compiled spec.

    Args:
        spec: the compiled spec (`python -m generator export`).
        assessment_id: `role-profile` or a role id.
        answers: item id to 1..5 and scenario id to option id; unknown ids are ignored and listed.

    Returns:
        Role rows, the profile (or None), the plan's exercise ids, scenario feedback, ignored ids.

    Raises:
        KeyError: the assessment does not exist.
        AnswerError: an answer has the wrong type or is out of range.
    """
    known, ignored = check_answers(spec, assessment_id, answers)
    rows = role_results(spec, assessment_id, known)
    prof = profile(rows, spec["margin"])
    return {
        "assessment": assessment_id,
        "roles": rows,
        "profile": prof,
        "plan": plan(spec, rows, prof),
        "scenarios": scenario_feedback(spec, assessment_id, known),
        "ignored": ignored,
    }
