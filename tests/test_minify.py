"""The minifier guard: rjsmin squeezes the text of a template literal nested in another's
`${...}`, so `minified` refuses such a script, naming its line, rather than serve other words."""

from __future__ import annotations

from pathlib import Path

import pytest
import rjsmin

from generator.minify import MinifyError, minified, nested_template

STATIC = Path(__file__).resolve().parents[1] / "generator" / "static"
NESTED = "const a = 1;\nconst b = `x ${f(`y  ${z}  w`)} v`;\n"


def test_rjsmin_changes_the_text_of_a_nested_template() -> None:
    """Why the guard exists: if rjsmin ever stops doing this, the guard can go."""
    assert "`y  ${z}  w`" not in rjsmin.jsmin(NESTED)


def test_a_nested_template_is_refused_with_its_line() -> None:
    with pytest.raises(MinifyError, match=r"^quiz\.mjs:2: a template literal inside another's"):
        minified("quiz.mjs", NESTED.encode())


@pytest.mark.parametrize(
    ("source", "line"),
    [
        pytest.param("const a = `x ${f('`')} ${b}`;\n", None, id="backtick-in-a-string"),
        pytest.param("// `${`\n/* `${`\n */\nconst a = `${b}`;\nconst c = `${`x`}`;\n", 5, id="comments"),
        pytest.param("const a = `${x}`;\nconst b = `${y}`;\n", None, id="one-after-another"),
        pytest.param("const a = `${ {b: {c: `n`}} }`;\n", 1, id="inside-braces"),
        pytest.param("const a = `\\${`;\nconst b = `q`;\n", None, id="escaped-dollar"),
        pytest.param('const a = "`${";\nconst b = `${c}`;\n', None, id="double-quoted"),
    ],
)
def test_the_scanner_finds_only_nested_templates(source: str, line: int | None) -> None:
    assert nested_template(source) == line


@pytest.mark.parametrize("module", sorted(STATIC.glob("*.mjs")), ids=lambda p: p.name)
def test_every_shipped_script_minifies(module: Path) -> None:
    assert nested_template(module.read_text(encoding="utf-8")) is None
    assert minified(module.name, module.read_bytes())
