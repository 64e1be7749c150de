"""YAML banks to models, with every problem reported as `path:line: location: message`.

The YAML is composed into a node tree first, so each value keeps the line it came from; pydantic's
error locations are then mapped back to those lines. Anchors and aliases are refused (they are how
"billion laughs" bombs are built, and banks have no need for them), duplicate keys are errors, and
a file that cannot be read at all is one problem with its line, never a traceback.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .models import BANDS, Content, RoleBank, Settings, Starters

if TYPE_CHECKING:
    from collections.abc import Iterable

MAX_BYTES = 512 * 1024
MAX_DEPTH = 32
SETTINGS, STARTERS = "settings.yml", "starters.yml"
MIN_PROFILE_ITEMS = 6
SOURCE_LANGUAGE = "en"
"""The language the banks are written in; translations live in `i18n/<lang>/` beside them."""

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, pointing at the file and line to fix."""

    path: str
    line: int
    loc: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:" if self.line else f"{self.path}:"
        return f"{where} {self.loc}: {self.message}" if self.loc else f"{where} {self.message}"


class ContentError(Exception):
    """The banks have problems; `problems` lists every one found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Source:
    """One parsed YAML file: its data and the line of every node, by location."""

    path: str
    data: Any = None
    lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Iterable[str | int]) -> int:
        """The line of the deepest node along `loc` that exists (a missing key: its parent's)."""
        loc = tuple(loc)
        while loc and loc not in self.lines:
            loc = loc[:-1]
        return self.lines.get(loc, 1)

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.path, self.line(loc), ".".join(str(p) for p in loc), message)


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        self.line, self.message = line, message


class _NoAliasComposer(yaml.SafeLoader):
    """Refuses an anchor or alias at its line, and nesting before Python's recursion limit."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(line, "anchors and aliases are not allowed in banks")
        if self._depth > MAX_DEPTH:
            raise _Refused(line, f"nesting deeper than {MAX_DEPTH} levels")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_scalars = yaml.constructor.SafeConstructor()
_FAST = getattr(yaml, "CSafeLoader", None)
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _fast_compose(text: str) -> yaml.Node | None:
    """Compose with libyaml when the file is plainly fine; None to take the careful path.

    libyaml is several times faster than PyYAML's Python parser, which matters for build time.
    Anything unusual (an anchor, deep nesting, any error at all) goes to the Python path,
    which reports it with the exact line and wording.
    """
    if _FAST is None or "\t" in text:
        # libyaml takes a tab as a separator where PyYAML refuses it (`name:<TAB>x`); only the
        # careful path's verdict counts, so a bank's validity never depends on libyaml.
        return None
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_FAST):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return None
            if isinstance(event, _OPEN):
                depth += 1
                if depth >= MAX_DEPTH:
                    return None
            elif isinstance(event, _CLOSE):
                depth -= 1
        node: yaml.Node | None = yaml.compose(text, Loader=_FAST)
    except Exception:  # any trouble: the careful path explains it
        return None
    return node


def _to_data(node: yaml.Node, loc: Loc, lines: dict[Loc, int]) -> Any:
    line = node.start_mark.line + 1
    lines[loc] = line
    if len(loc) > MAX_DEPTH:
        raise _Refused(line, f"nesting deeper than {MAX_DEPTH} levels")
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise _Refused(key_line, "every key must be a plain word, like `text:`")
            key = key_node.value
            if key in out:
                first = lines[(*loc, key)]
                raise _Refused(key_line, f"duplicate key '{key}' (first given on line {first})")
            out[key] = _to_data(value_node, (*loc, key), lines)
            lines[(*loc, key)] = min(key_line, lines[(*loc, key)])
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(child, (*loc, i), lines) for i, child in enumerate(node.value)]
    try:
        return _scalars.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as err:
        detail = getattr(err, "problem", None) or str(err)  # without PyYAML's multi-line excerpt
        raise _Refused(line, f"cannot read this value: {detail}") from None


def display_path(path: Path) -> str:
    """A path as a user typed it: relative to the working directory when it is inside it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:
        return str(path)


