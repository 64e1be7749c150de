"""The results view and the "Did not come up" answer, in real Chromium against the built site.

Expected values come from the spec and the Python scorer, never from the page itself.
"""

from __future__ import annotations

import itertools
import json
import math
from typing import TYPE_CHECKING, Any, Literal

import pytest
from conftest import axe_violations, shipped_spec, wait_ready

from generator.scoring import score

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import Watch
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SPEC = shipped_spec()
PROFILE = SPEC["assessments"]["role-profile"]
ROLES = {r["id"]: r for r in SPEC["roles"]}
NAMES = {r["id"]: r["name"] for r in SPEC["roles"]}
NA = "na"


def items_of(role: str) -> list[str]:
    return [i for i in PROFILE["items"] if SPEC["items"][i]["role"] == role]


def need(total: int) -> int:
    return math.ceil(0.8 * total)


def answer(page: Page, answers: dict[str, Any]) -> None:
    """Click each answer's label, as a leader with a mouse does."""
    for qid, value in answers.items():
        page.click(f'fieldset[data-item="{qid}"] label:has(input[value="{value}"])')


def plain_answers(value: Callable[[str], Any]) -> dict[str, Any]:
    """Every profile statement answered with value(item id), every scenario with option a."""
    out: dict[str, Any] = {i: value(i) for i in PROFILE["items"]}
    out |= {s: SPEC["scenarios"][s]["options"][0]["id"] for s in PROFILE["scenarios"]}
    return out


def submit(page: Page) -> None:
    page.click("button[type=submit]")
    page.wait_for_selector("[data-hai-results]:not([hidden])")


def progress(page: Page) -> int:
    return int(page.inner_text('[data-hai-progress] [data-slot="answered"]'))


def na_heavy_answers() -> tuple[dict[str, Any], str]:
    """The Conductor one answer short of a score because of "na", every other role answered."""
    role = "conductor"
    own = items_of(role)
    n_na = len(own) - need(len(own)) + 1
    answers = plain_answers(lambda i: NA if i in own[:n_na] else 2 + len(i) % 3)
    return answers, role


def test_did_not_come_up_by_mouse_counts_and_unscores_a_role(page: Page, site: str, watch: Watch) -> None:
    page.goto(site + "quiz/role-profile/")
    wait_ready(page)
    # The sixth choice is on every statement, labelled from the spec, and set apart from 1-5.
    assert page.locator("fieldset[data-kind=likert]").count() == len(PROFILE["items"])
    assert page.locator("fieldset[data-kind=likert] input[value=na]").count() == len(PROFILE["items"])
    first = PROFILE["items"][0]
    na_label = page.locator(f'fieldset[data-item="{first}"] label:has(input[value=na])')
    assert na_label.inner_text().strip() == SPEC["scale"]["na"]
    never = page.locator(f'fieldset[data-item="{first}"] label:has(input[value="1"])')
    # Set apart: a dashed edge, unlike the scale's solid one, and a wider gap than between points.
    styles = [el.evaluate("e => getComputedStyle(e).borderStyle") for el in (never, na_label)]
    assert styles == ["solid", "dashed"], styles
    labels = page.locator(f'fieldset[data-item="{first}"] label')
    boxes = [box for i in range(labels.count()) if (box := labels.nth(i).bounding_box())]
    steps = [b["x"] - (a["x"] + a["width"]) for a, b in itertools.pairwise(boxes)]
    assert steps[-1] > max(steps[:-1]), steps
    assert SPEC["scale"]["na"] in page.inner_text(".hai-prompt-note")

    answers, role = na_heavy_answers()
    na_label.click()
    assert progress(page) == 1, "a 'did not come up' answer counts as answered"
    answer(page, answers)
    assert progress(page) == len(answers)
    submit(page)
    assert page.locator("[data-hai-missing]").is_hidden(), "na answers are never 'missing'"

    want = score(SPEC, "role-profile", answers)
    row = next(r for r in want["roles"] if r["role"] == role)
    assert row["score"] is None
    assert row["na"] == len(items_of(role)) - need(len(items_of(role))) + 1
    results = page.locator("[data-hai-results]")
    table = results.locator("tbody tr").all_inner_texts()
    assert len(table) == len(want["roles"])
    shown = next(t for t in table if t.startswith(NAMES[role]))
    assert "Not scored" in shown
    assert f"{row['na']} did not come up" in shown
    note = results.locator(".hai-unscored").inner_text()
    assert f"{NAMES[role]} is not scored: this did not come up often enough" in note
    # The rest still shows: a profile from the four scored roles, with its plan.
    assert want["profile"] is not None
    summary = results.locator(".hai-summary").inner_text()
    for lead in want["profile"]["lead"]:
        assert NAMES[lead] in summary
    assert NAMES[role] not in summary
    titles = {e["id"]: e["title"] for e in SPEC["exercises"]}
    assert results.locator(".hai-plan h4").all_inner_texts() == [titles[e] for e in want["plan"]]


