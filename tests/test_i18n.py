"""Message catalogues: complete in every language, every key used, no sentence outside them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.i18n import (
    Catalogue,
    available,
    catalogue,
    join_list,
    keys_used,
    placeholders,
    plural_form,
    script_keys,
)
from generator.languages import SECTION_KEY, sections, slug
from generator.zensical import load_mkdocs

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "generator"
TEMPLATES = sorted((GENERATOR / "templates").glob("*.j2")) + sorted((ROOT / "overrides").rglob("*.html"))
SCRIPTS = sorted((GENERATOR / "static").glob("*.mjs"))
PYTHON = sorted(GENERATOR.glob("*.py"))
DEFAULT = "en"
# Keys only other languages need: their section titles and site name (English has them in
# mkdocs.yml, the one place English nav and site name are written).
OTHER_LANGUAGES_ONLY = (SECTION_KEY, "site.")


def sources() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in [*TEMPLATES, *SCRIPTS, *PYTHON]}


def used_keys() -> set[str]:
    keys = set(catalogue(DEFAULT).messages)
    out: set[str] = set()
    for text in sources().values():
        out |= keys_used(text, keys)
    return out


def test_english_and_spanish_catalogues_exist() -> None:
    assert available()[:1] == ("en",)
    assert "es" in available()


@pytest.mark.parametrize("lang", [lang for lang in available() if lang != DEFAULT])
def test_every_language_has_every_key_with_the_same_placeholders(lang: str) -> None:
    english, other = catalogue(DEFAULT).messages, catalogue(lang).messages
    missing = sorted(set(english) - set(other))
    extra = sorted(k for k in set(other) - set(english) if not k.startswith(OTHER_LANGUAGES_ONLY))
    assert (missing, extra) == ([], [])
    differ = [k for k in english if placeholders(english[k]) != placeholders(other[k])]
    assert differ == []
    plural = [k for k in english if isinstance(english[k], dict) != isinstance(other[k], dict)]
    assert plural == []


@pytest.mark.parametrize("lang", [lang for lang in available() if lang != DEFAULT])
def test_other_languages_name_every_nav_section(lang: str) -> None:
    nav = load_mkdocs(ROOT / "mkdocs.yml")["nav"]
    needed = {SECTION_KEY + slug(s) for s in sections(nav)}
    titled = {SECTION_KEY + slug(t) for t in titles(nav)}  # pages the nav gives a title of its own
    have = {k for k in catalogue(lang).messages if k.startswith(SECTION_KEY)}
    assert (sorted(needed - have), sorted(have - needed - titled)) == ([], [])


def titles(nav: Any) -> list[str]:
    out: list[str] = []
    for entry in nav if isinstance(nav, list) else []:
        if isinstance(entry, dict) and len(entry) == 1:
            (title, value), = entry.items()
            out += titles(value) if isinstance(value, list) else [title]
    return out


def test_every_key_is_used_and_every_used_key_exists() -> None:
    keys = set(catalogue(DEFAULT).messages)
    used = used_keys()
    assert sorted(k for k in used - keys if not k.startswith(OTHER_LANGUAGES_ONLY)) == []
    assert sorted(keys - used) == []


def test_scripts_get_the_keys_they_use() -> None:
    keys = set(catalogue(DEFAULT).messages)
    for script in SCRIPTS:
        assert keys_used(script.read_text(encoding="utf-8"), keys) <= script_keys(), script.name


# ---- no user-visible sentence outside the catalogues -----------------------------------------

WORDS = re.compile(r"[A-Za-z][a-z']+(?:[ ,;:]+[A-Za-z][a-z']+){2,}")
"""Three or more words in a row: a phrase a person reads."""


def template_text(source: str) -> list[str]:
    """The visible text and readable attributes of a template, without its Jinja code."""
    source = re.sub(r"\{#.*?#\}", " ", source, flags=re.S)
    source = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", " ", source, flags=re.S)
    source = re.sub(r"<(script|style)\b.*?</\1>", " ", source, flags=re.S)
    source = re.sub(r"<!--.*?-->", " ", source, flags=re.S)
    attributes = re.findall(r"""\b(?:aria-label|title|placeholder|alt|content)="([^"]*)\"""", source)
    text = re.sub(r"<[^>]+>", " ", source)
    text = re.sub(r"^---\n.*?\n---\n", " ", text, flags=re.S)  # front matter: keys only
    return [*attributes, *re.split(r"\s{2,}|\n", text)]


def script_strings(source: str) -> list[str]:
    """String and template literals of a script, comments removed."""
    source = re.sub(r"/\*.*?\*/", " ", source, flags=re.S)
    source = re.sub(r"(?m)^\s*//.*$|\s//\s.*$", " ", source)
    return [m.group(2) for m in re.finditer(r"""(["'`])((?:\\.|(?!\1).)*)\1""", source, flags=re.S)]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_hold_no_sentence_of_their_own(path: Path) -> None:
    phrases = [s.strip() for s in template_text(path.read_text(encoding="utf-8")) if WORDS.search(s)]
    assert phrases == []


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_scripts_hold_no_sentence_of_their_own(path: Path) -> None:
    phrases = [s for s in script_strings(path.read_text(encoding="utf-8")) if WORDS.search(s)]
    assert phrases == []


def test_the_detector_finds_a_sentence() -> None:
    """The two tests above can fail: a sentence in a template or a script is found."""
    assert [s for s in template_text("<p>Your answers are saved here.</p>") if WORDS.search(s)]
    assert [s for s in template_text('<a title="Read the module">x</a>') if WORDS.search(s)]
    assert [s for s in script_strings('box.textContent = "Could not load this";') if WORDS.search(s)]
    assert not [s for s in template_text('<p>{{ t("quiz.lede") }}</p>') if WORDS.search(s)]
    assert not [s for s in script_strings('t("quiz.missing", { count: 3 })') if WORDS.search(s)]


# ---- plurals, numbers, lists -------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "n", "form"), [
    ("en", 0, "other"), ("en", 1, "one"), ("en", 2, "other"),
    ("es", 0, "other"), ("es", 1, "one"), ("es", 5, "other"), ("es", 1_000_000, "other"),
])
def test_plural_forms(lang: str, n: int, form: str) -> None:
    assert plural_form(lang, n) == form


def test_plural_message_and_number_formatting() -> None:
    cat = Catalogue("es", {"files": {"one": "{count} archivo", "other": "{count} archivos"}})
    assert cat.t("files", count=1) == "1 archivo"
    assert cat.t("files", count=1000) == "1000 archivos"
    assert cat.t("files", count=12345) == "12.345 archivos"
    assert Catalogue("en", cat.messages).t("files", count=12345) == "12,345 archivos"


@pytest.mark.parametrize(("lang", "items", "text"), [
    ("en", ["A"], "A"), ("en", ["A", "B"], "A and B"), ("en", ["A", "B", "C"], "A, B, and C"),
    ("es", ["A", "B"], "A y B"), ("es", ["A", "B", "C"], "A, B y C"), ("es", ["A", "Ideas"], "A e Ideas"),
    ("es", ["A", "hielo"], "A y hielo"),
])
def test_lists_are_joined_as_intl_joins_them(lang: str, items: list[str], text: str) -> None:
    assert join_list(lang, items) == text
