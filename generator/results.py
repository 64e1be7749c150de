"""Result files (SCORING.md): read them defensively, score them against the current banks.

A result file comes from a leader's browser and may have passed through email, chat or an
editor, so nothing in it is trusted: it is size-checked, parsed, type-checked and rescored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .compile import LIMITS, READABLE_RESULT_FORMATS, RESULT_FORMAT
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


def _text_field(doc: dict[str, Any], key: str, limit: int) -> str:
    value = doc.get(key, "")
    if not isinstance(value, str):
        raise ResultError(f"'{key}' must be text")
    if len(value) > limit:
        raise ResultError(f"'{key}' is longer than {limit} characters")
    return value


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")


def _quoted(value: Any) -> str:
    """A value in a message, as the browser prints it: text in JSON quotes, anything else by kind."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else describe(value)


def result_warnings(version: str, current: str, ignored: list[str]) -> list[str]:
    """The warnings of a readable result file; `records.mjs` words them the same way."""
    warnings = []
    if version != current:
        warnings.append(
            f"Taken with bank version {version or 'unknown'}; scored against the current {current}."
        )
    if ignored:
        listed = ", ".join(ignored[:10]) + (" …" if len(ignored) > 10 else "")
        warnings.append(
            f"Ignored {len(ignored)} answer(s) to statements that no longer exist: {listed}."
        )
    return warnings


def parse_result(raw: bytes, spec: dict[str, Any], source: str = "result") -> ScoredResult:
    """Check and rescore the bytes of one result file.

    Raises:
        ResultError: the file is too large, not JSON, of another format, or holds bad answers.
    """
    if len(raw) > MAX_RESULT_BYTES:
        raise ResultError(f"file is {len(raw):,} bytes; a result file is at most {MAX_RESULT_BYTES:,}")
    try:
        doc = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise ResultError("not UTF-8 text; is this a result file?") from None
    except json.JSONDecodeError as err:
        raise ResultError(f"not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})") from None
    except ValueError as err:  # NaN or Infinity: not JSON, and browsers refuse them too
        raise ResultError(f"not valid JSON ({err})") from None
    except RecursionError:
        raise ResultError("not valid JSON: nested too deeply") from None
    if not isinstance(doc, dict):
        raise ResultError(f"expected a JSON object, found {type(doc).__name__}")
    fmt = doc.get("format")
    if fmt not in READABLE_RESULT_FORMATS or not isinstance(fmt, str):
        readable = " or ".join(f"'{f}'" for f in READABLE_RESULT_FORMATS)
        raise ResultError(f"'format' is {_quoted(fmt)}; this site reads {readable}")
    assessment = doc.get("assessment")
    if not isinstance(assessment, str) or assessment not in spec["assessments"]:
        known = ", ".join(spec["assessments"])
        raise ResultError(f"unknown assessment {_quoted(assessment)}; this site has {known}")
    answers = doc.get("answers")
    if not isinstance(answers, dict):
        raise ResultError("'answers' must be an object of item id to answer")
    answers = {k: whole(v) for k, v in answers.items()}
    name = _text_field(doc, "name", MAX_NAME)
    taken_at = _text_field(doc, "taken_at", LIMITS["taken_at"])
    version = _text_field(doc, "bank_version", LIMITS["bank_version"])
    about = _text_field(doc, "about", LIMITS["about"])
    invite = _text_field(doc, "invite", LIMITS["invite"])
    perspective, relationship = _perspective(doc, fmt, spec["assessments"][assessment], answers)
    try:
        result = score(spec, assessment, answers)
    except AnswerError as err:
        raise ResultError(str(err)) from None
    current = spec["assessments"][assessment]["bank_version"]
    warnings = result_warnings(version, current, result["ignored"])
    return ScoredResult(
        source, assessment, answers, result, name, taken_at, warnings,
        perspective=perspective, relationship=relationship, about=about, invite=invite,
    )


def _perspective(
    doc: dict[str, Any], fmt: str, assessment: dict[str, Any], answers: dict[str, Any]
) -> tuple[str, str]:
    """Whose view a file holds, and the observer's relationship; /1 files are self results."""
    perspective = _choice(doc, "perspective", PERSPECTIVES, "self" if fmt.endswith("/1") else None)
    relationship = _choice(doc, "relationship", RELATIONSHIPS, "")
    if fmt.endswith("/1") and any(v == "na" for v in answers.values()):
        raise ResultError("a 'role-profile-result/1' file cannot hold \"na\" answers")
    if perspective == "observer" and any(k in set(assessment["scenarios"]) for k in answers):
        raise ResultError("an observer's file holds no scenario answers")
    return perspective, relationship


def _choice(doc: dict[str, Any], key: str, allowed: tuple[str, ...], default: str | None) -> str:
    """A field with a fixed set of values; when absent, `default` (None: the field is required)."""
    if key not in doc:
        if default is not None:
            return default
        raise ResultError(f"'{key}' is missing; expected one of {', '.join(allowed)}")
    value = doc[key]
    if value not in allowed or not isinstance(value, str):
        raise ResultError(f"'{key}' is {_quoted(value)}; expected one of {', '.join(allowed)}")
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
        raise ResultError(f"cannot read file: {err.strerror}") from None
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
