"""A whole observer round in a real browser: the invitation link, three observers answering in
separate browser contexts, their downloaded files and the leader's own result, the comparison.

Every page runs under the `Watch` of conftest: a page error, console error, dialog or request
leaving the site fails the test.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest
from conftest import Watch, axe_violations, shipped_spec, wait_ready
from playwright.sync_api import expect

from generator.compare import compare_files
from generator.results import new_result

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

NAME = "Ana Lima"
COACH = "coach@example.org"


def make_link(page: Page, site: str, name: str = NAME, to: str = COACH) -> str:
    page.goto(site + "observers/invite/")
    wait_ready(page, "[data-hai-invite]")
    page.fill("#hai-invite-name", name)
    page.fill("#hai-invite-to", to)
    page.get_by_role("button", name="Create the invitation link").click()
    link = page.input_value("#hai-invite-link")
    assert link.startswith(site + "observers/observe/#o=1&q=role-profile&")
    return link


def self_doc() -> dict[str, Any]:
    """The leader's own result, as the quiz would keep it: high on Conductor, low elsewhere."""
    spec = shipped_spec()
    answers: dict[str, Any] = {}
    for item_id in spec["assessments"]["role-profile"]["items"]:
        item = spec["items"][item_id]
        s = 5 if item["role"] == "conductor" else 3 if item["role"] == "translator" else 2
        answers[item_id] = 6 - s if item["reverse"] else s
    return new_result(spec, "role-profile", answers, "2026-11-20T10:00:00Z", NAME)


def answer_as_observer(page: Page, link: str, relationship: int, level: int, folder: Path, n: int) -> Path:
    """Open the link, answer every statement (level +- 1 by position, a few 'not seen'), download."""
    page.goto(link)
    wait_ready(page, "[data-hai-observe]")
    expect(page.locator("[data-hai-invited] .hai-lede")).to_contain_text(f"{NAME} asked for your view")
    page.locator(".hai-relationship label").nth(relationship).click()
    statements = page.locator("fieldset[data-item]")
    assert statements.count() == len(shipped_spec()["assessments"]["role-profile"]["items"])
    for i in range(statements.count()):
        choice = 5 if (i + n) % 11 == 0 else max(0, min(4, level - 1 + (i + n) % 3 - 1))
        statements.nth(i).locator("label").nth(choice).click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download your feedback file").click()
    expect(page.locator("[data-hai-done]")).to_be_visible()
    expect(page.locator("[data-hai-done]")).to_contain_text(f"Send it to {COACH}")
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path


def three_observers(browser: Browser, site: str, link: str, folder: Path) -> list[Path]:
    """Three people, each in their own browser, answer and download their feedback files."""
    files = []
    for n, (relationship, level) in enumerate([(1, 2), (1, 3), (1, 2)]):
        context = browser.new_context(accept_downloads=True)
        observer = context.new_page()
        seen = Watch(observer, site.rstrip("/"))
        files.append(answer_as_observer(observer, link, relationship, level, folder, n))
        if n == 0:
            assert axe_violations(observer) == []
        seen.check()
        context.close()
    return files


def check_feedback_files(files: list[Path], code: str) -> None:
    assert len({f.name for f in files}) == 3  # distinct names: a folder of them keeps every one
    for f in files:
        doc = json.loads(f.read_text(encoding="utf-8"))
        assert doc["perspective"] == "observer"
        assert doc["about"] == NAME
        assert doc["invite"] == code
        assert doc["relationship"] == "peer"
        assert "name" not in doc
        assert not any(k in shipped_spec()["scenarios"] for k in doc["answers"])
        assert "na" in doc["answers"].values()


def left_out_and_self_file(
    page: Page, tmp_path: Path, files: list[Path], self_bytes: bytes, report: dict[str, Any]
) -> None:
    """A copy and the leader's own file are left out with a reason; a self file works like history."""
    rows = page.locator(".hai-so-table tbody tr")
    report_view = page.locator("[data-hai-report]")
    # A copy of a file, and the leader's own file among the feedback: each left out, with a reason.
    copy = tmp_path / "copy.json"
    copy.write_bytes(files[0].read_bytes())
    mine = tmp_path / "mine.json"
    mine.write_bytes(self_bytes)
    page.set_input_files("#hai-so-files", [str(copy), str(mine)])
    rejected = page.locator('[data-slot="rejected"] li')
    expect(rejected).to_have_count(2)
    expect(rejected.nth(0)).to_contain_text(f"the same feedback as {files[0].name}")
    expect(rejected.nth(1)).to_contain_text("this is the leader's own result")
    expect(page.locator('[data-slot="count"]')).to_have_text("3")

    # The same comparison from the leader's downloaded result file instead of this browser's history.
    own_file = tmp_path / "role-profile-2026-11-20.json"
    own_file.write_bytes(self_bytes)
    page.set_input_files("#hai-so-self-file", str(own_file))
    expect(page.locator("#hai-so-self-select")).to_have_value("")
    expect(report_view.locator("h2")).to_contain_text(NAME)
    expect(rows.nth(0).locator("td").nth(1)).to_have_text(str(report["roles"][0]["others"]))

    # On a phone the page fits its width (wide tables scroll inside their own region).
    page.set_viewport_size({"width": 360, "height": 780})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []


