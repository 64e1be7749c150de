"""The browser half of the benchmark: page weight and in-page timings in Debian's Chromium.

Chromium is launched as the tests launch it (tests/conftest.py): Debian's /usr/bin/chromium
through Playwright, with no background traffic. Each measurement uses a fresh browser context,
so nothing is cached between runs and every run starts with empty storage.
"""

from __future__ import annotations

import gzip
import re
import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from localsite import CHROMIUM, LAUNCH_ARGS  # tests/localsite.py, as the tests use it

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Browser, Page, Response

PROJECT_ASSETS = "/assets/assessments/"
MATERIAL_ASSETS = ("/assets/javascripts/", "/assets/stylesheets/")


def gz(data: bytes) -> int:
    """Bytes of `data` after gzip -6, as a static host would serve it."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))




class Chromium:
    """One headless Chromium for the whole benchmark."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415

        self._pw = sync_playwright().start()
        self.browser: Browser = self._pw.chromium.launch(
            executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True
        )
        self.version = self.browser.version

    def fresh(self) -> tuple[Any, Page]:
        """A new context (empty cache and storage) and a page in it."""
        context = self.browser.new_context()
        return context, context.new_page()

    def close(self) -> None:
        self.browser.close()
        self._pw.stop()


# ---- recording what a page loads --------------------------------------------------------------


@dataclass
class Loaded:
    """One response: its path and body."""

    path: str
    body: bytes
    content_type: str

    @property
    def raw(self) -> int:
        return len(self.body)

    @property
    def gzip(self) -> int:
        return gz(self.body)


@dataclass
class Recorder:
    """Every successful response a page receives, in order, with its body."""

    page: Page
    responses: list[Response] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("response", self._seen)

    def _seen(self, response: Response) -> None:
        self.responses.append(response)

    def take(self, start: int = 0) -> list[Loaded]:
        out = []
        for r in self.responses[start:]:
            if r.status != 200 or r.request.method != "GET":
                continue
            try:
                body = r.body()
            except Exception:  # a body Chromium no longer holds: leave it out
                continue
            out.append(Loaded(urlsplit(r.url).path, body, r.headers.get("content-type", "")))
        return out


def summarize(files: list[Loaded], keep: Callable[[str], bool]) -> dict[str, Any]:
    """Raw and gzip bytes of the files whose path passes `keep`, each file once."""
    seen: dict[str, Loaded] = {}
    for f in files:
        if keep(f.path):
            seen.setdefault(f.path, f)
    listed = [{"path": p, "raw": f.raw, "gzip": f.gzip} for p, f in sorted(seen.items())]
    return {
        "files": len(listed),
        "raw": sum(f["raw"] for f in listed),
        "gzip": sum(f["gzip"] for f in listed),
        "list": listed,
    }


def is_project(path: str) -> bool:
    return PROJECT_ASSETS in path


def is_material(path: str) -> bool:
    return any(m in path for m in MATERIAL_ASSETS) and path.endswith((".js", ".css"))


def answer_all(page: Page) -> int:
    """Answer every question of the project's quiz page, as a person would (clicks)."""
    fieldsets = page.query_selector_all("fieldset[data-item]")
    for i, fs in enumerate(fieldsets):
        radios = fs.query_selector_all("input[type=radio]")
        radios[(i * 7 + 3) % len(radios)].check()
    return len(fieldsets)


QUIZ_READY = "[data-hai-quiz][data-hai-ready='yes']"
RESULTS_SHOWN = "[data-hai-results]:not([hidden])"
SUBMIT = "[data-hai-form] button[type=submit]"


def project_quiz_weight(chromium: Chromium, base: str) -> dict[str, Any]:
    """What the project adds to /quiz/role-profile/: at load, and over the whole flow."""
    context, page = chromium.fresh()
    rec = Recorder(page)
    page.goto(base + "quiz/role-profile/")
    page.wait_for_selector(QUIZ_READY, state="attached")
    page.wait_for_load_state("networkidle")
    at_load = rec.take()
    mark = len(rec.responses)
    questions = answer_all(page)
    page.wait_for_load_state("networkidle")
    page.click(SUBMIT)
    page.wait_for_selector(RESULTS_SHOWN)
    page.wait_for_load_state("networkidle")
    whole = at_load + rec.take(mark)
    document = next(f for f in at_load if f.path.endswith("/quiz/role-profile/"))
    out = {
        "questions": questions,
        "load": summarize(at_load, is_project),
        "flow": summarize(whole, is_project),
        # the flow split: code (scripts and styles) and content (spec and report texts, JSON)
        "flow_code": summarize(whole, lambda p: is_project(p) and p.endswith((".mjs", ".css"))),
        "flow_content": summarize(whole, lambda p: is_project(p) and p.endswith(".json")),
        "material": summarize(at_load, is_material),
        "document": {"raw": document.raw, "gzip": document.gzip},
        "other_requests": sorted({f.path for f in whole if not (is_project(f.path) or is_material(f.path))}),
    }
    context.close()
    return out


