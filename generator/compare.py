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
from .i18n import DEFAULT, Catalogue, catalogue, join_list
from .results import ResultError, ScoredResult, parse_result
from .scoring import band, item_score, profile, role_results

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

Spec = dict[str, Any]
Report = dict[str, Any]

RELATIONSHIPS = ("manager", "peer", "direct-report", "other")
MIN_OBSERVERS, GAP_THRESHOLD = 3, 15
"""Defaults when the spec does not set them (SCORING.md)."""
TOP_ITEMS = 3


class CompareError(ValueError):
    """The leader's own result cannot be used; nothing can be compared."""


def words(spec: Spec) -> Catalogue:
    """The messages of the spec's language."""
    return catalogue(spec.get("lang", DEFAULT))


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
    t = words(spec).t
    lang = spec.get("lang", DEFAULT)
    self_name = base_name(self_file[0])
    try:
        own = parse_result(self_file[1], spec, self_name)
    except ResultError as err:
        raise CompareError(f"{self_name}: {err}") from None
    if own.perspective != "self":
        raise CompareError(f"{self_name}: {t('compare.self_is_observer')}")
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
            reject("self", t("compare.rejected.own") if same else t("compare.rejected.self"))
            continue
        if scored.assessment != assessment:
            reject("assessment", t("compare.rejected.assessment", other=scored.assessment,
                                   assessment=assessment))
            continue
        key = duplicate_key(scored)
        if key in seen:
            reject("duplicate", t("compare.rejected.duplicate", first=seen[key]))
            continue
        seen[key] = name
        accepted.append(scored)
    observers = [{"answers": a.answers, "relationship": a.relationship} for a in accepted]
    report = compare(spec, assessment, own.answers, observers)
    invites = sorted({a.invite for a in accepted if a.invite})
    abouts = sorted({a.about for a in accepted if a.about})
    warnings = []
    if len(invites) > 1:
        warnings.append(t("compare.warning.invites", count=len(invites), list=join_list(lang, invites)))
    if len(abouts) > 1:
        warnings.append(t("compare.warning.abouts", count=len(abouts), list=join_list(lang, abouts)))
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


def _num(value: int | None) -> str:
    return "—" if value is None else str(value)


MINUS = "\u2212"  # a typographic minus sign, as the page shows it


def _signed(value: int | None) -> str:
    if value is None:
        return "—"
    return f"+{value}" if value > 0 else (f"{MINUS}{-value}" if value < 0 else "0")


def _tenths_text(lang: str, tenths: int, signed: bool = False) -> str:
    """A number of tenths with one decimal, as `Intl.NumberFormat(lang)` writes it ("3.4", "3,4")."""
    sign = ("+" if tenths > 0 else MINUS if tenths < 0 else "") if signed else ""
    t = abs(tenths)
    point = "," if lang.split("-", maxsplit=1)[0] == "es" else "."
    return f"{sign}{t // 10}{point}{t % 10}"


def _names(spec: Spec, roles: Sequence[str]) -> str:
    names = {r["id"]: r["name"] for r in spec["roles"]}
    return join_list(spec.get("lang", DEFAULT), [names[r] for r in roles]) or "—"


def to_markdown(spec: Spec, report: Report) -> str:
    """The comparison as Markdown, for a terminal or the coach's notes, in the spec's language."""
    t = words(spec).t
    lang = spec.get("lang", DEFAULT)
    names = {r["id"]: r["name"] for r in spec["roles"]}
    who = md_text(report["self"]["name"] or report["about"]) or md_text(report["self"]["file"])
    count, minimum = report["observers"], report["min_observers"]
    lines = [f"# {t('compare.md.title', who=who)}", "", t("compare.md.counted", count=count, min=minimum)]
    if report["needed"]:
        lines += ["", t("compare.md.too_few", count=report["needed"])]
    else:
        lines += ["", t("compare.md.head"), "|---|---:|---:|---:|---:|---|"]
        for r in report["roles"]:
            reading = t("compare.md.reading." + r["status"]) if r["status"] else ""
            if r["others"] is None:
                reading = t("compare.md.reading.few")
            elif r["self"] is None:
                reading = t("compare.md.reading.unscored")
            lines.append(f"| {names[r['role']]} | {_num(r['self'])} | {_num(r['others'])} | {r['k']} "
                         f"| {_signed(r['gap'])} | {reading} |")
        gap = report["gap_threshold"]
        lines += ["", "- " + t("compare.md.blind", gap=gap, roles=_names(spec, report["blind_spots"])),
                  "- " + t("compare.md.hidden", gap=gap, roles=_names(spec, report["hidden_strengths"])),
                  "- " + t("compare.md.aligned", roles=_names(spec, report["aligned"]))]
        own, theirs = report["self_profile"], report["others_profile"]
        lines += ["", f"## {t('compare.md.leads')}", "",
                  "- " + t("compare.md.lead_self", roles=_names(spec, own["lead"]) if own else "—"),
                  "- " + t("compare.md.lead_others", roles=_names(spec, theirs["lead"]) if theirs else "—")]
        for key, title in (("higher", t("compare.md.higher")), ("lower", t("compare.md.lower"))):
            lines += ["", f"## {title}", ""]
            entries = report["items"][key]
            if not entries:
                lines.append(t("compare.md.no_item"))
            for e in entries:
                lines.append("- " + t(
                    "compare.md.item", count=e["n"], text=md_text(spec["items"][e["item"]]["text"]),
                    self=e["self"], others=_tenths_text(lang, e["others_tenths"]),
                    gap=_tenths_text(lang, e["gap_tenths"], True),
                ))
        if report["groups"]:
            lines += ["", f"## {t('compare.md.groups')}", ""]
            for g in report["groups"]:
                cells = ", ".join(f"{names[r['role']]} {_num(r['others'])}" for r in g["roles"])
                lines.append(f"- {t('relationship_group.' + g['relationship'])} ({g['n']}): {cells}")
    if report["rejected"]:
        lines += ["", f"## {t('compare.md.rejected')}", ""]
        lines += [f"- {md_text(r['file'])}: {md_text(r['error'])}" for r in report["rejected"]]
    warned = [(report["self"]["file"], w) for w in report["self"]["warnings"]]
    warned += [(a["file"], w) for a in report["accepted"] for w in a["warnings"]]
    if warned or report["warnings"]:
        lines += ["", f"## {t('compare.md.warnings')}", ""]
        lines += [f"- {md_text(f)}: {md_text(w)}" for f, w in warned]
        lines += [f"- {md_text(w)}" for w in report["warnings"]]
    lines += ["", t("compare.md.footer")]
    return "\n".join(lines)