def test_a_whole_observer_round(
    page: Page, browser: Browser, site: str, watch: Watch, tmp_path: Path
) -> None:
    link = make_link(page, site)
    code = re.search(r"&i=([A-Z0-9]{6})&", link)
    assert code
    assert axe_violations(page) == []
    files = three_observers(browser, site, link, tmp_path)
    check_feedback_files(files, code.group(1))

    own = self_doc()
    page.goto(site + "observers/compare/")
    page.evaluate("d => localStorage.setItem('hai:attempts', JSON.stringify([d]))", own)
    page.reload()
    wait_ready(page, "[data-hai-selfothers]")
    report_view = page.locator("[data-hai-report]")

    # Two observers: nothing of theirs is shown, and the page says how many more are needed.
    page.set_input_files("#hai-so-files", [str(p) for p in files[:2]])
    expect(page.locator('[data-slot="too-few"]')).to_be_visible()
    expect(page.locator('[data-slot="too-few"]')).to_contain_text("1 more needed")
    expect(page.locator('[data-slot="shown"]')).to_be_hidden()
    assert page.locator(".hai-pairs").count() == 0

    # The third: the comparison, with the same numbers as the command line.
    page.set_input_files("#hai-so-files", [str(files[2])])
    expect(page.locator('[data-slot="shown"]')).to_be_visible()
    expect(report_view.locator("h2")).to_contain_text(NAME)
    self_bytes = json.dumps(own).encode()
    report = compare_files(shipped_spec(), ("me.json", self_bytes), [(p.name, p.read_bytes()) for p in files])
    assert report["observers"] == 3
    rows = page.locator(".hai-so-table tbody tr")
    assert rows.count() == 5
    for i, r in enumerate(report["roles"]):
        cells = rows.nth(i).locator("td")
        assert cells.nth(0).inner_text() == str(r["self"])
        assert cells.nth(1).inner_text() == ("—" if r["others"] is None else str(r["others"]))
        assert cells.nth(2).inner_text() == str(r["k"])
    assert "conductor" in report["blind_spots"]  # 100 against the observers' middling view
    expect(page.locator('[data-slot="blind"]')).to_contain_text("The Conductor")
    assert page.locator('[data-slot="higher"] li').count() == len(report["items"]["higher"]) > 0
    first = shipped_spec()["items"][report["items"]["higher"][0]["item"]]["text"]
    expect(page.locator('[data-slot="higher"] li').first).to_contain_text(first)
    # three peers make a group large enough to show
    assert [g["relationship"] for g in report["groups"]] == ["peer"]
    expect(page.locator('[data-slot="groups"] tr')).to_have_count(1)
    assert axe_violations(page) == []

    left_out_and_self_file(page, tmp_path, files, self_bytes, report)


def test_a_tampered_or_missing_invitation_is_refused(page: Page, site: str, watch: Watch) -> None:
    link = make_link(page, site)
    tampered = link.replace(f"n={quote(NAME)}", "n=Someone%20Else")
    assert tampered != link
    for url, words in [
        (tampered, "changed or damaged after it was made"),
        (link.split("&c=")[0], "looks incomplete"),
        (site + "observers/observe/", "has no invitation in it"),
    ]:
        page.goto(url)
        page.reload()  # a new fragment alone does not reload the page
        wait_ready(page, "[data-hai-observe]")
        expect(page.locator("[data-hai-refused]")).to_be_visible()
        expect(page.locator("[data-hai-refused]")).to_contain_text(words)
        expect(page.locator("[data-hai-observe-form]")).to_be_hidden()
        assert "Someone Else" not in page.locator("main").inner_text()
    assert axe_violations(page) == []


def test_one_code_per_round(page: Page, site: str, watch: Watch) -> None:
    code = re.compile(r"&i=([A-Z0-9]{6})&")
    first = code.search(make_link(page, site))
    again = code.search(make_link(page, site))  # the same round: the code is kept in this browser
    assert first
    assert again
    assert first.group(1) == again.group(1)
    stale = page.locator("[data-hai-stale]")
    expect(stale).to_be_hidden()
    page.fill("#hai-invite-to", "someone@example.org")  # the link shown no longer matches the form
    expect(stale).to_be_visible()
    page.get_by_role("button", name="Start a new round").click()
    expect(page.locator("[data-hai-status]")).to_have_text("New code made. Create the link again to use it.")
    page.get_by_role("button", name="Create the invitation link").click()
    expect(stale).to_be_hidden()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator("[data-hai-copied]")).to_have_text("Copied. Paste the link into your message.")
    assert page.evaluate("() => navigator.clipboard.readText()") == page.input_value("#hai-invite-link")
    new = code.search(page.input_value("#hai-invite-link"))
    assert new
    assert new.group(1) != first.group(1)


