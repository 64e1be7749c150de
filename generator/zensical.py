"""The site built with Zensical: `python -m generator.zensical [SITE]` (`make build-zensical`).

Zensical, from the authors of Material for MkDocs, reads `mkdocs.yml` but runs no MkDocs
plugins. So this:

1. writes the docs plus every generated page with `generator build` (the plugin's work, done
   ahead of time) into a work folder, for each language of the site;
2. derives Zensical's configuration from the project's `mkdocs.yml` (one per language), nothing
   copied by hand:
   `docs_dir` points at the generated pages, the `assessments` plugin and `watch` are dropped,
   `custom_dir` is made absolute (Zensical wants docs and site inside the config's folder, so
   the configuration lives in the work folder too);
3. runs `zensical build`, then applies the same Content-Security-Policy as the MkDocs build
   (a `<meta>` in every page hashing Zensical's own inline scripts, and `_headers`);
4. moves the built site to SITE (default `site/`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from .build import build_docs
from .compile import compile_spec
from .csp import digest, secure_site
from .i18n import DEFAULT
from .languages import expand_roles, language_config, site_languages
from .loader import ContentError, load_content

PLUGIN = "assessments"


class ConfigError(Exception):
    """`mkdocs.yml` cannot be turned into a Zensical configuration (said with the reason)."""


class Tagged:
    """A YAML value with a tag this module does not resolve (`!!python/name:...`), kept as it is."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    """`mkdocs.yml` as MkDocs reads it: `!ENV` resolved, other tags kept for Zensical."""


class _Dumper(yaml.SafeDumper):
    pass


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode):
        *names, default = loader.construct_sequence(node, deep=True)
    else:
        raise ConfigError(f"line {node.start_mark.line + 1}: !ENV takes a name or a list")
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else ""
    return default


def _other(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]


def _represent(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", _other)
_Dumper.add_representer(Tagged, _represent)


def _plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry), "") if isinstance(entry, dict) else ""


def load_mkdocs(mkdocs_yml: Path) -> dict[str, Any]:
    """`mkdocs.yml` as MkDocs reads it (`!ENV` resolved).

    Raises:
        ConfigError: the file is missing or not a YAML mapping.
    """
    try:
        config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_Loader)  # a SafeLoader subclass
    except OSError as err:
        raise ConfigError(f"{mkdocs_yml}: cannot read it ({err.strerror})") from None
    except yaml.YAMLError as err:
        raise ConfigError(f"{mkdocs_yml}: not valid YAML: {err}") from None
    if not isinstance(config, dict):
        raise ConfigError(f"{mkdocs_yml}: expected a mapping of settings")
    if config.get("use_directory_urls") is False:
        # The scripts address pages as folders (a coach's link goes to `plan/`), as the plugin says.
        raise ConfigError(
            f"{mkdocs_yml}: use_directory_urls: false is not supported (the generated pages and "
            "scripts link to folder addresses such as plan/); remove the setting or set it to true"
        )
    return config


def zensical_config(config: dict[str, Any], base: Path, docs_dir: Path, site_dir: Path) -> dict[str, Any]:
    """A copy of the MkDocs `config` (whose relative paths start at `base`) for Zensical to build
    the pre-generated pages in `docs_dir` into `site_dir`, both relative to the config's folder
    (Zensical wants them inside it, and written relative)."""
    config = {**config, "docs_dir": str(docs_dir), "site_dir": str(site_dir)}
    plugins = config.get("plugins")
    if isinstance(plugins, list):
        config["plugins"] = [p for p in plugins if _plugin_name(p) != PLUGIN]
    elif isinstance(plugins, dict):
        config["plugins"] = {k: v for k, v in plugins.items() if k != PLUGIN}
    config.pop("watch", None)
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        config["theme"] = {**theme, "custom_dir": str((base / theme["custom_dir"]).resolve())}
    return config


def write_config(config: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def zensical_command() -> list[str]:
    """How to run Zensical from this Python (ConfigError if it is not installed)."""
    try:
        import zensical  # noqa: F401, PLC0415 - only to say clearly when it is missing
    except ImportError:
        raise ConfigError(
            "Zensical is not installed in this environment: run `make build-zensical`, "
            "or `pip install '.[zensical]'`"
        ) from None
    return [sys.executable, "-m", "zensical", "build", "--clean", "--strict"]


def prepare(root: Path, work: Path) -> list[Path]:
    """Write the generated pages and a configuration per language into `work`; return the
    configurations' paths, the default language's first.

    Each language is a site of its own, as with the plugin: English at the root, another
    language at `/<lang>/` (generator/languages.py derives its settings).

    Raises:
        ContentError: the banks have problems.
        ConfigError: `mkdocs.yml` cannot be used.
    """
    mkdocs = load_mkdocs(root / "mkdocs.yml")
    if work.exists():
        shutil.rmtree(work)
    banks, source = root / "assessments", root / str(mkdocs.get("docs_dir", "docs"))
    default = str((mkdocs.get("theme") or {}).get("language") or DEFAULT)
    langs = site_languages(default, banks, source)
    # `roles/{role}.md` in the nav: one page per role, as the plugin expands it.
    role_ids = compile_spec(load_content(banks, source))["role_ids"]
    configs = []
    for lang in langs:
        nested = lang != default
        docs = work / f"docs-{lang}"
        build_docs(banks, source / lang if nested else source, docs, lang=lang, nested=nested)
        config = {**mkdocs, **language_config(mkdocs, lang, langs, default)}
        config["nav"] = expand_roles(config.get("nav"), role_ids)
        config.pop("exclude_docs", None)  # the other languages' pages are not copied at all
        site = Path("site") / lang if nested else Path("site")
        configs.append(write_config(zensical_config(config, root, Path(docs.name), site),
                                    work / f"mkdocs-{lang}.yml"))
    return configs


STYLE_ELEMENT = re.compile(
    r"""\(\s*["']style["']\s*,\s*\{[^{}]*\}\s*,\s*(?P<name>[\w$]+)(?:\.toString\(\))?\s*\)"""
)
"""Zensical's script builds its search box in a shadow root with `h("style", {}, CSS)`."""


def _string_literal(source: str, name: str) -> str | None:
    """The value of `name='...'` (or "...") in minified JavaScript, unescaped."""
    m = re.search(rf"""(?<![\w$.]){re.escape(name)}=(?P<q>['"])(?P<body>(?:\\.|(?!(?P=q)).)*)(?P=q)""",
                  source, re.DOTALL)
    if not m:
        return None
    body = m.group("body")
    if "\\" not in body:
        return body
    return str(json.loads('"' + body.replace('"', '\\"').replace("\\'", "'") + '"'))


def theme_style_hashes(site_dir: Path) -> set[str]:
    """CSP hashes of the inline `<style>` elements the theme's own scripts add to pages.

    A style element a script creates needs its hash in `style-src` as any inline style does;
    the browser test of the Zensical build fails on any refused style, should this ever miss one.
    """
    out = set()
    for script in sorted((site_dir / "assets" / "javascripts").glob("*.js")):
        source = script.read_text(encoding="utf-8")
        for m in STYLE_ELEMENT.finditer(source):
            css = _string_literal(source, m.group("name"))
            if css is not None:
                out.add(digest(css))
    return out


def build_site(root: Path, out: Path, work: Path) -> int:
    """Build the site with Zensical into `out`, under the project's CSP; return pages secured.

    Raises:
        ContentError: the banks have problems (nothing is built).
        ConfigError: `mkdocs.yml` cannot be used, or Zensical is missing or failed.
    """
    command = zensical_command()
    for config in prepare(root, work):  # the default language first: its --clean empties site/
        proc = subprocess.run([*command, "-f", str(config)], cwd=work, capture_output=True, text=True,
                              check=False, env={**os.environ, "NO_COLOR": "1"})
        if proc.returncode != 0:
            # Zensical lists the problems on stdout; its stderr ends with why it stopped.
            last = proc.stderr.strip().splitlines()[-1:] if proc.stderr.strip() else []
            raise ConfigError(f"zensical build of {config.name} failed:\n"
                              + "\n".join([proc.stdout.rstrip(), *last]).strip())
    built = work / "site"
    pages = secure_site(built, theme_style_hashes(built))
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(built), str(out))
    return pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m generator.zensical", description=__doc__.splitlines()[0])
    ap.add_argument("site", nargs="?", default="site", help="where to write the built site (default: site)")
    ap.add_argument("--root", default=".", help="the project folder, holding mkdocs.yml (default: .)")
    ap.add_argument("--work", default=None, help="scratch folder (default: ROOT/build/zensical)")
    args = ap.parse_args(argv)
    root = Path(args.root).resolve()
    work = Path(args.work).resolve() if args.work else root / "build" / "zensical"
    try:
        pages = build_site(root, Path(args.site).resolve(), work)
    except ContentError as err:
        print(f"the assessment banks have problems:\n{err}", file=sys.stderr)
        return 1
    except (ConfigError, ValueError) as err:
        print(f"build-zensical: {err}", file=sys.stderr)
        return 1
    print(f"built {pages} pages with Zensical into {args.site} (Content-Security-Policy and _headers added)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
