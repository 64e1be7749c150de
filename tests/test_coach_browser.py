"""Coach workflows in a real browser: assignment links, My plan, and the team view.

Each test drives the built site on 127.0.0.1 through the `watch` fixture, so any page error,
console error, dialog or request leaving the site fails it.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest
from conftest import ROOT, axe_violations, wait_ready
from playwright.sync_api import expect

if TYPE_CHECKING:
    from conftest import Watch
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

BROKEN = {
    "not-json.json": "not valid JSON",
    "wrong-format.json": "'format' is",
    "out-of-range.json": "must be a whole number from 1 to 5",
}


def generator(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator ARGS` from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    proc = generator("--no-docs", "export")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def varied_results(spec: dict[str, Any], n: int, seed: int) -> list[tuple[str, dict[str, Any]]]:
    """Result files with the cases a team report must get right: one-role quizzes, skipped
    statements, no name, an older bank version, accents, a name a spreadsheet would run."""
    rng = random.Random(seed)
    first = ["Ana", "ben", "Chloé", "Dev", "Eun-ji", "Femi", "Greta", "Hiro", "Ines", "Jonas"]
    out = []
    for i in range(n):
        assessment = "role-profile" if i % 4 else spec["role_ids"][i // 4 % 5]
        a = spec["assessments"][assessment]
        leaning = {r: rng.uniform(1.6, 4.6) for r in spec["role_ids"]}
        answers: dict[str, Any] = {}
        for item_id in a["items"]:
            if rng.random() < (0.3 if i == 6 else 0.04):
                continue  # skipped statements; person 7 skips too many for some roles
            item = spec["items"][item_id]
            s = min(5, max(1, round(rng.gauss(leaning[item["role"]], 0.8))))
            answers[item_id] = 6 - s if item["reverse"] else s
        for sid in a["scenarios"]:
            answers[sid] = rng.choice(spec["scenarios"][sid]["options"])["id"]
        if i == 9:
            answers["retired-item"] = 3
        doc: dict[str, Any] = {
            "format": spec["result_format"],
            "assessment": assessment,
            "perspective": "self",
            "bank_version": "0123456789ab" if i == 5 else a["bank_version"],
            "taken_at": f"2026-11-{1 + i % 28:02d}T09:{i % 60:02d}:00Z",
        }
        if i == 3:
            doc["name"] = "=Finance lead"
        elif i % 5:
            doc["name"] = f"{first[i % len(first)]} {chr(65 + i // 10)}."
        doc["answers"] = answers
        out.append((f"varied-{i + 1:03d}.json", doc))
    return out


@pytest.fixture(scope="session")
def result_files(tmp_path_factory: pytest.TempPathFactory, spec: dict[str, Any]) -> list[Path]:
    """50 result files from `generator simulate`, then 3 broken ones."""
    folder = tmp_path_factory.mktemp("results")
    proc = generator("simulate", "--n", "50", "--seed", "7", "--out", str(folder))
    assert proc.returncode == 0, proc.stderr
    good = sorted(folder.glob("*.json"))
    assert len(good) == 50
    (folder / "not-json.json").write_text("this is { not json", encoding="utf-8")
    wrong = {"format": "quiz-export/2", "assessment": "role-profile", "answers": {}}
    (folder / "wrong-format.json").write_text(json.dumps(wrong), encoding="utf-8")
    a = spec["assessments"]["role-profile"]
    bad = {"format": spec["result_format"], "assessment": "role-profile", "perspective": "self",
           "bank_version": a["bank_version"],
           "taken_at": "2026-11-20T10:00:00Z", "answers": dict.fromkeys(a["items"], 3)}
    bad["answers"][a["items"][0]] = 9
    (folder / "out-of-range.json").write_text(json.dumps(bad), encoding="utf-8")
    return [*good, *(folder / name for name in BROKEN)]


@pytest.fixture(scope="session")
def varied_files(tmp_path_factory: pytest.TempPathFactory, spec: dict[str, Any]) -> list[Path]:
    folder = tmp_path_factory.mktemp("varied")
    for name, doc in varied_results(spec, 24, seed=11):
        (folder / name).write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return sorted(folder.glob("*.json"))


# ---------------------------------------------------------------- assignment links and My plan


def build_link(page: Page, site: str, modules: list[str], assessments: list[str], *, note: str = "",
               due: str = "") -> str:
    """Use the assignment page as a coach would; return the link it makes."""
    page.goto(f"{site}coach/assign/")
    wait_ready(page, "[data-hai-assign]")
    for value in modules + assessments:
        page.check(f"[data-hai-assign-form] input[value='{value}']")
    if note:
        page.fill("#hai-assign-note", note)
    if due:
        page.fill("#hai-assign-due", due)
    page.get_by_role("button", name="Create link").click()
    link = page.locator("[data-hai-link]")
    expect(link).to_be_visible()
    return link.input_value()


def open_plan(page: Page, link: str) -> None:
    page.goto(link)
    wait_ready(page, "[data-hai-plan]")


def task(page: Page, task_id: str) -> Any:
    return page.locator(f"[data-hai-plan] [data-task='{task_id}']")


def fill_quiz(page: Page) -> None:
    """Answer every statement and scenario of the quiz on the page, then submit."""
    fieldsets = page.locator("fieldset[data-item]")
    for i in range(fieldsets.count()):
        radios = fieldsets.nth(i).locator("input[type=radio]")
        radios.nth(i % radios.count()).check()
    page.locator("[data-hai-form] button[type=submit]").click()
    expect(page.locator("[data-hai-results] h2")).to_be_visible()


def test_coach_assigns_and_leader_follows_the_plan(page: Page, site: str, watch: Watch) -> None:
    due = (date.today() + timedelta(days=14)).isoformat()
    note = "Before our session on the 3rd:\nread these, & take the profile (honestly!)."
    link = build_link(page, site, ["introduction", "accountability"], ["role-profile"], note=note, due=due)
    fragment = link.partition("#")[2]
    assert link.startswith(f"{site}plan/#")
    assert "?" not in link
    assert fragment.startswith("a=1&m=introduction,accountability&q=role-profile&due=")
    assert re.search(r"&c=[0-9a-f]{8}$", fragment)
    summary = page.locator("[data-hai-output] [data-slot='summary']")
    expect(summary).to_contain_text("2 modules and 1 assessment")

    open_plan(page, link)
    expect(page.locator("[data-hai-problems]")).to_be_hidden()
    expect(page.locator("[data-hai-empty]")).to_be_hidden()
    assert page.locator("[data-hai-note-block] [data-slot='note']").text_content() == note
    expect(page.locator("[data-hai-due]")).to_contain_text("14 days left")
    expect(page.locator("[data-hai-plan-progress]")).to_contain_text("0 of 3 done")
    expect(task(page, "role-profile")).to_contain_text("Not taken yet")

    # The leader follows the plan's own link to the quiz (Material's instant navigation).
    task(page, "role-profile").get_by_role("link").click()
    page.wait_for_url(f"{site}quiz/role-profile/")
    wait_ready(page)
    fill_quiz(page)

    open_plan(page, link)
    expect(task(page, "role-profile")).to_have_attribute("data-done", "yes")
    expect(task(page, "role-profile")).to_contain_text("Done: result from")
    expect(page.locator("[data-hai-plan-progress]")).to_contain_text("1 of 3 done")
    task(page, "introduction").get_by_role("checkbox").check()
    expect(page.locator("[data-hai-plan-progress]")).to_contain_text("2 of 3 done")
    stored = page.evaluate("() => Object.keys(localStorage).filter(k => k.includes(':plan:'))")
    assert stored == [f"hai:/:plan:{fragment[-8:]}"]

    page.reload()
    wait_ready(page, "[data-hai-plan]")
    expect(page.locator("[data-hai-plan-progress]")).to_contain_text("2 of 3 done")
    expect(task(page, "introduction").get_by_role("checkbox")).to_be_checked()
    expect(task(page, "accountability").get_by_role("checkbox")).not_to_be_checked()
    task(page, "introduction").get_by_role("checkbox").uncheck()
    expect(page.locator("[data-hai-plan-progress]")).to_contain_text("1 of 3 done")


def test_plan_without_a_link_explains_itself(page: Page, site: str, watch: Watch) -> None:
    page.goto(f"{site}plan/")
    wait_ready(page, "[data-hai-plan]")
    empty = page.locator("[data-hai-empty]")
    expect(empty).to_be_visible()
    expect(empty).to_contain_text("There is no plan here yet")
    expect(empty.get_by_role("link", name="how assignment links work")).to_have_attribute(
        "href", re.compile(r"coach-guide/#sending-assignment-links$"))
    expect(page.locator("[data-hai-view]")).to_be_hidden()
    expect(page.locator("[data-hai-problems]")).to_be_hidden()


TAMPERING = [
    # (what was done to the link, change, problems expected, modules and assessments still shown)
    ("one letter of a module id", lambda f: f.replace("accountability", "accountabilitx"),
     ["check code does not match", "“accountabilitx”"], ["roles/conductor"], ["role-profile", "translator"]),
    ("one letter of an assessment id", lambda f: f.replace("translator", "translatxr"),
     ["check code does not match", "Not an assessment on this site", "“translatxr”"],
     ["roles/conductor", "accountability"], ["role-profile"]),
    ("the due date", lambda f: re.sub(r"due=\d{4}-\d{2}", "due=2026-13", f),
     ["check code does not match", "not a real date"], ["roles/conductor", "accountability"],
     ["role-profile", "translator"]),
    ("cut off in the note", lambda f: f[: f.index("note=") + 20],
     ["check code at its end is missing"], ["roles/conductor", "accountability"],
     ["role-profile", "translator"]),
    ("a newer version", lambda f: f.replace("a=1", "a=2"),
     ["check code does not match", "version “2”"], ["roles/conductor", "accountability"],
     ["role-profile", "translator"]),
    ("a note over 500 characters", lambda f: re.sub(r"note=[^&]*", "note=" + "x" * 600, f),
     ["check code does not match", "longer than 500"], ["roles/conductor", "accountability"],
     ["role-profile", "translator"]),
]


@pytest.mark.parametrize(("change", "tamper", "problems", "modules", "assessments"), TAMPERING,
                         ids=[t[0] for t in TAMPERING])
def test_tampered_link_says_what_is_wrong_and_keeps_the_rest(
    page: Page, site: str, watch: Watch, *, change: str, tamper: Any, problems: list[str],
    modules: list[str], assessments: list[str],
) -> None:
    due = (date.today() + timedelta(days=30)).isoformat()
    link = build_link(page, site, ["roles/conductor", "accountability"], ["role-profile", "translator"],
                      note="Start with the profile, then read.", due=due)
    base, _, fragment = link.partition("#")
    open_plan(page, link)
    expect(page.locator("[data-hai-problems]")).to_be_hidden()
    # Same page, new fragment: the plan re-reads it (hashchange), as when a leader pastes a link.
    page.goto(f"{base}#{tamper(fragment)}")
    box = page.locator("[data-hai-problems]")
    expect(box).to_be_visible()
    for text in problems:
        expect(box).to_contain_text(text)
    expect(box).to_contain_text("Everything that could still be read is shown below")
    shown = page.locator("[data-hai-plan] [data-task]")
    expect(shown).to_have_count(len(modules) + len(assessments))
    for task_id in modules + assessments:
        expect(task(page, task_id)).to_be_visible()
    if change == "a note over 500 characters":
        assert page.locator("[data-hai-note-block] [data-slot='note']").text_content() == "x" * 500


def test_note_with_markup_is_shown_as_text(page: Page, site: str, watch: Watch) -> None:
    note = '<img src=x onerror=alert(1)> <script>alert(2)</script> "quotes" & ampersands'
    link = build_link(page, site, ["where-to-begin"], [], note=note)
    open_plan(page, link)
    block = page.locator("[data-hai-note-block]")
    assert block.locator("[data-slot='note']").text_content() == note
    assert block.locator("img, script").count() == 0
    assert not any(r.endswith("/x") for r in watch.requests)
    # Even a hand-made link with no check code only ever shows the note as text.
    page.goto(f"{site}plan/#a=1&m=introduction&note={quote('<img src=x onerror=alert(3)>', safe='')}")
    expect(page.locator("[data-hai-problems]")).to_contain_text("check code at its end is missing")
    expect(block.locator("[data-slot='note']")).to_have_text("<img src=x onerror=alert(3)>")
    assert page.locator("[data-hai-plan] img").count() == 0


def test_assign_form_reports_errors_inline(page: Page, site: str, watch: Watch) -> None:
    page.goto(f"{site}coach/assign/")
    wait_ready(page, "[data-hai-assign]")
    page.get_by_role("button", name="Create link").click()
    what = page.locator("[data-hai-error='what']")
    expect(what).to_have_text("Choose at least one module or assessment.")
    expect(page.locator("[data-hai-status]")).to_contain_text("not created")
    expect(page.locator("[data-hai-output]")).to_be_hidden()
    first = page.locator("[data-hai-assign-form] input[type=checkbox]").first
    expect(first).to_be_focused()
    expect(first).to_have_attribute("aria-invalid", "true")

    page.check("input[value='role-profile']")
    page.fill("#hai-assign-due", (date.today() - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Create link").click()
    expect(what).to_be_hidden()
    expect(page.locator("[data-hai-error='due']")).to_contain_text("in the past")
    expect(page.locator("#hai-assign-due")).to_be_focused()
    assert page.get_attribute("#hai-assign-due", "aria-describedby") == "hai-assign-due-error"

    page.fill("#hai-assign-due", "")
    page.get_by_role("button", name="Create link").click()
    expect(page.locator("[data-hai-error='due']")).to_be_hidden()
    expect(page.locator("[data-hai-output]")).to_be_visible()
    # The note is capped at 500 characters by the field itself.
    page.fill("#hai-assign-note", "y" * 600)
    assert len(page.input_value("#hai-assign-note")) == 500
    expect(page.locator("[data-hai-note-count]")).to_contain_text("0 characters left")
    expect(page.locator("[data-hai-stale]")).to_be_visible()


def test_assign_by_keyboard_and_copy(page: Page, site: str, watch: Watch) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
    page.goto(f"{site}coach/assign/")
    wait_ready(page, "[data-hai-assign]")
    page.focus("[data-hai-assign-form] input[value='introduction']")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the Conductor module
    page.focus("#hai-assign-note")
    page.keyboard.type("See you Friday.")
    page.keyboard.press("Tab")  # the due date field
    page.keyboard.press("Tab")  # the Create link button
    page.keyboard.press("Enter")
    link = page.locator("[data-hai-link]")
    expect(link).to_be_focused()
    assert "m=introduction,roles/conductor&" in link.input_value()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Copy link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("[data-hai-copied]")).to_contain_text("Copied")
    assert page.evaluate("() => navigator.clipboard.readText()") == link.input_value()


# ---------------------------------------------------------------- team view


def load_team(page: Page, site: str, files: list[Path]) -> None:
    page.goto(f"{site}coach/team/")
    wait_ready(page, "[data-hai-team]")
    expect(page.locator("[data-hai-empty]")).to_be_visible()
    page.set_input_files("[data-hai-files]", [str(p) for p in files])
    expect(page.locator("[data-hai-team-status]")).to_contain_text(f"Read {len(files)} files")


def test_team_view_reads_results_and_rejects_broken_files(
    page: Page, site: str, watch: Watch, result_files: list[Path],
) -> None:
    load_team(page, site, result_files)
    expect(page.locator("[data-hai-team-status]")).to_contain_text("50 results, 3 rejected")
    expect(page.locator("[data-hai-empty]")).to_be_hidden()
    expect(page.locator("[data-hai-report] [data-slot='people'] tr")).to_have_count(50)
    rejected = page.locator("[data-hai-report] [data-slot='rejected'] li")
    expect(rejected).to_have_count(3)
    texts = rejected.all_text_contents()
    for name, reason in BROKEN.items():
        assert any(t.startswith(f"{name}: ") and reason in t for t in texts), (name, texts)
    # Each cell has its band in words, not only as a colour.
    first = page.locator("[data-hai-report] [data-slot='people'] tr").first.locator("td[data-role]").first
    cell_text = r"^(\d+ (Emerging|Developing|Strong)|— (not assessed|too few answers))$"
    expect(first).to_have_text(re.compile(cell_text))
    expect(page.locator("[data-hai-report] [data-slot='counts']")).to_contain_text("50 people")

    # Adding the same files again changes nothing; Clear empties the page.
    page.set_input_files("[data-hai-files]", [str(p) for p in result_files[:5]])
    expect(page.locator("[data-hai-team-status]")).to_contain_text("5 files were already loaded")
    expect(page.locator("[data-hai-report] [data-slot='people'] tr")).to_have_count(50)
    page.get_by_role("button", name="Clear the loaded files").click()
    expect(page.locator("[data-hai-report]")).to_be_hidden()
    expect(page.locator("[data-hai-empty]")).to_be_visible()
    expect(page.locator("[data-hai-files]")).to_be_focused()


def page_report(page: Page, spec: dict[str, Any]) -> dict[str, Any]:
    """The numbers the team view shows, read back from the page's text."""
    ids = {r["name"]: r["id"] for r in spec["roles"]}
    view = page.locator("[data-hai-report]")
    people = []
    for row in view.locator("[data-slot='people'] tr").all():
        scores: dict[str, int | None] = {}
        for td in row.locator("td[data-role]").all():
            text = td.text_content() or ""
            if "not assessed" in text:
                continue
            scores[td.get_attribute("data-role") or ""] = None if "too few" in text else int(text.split()[0])
        lead = row.locator("[data-slot='lead']").text_content() or "—"
        people.append({
            "file": row.get_attribute("data-file"),
            "scores": scores,
            "lead": [] if lead == "—" else [ids[n] for n in re.split(r",? and |, ", lead)],
        })
    roles = []
    for row in view.locator("[data-slot='role-rows'] tr").all():
        cells = [c.text_content() for c in row.locator("td").all()]
        bands = dict(zip(["emerging", "developing", "strong"], map(int, cells[3:6]), strict=True))
        roles.append({"role": row.get_attribute("data-role"), "mean": None if cells[0] == "—" else cells[0],
                      "n": int(cells[1]), "leads": int(cells[2]), "bands": bands})
    unled = [ids[re.sub(r"^No one in this team leads (.*)\.$", r"\1", t)]
             for t in view.locator("[data-slot='unled'] li").all_text_contents()]
    focus = None
    if view.locator("[data-slot='focus-block']").is_visible():
        focus = ids[view.locator("[data-slot='focus']").text_content() or ""]
    return {"people": people, "roles": roles, "unled": unled, "focus": focus}


