"""For translators: `i18n status` lists what a language lacks; `i18n start` begins a new one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from generator.i18n_tools import start, status

ROOT = Path(__file__).resolve().parents[1]


def test_spanish_is_complete() -> None:
    st = status("es", ROOT / "assessments", ROOT / "docs")
    assert st.missing == []


def test_status_lists_what_is_missing(tmp_path: Path) -> None:
    banks, docs = tmp_path / "assessments", tmp_path / "docs"
    shutil.copytree(ROOT / "assessments", banks)
    shutil.copytree(ROOT / "docs", docs)
    (banks / "i18n" / "es" / "starters.yml").unlink()
    (docs / "es" / "privacy.md").unlink()
    st = status("es", banks, docs)
    assert f"bank file {banks}/i18n/es/starters.yml" in st.missing
    assert "page docs/es/privacy.md" in st.missing


def test_start_writes_a_new_language_with_the_english_in_place(tmp_path: Path) -> None:
    banks, docs, locales = tmp_path / "assessments", tmp_path / "docs", tmp_path / "locales"
    shutil.copytree(ROOT / "assessments", banks)
    shutil.copytree(ROOT / "docs", docs)
    shutil.copytree(ROOT / "generator" / "locales", locales)
    written = start("fr", banks, docs, locales)
    assert (banks / "i18n" / "fr" / "conductor.yml") in written
    assert (locales / "fr" / "site.yml").is_file()
    page = "roles/conductor.md"
    assert (docs / "fr" / page).read_text() == (docs / page).read_text()
    assert not (docs / "fr" / "es").exists()
    st = status("fr", banks, docs)
    assert [m for m in st.missing if not m.startswith("message")] == []
    assert any(s.startswith("bank text conductor.yml: items.cond-01.text") for s in st.same_as_english)


def test_the_cli_says_what_is_missing(tmp_path: Path) -> None:
    banks = tmp_path / "assessments"
    shutil.copytree(ROOT / "assessments", banks)
    (banks / "i18n" / "es" / "settings.yml").unlink()
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "--banks", str(banks), "i18n", "status", "es"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=60,
    )
    assert proc.returncode == 1
    assert f"missing: bank file {banks}/i18n/es/settings.yml" in proc.stdout
