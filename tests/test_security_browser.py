"""Whatever the site is fed, it keeps working, says what happened, runs nothing it should not,
and sends nothing anywhere: hostile content, stale and corrupt storage, a strict CSP."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml
from conftest import ROOT, Server, Watch, build_site, wait_ready
from mkdocs.utils.yaml import get_yaml_loader

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import BrowserContext, Page

pytestmark = pytest.mark.browser

XSS = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
JS_LINK = "[click me](javascript:alert(3))"
TEMPLATE = "{{ 7 * 7 }} {% if true %}yes{% endif %}"


def answer_all(page: Page) -> None:
    for i, fs in enumerate(page.query_selector_all("fieldset[data-item]")):
        radios = fs.query_selector_all("input[type=radio]")
        radios[(i * 3 + 1) % len(radios)].check()


def submit(page: Page) -> None:
    page.click("button[type=submit]")
    page.wait_for_selector("[data-hai-results]:not([hidden])")


def assert_inert(page: Page) -> None:
    """No payload became an element: the only images and scripts are the site's own."""
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    scripts = page.eval_on_selector_all("script", "ss => ss.map(s => s.textContent)")
    assert not any("alert(" in s for s in scripts)


# ---------------------------------------------------------------- hostile bank and page content

@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("hostile")
    for name in ("assessments", "docs", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=get_yaml_loader())  # resolves !ENV
    del config["nav"]  # page titles then come from front matter, hostile ones included
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config))
    bank = project / "assessments/translator.yml"
    data = yaml.safe_load(bank.read_text())
    data["role"]["name"] = f"T {XSS}"
    data["items"][0]["text"] = f"{SCRIPT} {data['items'][0]['text']}"
    data["scenarios"][0]["options"][0]["feedback"] += f" {XSS} {JS_LINK}"
    for ex in data["exercises"]:
        ex["title"] = f"{JS_LINK} {XSS}"[:70]
        ex["steps"][0] = f"{TEMPLATE} {XSS} {ex['steps'][0]}"
    bank.write_text(yaml.safe_dump(data, allow_unicode=True))
    module = project / "docs/roles/translator.md"
    page = module.read_text()
    page = page.replace("title: The Translator", f'title: "Translator {XSS}"', 1)
    page = page.replace("objectives:\n", f'objectives:\n  - "{SCRIPT} read safely"\n', 1)
    page = page.replace("## Why it matters now", f"## Why it matters now\n\n{TEMPLATE}\n", 1)
    module.write_text(page)
    site = build_site(project / "site", project / "mkdocs.yml")
    server = Server(site)  # no CSP header: escaping alone must keep the payloads inert
    yield server.url
    server.close()


def test_hostile_bank_text_is_shown_as_text(page: Page, hostile_site: str) -> None:
    watch = Watch(page, hostile_site.rstrip("/"))
    page.goto(hostile_site + "quiz/translator/")
    wait_ready(page)
    assert SCRIPT in page.inner_text("article")
    assert_inert(page)
    answer_all(page)
    submit(page)
    assert_inert(page)
    page.goto(hostile_site + "practice/translator/")
    body = page.inner_text("article")
    assert XSS in body
    assert page.title() == f"T {XSS}: exercises - Leading human-AI teams"  # the bank's role name, as text
    assert "{{ 7 * 7 }}" in body
    assert "49" not in body
    assert_inert(page)
    page.goto(hostile_site + "roles/translator/")
    assert f"Translator {XSS}" in page.inner_text("h1")
    assert SCRIPT in page.inner_text(".hai-module-facts")
    assert page.title() == f"Translator {XSS} - Leading human-AI teams"  # the page's own title, as text
    assert_inert(page)
    watch.check()


def test_hostile_result_file_is_shown_as_text(page: Page, site: str, watch: Watch, tmp_path: Path) -> None:
    page.goto(site + "quiz/conductor/")
    wait_ready(page)
    answer_all(page)
    submit(page)
    doc = page.evaluate("JSON.parse(localStorage.getItem('hai:/:attempts'))[0]")
    doc["name"] = XSS
    doc["taken_at"] = SCRIPT
    doc["answers"][f"{XSS}-removed"] = 3
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc))
    page.goto(site + "results/")
    wait_ready(page, "[data-hai-history]")
    page.set_input_files("[data-hai-import]", str(path))
    page.wait_for_selector("[data-hai-results]:not([hidden])")
    text = page.inner_text("[data-hai-results]")
    assert XSS in text
    assert "no longer exist" in text
    assert_inert(page)


