"""The benchmark's table in docs/performance.md and its translations (docs/<lang>/performance.md),
between two markers, so every language's page shows exactly what benchmarks/latest.json holds
(`make bench` writes them all; a test checks they agree). The table stays in English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

START = "<!-- bench:table -->"
END = "<!-- /bench:table -->"
DOCS = Path(__file__).resolve().parents[1] / "docs"
PAGE = DOCS / "performance.md"
HEAD = ["Measure", "Value", "Same-run baseline", "Ratio", "Budget: result"]
"""The page's columns: one table per area, budget and result in one cell, so the tables fit the
page's width without scrolling."""


def markdown(rows: list[list[str]]) -> str:
    """Rows of [area, measure, value, baseline, ratio, budget, result] as Markdown: one table per
    area (with its separator row) under the area's name."""
    out: list[str] = []
    for area in dict.fromkeys(r[0] for r in rows):
        if out:
            out.append("")
        out += [f"**{area}**", "", "| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
        for _, measure, value, baseline, ratio, budget, result in (r for r in rows if r[0] == area):
            verdict = result if budget == "—" else f"{budget}: {result}"
            cells = [measure, value, baseline, ratio, verdict]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(out)


def block(report: dict[str, Any]) -> str:
    """What goes between the markers: the run, its machine, and the table."""
    m = report["machine"]
    met = sum(b["pass"] for b in report["budgets"])
    return "\n".join([
        f"The run of {report['date'].replace('T', ' at ')[:19]} UTC ({report['duration_s']:.0f} s), "
        f"on {m['cpu']} with {m['cores']} cores; Python {m['python']}, Chromium {m['chromium']}, "
        f"MkDocs {m['mkdocs']}, Material {m['mkdocs_material']}, Zensical {m.get('zensical', '—')}, "
        f"mkdocs-quiz {m['mkdocs_quiz']}; load average {m['load_average_at_start'][0]} at the start, "
        f"{m['load_average_at_end'][0]} at the end. Budgets met: {met} of {len(report['budgets'])}.",
        "",
        markdown(report["table"]),
    ])


def between(text: str) -> str:
    """The text between the markers of a page (ValueError if they are missing)."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the page has no {START} ... {END} markers")
    return text[start + len(START):end].strip("\n")


def pages(docs: Path = DOCS) -> list[Path]:
    """The performance page of every language: the default one and each docs/<lang>/ copy."""
    return [docs / "performance.md", *sorted(docs.glob("*/performance.md"))]


def update(report: dict[str, Any], page: Path = PAGE) -> None:
    """Write the report's block between the page's markers."""
    text = page.read_text(encoding="utf-8")
    between(text)  # the markers are there
    start, end = text.find(START) + len(START), text.find(END)
    page.write_text(text[:start] + "\n" + block(report) + "\n" + text[end:], encoding="utf-8")
