"""The loader: every broken bank gets exactly the problems an author needs, at the right lines.

Each folder in tests/fixtures/broken/ is a complete bank set with one mistake (three in
`three-mistakes`); tests/fixtures/make_fixtures.py shows how each differs from valid-bank/.
"""

from __future__ import annotations

import filecmp
import importlib.util
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from conftest import ROLE_IDS
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.loader import MAX_BYTES, MAX_DEPTH, ContentError, load_content, parse_yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
VALID = FIXTURES / "valid-bank"
BROKEN = FIXTURES / "broken"

EXPECTED: dict[str, list[str]] = {
    "alias": [
        'alias/conductor.yml:8: anchors and aliases are not allowed in banks',
    ],
    "bank-for-other-role": [
        'bank-for-other-role/translator.yml:2: role.id: translator.yml is the bank for role '
        "'translator', not 'system-monitor'",
    ],
    "comments-only": [
        'comments-only/domain-expert.yml:1: file is empty; expected a mapping of keys',
    ],
    "duplicate-id": [
        "duplicate-id/translator.yml:85: exercises.1.id: duplicate id 'cond-x2' (first used at "
        'duplicate-id/conductor.yml:85)',
    ],
    "duplicate-key": [
        "duplicate-key/conductor.yml:79: duplicate key 'minutes' (first given on line 78)",
    ],
    "duplicate-text": [
        'duplicate-text/domain-expert.yml:53: items.7.text: same text as the item at '
        'duplicate-text/conductor.yml:53',
    ],
    "empty-file": [
        'empty-file/domain-expert.yml:1: file is empty; expected a mapping of keys',
    ],
    "few-profile": [
        'few-profile/system-monitor.yml:24: items: 5 items are marked `profile: true`; the role profile '
        'needs at least 6 per role',
    ],
    "first-item-reverse": [
        "first-item-reverse/conductor.yml:28: items.0.reverse: a bank's first item must not be reverse-keyed",
    ],
    "invalid-utf8": [
        'invalid-utf8/conductor.yml:14: file is not valid UTF-8 text',
    ],
    "misnamed-file": [
        "misnamed-file/translater.yml:2: role.id: a bank for role 'translator' must be named translator.yml",
    ],
    "missing-band": [
        "missing-band/creative-catalyst.yml:75: exercises: no exercise for the 'strong' band",
    ],
    "missing-bank": [
        "missing-bank/translator.yml: missing the bank for role 'translator'",
    ],
    "missing-key": [
        "missing-key/system-monitor.yml:1: role.coach_question: missing required key 'coach_question'",
    ],
    "missing-settings": [
        'missing-settings/settings.yml: file not found',
    ],
    "module-missing": [
        "module-missing/domain-expert.yml:22: role.module: module 'roles/domain-expret.md' not found in "
        'module-missing/docs',
    ],
    "near-duplicate": [
        'near-duplicate/translator.yml:43: items.4.text: nearly the same words as the item at '
        'near-duplicate/conductor.yml:53 (95% of their words are shared; at most 60%): say something '
        'different or drop one',
    ],
    "option-too-long": [
        'option-too-long/conductor.yml:71: scenarios.0.options.2.text: option c has 18 words, more than '
        "1.5 times the 10 of option b; keep a scenario's options close in length so length gives "
        'nothing away',
    ],
    "profile-without-observer": [
        "profile-without-observer/conductor.yml:29: items.1: "
        "a profile statement needs an `observer` form (third person) for observers",
    ],
    "rating-out-of-range": [
        'rating-out-of-range/domain-expert.yml:64: scenarios.0.options.0.rating: Input should be less '
        'than or equal to 4',
    ],
    "starter-without-module": [
        "starter-without-module/starters.yml:2: exercises.0.module: missing required key 'module'",
    ],
    "tab-after-colon": [
        'tab-after-colon/conductor.yml:3: invalid YAML: found a tab character; indent with spaces, '
        'never tabs',
    ],
    "tab-indent": [
        'tab-indent/conductor.yml:28: invalid YAML: found a tab character; indent with spaces, never tabs',
    ],
    "text-too-short": [
        'text-too-short/conductor.yml:53: items.7.text: String should have at least 20 characters',
    ],
    "three-in-one-file": [
        "three-in-one-file/conductor.yml:39: items.3.revrese: unknown key 'revrese'",
        "three-in-one-file/conductor.yml:85: exercises.1.id: duplicate id 'cond-x1' (first used at "
        'three-in-one-file/conductor.yml:76)',
        'three-in-one-file/conductor.yml:87: exercises.1.minutes: Input should be a valid integer, '
        'unable to parse string as an integer',
    ],
    "three-mistakes": [
        "three-mistakes/conductor.yml:39: items.3.revrese: unknown key 'revrese'",
        'three-mistakes/domain-expert.yml:87: exercises.1.minutes: Input should be a valid integer, '
        'unable to parse string as an integer',
        "three-mistakes/translator.yml:75: exercises: no exercise for the 'strong' band",
    ],
    "thresholds-order": [
        'thresholds-order/settings.yml:9: thresholds: developing must be below strong',
    ],
    "too-many-reverse": [
        'too-many-reverse/domain-expert.yml:24: items: 3 of 8 items are reverse-keyed; at most one in four',
    ],
    "top-level-list": [
        'top-level-list/translator.yml:1: expected a mapping of keys, found a list',
    ],
    "two-options": [
        'two-options/creative-catalyst.yml:61: scenarios.0.options: List should have at least 3 items '
        'after validation, not 2',
    ],
    "unknown-key": [
        "unknown-key/conductor.yml:39: items.3.revrese: unknown key 'revrese'",
    ],
    "wrong-type": [
        'wrong-type/translator.yml:87: exercises.1.minutes: Input should be a valid integer, unable to '
        'parse string as an integer',
    ],
    "yaml-syntax": [
        'yaml-syntax/conductor.yml:78: invalid YAML: while parsing a flow sequence (from line 77): '
        "expected ',' or ']', but got ':'",
    ],
}

