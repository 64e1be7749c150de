"""Self and others (contracts/compare.md): hand-computed golden cases, the command line, and the
browser's compare.mjs agreeing with Python on generated sets of files."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import shipped_spec

from generator.compare import CompareError, compare, compare_files
from generator.compile import LIMITS, RESULT_FORMAT
from generator.i18n import catalogue, keys_used
from generator.models import BANDS

ROOT = Path(__file__).resolve().parents[1]
CASES = json.loads((ROOT / "tests/fixtures/compare_cases.json").read_text(encoding="utf-8"))
NODE = shutil.which("node")


def case_spec(case: dict[str, Any]) -> dict[str, Any]:
    spec = {**CASES["spec"], "result_format": RESULT_FORMAT}
    for key, value in case.get("spec", {}).items():
        if value is None:
            spec.pop(key, None)
        else:
            spec[key] = value
    return spec


def file_of(entry: dict[str, Any]) -> tuple[str, bytes]:
    """A case's file as (name, bytes); a document gets the format this site writes today."""
    if "text" in entry:
        return entry["name"], entry["text"].encode()
    return entry["name"], json.dumps({"format": RESULT_FORMAT, **entry["doc"]}).encode()


def check_expected(got: dict[str, Any], expected: dict[str, Any]) -> None:
    """Every key the case names matches; roles are matched per role, counts where marked."""
    for key, want in expected.items():
        if key == "roles":
            rows = {r["role"]: r for r in got["roles"]}
            for role, fields in want.items():
                assert {k: rows[role][k] for k in fields} == fields, role
        elif key == "accepted":
            assert [{"file": a["file"], "warnings": len(a["warnings"])} for a in got["accepted"]] == want
        elif key == "rejected":
            assert [r["file"] for r in got["rejected"]] == [w["file"] for w in want]
            for r, w in zip(got["rejected"], want, strict=True):
                assert r["reason"] == w["reason"], r
                if "error" in w:
                    assert r["error"] == w["error"]
                else:
                    assert w["error_contains"] in r["error"], r
        elif key == "warnings":
            assert len(got["warnings"]) == want, got["warnings"]
        elif key == "self_warnings":
            assert len(got["self"]["warnings"]) == want
        else:
            assert got[key] == want, key


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["name"][:60] for c in CASES["cases"]])
def test_golden_case(case: dict[str, Any]) -> None:
    spec = case_spec(case)
    expected = case["expected"]
    if case.get("kind") != "files":
        check_expected(compare(spec, "mini", case["self"], case["observers"]), expected)
        return
    args = (spec, file_of(case["self_file"]), [file_of(f) for f in case["observer_files"]])
    if "error_contains" in expected:
        with pytest.raises(CompareError, match=expected["error_contains"]):
            compare_files(*args)
        return
    check_expected(compare_files(*args), expected)


def test_there_are_enough_golden_cases() -> None:
    assert len(CASES["cases"]) >= 15


def browser_messages(follow: bool = True) -> dict[str, Any]:
    """The English messages compare.mjs (and, with `follow`, the modules it imports) uses, as a
    compiled spec carries them."""
    static = ROOT / "generator/static"
    keys = set(catalogue("en").messages)
    todo, seen, used = ["compare.mjs"], set(), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        text = (static / name).read_text(encoding="utf-8")
        used |= keys_used(text, keys)
        if follow:
            todo += re.findall(r'from "\./([\w-]+\.mjs)"', text)
    return catalogue("en").subset(used)


