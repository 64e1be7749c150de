"""Result files (SCORING.md): read them defensively, score them against the current banks.

A result file comes from a leader's browser and may have passed through email, chat or an
editor, so nothing in it is trusted: it is size-checked, parsed, type-checked and rescored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .compile import LIMITS, READABLE_RESULT_FORMATS, RESULT_FORMAT
from .i18n import Catalogue, catalogue, format_number
from .scoring import AnswerError, describe, score, whole

if TYPE_CHECKING:
    from pathlib import Path

MAX_RESULT_BYTES = LIMITS["result_bytes"]
MAX_NAME = LIMITS["name"]
MAX_INVITE = LIMITS["invite"]
PERSPECTIVES = ("self", "observer")
RELATIONSHIPS = ("manager", "peer", "direct-report", "other")


class ResultError(ValueError):
    """A result file that cannot be scored; the message says what is wrong."""


@dataclass
class ScoredResult:
    """One result file, rescored: who, when, the scoring output and any warnings."""

    source: str
    assessment: str
    answers: dict[str, Any]
    result: dict[str, Any]
    name: str = ""
    taken_at: str = ""
    warnings: list[str] = field(default_factory=list)
    perspective: str = "self"
    relationship: str = ""
    about: str = ""
    invite: str = ""
    bank_version: str = ""


def _text_field(doc: dict[str, Any], key: str, cat: Catalogue) -> str:
    value = doc.get(key, "")
    limit = LIMITS[key]
    if not isinstance(value, str):
        raise ResultError(cat.t("error.file.not_text", key=key))
    if len(value) > limit:
        raise ResultError(cat.t("error.file.too_long", key=key, limit=format_number(cat.lang, limit)))
    return value


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")


def _quoted(value: Any, lang: str) -> str:
    """A value in a message, as the browser prints it: text in JSON quotes, anything else by kind."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else describe(value, lang)


def result_warnings(version: str, current: str, ignored: list[str], lang: str = "en") -> list[str]:
    """The warnings of a readable result file; `resultfile.mjs` words them the same way."""
    t = catalogue(lang).t
    warnings = []
    if version != current:
        warnings.append(t("error.warning.version", version=version or t("error.warning.unknown_version"),
                          current=current))
    if ignored:
        ids = ", ".join(ignored[:10]) + (" …" if len(ignored) > 10 else "")
        warnings.append(t("error.warning.ignored", count=len(ignored), ids=ids))
    return warnings


def parse_result(raw: bytes, spec: dict[str, Any], source: str = "result") -> ScoredResult:
    """Check and rescore the bytes of one result file.

    Raises:
        ResultError: the file is too large, not JSON, of another format, or holds bad answers.
    """
    lang = spec.get("lang", "en")
    cat = catalogue(lang)
    t = cat.t
    if len(raw) > MAX_RESULT_BYTES:
        raise ResultError(t("error.file.too_big", size=format_number(lang, len(raw)),
                            max=format_number(lang, MAX_RESULT_BYTES)))
    try:
        doc = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise ResultError(t("error.file.not_utf8")) from None
    except json.JSONDecodeError as err:
        message = t("error.file.not_json_at", line=err.lineno, column=err.colno, detail=err.msg)
        raise ResultError(message) from None
    except ValueError as err:  # NaN or Infinity: not JSON, and browsers refuse them too
        raise ResultError(t("error.file.not_json_value", detail=err)) from None
    except RecursionError:
        raise ResultError(t("error.file.too_deep")) from None
    if not isinstance(doc, dict):
        raise ResultError(t("error.file.not_object_found", kind=type(doc).__name__))
    fmt = doc.get("format")
    if fmt not in READABLE_RESULT_FORMATS or not isinstance(fmt, str):
        readable = t("error.file.format_join").join(f"'{f}'" for f in READABLE_RESULT_FORMATS)
        raise ResultError(t("error.file.format", value=_quoted(fmt, lang), formats=readable))
    assessment = doc.get("assessment")
    if not isinstance(assessment, str) or assessment not in spec["assessments"]:
        known = ", ".join(spec["assessments"])
        raise ResultError(t("error.file.assessment", value=_quoted(assessment, lang), known=known))
    answers = doc.get("answers")
    if not isinstance(answers, dict):
        raise ResultError(t("error.file.answers"))
    answers = {k: whole(v) for k, v in answers.items()}
    name = _text_field(doc, "name", cat)
    taken_at = _text_field(doc, "taken_at", cat)
    version = _text_field(doc, "bank_version", cat)
    about = _text_field(doc, "about", cat)
    invite = _text_field(doc, "invite", cat)
    perspective, relationship = _perspective(doc, fmt, spec["assessments"][assessment], answers, cat)
    try:
        result = score(spec, assessment, answers)
    except AnswerError as err:
        raise ResultError(str(err)) from None
    current = spec["assessments"][assessment]["bank_version"]
    warnings = result_warnings(version, current, result["ignored"], lang)
    return ScoredResult(
        source, assessment, answers, result, name, taken_at, warnings,
        perspective=perspective, relationship=relationship, about=about, invite=invite,
        bank_version=version,
    )


