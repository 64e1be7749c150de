"""Result files (SCORING.md): read them defensively, score them against the current banks.

A result file comes from a leader's browser and may have passed through email, chat or an
editor, so nothing in it is trusted: it is size-checked, parsed, type-checked and rescored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .compile import RESULT_FORMAT
from .scoring import AnswerError, score

if TYPE_CHECKING:
    from pathlib import Path

MAX_RESULT_BYTES = 256 * 1024
MAX_NAME = 100


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


def _text_field(doc: dict[str, Any], key: str, limit: int) -> str:
    value = doc.get(key, "")
    if not isinstance(value, str):
        raise ResultError(f"'{key}' must be text, got {type(value).__name__}")
    if len(value) > limit:
        raise ResultError(f"'{key}' is {len(value)} characters; the limit is {limit}")
    return value


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")


def _whole_numbers(answers: dict[str, Any]) -> dict[str, Any]:
    """JSON has one number type: 4.0 is 4, as a browser reads it. Other values stay as they are."""
    return {
        k: int(v) if type(v) is float and v.is_integer() else v for k, v in answers.items()
    }


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
    if fmt != RESULT_FORMAT:
        raise ResultError(f"'format' is {fmt!r}; this site reads {RESULT_FORMAT!r}")
    assessment = doc.get("assessment")
    if not isinstance(assessment, str) or assessment not in spec["assessments"]:
        known = ", ".join(spec["assessments"])
        raise ResultError(f"unknown assessment {assessment!r}; expected one of {known}")
    answers = doc.get("answers")
    if not isinstance(answers, dict):
        raise ResultError("'answers' must be an object of item id to answer")
    answers = _whole_numbers(answers)
    name = _text_field(doc, "name", MAX_NAME)
    taken_at = _text_field(doc, "taken_at", 40)
    version = _text_field(doc, "bank_version", 64)
    try:
        result = score(spec, assessment, answers)
    except AnswerError as err:
        raise ResultError(str(err)) from None
    warnings = []
    current = spec["assessments"][assessment]["bank_version"]
    if version != current:
        warnings.append(
            f"taken with bank version {version or 'unknown'}; scored against the current {current}"
        )
    if result["ignored"]:
        warnings.append(
            f"ignored {len(result['ignored'])} answer(s) to items that no longer exist: "
            + ", ".join(result["ignored"][:10])
            + (" …" if len(result["ignored"]) > 10 else "")
        )
    return ScoredResult(source, assessment, answers, result, name, taken_at, warnings)


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
    spec: dict[str, Any], assessment: str, answers: dict[str, Any], taken_at: str, name: str = ""
) -> dict[str, Any]:
    """A result file document, as the browser exports it."""
    doc: dict[str, Any] = {
        "format": RESULT_FORMAT,
        "assessment": assessment,
        "bank_version": spec["assessments"][assessment]["bank_version"],
        "taken_at": taken_at,
    }
    if name:
        doc["name"] = name
    doc["answers"] = answers
    return doc