# How many files of the valid set each case changes, adds or removes: one, unless noted.
CHANGED_FILES = {"three-mistakes": 3, "misnamed-file": 2}


def problems_of(bank_dir: Path, docs_dir: Path | None = None) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_content(bank_dir, docs_dir)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(("case", "expected"), sorted(EXPECTED.items()))
def test_broken_case_reports_exactly_its_problems(
    case: str, expected: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(BROKEN)
    docs = Path(case) / "docs"
    assert problems_of(Path(case), docs if docs.is_dir() else None) == expected


def test_every_broken_case_is_checked() -> None:
    assert sorted(p.name for p in BROKEN.iterdir() if p.is_dir()) == sorted(EXPECTED)


def _bank_files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_broken_case_differs_from_the_valid_set_only_where_it_says(case: str) -> None:
    folder = BROKEN / case
    names = _bank_files(VALID) | _bank_files(folder)
    changed = {
        n for n in names
        if not ((VALID / n).is_file() and (folder / n).is_file())
        or not filecmp.cmp(VALID / n, folder / n, shallow=False)
    }
    assert len(changed) == CHANGED_FILES.get(case, 1), changed


def test_fixtures_match_the_script_that_makes_them(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for name in ("valid-bank", "broken"):
        made = sorted(p.relative_to(tmp_path / name) for p in (tmp_path / name).rglob("*"))
        kept = sorted(p.relative_to(FIXTURES / name) for p in (FIXTURES / name).rglob("*"))
        assert made == kept
        for rel in made:
            if (tmp_path / name / rel).is_file():
                assert (tmp_path / name / rel).read_bytes() == (FIXTURES / name / rel).read_bytes()


def test_valid_set_loads() -> None:
    content = load_content(VALID, VALID / "docs")
    assert tuple(b.role.id for b in content.banks) == ROLE_IDS
    assert sum(i.profile for b in content.banks for i in b.items) == 30
    assert [s.profile for b in content.banks for s in b.scenarios] == [True] * 5
    assert content.starters.exercises[0].module == "where-to-begin.md"


def test_shipped_banks_load() -> None:
    # The curriculum pages are written alongside; their links are checked by `check` and mkdocs.
    content = load_content(ROOT / "assessments", None)
    assert tuple(b.role.id for b in content.banks) == ROLE_IDS
    for bank in content.banks:
        profile = [i for i in bank.items if i.profile]
        assert len(profile) == 6, bank.role.id
        assert sum(i.reverse for i in profile) == 1, bank.role.id
        assert not profile[0].reverse, bank.role.id
        assert sum(s.profile for s in bank.scenarios) == 1, bank.role.id


def _copy_valid(tmp_path: Path) -> Path:
    bank_dir = tmp_path / "banks"
    shutil.copytree(VALID, bank_dir, ignore=shutil.ignore_patterns("docs"))
    return bank_dir


def test_huge_alias_bomb_is_refused_at_its_first_anchor(tmp_path: Path) -> None:
    # 9**30 strings if expanded; refused before a single alias is followed.
    lines = ["# a billion laughs, and then some", 'a0: &a0 ["lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 30)]
    path = tmp_path / "conductor.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.monotonic()
    src, problems = parse_yaml(path)
    assert time.monotonic() - start < 5  # a hang guard, not a speed claim
    assert src.data is None
    assert [(p.line, p.message) for p in problems] == [
        (2, "anchors and aliases are not allowed in banks")
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("a: " + "[" * 10_000 + "]" * 10_000 + "\n", 1, id="flow-10000"),
        pytest.param("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n", 1, id="flow-33"),
        pytest.param("".join("  " * i + f"k{i}:\n" for i in range(200)), MAX_DEPTH + 1, id="block"),
        pytest.param("a:\n  " + "- " * 5000 + "x\n", 2, id="block-list-5000"),
    ],
)
def test_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "conductor.yml"
    path.write_text(text, encoding="utf-8")
    src, problems = parse_yaml(path)
    assert src.data is None
    assert [(p.line, p.message) for p in problems] == [
        (line, f"nesting deeper than {MAX_DEPTH} levels")
    ]


def test_nesting_up_to_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "conductor.yml"
    path.write_text("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n", encoding="utf-8")
    src, problems = parse_yaml(path)
    assert problems == []
    assert src.data is not None


def test_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "conductor.yml"
    path.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    _, problems = parse_yaml(path)
    assert [(p.line, p.message) for p in problems] == [
        (1, f"file is {MAX_BYTES + 3} bytes; the limit is {MAX_BYTES}")
    ]


def test_folder_in_place_of_a_bank_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank_dir = _copy_valid(tmp_path)
    (bank_dir / "conductor.yml").unlink()
    (bank_dir / "conductor.yml").mkdir()
    monkeypatch.chdir(tmp_path)
    assert problems_of(Path("banks")) == ["banks/conductor.yml: cannot read file: Is a directory"]


def test_missing_bank_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert problems_of(Path("nowhere")) == ["nowhere: bank folder not found"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param("  strengths:", "  yes: 1\n  strengths:",
                     "8: every key must be a plain word, like `text:`", id="bool-key"),
        pytest.param("  name: The Conductor", "  name: !!python/name:os.system ''",
                     "3: cannot read this value: could not determine a constructor for the tag "
                     "'tag:yaml.org,2002:python/name:os.system'", id="python-tag"),
        pytest.param("  summary:", "  summary: \"unclosed\n  x:",
                     "95: invalid YAML: while scanning a quoted scalar (from line 4): "
                     "found unexpected end of stream", id="unclosed-quote"),
        pytest.param("today?\n", "today?\n---\nx: 1\n",
                     "94: invalid YAML: expected a single document in the stream (from line 1): "
                     "but found another document", id="two-documents"),
        pytest.param("  name: The Conductor", "  name: The \x07Conductor",
                     "3: invalid YAML: unacceptable character #x0007: "
                     "special characters are not allowed", id="control-character"),
        pytest.param("  id: conductor", "  id: conductr",
                     "2: role.id: conductor.yml is the bank for role 'conductor', not 'conductr'",
                     id="unknown-role"),
        pytest.param("bands: [emerging]", "bands: [weekly]",
                     "77: exercises.0.bands.0: "
                     "Input should be 'emerging', 'developing' or 'strong'",
                     id="unknown-band"),
    ],
)
def test_more_mistakes_in_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, expected: str
) -> None:
    bank_dir = _copy_valid(tmp_path)
    path = bank_dir / "conductor.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert problems_of(Path("banks")) == [f"banks/conductor.yml:{expected}"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_any_bytes_give_data_or_problems_never_an_exception(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "conductor.yml"
        path.write_bytes(raw)
        src, problems = parse_yaml(path)
    assert (src.data is None) == bool(problems)
    assert all(p.line >= 1 and p.message and "\n" not in str(p) for p in problems)


