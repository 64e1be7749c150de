"""`analyze` on format-2 results: scenario choices counted per option, "na" kept out of the scales."""

from __future__ import annotations

import json
from typing import Any

from conftest import shipped_spec

from generator.analyze import analyze_report, to_markdown
from generator.results import new_result

PROFILE = "role-profile"


def doc(answers: dict[str, Any], version: str | None = None) -> tuple[str, bytes]:
    d = new_result(shipped_spec(), PROFILE, answers, "2026-11-20T09:00:00Z")
    if version is not None:
        d["bank_version"] = version
    return f"r{len(json.dumps(d))}-{id(d)}.json", json.dumps(d).encode()


def test_each_scenario_option_is_counted() -> None:
    spec = shipped_spec()
    first, second = spec["assessments"][PROFILE]["scenarios"][:2]
    options = [o["id"] for o in spec["scenarios"][first]["options"]]
    files = [doc({first: options[0]}), doc({first: options[0]}), doc({first: options[1]}),
             doc({second: spec["scenarios"][second]["options"][0]["id"]})]
    report = analyze_report(spec, files)
    by_id = {s["scenario"]: s for s in report["scenarios"]}
    assert list(by_id) == spec["assessments"][PROFILE]["scenarios"]
    row = by_id[first]
    assert row["answered"] == 3
    ratings = {o["id"]: o["rating"] for o in spec["scenarios"][first]["options"]}
    expected = dict.fromkeys(options, 0) | {options[0]: 2, options[1]: 1}
    assert {o["id"]: o["chosen"] for o in row["options"]} == expected
    assert {o["id"]: o["rating"] for o in row["options"]} == ratings
    assert by_id[second]["answered"] == 1
    assert all(s["answered"] == 0 for s in report["scenarios"][2:])
    text = to_markdown(spec, report)
    assert f"- {first}, 3 answered: {options[0]} ({ratings[options[0]]}): 2 (67%)" in text


def test_na_answers_stay_out_of_the_scale_statistics() -> None:
    spec = shipped_spec()
    items = spec["assessments"][PROFILE]["items"]
    target = items[0]
    files = [doc(dict.fromkeys(items, 4) | {target: "na"}) for _ in range(3)]
    files.append(doc(dict.fromkeys(items, 2)))
    report = analyze_report(spec, files)
    row = next(it for s in report["scales"] for it in s["items"] if it["id"] == target)
    assert row["answered"] == 1
    assert report["rejected"] == []


def test_other_bank_versions_are_noted() -> None:
    spec = shipped_spec()
    report = analyze_report(spec, [doc({}, version="0123456789ab"), doc({})])
    assert any("1 result(s) were taken with another bank version" in n for n in report["notes"])