# ---- mkdocs-quiz: what its quiz page adds to a plain Material page ----------------------------

INLINE = re.compile(
    r"<(?P<tag>script|style)(?P<attrs>[^>]*)>(?P<body>.*?)</(?P=tag)>", re.DOTALL | re.IGNORECASE
)


def inline_blocks(html: str) -> list[str]:
    """The contents of every inline <script> (without src) and <style> of a page."""
    return [m.group(0) for m in INLINE.finditer(html)
            if "src=" not in m.group("attrs").lower() and m.group("body").strip()]


def _load(chromium: Chromium, url: str, then: Callable[[Page], Any] | None = None
          ) -> tuple[list[Loaded], list[Loaded], Any]:
    context, page = chromium.fresh()
    rec = Recorder(page)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    at_load = rec.take()
    mark = len(rec.responses)
    extra = then(page) if then else None
    page.wait_for_load_state("networkidle")
    after = rec.take(mark)
    context.close()
    return at_load, after, extra


def _answer_mkdocs_quiz(page: Page) -> int:
    quizzes = page.query_selector_all(".quiz")
    for q in quizzes:
        radios = q.query_selector_all("input[type=radio], input[type=checkbox]")
        if radios:
            radios[0].check()
    return len(quizzes)


def mkdocs_quiz_weight(chromium: Chromium, base: str, plain_base: str) -> dict[str, Any]:
    """Files and inline <script>/<style> bytes its quiz page has beyond a plain Material page
    (the same site's first page, built without the plugin)."""
    plain, _, _ = _load(chromium, plain_base)
    quiz, after, answered = _load(chromium, base + "quiz/", _answer_mkdocs_quiz)
    plain_doc = next(f for f in plain if f.path == "/")
    quiz_doc = next(f for f in quiz if f.path == "/quiz/")
    plain_paths = {f.path for f in plain}
    added_files = [f for f in quiz + after if f.path not in plain_paths and f is not quiz_doc]
    plain_inline = set(inline_blocks(plain_doc.body.decode()))
    added_inline = [b for b in inline_blocks(quiz_doc.body.decode()) if b not in plain_inline]
    inline_raw = sum(len(b.encode()) for b in added_inline)
    inline_gzip = sum(gz(b.encode()) for b in added_inline)
    files = summarize(added_files, lambda _p: True)
    load_files = summarize([f for f in quiz if f.path not in plain_paths and f is not quiz_doc],
                           lambda _p: True)
    return {
        "questions_answered": answered,
        "inline": {"blocks": len(added_inline), "raw": inline_raw, "gzip": inline_gzip},
        "files_load": load_files,
        "files_flow": files,
        "load": {"raw": inline_raw + load_files["raw"], "gzip": inline_gzip + load_files["gzip"]},
        "flow": {"raw": inline_raw + files["raw"], "gzip": inline_gzip + files["gzip"]},
        "material": summarize(quiz, is_material),
        "document": {"raw": quiz_doc.raw, "gzip": quiz_doc.gzip},
        "plain_document": {"raw": plain_doc.raw, "gzip": plain_doc.gzip},
    }


# ---- in-page timings --------------------------------------------------------------------------

# t0: a capture-phase listener on the trigger; t1: one frame after the target shows, then a task
# (requestAnimationFrame -> setTimeout), so the time includes style, layout and paint.
ARM_CLICK = """([trigger, target]) => {
  const button = document.querySelector(trigger);
  const shown = document.querySelector(target);
  const bench = (window.__bench = {});
  document.addEventListener("click", (e) => {
    if (button.contains(e.target) && bench.t0 === undefined) bench.t0 = performance.now();
  }, { capture: true });
  bench.done = new Promise((resolve) => {
    const obs = new MutationObserver(() => {
      if (shown.hidden) return;
      obs.disconnect();
      requestAnimationFrame(() => setTimeout(() => { bench.t1 = performance.now(); resolve(); }, 0));
    });
    obs.observe(shown, { attributes: true, attributeFilter: ["hidden"] });
  });
}"""

