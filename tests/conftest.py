"""Shared fixtures: the built site served on 127.0.0.1, and a Chromium page that fails the test
on any page error, any console error, any dialog, or any request that leaves the site's origin."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"
AXE_SOURCE = AXE.read_text(encoding="utf-8")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}  # noqa: RUF012 - set per server subclass

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        for k, v in self.extra_headers.items():
            self.send_header(k, v)
        super().end_headers()


class Server:
    """A static file server for a built site, on a free port of 127.0.0.1."""

    def __init__(self, root: Path, headers: dict[str, str] | None = None) -> None:
        handler = type("Handler", (_Quiet,), {"extra_headers": headers or {}})
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(root))
        )
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


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


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, never a downloaded browser; no background traffic to other hosts."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        ],
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
