"""Result files: read defensively, rescored against the current banks, and the `score` command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import shipped_spec

from generator.compile import RESULT_FORMAT
from generator.i18n import join_list
from generator.results import (
    MAX_RESULT_BYTES,
    ResultError,
    ScoredResult,
    new_result,
    parse_result,
    read_result,
)
from generator.scoring import score

ROOT = Path(__file__).resolve().parents[1]
PROFILE = "role-profile"
TAKEN_AT = "2026-11-24T10:15:00Z"



def sample_answers(assessment: str = PROFILE) -> dict[str, Any]:
    """Every item answered, each role at a different level; every scenario's first option."""
    spec = shipped_spec()
    entry = spec["assessments"][assessment]
    level = dict(zip(spec["role_ids"], (5, 4, 3, 1, 2), strict=True))
    answers: dict[str, Any] = {}
    for item_id in entry["items"]:
        item = spec["items"][item_id]
        value = level[item["role"]]
        answers[item_id] = 6 - value if item["reverse"] else value
    for sid in entry["scenarios"]:
        answers[sid] = spec["scenarios"][sid]["options"][0]["id"]
    return answers


def sample_doc(**changes: Any) -> dict[str, Any]:
    doc = new_result(shipped_spec(), PROFILE, sample_answers(), TAKEN_AT, name="Sam Leader")
    doc.update(changes)
    return doc


