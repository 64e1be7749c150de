"""Item and scale statistics over many role-profile results (`python -m generator analyze`).

For the authors of the banks, once pilot data comes in: how consistent each role scale is
(Cronbach's alpha), which statements pull their weight (corrected item-total correlation,
alpha if the item were deleted), how the five role scores relate, how often each statement
is skipped, and which results look careless (every answer the same).

Plain Python on purpose: the answers are integers, so every sum of squares below is an exact
integer and alpha is an exact fraction; only correlations take a square root at the end.
Degenerate data (too few complete cases, no variance) gives None and a note, never an error.
"""

from __future__ import annotations

import math
from collections import Counter
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .cohort import base_name, md_text
from .compile import PROFILE
from .i18n import DEFAULT, catalogue
from .results import ResultError, ScoredResult, parse_result
from .scoring import NA, item_score

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    Translate = Callable[..., str]

Spec = dict[str, Any]
Report = dict[str, Any]

MIN_CASES = 3
"""Fewer complete cases than this and a statistic is not computed (two points always correlate)."""
FEW_RESULTS = 30
"""Below this many results the report warns that its numbers mean little."""


# ---- statistics on integer data -------------------------------------------------------------


def _ss(xs: Sequence[int]) -> int:
    """n times the sum of squared deviations: n(n-1) times the sample variance, exactly."""
    return len(xs) * sum(x * x for x in xs) - sum(xs) ** 2


def _sp(xs: Sequence[int], ys: Sequence[int]) -> int:
    """n times the sum of cross-products of deviations: n(n-1) times the sample covariance."""
    return len(xs) * sum(x * y for x, y in zip(xs, ys, strict=True)) - sum(xs) * sum(ys)


def pearson(xs: Sequence[int], ys: Sequence[int]) -> tuple[float | None, str | None]:
    """Pearson's r of two paired integer series, or None and why it is undefined."""
    if len(xs) < MIN_CASES:
        return None, f"{len(xs)} paired case(s); at least {MIN_CASES} are needed"
    sxx, syy = _ss(xs), _ss(ys)
    if sxx == 0 or syy == 0:
        return None, "no variance: every case has the same value"
    r = _sp(xs, ys) / math.sqrt(sxx * syy)
    return max(-1.0, min(1.0, r)), None


def cronbach_alpha(rows: Sequence[Sequence[int]]) -> tuple[float | None, str | None]:
    """Cronbach's alpha of complete cases (one row per person, one column per item).

    `alpha = k / (k - 1) * (1 - sum of item variances / variance of the total)`; the n(n-1)
    of each variance cancels, so this is computed as an exact fraction of integers.

    Returns:
        alpha (which may be negative), or None and a note saying why it is undefined.
    """
    if len(rows) < MIN_CASES:
        return None, f"{len(rows)} complete case(s); at least {MIN_CASES} are needed"
    k = len(rows[0])
    if k < 2:
        return None, "alpha needs at least two items"
    total_ss = _ss([sum(r) for r in rows])
    if total_ss == 0:
        return None, "no variance: every complete case has the same total"
    item_ss = sum(_ss([r[i] for r in rows]) for i in range(k))
    alpha = Fraction(k, k - 1) * (1 - Fraction(item_ss, total_ss))
    note = "negative: the items disagree; check reverse keying" if alpha < 0 else None
    return float(alpha), note


def item_stats(rows: Sequence[Sequence[int]], i: int) -> dict[str, Any]:
    """Corrected item-total r (item against the sum of the other items) and alpha if deleted."""
    item = [r[i] for r in rows]
    rest = [sum(r) - r[i] for r in rows]
    notes = []
    r, note = pearson(item, rest)
    if note:
        notes.append(f"item-total: {note}")
    alpha, note = cronbach_alpha([[*row[:i], *row[i + 1 :]] for row in rows])
    if note:
        notes.append(f"alpha if deleted: {note}")
    return {"item_total": r, "alpha_if_deleted": alpha, "notes": notes}


# ---- the report -----------------------------------------------------------------------------


def likert_answers(spec: Spec, scored: ScoredResult) -> dict[str, int]:
    """The result's 1..5 answers to the assessment's Likert items; "na" answers are left out, as
    scoring leaves them out (parse_result checked the values)."""
    items = spec["assessments"][scored.assessment]["items"]
    return {i: scored.answers[i] for i in items if i in scored.answers and scored.answers[i] != NA}


