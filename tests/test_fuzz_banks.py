"""Broken banks, generated: whatever an author (or a merge) leaves in a bank, the loader and the
build either accept it or report `path:line:` problems and exit 1; never a traceback, never a hang."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.loader import ContentError, load_content

BANKS = ROOT / "assessments"
TARGET = "translator.yml"
VALID: dict[str, Any] = yaml.safe_load((BANKS / TARGET).read_text())
PROBLEM = re.compile(r"^\S+\.yml:\d+: \S")

ODD = ["", " ", "\u202e\u200b", "\U0001d518\U0001d52b\U0001d526", "<script>x</script>", "x" * 5000, "\t", "~"]
odd_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40) | (
    st.sampled_from(ODD)
)
scalars = st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats() | odd_text
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(odd_text, inner, max_size=4),
    max_leaves=12,
)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths(v, (*prefix, i))
    return out


ALL_PATHS = paths(VALID)[1:]


def replaced(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    """`doc` with the node at `path` replaced; where an earlier mutation cut the path short
    (a list became a number, say), the node where it ends is replaced instead."""
    if not path or not isinstance(doc, (dict, list)):
        return value
    head, *rest = path
    if isinstance(doc, dict):
        return {k: replaced(v, tuple(rest), value) if k == head else v for k, v in doc.items()}
    return [replaced(v, tuple(rest), value) if i == head else v for i, v in enumerate(doc)]


@st.composite
def broken_bank(draw: st.DrawFn) -> str:
    """A bank's text after one or two of the mistakes authors and merges make."""
    doc = VALID
    for _ in range(draw(st.integers(1, 2))):
        doc = replaced(doc, draw(st.sampled_from(ALL_PATHS)), draw(values))
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    lines = text.splitlines()
    edit = draw(st.sampled_from(["none", "tab", "duplicate", "truncate", "anchor", "bomb", "junk"]))
    at = draw(st.integers(0, max(0, len(lines) - 1)))
    if edit == "tab":
        lines[at] = "\t" + lines[at]
    elif edit == "duplicate":
        lines.insert(at, lines[at])
    elif edit == "truncate":
        lines = lines[:at]
    elif edit == "anchor":
        lines[at] = re.sub(r":( |$)", r": &a\1", lines[at], count=1)
        lines.append("extra: *a")
    elif edit == "bomb":
        lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
        pairs = zip("abcdefgh", "bcdefghi", strict=True)
        lines += [f"{c}: &{c} [{','.join([f'*{p}'] * 9)}]" for p, c in pairs]
    elif edit == "junk":
        lines.insert(at, draw(odd_text))
    return "\n".join(lines) + "\n"


def with_bank(text: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    shutil.copytree(BANKS, folder / "assessments")
    (folder / "assessments" / TARGET).write_text(text, encoding="utf-8")
    return folder


@settings(max_examples=150, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
@given(broken_bank())
def test_loader_accepts_or_reports_every_broken_bank(text: str) -> None:
    folder = with_bank(text)
    problems = []
    try:
        load_content(folder / "assessments")
    except ContentError as err:
        problems = err.problems
        assert problems
    finally:
        shutil.rmtree(folder)
    for problem in problems:
        assert PROBLEM.match(str(problem)), str(problem)
        assert problem.line >= 1
        assert "\n" not in str(problem)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken_bank())
def test_mkdocs_build_fails_cleanly_on_broken_banks(text: str) -> None:
    folder = with_bank(text)
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
            cwd=folder, capture_output=True, text=True, timeout=120, check=False,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        assert proc.returncode in (0, 1), proc.stderr
        assert "Traceback" not in proc.stderr
        if proc.returncode:
            assert re.search(r"assessments/\S+\.yml:\d+: ", proc.stderr), proc.stderr
    finally:
        shutil.rmtree(folder)
