"""The site as leaders use it: real Chromium against the built site served on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from conftest import ROOT, axe_violations, wait_ready

from generator.scoring import score

if TYPE_CHECKING:
    from conftest import Watch
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SHOTS = ROOT / "test-results" / "screenshots"
SPEC: dict[str, Any] = json.loads(
    subprocess.run(
        [sys.executable, "-m", "generator", "--no-docs", "export"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
)
QUIZZES = list(SPEC["assessments"])


def answer_all(page: Page, pick: Any = lambda i, n: (i * 7 + 3) % n) -> None:
    """Answer every question: pick(index, number of choices) on the scale or among the options."""
    for i, fs in enumerate(page.query_selector_all("fieldset[data-item]")):
        radios = fs.query_selector_all("input[type=radio]:not([value=na])")
        radios[pick(i, len(radios))].check()


def stored_attempts(page: Page) -> list[dict[str, Any]]:
    """The attempts this site keeps in the browser, whatever its storage key's scope."""
    return page.evaluate(
        """() => {
            const key = Object.keys(localStorage).find((k) => /^hai:(.*:)?attempts$/.test(k));
            return key ? JSON.parse(localStorage.getItem(key)) : [];
        }"""
    )


def checked_answers(page: Page) -> dict[str, Any]:
    """The answers chosen in the quiz form, as a result file holds them."""
    return page.eval_on_selector_all(
        "[data-hai-form] fieldset[data-item] input:checked",
        """inputs => Object.fromEntries(inputs.map((i) => {
            const likert = i.closest('fieldset').dataset.kind === 'likert' && i.value !== 'na';
            return [i.name, likert ? Number(i.value) : i.value];
        }))""",
    )


def shown_profile(page: Page) -> dict[str, Any]:
    """What the results view shows: per-role score and band, the summary, the plan titles."""
    rows = page.eval_on_selector_all(
        "[data-hai-results] tbody tr",
        "trs => trs.map(tr => [...tr.children].map(c => c.textContent.trim()))",
    )
    return {
        "rows": [(r[0], r[1], r[2]) for r in rows],
        "summary": page.inner_text("[data-hai-results] .hai-summary"),
        "plan": page.eval_on_selector_all(
            "[data-hai-results] .hai-plan > li h4", "hs => hs.map(h => h.textContent.trim())"
        ),
        "scenarios": page.locator("[data-hai-results] .hai-feedback").count(),
    }


def cli_score(path: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "generator", "--no-docs", "score", str(path), "--json"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout)


def expected_view(result: dict[str, Any]) -> dict[str, Any]:
    names = {r["id"]: r["name"] for r in SPEC["roles"]}
    titles = {e["id"]: e["title"] for e in SPEC["exercises"]}
    bands = {"emerging": "Emerging", "developing": "Developing", "strong": "Strong"}
    return {
        "rows": [
            (names[r["role"]], str(r["score"]), bands[r["band"]]) for r in result["roles"]
        ],
        "lead": [names[r] for r in result["profile"]["lead"]],
        "plan": [titles[e] for e in result["plan"]],
        "scenarios": len(result["scenarios"]),
    }


def test_keyboard_only_profile_matches_cli(page: Page, site: str, watch: Watch, tmp_path: Path) -> None:
    page.goto(site + "quiz/role-profile/")
    wait_ready(page)
    # Reach the first statement with Tab alone.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement?.name") == SPEC["assessments"]["role-profile"]["items"][0]:
            break
    else:
        pytest.fail("Tab never reached the first statement")
    profile = SPEC["assessments"]["role-profile"]
    questions = profile["items"] + profile["scenarios"]
    for i, qid in enumerate(questions):
        assert page.evaluate("document.activeElement.name") == qid
        page.keyboard.press("Space")  # choose the first option of the group
        for _ in range((i * 3) % (4 if qid in SPEC["scenarios"] else 5)):
            page.keyboard.press("ArrowRight")  # arrows move the choice within the group
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-hai-results]:not([hidden])")
    assert page.evaluate("document.activeElement.tagName") == "H2"
    view = shown_profile(page)

    # Export with the keyboard too.
    page.focus("[data-hai-results] h2")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.action") == "export":
            break
    with page.expect_download() as dl:
        page.keyboard.press("Enter")
    path = tmp_path / "result.json"
    dl.value.save_as(path)
    doc = json.loads(path.read_text())
    assert doc["format"] == SPEC["result_format"]
    assert doc["bank_version"] == SPEC["assessments"]["role-profile"]["bank_version"]
    assert len(doc["answers"]) == len(questions)

    want = expected_view(cli_score(path))
    assert view["rows"] == want["rows"]
    for name in want["lead"]:
        assert name in view["summary"]
    assert view["plan"] == want["plan"]
    assert view["scenarios"] == want["scenarios"]


