"""`python -m generator` as authors and coaches run it: exit codes, stdout and stderr."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROLE_IDS

ROOT = Path(__file__).resolve().parents[1]
BROKEN = ROOT / "tests" / "fixtures" / "broken"
PROBLEM_LINE = re.compile(r"^[^:\s]+:\d+: \S")


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=120,
    )


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The shipped banks compiled, with module checks skipped."""
    proc = run("--no-docs", "export")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return json.loads(proc.stdout)


def docs_for(spec: dict, folder: Path, leave_out: str | None = None) -> Path:
    """A docs folder holding exactly the pages the banks link to (less `leave_out`)."""
    modules = {r["module"] for r in spec["roles"]} | {e["module"] for e in spec["exercises"]}
    for module in modules - {leave_out}:
        (folder / module).parent.mkdir(parents=True, exist_ok=True)
        (folder / module).write_text("# page\n", encoding="utf-8")
    return folder


def test_check_passes_on_the_shipped_banks(spec: dict, tmp_path: Path) -> None:
    proc = run("--docs", str(docs_for(spec, tmp_path / "docs")), "check")
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.startswith("ok: 5 roles, ")
    assert "role profile has 30 statements" in proc.stdout


def test_check_reports_a_missing_module_page(spec: dict, tmp_path: Path) -> None:
    docs = docs_for(spec, tmp_path / "docs", leave_out="roles/translator.md")
    proc = run("--docs", str(docs), "check")
    assert proc.returncode == 1
    *problems, summary = proc.stderr.splitlines()
    assert problems
    assert summary == f"{len(problems)} problem{'' if len(problems) == 1 else 's'} found"
    for line in problems:
        assert PROBLEM_LINE.match(line), line
        assert "module 'roles/translator.md' not found in " in line


@pytest.mark.parametrize(("case", "expected"), [
    ("three-mistakes", [
        "three-mistakes/conductor.yml:39: items.3.revrese: unknown key 'revrese'",
        "three-mistakes/domain-expert.yml:87: exercises.1.minutes: "
        "Input should be a valid integer, unable to parse string as an integer",
        "three-mistakes/translator.yml:75: exercises: no exercise for the 'strong' band",
    ]),
    # One file with a wrong type, an unknown key and a duplicate id: all three in one run.
    ("three-in-one-file", [
        "three-in-one-file/conductor.yml:39: items.3.revrese: unknown key 'revrese'",
        "three-in-one-file/conductor.yml:85: exercises.1.id: "
        "duplicate id 'cond-x1' (first used at three-in-one-file/conductor.yml:76)",
        "three-in-one-file/conductor.yml:87: exercises.1.minutes: "
        "Input should be a valid integer, unable to parse string as an integer",
    ]),
])
def test_check_prints_each_of_three_mistakes_once(case: str, expected: list[str]) -> None:
    proc = run("--banks", case, "--no-docs", "check", cwd=BROKEN)
    assert proc.returncode == 1
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert lines == [*expected, "3 problems found"]
    assert all(PROBLEM_LINE.match(line) for line in lines[:3])


def test_check_on_a_missing_bank_folder(tmp_path: Path) -> None:
    proc = run("--banks", str(tmp_path / "nope"), "check")
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [f"{tmp_path / 'nope'}: bank folder not found",
                                        "1 problem found"]


@pytest.mark.parametrize(
    "args",
    [
        pytest.param([], id="no-command"),
        pytest.param(["frobnicate"], id="unknown-command"),
        pytest.param(["schema", "nope"], id="unknown-schema"),
        pytest.param(["check", "--bogus"], id="unknown-option"),
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    proc = run(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "usage: python -m generator" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_export_has_the_profile_and_every_role(spec: dict) -> None:
    assessments = spec["assessments"]
    assert list(assessments) == ["role-profile", *ROLE_IDS]
    for ident, entry in assessments.items():
        assert entry["id"] == ident
        assert re.fullmatch(r"[0-9a-f]{12}", entry["bank_version"]), entry["bank_version"]
        assert set(entry["items"]) <= set(spec["items"])
        assert set(entry["scenarios"]) <= set(spec["scenarios"])
    assert len(assessments["role-profile"]["items"]) == 30
    assert len(assessments["role-profile"]["scenarios"]) == 5
    assert len({e["bank_version"] for e in assessments.values()}) == 6


def test_export_is_stable_and_pretty_prints(tmp_path: Path, spec: dict) -> None:
    proc = run("--no-docs", "export", "--pretty")
    assert proc.returncode == 0
    assert proc.stdout.startswith("{\n")
    assert json.loads(proc.stdout) == spec


@pytest.mark.parametrize(("args", "title"), [
    ([], "Role bank"),
    (["bank"], "Role bank"),
    (["starters"], "Starter practices"),
    (["settings"], "Settings"),
])
def test_schema_prints_a_json_schema(args: list[str], title: str) -> None:
    proc = run("schema", *args)
    assert (proc.returncode, proc.stderr) == (0, "")
    schema = json.loads(proc.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == title
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert schema["required"]
    assert set(schema["required"]) <= set(schema["properties"])


@pytest.mark.parametrize("command", ["check", "export", "build"])
def test_a_docs_folder_that_is_not_there_is_a_usage_error(tmp_path: Path, command: str) -> None:
    extra = [str(tmp_path / "out")] if command == "build" else []
    proc = run("--docs", "no-such-folder", command, *extra, cwd=tmp_path.parent)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip() == (
        f"python -m generator {command}: error: --docs no-such-folder: no such folder "
        "(use --no-docs to skip the module checks)"
    )
