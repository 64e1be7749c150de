"""The `score` command's readable report: the same texts as the results page, from the banks."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import shipped_spec

from generator.i18n import catalogue
from generator.report import render_score
from generator.results import ScoredResult, new_result
from generator.scoring import score

SPEC = shipped_spec()
PROFILE = "role-profile"
ROLES = {r["id"]: r for r in SPEC["roles"]}
T = catalogue("en").t


def items_of(role: str, assessment: str = PROFILE) -> list[str]:
    return [i for i in SPEC["assessments"][assessment]["items"] if SPEC["items"][i]["role"] == role]


def answers_for(per_role: dict[str, list[int]], assessment: str = PROFILE) -> dict[str, Any]:
    """Item scores per role (cycled in item order), 3 for every other role's statements."""
    out: dict[str, Any] = {}
    for item in SPEC["assessments"][assessment]["items"]:
        it = SPEC["items"][item]
        wanted = per_role.get(it["role"])
        s = wanted[items_of(it["role"], assessment).index(item) % len(wanted)] if wanted else 3
        out[item] = 6 - s if it["reverse"] else s
    return out


def report(answers: dict[str, Any], assessment: str = PROFILE) -> tuple[str, dict[str, Any]]:
    result = score(SPEC, assessment, answers)
    text = render_score(SPEC, ScoredResult("x.json", assessment, answers, result))
    return text, result


def flat(text: str) -> str:
    """Text with every run of whitespace as one space, so wrapped lines compare with bank text."""
    return re.sub(r"\s+", " ", text)


def test_primary_profile_explains_the_lead_role_and_growth_edge() -> None:
    text, result = report(answers_for({"conductor": [5]}))
    assert result["profile"]["kind"] == "primary"
    assert result["profile"]["lead"] == ["conductor"]
    body = flat(text)
    lead = ROLES["conductor"]
    assert T("results.lead_heading.primary") in text
    assert lead["lead_meaning"], "the Conductor bank has a lead_meaning"
    assert flat(lead["lead_meaning"]) in body
    for s in lead["strengths"] + lead["overuse_risks"]:  # strong, so overuse is shown
        assert f"- {flat(s)}" in body
    assert result["profile"]["growth_edge"]
    for rid in result["profile"]["growth_edge"]:
        role = ROLES[rid]
        assert flat(role["growth_meaning"]) in body
        assert flat(T("results.question") + " " + role["coach_question"]) in body
        assert flat(role["lead_meaning"]) not in body


def test_blend_explains_the_blend_and_shows_overuse_only_when_strong() -> None:
    text, result = report(
        answers_for({"translator": [4, 4, 3, 3, 3, 3], "creative-catalyst": [4, 4, 4, 4, 3, 3]})
    )
    assert result["profile"]["kind"] == "blended"
    bands = {r["role"]: r["band"] for r in result["roles"]}
    assert bands["translator"] == "developing"
    assert bands["creative-catalyst"] == "strong"
    body = flat(text)
    assert flat(T("results.lead_intro.blended")) in body
    assert T("results.lead_heading.blended") in text
    for s in ROLES["creative-catalyst"]["overuse_risks"]:
        assert flat(s) in body
    for s in ROLES["translator"]["overuse_risks"]:
        assert flat(s) not in body
    assert body.count(flat(T("results.overuse"))) == 1


def test_a_role_that_did_not_come_up_is_not_scored_and_explained() -> None:
    own = items_of("domain-expert")
    n_na = len(own) - math.ceil(0.8 * len(own)) + 1
    answers = answers_for({"conductor": [5]}) | dict.fromkeys(own[:n_na], "na")
    text, result = report(answers)
    row = next(r for r in result["roles"] if r["role"] == "domain-expert")
    assert row["score"] is None
    line = next(li for li in text.splitlines() if li.startswith(ROLES["domain-expert"]["name"] + " "))
    assert "not scored" in line
    assert line.endswith(f"{row['answered']}/{row['total']} ({n_na} did not come up)")
    name = ROLES["domain-expert"]["name"]
    assert f"{name} is not scored: this did not come up often enough ({n_na} of its {len(own)} " in flat(text)
    assert result["profile"] is not None, "the other four roles still make a profile"
    assert "Lead role(s): " + ROLES["conductor"]["name"] in text


def test_skipped_statements_are_explained_as_too_few_answers() -> None:
    items = SPEC["assessments"]["conductor"]["items"]
    text, _ = report(dict.fromkeys(items[:3], 4), "conductor")
    need = math.ceil(0.8 * len(items))
    name = ROLES["conductor"]["name"]
    assert f"{name} is not scored: too few of its statements were answered (3 of {len(items)}; " \
           f"a score needs at least {need})." in flat(text)
    assert "did not come up often enough" not in text


def test_one_role_quiz_reads_a_strong_score_as_a_strength() -> None:
    role = ROLES["system-monitor"]
    text, result = report(answers_for({"system-monitor": [5]}, "system-monitor"), "system-monitor")
    assert result["roles"][0]["band"] == "strong"
    body = flat(text)
    assert T("results.lead_heading.single") in text
    assert flat(role["lead_meaning"]) in body
    assert flat(role["overuse_risks"][0]) in body
    text, result = report(answers_for({"system-monitor": [2]}, "system-monitor"), "system-monitor")
    assert result["roles"][0]["band"] == "emerging"
    body = flat(text)
    assert flat(role["growth_meaning"]) in body
    assert flat(role["coach_question"]) in body
    assert flat(role["overuse_risks"][0]) not in body


def test_score_prints_the_report_in_spanish_with_lang_es(tmp_path: Path) -> None:
    """`--lang es score FILE`: the same report in Spanish, from the Spanish catalogue and banks;
    a file taken on the English site reads the same (answers are ids and numbers)."""
    answers = answers_for({"conductor": [5], "translator": [1, 2]})
    answers[items_of("domain-expert")[0]] = "na"
    path = tmp_path / "result.json"
    path.write_text(json.dumps(new_result(SPEC, PROFILE, answers, "2026-11-25T10:00:00Z")), "utf-8")
    root = Path(__file__).resolve().parents[1]
    run = [sys.executable, "-m", "generator", "--no-docs"]

    def cli(*args: str) -> str:
        proc = subprocess.run([*run, *args, str(path)], cwd=root, capture_output=True, text=True, check=True)
        return proc.stdout

    es, en = cli("--lang", "es", "score"), cli("score")
    es_t = catalogue("es").t
    result = score(SPEC, PROFILE, answers)
    assert es.splitlines()[2].split() == ["Rol", "Puntuación", "Banda", "Respondidas"]
    assert es_t("report.plan") in es
    assert es_t("report.honest") in es
    assert es_t("results.lead_heading." + result["profile"]["kind"]) in es
    assert "(1 no se presentó)" in es
    for english in (T("report.plan"), T("report.honest"), "did not come up", "Lead role", "strong"):
        assert english in en
        assert english not in es
    # the same numbers in both: score column per role
    def scores(text: str) -> list[str]:
        return [re.findall(r"\s(\d+|—)\s", line)[0] for line in text.splitlines()[3:8]]
    expected = [str(r["score"]) if r["score"] is not None else "—" for r in result["roles"]]
    assert scores(es) == scores(en) == expected
