"""The team (cohort) report of `contracts/cohort.md`: many result files, one ensemble view.

`cohort_report` is a pure function over file names and bytes, so the command line and the tests
share it; the browser's `static/team.mjs` implements the same contract. Means are computed in
integers (tenths, rounded half up), so the two can agree exactly.
"""

from __future__ import annotations

import csv
import glob
import io
import os
import re
import unicodedata
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from .i18n import DEFAULT, catalogue, join_list
from .models import BANDS
from .results import MAX_RESULT_BYTES, ResultError, parse_result

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from .results import ScoredResult

    Translate = Callable[..., str]

Spec = dict[str, Any]
Report = dict[str, Any]

FORMULA_START = ("=", "+", "-", "@")
DECIMAL_COMMA = {"es", "de", "fr", "it", "pt", "nl"}
"""Languages that write a decimal comma (as `Intl.NumberFormat` does)."""


# ---- reading the files named on the command line -------------------------------------------


def read_files(
    args: Sequence[str], lang: str = DEFAULT
) -> tuple[list[tuple[str, bytes]], list[tuple[str, str]]]:
    """Read the result files named on a command line, expanding globs the shell left alone.

    A pattern reaches us unexpanded when it matched nothing (POSIX shells) or always (Windows'
    shell), so a pattern that is not itself a file name is expanded here.

    Returns:
        The (path, bytes) of every file read, in argument order and each file once, and the
        (path, error) of every argument that could not be read ("file not found" for a path
        or pattern that names nothing), the errors in `lang`.
    """
    t = catalogue(lang).t
    found: list[tuple[str, bytes]] = []
    unread: list[tuple[str, str]] = []
    seen: set[str] = set()
    for arg in args:
        paths = [arg]
        if not Path(arg).exists() and glob.has_magic(arg):
            paths = sorted(glob.glob(arg)) or [arg]
        for path in paths:
            real = os.path.realpath(path)
            if real in seen:  # `*.json ana.json` names ana.json twice: count the person once
                continue
            seen.add(real)
            try:
                with Path(path).open("rb") as fh:
                    # One byte past the limit, so parse_result can say the file is too large.
                    found.append((path, fh.read(MAX_RESULT_BYTES + 1)))
            except FileNotFoundError:
                unread.append((path, t("cohort.file.not_found")))
            except IsADirectoryError:
                unread.append((path, t("cohort.file.folder", example=f"{path}/*.json")))
            except OSError as err:
                unread.append((path, t("cohort.file.unreadable", error=err.strerror)))
    return found, unread


def base_name(path: str) -> str:
    """The file's base name, as the browser sees a dropped file (either kind of slash)."""
    return PurePath(path.replace("\\", "/")).name or path


# ---- the report -----------------------------------------------------------------------------


def mean_tenths(scores: Sequence[int]) -> int | None:
    """The mean rounded half up to one decimal, times ten, in integers; None for no scores."""
    n = len(scores)
    return (20 * sum(scores) + n) // (2 * n) if n else None


def person_row(scored: ScoredResult) -> dict[str, Any]:
    """One accepted file as a row of the report."""
    result = scored.result
    prof = result["profile"]
    return {
        "file": scored.source,
        "name": scored.name,
        "assessment": scored.assessment,
        "taken_at": scored.taken_at,
        "scores": {r["role"]: r["score"] for r in result["roles"]},
        "bands": {r["role"]: r["band"] for r in result["roles"]},
        "lead": list(prof["lead"]) if prof else [],
        "warnings": list(scored.warnings),
    }