# The same measurement around a click that only un-hides an empty element: the cost of the
# measurement itself (one frame), the floor under any "click to painted" time on this machine.
ARM_NOOP = """() => {
  const button = document.createElement("button");
  button.type = "button";
  button.id = "bench-noop";
  button.textContent = "no-op";
  const shown = document.createElement("p");
  shown.id = "bench-shown";
  shown.hidden = true;
  shown.textContent = "shown";
  document.querySelector("[data-hai-quiz]").before(button, shown);
  button.addEventListener("click", () => { shown.hidden = false; });
}"""

RESULT = "window.__bench.done.then(() => window.__bench.t1 - window.__bench.t0)"


def results_paint(chromium: Chromium, base: str, runs: int) -> dict[str, Any]:
    """ms from clicking "See my profile" to the results painted, and the no-op baseline."""
    times, floor = [], []
    for _ in range(runs):
        context, page = chromium.fresh()
        page.goto(base + "quiz/role-profile/")
        page.wait_for_selector(QUIZ_READY, state="attached")
        answer_all(page)
        page.wait_for_load_state("networkidle")  # the results view is warmed while answering
        page.evaluate(ARM_NOOP)
        page.evaluate(ARM_CLICK, ["#bench-noop", "#bench-shown"])
        page.click("#bench-noop")
        floor.append(page.evaluate(RESULT))
        page.evaluate(ARM_CLICK, [SUBMIT, "[data-hai-results]"])
        page.click(SUBMIT)
        times.append(page.evaluate(RESULT))
        context.close()
    return {"runs_ms": times, "median_ms": statistics.median(times),
            "baseline_runs_ms": floor, "baseline_median_ms": statistics.median(floor)}


TEAM_READY = "[data-hai-team][data-hai-ready='yes']"
TEAM_INPUT = "[data-hai-team] input[type=file]"

# t0 at the input's change event (capture phase, before the page's own listener); t1 one frame
# after the status line says "Read N files" (team.mjs writes it after rendering the report).
ARM_TEAM = """([input, status, report]) => {
  const el = document.querySelector(input);
  const line = document.querySelector(status);
  const view = document.querySelector(report);
  const bench = (window.__bench = {});
  document.addEventListener("change", (e) => {
    if (e.target === el && bench.t0 === undefined) bench.t0 = performance.now();
  }, { capture: true });
  bench.done = new Promise((resolve) => {
    const obs = new MutationObserver(() => {
      if (!line.textContent.startsWith("Read ") || view.hidden) return;
      obs.disconnect();
      bench.status = line.textContent;
      bench.rows = view.querySelectorAll("[data-slot=people] tr").length;
      requestAnimationFrame(() => setTimeout(() => { bench.t1 = performance.now(); resolve(); }, 0));
    });
    obs.observe(line, { childList: true, characterData: true, subtree: true });
  });
}"""

# The baseline: a bare <input type=file multiple> of our own that only reads every file as text
# and parses it as JSON, then shows a count: the floor for "take in N files" in this browser.
ARM_READ_ONLY = """() => {
  const el = document.createElement("input");
  el.type = "file";
  el.multiple = true;
  el.id = "bench-files";
  const out = document.createElement("p");
  out.id = "bench-count";
  document.body.append(el, out);
  const bench = (window.__bench = {});
  el.addEventListener("change", () => { bench.t0 = performance.now(); }, { capture: true });
  bench.done = new Promise((resolve) => {
    el.addEventListener("change", async () => {
      const texts = await Promise.all([...el.files].map((f) => f.text()));
      const docs = texts.map((t) => JSON.parse(t));
      out.textContent = `${docs.length} files`;
      requestAnimationFrame(() => setTimeout(() => { bench.t1 = performance.now(); resolve(); }, 0));
    });
  });
}"""


def team_view(chromium: Chromium, base: str, files: list[str], runs: int) -> dict[str, Any]:
    """ms from the input's change event to the team report painted, and the read-only floor."""
    times, floor, rows, status = [], [], [], ""
    for _ in range(runs):
        context, page = chromium.fresh()
        page.goto(base + "coach/team/")
        page.wait_for_selector(TEAM_READY, state="attached")
        page.evaluate(ARM_READ_ONLY)
        page.set_input_files("#bench-files", files)
        floor.append(page.evaluate(RESULT))
        page.evaluate(ARM_TEAM, [TEAM_INPUT, "[data-hai-team-status]", "[data-hai-report]"])
        page.set_input_files(TEAM_INPUT, files)
        times.append(page.evaluate(RESULT))
        rows.append(page.evaluate("window.__bench.rows"))
        status = page.evaluate("window.__bench.status")
        context.close()
    return {"files": len(files), "runs_ms": times, "median_ms": statistics.median(times),
            "baseline_runs_ms": floor, "baseline_median_ms": statistics.median(floor),
            "rows": rows[-1], "status": status}
