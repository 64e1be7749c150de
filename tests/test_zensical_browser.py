"""The Zensical build in a real browser: the key flows and axe, on the site `make build-zensical`
writes (built once per run: the `zensical_dir` fixture). A change that breaks one engine fails
here or in the MkDocs tests, whichever it breaks.

Every test fails on a page error, a console error (a refused script or style included), a
dialog, or a request leaving the site.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import pytest
from conftest import ROOT, Watch, axe_violations, wait_ready
from localsite import Server
from playwright.sync_api import expect
from test_coach_browser import build_link, fill_quiz, load_team, open_plan, task

from generator.i18n import catalogue

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import BrowserContext, Page

pytestmark = pytest.mark.browser

VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


@pytest.fixture
def zwatch(page: Page, zensical_site: str) -> Iterator[Watch]:
    w = Watch(page, zensical_site.rstrip("/"))
    yield w
    w.check()


@pytest.fixture(scope="module")
def policy_site(zensical_dir: Path) -> Iterator[str]:
    """The Zensical site served with the policy of its `_headers` as a response header too."""
    m = re.search(r"Content-Security-Policy: (.+)", (zensical_dir / "_headers").read_text())
    assert m
    server = Server(zensical_dir, {"Content-Security-Policy": m.group(1)})
    yield server.url
    server.close()


def page_paths(site_dir: Path) -> list[str]:
    return sorted(
        "" if p.parent == site_dir else p.parent.relative_to(site_dir).as_posix() + "/"
        for p in site_dir.rglob("index.html")
    )


def test_every_page_loads_under_the_shipped_policy(page: Page, zensical_dir: Path, policy_site: str) -> None:
    watch = Watch(page, policy_site.rstrip("/"))
    page.add_init_script(VIOLATIONS)
    paths = page_paths(zensical_dir)
    assert len(paths) > 25
    for path in paths:
        page.goto(policy_site + path)
        for part in ("quiz", "history", "assign", "plan", "team", "erase"):
            if page.locator(f"[data-hai-{part}]").count():
                wait_ready(page, f"[data-hai-{part}]")
        assert page.evaluate("window.__cspViolations") == [], path
    # Zensical's search box (its styles in a shadow root, its index in a worker) under the policy.
    page.goto(policy_site + "practice/conductor/")
    page.locator(".md-search__button").click()
    page.keyboard.type("translator")
    expect(page.locator("body > div").last).to_contain_text(re.compile(r"\d+ results?"))
    assert page.evaluate("window.__cspViolations") == []
    page.goto(policy_site + "no-such-page/")
    watch.errors = [e for e in watch.errors if "404" not in e]  # the missing page itself
    watch.check()


def shot(page: Page, name: str) -> None:
    folder = ROOT / "test-results" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), clip={
        "x": 0, "y": 0, "width": page.viewport_size["width"] if page.viewport_size else 1280, "height": 200})


@pytest.mark.parametrize("width", [1280, 360])
def test_header_shows_the_search_box_not_its_parts(page: Page, zensical_site: str, zwatch: Watch,
                                                   width: int) -> None:
    """Material's search partial in Zensical's header showed raw text ("Initializing search")."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(zensical_site + "quiz/role-profile/")
    wait_ready(page)
    header = page.locator("header.md-header")
    expect(header).not_to_contain_text("Initializing search")
    expect(header.locator("input")).to_have_count(2)  # the palette toggle, nothing else
    box = header.bounding_box()
    assert box
    assert box["height"] < 80, "the header grew: something in it is not laid out as Zensical's"
    dialog = page.locator("[data-md-component=search][role=dialog]")
    expect(dialog).to_have_attribute("aria-label", "Search")
    shot(page, f"zensical-header-{width}")


def test_quiz_to_results_my_results_and_erase(page: Page, context: BrowserContext, zensical_site: str,
                                              zwatch: Watch, tmp_path: Path) -> None:
    site = zensical_site
    page.goto(site)
    page.click("article a.md-button--primary[href*='quiz/role-profile']")  # instant navigation
    page.wait_for_url(f"{site}quiz/role-profile/")
    wait_ready(page)
    fill_quiz(page)
    rows = page.locator("[data-hai-results] tbody tr")
    expect(rows).to_have_count(5)
    with page.expect_download() as dl:
        page.click("[data-action=export]")
    saved = tmp_path / "result.json"
    dl.value.save_as(saved)
    assert json.loads(saved.read_text())["assessment"] == "role-profile"
    shown = rows.evaluate_all("trs => trs.map(tr => tr.children[1].textContent.trim())")
    assert all(re.fullmatch(r"\d+", s) for s in shown), shown

    page.goto(f"{site}results/")
    wait_ready(page, "[data-hai-history]")
    expect(page.locator("[data-hai-history] tbody tr")).to_have_count(1)
    page.locator("[data-hai-history] tbody tr").get_by_role("button", name="View").click()
    expect(page.locator("[data-hai-results]")).to_be_visible()
    expect(page.locator("[data-hai-results] tbody tr")).to_have_count(5)

    page.goto(f"{site}privacy/")
    wait_ready(page, "[data-hai-erase]")
    page.click("[data-action=erase]")
    expect(page.locator("[data-hai-erase]")).to_contain_text("nothing from this site is left")
    assert page.evaluate("Object.keys(localStorage)") == []
    assert context.cookies() == []


