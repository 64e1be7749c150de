"""The site builds: with the plugin (`mkdocs build --strict`), without it (`generator build`, for
hosts like Zensical that run no MkDocs plugins), and live under `mkdocs serve` as banks change."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build_site
from mkdocs.utils.yaml import get_yaml_loader

from generator.build import build_docs
from generator.compile import compile_spec
from generator.loader import load_content
from generator.render import pages

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def copy_project(dest: Path) -> Path:
    for name in ("assessments", "docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def article(html: str) -> str:
    """The page's own content, without navigation (which differs in edit links and the like)."""
    m = re.search(r"<article[^>]*>(.*)</article>", html, re.DOTALL)
    assert m, "no <article> in page"
    return m.group(1)


def policy(html: str) -> str:
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert m, "no policy in page"
    return m.group(1)


def test_build_without_the_plugin_gives_the_same_pages(site_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs-built"
    count = build_docs(ROOT / "assessments", ROOT / "docs", out)
    spec = compile_spec(load_content(ROOT / "assessments", ROOT / "docs"))
    for src_uri in pages(spec):
        assert (out / src_uri).is_file(), src_uri
    assert (out / "assets/assessments/main.mjs").is_file()
    assert count > len(pages(spec))
    assert "<!-- assessments:" not in (out / "roles/conductor.md").read_text()

    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=get_yaml_loader())  # resolves !ENV
    config["docs_dir"] = str(out)
    config["plugins"] = [p for p in config["plugins"] if p != "assessments"]
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config.pop("watch")
    plain = tmp_path / "mkdocs.plain.yml"
    plain.write_text(yaml.safe_dump(config))
    other = build_site(tmp_path / "site", plain)
    assert not (other / "_headers").exists()
    proc = subprocess.run([sys.executable, "-m", "generator", "csp", str(other)],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    assert "_headers" in proc.stdout
    # The same pages get the same policy either way; the plugin's `_headers` also allows the
    # scripts of the other languages' sites it builds.
    hashes = {site: set(re.findall(r"'sha256-[^']+'", (site / "_headers").read_text()))
              for site in (other, site_dir)}
    assert hashes[other]
    assert hashes[other] <= hashes[site_dir]
    for page in ("quiz/role-profile/index.html", "practice/translator/index.html",
                 "roles/conductor/index.html", "where-to-begin/index.html", "how-scoring-works/index.html"):
        assert article((other / page).read_text()) == article((site_dir / page).read_text()), page
        assert policy((other / page).read_text()) == policy((site_dir / page).read_text()), page


def test_cli_build_reports_bank_problems(tmp_path: Path) -> None:
    banks = shutil.copytree(ROOT / "assessments", tmp_path / "assessments")
    bank = banks / "translator.yml"
    bank.write_text(bank.read_text().replace("reverse: true", "reverse: maybe", 1))
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "--banks", str(banks), "build", str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 1
    assert re.search(r"translator\.yml:\d+: items\.\d+\.reverse: ", proc.stderr), proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_mkdocs_build_fails_with_path_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    bank = project / "assessments/system-monitor.yml"
    bank.write_text(bank.read_text().replace("  - id: mon-02", "  - id: mon-01", 1))
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=project, capture_output=True, text=True, env=ENV, check=False,
    )
    assert proc.returncode == 1
    want = r"assessments/system-monitor\.yml:\d+: items\.1\.id: duplicate id 'mon-01'"
    assert re.search(want, proc.stderr), proc.stderr
    assert "Traceback" not in proc.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as r:
        return str(r.read().decode())


def test_serve_reloads_when_a_bank_changes(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/quiz/translator/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                before = fetch(url)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("mkdocs serve did not start")
                time.sleep(0.3)
        assert "Freshly edited statement" not in before
        # the live-reload script mkdocs serve injects must not be refused by a page CSP
        assert "Content-Security-Policy" not in before
        bank = project / "assessments/translator.yml"
        text = bank.read_text()
        first = re.search(r"^    text: (.+)$", text, re.MULTILINE)
        assert first
        edited = "    text: Freshly edited statement about briefs and prompts."
        bank.write_text(text.replace(first.group(0), edited, 1))
        deadline = time.monotonic() + 60
        while "Freshly edited statement" not in fetch(url):
            if time.monotonic() > deadline:
                pytest.fail("the page did not change after the bank was edited")
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_performance_page_shows_the_latest_benchmark(site_dir: Path) -> None:
    """`make bench` writes its table into the page between markers: page and latest.json agree,
    and the table renders as a table (a separator row), not as raw `|` text."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import page  # noqa: PLC0415 - benchmarks/page.py, no package

    report = json.loads((ROOT / "benchmarks/latest.json").read_text())
    text = (ROOT / "docs/performance.md").read_text()
    assert page.between(text) == page.block(report)
    translated = page.pages()[1:]
    assert translated, "no translated performance page found"
    for other in translated:
        assert page.between(other.read_text()) == page.block(report), f"{other} shows another run"
    areas = {row[0] for row in report["table"]}
    assert page.between(text).count("|---|---|---|---|---|") == len(areas)
    html = (site_dir / "performance/index.html").read_text()
    tables = [t for t in re.findall(r"<table>.*?</table>", html, re.DOTALL) if "Same-run baseline" in t]
    assert len(tables) == len(areas), "the benchmark tables are not rendered as tables"
    assert sum(t.count("<tr>") for t in tables) == len(report["table"]) + len(areas)
    assert "| Measure |" not in html