def test_reload_keeps_every_answer(page: Page, site: str, watch: Watch) -> None:
    page.goto(site + "quiz/role-profile/")
    wait_ready(page)
    fieldsets = page.query_selector_all("fieldset[data-item]")
    chosen = {}
    for i, fs in enumerate(fieldsets[: len(fieldsets) // 2]):
        radios = fs.query_selector_all("input[type=radio]")
        radios[i % len(radios)].check()
        chosen[radios[i % len(radios)].get_attribute("name")] = radios[i % len(radios)].get_attribute("value")
    page.reload()
    wait_ready(page)
    for name, value in chosen.items():
        assert page.is_checked(f'input[name="{name}"][value="{value}"]'), name
    assert page.locator("input[type=radio]:checked").count() == len(chosen)
    assert page.inner_text(".hai-progress__label").startswith(f"{len(chosen)} of")
    notice = page.locator("[data-hai-notice]")
    assert notice.is_visible()
    assert f"{len(chosen)} answers" in notice.inner_text()
    # Start over empties the form and the saved progress.
    page.click("[data-action=start-over]")
    assert page.locator("input[type=radio]:checked").count() == 0
    page.reload()
    wait_ready(page)
    assert page.locator("input[type=radio]:checked").count() == 0


def test_instant_navigation_initialises_once(page: Page, site: str, watch: Watch) -> None:
    page.goto(site + "quiz/conductor/")
    wait_ready(page)
    for _ in range(2):  # leave and come back through Material's instant navigation
        page.click("nav.md-nav--primary a[href$='how-scoring-works/']")
        page.wait_for_url("**/how-scoring-works/")
        page.click("nav.md-nav--primary a[href$='quiz/conductor/']")
        page.wait_for_url("**/quiz/conductor/")
        wait_ready(page)
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1, "full reload happened"
    answer_all(page)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-hai-results]:not([hidden])")
    assert len(stored_attempts(page)) == 1, "submit handled more than once: the quiz was set up twice"
    assert page.locator("[data-hai-results] .hai-results__title").count() == 1


def test_one_role_quiz_shows_score_band_plan_feedback(page: Page, site: str, watch: Watch) -> None:
    page.goto(site + "quiz/system-monitor/")
    wait_ready(page)
    answer_all(page, lambda i, n: n - 1 if i % 2 else 0)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-hai-results]:not([hidden])")
    answers = checked_answers(page)
    assert stored_attempts(page)[0]["answers"] == answers
    want = score(SPEC, "system-monitor", answers)
    view = shown_profile(page)
    row = want["roles"][0]
    assert view["rows"] == [("The System Monitor", str(row["score"]), row["band"].capitalize())]
    assert "The System Monitor" in view["summary"]
    assert row["band"] in view["summary"]
    assert view["scenarios"] == len(SPEC["assessments"]["system-monitor"]["scenarios"])
    titles = {e["id"]: e["title"] for e in SPEC["exercises"]}
    assert view["plan"] == [titles[e] for e in want["plan"]]
    assert view["plan"], "a scored one-role quiz always has a plan"


def test_too_few_answers_explains_what_is_missing(page: Page, site: str, watch: Watch) -> None:
    page.goto(site + "quiz/role-profile/")
    wait_ready(page)
    page.check("fieldset[data-item] input[value='3']")
    page.click("button[type=submit]")
    missing = page.locator("[data-hai-missing]")
    missing.wait_for(state="visible")  # scoring loads on first use, so the answer is not instant
    text = missing.inner_text()
    assert "The Conductor: 4 more" in text
    assert "The Domain Expert: 5 more" in text
    assert page.locator("[data-hai-results]").is_hidden()