def test_missing_message_never_counts_na(page: Page, site: str, watch: Watch) -> None:
    """A role one answer short with a skipped statement asks for exactly what would score it."""
    page.goto(site + "quiz/role-profile/")
    wait_ready(page)
    role, other = "domain-expert", "conductor"
    own, theirs = items_of(role), items_of(other)
    # domain-expert: one short, one statement skipped and the rest of the gap "na";
    # conductor: "na" so often that no answer could score it: not asked for.
    short_by = 1
    skipped = own[:1]
    n_na = len(own) - need(len(own)) + short_by - len(skipped)
    na = set(own[1 : 1 + n_na]) | set(theirs)
    answers = {i: (NA if i in na else 3) for i in PROFILE["items"] if i not in skipped}
    answer(page, answers)
    page.click("button[type=submit]")
    missing = page.locator("[data-hai-missing]")
    missing.wait_for(state="visible")
    text = missing.inner_text()
    assert f"{NAMES[role]}: {short_by} more" in text
    assert NAMES[other] not in text
    assert page.get_attribute("[data-hai-missing] a", "href") == f"#q-{skipped[0]}"
    assert page.locator("[data-hai-results]").is_hidden()


def test_did_not_come_up_by_keyboard_alone(page: Page, site: str, watch: Watch) -> None:
    page.goto(site + "quiz/role-profile/")
    wait_ready(page)
    first = PROFILE["items"][0]
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement?.name") == first:
            break
    else:
        pytest.fail("Tab never reached the first statement")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.value") == "1"
    for _ in range(len(SPEC["scale"]["labels"])):  # past the five points of the scale
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.value") == NA
    assert page.is_checked(f'input[name="{first}"][value=na]')
    assert progress(page) == 1
    # Saved as an answer: a reload restores it and the count.
    page.reload()
    wait_ready(page)
    assert page.is_checked(f'input[name="{first}"][value=na]')
    assert progress(page) == 1


def item_scores(per_role: dict[str, list[int]]) -> dict[str, Any]:
    """Answers giving each listed role these item scores (in item order), 3 everywhere else."""

    def value(item: str) -> int:
        it = SPEC["items"][item]
        wanted = per_role.get(it["role"])
        s = wanted[items_of(it["role"]).index(item) % len(wanted)] if wanted else 3
        return 6 - s if it["reverse"] else s

    return plain_answers(value)


def lead_answers(leads: list[str]) -> dict[str, Any]:
    """Every statement of the lead roles at the top of the scale, every other one in the middle."""
    return item_scores({r: [5] for r in leads})


