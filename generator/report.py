"""Plain-text rendering of a scored result for the terminal (`python -m generator score`).

The same report the results page shows: scores, what the lead role or blend means for this
leader, strengths (and overuse risks when strong), why each growth-edge role matters with a
question for a coach, why a role is not scored, the plan and the scenario feedback. Every role
text comes from the banks; every fixed sentence from the message catalogue, under the keys the
results page uses (`results.*`, `band.*`), and `report.*` for what only the terminal shows.
"""

from __future__ import annotations

import math
import textwrap
from typing import TYPE_CHECKING, Any

from .i18n import catalogue, join_list

if TYPE_CHECKING:
    from collections.abc import Callable

    from .results import ScoredResult

WIDTH = 88


def _t(spec: dict[str, Any]) -> Callable[..., str]:
    """The message function of the spec's language: the page's catalogue keys, so the report and
    the results page say the same things in the same words."""
    return catalogue(spec.get("lang", "en")).t


def role_names(spec: dict[str, Any]) -> dict[str, str]:
    """Role id to display name, with the starter practices named too."""
    t = _t(spec)
    return {r["id"]: r["name"] for r in spec["roles"]} | {"starter": t("results.starter_role")}


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


def _band_text(t: Callable[..., str], row: dict[str, Any]) -> str:
    if row["band"]:
        return t("band." + row["band"]).lower()
    return (t("results.not_scored") if unscored_reason(row) == "na" else t("results.not_enough")).lower()


def _answered_text(t: Callable[..., str], row: dict[str, Any]) -> str:
    na = row.get("na", 0)
    if na:
        return t("report.answered_na", count=na, n=row["answered"], total=row["total"])
    return t("report.answered", n=row["answered"], total=row["total"])


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
    t = _t(spec)
    roles = {r["id"]: r for r in spec["roles"]}
    bands = {r["role"]: r["band"] for r in result["roles"]}
    kind, lead, edge = report_roles(result)
    lines: list[str] = []
    if kind and lead:
        lines += ["", t("results.lead_heading." + kind)]
        if kind in ("blended", "balanced"):
            lines += _para(t("results.lead_intro." + kind))
        for rid in lead:
            role = roles[rid]
            lines += ["", f"  {role['name']}"]
            if role.get("lead_meaning"):
                lines += _para(role["lead_meaning"], "    ")
            if role.get("strengths"):
                lines += ["    " + t("report.label", label=t("results.strengths")),
                          *_bullets(role["strengths"], "      ")]
            if bands.get(rid) == "strong" and role.get("overuse_risks"):
                lines += ["    " + t("report.label", label=t("results.overuse")),
                          *_bullets(role["overuse_risks"], "      ")]
    if edge:
        lines += ["", t("report.edge_heading")]
        for rid in edge:
            role = roles[rid]
            lines += ["", f"  {role['name']}"]
            if role.get("growth_meaning"):
                lines += _para(role["growth_meaning"], "    ")
            if role.get("coach_question"):
                lines += _para(t("results.question") + " " + role["coach_question"], "    ")
    unscored = [r for r in result["roles"] if unscored_reason(r)]
    if unscored:
        lines += ["", t("results.not_scored")]
        for row in unscored:
            params = {"name": roles[row["role"]]["name"], "n": row["answered"], "na": row.get("na", 0),
                      "total": row["total"], "need": need(row)}
            na_reason = unscored_reason(row) == "na"
            text = (t("results.unscored_na", **params) if na_reason
                    else t("results.unscored_skipped", **params))
            lines += _para(text)
    return lines


def render_score(spec: dict[str, Any], scored: ScoredResult) -> str:
    """The profile of one result as readable text: scores, bands, profile, report, plan, feedback."""
    t = _t(spec)
    lang = spec.get("lang", "en")
    names = role_names(spec)
    result = scored.result
    assessment = spec["assessments"][scored.assessment]
    head = assessment["title"]
    who = " — ".join(x for x in (scored.name, scored.taken_at) if x)
    lines = [head + (f" ({who})" if who else ""), ""]
    header = (t("results.role"), t("results.score"), t("results.band"), t("results.answered"))
    rows = [(names[row["role"]], "—" if row["score"] is None else str(row["score"]),
             _band_text(t, row), _answered_text(t, row)) for row in result["roles"]]
    # Columns as wide as their longest text in this language, names left, scores right.
    w_name, w_score, w_band = (max(len(r[i]) for r in [header, *rows]) for i in range(3))
    for name, score, band, answered in [header, *rows]:
        lines.append(f"{name:<{w_name}}  {score:>{w_score}}  {band:<{w_band}}  {answered}")
    prof = result["profile"]
    if prof:
        lines += ["", t("report.profile", kind=t("report.profile_kind." + prof["kind"]))]
        lines.append(t("report.lead_roles", roles=join_list(lang, [names[r] for r in prof["lead"]])))
        if prof["growth_edge"]:
            edge = join_list(lang, [names[r] for r in prof["growth_edge"]])
            lines.append(t("report.growth_edge", roles=edge))
    lines += render_report(spec, result)
    exercises = {ex["id"]: ex for ex in spec["exercises"]}
    if result["plan"]:
        lines += ["", t("report.plan")]
        for n, ex_id in enumerate(result["plan"], 1):
            ex = exercises[ex_id]
            minutes = t("results.minutes", count=ex["minutes"])
            line = t("report.exercise", n=n, title=ex["title"], minutes=minutes, role=names[ex["role"]])
            lines.append("  " + line)
    if result["scenarios"]:
        lines += ["", t("report.scenarios")]
        for fb in result["scenarios"]:
            chose_best = fb["chosen"] == fb["best"]
            best = t("report.best_chosen") if chose_best else t("report.best_other", best=fb["best"])
            lines.append("  " + t("report.scenario", scenario=fb["scenario"], chosen=fb["chosen"],
                                  rating=fb["rating"], max=4, best=best))
            lines += textwrap.wrap(fb["feedback"], WIDTH, initial_indent="    ",
                                   subsequent_indent="    ")
    lines += ["", t("report.honest")]
    return "\n".join(lines)