def _perspective(
    doc: dict[str, Any], fmt: str, assessment: dict[str, Any], answers: dict[str, Any], cat: Catalogue
) -> tuple[str, str]:
    """Whose view a file holds, and the observer's relationship; /1 files are self results."""
    perspective = _choice(doc, "perspective", PERSPECTIVES, "self" if fmt.endswith("/1") else None, cat)
    relationship = _choice(doc, "relationship", RELATIONSHIPS, "", cat)
    if fmt.endswith("/1") and any(v == "na" for v in answers.values()):
        raise ResultError(cat.t("error.file.legacy_na", format=fmt))
    if perspective == "observer" and any(k in set(assessment["scenarios"]) for k in answers):
        raise ResultError(cat.t("error.file.observer_scenarios"))
    return perspective, relationship


def _choice(
    doc: dict[str, Any], key: str, allowed: tuple[str, ...], default: str | None, cat: Catalogue
) -> str:
    """A field with a fixed set of values; when absent, `default` (None: the field is required)."""
    if key not in doc:
        if default is not None:
            return default
        raise ResultError(cat.t("error.file.missing", key=key, allowed=", ".join(allowed)))
    value = doc[key]
    if value not in allowed or not isinstance(value, str):
        raise ResultError(cat.t("error.file.choice", key=key, value=_quoted(value, cat.lang),
                                allowed=", ".join(allowed)))
    return value


def read_result(path: Path, spec: dict[str, Any]) -> ScoredResult:
    """Read, check and rescore one result file from disk.

    Raises:
        ResultError: the file cannot be read or scored; the message names the problem.
    """
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_RESULT_BYTES + 1)
    except OSError as err:
        reason = err.strerror or str(err)
        t = catalogue(spec.get("lang", "en")).t
        raise ResultError(t("error.file.unreadable", reason=reason)) from None
    return parse_result(raw, spec, str(path))


def new_result(
    spec: dict[str, Any],
    assessment: str,
    answers: dict[str, Any],
    taken_at: str,
    name: str = "",
    *,
    perspective: str = "self",
    **extra: str,
) -> dict[str, Any]:
    """A result file document, as the browser exports it.

    `extra` holds an observer file's optional `relationship`, `about` and `invite`; empty
    values are left out.
    """
    doc: dict[str, Any] = {
        "format": RESULT_FORMAT,
        "assessment": assessment,
        "bank_version": spec["assessments"][assessment]["bank_version"],
        "taken_at": taken_at,
        "perspective": perspective,
    }
    if name:
        doc["name"] = name
    doc.update({k: v for k, v in extra.items() if v})
    doc["answers"] = answers
    return doc
