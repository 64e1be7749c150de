"""Data kept per site: two copies of the site on one origin (GitHub Pages project sites such as
user.github.io/a/ and user.github.io/b/) never see or erase each other's data, and a site served
at / keeps what it stored before keys were scoped (under the old unscoped "hai:" keys)."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING, Any

import pytest
from conftest import Server, Watch, shipped_spec, wait_ready
from playwright.sync_api import expect

from generator.results import new_result

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def two_sites(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server (one origin) serving the same built site under /a/ and /b/, plus an empty root.

    The build's site_url only feeds the sitemap and canonical links: every link, stylesheet and
    script in the pages is relative, so a copy works under any path (the test proves it)."""
    root = tmp_path_factory.mktemp("origin")
    for name in ("a", "b"):
        shutil.copytree(site_dir, root / name)
    server = Server(root)
    yield server.url
    server.close()


def storage(page: Page) -> dict[str, str]:
    return dict(page.evaluate("() => Object.fromEntries(Object.entries(localStorage))"))


def answer_all(page: Page) -> None:
    for i, fs in enumerate(page.query_selector_all("fieldset[data-item]")):
        radios = fs.query_selector_all("input[type=radio]")
        radios[(i * 3 + 1) % len(radios)].check()


def finish_quiz(page: Page, url: str) -> None:
    page.goto(url)
    wait_ready(page)
    answer_all(page)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-hai-results]:not([hidden])")


def history_rows(page: Page, site: str) -> int:
    page.goto(site + "results/")
    wait_ready(page, "[data-hai-history]")
    return page.locator("[data-hai-history] tbody tr").count()


def tick_plan(page: Page, site: str) -> None:
    """Make an assignment link on this site and tick its one module, as a leader would."""
    page.goto(site + "coach/assign/")
    wait_ready(page, "[data-hai-assign]")
    page.check("[data-hai-assign-form] input[value='introduction']")
    page.get_by_role("button", name="Create link").click()
    link = page.locator("[data-hai-link]")
    expect(link).to_be_visible()
    assert link.input_value().startswith(f"{site}plan/#")
    page.goto(link.input_value())
    wait_ready(page, "[data-hai-plan]")
    page.locator("[data-hai-plan] [data-task='introduction']").get_by_role("checkbox").check()
    expect(page.locator("[data-hai-plan-progress]")).to_contain_text("1 of 1 done")


def toggle_scheme(page: Page) -> None:
    """Use the theme's own toggle, so Material writes its preference under its own scope."""
    page.locator("form[data-md-component=palette] label:visible").first.click()


def test_two_sites_on_one_origin_keep_and_erase_only_their_own(page: Page, two_sites: str) -> None:
    watch = Watch(page, two_sites.rstrip("/"))
    a, b = two_sites + "a/", two_sites + "b/"
    # Whatever an older version left on this origin (unscoped keys) and another Material site's
    # preference at the root: neither /a/ nor /b/ may adopt or erase them.
    page.goto(a)
    legacy = {"hai:attempts": "[]", "hai:plan:00000000": '{"modules":{}}', "/.__palette": '{"index":1}'}
    page.evaluate("o => { for (const [k, v] of Object.entries(o)) localStorage.setItem(k, v); }", legacy)

    # /a/: a finished questionnaire, a plan tick, a colour scheme.
    finish_quiz(page, a + "quiz/conductor/")
    tick_plan(page, a)
    toggle_scheme(page)
    # /b/: one answer of an unfinished questionnaire, a colour scheme.
    page.goto(b + "quiz/translator/")
    wait_ready(page)
    page.check("fieldset[data-item] input[value='4']")
    toggle_scheme(page)

    kept = storage(page)
    a_keys = sorted(k for k in kept if k.startswith(("hai:/a/:", "/a/.")))
    b_keys = sorted(k for k in kept if k.startswith(("hai:/b/:", "/b/.")))
    assert [k.split(":")[2] if k.startswith("hai:") else k for k in a_keys] == [
        "/a/.__palette", "attempts", "plan",
    ]
    assert [k.split(":")[2] if k.startswith("hai:") else k for k in b_keys] == ["/b/.__palette", "progress"]
    assert set(kept) == set(a_keys) | set(b_keys) | set(legacy), "a key outside the two sites' scopes"

    # Links made at build time (site_url is another address) lead within /a/, instant navigation too.
    page.goto(a + "privacy/")
    page.locator(".md-sidebar--primary a.md-nav__link:visible", has_text="My results").first.click()
    page.wait_for_url(a + "results/")
    wait_ready(page, "[data-hai-history]")

    # Neither site sees the other's answers.
    assert history_rows(page, a) == 1
    assert history_rows(page, b) == 0
    page.goto(a + "quiz/translator/")
    wait_ready(page)
    assert page.locator("[data-hai-form] input:checked").count() == 0

    # Erasing on /a/ removes exactly /a/'s keys, the theme's included.
    page.goto(a + "privacy/")
    wait_ready(page, "[data-hai-erase]")
    expect(page.locator("[data-hai-erase] [data-slot=status]")).to_contain_text("2 items stored")
    page.click("[data-action=erase]")
    expect(page.locator("[data-hai-erase]")).to_contain_text("nothing from this site is left")
    assert storage(page) == {k: kept[k] for k in [*b_keys, *legacy]}

    # /b/ still has its answer.
    page.goto(b + "quiz/translator/")
    wait_ready(page)
    assert page.locator("[data-hai-form] input:checked").count() == 1
    assert "Welcome back. Your answer from" in page.inner_text("[data-hai-notice]")
    watch.check()


def test_site_at_root_keeps_data_saved_before_keys_were_scoped(page: Page, site: str, watch: Watch) -> None:
    spec = shipped_spec()
    conductor = spec["assessments"]["conductor"]
    answers = dict.fromkeys(conductor["items"], 4) | dict.fromkeys(conductor.get("scenarios", []), "a")
    done = new_result(spec, "conductor", answers, "2026-06-01T09:00:00Z", "Before")
    first = conductor["items"][0]
    progress = {"answers": {first: 2}, "savedAt": "2026-06-02T10:00:00Z"}
    old: dict[str, Any] = {
        "hai:attempts": [done],
        f"hai:progress:conductor:{conductor['bank_version']}": progress,
        "hai:plan:1234abcd": {"modules": {"introduction": "2026-06-03T08:00:00Z"}},
    }
    page.goto(site + "privacy/")
    page.evaluate("o => { localStorage.clear(); for (const [k, v] of Object.entries(o)) "
                  "localStorage.setItem(k, JSON.stringify(v)); }", old)

    # The first page that touches storage moves each old key to this site's key, value unchanged.
    page.reload()
    wait_ready(page, "[data-hai-erase]")
    assert {k: json.loads(v) for k, v in storage(page).items() if k.startswith("hai:")} == {
        "hai:/:" + k.removeprefix("hai:"): v for k, v in old.items()
    }
    expect(page.locator("[data-hai-erase] [data-slot=status]")).to_contain_text("3 items stored")

    # The page sees them: the finished result in the history, the unfinished answer in the form.
    assert history_rows(page, site) == 1
    row = page.inner_text("[data-hai-history] tbody")
    assert "The Conductor" in row
    assert "June 1, 2026" in row  # taken_at 2026-06-01, as the page's language (English) writes it
    page.goto(site + "quiz/conductor/")
    wait_ready(page)
    assert page.is_checked(f'input[name="{first}"][value="2"]')
    assert page.locator("[data-hai-form] input:checked").count() == 1
