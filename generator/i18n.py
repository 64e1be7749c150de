"""Message catalogues: every user-visible string of the templates, the scripts and the CLI.

One catalogue per language, `generator/locales/<lang>/*.yml` (a file per part of the site,
merged; a key given twice is an error): nested keys, flattened to dotted ones
(`quiz.progress.answered`). A plural message is a mapping of CLDR categories (`one`,
`other`, ...; `other` always), chosen by the count: `Intl.PluralRules` in the browser, the
same rules here. Placeholders are `{name}`. English is just another catalogue.

Scripts get only the messages they use (`script_keys`), inside the compiled spec they load.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

LOCALES = "locales"
DEFAULT = "en"
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
KEY = r"[a-z0-9_]+(?:[.-][a-z0-9_]+)*"
# A literal key in a call, as in t('part.failed'); a key built at run time is named by a
# literal prefix joined with ~ or +, and then every key under that prefix counts as used.
# `lang.t(...)` is the theme's own translation (Material, Zensical), not ours.
CALL = re.compile(r"""(?<!lang\.)\bt\(\s*["'](?P<key>""" + KEY + r""")["']""")
DYNAMIC_CALL = re.compile(r"""(?<!lang\.)\bt\(\s*["'](?P<prefix>""" + KEY + r"""\.)["']\s*[~+]""")

Message = str | dict[str, str]


class CatalogueError(ValueError):
    """A catalogue that cannot be used; the message names the file and the key."""


def _flatten(data: Any, prefix: str, out: dict[str, Message], where: str) -> None:
    if not isinstance(data, dict):
        raise CatalogueError(f"{where}: expected a mapping of keys")
    for key, value in data.items():
        if not isinstance(key, str) or not re.fullmatch(r"[a-z0-9_-]+", key):
            raise CatalogueError(f"{where}: key {key!r} under '{prefix or '(top)'}' must be lower-case words")
        name = f"{prefix}{key}"
        if isinstance(value, str):
            out[name] = value
        elif isinstance(value, dict) and value and set(value) <= set(PLURAL_FORMS) and all(
            isinstance(v, str) for v in value.values()
        ):
            if "other" not in value:
                raise CatalogueError(f"{where}: plural message '{name}' needs an 'other' form")
            out[name] = dict(value)
        elif isinstance(value, dict):
            _flatten(value, f"{name}.", out, where)
        else:
            raise CatalogueError(f"{where}: '{name}' must be text, a plural mapping or a group")


@dataclass(frozen=True)
class Catalogue:
    """One language's messages."""

    lang: str
    messages: dict[str, Message]

    def t(self, key: str, /, count: int | None = None, **params: Any) -> str:
        """The message `key`, with `{placeholders}` filled; plural messages pick by `count`.

        Raises:
            KeyError: the key is not in the catalogue (a bug, caught by the catalogue tests).
        """
        message = self.messages[key]
        if isinstance(message, dict):
            if count is None:
                raise KeyError(f"{key}: a plural message needs count=")
            message = message.get(plural_form(self.lang, count), message["other"])
        if count is not None:
            params["count"] = format_number(self.lang, count)
        return message.format_map(params) if params else message

    def subset(self, keys: set[str]) -> dict[str, Message]:
        return {k: self.messages[k] for k in sorted(keys) if k in self.messages}


def plural_form(lang: str, n: int) -> str:
    """The CLDR plural category of a whole number, as `Intl.PluralRules(lang)` gives it.

    English and Spanish both say `one` for 1 and `other` otherwise (Spanish's `many`, for
    millions, falls back to `other` in the browser too, as no message defines it).
    """
    base = lang.split("-", maxsplit=1)[0]
    if base in {"en", "es", "de", "it", "nl", "pt", "sv"}:
        return "one" if n == 1 else "other"
    if base == "fr":
        return "one" if n in (0, 1) else "other"
    return "other"


def format_number(lang: str, n: int) -> str:
    """A whole number grouped as `Intl.NumberFormat(lang)` groups it."""
    base = lang.split("-", maxsplit=1)[0]
    if base == "es":
        return str(n) if abs(n) < 10_000 else f"{n:,}".replace(",", ".")
    return f"{n:,}"


def placeholders(message: Message) -> set[str]:
    """The `{names}` a message uses, over all its plural forms."""
    texts = message.values() if isinstance(message, dict) else [message]
    return {name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name}


@cache
def available() -> tuple[str, ...]:
    """The languages with a catalogue, English first."""
    names = sorted(p.name for p in resources.files("generator").joinpath(LOCALES).iterdir() if p.is_dir())
    return tuple(sorted(names, key=lambda n: n != DEFAULT))


@cache
def catalogue(lang: str = DEFAULT) -> Catalogue:
    """The catalogue of `lang`.

    Raises:
        CatalogueError: no catalogue for the language, or a malformed one.
    """
    if lang not in available():
        raise CatalogueError(f"no message catalogue for '{lang}'; there are: {', '.join(available())}")
    messages: dict[str, Message] = {}
    folder = resources.files("generator").joinpath(LOCALES, lang)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yml"):
            continue
        where = f"generator/{LOCALES}/{lang}/{entry.name}"
        part: dict[str, Message] = {}
        _flatten(yaml.safe_load(entry.read_text(encoding="utf-8")) or {}, "", part, where)
        twice = sorted(set(part) & set(messages))
        if twice:
            raise CatalogueError(f"{where}: {', '.join(twice)} given in another file of {lang} too")
        messages |= part
    return Catalogue(lang, messages)


def keys_used(text: str, catalogue_keys: set[str]) -> set[str]:
    """The keys a template or script uses: literal calls, and every key of a dynamic prefix."""
    used = {m["key"] for m in CALL.finditer(text)}
    for m in DYNAMIC_CALL.finditer(text):
        used |= {k for k in catalogue_keys if k.startswith(m["prefix"])}
    return used


IMPORT = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(\s*)["']\./(?P<name>[\w-]+\.mjs)["']""")


@cache
def script_keys(entry: str | None = None) -> frozenset[str]:
    """The keys the browser scripts use: they travel in the spec, the rest stays at home.

    Args:
        entry: a module (`quiz.mjs`): only the keys of it and every module it imports, at once
            or later; None for every module.
    """
    keys = set(catalogue(DEFAULT).messages)
    static = resources.files("generator").joinpath("static")
    names = [e.name for e in static.iterdir() if e.name.endswith(".mjs")] if entry is None else [entry]
    seen: set[str] = set()
    used: set[str] = set()
    while names:
        name = names.pop()
        if name in seen:
            continue
        seen.add(name)
        text = static.joinpath(name).read_text(encoding="utf-8")
        used |= keys_used(text, keys)
        names += [m["name"] for m in IMPORT.finditer(text)]
    return frozenset(used)


def join_list(lang: str, items: list[str]) -> str:
    """"A, B and C" as `Intl.ListFormat(lang, {type: "conjunction"})` writes it."""
    if len(items) < 2:
        return "".join(items)
    base = lang.split("-", maxsplit=1)[0]
    if base == "es":
        last = items[-1]
        word = "e" if re.match(r"(?i)h?i(?!e)", last.lstrip("¡¿\"'")) else "y"
        return f"{', '.join(items[:-1])} {word} {last}"
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    return f"{', '.join(items[:-1])}, and {items[-1]}"
