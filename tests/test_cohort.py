"""The team report (`generator/cohort.py`, `python -m generator cohort`) against contracts/cohort.md.

Answers are built so that every statement of a role gets the same item score `v`, which makes
the role score `25 * (v - 1)` whatever the number of statements: the expected numbers below
are computed by hand from that.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROLE_IDS, shipped_spec

from generator.cohort import cohort_report, csv_cell, mean_tenths, read_files, to_csv, to_markdown
from generator.results import new_result

ROOT = Path(__file__).resolve().parents[1]
PROFILE = "role-profile"
TAKEN_AT = "2026-11-20T09:00:00Z"



def answers_at(assessment: str, levels: dict[str, int | None]) -> dict[str, Any]:
    """Every statement of a role at item score `levels[role]`; None leaves the role unanswered."""
    spec = shipped_spec()
    answers: dict[str, Any] = {}
    for item_id in spec["assessments"][assessment]["items"]:
        item = spec["items"][item_id]
        level = levels.get(item["role"])
        if level is not None:
            answers[item_id] = 6 - level if item["reverse"] else level
    return answers


def result_bytes(levels: dict[str, int | None], name: str = "", assessment: str = PROFILE,
                 **extra: Any) -> bytes:
    doc = new_result(shipped_spec(), assessment, answers_at(assessment, levels), TAKEN_AT, name)
    return json.dumps(doc | extra, ensure_ascii=False).encode("utf-8")


def levels(*values: int | None) -> dict[str, int | None]:
    return dict(zip(ROLE_IDS, values, strict=True))


# Item-score levels (role score = 25 * (level - 1)):
#              cond dom tran mon cat          scores               lead (margin 10)
# ana  "Ana"    5    4    3    2    4   ->  100  75  50  25  75    conductor
# bo   ""       3    5    5    1    2   ->   50 100 100   0  25    domain-expert, translator
# cy   "cy"     2    2    4    -    5   ->   25  25  75   -  100   creative-catalyst
# dee  "Dee"    conductor assessment 4 ->   75 (conductor only)    [] (no profile)
TEAM = {
    "ana.json": result_bytes(levels(5, 4, 3, 2, 4), "Ana"),
    "bo.json": result_bytes(levels(3, 5, 5, 1, 2)),
    "cy.json": result_bytes(levels(2, 2, 4, None, 5), "cy"),
    "dee.json": result_bytes({"conductor": 4}, "Dee", assessment="conductor"),
    "bad.json": b"{not json",
    "old-format.json": result_bytes(levels(3, 3, 3, 3, 3), format="role-profile-result/0"),
}

# Per role, by hand: mean_tenths = (20 * sum + n) // (2 * n)
#   conductor      100, 50, 25, 75  n=4 sum=250  (5000+4)//8 = 625  -> 62.5   leads 1 (ana)
#   domain-expert   75,100, 25      n=3 sum=200  (4000+3)//6 = 667  -> 66.7   leads 1 (bo)
#   translator      50,100, 75      n=3 sum=225  (4500+3)//6 = 750  -> 75.0   leads 1 (bo)
#   system-monitor  25,  0          n=2 sum= 25  ( 500+2)//4 = 125  -> 12.5   leads 0
#   creative-cat.   75, 25,100      n=3 sum=200  (4000+3)//6 = 667  -> 66.7   leads 1 (cy)
EXPECTED_ROLES = {
    "conductor": (4, 625, 1, {"emerging": 1, "developing": 1, "strong": 2}),
    "domain-expert": (3, 667, 1, {"emerging": 1, "developing": 0, "strong": 2}),
    "translator": (3, 750, 1, {"emerging": 0, "developing": 1, "strong": 2}),
    "system-monitor": (2, 125, 0, {"emerging": 2, "developing": 0, "strong": 0}),
    "creative-catalyst": (3, 667, 1, {"emerging": 1, "developing": 0, "strong": 2}),
}


@pytest.fixture
def team_dir(tmp_path: Path) -> Path:
    """The hand-made team above, written as files."""
    for name, raw in TEAM.items():
        (tmp_path / name).write_bytes(raw)
    return tmp_path


def team_report(**only: bytes) -> dict[str, Any]:
    files = list((only or TEAM).items())
    return cohort_report(shipped_spec(), files)


def run_cohort(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--no-docs", "cohort", *args],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False, timeout=60,
    )


# ---- the pure report ------------------------------------------------------------------------


def test_people_rows_sorted_by_name_or_file() -> None:
    report = team_report()
    assert [p["file"] for p in report["people"]] == ["ana.json", "bo.json", "cy.json", "dee.json"]
    ana, bo, cy, dee = report["people"]
    assert ana == {
        "file": "ana.json", "name": "Ana", "assessment": PROFILE, "taken_at": TAKEN_AT,
        "scores": dict(zip(ROLE_IDS, (100, 75, 50, 25, 75), strict=True)),
        "bands": dict(zip(ROLE_IDS, ("strong", "strong", "developing", "emerging", "strong"),
                          strict=True)),
        "lead": ["conductor"], "warnings": [],
    }
    assert bo["name"] == ""
    assert bo["lead"] == ["domain-expert", "translator"]
    assert cy["scores"]["system-monitor"] is None
    assert cy["bands"]["system-monitor"] is None
    assert cy["lead"] == ["creative-catalyst"]
    assert dee["scores"] == {"conductor": 75}
    assert dee["lead"] == []
    assert report["count"] == 4


def test_role_summaries_by_hand() -> None:
    report = team_report()
    names = {r["id"]: r["name"] for r in shipped_spec()["roles"]}
    assert [r["role"] for r in report["roles"]] == list(ROLE_IDS)
    for row in report["roles"]:
        n, tenths, leads, bands = EXPECTED_ROLES[row["role"]]
        assert row == {"role": row["role"], "name": names[row["role"]], "n": n,
                       "mean_tenths": tenths, "mean": tenths / 10, "leads": leads, "bands": bands}


def test_unled_and_focus() -> None:
    report = team_report()
    assert report["unled"] == ["system-monitor"]
    assert (report["focus"], report["focus_reason"]) == ("system-monitor", "unled")


def test_rejected_files_are_named_and_the_rest_processed() -> None:
    rejected = {r["file"]: r["error"] for r in team_report()["rejected"]}
    assert set(rejected) == {"bad.json", "old-format.json"}
    assert "not valid JSON" in rejected["bad.json"]
    assert "'format'" in rejected["old-format.json"]


def test_file_is_the_base_name() -> None:
    report = cohort_report(shipped_spec(), [("some/dir/ana.json", TEAM["ana.json"]),
                                            ("C:\\team\\bad.json", b"[")])
    assert report["people"][0]["file"] == "ana.json"
    assert report["rejected"][0]["file"] == "bad.json"


def test_every_role_led_gives_the_lowest_mean_as_focus() -> None:
    # x: 100 75 50 25 0 -> lead conductor; y: 0 25 50 75 100 -> lead creative-catalyst;
    # z: 50 100 100 100 50 -> lead domain-expert, translator, system-monitor.
    # Means (tenths): cond 500, dom 667, tran 667, mon 667, cat 500: lowest first in order is cond.
    report = team_report(x=result_bytes(levels(5, 4, 3, 2, 1)), y=result_bytes(levels(1, 2, 3, 4, 5)),
                         z=result_bytes(levels(3, 5, 5, 5, 3)))
    assert report["unled"] == []
    assert [r["mean_tenths"] for r in report["roles"]] == [500, 667, 667, 667, 500]
    assert (report["focus"], report["focus_reason"]) == ("conductor", "lowest-mean")


def test_no_profile_means_no_unled_roles() -> None:
    # Only one-role results: nobody has lead roles, so "unled" would say nothing true.
    report = team_report(a=result_bytes({"translator": 2}, assessment="translator"),
                         b=result_bytes({"conductor": 4}, assessment="conductor"))
    assert report["unled"] == []
    assert [r["n"] for r in report["roles"]] == [1, 0, 1, 0, 0]
    assert report["roles"][1]["mean_tenths"] is None
    assert report["roles"][1]["mean"] is None
    assert (report["focus"], report["focus_reason"]) == ("translator", "lowest-mean")


def test_unled_role_with_the_lowest_mean_wins() -> None:
    # p: 100 100 0 0 0 -> lead conductor, domain-expert; unled: tran, mon, cat with means 0, 25, 0
    # q: 100 100 0 25 0  (the same lead).  Lowest unled mean_tenths: tran 0, cat 0 -> translator.
    report = team_report(p=result_bytes(levels(5, 5, 1, 1, 1)), q=result_bytes(levels(5, 5, 1, 2, 1)))
    assert report["unled"] == ["translator", "system-monitor", "creative-catalyst"]
    assert (report["focus"], report["focus_reason"]) == ("translator", "unled")
    text = to_markdown(shipped_spec(), report)
    assert "The Translator: no one leads it, and its team mean (0.0) is the lowest" in text


def test_nothing_accepted() -> None:
    report = team_report(bad=b"nope")
    assert report["count"] == 0
    assert report["people"] == []
    assert report["unled"] == []
    assert (report["focus"], report["focus_reason"]) == (None, None)
    assert [r["n"] for r in report["roles"]] == [0] * 5


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([], None),
        ([50], 500),
        ([0, 0, 1, 0], 3),  # 0.25 -> 0.3 (half up; round(0.25, 1) would give 0.2)
        ([62, 63], 625),
        ([0, 1, 1], 7),  # 0.667 -> 0.7
        ([0, 0, 0, 1, 0, 0], 2),  # 0.1667 -> 0.2
        ([100, 100, 99], 997),
    ],
)
def test_mean_tenths_rounds_half_up_in_integers(scores: list[int], expected: int | None) -> None:
    assert mean_tenths(scores) == expected


def test_warnings_are_kept_per_row() -> None:
    raw = result_bytes(levels(3, 3, 3, 3, 3), "Old", bank_version="0123456789ab")
    (row,) = team_report(old=raw)["people"]
    assert len(row["warnings"]) == 1


# ---- CSV ------------------------------------------------------------------------------------


def test_csv_header_rows_and_nulls() -> None:
    text = to_csv(team_report())
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "name", "file", "assessment", "taken_at",
        "conductor_score", "domain-expert_score", "translator_score", "system-monitor_score",
        "creative-catalyst_score", "conductor_band", "domain-expert_band", "translator_band",
        "system-monitor_band", "creative-catalyst_band", "lead",
    ]
    assert rows[1] == ["Ana", "ana.json", PROFILE, TAKEN_AT, "100", "75", "50", "25", "75",
                       "strong", "strong", "developing", "emerging", "strong", "conductor"]
    assert rows[2][-1] == "domain-expert;translator"
    assert rows[3][7] == ""  # cy's system-monitor score is null
    assert rows[4][4:] == ["75", "", "", "", "", "strong", "", "", "", "", ""]
    assert len(rows) == 5
    assert text.endswith("\r\n")


@pytest.mark.parametrize(
    ("name", "cell"),
    [
        ('=HYPERLINK("http://example.invalid","x")', '\'=HYPERLINK("http://example.invalid","x")'),
        ("+1 555", "'+1 555"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Ana = lead", "Ana = lead"),
        ("O'Neil, Pat", "O'Neil, Pat"),
    ],
)
def test_csv_guards_against_formulas(name: str, cell: str) -> None:
    rows = list(csv.reader(io.StringIO(to_csv(team_report(x=result_bytes(levels(3, 3, 3, 3, 3),
                                                                          name))))))
    assert rows[1][0] == cell


def test_csv_cell() -> None:
    assert csv_cell(None) == ""
    assert csv_cell(0) == "0"
    assert csv_cell("=1+1") == "'=1+1"
    assert csv_cell("") == ""


# ---- Markdown -------------------------------------------------------------------------------


def test_markdown_report() -> None:
    spec = shipped_spec()
    text = to_markdown(spec, team_report())
    assert "| Ana | ana.json | 100 strong | 75 strong | 50 developing | 25 emerging | 75 strong |" in text
    assert "too few answers" in text  # cy, system monitor
    assert "| The Conductor | 4 | 62.5 | 1 | 1 | 1 | 2 |" in text
    assert "| The System Monitor | 2 | 12.5 | 0 | 2 | 0 | 0 |" in text
    assert "No one in this team leads The System Monitor." in text
    assert text.count("No one in this team leads") == 1
    assert "## Suggested focus\n\nThe System Monitor: no one in this team leads it (team mean 12.5)." in text
    assert "- bad.json: not valid JSON" in text
    assert "- old-format.json: 'format'" in text


def test_markdown_neutralises_names() -> None:
    nasty = "Eve | x\n| injected | row \x1b[31m [link](http://example.invalid) <b>"
    text = to_markdown(shipped_spec(), team_report(e=result_bytes(levels(3, 3, 3, 3, 3), nasty)))
    row = next(line for line in text.splitlines() if line.startswith("| Eve"))
    assert "\x1b" not in text
    cells = re.split(r"(?<!\\)\|", row)[1:-1]  # split on the pipes that are not escaped
    assert len(cells) == 8  # Person, File, five roles, lead: the name made no new column
    assert cells[1].strip() == "e"
    assert "\\[link\\]" in row
    assert "\\<b\\>" in row


def test_markdown_when_nobody_has_a_profile() -> None:
    text = to_markdown(shipped_spec(), team_report(a=result_bytes({"translator": 2},
                                                                  assessment="translator")))
    assert "No result here has a role profile" in text
    assert "No one in this team leads" not in text
    assert "The Translator: the lowest team mean (25.0)." in text


# ---- reading files --------------------------------------------------------------------------


def test_read_files_reports_missing_paths_and_empty_globs(team_dir: Path) -> None:
    found, unread = read_files([str(team_dir / "ana.json"), str(team_dir / "gone.json"),
                                str(team_dir / "nothing-*.json"), str(team_dir / "b*.json"),
                                str(team_dir), str(team_dir / ".." / team_dir.name / "bo.json")])
    assert [Path(p).name for p, _ in found] == ["ana.json", "bad.json", "bo.json"]
    assert [(Path(p).name, e) for p, e in unread[:2]] == [
        ("gone.json", "file not found"), ("nothing-*.json", "file not found")]
    assert "is a folder" in unread[2][1]


# ---- the command ----------------------------------------------------------------------------


def test_cli_markdown(team_dir: Path) -> None:
    proc = run_cohort(*sorted(str(p) for p in team_dir.iterdir()), str(team_dir / "gone.json"))
    assert proc.returncode == 0, proc.stderr
    assert "No one in this team leads The System Monitor." in proc.stdout
    assert "The System Monitor: no one in this team leads it" in proc.stdout
    assert "gone.json: file not found" in proc.stdout
    assert "- bad.json: not valid JSON" in proc.stdout


def test_cli_json(team_dir: Path) -> None:
    proc = run_cohort("--format", "json", *sorted(str(p) for p in team_dir.iterdir()),
                      str(team_dir / "none-*.json"))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out) == {"people", "roles", "unled", "focus", "focus_reason", "rejected", "count",
                        "observers_set_aside"}
    expected = team_report()
    assert out["people"] == expected["people"]
    assert out["roles"] == expected["roles"]
    assert (out["unled"], out["focus"], out["count"]) == (["system-monitor"], "system-monitor", 4)
    assert {Path(r["file"]).name: r["error"] for r in out["rejected"]}["none-*.json"] == "file not found"


def test_cli_csv(team_dir: Path) -> None:
    proc = run_cohort("--format", "csv", *sorted(str(p) for p in team_dir.iterdir()))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == to_csv(team_report()).splitlines()
    assert "bad.json: error: not valid JSON" in proc.stderr  # CSV has no room for them


def test_cli_nothing_accepted(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_bytes(b"[]")
    proc = run_cohort(str(tmp_path / "bad.json"), str(tmp_path / "gone.json"))
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert "bad.json: error: expected a JSON object" in proc.stderr
    assert "gone.json: error: file not found" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_usage_errors() -> None:
    assert run_cohort().returncode == 2
    assert run_cohort("x.json", "--format", "xml").returncode == 2


def test_focus_skips_unled_roles_nobody_has_a_score_for() -> None:
    # cy leads creative-catalyst and left system-monitor unanswered; dee took a one-role quiz.
    # Unled: conductor (25, 75 -> 50.0), domain-expert (25), translator (75), system-monitor (n=0).
    # The focus is the unled role with scores and the lowest mean: domain-expert, never the
    # unscored system-monitor, and never null while roles have scores.
    files = [("cy.json", TEAM["cy.json"]), ("dee.json", TEAM["dee.json"])]
    report = cohort_report(shipped_spec(), files)
    assert report["unled"] == ["conductor", "domain-expert", "translator", "system-monitor"]
    assert (report["focus"], report["focus_reason"]) == ("domain-expert", "unled")
    # Balanced at 50 in four roles, system-monitor unanswered: the only unled role has no
    # scores, so the focus falls back to the lowest mean of all (a tie: canonical order).
    balanced = cohort_report(shipped_spec(), [("e.json", result_bytes(levels(3, 3, 3, None, 3)))])
    assert balanced["unled"] == ["system-monitor"]
    assert (balanced["focus"], balanced["focus_reason"]) == ("conductor", "lowest-mean")