# ---------------------------------------------------------------- stale and corrupt browser data

def seed_storage(page: Page, site: str, items: dict[str, str]) -> None:
    page.goto(site + "privacy/")
    page.evaluate("o => { for (const [k, v] of Object.entries(o)) localStorage.setItem(k, v); }", items)


def test_garbage_in_storage_is_set_aside(page: Page, site: str, watch: Watch) -> None:
    version = page.context.request.get(site + "assets/assessments/spec/conductor.json").json()
    v = version["assessments"]["conductor"]["bank_version"]
    seed_storage(page, site, {f"hai:/:progress:conductor:{v}": "{not json", "hai:/:attempts": "[[[["})
    page.goto(site + "quiz/conductor/")
    wait_ready(page)
    assert "could not be read" in page.inner_text("[data-hai-notice]")
    assert page.locator("[data-hai-form] input:checked").count() == 0
    answer_all(page)
    submit(page)
    attempts = page.evaluate("JSON.parse(localStorage.getItem('hai:/:attempts'))")
    assert len(attempts) == 1


def test_partly_corrupt_history_keeps_every_valid_attempt(page: Page, site: str, watch: Watch) -> None:
    page.goto(site + "quiz/conductor/")
    wait_ready(page)
    answer_all(page)
    submit(page)
    good = page.evaluate("localStorage.getItem('hai:/:attempts')")
    mixed = json.dumps([*json.loads(good), "garbage", 42, {"assessment": 7}])
    page.evaluate("v => localStorage.setItem('hai:/:attempts', v)", mixed)
    page.goto(site + "results/")
    wait_ready(page, "[data-hai-history]")
    assert page.locator("[data-hai-history] tbody tr").count() == 1
    assert "could not be read" in page.inner_text("[data-hai-notice]")


def test_progress_from_an_older_bank_keeps_valid_answers(page: Page, site: str, watch: Watch) -> None:
    spec = page.context.request.get(site + "assets/assessments/spec/conductor.json").json()
    first, second = spec["assessments"]["conductor"]["items"][:2]
    old = {"answers": {first: 4, second: 9, "cond-removed-99": 3}, "savedAt": "2026-01-02T10:00:00Z"}
    seed_storage(page, site, {"hai:/:progress:conductor:000000000000": json.dumps(old)})
    page.goto(site + "quiz/conductor/")
    wait_ready(page)
    notice = page.inner_text("[data-hai-notice]")
    assert "questions changed" in notice
    assert "1 of your saved answers still applies" in notice
    assert page.is_checked(f'input[name="{first}"][value="4"]')
    assert page.locator("[data-hai-form] input:checked").count() == 1
    keys = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hai:/:progress'))")
    assert keys == [f"hai:/:progress:conductor:{spec['assessments']['conductor']['bank_version']}"]


# localStorage blocked as Chrome blocks it for a site whose data the user refused. (Material's
# bundle also reads sessionStorage directly, outside any try, so blocking that too only tests
# Material; our scripts never touch sessionStorage.)
BLOCK_STORAGE = """
Object.defineProperty(window, 'localStorage', {
  configurable: true,
  get() { throw new DOMException('blocked', 'SecurityError'); },
});
"""
FULL_STORAGE = """
Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
"""


def test_unavailable_storage_still_scores(page: Page, site: str, watch: Watch) -> None:
    page.add_init_script(BLOCK_STORAGE)
    page.goto(site + "quiz/conductor/")
    wait_ready(page)
    assert "not letting the site save" in page.inner_text("[data-hai-notice]")
    answer_all(page)
    submit(page)
    assert "could not be kept" in page.inner_text("[data-hai-results]")
    with page.expect_download():
        page.click("[data-action=export]")


def test_full_storage_says_so_and_keeps_going(page: Page, site: str, watch: Watch) -> None:
    page.add_init_script(FULL_STORAGE)
    page.goto(site + "quiz/conductor/")
    wait_ready(page)
    page.check("fieldset[data-item] input[value='4']")
    notice = page.locator("[data-hai-notice]")
    assert notice.is_visible()
    assert "storage for this site is full" in notice.inner_text()
    answer_all(page)
    submit(page)
    assert "could not be kept" in page.inner_text("[data-hai-results]")


# ---------------------------------------------------------------- result files in the browser