def test_assignment_link_to_my_plan(page: Page, zensical_site: str, zwatch: Watch) -> None:
    link = build_link(page, zensical_site, ["introduction"], ["translator"], note="For Thursday.")
    assert link.startswith(f"{zensical_site}plan/#")
    open_plan(page, link)
    expect(page.locator("[data-hai-plan-progress]")).to_contain_text("0 of 2 done")
    task(page, "translator").get_by_role("link").click()
    page.wait_for_url(f"{zensical_site}quiz/translator/")
    wait_ready(page)
    fill_quiz(page)
    open_plan(page, link)
    expect(task(page, "translator")).to_have_attribute("data-done", "yes")
    task(page, "introduction").get_by_role("checkbox").check()
    expect(page.locator("[data-hai-plan-progress]")).to_contain_text("2 of 2 done")


@pytest.fixture(scope="module")
def team_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("team")
    subprocess.run([sys.executable, "-m", "generator", "--no-docs", "simulate", "--n", "12", "--seed", "3",
                    "--until", "2026-11-01", "--out", str(out)], cwd=ROOT, check=True, capture_output=True)
    return sorted(out.glob("*.json"))


def test_team_view(page: Page, zensical_site: str, zwatch: Watch, team_files: list[Path]) -> None:
    assert len(team_files) == 12
    load_team(page, zensical_site, team_files)
    expect(page.locator("[data-hai-report] [data-slot='people'] tr")).to_have_count(12)
    expect(page.locator("[data-hai-report] [data-slot='counts']")).to_contain_text("12 people")


AXE_PAGES = {
    # Every kind of page in the light scheme (with the team view and the search box); in the dark
    # one, the home page and the results view. The MkDocs build's tests cover the pages in both
    # schemes, and the site's colours are the same in both builds.
    "light": ["", "introduction/", "roles/conductor/", "practice/conductor/", "how-scoring-works/",
              "results/", "privacy/", "deploying/", "performance/", "coach/assign/", "plan/",
              "quiz/role-profile/"],
    "dark": ["", "quiz/role-profile/"],
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing(page: Page, zensical_site: str, zwatch: Watch, team_files: list[Path],
                           scheme: str) -> None:
    site = zensical_site
    page.emulate_media(color_scheme=scheme)
    found: dict[str, Any] = {}
    for path in AXE_PAGES[scheme]:
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
        expected = "slate" if scheme == "dark" else "default"
        assert page.get_attribute("body", "data-md-color-scheme") == expected
        if violations := axe_violations(page):
            found[path] = violations
    wait_ready(page)
    fill_quiz(page)  # the results view
    if violations := axe_violations(page):
        found["results view"] = violations
    if scheme == "dark":
        assert not found, json.dumps(found, indent=1)
        return
    load_team(page, site, team_files)
    if violations := axe_violations(page):
        found["team view"] = violations
    assert not found, json.dumps(found, indent=1)

    # Zensical's own search box, drawn by its script in a shadow root, has two findings of its own:
    # each result's path is 12 px text at 45% of the text colour (color-contrast) and its result
    # list scrolls without being focusable (scrollable-region-focusable). Its styles and markup
    # cannot be reached from the site's; they are Zensical's to fix (0.0.73). Any other finding,
    # or any finding outside that shadow root, fails.
    page.goto(site + "practice/conductor/")
    page.locator(".md-search__button").click()
    page.keyboard.type("conductor")
    expect(page.locator("body > div").last).to_contain_text(re.compile(r"\d+ results?"))
    upstream = {"color-contrast", "scrollable-region-focusable"}
    in_shadow = page.evaluate("""() => {
        const host = [...document.body.children].find((el) => el.shadowRoot);
        return host ? host.className : null;
    }""")
    host = f".{in_shadow}"
    others = [v for v in axe_violations(page)
              if not (v["id"] in upstream
                      and all(len(n) == 1 and len(n[0]) == 2 and n[0][0] == host for n in v["nodes"]))]
    assert others == [], json.dumps(others, indent=1)


def test_spanish_site_keeps_answers_across_languages(page: Page, zensical_site: str, zwatch: Watch) -> None:
    """Zensical builds the Spanish site at /es/: its own language, the selector leads to the same
    page, and answers given in English are there in Spanish; the Spanish quiz reaches results."""
    site = zensical_site
    page.goto(f"{site}quiz/role-profile/")
    wait_ready(page)
    first = page.locator("fieldset[data-kind=likert]").first
    first.locator("input[value='4']").check()
    item = first.get_attribute("data-item")
    es = page.locator("a.md-select__link[hreflang=es]").first.get_attribute("href") or ""
    assert urljoin(page.url, es) == f"{site}es/quiz/role-profile/"  # the same page, in Spanish
    page.goto(urljoin(page.url, es))
    wait_ready(page)
    assert page.locator("html").get_attribute("lang") == "es"
    expect(page.locator(f"fieldset[data-item='{item}'] input[value='4']")).to_be_checked()
    fill_quiz(page)
    expect(page.locator("[data-hai-results] tbody tr")).to_have_count(5)
    expect(page.locator("[data-hai-results] h2").first).to_have_text(catalogue("es").t("results.heading"))
