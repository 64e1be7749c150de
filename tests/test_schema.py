"""The committed JSON Schemas: in sync with the models, referenced by every bank, and meaningful.

Editors (the YAML language server) read schema/*.schema.json through the first line of each
bank. `scripts/update-schemas` rewrites them from `python -m generator schema KIND`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from jsonschema import Draft202012Validator, ValidationError

from generator.loader import ContentError, load_content

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parents[1]
ASSESSMENTS = ROOT / "assessments"
FIXTURES = ROOT / "tests" / "fixtures"
KINDS = ("bank", "starters", "settings")
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def kind_of(path: Path) -> str:
    return {"settings.yml": "settings", "starters.yml": "starters"}.get(path.name, "bank")


def committed(kind: str) -> str:
    return (ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_matches_the_models(kind: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "generator", "schema", kind],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=60,
    ).stdout
    assert committed(kind) == out, "run scripts/update-schemas and commit schema/"


def test_update_script_is_executable() -> None:
    script = ROOT / "scripts" / "update-schemas"
    assert script.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash\n")
    assert script.stat().st_mode & 0o111


BANK_FILES = sorted(ASSESSMENTS.glob("*.yml"))


def test_all_shipped_files_are_checked() -> None:
    assert {p.name for p in BANK_FILES} >= {
        "settings.yml", "starters.yml", "conductor.yml", "domain-expert.yml", "translator.yml",
        "system-monitor.yml", "creative-catalyst.yml",
    }


@pytest.mark.parametrize("path", BANK_FILES, ids=lambda p: p.name)
def test_bank_points_its_editor_at_its_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    expected = f"# yaml-language-server: $schema=../schema/{kind_of(path)}.schema.json"
    assert first == expected
    assert (path.parent / first.split("$schema=", 1)[1]).is_file()


def validator(kind: str) -> Draft202012Validator:
    schema = json.loads(committed(kind))
    Draft202012Validator.check_schema(schema)  # a valid 2020-12 schema, or SchemaError
    return Draft202012Validator(schema)


def field(error: ValidationError) -> list[str]:
    """Where an error is, as the loader names it ("items.3.text"); a missing or unknown key is
    named with the key itself ("role.coach_question"), as the loader does."""
    at = [str(p) for p in error.absolute_path]
    if error.validator == "required":
        keys = [k for k in error.validator_value if k not in error.instance]
    elif error.validator == "additionalProperties":
        keys = [k for k in error.instance if k not in error.schema.get("properties", {})]
    else:
        return [".".join(at)]
    return [".".join([*at, k]) for k in keys]


def schema_errors(path: Path) -> list[str]:
    """Every way the file breaks its schema, as "json path: keyword", in document order."""
    errors = validator(kind_of(path)).iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))
    return [f"{e.json_path}: {e.validator}" for e in sorted(errors, key=lambda e: list(map(str, e.path)))]


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every sub-schema (every dict) of a schema, itself included."""
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v)


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_a_closed_2020_12_object_schema(kind: str) -> None:
    schema = validator(kind).schema
    assert schema["$schema"] == DRAFT
    assert schema["type"] == "object"
    assert schema["title"]
    objects = [s for s in walk(schema) if s.get("type") == "object"]
    refs = [s["$ref"] for s in walk(schema) if "$ref" in s]
    # Each schema describes nested objects through $defs: none may be skipped silently.
    assert refs
    assert len(objects) == 1 + len(schema["$defs"])
    for sub in objects:
        assert sub["additionalProperties"] is False, sub.get("title")
    for ref in refs:
        assert ref.startswith("#/$defs/")
        assert schema["$defs"][ref.removeprefix("#/$defs/")]["type"] == "object"


@pytest.mark.parametrize("path", BANK_FILES, ids=lambda p: p.name)
def test_shipped_file_conforms_to_its_schema(path: Path) -> None:
    assert schema_errors(path) == []


VALID_FILES = sorted((FIXTURES / "valid-bank").glob("*.yml"))


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: p.name)
def test_valid_fixture_conforms_to_its_schema(path: Path) -> None:
    assert schema_errors(path) == []


@pytest.mark.parametrize(
    ("case", "name", "expected"),
    [
        ("unknown-key", "conductor.yml", ["$.items[3]: additionalProperties"]),
        ("missing-key", "system-monitor.yml", ["$.role: required"]),
        ("wrong-type", "translator.yml", ["$.exercises[1].minutes: type"]),
        ("rating-out-of-range", "domain-expert.yml", ["$.scenarios[0].options[0].rating: maximum"]),
        ("text-too-short", "conductor.yml", ["$.items[7].text: minLength"]),
        ("two-options", "creative-catalyst.yml", ["$.scenarios[0].options: minItems"]),
        ("starter-without-module", "starters.yml", ["$.exercises[0]: required"]),
    ],
)
def test_schema_flags_what_the_loader_flags(
    case: str, name: str, expected: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = FIXTURES / "broken" / case / name
    assert schema_errors(path) == expected
    # The editor (schema) and the build (loader) point at the same field of the same file.
    errors = validator(kind_of(path)).iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))
    by_schema = sorted(f"{case}/{name}: {f}" for e in errors for f in field(e))
    monkeypatch.chdir(FIXTURES / "broken")
    with pytest.raises(ContentError) as info:
        load_content(Path(case), None)
    by_loader = sorted(re.sub(r":\d+: ([^:]+): .*", r": \1", str(p)) for p in info.value.problems)
    assert by_schema == by_loader