def test_the_golden_spec_carries_the_current_messages() -> None:
    """The browser modules word their messages from spec.messages and read spec.bands and
    spec.limits, as the site's spec carries them; the golden cases' spec must hold today's
    compare messages (REFRESH=1 rewrites it, with the messages of the modules compare.mjs imports;
    a change of their wording shows in the golden cases' browser run)."""
    if os.environ.get("REFRESH"):
        fresh = {"lang": "en", "bands": list(BANDS), "limits": dict(LIMITS), "messages": browser_messages()}
        text = json.dumps({**CASES, "spec": {**CASES["spec"], **fresh}}, indent=1, ensure_ascii=False)
        (ROOT / "tests/fixtures/compare_cases.json").write_text(text, encoding="utf-8")
        return
    spec = CASES["spec"]
    assert (spec.get("lang"), spec.get("bands"), spec.get("limits")) == ("en", list(BANDS), dict(LIMITS))
    own = browser_messages(follow=False)
    have = {k: spec.get("messages", {}).get(k) for k in own}
    assert have == own, "run REFRESH=1 pytest tests/test_compare.py -k messages"


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_golden_cases_pass_in_the_browser_module() -> None:
    proc = subprocess.run(
        [NODE, "--test", str(ROOT / "tests/js/compare.test.mjs")], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]


# ---- generated sets: Python and the browser agree exactly --------------------------------------


def observer_answers(
    spec: dict[str, Any], assessment: str, rng: random.Random, level: dict[str, float]
) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    p_na = rng.choice([0.0, 0.05, 0.15, 0.4])
    for item_id in spec["assessments"][assessment]["items"]:
        item = spec["items"][item_id]
        roll = rng.random()
        if roll < p_na:
            answers[item_id] = "na"
        elif roll < p_na + 0.03:
            continue
        else:
            s = min(5, max(1, round(rng.gauss(level[item["role"]], 0.9))))
            answers[item_id] = 6 - s if item["reverse"] else s
    return answers


def generated_set(spec: dict[str, Any], rng: random.Random, number: int) -> dict[str, Any]:
    """A self file and 0..9 observer files, with the mistakes people make along the way."""
    assessment = "role-profile" if rng.random() < 0.85 else rng.choice(spec["role_ids"])
    a = spec["assessments"][assessment]
    level = {r: rng.uniform(1.5, 4.5) for r in spec["role_ids"]}
    own = observer_answers(spec, assessment, rng, level)
    for sid in a["scenarios"]:
        own[sid] = rng.choice(spec["scenarios"][sid]["options"])["id"]
    self_doc = {"format": RESULT_FORMAT, "assessment": assessment, "bank_version": a["bank_version"],
                "taken_at": "2026-11-01T09:00:00Z", "perspective": "self", "name": "Leader", "answers": own}
    invite = rng.choice(["K7P2QX", "K7P2QX", "M3WQ9T"])
    files: list[dict[str, Any]] = []
    for i in range(rng.choice([0, 1, 2, 3, 3, 4, 5, 6, 8, 9])):
        seen = {r: v + rng.uniform(-1.2, 1.2) for r, v in level.items()}
        doc: dict[str, Any] = {
            "format": RESULT_FORMAT, "assessment": assessment, "bank_version": a["bank_version"],
            "taken_at": f"2026-11-0{1 + i % 9}T1{i % 10}:00:00Z", "perspective": "observer",
            "about": "Leader", "invite": invite, "answers": observer_answers(spec, assessment, rng, seen),
        }
        if rng.random() < 0.8:
            doc["relationship"] = rng.choice(
                ["manager", "peer", "peer", "direct-report", "direct-report", "other"])
        if rng.random() < 0.05:
            doc["bank_version"] = "0123456789ab"
        files.append({"name": f"set{number}-o{i}.json", "text": json.dumps(doc)})
    roll = rng.random()
    if files and roll < 0.08:
        files.append({**files[0], "name": f"set{number}-copy.json"})
    elif roll < 0.14:
        files.append({"name": f"set{number}-self.json", "text": json.dumps(self_doc)})
    elif roll < 0.2:
        files.append({"name": f"set{number}-broken.json", "text": '{"format": '})
    elif roll < 0.25:
        other = "conductor" if assessment != "conductor" else "translator"
        b = spec["assessments"][other]
        files.append({"name": f"set{number}-other.json", "text": json.dumps({
            "format": RESULT_FORMAT, "assessment": other, "bank_version": b["bank_version"],
            "perspective": "observer", "answers": {b["items"][0]: 3}})})
    return {"self": {"name": f"set{number}-self.json", "text": json.dumps(self_doc)}, "observers": files}


