"""Roles are data: a copy of the project with a sixth role (its bank, its translation, its module
page) builds, scores on the CLI and in the browser, and shows, with no change to any code."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml
from conftest import Watch
from localsite import Server

from generator.translate import skeleton

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[1]
NEW = "steward"
NAME = "The Steward"
# Thirteen statements with their own words, so none is a near-duplicate of another bank's.
BEHAVIOURS = [
    "name the people an automated decision affects before it ships",
    "budget review hours for every model my unit deploys",
    "publish plain summaries of which datasets feed our tools",
    "invite outside critics to examine sensitive workflows",
    "pause launches when consent records look incomplete",
    "rotate ownership of audits among senior staff",
    "document appeals routes customers can actually use",
    "skip reviews whenever deadlines loom",
    "retire vendors whose terms hide data resale",
    "track complaints tied to algorithmic outcomes monthly",
    "fund training on privacy law for managers",
    "ask procurement for evidence before buying analytics",
    "share incident postmortems with the whole organisation",
]


def write_sixth_role(project: Path) -> None:
    """Add the role the way an author would: settings, bank, translation, module pages."""
    banks = project / "assessments"
    settings = banks / "settings.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("  - creative-catalyst\n", f"  - creative-catalyst\n  - {NEW}\n", 1),
                        encoding="utf-8")
    bank = yaml.safe_load((banks / "translator.yml").read_text(encoding="utf-8"))
    bank["role"] |= {"id": NEW, "name": NAME, "module": f"roles/{NEW}.md"}
    for n, (item, behaviour) in enumerate(zip(bank["items"], BEHAVIOURS, strict=False), start=1):
        item["id"] = f"stew-{n:02d}"
        item["text"] = f"I {behaviour}."
        if "observer" in item:
            item["observer"] = f"They {behaviour}."
    bank["items"] = bank["items"][: len(BEHAVIOURS)]
    for n, sc in enumerate(bank["scenarios"], start=1):
        sc["id"] = f"stew-s{n}"
    for n, ex in enumerate(bank["exercises"], start=1):
        ex["id"] = f"stew-x{n}"
        ex.pop("module", None)
    (banks / f"{NEW}.yml").write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False),
                                      encoding="utf-8")
    # Spanish needs the role too: the English texts stand in until a translator comes.
    from generator.models import RoleBank  # noqa: PLC0415

    translation = skeleton(RoleBank.model_validate(bank))
    (banks / "i18n" / "es" / f"{NEW}.yml").write_text(
        yaml.safe_dump(translation, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    for docs in (project / "docs", project / "docs" / "es"):
        (docs / "roles" / f"{NEW}.md").write_text(f"# {NAME}\n\nLooks after the people AI touches.\n",
                                                  encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the committed project (what `git ls-files` lists) with the sixth role."""
    out = tmp_path_factory.mktemp("sixth") / "project"
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    for rel in files.stdout.splitlines():
        source = ROOT / rel
        if source.is_file():
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, out / rel)
    write_sixth_role(out)
    return out


def generator(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project,
                          capture_output=True, text=True, check=False, timeout=120)


def test_check_counts_six_roles(project: Path) -> None:
    proc = generator(project, "check")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok: 6 roles, 78 statements")


def test_the_cli_scores_the_sixth_role(project: Path, tmp_path: Path) -> None:
    spec = json.loads(generator(project, "--no-docs", "export").stdout)
    assert spec["role_ids"][-1] == NEW
    items = spec["assessments"]["role-profile"]["items"]
    answers = {i: (5 if spec["items"][i]["role"] == NEW and not spec["items"][i]["reverse"] else
                   1 if spec["items"][i]["role"] == NEW else 3) for i in items}
    doc = {"format": spec["result_format"], "assessment": "role-profile", "perspective": "self",
           "bank_version": spec["assessments"]["role-profile"]["bank_version"],
           "taken_at": "2026-11-25T10:00:00Z", "answers": answers}
    path = tmp_path / "result.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    proc = generator(project, "--no-docs", "score", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert [r["role"] for r in result["roles"]][-1] == NEW
    assert result["roles"][-1]["score"] == 100
    assert result["profile"]["lead"] == [NEW]


@pytest.fixture(scope="module")
def built(project: Path) -> Iterator[str]:
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"],
                          cwd=project, capture_output=True, text=True, check=False, timeout=300,
                          env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    server = Server(project / "site")
    yield server.url
    server.close()


@pytest.mark.browser
def test_the_site_shows_and_scores_the_sixth_role(page: Page, built: str) -> None:
    watch = Watch(page, built)
    page.goto(built)
    nav = page.locator("nav.md-nav--primary").inner_text()
    assert nav.count(NAME) == 3  # its module, its exercises and its quiz, each in its section
    page.goto(f"{built}es/quiz/{NEW}/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.goto(f"{built}quiz/role-profile/")
    page.wait_for_selector("[data-hai-quiz][data-hai-ready=yes]")
    for fieldset in page.locator("fieldset[data-kind=likert]").all():
        fieldset.locator("input[value='4']").check()
    page.locator("form[data-hai-form] button[type=submit]").click()
    table = page.locator("[data-hai-results] table").first
    table.wait_for()
    assert NAME in table.inner_text()
    assert len(table.locator("tbody tr").all()) == 6
    watch.check()
