"""The CLI's text output in the language asked for: `--lang es` prints Spanish, English stays English."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.i18n import catalogue

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "generator", "--no-docs", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=120,
    )


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Six synthetic role profiles and a one-role quiz."""
    folder = tmp_path_factory.mktemp("team")
    for args in (("--n", "6"), ("--n", "1", "--assessment", "conductor", "--seed", "7")):
        proc = run("simulate", *args, "--out", str(folder / args[-1]), "--until", "2026-11-24")
        assert proc.returncode == 0, proc.stderr
    return sorted(str(p) for p in folder.rglob("*.json"))


def test_cohort_prints_spanish_headings_with_lang_es(results: list[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{nope", encoding="utf-8")
    proc = run("--lang", "es", "cohort", *results, str(broken))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("# Informe del equipo: 7 personas\n")
    for heading in ("## Media del equipo por rol", "## Quién lidera qué", "## Foco sugerido",
                    "## Archivos rechazados"):
        assert f"\n{heading}\n" in out
    assert "| Persona | Archivo | El Director de orquesta |" in out  # role names from the Spanish banks
    assert "| Rol | Puntuadas | Media | Lo lideran | Emergente | En desarrollo | Sólido |" in out
    assert out.rstrip().endswith(catalogue("es").t("cohort.self_report"))
    # no English heading is left, and means use a decimal comma
    for english in ("Team report", "Who leads what", "Suggested focus", "Rejected files", "Self-report"):
        assert english not in out
    mean_cells = [line.split(" | ")[2] for line in out.splitlines() if line.startswith("| El ")]
    assert mean_cells
    assert all("," in cell for cell in mean_cells if cell != "—")


def test_cohort_stays_english_by_default(results: list[str]) -> None:
    proc = run("cohort", *results)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# Team report: 7 people\n")
    assert "\n## Suggested focus\n" in proc.stdout
    assert "Informe" not in proc.stdout


def test_cli_messages_in_spanish(results: list[str], tmp_path: Path) -> None:
    empty = run("--lang", "es", "cohort", str(tmp_path / "missing.json"))
    assert empty.returncode == 1
    assert empty.stderr.splitlines()[-1] == catalogue("es").t("cli.cohort_none")
    wrote = run("--lang", "es", "simulate", "--n", "2", "--out", str(tmp_path / "s"), "--until", "2026-11-24")
    assert wrote.returncode == 0, wrote.stderr
    assert wrote.stdout.startswith("se escribieron 2 resultados sintéticos de role-profile en ")
    analyzed = run("--lang", "es", "analyze", *results)
    assert analyzed.returncode == 0, analyzed.stderr
    title = catalogue("es").t("analyze.title", count=6)
    assert title == "Estadísticas de afirmaciones y escalas: 6 resultados de perfil de roles"
    assert analyzed.stdout.startswith(f"# {title}\n")
    assert "\n## Escalas\n" in analyzed.stdout
