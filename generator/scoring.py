"""The scoring contract of `SCORING.md`, as pure functions over the compiled spec.

The browser scorer (`static/scoring.mjs`) implements the same functions over the same JSON; the
two are tested against shared golden cases and generated ones, compared exactly. All arithmetic
is in integers, so no floating-point rounding can make them disagree.
"""

from __future__ import annotations

from typing import Any

from .i18n import catalogue

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


NA = "na"
"""The Likert answer for "did not come up" (self) or "not seen" (observer): no item score."""

MAX_SAFE = 2**53 - 1


def describe(value: Any, lang: str = "en") -> str:
    """A bad answer as both scorers print it: safe integers as digits, anything else by kind
    (in words of `lang`'s catalogue, `error.value.*`)."""
    kind = _kind(value)
    return catalogue(lang).t("error.value." + kind) if kind in VALUE_KINDS else kind


VALUE_KINDS = ("out_of_range", "fraction", "text", "list", "object")


def _kind(value: Any) -> str:  # noqa: PLR0911 - one answer per JSON type
    """The digits of a safe integer, null/true/false, or one of VALUE_KINDS."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and abs(value) <= MAX_SAFE:
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) <= MAX_SAFE:
        return str(int(value))
    if isinstance(value, int | float):
        return "out_of_range" if isinstance(value, int) or value.is_integer() else "fraction"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    return "object"


def whole(value: Any) -> Any:
    """JSON has one number type: `3.0` is 3, as a browser reads it. Other values stay as they are."""
    if type(value) is float and value.is_integer() and abs(value) <= MAX_SAFE:
        return int(value)
    return value


def check_answers(spec: Spec, assessment_id: str, answers: Answers) -> tuple[Answers, list[str]]:
    """Split answers into the ones this assessment scores and the ids it does not know.

    Args:
        spec: the compiled spec.
        assessment_id: which assessment the answers belong to.
        answers: item id to 1..5 or "na", scenario id to an option id.

    Returns:
        The known answers, and the ids that were ignored because the assessment lacks them,
        sorted by code point.

    Raises:
        AnswerError: on a value of the wrong type or out of range, naming the item.
    """
    assessment = spec["assessments"][assessment_id]
    lang = spec.get("lang", "en")
    t = catalogue(lang).t
    items, scenarios = set(assessment["items"]), set(assessment["scenarios"])
    known: Answers = {}
    ignored = []
    for key, raw in answers.items():
        value = whole(raw)
        if key in items:
            if value != NA and (type(value) is not int or not 1 <= value <= 5):
                raise AnswerError(t("error.answer.likert", item=key, value=describe(value, lang)))
            known[key] = value
        elif key in scenarios:
            options = [o["id"] for o in spec["scenarios"][key]["options"]]
            if value not in options or not isinstance(value, str):
                raise AnswerError(
                    t("error.answer.scenario", item=key, options=", ".join(options),
                      value=describe(value, lang))
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
        tally = totals.setdefault(item["role"], [0, 0, 0, 0])  # N, n, S, na
        tally[0] += 1
        if answers.get(item_id) == NA:
            tally[3] += 1
        elif item_id in answers:
            tally[1] += 1
            tally[2] += item_score(answers[item_id], item["reverse"])
    rows = []
    for role in spec["role_ids"]:
        if role not in totals:
            continue
        total, answered, summed, na = totals[role]
        score = role_score(summed, answered) if enough(answered, total) else None
        rows.append(
            {
                "role": role,
                "answered": answered,
                "na": na,
                "total": total,
                "score": score,
                "band": None if score is None else band(score, spec["thresholds"]),
            }
        )
    return rows


def profile(rows: list[dict[str, Any]], margin: int) -> dict[str, Any] | None:
    """Lead roles, growth edge and kind, for two or more scored roles; otherwise None.

    `rows` come in canonical role order, which breaks every tie.
    """
    scored = [r for r in rows if r["score"] is not None]
    if len(scored) < 2:
        return None
    ranked = sorted(scored, key=lambda r: -r["score"])  # stable: ties stay in canonical order
    top, bottom = ranked[0]["score"], ranked[-1]["score"]
    lead = [r["role"] for r in scored if top - r["score"] < margin]
    if len(lead) == len(scored):
        return {"kind": "balanced", "lead": lead, "growth_edge": []}
    edge = [r["role"] for r in scored if r["role"] not in lead and r["score"] - bottom < margin]
    return {"kind": "primary" if len(lead) == 1 else "blended", "lead": lead, "growth_edge": edge}


def plan(spec: Spec, rows: list[dict[str, Any]], prof: dict[str, Any] | None) -> list[str]:
    """The practice plan: growth-edge exercises, then lead-role ones, cut to leave the starter
    slots; then starting practices until the plan is full. No repeats."""
    bands = {r["role"]: r["band"] for r in rows if r["band"] is not None}
    order = prof["growth_edge"] + prof["lead"] if prof else [r["role"] for r in rows if r["band"]]
    role_part = [
        ex["id"]
        for role in order
        for ex in spec["exercises"]
        if ex["role"] == role and bands[role] in ex["bands"]
    ]
    chosen = list(dict.fromkeys(role_part))[: spec["plan_length"] - spec["starter_slots"]]
    for ex in spec["exercises"]:
        if len(chosen) >= spec["plan_length"]:
            break
        if ex["role"] == "starter" and ex["id"] not in chosen:
            chosen.append(ex["id"])
    return chosen


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
        answers: item id to 1..5 or "na", scenario id to option id; unknown ids are ignored
            and listed.

    Returns:
        Role rows, the profile (or None), the plan's exercise ids, scenario feedback, ignored ids.

    Raises:
        AnswerError: the assessment does not exist, or an answer has the wrong type or is out
            of range.
    """
    if assessment_id not in spec["assessments"]:
        t = catalogue(spec.get("lang", "en")).t
        raise AnswerError(t("error.answer.assessment", assessment=assessment_id))
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
