"""Plain-text rendering of a scored result for the terminal (`python -m generator score`).

The same report the results page shows: scores, what the lead role or blend means for this
leader, strengths (and overuse risks when strong), why each growth-edge role matters with a
question for a coach, why a role is not scored, the plan and the scenario feedback. Every role
text comes from the banks; the few fixed sentences are kept together below (LEAD_HEADING, LEAD_INTRO, TEXT).
"""

from __future__ import annotations

import math
import textwrap
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .results import ScoredResult

WIDTH = 88

PROFILE_WORDS = {
    "primary": "one lead role",
    "blended": "a blend of lead roles",
    "balanced": "balanced: every role within the margin of the top score",
}

LEAD_HEADING = {
    "primary": "What your lead role means",
    "blended": "What your blend means",
    "balanced": "What a balanced profile means",
    "single": "What this means for you",
}
LEAD_INTRO = {
    "blended": "A blend means no single role defines how you add value: you move between these "
               "as the work asks, and that range is a strength. The risk is that under pressure "
               "you fall back on whichever feels most natural, not the one the moment needs.",
    "balanced": "You draw on every role about equally. That gives you range; the useful question "
                "is less which role to grow than which one each situation calls for, and whether "
                "you notice when you switch.",
}
TEXT = {
    "strengths": "Strengths you can build on:",
    "overuse": "Your band here is strong: watch for overuse:",
    "edge-heading": "Why your growth edge matters",
    "question": "A question to take to your coach: ",
    "not-scored-heading": "Not scored",
    "unscored-na": "{name} is not scored: this did not come up often enough ({na} of its {total} "
                   "statements did not come up in the last three months). That says nothing about "
                   "how good you are at it.",
    "unscored-skipped": "{name} is not scored: too few of its statements were answered ({n} of "
                        "{total}; a score needs at least {need}).",
    "honest": "Self-report: a picture of how you see your own habits, not a test with norms.",
}


def role_names(spec: dict[str, Any]) -> dict[str, str]:
    """Role id to display name, with the starter practices named too."""
    return {r["id"]: r["name"] for r in spec["roles"]} | {"starter": "Starting practice"}


def need(row: dict[str, Any]) -> int:
    """Answers (1..5, not "na") a role needs to be scored: the 80% rule."""
    return math.ceil(4 * int(row["total"]) / 5)


def unscored_reason(row: dict[str, Any]) -> str | None:
    """None when scored; "na" when even its skipped statements could not have scored it."""
    if row["score"] is not None:
        return None
    na = row.get("na", 0)
    skipped = row["total"] - row["answered"] - na
    return "na" if na and skipped < need(row) - row["answered"] else "skipped"


def _para(text: str, indent: str = "  ") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def _bullets(items: list[str] | None, indent: str = "    ") -> list[str]:
    out: list[str] = []
    for item in items or []:
        out += textwrap.wrap(item, WIDTH, initial_indent=indent + "- ",
                             subsequent_indent=indent + "  ")
    return out


def _band_text(row: dict[str, Any]) -> str:
    if row["band"]:
        return str(row["band"])
    return "not scored" if unscored_reason(row) == "na" else "not enough answers"


def _answered_text(row: dict[str, Any]) -> str:
    text = f"{row['answered']}/{row['total']}"
    na = row.get("na", 0)
    return f"{text} ({na} did not come up)" if na else text


def report_roles(result: dict[str, Any]) -> tuple[str | None, list[str], list[str]]:
    """The kind of report, its lead roles and its growth-edge roles, as the results page picks them.

    A profile gives its own; a single scored role reads as a strength when strong, as room to
    grow otherwise.
    """
    prof = result["profile"]
    if prof:
        return prof["kind"], list(prof["lead"]), list(prof["growth_edge"])
    scored = [r for r in result["roles"] if r["score"] is not None]
    if len(scored) != 1:
        return None, [], []
    row = scored[0]
    if row["band"] == "strong":
        return "single", [row["role"]], []
    return "single", [], [row["role"]]


