"""The Zensical build (`make build-zensical`): its configuration is derived from mkdocs.yml, it
ships the same Content-Security-Policy as the MkDocs build, and it serves the same minified
assets; the served, minified scorer agrees with Python."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, shipped_spec
from test_js_agreement import random_answers

from generator import csp
from generator.minify import minified
from generator.scoring import AnswerError, score
from generator.zensical import (
    ConfigError,
    load_mkdocs,
    theme_style_hashes,
    write_config,
    zensical_command,
    zensical_config,
)

NODE = shutil.which("node")
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def derived(tmp_path: Path, text: str) -> dict[str, Any]:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text)
    return zensical_config(load_mkdocs(path), tmp_path, Path("docs"), Path("site"))


def test_config_is_the_projects_own_without_the_plugin(tmp_path: Path) -> None:
    mkdocs = load_mkdocs(ROOT / "mkdocs.yml")  # as MkDocs reads it: !ENV resolved
    config = zensical_config(mkdocs, ROOT, Path("docs"), Path("site"))
    assert config["docs_dir"] == "docs"
    assert config["site_dir"] == "site"
    assert "assessments" not in config["plugins"]
    assert "search" in config["plugins"]
    assert "watch" not in config
    assert Path(config["theme"]["custom_dir"]).is_absolute()
    assert Path(config["theme"]["custom_dir"]) == ROOT / "overrides"
    for key in ("nav", "extra_css", "extra_javascript", "markdown_extensions", "site_name", "extra"):
        assert config[key] == mkdocs[key], key
    # the project's file itself is untouched
    assert "assessments" in mkdocs["plugins"]


def test_env_tags_resolve_and_other_tags_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "site_name: x\n"
        "site_url: !ENV [SITE_URL, 'http://127.0.0.1:8000/']\n"
        "plugins:\n  - search\n  - assessments:\n      banks: assessments\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    monkeypatch.delenv("SITE_URL", raising=False)
    config = derived(tmp_path, text)
    assert config["site_url"] == "http://127.0.0.1:8000/"
    assert config["plugins"] == ["search"]
    monkeypatch.setenv("SITE_URL", "https://coaching.example.org/")
    config = derived(tmp_path, text)
    assert config["site_url"] == "https://coaching.example.org/"
    written = write_config(config, tmp_path / "out" / "mkdocs.yml").read_text()
    assert "!!python/name:material.extensions.emoji.twemoji" in written


@pytest.mark.parametrize(("text", "message"), [
    ("- just\n- a list\n", "expected a mapping of settings"),
    ("site_name: [unclosed\n", "not valid YAML"),
    ("site_name: x\nuse_directory_urls: false\n", "use_directory_urls: false is not supported"),
])
def test_bad_mkdocs_yml_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "mkdocs.yml").write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_mkdocs(tmp_path / "mkdocs.yml")


def test_missing_zensical_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "zensical", None)
    with pytest.raises(ConfigError, match=r"make build-zensical"):
        zensical_command()


def test_bank_problem_stops_the_build_with_path_and_line(tmp_path: Path) -> None:
    for name in ("assessments", "docs", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    bank = tmp_path / "assessments/translator.yml"
    bank.write_text(bank.read_text().replace("reverse: true", "reverse: maybe", 1))
    proc = subprocess.run(
        [sys.executable, "-m", "generator.zensical", str(tmp_path / "site"), "--root", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 1
    assert re.search(r"translator\.yml:\d+: items\.\d+\.reverse: ", proc.stderr), proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "site").exists()


def test_every_page_carries_the_policy_for_its_own_scripts(zensical_dir: Path) -> None:
    pages = sorted(zensical_dir.rglob("*.html"))
    assert len(pages) > 25
    styles = theme_style_hashes(zensical_dir)
    assert styles, "the hash of Zensical's search styles was not found in its script"
    for page in pages:
        html = page.read_text()
        policies = META.findall(html)
        assert len(policies) == 1, page
        assert re.search(r"<head[^>]*><meta http-equiv=\"Content-Security-Policy\"", html), page
        policy = policies[0]
        assert "'unsafe-inline'" not in policy
        assert "'unsafe-eval'" not in policy
        script_src = re.search(r"script-src ([^;]+)", policy)
        assert script_src
        assert set(script_src.group(1).split()) == {"'self'", *csp.script_hashes(html)}, page
        style_src = re.search(r"style-src ([^;]+)", policy)
        assert style_src
        assert set(style_src.group(1).split()) == {"'self'", *styles}, page
    headers = (zensical_dir / "_headers").read_text()
    assert "frame-ancestors 'none'" in headers
    assert all(s in headers for s in styles)


def test_zensical_serves_the_minified_assets(zensical_dir: Path, site_dir: Path) -> None:
    served = zensical_dir / "assets/assessments"
    for source in (ROOT / "generator/static").iterdir():
        if source.suffix in (".mjs", ".css"):
            data = (served / source.name).read_bytes()
            assert data == minified(source.name, source.read_bytes()), source.name
            assert len(data) < len(source.read_bytes()), source.name
            # the MkDocs build serves the very same bytes
            assert data == (site_dir / "assets/assessments" / source.name).read_bytes(), source.name


DRIVER = """
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { score } from "./scoring.mjs";