def scenario_choices(spec: Spec, results: Sequence[ScoredResult]) -> list[dict[str, Any]]:
    """How often each option of each profile scenario was chosen, with its rating.

    A best option almost everyone picks teaches little; one almost nobody picks may be
    mis-rated or badly worded. Authors read this beside the ratings.
    """
    out = []
    for sid in spec["assessments"][PROFILE]["scenarios"]:
        chosen = Counter(s.answers[sid] for s in results if sid in s.answers)
        answered = sum(chosen.values())
        out.append({
            "scenario": sid,
            "answered": answered,
            "options": [
                {"id": o["id"], "rating": o["rating"], "chosen": chosen[o["id"]],
                 "share": chosen[o["id"]] / answered if answered else None}
                for o in spec["scenarios"][sid]["options"]
            ],
        })
    return out


def scale(spec: Spec, role: str, people: Sequence[dict[str, int]]) -> dict[str, Any]:
    """Alpha and per-item statistics of one role's scale, listwise over its items."""
    items = [i for i in spec["assessments"][PROFILE]["items"] if spec["items"][i]["role"] == role]
    reverse = [spec["items"][i]["reverse"] for i in items]
    scored = [
        [item_score(p[i], rev) for i, rev in zip(items, reverse, strict=True)]
        for p in people
        if all(i in p for i in items)
    ]
    alpha, note = cronbach_alpha(scored) if items else (None, "no items")
    stats = []
    for n, (item_id, rev) in enumerate(zip(items, reverse, strict=True)):
        answered = [item_score(p[item_id], rev) for p in people if item_id in p]
        row: dict[str, Any] = {
            "id": item_id,
            "reverse": rev,
            "answered": len(answered),
            "mean": float(Fraction(sum(answered), len(answered))) if answered else None,
        }
        if len(scored) >= MIN_CASES:
            row |= item_stats(scored, n)
        else:
            row |= {"item_total": None, "alpha_if_deleted": None, "notes": [note]}
        stats.append(row)
    name = next((r["name"] for r in spec["roles"] if r["id"] == role), role)
    return {"role": role, "name": name, "k": len(items), "complete": len(scored),
            "alpha": alpha, "note": note, "items": stats}


def correlations(role_ids: Sequence[str], results: Sequence[ScoredResult]) -> list[dict[str, Any]]:
    """Pearson's r between every pair of role scores, over results where both are scored."""
    scores = [{r["role"]: r["score"] for r in s.result["roles"]} for s in results]
    out = []
    for a_i, a in enumerate(role_ids):
        for b in role_ids[a_i + 1 :]:
            pairs = [(s[a], s[b]) for s in scores if s.get(a) is not None and s.get(b) is not None]
            r, note = pearson([p[0] for p in pairs], [p[1] for p in pairs])
            out.append({"roles": [a, b], "n": len(pairs), "r": r, "note": note})
    return out


def straight_liners(spec: Spec, results: Sequence[ScoredResult]) -> list[dict[str, Any]]:
    """Results whose answered Likert items (two or more) all carry the same answer."""
    flagged = []
    for s in results:
        values = list(likert_answers(spec, s).values())
        if len(values) >= 2 and len(set(values)) == 1:
            flagged.append(
                {"file": s.source, "name": s.name, "value": values[0], "answered": len(values)}
            )
    return flagged


def analyze(spec: Spec, results: Sequence[ScoredResult]) -> Report:
    """Scale, item and correlation statistics of role-profile results; others are skipped.

    Args:
        spec: the compiled spec.
        results: parsed result files (`results.parse_result`); only role-profile ones are used.

    Returns:
        count, warnings, notes, scales (alpha and item statistics per role), correlations,
        straight_liners and skipped, as plain JSON-ready data.
    """
    used = [s for s in results if s.assessment == PROFILE]
    skipped = [{"file": s.source, "assessment": s.assessment} for s in results
               if s.assessment != PROFILE]
    people = [likert_answers(spec, s) for s in used]
    warnings = []
    if len(used) < FEW_RESULTS:
        warnings.append(
            f"only {len(used)} role-profile result(s): with fewer than {FEW_RESULTS}, "
            "these numbers are unstable and mean little"
        )
    notes = []
    if skipped:
        kinds = Counter(s["assessment"] for s in skipped)
        listed = ", ".join(f"{k}: {v}" for k, v in sorted(kinds.items()))
        notes.append(f"skipped {len(skipped)} result(s) of other assessments ({listed}); "
                     f"only {PROFILE} results are analyzed")
    current = spec["assessments"][PROFILE]["bank_version"]
    other = sum(s.bank_version != current for s in used)
    if other:
        notes.append(f"{other} result(s) were taken with another bank version than {current}")
    return {
        "assessment": PROFILE,
        "bank_version": current,
        "count": len(used),
        "warnings": warnings,
        "notes": notes,
        "scales": [scale(spec, role, people) for role in spec["role_ids"]],
        "correlations": correlations(spec["role_ids"], used),
        "straight_liners": straight_liners(spec, used),
        "scenarios": scenario_choices(spec, used),
        "skipped": skipped,
        "rejected": [],
    }


