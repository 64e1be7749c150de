"""`python -m generator build OUT`: the docs plus every generated page, written to disk.

For engines that run no MkDocs plugins: `make build-zensical` (generator/zensical.py) writes the
pages here, derives Zensical's configuration from `mkdocs.yml` (`docs_dir` pointed at OUT, the
`assessments` plugin dropped) and builds the same site.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .compile import compile_spec
from .i18n import DEFAULT, available
from .loader import load_content
from .render import assets, escape_front_matter_title, expand_markers, pages, with_theme_meta
from .translate import languages


def build_docs(
    bank_dir: Path, docs_dir: Path, out: Path, lang: str = DEFAULT, nested: bool = False
) -> int:
    """Copy `docs_dir` to `out` with markers expanded, and add the generated pages and assets.

    Args:
        bank_dir: the banks.
        docs_dir: the curriculum of this language (`docs/` or `docs/<lang>/`).
        out: the folder to write (replaced).
        lang: the language of the pages.
        nested: the site of another language, one folder below the default one's.

    Returns:
        How many files were written.

    Raises:
        ContentError: the banks have problems (nothing is written).
        ValueError: a page holds an unknown marker.
    """
    spec = compile_spec(load_content(bank_dir, docs_dir, lang=lang), lang)
    if out.exists():
        shutil.rmtree(out)
    # Another language's pages (docs/es/) are a site of their own, not part of this one.
    others = {*languages(bank_dir), *available()} - {lang}
    shutil.copytree(
        docs_dir, out, ignore=lambda d, names: [n for n in names if Path(d) == docs_dir and n in others]
    )
    for page in out.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        expanded = with_theme_meta(escape_front_matter_title(expand_markers(text, spec)), spec["lang"])
        if expanded != text:
            page.write_text(expanded, encoding="utf-8")
    generated: dict[str, str | bytes] = {
        **{uri: with_theme_meta(escape_front_matter_title(text), spec["lang"])
           for uri, text in pages(spec).items()},
        **assets(spec, nested=nested),
    }
    for rel, data in generated.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            target.write_text(data, encoding="utf-8")
        else:
            target.write_bytes(data)
    return sum(1 for p in out.rglob("*") if p.is_file())
