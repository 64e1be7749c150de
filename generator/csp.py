"""A strict Content-Security-Policy for the built site, with build-time hashes.

The site's own scripts are files ('self'). Material's templates add a few small inline scripts
(theme scope, palette, tabs); rather than copy and freeze those templates, each page's inline
scripts are hashed as built and allowed by exactly those hashes. The policy goes into every page
as a `<meta http-equiv>` and, for hosts that read it (Netlify, Cloudflare Pages), into `_headers`
with the header-only directives added.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
DATA_TYPES = ("application/json", "application/ld+json", "text/template")
HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)
OLD_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>', re.IGNORECASE)
META = '<meta http-equiv="Content-Security-Policy" content="{policy}">'

BASE = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
HEADER_ONLY = {"frame-ancestors": ["'none'"]}
"""Directives a `<meta>` policy may not carry; they go in the HTTP header only."""

OTHER_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def script_hashes(html: str) -> set[str]:
    """CSP source expressions for every executable inline script in a page."""
    out = set()
    for m in INLINE_SCRIPT.finditer(html):
        attrs = m.group("attrs").lower()
        if "src=" in attrs or any(t in attrs for t in DATA_TYPES):
            continue
        out.add(digest(m.group("body")))
    return out


def digest(text: str) -> str:
    """The CSP source expression allowing exactly this inline script or style."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def policy(hashes: Iterable[str], header: bool = False, styles: Iterable[str] = ()) -> str:
    """The policy text: the base directives, the script (and style) hashes, and header-only ones
    if asked."""
    directives = {k: list(v) for k, v in BASE.items()}
    directives["script-src"] += sorted(hashes)
    directives["style-src"] += sorted(styles)
    if header:
        directives |= HEADER_ONLY
    return "; ".join(f"{k} {' '.join(v)}" for k, v in directives.items())


def with_meta(html: str, styles: Iterable[str] = ()) -> tuple[str, set[str]]:
    """The page with its policy as the first element of `<head>`, and the hashes it allowed.

    `styles`: hashes of inline styles the theme's own script adds (Zensical's search box).
    """
    html = OLD_META.sub("", html)
    hashes = script_hashes(html)
    tag = META.format(policy=policy(hashes, styles=styles))
    return HEAD.sub(lambda m: m.group(0) + tag, html, count=1), hashes


def headers_file(hashes: Iterable[str], styles: Iterable[str] = ()) -> str:
    """A `_headers` file (Netlify / Cloudflare Pages syntax) applying the policy to every path."""
    lines = ["/*", f"  Content-Security-Policy: {policy(hashes, header=True, styles=styles)}"]
    lines += [f"  {k}: {v}" for k, v in OTHER_HEADERS.items()]
    return "\n".join(lines) + "\n"


def secure_site(site_dir: Path, styles: Iterable[str] = ()) -> int:
    """Add the policy to every HTML page of a built site and write `_headers`; return pages done.

    For sites built without the plugin (`python -m generator csp SITE`, and the Zensical build,
    which passes the hashes of the inline styles its theme's script adds).
    """
    styles = sorted(set(styles))
    every: set[str] = set()
    count = 0
    for page in site_dir.rglob("*.html"):
        html, hashes = with_meta(page.read_text(encoding="utf-8"), styles)
        page.write_text(html, encoding="utf-8")
        every |= hashes
        count += 1
    (site_dir / "_headers").write_text(headers_file(every, styles), encoding="utf-8")
    return count