const { spec, cases } = JSON.parse(readFileSync(process.argv[2], "utf8"));
let differ = 0;
for (const c of cases) {
  let got;
  try {
    got = score(spec, c.assessment, c.answers);
  } catch (err) {
    got = { error: err.constructor.name, message: err.message };
  }
  if (!isDeepStrictEqual(got, c.expected)) differ += 1;
}
console.log(`${cases.length - differ} agree, ${differ} differ`);
"""


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_served_minified_scorer_agrees_with_python(site_dir: Path, tmp_path: Path) -> None:
    """The scorer the site serves (minified) is the one the parity tests vouch for."""
    for module in (site_dir / "assets/assessments").glob("*.mjs"):  # scoring.mjs and what it imports
        served = module.read_bytes()
        assert served == minified(module.name, (ROOT / "generator/static" / module.name).read_bytes())
        (tmp_path / module.name).write_bytes(served)
    (tmp_path / "driver.mjs").write_text(DRIVER)
    spec = shipped_spec()
    rng = random.Random(20261125)
    cases = []
    for _ in range(600):
        assessment = rng.choice(list(spec["assessments"]))
        answers = random_answers(spec, assessment, rng)
        try:
            expected: dict[str, Any] = score(spec, assessment, answers)
        except AnswerError as err:
            expected = {"error": "AnswerError", "message": str(err)}
        cases.append({"assessment": assessment, "answers": answers, "expected": expected})
    assert sum("error" in c["expected"] for c in cases) > 2
    (tmp_path / "cases.json").write_text(json.dumps({"spec": spec, "cases": cases}))
    proc = subprocess.run([NODE, str(tmp_path / "driver.mjs"), str(tmp_path / "cases.json")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("600 agree, 0 differ"), proc.stdout


def test_style_hashes_come_from_the_themes_own_script(tmp_path: Path) -> None:
    scripts = tmp_path / "assets/javascripts"
    scripts.mkdir(parents=True)
    (scripts / "bundle.min.js").write_text(
        "var x=1;var Tc='.a{content:\\'\\u00e9\\'}.b{color:red}';function S(){"
        'o.appendChild(C("style",{},Tc.toString()))}var Other=\'.c{}\';'
    )
    assert theme_style_hashes(tmp_path) == {csp.digest(".a{content:'\u00e9'}.b{color:red}")}
    (scripts / "bundle.min.js").write_text("var x=1;")
    assert theme_style_hashes(tmp_path) == set()


def test_every_navigation_link_leads_to_a_page(zensical_dir: Path) -> None:
    """The nav's `roles/{role}.md` entries are expanded to one page per role, as the plugin does."""
    html = (zensical_dir / "index.html").read_text()
    links = sorted({h for h in re.findall(r'<a href="([^"#]+)" class="md-nav__link', html) if "://" not in h})
    assert len(links) > 25
    for href in links:
        target = zensical_dir / href.removeprefix("./")
        assert (target / "index.html").is_file() or target.is_file(), href
    for role in shipped_spec()["role_ids"]:
        assert f"./roles/{role}/" in links, role