def python_report(spec: dict[str, Any], s: dict[str, Any]) -> dict[str, Any]:
    report = compare_files(
        spec, (s["self"]["name"], s["self"]["text"].encode()),
        [(f["name"], f["text"].encode()) for f in s["observers"]],
    )
    return normalized(report)


def normalized(report: dict[str, Any]) -> dict[str, Any]:
    """Warning wording may differ between the two (contract): compare their counts."""
    out = dict(report)
    out["self"] = {**report["self"], "warnings": len(report["self"]["warnings"])}
    out["accepted"] = [{**a, "warnings": len(a["warnings"])} for a in report["accepted"]]
    out["rejected"] = [
        {**r, "error": r["error"] if r["reason"] != "broken" else "(broken)"} for r in report["rejected"]
    ]
    out["warnings"] = len(report["warnings"])
    return out


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_browser_and_python_agree_on_generated_sets(tmp_path: Path) -> None:
    spec = shipped_spec()
    rng = random.Random(20261125)
    sets = [generated_set(spec, rng, n) for n in range(600)]
    expected = [python_report(spec, s) for s in sets]
    shown = sum(r["needed"] == 0 for r in expected)
    assert shown > 250, shown  # most sets have enough observers to show something
    assert sum(bool(r["groups"]) for r in expected) > 20
    assert sum(bool(r["blind_spots"]) for r in expected) > 30
    assert sum(bool(r["hidden_strengths"]) for r in expected) > 30
    assert sum(bool(r["items"]["higher"]) and bool(r["items"]["lower"]) for r in expected) > 100
    assert sum(bool(r["rejected"]) for r in expected) > 60
    path = tmp_path / "sets.json"
    path.write_text(json.dumps({"spec": spec, "sets": sets, "expected": expected}), encoding="utf-8")
    proc = subprocess.run(
        [NODE, str(ROOT / "tests/js/compare_agree.mjs"), str(path)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert proc.stdout.strip().endswith("600 agree, 0 differ")


# ---- the command line ------------------------------------------------------------------------------


def generator(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--no-docs", *args], cwd=ROOT, capture_output=True, text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def round_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A self file and the observer files of one generated set that shows everything."""
    spec = shipped_spec()
    rng = random.Random(5)
    folder = tmp_path_factory.mktemp("round")
    for n in range(200):
        s = generated_set(spec, rng, n)
        r = python_report(spec, s)
        if r["needed"] == 0 and r["rejected"] and r["items"]["higher"] and r["assessment"] == "role-profile":
            break
    paths = []
    for f in [s["self"], *s["observers"]]:
        p = folder / f["name"]
        p.write_text(f["text"], encoding="utf-8")
        paths.append(p)
    return paths


def test_cli_json_is_the_report(round_files: list[Path]) -> None:
    proc = generator("compare", *map(str, round_files), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    raw = [(str(p), p.read_bytes()) for p in round_files]
    assert report == compare_files(shipped_spec(), raw[0], raw[1:])
    for r in report["rejected"]:
        assert f"{r['file']}: " in proc.stderr  # the messages go to stderr too


def test_cli_markdown_shows_the_numbers(round_files: list[Path]) -> None:
    proc = generator("compare", *map(str, round_files))
    assert proc.returncode == 0, proc.stderr
    raw = [(str(p), p.read_bytes()) for p in round_files]
    report = compare_files(shipped_spec(), raw[0], raw[1:])
    assert proc.stdout.startswith("# Self and others: Leader")
    for row in report["roles"]:
        if row["others"] is not None:
            assert f"| {row['others']} | {row['k']} |" in proc.stdout
    for e in report["items"]["higher"]:
        assert shipped_spec()["items"][e["item"]]["text"][:40] in proc.stdout


def test_cli_refuses_an_observer_file_as_the_self_file(round_files: list[Path]) -> None:
    proc = generator("compare", str(round_files[1]), str(round_files[2]))
    assert proc.returncode == 1
    assert "this is an observer's feedback file" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_exit_codes_for_missing_files_and_usage(round_files: list[Path], tmp_path: Path) -> None:
    proc = generator("compare", str(tmp_path / "nope.json"), str(round_files[1]))
    assert proc.returncode == 1
    assert "nope.json" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = generator("compare", str(round_files[0]), str(tmp_path / "gone.json"))
    assert proc.returncode == 1  # every observer file was left out: nothing to compare
    assert "gone.json: error: file not found" in proc.stderr
    assert generator("compare").returncode == 2
    assert generator("compare", str(round_files[0]), "--format", "xml").returncode == 2


def test_below_the_minimum_the_markdown_says_how_many_more(round_files: list[Path]) -> None:
    proc = generator("compare", str(round_files[0]), str(round_files[1]))
    assert proc.returncode == 0, proc.stderr
    assert "Nothing from the observers is shown yet: 2 more feedback files needed." in proc.stdout
    assert "| Role |" not in proc.stdout


# ---- simulated observers, and the team report setting observer files aside -------------------------


def test_simulate_writes_observer_files_that_compare(tmp_path: Path) -> None:
    proc = generator("simulate", "--n", "3", "--observers", "4", "--seed", "2", "--until", "2026-11-20",
                     "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "wrote 12 observer feedback files, 4 per person" in proc.stdout
    feedback = sorted(tmp_path.glob("synthetic-0002-observer-*.json"))
    assert len(feedback) == 4
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in feedback]
    assert {d["perspective"] for d in docs} == {"observer"}
    assert len({d["invite"] for d in docs}) == 1
    assert {d["about"] for d in docs} == {"Synthetic person 0002"}
    assert all(d["synthetic"] for d in docs)
    assert [d["relationship"] for d in docs] == ["peer", "direct-report", "peer", "manager"]
    spec = shipped_spec()
    assert not any(k in spec["scenarios"] for d in docs for k in d["answers"])
    own = tmp_path / "synthetic-0002.json"
    report = compare_files(spec, (str(own), own.read_bytes()), [(str(p), p.read_bytes()) for p in feedback])
    assert report["observers"] == 4
    assert report["rejected"] == []
    again = tmp_path / "again"
    generator("simulate", "--n", "3", "--observers", "4", "--seed", "2", "--until", "2026-11-20",
              "--out", str(again))
    assert (again / feedback[0].name).read_bytes() == feedback[0].read_bytes()  # same seed, same files
    assert generator("simulate", "--observers", "13", "--out", str(again)).returncode == 2


def test_the_team_report_sets_observer_files_aside(tmp_path: Path) -> None:
    from generator.cohort import cohort_report, to_markdown  # noqa: PLC0415

    generator("simulate", "--n", "2", "--observers", "3", "--until", "2026-11-20", "--out", str(tmp_path))
    files = [(p.name, p.read_bytes()) for p in sorted(tmp_path.glob("*.json"))]
    report = cohort_report(shipped_spec(), files)
    assert report["count"] == 2
    assert report["observers_set_aside"] == 6
    assert report["rejected"] == []
    assert "6 observer feedback files were set aside" in to_markdown(shipped_spec(), report)


def test_cli_compare_speaks_spanish(round_files: list[Path]) -> None:
    """`--lang es`: the report, the rejections and the refusals are in Spanish, the numbers the same."""
    proc = generator("--lang", "es", "compare", *map(str, round_files))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# Tú y los demás: Leader")
    assert "| Rol | Tú | Los demás | Observadores | Diferencia | Lectura |" in proc.stdout
    assert "## Roles principales" in proc.stdout
    assert "## Archivos descartados" in proc.stdout
    assert "Self and others" not in proc.stdout
    assert "Lead roles" not in proc.stdout
    raw = [(str(p), p.read_bytes()) for p in round_files]
    report = compare_files(shipped_spec(), raw[0], raw[1:])
    for row in report["roles"]:
        if row["others"] is not None:
            assert f"| {row['others']} | {row['k']} |" in proc.stdout
    few = generator("--lang", "es", "compare", str(round_files[0]), str(round_files[1]))
    assert "faltan 2 archivos de opinión." in few.stdout
    refused = generator("--lang", "es", "compare", str(round_files[1]), str(round_files[2]))
    assert refused.returncode == 1
    assert "este es un archivo de opinión de un observador" in refused.stderr