def role_summary(spec: Spec, role: str, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Team numbers for one role, over the rows that have a score for it."""
    scores = [r["scores"][role] for r in rows if r["scores"].get(role) is not None]
    tenths = mean_tenths(scores)
    bands = dict.fromkeys(BANDS, 0)
    for r in rows:
        b = r["bands"].get(role)
        if b is not None:
            bands[b] += 1
    return {
        "role": role,
        "name": next((x["name"] for x in spec["roles"] if x["id"] == role), role),
        "n": len(scores),
        "mean_tenths": tenths,
        "mean": None if tenths is None else tenths / 10,
        "leads": sum(role in r["lead"] for r in rows),
        "bands": bands,
    }


def focus_of(roles: Sequence[dict[str, Any]], unled: Sequence[str]) -> tuple[str | None, str | None]:
    """The suggested focus role and why: the unled role (or any role) with the lowest mean."""
    scored = [r for r in roles if r["n"] > 0]
    pool = [r for r in scored if r["role"] in unled]
    reason = "unled" if pool else "lowest-mean"
    pool = pool or scored  # unled roles that nobody has a score for say nothing about the team
    if not pool:
        return None, None
    best = min(pool, key=lambda r: r["mean_tenths"])  # the first lowest: roles come in canonical order
    return best["role"], reason


def cohort_report(
    spec: Spec, files: Sequence[tuple[str, bytes]], unread: Iterable[tuple[str, str]] = ()
) -> Report:
    """The team report of many result files, following `contracts/cohort.md`.

    Args:
        spec: the compiled spec.
        files: (file name or path, raw bytes) of each result file; only the base name is kept.
        unread: (path, error) of files that could not even be read; reported as rejected.

    Returns:
        people, roles, unled, focus, focus_reason, rejected, count and observers_set_aside,
        as in the contract.
    """
    rows: list[dict[str, Any]] = []
    rejected = [{"file": path, "error": error} for path, error in unread]
    set_aside = 0
    for path, raw in files:
        name = base_name(path)
        try:
            scored = parse_result(raw, spec, name)
        except ResultError as err:
            rejected.append({"file": name, "error": str(err)})
            continue
        if scored.perspective == "observer":  # feedback about a leader, not a team member's own view
            set_aside += 1
            continue
        rows.append(person_row(scored))
    rows.sort(key=lambda r: (r["name"].lower() or r["file"].lower(), r["file"]))
    roles = [role_summary(spec, role, rows) for role in spec["role_ids"]]
    has_profile = any(r["lead"] for r in rows)
    unled = [r["role"] for r in roles if r["leads"] == 0] if has_profile else []
    focus, reason = focus_of(roles, unled)
    return {
        "people": rows,
        "roles": roles,
        "unled": unled,
        "focus": focus,
        "focus_reason": reason,
        "rejected": rejected,
        "count": len(rows),
        "observers_set_aside": set_aside,
    }


# ---- output ---------------------------------------------------------------------------------


def csv_cell(value: Any) -> str:
    """A cell a spreadsheet shows as text: empty for null, a leading ' before = + - @."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_header(role_ids: Sequence[str]) -> list[str]:
    return [
        "name", "file", "assessment", "taken_at",
        *(f"{r}_score" for r in role_ids), *(f"{r}_band" for r in role_ids), "lead",
    ]


def to_csv(report: Report) -> str:
    """The people rows as CSV (RFC 4180, CRLF line ends), safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    role_ids = [r["role"] for r in report["roles"]]
    writer.writerow(csv_header(role_ids))
    for row in report["people"]:
        cells = [
            row["name"], row["file"], row["assessment"], row["taken_at"],
            *(row["scores"].get(r) for r in role_ids),
            *(row["bands"].get(r) for r in role_ids),
            ";".join(row["lead"]),
        ]
        writer.writerow([csv_cell(c) for c in cells])
    return out.getvalue()


_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|~])")


def md_text(value: str) -> str:
    """Text from a result file, safe inside a Markdown table and a terminal.

    Control characters (a terminal escape sequence, a newline that would end the table row)
    become spaces; the Markdown punctuation that could make a link, HTML, emphasis, code or a
    new column is backslash-escaped.
    """
    clean = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in value)
    return _MD_SPECIAL.sub(r"\\\1", clean.strip())


def tenths_text(tenths: int | None, lang: str = DEFAULT) -> str:
    """A mean in tenths as the language writes it: 48.5 in English, 48,5 in Spanish."""
    if tenths is None:
        return "—"
    point = "," if lang.split("-", maxsplit=1)[0] in DECIMAL_COMMA else "."
    return f"{tenths // 10}{point}{tenths % 10}"


def _person_cells(row: dict[str, Any], names: dict[str, str], t: Translate, lang: str) -> list[str]:
    cells = [md_text(row["name"]) or "—", md_text(row["file"])]
    for role in names:  # in canonical order
        if role not in row["scores"]:
            cells.append("")  # not in this person's assessment
        elif row["scores"][role] is None:
            cells.append(t("cohort.too_few"))
        else:
            cells.append(f"{row['scores'][role]} {t('cohort.band.' + row['bands'][role])}")
    cells.append(join_list(lang, [names[r] for r in row["lead"]]) or "—")
    return cells


def _leads_and_focus(report: Report, names: dict[str, str], t: Translate, lang: str) -> list[str]:
    lines = [f"## {t('cohort.leads')}", ""]
    if not any(row["lead"] for row in report["people"]):
        lines.append(t("cohort.no_profiles"))
    elif report["unled"]:
        lines += [t("cohort.unled", role=names[r]) for r in report["unled"]]
    else:
        lines.append(t("cohort.all_led"))
    lines += ["", f"## {t('cohort.focus')}", ""]
    focus = report["focus"]
    if focus is None:
        lines.append(t("cohort.focus_none"))
        return lines
    mean = tenths_text(next(r["mean_tenths"] for r in report["roles"] if r["role"] == focus), lang)
    if report["focus_reason"] != "unled":
        lines.append(t("cohort.focus_lowest", role=names[focus], mean=mean))
    elif len(report["unled"]) == 1:
        lines.append(t("cohort.focus_unled_one", role=names[focus], mean=mean))
    else:
        lines.append(t("cohort.focus_unled", role=names[focus], mean=mean))
    return lines


def to_markdown(spec: Spec, report: Report) -> str:
    """The report as Markdown in the spec's language: readable in a terminal, pasteable into
    notes or an issue."""
    lang = spec.get("lang", DEFAULT)
    t = catalogue(lang).t
    names = {r["id"]: r["name"] for r in spec["roles"]}
    people = report["people"]
    lines = [f"# {t('cohort.title', count=report['count'])}", ""]
    if people:
        lines.append(f"| {t('cohort.col.person')} | {t('cohort.col.file')} | " + " | ".join(names.values())
                     + f" | {t('cohort.col.lead')} |")
        lines.append("|---|---|" + "---:|" * len(names) + "---|")
        lines += ["| " + " | ".join(_person_cells(row, names, t, lang)) + " |" for row in people]
        heads = [t("cohort.col.role"), t("cohort.col.scored"), t("cohort.col.mean"), t("cohort.col.leads"),
                 *(t("cohort.band_head." + b) for b in BANDS)]
        lines += ["", f"## {t('cohort.means')}", "",
                  "| " + " | ".join(heads) + " |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        for r in report["roles"]:
            b = r["bands"]
            lines.append(
                f"| {r['name']} | {r['n']} | {tenths_text(r['mean_tenths'], lang)} | {r['leads']} "
                f"| {b['emerging']} | {b['developing']} | {b['strong']} |"
            )
        lines += ["", *_leads_and_focus(report, names, t, lang)]
    if report["observers_set_aside"]:
        lines += ["", t("cohort.aside", count=report["observers_set_aside"])]
    if report["rejected"]:
        lines += ["", f"## {t('cohort.rejected')}", ""]
        lines += [f"- {md_text(r['file'])}: {md_text(r['error'])}" for r in report["rejected"]]
    warned = [(row["file"], w) for row in people for w in row["warnings"]]
    if warned:
        lines += ["", f"## {t('cohort.warnings')}", ""]
        lines += [f"- {md_text(f)}: {md_text(w)}" for f, w in warned]
    lines += ["", t("cohort.self_report")]
    return "\n".join(lines)