def test_history_shows_change_since_last_attempt(page: Page, site: str, watch: Watch) -> None:
    page.goto(site + "quiz/translator/")
    wait_ready(page)
    # Two different patterns, so the change is exact, not merely up or down.
    answer_all(page, lambda i, n: (0, 1, 2)[i % 3])
    first = checked_answers(page)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-hai-results]:not([hidden])")
    page.click("[data-action=retake]")
    answer_all(page, lambda i, n: (3, 4, 2, 1)[i % 4] % n)
    second = checked_answers(page)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-hai-results]:not([hidden])")
    before, after = (score(SPEC, "translator", a)["roles"][0]["score"] for a in (first, second))
    assert before is not None
    assert after is not None
    assert before != after
    d = after - before
    want = f"+{d}" if d > 0 else f"\N{MINUS SIGN}{-d}"
    assert page.inner_text("[data-hai-results] tbody tr td:last-child") == want
    assert page.inner_text("[data-hai-results] tbody tr td:nth-child(2)") == str(after)
    page.goto(site + "results/")
    wait_ready(page, "[data-hai-history]")
    rows = page.locator("[data-hai-history] tbody tr")
    assert rows.count() == 2
    # The list shows the newest first; viewing it compares it with the attempt before.
    rows.first.locator("[data-action=view]").click()
    page.wait_for_selector("[data-hai-history] [data-hai-results]:not([hidden])")
    assert page.inner_text("[data-hai-results] tbody tr td:last-child") == want


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing(page: Page, site: str, watch: Watch, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    paths = ["", "introduction/", "roles/conductor/", "practice/conductor/", "how-scoring-works/",
             "results/", "privacy/"] + [f"quiz/{q}/" for q in QUIZZES]
    found = {}
    for path in paths:
        page.goto(site + path)
        if path.startswith("quiz/"):
            wait_ready(page)
        expected = "slate" if scheme == "dark" else "default"
        assert page.get_attribute("body", "data-md-color-scheme") == expected
        if violations := axe_violations(page):
            found[path] = violations
    # and the results view
    page.goto(site + "quiz/role-profile/")
    wait_ready(page)
    answer_all(page)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-hai-results]:not([hidden])")
    if violations := axe_violations(page):
        found["results view"] = violations
    assert not found, json.dumps(found, indent=1)


@pytest.mark.parametrize("width", [1280, 360])
def test_screenshots(page: Page, site: str, watch: Watch, width: int) -> None:
    """Quiz and results at laptop and phone width, kept for people to look at, and what they show.

    The first screen of the results starts at their heading; every part of the results fits the
    width (only the score table may scroll, inside its own box); the chart's text stays legible.
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + "quiz/role-profile/")
    wait_ready(page)
    page.screenshot(path=str(SHOTS / f"quiz-{width}.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "page scrolls sideways"
    answer_all(page)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-hai-results]:not([hidden])")
    # Material swaps the header's title as the page scrolls, with a transition: let it finish,
    # so the picture shows the page as a reader sees it, not two titles crossing.
    page.evaluate("""() => Promise.race([
        Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))),
        new Promise((done) => setTimeout(done, 2000)),
    ])""")
    page.screenshot(path=str(SHOTS / f"results-{width}.png"))
    page.screenshot(path=str(SHOTS / f"results-full-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "results scroll sideways"
    heading = page.locator("[data-hai-results] h2").bounding_box()
    assert heading is not None
    assert 0 <= heading["y"] <= 900 - heading["height"], f"results heading at {heading['y']} px: off screen"
    overflowing = page.evaluate(
        """width => [...document.querySelectorAll('[data-hai-results] *')]
            .filter((el) => !el.closest('.hai-table-wrap') && el.getClientRects().length)
            .filter((el) => el.getBoundingClientRect().right > width + 0.5)
            .map((el) => el.className.baseVal ?? el.className)""",
        width,
    )
    assert not overflowing, f"cut off at the right edge: {overflowing[:5]}"
    label_px = page.evaluate(
        "document.querySelector('[data-hai-results] .hai-bars__label').getBoundingClientRect().height"
    )
    assert label_px >= 11, f"chart labels are {label_px:.1f} px tall: too small to read"
    wrap = page.locator("[data-hai-results] .hai-table-wrap")
    if wrap.evaluate("w => w.scrollWidth > w.clientWidth"):
        # A table wider than the screen scrolls in its own box, which the keyboard can reach.
        assert wrap.get_attribute("tabindex") == "0"
        assert wrap.get_attribute("aria-label")


def test_results_print_cleanly_on_a4_and_letter(page: Page, site: str, watch: Watch) -> None:
    page.goto(site + "quiz/role-profile/")
    wait_ready(page)
    answer_all(page)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-hai-results]:not([hidden])")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", "[data-hai-form]", ".hai-actions"):
        assert not page.is_visible(hidden), hidden
    for shown in (".hai-chart svg", ".hai-table", ".hai-plan", ".hai-honest"):
        assert page.is_visible(shown), shown
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size in ("A4", "Letter"):
        pdf = page.pdf(format=size, print_background=True)
        assert pdf.startswith(b"%PDF")
        (SHOTS / f"results-{size}.pdf").write_bytes(pdf)
        pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        assert 1 <= pages <= 6, f"{size}: {pages} pages"
