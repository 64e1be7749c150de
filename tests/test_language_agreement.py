"""The same answers score the same in every language: CLI and browser, English and Spanish.

The bug class this guards against: a translation that flips a reverse-keyed statement, moves a
best option or changes a plan. Translations hold text only (generator/translate.py), so the
scored content is the same by construction; these tests check the whole path anyway.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from generator.compile import compile_spec
from generator.loader import load_content
from generator.results import new_result

if TYPE_CHECKING:
    from conftest import Watch
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[1]
PROFILE = "role-profile"


@pytest.fixture(scope="module")
def specs() -> dict[str, dict[str, Any]]:
    return {lang: compile_spec(load_content(ROOT / "assessments", lang=lang), lang) for lang in ("en", "es")}


def answer_sets(spec: dict[str, Any], n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    a = spec["assessments"][PROFILE]
    out = []
    for _ in range(n):
        answers: dict[str, Any] = {}
        for item in a["items"]:
            answers[item] = "na" if rng.random() < 0.1 else rng.randint(1, 5)
        for sid in a["scenarios"]:
            answers[sid] = rng.choice(spec["scenarios"][sid]["options"])["id"]
        out.append(answers)
    return out


def test_the_spanish_banks_score_exactly_like_the_english(specs: dict[str, dict[str, Any]]) -> None:
    en, es = specs["en"], specs["es"]
    assert {k: v["bank_version"] for k, v in en["assessments"].items()} == {
        k: v["bank_version"] for k, v in es["assessments"].items()}
    assert {i: (v["role"], v["reverse"]) for i, v in en["items"].items()} == {
        i: (v["role"], v["reverse"]) for i, v in es["items"].items()}
    assert {s: [(o["id"], o["rating"]) for o in v["options"]] for s, v in en["scenarios"].items()} == {
        s: [(o["id"], o["rating"]) for o in v["options"]] for s, v in es["scenarios"].items()}
    assert en["items"]["cond-01"]["text"] != es["items"]["cond-01"]["text"]


def score_cli(path: Path, lang: str) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "--no-docs", "--lang", lang, "score", str(path), "--json"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return dict(json.loads(proc.stdout))


def scored_part(result: dict[str, Any]) -> dict[str, Any]:
    """What must not change with the language: scores, profile, plan, scenario choices."""
    return {
        "roles": result["roles"], "profile": result["profile"], "plan": result["plan"],
        "scenarios": [(s["scenario"], s["chosen"], s["rating"], s["best"]) for s in result["scenarios"]],
    }


def test_the_cli_scores_the_same_in_both_languages(specs: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    for n, answers in enumerate(answer_sets(specs["en"], 12, seed=25)):
        path = tmp_path / f"r{n}.json"
        doc = new_result(specs["en"], PROFILE, answers, "2026-11-25T09:00:00Z")
        path.write_text(json.dumps(doc), encoding="utf-8")
        en, es = score_cli(path, "en"), score_cli(path, "es")
        assert scored_part(en) == scored_part(es)
        feedback = [s["feedback"] for s in en["scenarios"]]
        assert feedback != [s["feedback"] for s in es["scenarios"]]  # the words did change


@pytest.mark.browser
def test_the_same_answers_in_the_english_and_spanish_quiz(
    page: Page, site: str, watch: Watch, specs: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    answers = answer_sets(specs["en"], 1, seed=7)[0]
    downloaded = {}
    for lang, prefix in (("en", ""), ("es", "es/")):
        page.goto(f"{site}{prefix}quiz/{PROFILE}/")
        page.wait_for_selector("[data-hai-quiz][data-hai-ready=yes]")
        assert page.locator("html").get_attribute("lang") == lang
        for item, value in answers.items():
            page.locator(f"fieldset[data-item='{item}'] input[value='{value}']").check()
        page.locator("form[data-hai-form] button[type=submit]").click()
        page.locator("[data-hai-results] table").first.wait_for()
        with page.expect_download() as info:
            page.locator("[data-hai-results] [data-action=export]").click()
        path = tmp_path / f"{lang}.json"
        info.value.save_as(path)
        downloaded[lang] = json.loads(path.read_text(encoding="utf-8"))
        page.evaluate("localStorage.clear()")
    assert downloaded["en"]["answers"] == downloaded["es"]["answers"] == answers
    assert downloaded["en"]["bank_version"] == downloaded["es"]["bank_version"]
    for lang in ("en", "es"):
        path = tmp_path / f"{lang}.json"
        assert scored_part(score_cli(path, "en")) == scored_part(score_cli(path, "es"))
    watch.check()
