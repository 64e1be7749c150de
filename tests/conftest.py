"""Shared fixtures: the built site served on 127.0.0.1, and a Chromium page that fails the test
on any page error, any console error, any dialog, or any request that leaves the site's origin."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings
from localsite import CHROMIUM, LAUNCH_ARGS, Server

from generator.compile import compile_spec
from generator.loader import load_content

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[1]
AXE = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"
AXE_SOURCE = AXE.read_text(encoding="utf-8")


# CI runs the same examples every time, so a landing never depends on a lucky draw; local runs
# keep exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@functools.cache
def shipped_spec() -> dict[str, Any]:
    """The compiled spec of the shipped banks, built once per test run."""
    return compile_spec(load_content(ROOT / "assessments", docs_dir=None))


ROLE_IDS: tuple[str, ...] = tuple(shipped_spec()["role_ids"])
"""The shipped roles in canonical order, as `assessments/settings.yml` lists them."""


def build_site(out: Path, config: Path = ROOT / "mkdocs.yml") -> Path:
    """Run a real `mkdocs build --strict` into `out`; fail with MkDocs' own output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(out)],
        cwd=ROOT, capture_output=True, text=True, env=env, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def site(site_dir: Path) -> Iterator[str]:
    server = Server(site_dir)
    yield server.url
    server.close()


def build_zensical(out: Path, work: Path) -> Path:
    """Run `python -m generator.zensical` (what `make build-zensical` runs) into `out`."""
    proc = subprocess.run(
        [sys.executable, "-m", "generator.zensical", str(out), "--work", str(work)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture(scope="session")
def zensical_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once per test run with Zensical, shared by every test of that engine."""
    base = tmp_path_factory.mktemp("zensical")
    return build_zensical(base / "site", base / "work")


@pytest.fixture(scope="session")
def zensical_site(zensical_dir: Path) -> Iterator[str]:
    server = Server(zensical_dir)
    yield server.url
    server.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, never a downloaded browser; no background traffic to other hosts."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": LAUNCH_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "accept_downloads": True}


class Watch:
    """What a page did that a test must not tolerate, collected as it happens."""

    def __init__(self, page: Page, origin: str) -> None:
        self.origin = origin
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", self._request)
        page.on("pageerror", lambda err: self.errors.append(f"pageerror: {err}"))
        page.on("console", self._console)
        page.on("dialog", self._dialog)

    def _request(self, request: Any) -> None:
        url = request.url
        self.requests.append(url)
        if not (url.startswith(self.origin) or url.startswith(("data:", "blob:", "about:"))):
            self.outside.append(url)

    def _console(self, msg: Any) -> None:
        if msg.type == "error":
            self.errors.append(f"console: {msg.text}")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def check(self) -> None:
        assert not self.outside, f"requests left 127.0.0.1: {self.outside}"
        assert not self.errors, f"errors in the page: {self.errors}"
        assert not self.dialogs, f"dialogs opened: {self.dialogs}"


@pytest.fixture
def watch(page: Page, site: str) -> Iterator[Watch]:
    """Every test using it fails on an outside request, a page error or a dialog."""
    w = Watch(page, site.rstrip("/"))
    yield w
    w.check()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core in the page; return its violations (an empty list is a pass)."""
    # Evaluated through the DevTools protocol, not a <script> tag: the site's CSP (rightly)
    # refuses inline scripts, and axe must not need a weakened policy to run.
    # Colour contrast is judged on what is painted: let stylesheets load and transitions settle.
    page.wait_for_load_state("networkidle")
    for _ in range(50):  # not wait_for_function: under the site's CSP it would need eval
        if page.evaluate("document.getAnimations().every(a => a.playState !== 'running')"):
            break
        page.wait_for_timeout(50)
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE + "\n;undefined")
    result = page.evaluate("async () => await axe.run(document)")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def set_scheme(page: Page, scheme: str) -> None:
    """Switch Material's palette (default or slate) as the toggle would."""
    page.evaluate(
        """scheme => {
            document.body.setAttribute('data-md-color-scheme', scheme);
            localStorage.setItem(location.pathname.split('/').slice(0, -1).join('/') + '/.__palette', '');
        }""",
        scheme,
    )


def wait_ready(page: Page, selector: str = "[data-hai-quiz]") -> None:
    """Wait until the page's script has set the part up."""
    page.wait_for_selector(f"{selector}[data-hai-ready='yes']", state="attached")
