"""Honest deploys: the published site's address comes from the environment (the Pages workflow
sets SITE_URL), the workflow tests before it deploys, and a configuration the site cannot work
under is refused with a clear message."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import yaml
from conftest import ROOT, build_site
from mkdocs.utils.yaml import get_yaml_loader

if TYPE_CHECKING:
    from pathlib import Path

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def project_config(tmp_path: Path, **changes: Any) -> Path:
    """The project's mkdocs.yml, usable from tmp_path (absolute folders), with `changes`."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=get_yaml_loader())
    config["docs_dir"] = str(ROOT / "docs")
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["plugins"] = [{"assessments": {"banks": str(ROOT / "assessments")}} if p == "assessments" else p
                         for p in config["plugins"]]
    config.pop("watch", None)
    config.update(changes)
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config))
    return path


def test_site_url_comes_from_the_environment(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("SITE_URL", "https://coach.example.org/team-a/")
    site = build_site(tmp_path / "site")
    sitemap = (site / "sitemap.xml").read_text()
    assert "<loc>https://coach.example.org/team-a/roles/conductor/</loc>" in sitemap
    assert "127.0.0.1" not in sitemap
    page = (site / "roles/conductor/index.html").read_text()
    assert '<link rel="canonical" href="https://coach.example.org/team-a/roles/conductor/">' in page


def test_site_url_defaults_to_the_local_server() -> None:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    code = "import yaml; from mkdocs.utils.yaml import get_yaml_loader as g; " \
           "print(yaml.load(open('mkdocs.yml').read(), Loader=g())['site_url'])"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True).stdout
    assert out == "http://127.0.0.1:8000/\n"


def test_use_directory_urls_false_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    config = project_config(tmp_path, use_directory_urls=False)
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.returncode != 0
    assert f"{config}: use_directory_urls: false is not supported" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (out / "index.html").exists()


def test_pages_workflow_tests_before_it_builds_and_deploys() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    jobs = workflow["jobs"]
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["build"]["needs"] == "test"
    runs = [step.get("run", "") for step in jobs["test"]["steps"]]
    assert "bash .ci/run" in runs  # the full suite: lint, node tests, pytest with the browser tests
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    build = next(step for step in jobs["build"]["steps"] if step.get("run", "").startswith("mkdocs build"))
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert any(step.get("id") == "pages" and re.match(r"actions/configure-pages@", step.get("uses", ""))
               for step in jobs["build"]["steps"])
