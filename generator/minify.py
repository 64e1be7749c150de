"""Minified copies of the site's own scripts and styles, made at build time.

The readable modules under generator/static stay the source (what authors read, edit and test);
the site serves them without comments and spare whitespace, through two maintained minifiers
from PyPI: rjsmin for JavaScript modules and rcssmin for stylesheets. Both keep every token and
identifier, so the served code behaves exactly as the source (the JavaScript tests also run
against the served files).

One construct rjsmin gets wrong: a template literal inside another's `${...}`. It reads the
inner one as code and squeezes the spaces in its text, so a script would show different words
than its source. `minified` refuses a script with one, naming the line.
"""

from __future__ import annotations

from functools import cache

import rcssmin
import rjsmin


class MinifyError(ValueError):
    """A script the minifier would change the meaning of."""


TEXT = -1
"""On the scanner's stack: a template literal's text (an open `${...}` holds its depth of braces)."""


def _skipped(source: str, i: int) -> int:
    """The index after the comment or quoted string that starts at `i`; `i` if none does."""
    if source.startswith("//", i):
        end = source.find("\n", i)
        return len(source) if end < 0 else end
    if source.startswith("/*", i):
        end = source.find("*/", i + 2)
        return len(source) if end < 0 else end + 2
    if source[i] in "'\"":
        j = i + 1
        while j < len(source) and source[j] not in (source[i], "\n"):
            j += 2 if source[j] == "\\" else 1
        return j + 1
    return i


def nested_template(source: str) -> int | None:
    """The line of the first template literal that opens inside another's `${...}`, or None.

    A small scanner: it skips comments and quoted strings, and follows template literals and the
    expressions inside them. (A regular expression holding a quote or backtick could mislead it;
    the site's scripts have none, and a false alarm stops the build rather than passing.)
    """
    stack: list[int] = []
    i = 0
    while i < len(source):
        if stack and stack[-1] == TEXT:
            if source[i] == "\\":
                i += 2
                continue
            if source.startswith("${", i):
                stack.append(0)
                i += 2
                continue
            if source[i] == "`":
                stack.pop()
            i += 1
            continue
        after = _skipped(source, i)
        if after != i:
            i = after
            continue
        ch = source[i]
        if ch == "`":
            if stack:  # inside a ${...}
                return source.count("\n", 0, i) + 1
            stack.append(TEXT)
        elif stack and ch == "{":
            stack[-1] += 1
        elif stack and ch == "}":
            if stack[-1]:
                stack[-1] -= 1
            else:
                stack.pop()
        i += 1
    return None


@cache
def minified(name: str, data: bytes) -> bytes:
    """`data` minified by its file type (`.mjs`, `.js`, `.css`); other files unchanged.

    Raises:
        MinifyError: a script with a template literal inside another's `${...}`.
    """
    if name.endswith((".mjs", ".js")):
        source = data.decode("utf-8")
        line = nested_template(source)
        if line is not None:
            raise MinifyError(
                f"{name}:{line}: a template literal inside another's ${{...}}: the minifier would change "
                "its text; build the inner text with a function or with +"
            )
        return str(rjsmin.jsmin(source)).encode("utf-8")
    if name.endswith(".css"):
        return str(rcssmin.cssmin(data.decode("utf-8"))).encode("utf-8")
    return data
