"""For translators: what a language still lacks, and a starting point for a new one.

`python -m generator i18n status LANG` lists every message, bank text and page not yet in LANG
(exit 1 while anything is missing); `python -m generator i18n start LANG` writes a new
language's files with the English in place, for a translator to replace (docs/translating.md).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .i18n import DEFAULT, LOCALES, CatalogueError, available, catalogue
from .loader import ContentError, load_content
from .models import Content
from .translate import I18N, languages, skeletons


@dataclass
class Status:
    """What one language lacks (missing: blocks a build) and what still reads as English."""

    lang: str
    missing: list[str] = field(default_factory=list)
    same_as_english: list[str] = field(default_factory=list)


def _texts(data: Any, prefix: str = "") -> dict[str, str]:
    """Every text of a translation file, by its dotted location."""
    if isinstance(data, str):
        return {prefix: data}
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    out: dict[str, str] = {}
    for k, v in items:
        out |= _texts(v, f"{prefix}.{k}" if prefix else str(k))
    return out


def status(lang: str, bank_dir: Path, docs_dir: Path) -> Status:
    """What `lang` lacks: catalogue keys, bank texts (and files), curriculum pages."""
    st = Status(lang)
    _catalogue_status(st)
    _bank_status(st, bank_dir)
    others = {*available(), *languages(bank_dir), lang}
    for page in sorted(p.relative_to(docs_dir) for p in docs_dir.rglob("*.md")):
        if page.parts[0] not in others and not (docs_dir / lang / page).is_file():
            st.missing.append(f"page docs/{lang}/{page}")
    return st


def _catalogue_status(st: Status) -> None:
    english = catalogue(DEFAULT).messages
    if st.lang not in available():
        st.missing.append(f"message catalogue generator/{LOCALES}/{st.lang}/")
        return
    try:
        theirs = catalogue(st.lang).messages
    except CatalogueError as err:
        st.missing.append(str(err))
        return
    st.missing += [f"message {k}" for k in english if k not in theirs]
    st.same_as_english += [f"message {k}" for k in english if theirs.get(k) == english[k]]


def _bank_status(st: Status, bank_dir: Path) -> None:
    folder = bank_dir / I18N / st.lang
    for name, data in skeletons(load_content(bank_dir)).items():
        path = folder / name
        if not path.is_file():
            st.missing.append(f"bank file {path}")
            continue
        theirs = _texts(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
        for where, text in _texts(data).items():
            if where not in theirs:
                st.missing.append(f"bank text {name}: {where}")
            elif theirs[where] == text:
                st.same_as_english.append(f"bank text {name}: {where}")
    if folder.is_dir():
        try:
            load_content(bank_dir, lang=st.lang)
        except ContentError as err:
            st.missing += [f"bank problem {p}" for p in err.problems]


def start(lang: str, bank_dir: Path, docs_dir: Path, catalogue_dir: Path | None = None) -> list[Path]:
    """Write a new language's files with the English in place; the paths written.

    Args:
        lang: the new language's code.
        bank_dir, docs_dir: the project's banks and curriculum.
        catalogue_dir: where the message catalogues are (default: the generator's own).

    Raises:
        FileExistsError: the language has files already (nothing is overwritten).
    """
    folder = bank_dir / I18N / lang
    catalogue_dir = catalogue_dir or Path(str(resources.files("generator").joinpath(LOCALES)))
    targets = [folder, catalogue_dir / lang, docs_dir / lang]
    for target in targets:
        if target.exists():
            raise FileExistsError(f"{target} exists already: see `i18n status {lang}`")
    content: Content = load_content(bank_dir)
    written: list[Path] = []
    folder.mkdir(parents=True)
    for name, data in skeletons(content).items():
        path = folder / name
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    shutil.copytree(catalogue_dir / DEFAULT, catalogue_dir / lang)
    written += sorted((catalogue_dir / lang).glob("*.yml"))
    for page in sorted(docs_dir.rglob("*.md")):
        rel = page.relative_to(docs_dir)
        if rel.parts[0] in {*available(), *languages(bank_dir)}:
            continue
        target = docs_dir / lang / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(page, target)
        written.append(target)
    return written
