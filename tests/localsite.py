"""Serving a built site on 127.0.0.1 and launching Debian's Chromium: shared by the browser
tests (conftest.py) and the benchmark (benchmarks/browser.py)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
"""Debian's Chromium, never a downloaded browser; no background traffic to other hosts."""


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
