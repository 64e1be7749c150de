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
from typing import Any

import pytest
import yaml

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


# A small validator for exactly the keywords these schemas use; a new keyword fails loudly here,
# so the checks below never silently skip part of a schema.
KEYWORDS = {
    "$defs", "$ref", "$schema", "additionalProperties", "anyOf", "default", "description", "enum",
    "items", "maxItems", "maxLength", "maximum", "minItems", "minLength", "minimum", "pattern",
    "properties", "required", "title", "type",
}
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def resolve(root: dict[str, Any], ref: str) -> dict[str, Any]:
    assert ref.startswith("#/"), ref
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    assert isinstance(node, dict)
    return node


def _check_value(schema: dict[str, Any], value: Any, root: dict[str, Any], at: str) -> list[str]:
    errors = []
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", 1e9):
            errors.append(f"{at}: length {len(value)}")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{at}: does not match {schema['pattern']}")
    if TYPES["number"](value) and not schema.get("minimum", -1e9) <= value <= schema.get(
        "maximum", 1e9
    ):
        errors.append(f"{at}: {value} out of range")
    if isinstance(value, list):
        if not schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", 1e9):
            errors.append(f"{at}: {len(value)} items")
        for i, v in enumerate(value):
            errors += check(schema.get("items", {}), v, root, f"{at}[{i}]")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        errors += [f"{at}: missing {k}" for k in schema.get("required", []) if k not in value]
        if schema.get("additionalProperties") is False:
            errors += [f"{at}: unknown key {k}" for k in value if k not in props]
        for k, v in value.items():
            if k in props:
                errors += check(props[k], v, root, f"{at}.{k}")
    return errors


def check(schema: dict[str, Any], value: Any, root: dict[str, Any], at: str = "$") -> list[str]:
    """Every way `value` breaks `schema`, as short strings (empty when it conforms)."""
    assert set(schema) <= KEYWORDS, set(schema) - KEYWORDS
    if "$ref" in schema:
        return check(resolve(root, schema["$ref"]), value, root, at)
    if "anyOf" in schema:
        if all(check(s, value, root, at) for s in schema["anyOf"]):
            return [f"{at}: matches no allowed form"]
        return []
    if "type" in schema and not TYPES[schema["type"]](value):
        return [f"{at}: not {schema['type']}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{at}: not one of {schema['enum']}"]
    return _check_value(schema, value, root, at)


def schema_errors(path: Path) -> list[str]:
    schema = json.loads(committed(kind_of(path)))
    return check(schema, yaml.safe_load(path.read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_a_closed_2020_12_object_schema(kind: str) -> None:
    schema = json.loads(committed(kind))
    assert schema["$schema"] == DRAFT
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert schema["title"]
    refs = re.findall(r'"\$ref": "([^"]+)"', committed(kind))
    for ref in refs:
        assert resolve(schema, ref)["type"] == "object"
    for name, sub in schema.get("$defs", {}).items():
        assert sub["additionalProperties"] is False, name


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
        ("unknown-key", "conductor.yml", ["$.items[3]: unknown key revrese"]),
        ("missing-key", "system-monitor.yml", ["$.role: missing coach_question"]),
        ("wrong-type", "translator.yml", ["$.exercises[1].minutes: not integer"]),
        ("rating-out-of-range", "domain-expert.yml",
         ["$.scenarios[0].options[0].rating: 5 out of range"]),
        ("text-too-short", "conductor.yml", ["$.items[7].text: length 7"]),
        ("two-options", "creative-catalyst.yml", ["$.scenarios[0].options: 2 items"]),
        ("starter-without-module", "starters.yml", ["$.exercises[0]: missing module"]),
    ],
)
def test_schema_flags_what_the_loader_flags(case: str, name: str, expected: list[str]) -> None:
    assert schema_errors(FIXTURES / "broken" / case / name) == expected
