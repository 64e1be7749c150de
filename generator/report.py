"""Plain-text rendering of a scored result for the terminal (`python -m generator score`)."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .results import ScoredResult

PROFILE_WORDS = {
    "primary": "one lead role",
    "blended": "a blend of lead roles",
    "balanced": "balanced: every role within the margin of the top score",
}


def role_names(spec: dict[str, Any]) -> dict[str, str]:
    """Role id to display name, with the starter practices named too."""
    return {r["id"]: r["name"] for r in spec["roles"]} | {"starter": "Starting practice"}


def render_score(spec: dict[str, Any], scored: ScoredResult) -> str:
    """The profile of one result as readable text: scores, bands, profile, plan, feedback."""
    names = role_names(spec)
    result = scored.result
    assessment = spec["assessments"][scored.assessment]
    head = assessment["title"]
    who = " — ".join(x for x in (scored.name, scored.taken_at) if x)
    lines = [head + (f" ({who})" if who else ""), ""]
    lines.append(f"{'Role':<24}{'Score':>6}  {'Band':<11}Answered")
    for row in result["roles"]:
        score = "—" if row["score"] is None else str(row["score"])
        band = row["band"] or "not enough answers"
        lines.append(
            f"{names[row['role']]:<24}{score:>6}  {band:<11}{row['answered']}/{row['total']}"
        )
    prof = result["profile"]
    if prof:
        lines += ["", f"Profile: {PROFILE_WORDS[prof['kind']]}"]
        lines.append("Lead role(s): " + ", ".join(names[r] for r in prof["lead"]))
        if prof["growth_edge"]:
            lines.append("Growth edge: " + ", ".join(names[r] for r in prof["growth_edge"]))
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
            lines += textwrap.wrap(fb["feedback"], 88, initial_indent="    ",
                                   subsequent_indent="    ")
    lines += ["", "Self-report: a picture of how you see your own habits, not a test with norms."]
    return "\n".join(lines)
