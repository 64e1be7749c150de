"""One site per language: English at the root, every other language at `/<lang>/`.

Material allows one language per `mkdocs.yml` and recommends a project per language, linked by
its language selector. This module derives each language's configuration from the project's
`mkdocs.yml`, so nothing is written twice: the Spanish site reads `docs/es/` (the same page
paths as `docs/`), builds into `site/es/`, takes its section titles from the Spanish message
catalogue, and every page's selector links to the same page in the other languages.
Both engines use it: the MkDocs plugin builds the other languages after the default one, and
`generator.zensical` writes one configuration per language.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from .i18n import available, catalogue
from .translate import languages as bank_languages

SECTION_KEY = "nav."


def slug(title: str) -> str:
    """A nav section title as a catalogue key: "The five roles" -> "the-five-roles"."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def site_languages(default: str, bank_dir: Path, docs_dir: Path) -> list[str]:
    """The languages the site is built in: the default first, then every language that has a
    message catalogue, a bank translation and a curriculum folder (`docs/<lang>/`)."""
    others = [
        lang for lang in bank_languages(bank_dir)
        if lang != default and lang in available() and (docs_dir / lang).is_dir()
    ]
    return [default, *others]


def nav_for(nav: Any, lang: str, default: str) -> Any:
    """The default language's nav with section titles in `lang` and page titles left to the
    pages themselves (their own front matter or heading, already translated).

    Raises:
        KeyError: the catalogue of `lang` lacks a section title (`nav.<slug>`).
    """
    if lang == default or not isinstance(nav, list):
        return nav
    t = catalogue(lang).t
    out: list[Any] = []
    for entry in nav:
        if isinstance(entry, dict) and len(entry) == 1:
            (title, value), = entry.items()
            if isinstance(value, list):
                out.append({t(SECTION_KEY + slug(title)): nav_for(value, lang, default)})
            elif SECTION_KEY + slug(title) in catalogue(lang).messages:
                out.append({t(SECTION_KEY + slug(title)): value})  # a title the nav gives
            else:
                out.append(value)  # a page: its own (translated) title
        else:
            out.append(entry)
    return out


ROLE_PLACEHOLDER = "{role}"


def expand_roles(nav: Any, role_ids: list[str]) -> Any:
    """The nav with each `path/{role}.md` entry as one page per role, in canonical order.

    `mkdocs.yml` lists the role pages this way, so a new role (a bank and its module page)
    appears in the nav with no edit there.
    """
    if isinstance(nav, str) and ROLE_PLACEHOLDER in nav:
        return [nav.replace(ROLE_PLACEHOLDER, role) for role in role_ids]
    if isinstance(nav, list):
        out: list[Any] = []
        for entry in nav:
            expanded = expand_roles(entry, role_ids)
            out += expanded if isinstance(entry, str) and isinstance(expanded, list) else [expanded]
        return out
    if isinstance(nav, dict):
        return {k: expand_roles(v, role_ids) for k, v in nav.items()}
    return nav


def sections(nav: Any) -> list[str]:
    """Every section title of a nav, depth first (the `nav.<slug>` keys a catalogue needs)."""
    out: list[str] = []
    for entry in nav if isinstance(nav, list) else []:
        if isinstance(entry, dict) and len(entry) == 1:
            (title, value), = entry.items()
            if isinstance(value, list):
                out += [title, *sections(value)]
    return out


def alternates(lang: str, langs: list[str], default: str) -> list[dict[str, str]]:
    """Material's `extra.alternate` for the site of `lang`: links relative to that site's root.

    The theme's `partials/alternate.html` override adds the current page's path, so a reader
    switches to the same page in the other language.
    """
    up = "" if lang == default else "../"
    return [
        {"name": catalogue(other).t("language.name"), "lang": other,
         "link": "" if other == lang else up if other == default else f"{up}{other}/"}
        for other in langs
    ]