@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("this is not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        (json.dumps({"format": "other/9", "assessment": "conductor", "answers": {}}), "'format' is"),
        (json.dumps({"format": "role-profile-result/1", "assessment": "nope", "answers": {}}),
         "unknown assessment"),
        (json.dumps({"format": "role-profile-result/1", "assessment": "conductor", "answers": []}),
         "'answers' must be an object"),
        (json.dumps({"format": "role-profile-result/1", "assessment": "conductor",
                     "answers": {"cond-01": 9}}), "whole number from 1 to 5"),
        (json.dumps({"format": "role-profile-result/1", "assessment": "conductor", "name": 5,
                     "answers": {}}), "'name' must be text"),
        ("x" * (300 * 1024), "a result file is at most"),
    ],
)
def test_bad_result_file_gets_a_clear_message(
    page: Page, site: str, watch: Watch, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad-result.json"
    path.write_text(content)
    page.goto(site + "results/")
    wait_ready(page, "[data-hai-history]")
    page.set_input_files("[data-hai-import]", str(path))
    notice = page.locator("[data-hai-notice]")
    notice.wait_for(state="visible")
    text = notice.inner_text()
    assert "bad-result.json was not imported" in text
    assert message in text
    assert page.locator("[data-hai-results]").is_hidden()


# ---------------------------------------------------------------- privacy

def test_no_cookies_and_erase_removes_everything(page: Page, context: BrowserContext, site: str,
                                                 watch: Watch) -> None:
    page.goto(site + "quiz/domain-expert/")
    wait_ready(page)
    page.check("fieldset[data-item] input[value='2']")
    answer_all(page)
    submit(page)
    page.goto(site + "privacy/")
    wait_ready(page, "[data-hai-erase]")
    assert "stored in this browser" in page.inner_text("[data-hai-erase]")
    page.click("[data-action=erase]")
    assert "nothing from this site is left" in page.inner_text("[data-hai-erase]")
    assert page.evaluate("Object.keys(localStorage)") == []
    assert context.cookies() == []
    assert all(r.startswith(site) for r in watch.requests)


# ---------------------------------------------------------------- the shipped CSP

def csp_header(site_dir: Path) -> str:
    text = (site_dir / "_headers").read_text()
    m = re.search(r"Content-Security-Policy: (.+)", text)
    assert m
    return m.group(1)


@pytest.fixture(scope="module")
def csp_site(site_dir: Path) -> Iterator[tuple[str, str]]:
    policy = csp_header(site_dir)
    server = Server(site_dir, {"Content-Security-Policy": policy})
    yield server.url, policy
    server.close()


VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


def test_policy_is_strict(site_dir: Path) -> None:
    policy = csp_header(site_dir)
    script_src = re.search(r"script-src ([^;]+)", policy)
    assert script_src
    sources = script_src.group(1).split()
    assert sources[0] == "'self'"
    assert all(s.startswith("'sha256-") for s in sources[1:])
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert "object-src 'none'" in policy
    assert "base-uri 'self'" in policy
    for page in ("index.html", "quiz/role-profile/index.html", "404.html", "coach/team/index.html"):
        html = (site_dir / page).read_text()
        assert '<meta http-equiv="Content-Security-Policy"' in html, page


def test_every_flow_runs_under_the_policy(page: Page, csp_site: tuple[str, str], tmp_path: Path) -> None:
    url, _ = csp_site
    watch = Watch(page, url.rstrip("/"))
    page.add_init_script(VIOLATIONS)
    page.goto(url)
    page.click("article a.md-button--primary[href*='quiz/role-profile']")
    wait_ready(page)
    answer_all(page)
    submit(page)
    with page.expect_download() as dl:
        page.click("[data-action=export]")
    path = tmp_path / "r.json"
    dl.value.save_as(path)
    page.click("nav.md-nav--primary a[href$='results/']")
    wait_ready(page, "[data-hai-history]")
    page.set_input_files("[data-hai-import]", str(path))
    page.wait_for_selector("[data-hai-results]:not([hidden])")
    page.click("nav.md-nav--primary a[href$='practice/conductor/']")
    page.wait_for_url("**/practice/conductor/")
    page.keyboard.press("/")  # open search: its worker must run under the policy too
    page.keyboard.type("translator")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    for path_ in ("coach/assign/", "coach/team/", "plan/", "privacy/", "roles/translator/", "404.html"):
        page.goto(url + path_)
        page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__cspViolations") == []
    watch.check()