def encode(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def run_score(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--no-docs", "score", str(path), *extra],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False, timeout=60,
    )


# ---- parse_result / read_result -----------------------------------------------------------------


def test_sample_answers_give_a_full_profile() -> None:
    """The sample used below exercises every part of the report."""
    result = score(shipped_spec(), PROFILE, sample_answers())
    assert all(row["score"] is not None for row in result["roles"])
    assert result["profile"] is not None
    assert result["profile"]["growth_edge"]
    assert result["plan"]
    assert any(fb["chosen"] != fb["best"] for fb in result["scenarios"])


def test_parse_valid_result() -> None:
    spec = shipped_spec()
    scored = parse_result(encode(sample_doc()), spec, "mine.json")
    assert isinstance(scored, ScoredResult)
    assert scored.source == "mine.json"
    assert scored.assessment == PROFILE
    assert scored.name == "Sam Leader"
    assert scored.taken_at == TAKEN_AT
    assert scored.answers == sample_answers()
    assert scored.result == score(spec, PROFILE, sample_answers())
    assert scored.warnings == []


def test_parse_ignores_stored_scores() -> None:
    """Whatever else the file claims, the profile is recomputed from the answers."""
    doc = sample_doc(result={"roles": [], "profile": {"kind": "fake"}}, scores={"conductor": 0})
    scored = parse_result(encode(doc), shipped_spec())
    assert scored.result == score(shipped_spec(), PROFILE, sample_answers())


def test_optional_fields_may_be_missing() -> None:
    doc = sample_doc()
    for key in ("name", "taken_at"):
        del doc[key]
    scored = parse_result(encode(doc), shipped_spec())
    assert (scored.name, scored.taken_at) == ("", "")
    assert scored.warnings == []


@pytest.mark.parametrize("assessment", ["conductor", "creative-catalyst"])
def test_parse_one_role_assessment(assessment: str) -> None:
    spec = shipped_spec()
    answers = sample_answers(assessment)
    doc = new_result(spec, assessment, answers, TAKEN_AT)
    scored = parse_result(encode(doc), spec)
    assert scored.result == score(spec, assessment, answers)
    assert [r["role"] for r in scored.result["roles"]] == [assessment]
    assert scored.result["profile"] is None


def test_unknown_item_ids_are_a_warning() -> None:
    answers = sample_answers() | {"gone-2": 3, "gone-1": 4}
    scored = parse_result(encode(sample_doc(answers=answers)), shipped_spec())
    assert scored.result == score(shipped_spec(), PROFILE, sample_answers()) | {
        "ignored": ["gone-1", "gone-2"]
    }
    assert len(scored.warnings) == 1
    assert "gone-1, gone-2" in scored.warnings[0]


def test_many_unknown_ids_are_listed_briefly() -> None:
    answers = sample_answers() | {f"gone-{n:02d}": 3 for n in range(25)}
    scored = parse_result(encode(sample_doc(answers=answers)), shipped_spec())
    (warning,) = scored.warnings
    assert "25" in warning
    assert "gone-09" in warning
    assert "gone-10" not in warning


def test_other_bank_version_is_a_warning() -> None:
    scored = parse_result(encode(sample_doc(bank_version="0123456789ab")), shipped_spec())
    current = shipped_spec()["assessments"][PROFILE]["bank_version"]
    assert scored.result == score(shipped_spec(), PROFILE, sample_answers())
    (warning,) = scored.warnings
    assert "0123456789ab" in warning
    assert current in warning


def test_missing_bank_version_is_a_warning() -> None:
    doc = sample_doc()
    del doc["bank_version"]
    (warning,) = parse_result(encode(doc), shipped_spec()).warnings
    assert "unknown" in warning


def _without(key: str) -> dict[str, Any]:
    doc = sample_doc()
    del doc[key]
    return doc


def _one_answer(value: Any) -> dict[str, Any]:
    first = shipped_spec()["assessments"][PROFILE]["items"][0]
    return sample_doc(answers=sample_answers() | {first: value})


def _scenario_answer(value: Any) -> dict[str, Any]:
    first = shipped_spec()["assessments"][PROFILE]["scenarios"][0]
    return sample_doc(answers=sample_answers() | {first: value})


BAD_FILES: list[Any] = [
    pytest.param(b"{not json", "not valid JSON", id="not-json"),
    pytest.param(b"", "not valid JSON", id="empty"),
    pytest.param(b"\xff\xfe{\x00}\x00", "UTF-8", id="not-utf8"),
    pytest.param(b'{"name": "caf\xe9"}', "UTF-8", id="latin-1"),
    pytest.param(b"[]", "JSON object, found list", id="json-list"),
    pytest.param(b'"text"', "JSON object, found str", id="json-string"),
    pytest.param(b"null", "JSON object, found NoneType", id="json-null"),
    pytest.param(b"[" * 100_000, "JSON", id="nested-too-deep"),
    pytest.param(encode(sample_doc(format="role-profile-result/3")), "'format'", id="format-3"),
    pytest.param(encode(_without("perspective")), "'perspective' is missing", id="perspective-missing"),
    pytest.param(encode(sample_doc(perspective="coach")), "'perspective' is \"coach\"", id="perspective"),
    pytest.param(encode(sample_doc(relationship="boss")), "'relationship' is \"boss\"", id="relationship"),
    pytest.param(encode(sample_doc(perspective="observer")), "no scenario answers", id="observer-scenario"),
    pytest.param(encode(sample_doc(format="role-profile-result/1", answers=_one_answer("na")["answers"])),
                 "cannot hold \"na\"", id="na-in-v1"),
    pytest.param(encode(sample_doc(invite="x" * 21)), "'invite' is longer than 20", id="invite-long"),
    pytest.param(encode(_without("format")), "'format'", id="format-missing"),
    pytest.param(encode(sample_doc(assessment="no-such")), "unknown assessment", id="assessment"),
    pytest.param(encode(sample_doc(assessment=["role-profile"])), "unknown assessment",
                 id="assessment-list"),
    pytest.param(encode(_without("assessment")), "unknown assessment", id="assessment-missing"),
    pytest.param(encode(sample_doc(answers=[4, 4])), "'answers'", id="answers-list"),
    pytest.param(encode(sample_doc(answers="4444")), "'answers'", id="answers-string"),
    pytest.param(encode(_without("answers")), "'answers'", id="answers-missing"),
    pytest.param(encode(_one_answer(7)), '1 to 5 or "na", got 7', id="value-7"),
    pytest.param(encode(_one_answer(0)), '1 to 5 or "na", got 0', id="value-0"),
    pytest.param(encode(_one_answer("4")), '1 to 5 or "na", got text', id="value-string"),
    pytest.param(encode(_one_answer("NA")), '1 to 5 or "na", got text', id="value-NA"),
    pytest.param(encode(_one_answer(3.5)), '1 to 5 or "na", got a fraction', id="value-float"),
    pytest.param(b'{"format": "role-profile-result/1", "assessment": "conductor", "answers": {"x": NaN}}',
                 "not valid JSON", id="nan"),
    pytest.param(encode(_one_answer(True)), '1 to 5 or "na", got true', id="value-bool"),
    pytest.param(encode(_one_answer(None)), '1 to 5 or "na", got null', id="value-null"),
    pytest.param(encode(_scenario_answer("z")), "got text", id="scenario-option"),
    pytest.param(encode(_scenario_answer("na")), "got text", id="scenario-na"),
    pytest.param(encode(sample_doc(name=42)), "'name' must be text", id="name-number"),
    pytest.param(encode(sample_doc(name=["Sam"])), "'name' must be text", id="name-list"),
    pytest.param(encode(sample_doc(name="x" * 101)), "'name' is longer than 100 characters", id="name-long"),
    pytest.param(encode(sample_doc(taken_at=20261124)), "'taken_at' must be text", id="taken-at"),
    pytest.param(encode(sample_doc(bank_version=None)), "'bank_version' must be text",
                 id="bank-version"),
    pytest.param(encode(sample_doc(name="x" * (MAX_RESULT_BYTES + 1))), "bytes", id="too-large"),
]


@pytest.mark.parametrize(("raw", "message"), BAD_FILES)
def test_parse_bad_file(raw: bytes, message: str) -> None:
    with pytest.raises(ResultError) as err:
        parse_result(raw, shipped_spec())
    text = str(err.value)
    assert message in text
    assert "\n" not in text
    assert len(text) < 400


def test_whole_number_written_as_float_reads_as_json_does() -> None:
    """JSON has one number type, and browsers read 3.0 as 3: so does the CLI."""
    as_float = parse_result(encode(_one_answer(3.0)), shipped_spec())
    as_int = parse_result(encode(_one_answer(3)), shipped_spec())
    assert as_float.result == as_int.result


def test_value_error_names_the_item() -> None:
    first = shipped_spec()["assessments"][PROFILE]["items"][0]
    with pytest.raises(ResultError, match=first):
        parse_result(encode(_one_answer(7)), shipped_spec())


def test_size_limit_is_inclusive() -> None:
    doc = sample_doc()
    base = len(encode(doc))
    doc["padding"] = ""
    doc["padding"] = "x" * (MAX_RESULT_BYTES - len(encode(doc)))
    raw = encode(doc)
    assert len(raw) == MAX_RESULT_BYTES > base
    assert parse_result(raw, shipped_spec()).warnings == []
    with pytest.raises(ResultError, match="bytes"):
        parse_result(raw + b" ", shipped_spec())


def test_read_result(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_bytes(encode(sample_doc()))
    scored = read_result(path, shipped_spec())
    assert scored.source == str(path)
    assert scored.result == score(shipped_spec(), PROFILE, sample_answers())


def test_read_result_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (4 * MAX_RESULT_BYTES))
    with pytest.raises(ResultError, match="bytes"):
        read_result(path, shipped_spec())


@pytest.mark.parametrize("name", ["missing.json", "."])
def test_read_result_unreadable(tmp_path: Path, name: str) -> None:
    with pytest.raises(ResultError, match="cannot read file"):
        read_result(tmp_path / name, shipped_spec())


def test_new_result_round_trips() -> None:
    spec = shipped_spec()
    doc = new_result(spec, PROFILE, {"x": 1}, TAKEN_AT)
    assert doc["format"] == RESULT_FORMAT
    assert doc["bank_version"] == spec["assessments"][PROFILE]["bank_version"]
    assert "name" not in doc


# ---- python -m generator score ------------------------------------------------------------------


def role_names() -> dict[str, str]:
    return {r["id"]: r["name"] for r in shipped_spec()["roles"]}


def test_cli_prints_the_readable_profile(tmp_path: Path) -> None:
    spec = shipped_spec()
    path = tmp_path / "result.json"
    path.write_bytes(encode(sample_doc()))
    proc = run_score(path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    out = proc.stdout
    expected = score(spec, PROFILE, sample_answers())
    names = role_names()
    assert spec["assessments"][PROFILE]["title"] in out
    assert "Sam Leader" in out
    assert TAKEN_AT in out
    lines = out.splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith("Role ")) + 1
    for line, row in zip(lines[first:], expected["roles"], strict=False):
        assert line.startswith(names[row["role"]] + " ")
        assert line.split()[-3:] == [str(row["score"]), row["band"],
                                     f"{row['answered']}/{row['total']}"]
    prof = expected["profile"]
    # names joined as the language joins a list ("A and B"), as the results page joins them
    assert "Lead role(s): " + join_list("en", [names[r] for r in prof["lead"]]) in out
    assert "Growth edge: " + join_list("en", [names[r] for r in prof["growth_edge"]]) in out
    exercises = {ex["id"]: ex for ex in spec["exercises"]}
    for n, ex_id in enumerate(expected["plan"], 1):
        ex = exercises[ex_id]
        assert f"{n}. {ex['title']} ({ex['minutes']} min" in out
    flat = "".join(out.split())
    for fb in expected["scenarios"]:
        assert f"{fb['scenario']}: you chose {fb['chosen']} (rated {fb['rating']} of 4" in out
        assert "".join(fb["feedback"].split()) in flat


def test_cli_readable_profile_shows_not_enough_answers(tmp_path: Path) -> None:
    spec = shipped_spec()
    items = spec["assessments"]["conductor"]["items"][:3]
    path = tmp_path / "few.json"
    path.write_bytes(encode(new_result(spec, "conductor", dict.fromkeys(items, 4), TAKEN_AT)))
    proc = run_score(path)
    assert proc.returncode == 0, proc.stderr
    name = role_names()["conductor"]
    lines = proc.stdout.splitlines()
    line = lines[next(n for n, line in enumerate(lines) if line.startswith("Role ")) + 1]
    assert line.startswith(name + " ")
    assert "—" in line
    assert "not enough answers" in line
    assert line.endswith("3/13")
    assert "Practice plan:" in proc.stdout


def test_cli_json_equals_scoring(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_bytes(encode(sample_doc()))
    proc = run_score(path, "--json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    out = json.loads(proc.stdout)
    assert out.pop("name") == "Sam Leader"
    assert out.pop("taken_at") == TAKEN_AT
    assert out.pop("warnings") == []
    assert out == score(shipped_spec(), PROFILE, sample_answers())


CLI_BAD_FILES: list[Any] = [
    pytest.param(b"{not json", "not valid JSON", id="not-json"),
    pytest.param(b"\xff\xfe{\x00}\x00", "UTF-8", id="not-utf8"),
    pytest.param(b"[1, 2]", "JSON object", id="json-list"),
    pytest.param(encode(sample_doc(format="role-profile-result/0")), "'format'", id="format"),
    pytest.param(encode(sample_doc(assessment="no-such")), "unknown assessment", id="assessment"),
    pytest.param(encode(sample_doc(answers=[1, 2])), "'answers'", id="answers"),
    pytest.param(encode(_one_answer(7)), "got 7", id="value-7"),
    pytest.param(encode(_one_answer("4")), "got text", id="value-string"),
    pytest.param(b'{"padding": "' + b"x" * MAX_RESULT_BYTES + b'"}', "bytes", id="too-large"),
    pytest.param(encode(sample_doc(name=7)), "'name' must be text", id="name"),
]


@pytest.mark.parametrize(("raw", "message"), CLI_BAD_FILES)
def test_cli_bad_file_is_one_line(tmp_path: Path, raw: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    for extra in ((), ("--json",)):
        proc = run_score(path, *extra)
        assert proc.returncode == 1
        assert proc.stdout == ""
        lines = proc.stderr.splitlines()
        assert len(lines) == 1, proc.stderr
        assert lines[0].startswith(f"{path}: error: ")
        assert message in lines[0]
        assert "Traceback" not in proc.stderr


def test_cli_missing_file(tmp_path: Path) -> None:
    proc = run_score(tmp_path / "nowhere.json")
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert len(lines) == 1
    assert "cannot read file" in lines[0]


def test_cli_warnings_go_to_stderr(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    answers = sample_answers() | {"retired-item": 4}
    path.write_bytes(encode(sample_doc(answers=answers, bank_version="000000000000")))
    proc = run_score(path, "--json")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"{path}: warning: ") for line in lines)
    assert "000000000000" in lines[0]
    assert "retired-item" in lines[1]
    out = json.loads(proc.stdout)
    assert out["ignored"] == ["retired-item"]
    assert out["warnings"] == [line.split(": warning: ", 1)[1] for line in lines]
    readable = run_score(path)
    assert readable.returncode == 0
    assert readable.stderr == proc.stderr
    assert "Lead role(s)" in readable.stdout


# ---- format 2: "na", perspective, observers; format 1 still read ---------------------------------


def test_version_1_file_is_read_as_a_self_result() -> None:
    doc = sample_doc(format="role-profile-result/1")
    del doc["perspective"]
    scored = parse_result(encode(doc), shipped_spec())
    assert scored.perspective == "self"
    assert scored.result == score(shipped_spec(), PROFILE, sample_answers())


def test_new_files_are_format_2_with_perspective() -> None:
    doc = sample_doc()
    assert doc["format"] == "role-profile-result/2"
    assert doc["perspective"] == "self"


def test_observer_file_is_read_with_its_relationship() -> None:
    spec = shipped_spec()
    items = spec["assessments"][PROFILE]["items"]
    answers = {i: ("na" if n % 5 == 0 else 4) for n, i in enumerate(items)}
    doc = new_result(spec, PROFILE, answers, TAKEN_AT, perspective="observer",
                     relationship="peer", about="Sam Leader", invite="K7Q2XA")
    scored = parse_result(encode(doc), spec)
    assert (scored.perspective, scored.relationship, scored.about, scored.invite) == (
        "observer", "peer", "Sam Leader", "K7Q2XA")
    assert sum(r["na"] for r in scored.result["roles"]) == len(items[::5])


def test_na_answers_are_scored_as_no_occasion() -> None:
    spec = shipped_spec()
    answers = sample_answers() | dict.fromkeys(spec["assessments"][PROFILE]["items"][:3], "na")
    scored = parse_result(encode(sample_doc(answers=answers)), spec)
    assert sum(r["na"] for r in scored.result["roles"]) == 3
