"""Self and others (`contracts/compare.md`, SCORING.md "Observers and the self-other comparison").

One leader's own result beside the feedback files of the people who work with them. Pure
functions over the compiled spec and file bytes, shared by `python -m generator compare` and the
tests; the browser's `static/compare.mjs` implements the same contract and agrees exactly.
Every number is an integer or an exact fraction, so the two can never round differently.
"""

from __future__ import annotations

import json
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .cohort import base_name, md_text
from .results import ResultError, ScoredResult, parse_result
from .scoring import band, item_score, profile, role_results

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

Spec = dict[str, Any]
Report = dict[str, Any]

RELATIONSHIPS = ("manager", "peer", "direct-report", "other")
RELATIONSHIP_WORDS = {
    "manager": "Managers", "peer": "Peers", "direct-report": "Direct reports", "other": "Others",
}
MIN_OBSERVERS, GAP_THRESHOLD = 3, 15
"""Defaults when the spec does not set them (SCORING.md)."""
TOP_ITEMS = 3


class CompareError(ValueError):
    """The leader's own result cannot be used; nothing can be compared."""


def settings(spec: Spec) -> tuple[int, int]:
    """`min_observers` and `gap_threshold` of the spec, or the contract's defaults."""
    return int(spec.get("min_observers", MIN_OBSERVERS)), int(spec.get("gap_threshold", GAP_THRESHOLD))


# ---- the comparison over checked answers ---------------------------------------------------