def test_team_view_agrees_with_the_cli(
    page: Page, site: str, watch: Watch, *, result_files: list[Path], varied_files: list[Path],
    spec: dict[str, Any],
) -> None:
    result_files = result_files + varied_files
    proc = generator("cohort", *map(str, result_files), "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    cli = json.loads(proc.stdout)
    load_team(page, site, result_files)

    # The pure report, run in the page on the same bytes, equals the CLI's JSON exactly
    # (warnings are compared by count: their wording may differ).
    texts = [{"name": p.name, "text": p.read_bytes().decode("utf-8"), "size": p.stat().st_size}
             for p in result_files]
    js = page.evaluate(
        """async (files) => {
            const assets = new URL("../../assets/assessments/", location.href);
            const { cohortReport } = await import(new URL("team.mjs", assets));
            const spec = await (await fetch(new URL("spec/all.json", assets))).json();
            return cohortReport(spec, files);
        }""",
        texts,
    )

    def comparable(report: dict[str, Any]) -> dict[str, Any]:
        out = dict(report)
        out["people"] = [{**p, "warnings": len(p["warnings"])} for p in report["people"]]
        out["rejected"] = sorted(r["file"] for r in report["rejected"])
        return out

    assert comparable(js) == comparable(cli)

    # What the page shows is those same numbers.
    shown = page_report(page, spec)
    want = [{"file": p["file"], "scores": p["scores"], "lead": p["lead"]} for p in cli["people"]]
    assert shown["people"] == want
    assert shown["roles"] == [
        {"role": r["role"], "mean": None if r["mean"] is None else f"{r['mean']:.1f}", "n": r["n"],
         "leads": r["leads"], "bands": r["bands"]}
        for r in cli["roles"]
    ]
    assert shown["unled"] == cli["unled"]
    assert shown["focus"] == cli["focus"]
    counts = page.locator("[data-hai-report] [data-slot='counts']").text_content() or ""
    assert counts.startswith(f"{cli['count']} people")

    # Export CSV gives the CLI's CSV, row for row.
    with page.expect_download() as info:
        page.get_by_role("button", name="Export CSV").click()
    exported = Path(info.value.path()).read_text(encoding="utf-8")
    cli_csv = generator("cohort", *map(str, result_files), "--format", "csv").stdout
    assert list(csv.reader(io.StringIO(exported))) == list(csv.reader(io.StringIO(cli_csv)))


def test_team_export_csv(page: Page, site: str, watch: Watch, varied_files: list[Path]) -> None:
    load_team(page, site, varied_files)
    with page.expect_download() as info:
        page.get_by_role("button", name="Export CSV").click()
    assert re.fullmatch(r"team-report-\d{4}-\d{2}-\d{2}\.csv", info.value.suggested_filename)
    rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert rows[0][:4] == ["name", "file", "assessment", "taken_at"]
    assert rows[0][4] == "conductor_score"
    assert rows[0][9] == "conductor_band"
    assert rows[0][-1] == "lead"
    assert len(rows) == 1 + len(varied_files)
    assert [r[0] for r in rows if "Finance" in r[0]] == ["'=Finance lead"]


# ---------------------------------------------------------------- accessibility


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_coach_pages_pass_axe(
    page: Page, site: str, watch: Watch, *, result_files: list[Path], varied_files: list[Path], scheme: str,
) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site}coach/assign/")
    wait_ready(page, "[data-hai-assign]")
    assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    page.get_by_role("button", name="Create link").click()  # with an inline error showing
    assert axe_violations(page) == []

    link = build_link(page, site, ["introduction", "roles/system-monitor"], ["role-profile", "conductor"],
                      note="A note.\nOn two lines.", due=(date.today() + timedelta(days=3)).isoformat())
    assert axe_violations(page) == []

    open_plan(page, link)
    task(page, "introduction").get_by_role("checkbox").check()
    assert axe_violations(page) == []
    page.goto(link.replace("introduction", "introductiom"))  # with the problems box showing
    expect(page.locator("[data-hai-problems]")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(f"{site}plan/")
    wait_ready(page, "[data-hai-plan]")
    assert axe_violations(page) == []

    load_team(page, site, result_files + varied_files)  # with warnings, rejections, one-role rows
    page.locator("[data-hai-report] details summary").click()
    expect(page.locator("[data-hai-report] [data-slot='warnings'] li").first).to_be_visible()
    assert axe_violations(page) == []


# ---------------------------------------------------------------- the same pages in Spanish


def test_spanish_assign_and_plan_speak_spanish(page: Page, site: str, watch: Watch) -> None:
    """The Spanish assign page, plan and erase button: words, plurals and dates in Spanish, and
    no English message left."""
    due = (date.today() + timedelta(days=14)).isoformat()
    page.goto(f"{site}es/coach/assign/")
    wait_ready(page, "[data-hai-assign]")
    expect(page.locator("[data-hai-note-count]")).to_have_text("Quedan 500 caracteres de 500.")
    page.get_by_role("button", name="Crear enlace").click()
    expect(page.locator("[data-hai-error='what']")).to_have_text("Elige al menos un módulo o una evaluación.")
    for value in ["introduction", "accountability", "role-profile"]:
        page.check(f"[data-hai-assign-form] input[value='{value}']")
    page.fill("#hai-assign-note", "Nos vemos el jueves.")
    page.fill("#hai-assign-due", due)
    page.get_by_role("button", name="Crear enlace").click()
    link = page.locator("[data-hai-link]").input_value()
    assert link.startswith(f"{site}es/plan/#a=1&m=introduction,accountability&q=role-profile&due=")
    summary = page.locator("[data-hai-output] [data-slot='summary']")
    expect(summary).to_contain_text("Este enlace asigna 2 módulos y 1 evaluación, para el ")
    expect(summary).to_contain_text(", con tu nota. Envía el mismo enlace")

    open_plan(page, link)
    expect(page.locator("[data-hai-due]")).to_contain_text("Quedan 14 días.")
    expect(page.locator("[data-hai-plan-progress]")).to_contain_text("Hecho: 0 de 3")
    expect(task(page, "role-profile")).to_contain_text("Aún sin hacer")
    task(page, "introduction").get_by_role("checkbox").check()
    expect(page.locator("[data-hai-plan-progress]")).to_contain_text("Hecho: 1 de 3")
    view = page.locator("[data-hai-view]").inner_text()
    for english in ("Due ", " done", "Not taken", "To read", "From your coach"):
        assert english not in view
    page.goto(link.replace("introduction", "introductiom"))
    wait_ready(page, "[data-hai-plan]")
    problems = page.locator("[data-hai-problems]")
    expect(problems.locator("[data-slot='title']")).to_have_text("Hay problemas con este enlace.")
    expect(problems.locator("li").first).to_contain_text("su código de control no coincide")

    page.goto(f"{site}es/privacy/")
    wait_ready(page, "[data-hai-erase]")
    status = page.locator("[data-hai-erase] [data-slot='status']")
    expect(status).to_have_text("Este sitio tiene 1 elemento guardado en este navegador.")
    page.locator("[data-hai-erase] [data-action='erase']").click()
    expect(status).to_have_text("Hecho: no queda nada de este sitio en este navegador.")


def test_spanish_team_view_and_role_page_speak_spanish(
    page: Page, site: str, watch: Watch, result_files: list[Path],
) -> None:
    """The Spanish team view (plurals, lists, decimal comma), role page and framework credit."""
    page.goto(f"{site}es/coach/team/")
    wait_ready(page, "[data-hai-team]")
    page.set_input_files("[data-hai-files]", [str(p) for p in result_files])
    status = page.locator("[data-hai-team-status]")
    expect(status).to_have_text("Se leyeron 53 archivos: 50 resultados, 3 rechazados.")
    counts = page.locator("[data-hai-report] [data-slot='counts']")
    expect(counts).to_have_text(
        "50 personas: 50 perfiles de roles. 3 archivos rechazados, que aparecen al final.")
    first = page.locator("[data-hai-report] [data-slot='people'] tr").first.locator("td[data-role]").first
    expect(first).to_have_text(re.compile(r"^\d+ (Emergente|En desarrollo|Sólido)$"))
    means = page.locator("[data-hai-report] [data-slot='role-rows'] td[data-slot='mean']").all_text_contents()
    assert means
    assert all(re.fullmatch(r"\d+,\d", m) for m in means), means
    leads = page.locator("[data-hai-report] [data-slot='people'] td[data-slot='lead']").all_text_contents()
    assert any(" y " in lead for lead in leads)
    assert not any(" and " in lead for lead in leads)
    assert axe_violations(page) == []

    page.goto(f"{site}es/roles/conductor/")
    facts = page.locator(".hai-module-facts")
    expect(facts).to_have_attribute("aria-label", "Sobre este módulo")
    expect(facts).to_contain_text("Tiempo necesario: unos ")
    expect(page.locator(".hai-role-card")).to_contain_text("Señales de fortaleza")
    page.goto(f"{site}es/introduction/")
    expect(page.locator(".hai-credit")).to_contain_text("El marco de los cinco roles procede de ")
    expect(page.locator(".hai-credit cite")).to_contain_text("The Conductor")


def test_a_part_that_cannot_load_says_so_in_the_page_language(page: Page, site: str) -> None:
    """main.mjs has no spec when loading fails: its words come from the page (the theme prints
    them from the catalogue), in Spanish on the Spanish site."""
    page.route("**/spec/all.json", lambda route: route.fulfill(status=503, body="unavailable"))
    for path, words in (("es/coach/team/", "Esta parte de la página no se pudo cargar"),
                        ("coach/team/", "This part of the page could not be loaded")):
        page.goto(f"{site}{path}")
        expect(page.locator("[data-hai-team]")).to_have_attribute("data-hai-ready", "failed")
        alert = page.locator("[data-hai-team] .hai-missing[role=alert]")
        expect(alert).to_contain_text(words)
        expect(alert).to_contain_text("spec/all.json: HTTP 503")
