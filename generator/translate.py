"""Bank translations: `assessments/i18n/<lang>/<file>.yml`, text only, keyed by id.

A translation replaces the wording of the English banks and nothing else. The fields it may
hold are the ones `models.py` marks as translatable; ids, keys, ratings, bands, minutes and
module links always come from the English bank, so `bank_version` (and every score) is the
same in every language. Every problem is reported as `path:line: location: message`.
"""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .loader import (
    MAX_WORD_RATIO,
    SETTINGS,
    STARTERS,
    ContentError,
    Loc,
    Problem,
    Source,
    _message,
    display_path,
    parse_yaml,
)
from .models import TEXT, Content, RoleBank, Settings, Starters

I18N = "i18n"
SCHEMA_LINE = "# yaml-language-server: $schema=../../../schema/bank-translation.schema.json"


def text_fields(model: type[BaseModel]) -> dict[str, str]:
    """The translatable fields of a model: name -> "text" or "list" (a list of texts)."""

    def marked(t: Any) -> bool:
        return TEXT in getattr(t, "__metadata__", ())

    out = {}
    for name, f in model.model_fields.items():
        args = typing.get_args(f.annotation)
        optional = typing.get_origin(f.annotation) is not list  # `_text(...) | None`, not a list
        if TEXT in f.metadata or (optional and any(marked(a) for a in args)):
            out[name] = "text"
        elif typing.get_origin(f.annotation) is list and args and marked(args[0]):
            out[name] = "list"
    return out


# Lists of the English files that a translation keys by id, and what one entry is called.
KEYED = {"items": "statement", "scenarios": "scenario", "exercises": "exercise", "options": "option"}


class _Translator:
    """Applies one translation file to one English model, collecting problems."""

    def __init__(self, src: Source) -> None:
        self.src = src
        self.problems: list[Problem] = []

    def problem(self, loc: Loc, message: str) -> None:
        self.problems.append(self.src.problem(loc, message))

    def apply(self, loc: Loc, english: BaseModel, data: Any) -> dict[str, Any]:
        """The English model as data, with the translation's texts in place of its own."""
        out = english.model_dump()
        if not isinstance(data, dict):
            self.problem(loc, "expected a mapping of texts")
            return out
        fields = text_fields(type(english))
        nested = {k for k, v in english if isinstance(v, BaseModel) and text_fields(type(v))}
        keyed = {k for k in KEYED if isinstance(getattr(english, k, None), list)}
        for key in data:
            if key in fields or key in nested or key in keyed:
                continue
            if key in type(english).model_fields:
                self.problem((*loc, key), f"'{key}' cannot be translated: it is scored or structural, "
                                          "and comes from the English bank only")
            else:
                self.problem((*loc, key), f"unknown key '{key}'")
        for name, kind in fields.items():
            value = self.text(loc, name, kind, getattr(english, name), data)
            if value is not None:
                out[name] = value
        for key in sorted(nested):
            if key in data:
                out[key] = self.apply((*loc, key), getattr(english, key), data[key])
            else:
                self.problem(loc, f"missing the translation of '{key}'")
        for key in sorted(keyed):
            out[key] = self.keyed((*loc, key), getattr(english, key), data.get(key), KEYED[key])
        return out

    def text(self, loc: Loc, name: str, kind: str, english: Any, data: dict[str, Any]) -> Any:
        """One translated text (or list of texts), or None when it is missing or malformed."""
        if english is None:
            if name in data:
                self.problem((*loc, name), f"the English has no '{name}' here; leave it out")
            return None
        if name not in data:
            self.problem(loc, f"missing the translation of '{name}'")
            return None
        value = data[name]
        if kind == "list" and (not isinstance(value, list) or len(value) != len(english)):
            self.problem((*loc, name), f"expected a list of {len(english)} texts, "
                                       "one for each in the English, in the same order")
            return None
        if kind == "text" and not isinstance(value, str):
            self.problem((*loc, name), "expected text")
            return None
        return value

    def keyed(self, loc: Loc, english: list[Any], data: Any, what: str) -> list[dict[str, Any]]:
        """A list the translation keys by id (statements, scenarios, options, exercises)."""
        if data is None:
            data = {}
        if not isinstance(data, dict):
            self.problem(loc, f"expected a mapping of {what} id to its texts")
            data = {}
        ids = [e.id for e in english]
        for key in data:
            if key not in ids:
                self.problem((*loc, key), f"no {what} '{key}' in the English bank")
        out = []
        for e in english:
            if e.id in data:
                out.append(self.apply((*loc, e.id), e, data[e.id]))
            else:
                self.problem(loc, f"missing the translation of {what} '{e.id}'")
                out.append(e.model_dump())
        return out

    def validate(self, model: type[BaseModel], data: dict[str, Any], english: BaseModel) -> Any:
        """Check the translated texts against the same limits as the English (lengths...)."""
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
                self.problem(_by_id(english, loc), _message(dict(err)))
            return None

    def option_lengths(self, data: dict[str, Any]) -> None:
        """Options of one scenario stay close in length in every language (see the loader)."""
        for sc in data.get("scenarios", []):
            words = [(o["id"], len(o["text"].split())) for o in sc["options"] if isinstance(o["text"], str)]
            if not words:
                continue
            short, long = min(words, key=lambda w: w[1]), max(words, key=lambda w: w[1])
            if long[1] > MAX_WORD_RATIO * short[1]:
                self.problem(("scenarios", sc["id"], "options", long[0], "text"),
                             f"option {long[0]} has {long[1]} words, more than 1.5 times the "
                             f"{short[1]} of option {short[0]}; keep a scenario's options close "
                             "in length so length gives nothing away")


