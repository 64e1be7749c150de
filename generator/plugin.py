"""The MkDocs adapter: a page of glue over the pure core (load, compile, render).

It validates the banks once per build, fails the build with the loader's `path:line` messages,
adds the generated pages and assets as virtual files, and expands the content markers in
hand-written pages. Everything it adds, `python -m generator build` writes to disk too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.commands.build import build
from mkdocs.config import config_options as c
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from . import csp
from .compile import compile_spec
from .i18n import DEFAULT
from .languages import alternates, expand_roles, language_config, site_languages, theme_meta
from .loader import ContentError, load_content
from .perf import paused_gc
from .render import assets, expand_markers, pages, title_as_text
from .zensical import load_mkdocs

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


class AssessmentsConfig(Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    banks = c.Dir(exists=True, default="assessments")


class AssessmentsPlugin(BasePlugin[AssessmentsConfig]):  # type: ignore[no-untyped-call]
    """Turns the YAML banks into quiz, practice and scoring pages."""

    spec: dict[str, Any]
    hashes: set[str]
    serving = False
    nested = False
    """True in the build of another language, which its default language's build runs."""
    lang = DEFAULT
    languages: list[str]

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """`mkdocs serve` injects its live-reload script inline after the page is built; a CSP
        in the page would block it, so pages served for authoring go without one."""
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        if not config.use_directory_urls:
            # The scripts address pages as folders (a coach's link goes to `plan/`), as do the
            # generated pages' links: with `page.html` addresses they would lead nowhere.
            raise PluginError(
                f"{config.config_file_path}: use_directory_urls: false is not supported by the "
                "assessments plugin (its pages and scripts link to folder addresses such as plan/); "
                "remove the setting or set it to true"
            )
        self.lang = str(config.theme["language"] or DEFAULT)
        banks = Path(self.config.banks)
        self.languages = [] if self.nested else site_languages(self.lang, banks, Path(config.docs_dir))
        if len(self.languages) > 1:
            config.extra["alternate"] = alternates(self.lang, self.languages, self.lang)
        try:
            with paused_gc():
                content = load_content(banks, Path(config.docs_dir), lang=self.lang)
                self.spec = compile_spec(content, self.lang)
        except ContentError as err:
            raise PluginError(f"the assessment banks have problems:\n{err}") from None
        config.nav = expand_roles(config.nav, self.spec["role_ids"])
        self.hashes = set()
        return config

    @event_priority(50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Runs early, so other plugins (search, navigation) see the generated pages too."""
        if not self.config.enabled:
            return files
        with paused_gc():
            # readable scripts under `mkdocs serve`, for authors; minified in a build
            generated: dict[str, str | bytes] = {
                **pages(self.spec), **assets(self.spec, minify=not self.serving, nested=self.nested)
            }
        for src_uri, content in generated.items():
            files.append(File.generated(config, src_uri, content=content))
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return markdown
        if isinstance(page.meta.get("title"), str):
            # Material prints titles unescaped; a title is text, whatever its characters.
            page.meta["title"] = title_as_text(page.meta["title"])
        try:
            expanded = expand_markers(markdown, self.spec)
        except ValueError as err:
            raise PluginError(f"{page.file.src_uri}: {err}") from None
        page.meta.update(theme_meta(page.meta, expanded, self.lang))  # the theme override's words
        return expanded

    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Runs last, so the policy hashes the page's inline scripts as they will be served."""
        if not self.config.enabled or self.serving:
            return output
        output, hashes = csp.with_meta(output)
        self.hashes |= hashes
        return output

    @event_priority(-100)
    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        if not self.config.enabled or self.serving or not template_name.endswith(".html"):
            return output_content
        output, hashes = csp.with_meta(output_content)
        self.hashes |= hashes
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Builds the other languages into `<site>/<lang>/`, then one `_headers` for them all."""
        if not self.config.enabled or self.nested:
            return
        for lang in self.languages[1:]:
            self.hashes |= self._build_language(config, lang)
        if not self.serving:
            Path(config.site_dir, "_headers").write_text(csp.headers_file(self.hashes), encoding="utf-8")

    def _build_language(self, config: MkDocsConfig, lang: str) -> set[str]:
        """Build the site of `lang` with this configuration's settings for it; its CSP hashes."""
        raw = load_mkdocs(Path(config.config_file_path))
        overrides = language_config(raw, lang, self.languages, self.lang)
        overrides["site_dir"] = str(Path(config.site_dir) / lang)
        other = load_config(config_file=config.config_file_path, strict=config.strict, **overrides)
        plugin = other.plugins["assessments"]
        if not isinstance(plugin, AssessmentsPlugin):
            raise PluginError(f"the {lang} site has no assessments plugin")
        plugin.nested, plugin.serving = True, self.serving
        build(other, dirty=False)
        return plugin.hashes