def test_report_explains_the_lead_role_and_growth_edge(page: Page, site: str, watch: Watch) -> None:
    lead = next((r for r in SPEC["roles"] if r.get("lead_meaning")), None)
    assert lead is not None, "no role in the banks has a lead_meaning"
    answers = lead_answers([lead["id"]])
    want = score(SPEC, "role-profile", answers)
    assert want["profile"]["kind"] == "primary"
    assert want["profile"]["lead"] == [lead["id"]]
    page.goto(site + "quiz/role-profile/")
    wait_ready(page)
    answer(page, answers)
    submit(page)
    report = page.locator("[data-hai-results] [data-slot=lead-block]")
    assert report.is_visible()
    assert report.locator("h4").all_inner_texts() == [lead["name"]]
    paragraphs = report.locator("p").all_inner_texts()
    assert lead["lead_meaning"] in paragraphs
    assert report.locator("[data-slot=strengths] li").all_inner_texts() == lead["strengths"]
    # Scored 100, so strong: its overuse risks are shown.
    assert report.locator("[data-slot=overuse] li").all_inner_texts() == lead["overuse_risks"]
    edge = page.locator("[data-hai-results] [data-slot=edge-block]")
    assert edge.locator("h4").all_inner_texts() == [NAMES[r] for r in want["profile"]["growth_edge"]]
    text = edge.inner_text()
    for r in want["profile"]["growth_edge"]:
        if ROLES[r].get("growth_meaning"):
            assert ROLES[r]["growth_meaning"] in text
        assert ROLES[r]["coach_question"] in text


