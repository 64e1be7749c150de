"""Report any run of 8 words shared with the source article (the project speaks in its own words).

Usage: python3 scripts/source_overlap.py [FILE_OR_DIR ...]   (default: docs assessments generator)
Exit 1 when a file repeats the article word for word.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "shared" / "source" / "conductors-imperative.txt"
RUN = 8


def grams(text: str) -> set[str]:
    words = re.findall(r"[a-z']+", text.lower())
    return {" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def main(argv: list[str]) -> int:
    if not SOURCE.exists():
        print(f"source article not found at {SOURCE}; nothing to compare")
        return 0
    article = grams(SOURCE.read_text(encoding="utf-8").split("-" * 20)[-1])
    roots = [Path(a) for a in argv] or [Path("docs"), Path("assessments"), Path("generator")]
    files = [f for r in roots for f in ([r] if r.is_file() else sorted(r.rglob("*"))) if f.is_file()]
    bad = 0
    for f in files:
        try:
            shared = grams(f.read_text(encoding="utf-8")) & article
        except (OSError, UnicodeDecodeError):
            continue
        for g in sorted(shared):
            print(f'{f}: "{g}"')
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
