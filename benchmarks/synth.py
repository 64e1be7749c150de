"""Synthetic inputs for the benchmark: scaled copies of the banks, and the same quiz for mkdocs-quiz.

Nothing here writes outside the folder it is given (benchmarks/.work/ in practice).
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import yaml

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/bank.schema.json\n"
ROLE_FILES = ("conductor", "domain-expert", "translator", "system-monitor", "creative-catalyst")
MAX_TEXT = 200  # models.LikertItem.text


def _tag(k: int) -> str:
    """Copy number k in letters (2 -> "c", 27 -> "bb"): the loader reads words as letters only."""
    out = ""
    while True:
        k, r = divmod(k, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[r] + out
        if k == 0:
            return out


def _unique_text(text: str, k: int) -> str:
    """The statement with every word marked by its copy number, so no two copies share a word
    (the loader refuses statements with most of their words in common), within the 200-character
    limit."""
    tag = _tag(k)
    words = [w + tag if w[-1:].isalpha() else w[:-1] + tag + w[-1] for w in text.split()]
    out = ""
    for w in words:
        if len(out) + len(w) + 1 > MAX_TEXT:
            break
        out = f"{out} {w}" if out else w
    return out


def scale_bank(bank: dict[str, Any], factor: int) -> dict[str, Any]:
    """A role bank with `factor` times its statements and exercises (scenarios as they are).

    Copies keep the originals' texts, keys and flags (so the role profile grows too, and the
    reverse-keyed share and every band's coverage stay as they were); ids and statement texts
    get a copy number so the cross-file checks still pass.
    """
    out = copy.deepcopy(bank)
    for k in range(2, factor + 1):
        for item in bank["items"]:
            c = copy.deepcopy(item)
            c["id"] = f"{item['id']}-c{k}"
            c["text"] = _unique_text(item["text"], k)
            out["items"].append(c)
        for ex in bank["exercises"]:
            c = copy.deepcopy(ex)
            c["id"] = f"{ex['id']}-c{k}"
            out["exercises"].append(c)
    return out


def write_scaled_banks(src: Path, dest: Path, factor: int) -> dict[str, int]:
    """Write `factor`x copies of every role bank in `src` to `dest` (replaced); settings and
    starters are copied as they are.

    Returns:
        Counts: statements, exercises, scenarios, and the largest file in bytes.
    """
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    counts = {"items": 0, "exercises": 0, "scenarios": 0, "largest_file_bytes": 0}
    for name in ("settings.yml", "starters.yml"):
        shutil.copy(src / name, dest / name)
    starters = yaml.safe_load((src / "starters.yml").read_text(encoding="utf-8"))
    counts["exercises"] += len(starters["exercises"])
    for role in ROLE_FILES:
        bank = yaml.safe_load((src / f"{role}.yml").read_text(encoding="utf-8"))
        scaled = scale_bank(bank, factor)
        # Every copy is a distinct object, so safe_dump writes no anchors (which banks refuse).
        text = SCHEMA_LINE + yaml.safe_dump(scaled, sort_keys=False, allow_unicode=True, width=100)
        path = dest / f"{role}.yml"
        path.write_text(text, encoding="utf-8")
        counts["items"] += len(scaled["items"])
        counts["exercises"] += len(scaled["exercises"])
        counts["scenarios"] += len(scaled.get("scenarios", []))
        counts["largest_file_bytes"] = max(counts["largest_file_bytes"], path.stat().st_size)
    return counts


# ---- the same quiz, for the mkdocs-quiz plugin ------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def mkdocs_quiz_markdown(
    spec: dict[str, Any], assessment: str = "role-profile"
) -> tuple[str, int, list[int]]:
    """The role profile written in mkdocs-quiz's syntax: the same statements and scenarios, the
    same number of options each (its syntax needs one option marked `[x]`; a self-assessment
    has no right answer, so the marked one is arbitrary and only there to make it parse).

    Returns:
        The Markdown page, the number of questions, and the number of options of each.
    """
    a = spec["assessments"][assessment]
    labels = spec["scale"]["labels"]
    blocks = ["# Role profile (mkdocs-quiz)", "", "<!-- mkdocs-quiz intro -->", ""]
    options_per_question = []
    for item_id in a["items"]:
        item = spec["items"][item_id]
        blocks += ["<quiz>", _one_line(item["text"])]
        blocks += [f"- [{'x' if i == 3 else ' '}] {label}" for i, label in enumerate(labels)]
        blocks += ["</quiz>", ""]
        options_per_question.append(len(labels))
    for sc_id in a["scenarios"]:
        sc = spec["scenarios"][sc_id]
        best = max(sc["options"], key=lambda o: o["rating"])
        blocks += ["<quiz>", _one_line(sc["situation"])]
        blocks += [f"- [{'x' if o is best else ' '}] {_one_line(o['text'])}" for o in sc["options"]]
        blocks += ["", _one_line(best["feedback"]), "</quiz>", ""]
        options_per_question.append(len(sc["options"]))
    blocks += ["<!-- mkdocs-quiz results -->", ""]
    return "\n".join(blocks), len(options_per_question), options_per_question


PLAIN_PAGE = """# A plain page

This page has no quiz. It is the baseline: what Material itself loads on a page of this site.
"""


def write_mkdocs_quiz_site(spec: dict[str, Any], root: Path) -> dict[str, Any]:
    """A two-page Material site (a plain page and the quiz) using the mkdocs-quiz plugin."""
    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    docs.mkdir(parents=True)
    text, questions, options = mkdocs_quiz_markdown(spec)
    (docs / "index.md").write_text(PLAIN_PAGE, encoding="utf-8")
    (docs / "quiz.md").write_text(text, encoding="utf-8")
    config = {
        "site_name": "mkdocs-quiz comparison",
        "site_url": "http://127.0.0.1:8000/",
        "theme": {"name": "material", "font": False, "language": "en",
                  "features": ["navigation.instant"]},
        "plugins": ["search", "mkdocs_quiz"],
        "nav": [{"Home": "index.md"}, {"Quiz": "quiz.md"}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    # The baseline: the same pages without the plugin (it adds its CSS and JS to every page of
    # a site that uses it, so a page of its own site is not a plain Material page).
    plain = {**config, "plugins": ["search"]}
    (root / "mkdocs-plain.yml").write_text(yaml.safe_dump(plain, sort_keys=False), encoding="utf-8")
    return {"questions": questions, "options": options}
