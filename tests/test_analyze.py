"""Item and scale statistics (`generator/analyze.py`, `python -m generator analyze`).

The module computes in plain Python; here the same numbers come from independent code: a
fixture computed by hand (below), and the textbook formulas written out again in exact fractions
(`reference_*`), applied to 200 simulated results.
"""

from __future__ import annotations

import json
import math
import statistics
import subprocess
import sys
from datetime import date
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import ROLE_IDS, shipped_spec

from generator.analyze import analyze_report, cronbach_alpha, pearson, to_markdown
from generator.results import new_result, parse_result
from generator.simulate import simulate

ROOT = Path(__file__).resolve().parents[1]
PROFILE = "role-profile"
UNTIL = date(2026, 11, 24)



@cache
def simulated(n: int, seed: int) -> tuple[tuple[str, bytes], ...]:
    docs = simulate(shipped_spec(), n, seed, UNTIL)
    return tuple((name, json.dumps(doc).encode()) for name, doc in docs)


def role_items(role: str) -> list[str]:
    spec = shipped_spec()
    return [i for i in spec["assessments"][PROFILE]["items"] if spec["items"][i]["role"] == role]


Row = dict[str, Fraction | None]


def item_rows(files: tuple[tuple[str, bytes], ...], role: str) -> list[Row]:
    """Item scores of one role's statements, None where unanswered, reverse keys applied here."""
    spec = shipped_spec()
    rows = []
    for _, raw in files:
        answers = json.loads(raw)["answers"]
        rows.append({
            i: Fraction(6 - answers[i] if spec["items"][i]["reverse"] else answers[i]) if i in answers
            else None
            for i in role_items(role)
        })
    return rows


def complete_rows(rows: list[Row], columns: list[str]) -> list[list[Fraction]]:
    """Listwise deletion: only the people who answered every one of `columns`."""
    return [[r[c] for c in columns] for r in rows if all(r[c] is not None for c in columns)]


def reference_alpha(rows: list[list[Fraction]]) -> Fraction:
    """Cronbach's alpha, k/(k-1) * (1 - sum of item variances / variance of totals), exactly."""
    k = len(rows[0])
    item_variances = sum(statistics.variance([row[j] for row in rows]) for j in range(k))
    return Fraction(k, k - 1) * (1 - item_variances / statistics.variance([sum(row) for row in rows]))


def reference_pearson(xs: list[Fraction], ys: list[Fraction]) -> float:
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return float(sxy) / math.sqrt(sxx * syy)


def result_file(answers: dict[str, Any], name: str = "", assessment: str = PROFILE) -> bytes:
    doc = new_result(shipped_spec(), assessment, answers, "2026-11-20T09:00:00Z", name)
    return json.dumps(doc).encode()


def run_analyze(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--no-docs", "analyze", *args],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False, timeout=60,
    )


# ---- alpha by hand --------------------------------------------------------------------------

# Four people, three items (item scores):
#   p1: 1 2 2   total  5
#   p2: 2 3 3   total  8
#   p3: 3 3 4   total 10
#   p4: 4 5 5   total 14
# Sample variances: item 1: (2.25+.25+.25+2.25)/3 = 5/3; item 2 (mean 3.25):
# (1.5625+.0625+.0625+3.0625)/3 = 19/12; item 3 (mean 3.5): 5/3; sum = 59/12.
# Total (mean 9.25): (18.0625+1.5625+.5625+22.5625)/3 = 42.75/3 = 171/12.
# alpha = 3/2 * (1 - (59/12)/(171/12)) = 3/2 * 112/171 = 56/57 = 0.98245614...
HAND = [[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 5]]


def test_alpha_by_hand() -> None:
    alpha, note = cronbach_alpha(HAND)
    assert note is None
    assert alpha == pytest.approx(56 / 57, abs=1e-12)
    assert alpha == float(Fraction(56, 57))


def test_alpha_if_deleted_by_hand() -> None:
    # Without item 3: variances 5/3 + 19/12 = 39/12; totals 3,5,6,9 (mean 5.75):
    # (7.5625+.5625+.0625+10.5625)/3 = 18.75/3 = 75/12; alpha = 2 * (1 - 39/75) = 72/75 = 0.96.
    alpha, _ = cronbach_alpha([row[:2] for row in HAND])
    assert alpha == pytest.approx(0.96, abs=1e-12)