def test_report_explains_a_blend_without_overuse_below_strong(page: Page, site: str, watch: Watch) -> None:
    leads = ["translator", "creative-catalyst"]
    # Creative Catalyst just strong (67), the Translator developing (58) but within the margin.
    answers = item_scores({"translator": [4, 4, 3, 3, 3, 3], "creative-catalyst": [4, 4, 4, 4, 3, 3]})
    want = score(SPEC, "role-profile", answers)
    assert want["profile"]["kind"] == "blended"
    assert want["profile"]["lead"] == leads
    bands = {r["role"]: r["band"] for r in want["roles"]}
    assert [bands[r] for r in leads] == ["developing", "strong"]
    page.goto(site + "quiz/role-profile/")
    wait_ready(page)
    answer(page, answers)
    submit(page)
    report = page.locator("[data-hai-results] [data-slot=lead-block]")
    assert report.locator("h3").inner_text() == "What your blend means"
    assert report.locator("[data-slot=lead-intro]").is_visible()
    assert report.locator("h4").all_inner_texts() == [NAMES[r] for r in leads]
    for i, r in enumerate(leads):
        card = report.locator(".hai-role-report").nth(i)
        assert ROLES[r]["lead_meaning"] in card.locator("p").first.inner_text()
        # In a blend the lists fold, so the meanings read together; opening shows them.
        assert not card.locator("[data-slot=strengths]").is_visible()
        card.locator("summary").click()
        assert card.locator("[data-slot=strengths] li").all_inner_texts() == ROLES[r]["strengths"]
        assert card.locator("[data-slot=overuse-block]").is_visible() == (bands[r] == "strong")


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_results_view(
    page: Page, site: str, watch: Watch, width: int, scheme: Literal["light", "dark"]
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(color_scheme=scheme)
    page.goto(site + "quiz/role-profile/")
    wait_ready(page)
    assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    answers, _ = na_heavy_answers()
    answer(page, answers)
    submit(page)
    found = {"folded": axe_violations(page)}
    for details in page.query_selector_all("[data-hai-results] details"):
        details.evaluate("d => { d.open = true; }")
    found["unfolded"] = axe_violations(page)
    assert not any(found.values()), json.dumps(found, indent=1)


def test_folded_on_screen_unfolded_in_print(page: Page, site: str, watch: Watch) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(site + "quiz/role-profile/")
    wait_ready(page)
    answer(page, lead_answers(["conductor"]))
    submit(page)
    results = page.locator("[data-hai-results]")
    steps = results.locator(".hai-exercise__steps")
    feedback = results.locator(".hai-feedback [data-slot=feedback]")
    assert steps.count() > 0
    assert feedback.count() == len(PROFILE["scenarios"])
    assert not any(steps.nth(i).is_visible() for i in range(steps.count())), "plan is folded"
    assert not any(feedback.nth(i).is_visible() for i in range(feedback.count())), "feedback is folded"
    # Summary, chart and table fit in about three phone screens.
    span = page.evaluate(
        """() => {
            const top = document.querySelector('[data-hai-results]').getBoundingClientRect().top;
            const table = document.querySelector('[data-hai-results] .hai-table-wrap');
            return table.getBoundingClientRect().bottom - top;
        }"""
    )
    assert span <= 3 * 800, span
    results.locator(".hai-exercise summary").first.click()
    assert steps.first.is_visible()
    page.emulate_media(media="print")
    assert all(steps.nth(i).is_visible() for i in range(steps.count())), "print shows every exercise"
    assert all(feedback.nth(i).is_visible() for i in range(feedback.count())), "print shows all feedback"


def test_axe_finds_nothing_on_my_results_with_a_result_open(page: Page, site: str, watch: Watch) -> None:
    """My results at phone width: the list of attempts and a result opened from it."""
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(site + "quiz/role-profile/")
    wait_ready(page)
    answers, _ = na_heavy_answers()
    answer(page, answers)
    submit(page)
    page.goto(site + "results/")
    wait_ready(page, "[data-hai-history]")
    page.click("[data-hai-history] [data-action=view]")
    page.wait_for_selector("[data-hai-history] [data-hai-results]:not([hidden])")
    assert "did not come up often enough" in page.inner_text("[data-hai-results] .hai-unscored")
    assert not (found := axe_violations(page)), json.dumps(found, indent=1)


def test_quiz_page_loads_results_code_styles_and_texts_only_when_needed(
    page: Page, site: str, watch: Watch
) -> None:
    """At load, the quiz page fetches no results code, styles or texts; the results arrive
    styled, with the texts of exactly the roles the report shows and the plan's exercises."""
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url.split("/assets/assessments/", 1)[-1]))
    page.goto(site + "quiz/role-profile/")
    wait_ready(page)
    page.wait_for_load_state("networkidle")
    at_load = set(asked)
    for later in ("results.mjs", "results.css", "scoring.mjs", "i18n.mjs", "spec/role-profile.json"):
        assert later not in at_load, f"{later} fetched before the leader answered anything"
    lead = next(r["id"] for r in SPEC["roles"] if r.get("lead_meaning"))
    answers = lead_answers([lead])
    want = score(SPEC, "role-profile", answers)
    answer(page, answers)
    submit(page)
    page.wait_for_load_state("networkidle")
    shown = {*want["profile"]["lead"], *want["profile"]["growth_edge"]}
    def fetched(folder: str) -> set[str]:
        return {a.removeprefix(folder).removesuffix(".json") for a in asked if a.startswith(folder)}

    assert fetched("spec/roles/") == shown
    assert set(want["plan"]) <= fetched("spec/exercises/")
    # The scenario feedback reads its situation and options from the form: the same words as the banks.
    shown_feedback = page.eval_on_selector_all(
        "[data-hai-results] .hai-feedback",
        """els => els.map((el) => Object.fromEntries(["situation", "chosen", "best", "feedback"]
            .map((k) => [k, el.querySelector(`[data-slot="${k}"]`)?.textContent ?? null])))""",
    )
    texts = {s: {o["id"]: o["text"] for o in SPEC["scenarios"][s]["options"]} for s in PROFILE["scenarios"]}
    assert shown_feedback == [
        {"situation": SPEC["scenarios"][f["scenario"]]["situation"],
         "chosen": texts[f["scenario"]][f["chosen"]], "best": texts[f["scenario"]][f["best"]],
         "feedback": f["feedback"]}
        for f in want["scenarios"]
    ]
    # results.css applies: the score table collapses its borders (Material's tables do not).
    table = "[data-hai-results] .hai-table"
    collapse = page.eval_on_selector(table, "t => getComputedStyle(t).borderCollapse")
    assert collapse == "collapse"
