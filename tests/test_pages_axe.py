"""Every hand-written page, in both languages, on a phone and a laptop: axe finds nothing.

The generated pages (quizzes, results, coach tools, observers) have axe tests of their own,
after their flows; this covers the curriculum, where wide tables once scrolled out of keyboard
reach on a 360 px screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import axe_violations

from generator.render import page_url

if TYPE_CHECKING:
    from conftest import Watch
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(
    str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")
    if p.relative_to(DOCS).parts[0] != "es"
)


@pytest.mark.browser
# Both languages on a phone, where wide tables and long words break layouts; English on a laptop
# (the Spanish pages share their layout, and the other Spanish tests run axe at 1280 px).
@pytest.mark.parametrize(("lang", "width"), [("", 360), ("es/", 360), ("", 1280)])
def test_every_page_passes_axe(page: Page, site: str, watch: Watch, width: int, lang: str) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    found = {}
    for src in PAGES:
        page.goto(f"{site}{lang}{page_url(src)}")
        violations = axe_violations(page)
        if violations:
            found[src] = violations
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{lang}{src} is {overflow} px too wide at {width} px"
    assert found == {}