def test_pearson_by_hand() -> None:
    # xs mean 3, ys mean 10/3. Deviations: xs -2 -1 0 1 2 0; ys -4/3 -7/3 2/3 -1/3 5/3 5/3.
    # Sxy = 8/3 + 7/3 + 0 - 1/3 + 10/3 + 0 = 8; Sxx = 10; Syy = (16+49+4+1+25+25)/9 = 40/3.
    # r = 8 / sqrt(10 * 40/3) = 8 / sqrt(400/3) = 0.4 * sqrt(3) = 0.69282032...
    xs, ys = [1, 2, 3, 4, 5, 3], [2, 1, 4, 3, 5, 5]
    r, note = pearson(xs, ys)
    assert note is None
    assert r == pytest.approx(0.4 * math.sqrt(3), abs=1e-12)
    assert reference_pearson([Fraction(x) for x in xs], [Fraction(y) for y in ys]) == pytest.approx(
        0.4 * math.sqrt(3), abs=1e-12)


def test_reference_alpha_agrees_with_the_hand_computation() -> None:
    """The reference used below on 200 results is itself checked against the hand fixture."""
    rows = [[Fraction(v) for v in row] for row in HAND]
    assert reference_alpha(rows) == Fraction(56, 57)
    assert reference_alpha([row[:2] for row in rows]) == Fraction(24, 25)


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ([[1, 2, 3], [2, 3, 4]], "2 complete case(s); at least 3"),
        ([], "0 complete case(s)"),
        ([[3, 3], [3, 3], [3, 3]], "no variance"),
        ([[1], [2], [3]], "at least two items"),
    ],
)
def test_alpha_degenerate_cases_give_none_and_a_note(rows: list[list[int]], words: str) -> None:
    alpha, note = cronbach_alpha(rows)
    assert alpha is None
    assert note is not None
    assert words in note


def test_negative_alpha_is_reported_with_a_note() -> None:
    alpha, note = cronbach_alpha([[1, 5], [5, 2], [2, 4], [4, 1], [3, 3]])
    assert alpha is not None
    assert alpha < 0
    assert note is not None
    assert "reverse" in note


def test_pearson_degenerate() -> None:
    assert pearson([1, 2], [2, 1]) == (None, "2 paired case(s); at least 3 are needed")
    r, note = pearson([3, 3, 3], [1, 2, 3])
    assert r is None
    assert note is not None


# ---- against the formulas on 200 simulated results ------------------------------------------


@pytest.fixture(scope="module")
def sim200() -> tuple[tuple[str, bytes], ...]:
    return simulated(200, 11)


@pytest.fixture(scope="module")
def report200(sim200: tuple[tuple[str, bytes], ...]) -> dict[str, Any]:
    return analyze_report(shipped_spec(), list(sim200))


@pytest.mark.parametrize("role", ROLE_IDS)
def test_alpha_matches_the_formula(
    role: str, sim200: tuple[tuple[str, bytes], ...], report200: dict[str, Any]
) -> None:
    complete = complete_rows(item_rows(sim200, role), role_items(role))
    scale = next(s for s in report200["scales"] if s["role"] == role)
    assert 30 < len(complete) < 200  # some people skipped a statement: listwise deletion matters
    assert scale["alpha"] == pytest.approx(float(reference_alpha(complete)), abs=1e-9)
    assert scale["complete"] == len(complete)
    assert scale["k"] == len(role_items(role))


@pytest.mark.parametrize("role", ROLE_IDS)
def test_item_statistics_match_the_formulas(
    role: str, sim200: tuple[tuple[str, bytes], ...], report200: dict[str, Any]
) -> None:
    rows = item_rows(sim200, role)
    columns = role_items(role)
    complete = complete_rows(rows, columns)
    scale = next(s for s in report200["scales"] if s["role"] == role)
    assert [it["id"] for it in scale["items"]] == columns
    for j, it in enumerate(scale["items"]):
        rest = [row[:j] + row[j + 1:] for row in complete]
        r = reference_pearson([row[j] for row in complete], [sum(row) for row in rest])
        assert it["item_total"] == pytest.approx(r, abs=1e-9)
        assert it["alpha_if_deleted"] == pytest.approx(float(reference_alpha(rest)), abs=1e-9)
        answered = [row[it["id"]] for row in rows if row[it["id"]] is not None]
        assert it["answered"] == len(answered)
        assert it["mean"] == pytest.approx(float(statistics.mean(answered)), abs=1e-12)
        assert it["notes"] == []
        assert it["reverse"] is shipped_spec()["items"][it["id"]]["reverse"]


def test_role_score_correlations_match_the_formula(
    sim200: tuple[tuple[str, bytes], ...], report200: dict[str, Any]
) -> None:
    spec = shipped_spec()
    scores = [{r["role"]: r["score"] for r in parse_result(raw, spec).result["roles"]} for _, raw in sim200]
    assert len(report200["correlations"]) == 10
    for c in report200["correlations"]:
        a, b = c["roles"]
        pairs = [(Fraction(s[a]), Fraction(s[b])) for s in scores  # pairwise complete, like the report
                 if s.get(a) is not None and s.get(b) is not None]
        assert c["r"] == pytest.approx(reference_pearson(*map(list, zip(*pairs, strict=True))), abs=1e-9)
        assert c["n"] == len(pairs)


