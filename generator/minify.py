"""Minified copies of the site's own scripts and styles, made at build time.

The readable modules under generator/static stay the source (what authors read, edit and test);
the site serves them without comments and spare whitespace, through two maintained minifiers
from PyPI: rjsmin for JavaScript modules and rcssmin for stylesheets. Both keep every token and
identifier, so the served code behaves exactly as the source (the JavaScript tests also run
against the served files).
"""

from __future__ import annotations

from functools import cache

import rcssmin
import rjsmin


@cache
def minified(name: str, data: bytes) -> bytes:
    """`data` minified by its file type (`.mjs`, `.js`, `.css`); other files unchanged."""
    if name.endswith((".mjs", ".js")):
        return str(rjsmin.jsmin(data.decode("utf-8"))).encode("utf-8")
    if name.endswith(".css"):
        return str(rcssmin.cssmin(data.decode("utf-8"))).encode("utf-8")
    return data