def parse_yaml(path: Path) -> tuple[Source, list[Problem]]:  # noqa: PLR0911 - one per failure
    """Read one YAML file into a `Source`, or explain in one problem why it cannot be read."""
    src = Source(display_path(path))
    try:
        raw = path.read_bytes()
    except OSError as err:
        return src, [Problem(src.path, 0, "", f"cannot read file: {err.strerror}")]
    if len(raw) > MAX_BYTES:
        too_big = f"file is {len(raw)} bytes; the limit is {MAX_BYTES}"
        return src, [Problem(src.path, 1, "", too_big)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return src, [Problem(src.path, line, "", "file is not valid UTF-8 text")]
    try:
        node = _fast_compose(text) or yaml.compose(text, Loader=_NoAliasComposer)
        if node is None:
            return src, [Problem(src.path, 1, "", "file is empty; expected a mapping of keys")]
        if not isinstance(node, yaml.MappingNode):
            kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
            line = node.start_mark.line + 1
            return src, [Problem(src.path, line, "", f"expected a mapping of keys, found {kind}")]
        src.data = _to_data(node, (), src.lines)
    except _Refused as err:
        return src, [Problem(src.path, err.line, "", err.message)]
    except yaml.reader.ReaderError as err:
        line = text.count("\n", 0, err.position) + 1
        char = f"#x{err.character:04x}" if isinstance(err.character, int) else repr(err.character)
        what = f"invalid YAML: unacceptable character {char}: {err.reason}"
        return src, [Problem(src.path, line, "", what)]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        what = err.problem or ""
        if "'\\t'" in what:
            what = "found a tab character; indent with spaces, never tabs"
        elif err.context:
            started = err.context_mark.line + 1 if err.context_mark else line
            where = f" (from line {started})" if started != line else ""
            what = f"{err.context}{where}: {what}"
        return src, [Problem(src.path, line, "", f"invalid YAML: {what}")]
    except yaml.YAMLError as err:
        return src, [Problem(src.path, 1, "", f"invalid YAML: {err}")]
    except RecursionError:
        return src, [Problem(src.path, 1, "", f"nesting deeper than {MAX_DEPTH} levels")]
    return src, []


def _message(err: dict[str, Any]) -> str:
    kind, loc = err["type"], err["loc"]
    if kind == "extra_forbidden":
        return f"unknown key '{loc[-1]}'"
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    msg = str(err["msg"])
    return msg.removeprefix("Value error, ")


def validate(src: Source, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate a parsed file against `model`; every error becomes a `Problem` at its line."""
    try:
        return model.model_validate(src.data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(
                p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))
            )
            problems.append(src.problem(loc, _message(dict(err))))
        return None, problems


MAX_WORD_RATIO = Fraction(3, 2)
"""Within a scenario, the longest option has at most 1.5 times the words of the shortest."""
NEAR_DUPLICATE = Fraction(3, 5)
"""Two statements whose word sets overlap this much (Jaccard) say the same thing."""


def _entries(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    """The mappings in list `key` of a parsed file, whatever else is wrong with it."""
    value = data.get(key) if isinstance(data, dict) else None
    return [(i, e) for i, e in enumerate(value) if isinstance(e, dict)] if isinstance(value, list) else []


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z']+", text.lower()))


def _cross_checks(
    banks: list[Source],
    starters: Source | None,
    docs_dir: Path | None,
) -> list[Problem]:
    """Checks that need no valid model: ids, module links, statement overlap, option lengths.

    They run on whatever parsed, so a file with schema errors still gets these reported in the
    same run.
    """
    problems: list[Problem] = []
    seen_ids: dict[str, str] = {}
    statements: list[tuple[frozenset[str], Source, Loc]] = []

    def claim(src: Source, loc: Loc, ident: Any) -> None:
        if not isinstance(ident, str):
            return
        if ident in seen_ids:
            first = seen_ids[ident]
            problems.append(src.problem(loc, f"duplicate id '{ident}' (first used at {first})"))
        else:
            seen_ids[ident] = f"{src.path}:{src.line(loc)}"

    def module_exists(src: Source, loc: Loc, module: Any) -> None:
        if docs_dir is not None and isinstance(module, str) and not (docs_dir / module).is_file():
            where = display_path(docs_dir)
            problems.append(src.problem(loc, f"module '{module}' not found in {where}"))

    def statement(src: Source, loc: Loc, text: Any) -> None:
        if isinstance(text, str) and text.strip():
            statements.append((_words(text), src, loc))

    for src in banks:
        role = src.data.get("role") if isinstance(src.data, dict) else None
        if isinstance(role, dict):
            module_exists(src, ("role", "module"), role.get("module"))
        for i, item in _entries(src.data, "items"):
            claim(src, ("items", i, "id"), item.get("id"))
            statement(src, ("items", i, "text"), item.get("text"))
        for i, sc in _entries(src.data, "scenarios"):
            claim(src, ("scenarios", i, "id"), sc.get("id"))
            problems += _option_lengths(src, i, sc)
        for i, ex in _entries(src.data, "exercises"):
            claim(src, ("exercises", i, "id"), ex.get("id"))
            module_exists(src, ("exercises", i, "module"), ex.get("module"))
    if starters:
        for i, ex in _entries(starters.data, "exercises"):
            claim(starters, ("exercises", i, "id"), ex.get("id"))
            module_exists(starters, ("exercises", i, "module"), ex.get("module"))
    return problems + _near_duplicates(statements)


def _near_duplicates(statements: list[tuple[frozenset[str], Source, Loc]]) -> list[Problem]:
    """Each statement whose words overlap an earlier one's by NEAR_DUPLICATE or more (Jaccard).

    Compares only pairs that share a word of their "prefix" (their rarest words, how many set by
    the threshold): two sets this similar always do, so no pair is missed, and the check stays
    near linear however large the banks grow (comparing every pair took a minute at 100 times
    the shipped banks).
    """
    freq: dict[str, int] = {}
    for words, _, _ in statements:
        for w in words:
            freq[w] = freq.get(w, 0) + 1
    index: dict[str, list[int]] = {}
    problems = []
    t = NEAR_DUPLICATE
    for j, (words, src, loc) in enumerate(statements):
        ordered = sorted(words, key=lambda w: (freq[w], w))
        prefix = ordered[: len(ordered) - math.ceil(t * len(ordered)) + 1] if ordered else [""]
        candidates = sorted({i for w in prefix for i in index.get(w, ())})
        for i in candidates:
            other, osrc, oloc = statements[i]
            union = len(words | other)
            overlap = Fraction(len(words & other), union) if union else Fraction(1)
            where = f"{osrc.path}:{osrc.line(oloc)}"
            if words == other:
                problems.append(src.problem(loc, f"same text as the item at {where}"))
                break
            if overlap >= t:
                problems.append(src.problem(
                    loc, f"nearly the same words as the item at {where} "
                         f"({float(overlap):.0%} of their words are shared; at most "
                         f"{float(t):.0%}): say something different or drop one"))
                break
        for w in prefix:
            index.setdefault(w, []).append(j)
    return problems


def _option_lengths(src: Source, index: int, scenario: dict[str, Any]) -> list[Problem]:
    """Options of one scenario must be close in length, so length never gives the best away."""
    options = [
        (j, o["id"] if isinstance(o.get("id"), str) else str(j), len(o["text"].split()))
        for j, o in _entries(scenario, "options")
        if isinstance(o.get("text"), str) and o["text"].strip()
    ]
    if len(options) < 2:
        return []
    short = min(options, key=lambda o: o[2])
    long = max(options, key=lambda o: o[2])
    if long[2] <= MAX_WORD_RATIO * short[2]:
        return []
    loc: Loc = ("scenarios", index, "options", long[0], "text")
    return [src.problem(
        loc, f"option {long[1]} has {long[2]} words, more than 1.5 times the {short[2]} of option "
             f"{short[1]}; keep a scenario's options close in length so length gives nothing away")]


def _bank_rules(src: Source, bank: RoleBank) -> list[Problem]:
    problems = []
    items = bank.items
    if items[0].reverse:
        problems.append(
            src.problem(("items", 0, "reverse"), "a bank's first item must not be reverse-keyed")
        )
    reverse = sum(i.reverse for i in items)
    if reverse * 4 > len(items):
        problems.append(
            src.problem(
                ("items",),
                f"{reverse} of {len(items)} items are reverse-keyed; at most one in four",
            )
        )
    profile = sum(i.profile for i in items)
    if profile < MIN_PROFILE_ITEMS:
        problems.append(
            src.problem(
                ("items",),
                f"{profile} items are marked `profile: true`; the role profile needs at least "
                f"{MIN_PROFILE_ITEMS} per role",
            )
        )
    for band in BANDS:
        if not any(band in ex.bands for ex in bank.exercises):
            problems.append(src.problem(("exercises",), f"no exercise for the '{band}' band"))
    return problems


def load_content(  # noqa: PLR0912, PLR0915
    bank_dir: Path, docs_dir: Path | None = None, lang: str | None = None
) -> Content:
    """Load and check every bank in `bank_dir`.

    Args:
        bank_dir: the folder of `settings.yml`, `starters.yml` and one `<role-id>.yml` per role.
        docs_dir: the curriculum folder; module links are checked against it when given.
        lang: a language to translate every text into, from `bank_dir/i18n/<lang>/`; None or
            "en" for the English banks themselves.

    Returns:
        The validated content, banks in canonical role order.

    Raises:
        ContentError: with every problem found, in file and line order.
    """
    problems: list[Problem] = []
    if not bank_dir.is_dir():
        raise ContentError([Problem(display_path(bank_dir), 0, "", "bank folder not found")])
    settings: Settings | None = None
    starters: tuple[Source, Starters] | None = None
    starters_src: Source | None = None
    banks: list[tuple[Source, RoleBank]] = []
    for name, model in ((SETTINGS, Settings), (STARTERS, Starters)):
        path = bank_dir / name
        if not path.is_file():
            problems.append(Problem(display_path(path), 0, "", "file not found"))
            continue
        src, found = parse_yaml(path)
        problems += found
        if name == STARTERS and src.data is not None:
            starters_src = src
        if src.data is not None:
            obj, found = validate(src, model)
            problems += found
            if isinstance(obj, Settings):
                settings = obj
            elif isinstance(obj, Starters):
                starters = (src, obj)
    role_ids = settings.roles if settings else []
    by_role: dict[str, Source] = {}
    parsed: list[Source] = []
    for path in sorted(bank_dir.glob("*.y*ml")):
        if path.name in (SETTINGS, STARTERS):
            continue
        src, found = parse_yaml(path)
        problems += found
        if src.data is None:
            by_role.setdefault(path.stem, src)
            continue
        parsed.append(src)
        bank, found = validate(src, RoleBank)
        problems += found
        if bank is None:
            by_role.setdefault(path.stem, src)
            continue
        role: str = bank.role.id
        if path.stem in role_ids and path.stem != role:
            # translator.yml saying `id: system-monitor`: the name is what the author meant.
            problems.append(src.problem(
                ("role", "id"), f"{path.name} is the bank for role '{path.stem}', not '{role}'"
            ))
            role = path.stem
        elif path.stem != role:
            problems.append(
                src.problem(("role", "id"), f"a bank for role '{role}' must be named {role}.yml")
            )
        elif role in by_role:
            problems.append(src.problem(("role", "id"), f"role '{role}' already has a bank"))
        elif settings and role not in role_ids:
            problems.append(src.problem(
                ("role", "id"), f"role '{role}' is not in the roles of {SETTINGS}; add it there, "
                                "in the order roles are listed everywhere"))
        by_role.setdefault(role, src)
        banks.append((src, bank))
    for role in role_ids:
        if role not in by_role:
            where = display_path(bank_dir / f"{role}.yml")
            problems.append(Problem(where, 0, "", f"missing the bank for role '{role}'"))
    problems += _cross_checks(parsed, starters_src, docs_dir)
    problems += [p for src, bank in banks for p in _bank_rules(src, bank)]
    if problems or settings is None or starters is None:
        raise ContentError(problems)
    ordered = tuple(sorted((b for _, b in banks), key=lambda b: settings.roles.index(b.role.id)))
    content = Content(settings=settings, banks=ordered, starters=starters[1])
    if lang and lang != SOURCE_LANGUAGE:
        from .translate import translate_content  # noqa: PLC0415 - translate imports this module

        return translate_content(content, bank_dir, lang)
    return content