def render_report(spec: dict[str, Any], result: dict[str, Any]) -> list[str]:
    """The report's lines: lead roles and their meaning, growth edge, roles not scored."""
    roles = {r["id"]: r for r in spec["roles"]}
    bands = {r["role"]: r["band"] for r in result["roles"]}
    kind, lead, edge = report_roles(result)
    lines: list[str] = []
    if kind and lead:
        lines += ["", LEAD_HEADING[kind]]
        if kind in LEAD_INTRO:
            lines += _para(LEAD_INTRO[kind])
        for rid in lead:
            role = roles[rid]
            lines += ["", f"  {role['name']}"]
            if role.get("lead_meaning"):
                lines += _para(role["lead_meaning"], "    ")
            if role.get("strengths"):
                lines += ["    " + TEXT["strengths"], *_bullets(role["strengths"], "      ")]
            if bands.get(rid) == "strong" and role.get("overuse_risks"):
                lines += ["    " + TEXT["overuse"], *_bullets(role["overuse_risks"], "      ")]
    if edge:
        lines += ["", TEXT["edge-heading"]]
        for rid in edge:
            role = roles[rid]
            lines += ["", f"  {role['name']}"]
            if role.get("growth_meaning"):
                lines += _para(role["growth_meaning"], "    ")
            if role.get("coach_question"):
                lines += _para(TEXT["question"] + role["coach_question"], "    ")
    unscored = [r for r in result["roles"] if unscored_reason(r)]
    if unscored:
        lines += ["", TEXT["not-scored-heading"]]
        for row in unscored:
            text = TEXT[f"unscored-{unscored_reason(row)}"].format(
                name=roles[row["role"]]["name"], n=row["answered"], na=row.get("na", 0),
                total=row["total"], need=need(row))
            lines += _para(text)
    return lines


def render_score(spec: dict[str, Any], scored: ScoredResult) -> str:
    """The profile of one result as readable text: scores, bands, profile, report, plan, feedback."""
    names = role_names(spec)
    result = scored.result
    assessment = spec["assessments"][scored.assessment]
    head = assessment["title"]
    who = " — ".join(x for x in (scored.name, scored.taken_at) if x)
    lines = [head + (f" ({who})" if who else ""), ""]
    lines.append(f"{'Role':<24}{'Score':>6}  {'Band':<19}Answered")
    for row in result["roles"]:
        score = "—" if row["score"] is None else str(row["score"])
        lines.append(f"{names[row['role']]:<24}{score:>6}  {_band_text(row):<19}{_answered_text(row)}")
    prof = result["profile"]
    if prof:
        lines += ["", f"Profile: {PROFILE_WORDS[prof['kind']]}"]
        lines.append("Lead role(s): " + ", ".join(names[r] for r in prof["lead"]))
        if prof["growth_edge"]:
            lines.append("Growth edge: " + ", ".join(names[r] for r in prof["growth_edge"]))
    lines += render_report(spec, result)
    exercises = {ex["id"]: ex for ex in spec["exercises"]}
    if result["plan"]:
        lines += ["", "Practice plan:"]
        for n, ex_id in enumerate(result["plan"], 1):
            ex = exercises[ex_id]
            lines.append(f"  {n}. {ex['title']} ({ex['minutes']} min; {names[ex['role']]})")
    if result["scenarios"]:
        lines += ["", "Scenario feedback:"]
        for fb in result["scenarios"]:
            best = "the most effective choice" if fb["chosen"] == fb["best"] else (
                f"most effective: {fb['best']}")
            lines.append(f"  {fb['scenario']}: you chose {fb['chosen']} "
                         f"(rated {fb['rating']} of 4; {best})")
            lines += textwrap.wrap(fb["feedback"], WIDTH, initial_indent="    ",
                                   subsequent_indent="    ")
    lines += ["", TEXT["honest"]]
    return "\n".join(lines)
