"""Bank translations (assessments/i18n/<lang>/): text only, keyed by id, scores never change."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.compile import compile_spec
from generator.loader import ContentError, load_content
from generator.scoring import score
from generator.translate import languages, skeletons

ROOT = Path(__file__).resolve().parents[1]
BANKS = ROOT / "assessments"


def shout(data: Any) -> Any:
    """A pseudo-translation: every text in capitals, every key as it was."""
    if isinstance(data, str):
        return data.upper()
    if isinstance(data, list):
        return [shout(v) for v in data]
    return {k: shout(v) for k, v in data.items()}


def banks_with(tmp_path: Path, files: dict[str, Any], lang: str = "xx") -> Path:
    """A copy of the English banks with a translation folder holding `files` (name -> data)."""
    out = tmp_path / "banks"
    shutil.copytree(BANKS, out, ignore=shutil.ignore_patterns("i18n"))
    folder = out / "i18n" / lang
    folder.mkdir(parents=True)
    for name, data in files.items():
        text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (folder / name).write_text(text, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def english() -> Any:
    return load_content(BANKS)


def test_the_skeleton_is_a_complete_translation(english: Any, tmp_path: Path) -> None:
    assert load_content(banks_with(tmp_path, skeletons(english)), lang="xx") == english


def test_a_translation_changes_wording_never_scores(english: Any, tmp_path: Path) -> None:
    shouted = {name: shout(data) for name, data in skeletons(english).items()}
    translated = load_content(banks_with(tmp_path, shouted), lang="xx")
    a, b = compile_spec(english), compile_spec(translated)
    assert b["items"]["cond-01"]["text"] == a["items"]["cond-01"]["text"].upper()
    for aid in a["assessments"]:
        assert a["assessments"][aid]["bank_version"] == b["assessments"][aid]["bank_version"]
        items = a["assessments"][aid]["items"]
        answers = {i: (n % 5) + 1 for n, i in enumerate(items)} | {items[0]: "na"}
        got_a, got_b = score(a, aid, answers), score(b, aid, answers)
        assert got_a["roles"] == got_b["roles"]
        assert got_a["plan"] == got_b["plan"]


def problems(english: Any, tmp_path: Path, name: str, change: Any) -> tuple[list[str], list[str]]:
    """Load a translation whose file `name` is the skeleton changed by `change`; the problems
    (without the folder) and the file's lines."""
    files = skeletons(english)
    files[name] = change(files[name])
    folder = banks_with(tmp_path, files)
    path = folder / "i18n" / "xx" / name
    with pytest.raises(ContentError) as info:
        load_content(folder, lang="xx")
    prefix = str(path.parent) + "/"
    return [str(p).removeprefix(prefix) for p in info.value.problems], path.read_text("utf-8").splitlines()


def line_of(lines: list[str], text: str) -> int:
    return next(n for n, line in enumerate(lines, start=1) if line.strip().startswith(text))


def test_unknown_id_and_scored_fields_are_refused(english: Any, tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> dict[str, Any]:
        data["items"]["cond-99"] = {"text": "Un texto que no existe en el banco en inglés."}
        data["items"]["cond-02"]["reverse"] = True
        data["role"]["module"] = "roles/otro.md"
        first = next(iter(data["scenarios"].values()))
        next(iter(first["options"].values()))["rating"] = 4
        return data

    shown, lines = problems(english, tmp_path, "conductor.yml", change)
    scored = "cannot be translated: it is scored or structural, and comes from the English bank only"
    sid = next(s.id for s in english.banks[0].scenarios)
    oid = english.banks[0].scenarios[0].options[0].id
    assert sorted(shown) == sorted([
        f"conductor.yml:{line_of(lines, 'module:')}: role.module: 'module' {scored}",
        f"conductor.yml:{line_of(lines, 'reverse:')}: items.cond-02.reverse: 'reverse' {scored}",
        f"conductor.yml:{line_of(lines, 'cond-99:')}: items.cond-99: "
        "no statement 'cond-99' in the English bank",
        f"conductor.yml:{line_of(lines, 'rating:')}: scenarios.{sid}.options.{oid}.rating: 'rating' {scored}",
    ])


def test_missing_texts_and_wrong_lists_are_named(english: Any, tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> dict[str, Any]:
        del data["items"]["cond-03"]
        del data["role"]["coach_question"]
        data["role"]["strengths"] = data["role"]["strengths"][:-1]
        return data

    shown, lines = problems(english, tmp_path, "conductor.yml", change)
    count = len(english.banks[0].role.strengths)
    assert sorted(shown) == sorted([
        f"conductor.yml:{line_of(lines, 'items:')}: items: missing the translation of statement 'cond-03'",
        f"conductor.yml:{line_of(lines, 'role:')}: role: missing the translation of 'coach_question'",
        f"conductor.yml:{line_of(lines, 'strengths:')}: role.strengths: expected a list of {count} "
        "texts, one for each in the English, in the same order",
    ])


def test_translated_texts_keep_the_limits_and_the_option_rule(english: Any, tmp_path: Path) -> None:
    sc = english.banks[1].scenarios[0]
    opt = sc.options[0]

    def change(data: dict[str, Any]) -> dict[str, Any]:
        data["role"]["summary"] = "Corto"
        data["scenarios"][sc.id]["options"][opt.id]["text"] = " ".join(["palabra"] * 30)
        return data

    shown, lines = problems(english, tmp_path, "domain-expert.yml", change)
    shortest = min(len(o.text.split()) for o in sc.options[1:])
    short_id = next(o.id for o in sc.options[1:] if len(o.text.split()) == shortest)
    assert sorted(shown) == sorted([
        f"domain-expert.yml:{line_of(lines, 'summary:')}: role.summary: "
        "String should have at least 20 characters",
        f"domain-expert.yml:{line_of(lines, 'text: palabra')}: scenarios.{sc.id}.options.{opt.id}.text: "
        f"option {opt.id} has 30 words, more than 1.5 times the {shortest} of option {short_id}; "
        "keep a scenario's options close in length so length gives nothing away",
    ])


def test_a_missing_translation_file_is_named(english: Any, tmp_path: Path) -> None:
    files = skeletons(english)
    del files["starters.yml"]
    folder = banks_with(tmp_path, files)
    with pytest.raises(ContentError) as info:
        load_content(folder, lang="xx")
    assert [str(p) for p in info.value.problems] == [
        f"{folder}/i18n/xx/starters.yml: file not found: "
        "every file of the English banks needs its translation"
    ]


def test_languages_are_the_folders_beside_the_banks(tmp_path: Path) -> None:
    folder = banks_with(tmp_path, {}, lang="fr")
    assert languages(folder) == ["fr"]


def test_observer_forms_are_translated(english: Any, tmp_path: Path) -> None:
    """`observer` (an optional text) is translatable like `text`, and shows in the translation."""
    files = skeletons(english)
    assert "observer" in files["conductor.yml"]["items"]["cond-01"]
    said = "Antes de mirar un análisis de IA, dice qué le haría dudar."
    files["conductor.yml"]["items"]["cond-01"]["observer"] = said
    translated = load_content(banks_with(tmp_path, files), lang="xx")
    item = next(i for b in translated.banks for i in b.items if i.id == "cond-01")
    assert item.observer == said