def analyze_report(
    spec: Spec, files: Sequence[tuple[str, bytes]], unread: Iterable[tuple[str, str]] = ()
) -> Report:
    """Parse result files (name or path, bytes) and analyze them; bad files are listed as rejected."""
    rejected = [{"file": path, "error": error} for path, error in unread]
    results = []
    for path, raw in files:
        name = base_name(path)
        try:
            results.append(parse_result(raw, spec, name))
        except ResultError as err:
            rejected.append({"file": name, "error": str(err)})
    return analyze(spec, results) | {"rejected": rejected}


# ---- Markdown -------------------------------------------------------------------------------


def _num(x: float | None, places: int = 2) -> str:
    return "—" if x is None else f"{x:.{places}f}"


def _scenario_lines(scenarios: list[dict[str, Any]], t: Translate) -> list[str]:
    best = max((o["rating"] for sc in scenarios for o in sc["options"]), default=4)
    lines = ["", f"## {t('analyze.scenarios')}", "", t("analyze.scenarios_note", best=best), ""]
    for sc in scenarios:
        cells = ", ".join(
            f"{o['id']} ({o['rating']}): {o['chosen']}"
            + (f" ({o['share']:.0%})" if o["share"] is not None else "")
            for o in sc["options"]
        )
        lines.append(f"- {sc['scenario']}, {t('analyze.scenario_answered', count=sc['answered'])}: {cells}")
    return lines


ITEM_COLUMNS = ("statement", "reverse", "answered", "mean", "item_total", "if_deleted")


def to_markdown(spec: Spec, report: Report) -> str:
    """The analysis as Markdown tables, warnings first; headings in the spec's language (the
    statistics' notes stay in English, the language of the psychometric literature)."""
    t = catalogue(spec.get("lang", DEFAULT)).t
    names = {r["id"]: r["name"] for r in spec["roles"]}
    count = report["count"]
    lines = [f"# {t('analyze.title', count=count)}", ""]
    lines += [f"> **{t('analyze.warning')}** {w}." for w in report["warnings"]]
    if report["warnings"]:
        lines.append("")
    lines += [f"## {t('analyze.scales')}", "",
              f"| {t('analyze.col.role')} | {t('analyze.col.items')} | {t('analyze.col.complete')} "
              f"| {t('analyze.col.alpha')} | {t('analyze.col.note')} |",
              "|---|---:|---:|---:|---|"]
    for s in report["scales"]:
        lines.append(f"| {s['name']} | {s['k']} | {s['complete']} | {_num(s['alpha'])} "
                     f"| {s['note'] or ''} |")
    for s in report["scales"]:
        lines += ["", f"### {s['name']}", "",
                  "| " + " | ".join(t("analyze.col." + c) for c in ITEM_COLUMNS) + " |",
                  "|---|---|---:|---:|---:|---:|"]
        for it in s["items"]:
            lines.append(
                f"| {it['id']} | {t('analyze.yes') if it['reverse'] else ''} | {it['answered']} "
                f"| {_num(it['mean'])} | {_num(it['item_total'])} | {_num(it['alpha_if_deleted'])} |"
            )
        notes = sorted({f"{it['id']}: {n}" for it in s["items"] for n in it["notes"] if n})
        if notes and s["complete"] >= MIN_CASES:
            lines += ["", *(f"- {n}" for n in notes)]
    lines += ["", f"## {t('analyze.correlations')}", "",
              t("analyze.correlations_note"), "",
              "| | " + " | ".join(names.values()) + " |",
              "|---|" + "---:|" * len(names)]
    pairs = {tuple(c["roles"]): c for c in report["correlations"]}
    for a, name in names.items():
        cells = []
        for b in names:
            c = pairs.get((a, b)) or pairs.get((b, a))
            cells.append("1" if c is None else f"{_num(c['r'])} ({c['n']})")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += _scenario_lines(report["scenarios"], t)
    lines += ["", f"## {t('analyze.straight')}", ""]
    if report["straight_liners"]:
        for f in report["straight_liners"]:
            who = f" ({md_text(f['name'])})" if f["name"] else ""
            lines.append(f"- {md_text(f['file'])}{who}: "
                         + t("analyze.straight_line", count=f["answered"], value=f["value"]))
    else:
        lines.append(t("analyze.straight_none"))
    if report["notes"]:
        lines += ["", f"## {t('analyze.notes')}", "", *(f"- {md_text(n)}" for n in report["notes"])]
    if report["rejected"]:
        lines += ["", f"## {t('cohort.rejected')}", ""]
        lines += [f"- {md_text(r['file'])}: {md_text(r['error'])}" for r in report["rejected"]]
    return "\n".join(lines)