def _by_id(english: BaseModel, loc: Loc) -> Loc:
    """An English-shaped location (`items.3.text`) as the translation's (`items.cond-04.text`)."""
    out: list[str | int] = []
    node: Any = english
    parts = list(loc)
    while parts:
        part = parts.pop(0)
        out.append(part)
        child = getattr(node, str(part), None) if isinstance(node, BaseModel) else None
        if part in KEYED and isinstance(child, list) and parts and isinstance(parts[0], int):
            index = int(parts.pop(0))
            node = child[index] if index < len(child) else None
            out.append(node.id if node is not None else index)
        else:
            node = child
    return tuple(out)


def _read(path: Path) -> tuple[Source | None, list[Problem]]:
    if not path.is_file():
        return None, [Problem(display_path(path), 0, "", "file not found: every file of the "
                              "English banks needs its translation")]
    src, problems = parse_yaml(path)
    return (src if src.data is not None else None), problems


def translate_content(content: Content, bank_dir: Path, lang: str) -> Content:
    """The content with every text in `lang`, from `bank_dir/i18n/<lang>/`.

    Raises:
        ContentError: with every problem in the translation, at its file and line.
    """
    folder = bank_dir / I18N / lang
    if not folder.is_dir():
        raise ContentError([Problem(display_path(folder), 0, "", f"no translation for '{lang}'")])
    problems: list[Problem] = []
    translated: dict[str, Any] = {}
    english: dict[str, BaseModel] = {
        SETTINGS: content.settings, STARTERS: content.starters,
        **{f"{b.role.id}.yml": b for b in content.banks},
    }
    models: dict[str, type[BaseModel]] = {SETTINGS: Settings, STARTERS: Starters}
    for name, source in english.items():
        src, found = _read(folder / name)
        problems += found
        if src is None:
            continue
        t = _Translator(src)
        data = t.apply((), source, src.data)
        obj = t.validate(models.get(name, RoleBank), data, source)
        t.option_lengths(data)
        problems += t.problems
        translated[name] = obj
    for path in sorted(folder.glob("*.y*ml")):
        if path.name not in english:
            problems.append(Problem(display_path(path), 0, "", "no English bank of this name"))
    if problems:
        raise ContentError(problems)
    return Content(
        settings=translated[SETTINGS],
        starters=translated[STARTERS],
        banks=tuple(translated[f"{b.role.id}.yml"] for b in content.banks),
    )


def languages(bank_dir: Path) -> list[str]:
    """The languages the banks are translated into, besides English (folder names)."""
    folder = bank_dir / I18N
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def skeleton(english: BaseModel) -> Any:
    """The translation file of one English model: its texts, keyed by id, nothing scored.

    `python -m generator i18n skeleton` writes these for a new language, with the English
    texts in place for translators to replace.
    """
    out: dict[str, Any] = {}
    for name, kind in text_fields(type(english)).items():
        value = getattr(english, name)
        if value is not None:
            out[name] = list(value) if kind == "list" else value
    for name, value in english:
        if isinstance(value, BaseModel) and text_fields(type(value)):
            out[name] = skeleton(value)
        elif name in KEYED and isinstance(value, list):
            out[name] = {e.id: skeleton(e) for e in value}
    return out


def skeletons(content: Content) -> dict[str, Any]:
    """Every translation file of the content: file name -> data."""
    return {
        SETTINGS: skeleton(content.settings),
        STARTERS: skeleton(content.starters),
        **{f"{b.role.id}.yml": skeleton(b) for b in content.banks},
    }