def _rated(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers that carry an item score (1..5); "na" and scenario answers have none."""
    return {k: v for k, v in answers.items() if type(v) is int}


def scores_of(spec: Spec, assessment: str, answers: dict[str, Any]) -> dict[str, int | None]:
    """Role id -> role score (or None: not enough answers), exactly as the scorer gives it."""
    return {r["role"]: r["score"] for r in role_results(spec, assessment, _rated(answers))}


def others_mean(scores: Sequence[int]) -> int:
    """The mean of the observers' role scores, rounded half up: `(2 * sum + k) // (2 * k)`."""
    k = len(scores)
    return (2 * sum(scores) + k) // (2 * k)


def status_of(gap: int | None, threshold: int) -> str | None:
    """"blind-spot" (self higher by the threshold or more), "hidden-strength", or "aligned"."""
    if gap is None:
        return None
    if gap >= threshold:
        return "blind-spot"
    if -gap >= threshold:
        return "hidden-strength"
    return "aligned"


def role_rows(
    spec: Spec, self_scores: dict[str, int | None], observer_scores: Sequence[dict[str, int | None]]
) -> list[dict[str, Any]]:
    """Per role: self score, how many observers scored it (k), others' score, gap and status."""
    minimum, threshold = settings(spec)
    rows = []
    for role in spec["role_ids"]:
        if role not in self_scores:
            continue
        mine = self_scores[role]
        theirs = [v for s in observer_scores if (v := s.get(role)) is not None]
        others = others_mean(theirs) if len(theirs) >= minimum else None
        gap = mine - others if mine is not None and others is not None else None
        rows.append({
            "role": role,
            "self": mine,
            "self_band": None if mine is None else band(mine, spec["thresholds"]),
            "k": len(theirs),
            "others": others,
            "others_band": None if others is None else band(others, spec["thresholds"]),
            "gap": gap,
            "status": status_of(gap, threshold),
        })
    return rows


def _tenths(fraction: Fraction) -> int:
    """A non-negative fraction times ten, rounded half up, as an integer."""
    return (20 * fraction.numerator + fraction.denominator) // (2 * fraction.denominator)


def item_gaps(
    spec: Spec, assessment: str, self_answers: dict[str, Any], observers: Sequence[dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """The statements where self and others differ most, each way (SCORING.md rule 4)."""
    minimum, _ = settings(spec)
    gaps = []
    for index, item_id in enumerate(spec["assessments"][assessment]["items"]):
        item = spec["items"][item_id]
        mine = self_answers.get(item_id)
        if type(mine) is not int:
            continue
        theirs = [
            item_score(o["answers"][item_id], item["reverse"])
            for o in observers if type(o["answers"].get(item_id)) is int
        ]
        if len(theirs) < minimum:
            continue
        own = item_score(mine, item["reverse"])
        mean = Fraction(sum(theirs), len(theirs))
        gap = own - mean
        others_tenths = _tenths(mean)
        gaps.append((gap, index, {
            "item": item_id,
            "role": item["role"],
            "self": own,
            "n": len(theirs),
            "others_sum": sum(theirs),
            "others_tenths": others_tenths,
            "gap_num": gap.numerator,
            "gap_den": gap.denominator,
            "gap_tenths": 10 * own - others_tenths,
        }))
    higher = sorted((g for g in gaps if g[0] >= 1), key=lambda g: (-g[0], g[1]))
    lower = sorted((g for g in gaps if g[0] <= -1), key=lambda g: (g[0], g[1]))
    return {"higher": [g[2] for g in higher[:TOP_ITEMS]], "lower": [g[2] for g in lower[:TOP_ITEMS]]}


def compare(
    spec: Spec, assessment: str, self_answers: dict[str, Any], observers: Sequence[dict[str, Any]]
) -> Report:
    """The comparison of one self result with observer results, all for `assessment`.

    Args:
        spec: the compiled spec.
        assessment: the assessment both sides answered.
        self_answers: the leader's checked answers (item id -> 1..5 or "na").
        observers: each {"answers": checked answers, "relationship": one of RELATIONSHIPS or ""}.

    Returns:
        The numbers of contracts/compare.md: roles, profiles, the three role lists, item gaps,
        groups, and how many observers counted and are still needed.
    """
    minimum, threshold = settings(spec)
    scored = [scores_of(spec, assessment, o["answers"]) for o in observers]
    mine = scores_of(spec, assessment, self_answers)
    rows = role_rows(spec, mine, scored)
    margin = spec["margin"]
    others_rows = [{"role": r["role"], "score": r["others"]} for r in rows]
    groups = []
    grouped = 0
    for rel in RELATIONSHIPS:
        members = [s for s, o in zip(scored, observers, strict=True) if o.get("relationship") == rel]
        if len(members) < minimum:
            continue
        grouped += len(members)
        groups.append({
            "relationship": rel,
            "n": len(members),
            "roles": [
                {k: r[k] for k in ("role", "k", "others", "gap", "status")}
                for r in role_rows(spec, mine, members)
            ],
        })
    count = len(observers)
    return {
        "assessment": assessment,
        "min_observers": minimum,
        "gap_threshold": threshold,
        "observers": count,
        "needed": max(0, minimum - count),
        "roles": rows,
        "self_profile": profile([{"role": r["role"], "score": r["self"]} for r in rows], margin),
        "others_profile": profile(others_rows, margin),
        "blind_spots": [r["role"] for r in rows if r["status"] == "blind-spot"],
        "hidden_strengths": [r["role"] for r in rows if r["status"] == "hidden-strength"],
        "aligned": [r["role"] for r in rows if r["status"] == "aligned"],
        "items": item_gaps(spec, assessment, self_answers, observers),
        "groups": groups,
        "ungrouped": count - grouped,
    }


# ---- from files ------------------------------------------------------------------------------


def duplicate_key(scored: ScoredResult) -> str:
    """Two feedback files are the same feedback when invite, taken_at and answers all match."""
    return json.dumps([scored.invite, scored.taken_at, sorted(scored.answers.items())])


def compare_files(
    spec: Spec,
    self_file: tuple[str, bytes],
    observer_files: Sequence[tuple[str, bytes]],
    unread: Iterable[tuple[str, str]] = (),
) -> Report:
    """The comparison of contracts/compare.md from file names and bytes.

    Observer files that cannot be used are rejected one by one, with a reason and a message;
    the rest still count.

    Raises:
        CompareError: the leader's own file cannot be read or is not a self result.
    """
    self_name = base_name(self_file[0])
    try:
        own = parse_result(self_file[1], spec, self_name)
    except ResultError as err:
        raise CompareError(f"{self_name}: {err}") from None
    if own.perspective != "self":
        raise CompareError(
            f"{self_name}: this is an observer's feedback file; give the leader's own result first"
        )
    assessment = own.assessment
    own_answers = sorted(own.answers.items())
    rejected = [{"file": base_name(path), "reason": "unreadable", "error": error} for path, error in unread]
    accepted: list[ScoredResult] = []
    seen: dict[str, str] = {}
    for path, raw in observer_files:
        name = base_name(path)

        def reject(reason: str, error: str, name: str = name) -> None:
            rejected.append({"file": name, "reason": reason, "error": error})

        try:
            scored = parse_result(raw, spec, name)
        except ResultError as err:
            reject("broken", str(err))
            continue
        if scored.perspective != "observer":
            same = scored.assessment == assessment and sorted(scored.answers.items()) == own_answers
            reject("self", "this is the leader's own result" if same else
                   "this is a self result, not an observer's feedback file")
            continue
        if scored.assessment != assessment:
            reject("assessment", f"feedback on the {scored.assessment} assessment; "
                                 f"the leader's result is for {assessment}")
            continue
        key = duplicate_key(scored)
        if key in seen:
            reject("duplicate", f"the same feedback as {seen[key]}; counted once")
            continue
        seen[key] = name
        accepted.append(scored)
    observers = [{"answers": a.answers, "relationship": a.relationship} for a in accepted]
    report = compare(spec, assessment, own.answers, observers)
    invites = sorted({a.invite for a in accepted if a.invite})
    abouts = sorted({a.about for a in accepted if a.about})
    warnings = []
    if len(invites) > 1:
        warnings.append(f"the feedback files come from {len(invites)} different invitations "
                        f"({', '.join(invites)}); check that they are all about the same person")
    if len(abouts) > 1:
        warnings.append(f"the feedback files name {len(abouts)} different people "
                        f"({', '.join(abouts)}); check that they are all about the same person")
    return {
        **report,
        "self": {"file": self_name, "name": own.name, "taken_at": own.taken_at,
                 "warnings": list(own.warnings)},
        "about": abouts[0] if len(abouts) == 1 else "",
        "invites": invites,
        "accepted": [{"file": a.source, "warnings": list(a.warnings)} for a in accepted],
        "rejected": rejected,
        "warnings": warnings,
    }


# ---- Markdown ---------------------------------------------------------------------------------

STATUS_WORDS = {"blind-spot": "blind spot", "hidden-strength": "hidden strength", "aligned": "aligned"}


def _num(value: int | None) -> str:
    return "—" if value is None else str(value)


MINUS = "\u2212"  # a typographic minus sign, as the page shows it


def _signed(value: int | None) -> str:
    if value is None:
        return "—"
    return f"+{value}" if value > 0 else (f"{MINUS}{-value}" if value < 0 else "0")


def _tenths_text(tenths: int, signed: bool = False) -> str:
    sign = ("+" if tenths > 0 else MINUS if tenths < 0 else "") if signed else ""
    t = abs(tenths)
    return f"{sign}{t // 10}.{t % 10}"


def _names(spec: Spec, roles: Sequence[str]) -> str:
    names = {r["id"]: r["name"] for r in spec["roles"]}
    return ", ".join(names[r] for r in roles) or "—"


def to_markdown(spec: Spec, report: Report) -> str:
    """The comparison as Markdown, for a terminal or the coach's notes."""
    names = {r["id"]: r["name"] for r in spec["roles"]}
    who = md_text(report["self"]["name"] or report["about"]) or md_text(report["self"]["file"])
    count, minimum = report["observers"], report["min_observers"]
    lines = [f"# Self and others: {who}", "",
             f"{count} feedback file{'' if count == 1 else 's'} counted; "
             f"others' scores need at least {minimum} observers."]
    if report["needed"]:
        lines += ["", f"Nothing from the observers is shown yet: {report['needed']} more "
                      f"feedback file{'' if report['needed'] == 1 else 's'} needed."]
    else:
        lines += ["", "| Role | Self | Others | Observers | Gap | Reading |",
                  "|---|---:|---:|---:|---:|---|"]
        for r in report["roles"]:
            reading = STATUS_WORDS.get(r["status"] or "", "")
            if r["others"] is None:
                reading = "too few observers"
            elif r["self"] is None:
                reading = "too few answers of your own"
            lines.append(f"| {names[r['role']]} | {_num(r['self'])} | {_num(r['others'])} | {r['k']} "
                         f"| {_signed(r['gap'])} | {reading} |")
        lines += ["", f"- Blind spots (you rate yourself {report['gap_threshold']} or more points "
                      f"higher): {_names(spec, report['blind_spots'])}",
                  f"- Hidden strengths (others rate you {report['gap_threshold']} or more points "
                  f"higher): {_names(spec, report['hidden_strengths'])}",
                  f"- Aligned: {_names(spec, report['aligned'])}"]
        own, theirs = report["self_profile"], report["others_profile"]
        lines += ["", "## Lead roles", "",
                  f"- As you see yourself: {_names(spec, own['lead']) if own else '—'}",
                  f"- As others see you: {_names(spec, theirs['lead']) if theirs else '—'}"]
        for key, title in (("higher", "You rate yourself higher than others do"),
                           ("lower", "Others rate you higher than you do")):
            lines += ["", f"## {title}", ""]
            entries = report["items"][key]
            if not entries:
                lines.append("No statement differs by a whole point or more.")
            for e in entries:
                others = _tenths_text(e["others_tenths"])
                lines.append(f"- {md_text(spec['items'][e['item']]['text'])} (you {e['self']}; "
                             f"others {others}, from {e['n']} observers; "
                             f"gap {_tenths_text(e['gap_tenths'], True)})")
        if report["groups"]:
            lines += ["", "## By relationship", ""]
            for g in report["groups"]:
                cells = ", ".join(f"{names[r['role']]} {_num(r['others'])}" for r in g["roles"])
                lines.append(f"- {RELATIONSHIP_WORDS[g['relationship']]} ({g['n']}): {cells}")
    if report["rejected"]:
        lines += ["", "## Files left out", ""]
        lines += [f"- {md_text(r['file'])}: {md_text(r['error'])}" for r in report["rejected"]]
    warned = [(report["self"]["file"], w) for w in report["self"]["warnings"]]
    warned += [(a["file"], w) for a in report["accepted"] for w in a["warnings"]]
    if warned or report["warnings"]:
        lines += ["", "## Warnings", ""]
        lines += [f"- {md_text(f)}: {md_text(w)}" for f, w in warned]
        lines += [f"- {md_text(w)}" for w in report["warnings"]]
    lines += ["", "Ratings from others are how these people see your habits, not a test with norms. "
                  "No observer's own ratings are shown."]
    return "\n".join(lines)