def test_two_hundred_results_give_no_small_sample_warning(report200: dict[str, Any]) -> None:
    assert report200["count"] == 200
    assert report200["warnings"] == []


# ---- warnings and flags ---------------------------------------------------------------------


def test_fewer_than_thirty_results_warn() -> None:
    spec = shipped_spec()
    files = list(simulated(200, 11))
    report = analyze_report(spec, files[:29])
    (warning,) = report["warnings"]
    assert "29" in warning
    assert "30" in warning
    assert analyze_report(spec, files[:30])["warnings"] == []
    assert "Warning:" in to_markdown(spec, report)


def test_straight_liner_flagged() -> None:
    spec = shipped_spec()
    items = spec["assessments"][PROFILE]["items"]
    same = dict.fromkeys(items[1:], 4)  # one statement skipped: still every answer the same
    almost = dict.fromkeys(items, 4) | {items[0]: 3}
    files = [("same.json", result_file(same, "Sam")), ("almost.json", result_file(almost)),
             *simulated(40, 5)[:10]]
    report = analyze_report(spec, files)
    flagged = [f for f in report["straight_liners"] if f["file"] in {"same.json", "almost.json"}]
    assert flagged == [{"file": "same.json", "name": "Sam", "value": 4, "answered": len(items) - 1}]
    assert "same.json (Sam): all" in to_markdown(spec, report)


def test_identical_results_give_nulls_and_notes_not_errors() -> None:
    spec = shipped_spec()
    raw = result_file(dict.fromkeys(spec["assessments"][PROFILE]["items"], 3))
    report = analyze_report(spec, [(f"p{n}.json", raw) for n in range(5)])
    for scale in report["scales"]:
        assert scale["alpha"] is None
        assert "no variance" in scale["note"]
        for it in scale["items"]:
            assert it["item_total"] is None
            assert it["notes"]
    assert all(c["r"] is None and c["note"] for c in report["correlations"])
    json.dumps(report, allow_nan=False)  # plain JSON, no NaN
    to_markdown(spec, report)


def test_too_few_complete_cases() -> None:
    spec = shipped_spec()
    files = list(simulated(40, 5)[:2])
    report = analyze_report(spec, files)
    for scale in report["scales"]:
        assert scale["alpha"] is None
        assert "at least 3" in scale["note"]
        assert all(it["alpha_if_deleted"] is None for it in scale["items"])


def test_other_assessments_skipped_with_a_note_and_bad_files_rejected() -> None:
    spec = shipped_spec()
    one_role = result_file(dict.fromkeys(spec["assessments"]["conductor"]["items"], 4),
                           assessment="conductor")
    files = [*simulated(40, 5)[:5], ("cond.json", one_role), ("bad.json", b"{")]
    report = analyze_report(spec, files, [("gone.json", "file not found")])
    assert report["count"] == 5
    assert report["skipped"] == [{"file": "cond.json", "assessment": "conductor"}]
    assert any("skipped 1" in n and "conductor: 1" in n for n in report["notes"])
    assert [r["file"] for r in report["rejected"]] == ["gone.json", "bad.json"]


# ---- the command ----------------------------------------------------------------------------


def test_cli_markdown_and_json(tmp_path: Path) -> None:
    for name, raw in simulated(40, 5)[:12]:
        (tmp_path / name).write_bytes(raw)
    (tmp_path / "flat.json").write_bytes(
        result_file(dict.fromkeys(shipped_spec()["assessments"][PROFILE]["items"], 5), "Flat"))
    paths = sorted(str(p) for p in tmp_path.iterdir())
    md = run_analyze(*paths)
    assert md.returncode == 0, md.stderr
    assert "Warning:** only 13 role-profile result(s)" in md.stdout
    assert "Cronbach's alpha" in md.stdout
    n_items = len(shipped_spec()["assessments"][PROFILE]["items"])
    assert f"flat.json (Flat): all {n_items} answered statements answered 5" in md.stdout
    out = run_analyze("--format", "json", *paths)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["count"] == 13
    assert [s["role"] for s in data["scales"]] == list(ROLE_IDS)
    assert data["straight_liners"][0]["file"] == "flat.json"


def test_cli_nothing_to_analyze(tmp_path: Path) -> None:
    spec = shipped_spec()
    path = tmp_path / "cond.json"
    path.write_bytes(result_file(dict.fromkeys(spec["assessments"]["conductor"]["items"], 4),
                                 assessment="conductor"))
    proc = run_analyze(str(path), str(tmp_path / "gone.json"))
    assert proc.returncode == 1
    assert "cond.json: skipped" in proc.stderr
    assert "gone.json: error: file not found" in proc.stderr
    assert "no role-profile result" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert run_analyze().returncode == 2