PAGE_MESSAGE_GROUPS = ("part.", "erase.")
"""Messages of scripts that run with no spec (main.mjs, erase.mjs): the theme override prints
them into pages that have an interactive part, as `<template data-hai-messages>`."""
MODULE_FACTS = ("minutes", "objectives", "credit")
"""Front-matter keys the theme override (`partials/content.html`) shows with words of its own."""


def _credit_parts(line: str) -> list[dict[str, str]]:
    """The credit sentence as pieces: text, and the places of {title}, {author} and {year}
    (the override fills them from `extra.framework_source`, escaped, the title in <cite>)."""
    parts: list[dict[str, str]] = []
    for text, name, _, _ in string.Formatter().parse(line):
        if text:
            parts.append({"kind": "text", "text": text})
        if name:
            parts.append({"kind": name, "text": ""})
    return parts


@cache
def theme_texts(lang: str) -> dict[str, Any]:
    """The words the theme overrides print, in `lang` (they cannot call the catalogue)."""
    cat = catalogue(lang)
    t = cat.t
    minutes = cat.messages["credit.minutes"]
    forms = minutes if isinstance(minutes, dict) else {"other": minutes}
    t("credit.minutes", count=1)  # the key is used: its forms go to the page as they are
    return {
        "module_facts": t("credit.module_facts"),
        "time_needed": t("credit.time_needed"),
        "minutes_one": forms.get("one", forms["other"]),
        "minutes_other": forms["other"],
        "objectives": t("credit.objectives"),
        "credit": _credit_parts(t("credit.line")),
    }


@cache
def page_messages(lang: str) -> list[dict[str, str]]:
    """The script messages of PAGE_MESSAGE_GROUPS in `lang`, one entry per plural form."""
    return [
        {"key": key, "form": form, "text": value}
        for key, message in catalogue(lang).messages.items() if key.startswith(PAGE_MESSAGE_GROUPS)
        for form, value in (message.items() if isinstance(message, dict) else [("", message)])
    ]


def theme_meta(meta: Mapping[str, Any], markdown: str, lang: str) -> dict[str, Any]:
    """What a page's front matter gains so the theme override can print its words: `hai_text`
    on a page with module facts or the credit, `hai_messages` on a page with an interactive part.

    The plugin adds it to `page.meta`; `generator build` writes it into the front matter, so a
    build without the plugin (MkDocs or Zensical) gives the same pages.
    """
    out: dict[str, Any] = {}
    if any(meta.get(k) for k in MODULE_FACTS):
        out["hai_text"] = theme_texts(lang)
    if "data-hai-" in markdown:
        out["hai_messages"] = page_messages(lang)
    return out


def language_config(config: dict[str, Any], lang: str, langs: list[str], default: str) -> dict[str, Any]:
    """The settings that differ for the site of `lang` (a partial `mkdocs.yml`).

    The default language keeps its folders; another reads `<docs_dir>/<lang>` and writes
    `<site_dir>/<lang>`, under `<site_url><lang>/`.
    """
    raw_theme, raw_extra = config.get("theme"), config.get("extra")
    theme: dict[str, Any] = raw_theme if isinstance(raw_theme, dict) else {"name": raw_theme}
    extra: dict[str, Any] = raw_extra if isinstance(raw_extra, dict) else {}
    out: dict[str, Any] = {
        "theme": {**theme, "language": lang},
        "extra": {**extra, "alternate": alternates(lang, langs, default)},
    }
    if lang == default:
        return out
    docs_dir = str(config.get("docs_dir", "docs"))
    site_dir = str(config.get("site_dir", "site"))
    site_url = config.get("site_url")
    out |= {
        "docs_dir": f"{docs_dir}/{lang}",
        "site_dir": f"{site_dir}/{lang}",
        "nav": nav_for(config.get("nav"), lang, default),
        "site_name": catalogue(lang).t("site.name"),
        "site_description": catalogue(lang).t("site.description"),
        "exclude_docs": "",
    }
    if isinstance(site_url, str) and site_url:
        out["site_url"] = site_url.rstrip("/") + f"/{lang}/"
    if "copyright" in config:
        out["copyright"] = catalogue(lang).t("site.copyright")
    return out