YAML_FILES = sorted(FIXTURES.rglob("*.yml")) + sorted((ROOT / "assessments").glob("*.yml"))


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_libyaml_and_the_careful_parser_give_one_verdict(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bank's validity must not depend on whether libyaml is installed (issue 9)."""
    from generator import loader  # noqa: PLC0415 - the module whose switch is flipped

    fast_src, fast_problems = parse_yaml(path)
    monkeypatch.setattr(loader, "_FAST", None)
    slow_src, slow_problems = parse_yaml(path)
    assert (fast_src.data, fast_src.lines, fast_problems) == (slow_src.data, slow_src.lines, slow_problems)


@pytest.mark.parametrize("text", ["name:\tThe Conductor\n", "a: 1\t\n", "a: [1,\t2]\n", "a: x\ty\n"])
def test_a_tab_gets_the_same_verdict_with_and_without_libyaml(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import loader  # noqa: PLC0415

    path = tmp_path / "conductor.yml"
    path.write_text(text, encoding="utf-8")
    with_libyaml = parse_yaml(path)[1]
    monkeypatch.setattr(loader, "_FAST", None)
    assert [str(p) for p in with_libyaml] == [str(p) for p in parse_yaml(path)[1]]
    assert with_libyaml
    assert "tab character" in with_libyaml[0].message


def test_a_bank_for_a_role_settings_does_not_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Roles are data: settings.yml lists them, and a bank outside that list is named."""
    bank_dir = _copy_valid(tmp_path)
    text = (bank_dir / "conductor.yml").read_text(encoding="utf-8")
    (bank_dir / "coach.yml").write_text(
        text.replace("id: conductor", "id: coach").replace("cond-", "coach-"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    problems = problems_of(Path("banks"))
    assert problems[0] == (
        "banks/coach.yml:2: role.id: role 'coach' is not in the roles of settings.yml; "
        "add it there, in the order roles are listed everywhere"
    )


def test_near_duplicate_search_finds_what_comparing_every_pair_finds() -> None:
    """The prefix filter that keeps the check fast misses no pair (against brute force)."""
    import random  # noqa: PLC0415

    from generator.loader import NEAR_DUPLICATE, Source, _near_duplicates  # noqa: PLC0415

    rng = random.Random(5)
    vocab = [f"w{n}" for n in range(14)]
    src = Source("bank.yml")
    statements = []
    for n in range(300):
        words = frozenset(rng.sample(vocab, rng.randint(1, 7)))
        src.lines[("items", n, "text")] = n + 1
        statements.append((words, src, ("items", n, "text")))
    expected = set()
    for j, (words, _, _) in enumerate(statements):
        for other, _, _ in statements[:j]:
            if len(words & other) >= NEAR_DUPLICATE * len(words | other):
                expected.add(j + 1)
                break
    found = {p.line for p in _near_duplicates(statements)}
    assert len(expected) > 50
    assert found == expected