def test_observer_progress_is_kept_in_the_browser(page: Page, site: str, watch: Watch) -> None:
    link = make_link(page, site)
    page.goto(link)
    wait_ready(page, "[data-hai-observe]")
    statements = page.locator("fieldset[data-item]")
    for i in range(4):
        statements.nth(i).locator("label").nth(3).click()
    page.get_by_role("button", name="Download your feedback file").click()
    expect(page.locator("[data-hai-missing]")).to_contain_text(
        f"{statements.count() - 4} statements are still without an answer")
    assert page.url == link  # "go to the first one" must not drop the invitation from the address
    page.reload()
    wait_ready(page, "[data-hai-observe]")
    expect(page.locator("[data-hai-notice]")).to_contain_text("Your 4 answers from")
    expect(page.locator("[data-hai-progress] [data-slot=answered]")).to_have_text("4")


def test_hostile_text_in_a_link_is_shown_as_text(page: Page, site: str, watch: Watch) -> None:
    name = '<img src="https://evil.example/x.png" onerror="alert(1)">Ana'
    to = '"><script>alert(2)</script>'
    link = make_link(page, site, name=name, to=to)
    page.goto(link)
    wait_ready(page, "[data-hai-observe]")
    expect(page.locator("[data-hai-invited] .hai-lede strong")).to_have_text(name)
    assert page.locator("img[src*='evil.example']").count() == 0
    assert not page.evaluate("[...document.scripts].some(s => s.textContent.includes('alert('))")
    statements = page.locator("fieldset[data-item]")
    for i in range(statements.count()):
        statements.nth(i).locator("label").nth(5).click()  # seen nothing: still a valid file
    with page.expect_download() as download:
        page.get_by_role("button", name="Download your feedback file").click()
    expect(page.locator("[data-hai-done]")).to_contain_text(f"Send it to {to}")
    doc = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert doc["about"] == name
    assert set(doc["answers"].values()) == {"na"}


def test_the_team_view_sets_feedback_files_aside(page: Page, site: str, watch: Watch, tmp_path: Path) -> None:
    from generator.simulate import simulate, simulate_observers, write_files  # noqa: PLC0415

    spec = shipped_spec()
    people = simulate(spec, 2, 1, date(2026, 11, 20))
    write_files(tmp_path, people + simulate_observers(spec, people, 3, 1))
    page.goto(site + "coach/team/")
    wait_ready(page, "[data-hai-team]")
    page.set_input_files("#hai-team-files", sorted(str(p) for p in tmp_path.glob("*.json")))
    counts = page.locator("[data-hai-report] [data-slot='counts']")
    expect(counts).to_contain_text("2 people")
    expect(counts).to_contain_text("6 observer feedback files were set aside")
    expect(page.locator("[data-hai-report] [data-slot='people'] tr")).to_have_count(2)


def test_the_spanish_observer_pages_speak_spanish(page: Page, site: str, watch: Watch) -> None:
    """/es/: the invitation, the questionnaire's messages with a count (plural by the catalogue)
    and the comparison's refusals come from the Spanish catalogue; axe finds nothing."""
    page.goto(site + "es/observers/invite/")
    wait_ready(page, "[data-hai-invite]")
    expect(page.locator(".hai-observer-guide")).to_contain_text("tres meses o más")
    page.fill("#hai-invite-name", NAME)
    page.get_by_role("button", name="Crear el enlace de invitación").click()
    expect(page.locator("[data-slot=send-to]")).to_have_text("mí directamente")
    link = page.input_value("#hai-invite-link")
    assert link.startswith(site + "es/observers/observe/#o=1&")
    assert axe_violations(page) == []

    page.goto(link)
    wait_ready(page, "[data-hai-observe]")
    expect(page.locator("[data-hai-invited] .hai-lede")).to_contain_text(f"{NAME} quiere conocer tu opinión")
    statements = page.locator("fieldset[data-item]")
    statements.nth(0).locator("label").nth(3).click()
    page.get_by_role("button", name="Descargar tu archivo de opinión").click()
    expect(page.locator("[data-hai-missing]")).to_contain_text(
        f"Quedan {statements.count() - 1} afirmaciones sin responder")
    page.reload()
    wait_ready(page, "[data-hai-observe]")
    expect(page.locator("[data-hai-notice]")).to_contain_text("Hemos recuperado tu respuesta del")
    assert axe_violations(page) == []

    page.goto(site + "es/observers/compare/")
    wait_ready(page, "[data-hai-selfothers]")
    page.set_input_files("#hai-so-self-file", files=[{
        "name": "fb.json", "mimeType": "application/json",
        "buffer": json.dumps({**self_doc(), "perspective": "observer"}).encode(),
    }])
    expect(page.locator("[data-hai-self-status]")).to_contain_text(
        "este es un archivo de opinión de un observador")
