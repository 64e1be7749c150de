#!/usr/bin/env python3
"""The performance benchmark: `make bench` (or `.venv/bin/python benchmarks/bench.py`).

Every speed figure is a ratio against a baseline measured in the same run, or a size in bytes;
timings are medians of several runs. Prints a Markdown table, writes benchmarks/latest.json,
and writes the table into docs/performance.md between its `<!-- bench:table -->` markers.

1. Build: `mkdocs build` with the plugin vs a plain Material build of the same pages written
   beforehand by `python -m generator build OUT`, and `zensical build` of those same pages
   (each a new process); `make build-zensical` end to end; the plugin's own work at 1x, 10x,
   100x banks.
2. Page weight: bytes the project adds to /quiz/role-profile/ (at load, and over the whole
   flow to the results) in the MkDocs and the Zensical builds, next to Material's own bundle
   and to the same quiz in mkdocs-quiz.
3. Browser: "See my profile" to results painted; the team view taking in 200 and 1,000 files.
4. Python: results parsed and scored per second, cohort and analyze, against json.loads.

Scratch files (venvs, builds, synthetic inputs) go to benchmarks/.work/ (git-ignored). The first
run creates benchmarks/.work/venv-quiz with mkdocs-material and mkdocs-quiz from PyPI; later
runs reuse it. The project's .venv is never changed.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # localsite: the server and Chromium the tests use

import browser  # noqa: E402 - benchmarks/ is not a package
import page  # noqa: E402
import synth  # noqa: E402
from localsite import Server  # noqa: E402

from generator import loader  # noqa: E402
from generator.analyze import analyze, analyze_report  # noqa: E402
from generator.cohort import cohort_report  # noqa: E402
from generator.compile import compile_spec  # noqa: E402
from generator.perf import paused_gc  # noqa: E402
from generator.render import assets, pages  # noqa: E402
from generator.results import parse_result  # noqa: E402
from generator.scoring import score  # noqa: E402
from generator.simulate import simulate  # noqa: E402
from generator.zensical import prepare  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable

PY = sys.executable
QUIZ_VENV = WORK / "venv-quiz"
MKDOCS_QUIZ = "mkdocs-quiz==1.7.1"
"""The comparison plugin, pinned so runs compare like with like; Material is pinned to the
version in the project's .venv, so both sites ship the same Material bundle."""
UNTIL = date(2026, 11, 1)  # synthetic results are dated before this day: same files every run
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

BUDGETS = {
    "build_overhead": 1.25,      # plugin build / plain build (subprocess `mkdocs build`)
    "added_gzip_bytes": 15_000,  # 15 KB (1 KB = 1,000 bytes), gzip -6, per file, summed
    "added_gzip_load_bytes": 7_500,  # at quiz load: half of what mkdocs-quiz adds
    "vs_mkdocs_quiz": 0.5,       # at most half of what mkdocs-quiz adds (gzip)
    "results_paint_ms": 50,
    "team_1000_ms": 2000,
    "scorer_per_s": 20_000,
}

T0 = time.perf_counter()


def log(msg: str) -> None:
    print(f"[{time.perf_counter() - T0:6.1f}s] {msg}", file=sys.stderr, flush=True)


def median_time(fn: Callable[[], Any], runs: int, warmup: int = 1) -> tuple[float, list[float]]:
    """Median wall time of `fn` in seconds over `runs` runs, after `warmup` untimed ones."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times


def run(cmd: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=kw.pop("cwd", ROOT), env=ENV, capture_output=True, text=True,
                          check=False, **kw)
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return proc


# ---- the machine -------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "os": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "mkdocs": metadata.version("mkdocs"),
        "mkdocs_material": metadata.version("mkdocs-material"),
        "zensical": metadata.version("zensical"),
        "rjsmin": metadata.version("rjsmin"),
        "rcssmin": metadata.version("rcssmin"),
    }


def quiz_venv() -> str:
    """benchmarks/.work/venv-quiz with Material (the project's version) and mkdocs-quiz."""
    wanted = f"mkdocs-material=={metadata.version('mkdocs-material')}\n{MKDOCS_QUIZ}\n"
    stamp = QUIZ_VENV / ".bench-requirements"
    python = QUIZ_VENV / "bin" / "python"
    if not (python.exists() and stamp.exists() and stamp.read_text() == wanted):
        log(f"setting up {QUIZ_VENV.relative_to(ROOT)} ({' '.join(wanted.split())}) from PyPI")
        if not python.exists():
            run([PY, "-m", "venv", "--clear", str(QUIZ_VENV)])
        run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             *wanted.split()])
        stamp.write_text(wanted)
    return run([str(python), "-c", "import importlib.metadata as m; print(m.version('mkdocs-quiz'))"]
               ).stdout.strip()


# ---- 1. build --------------------------------------------------------------------------------


ZENSICAL = WORK / "zensical"
"""The pre-generated pages and a configuration per language (generator.zensical.prepare): what
`make build-zensical` builds, and what the plain Material baseline builds too."""


def bench_build(runs: int) -> dict[str, Any]:
    # One configuration per language, the default's first; each builds into site/ or site/<lang>/.
    configs = prepare(ROOT, ZENSICAL)
    plain_site, plugin_cfg = WORK / "site-plain", ROOT / "mkdocs.yml"
    sites = {"plain": plain_site, "plugin": WORK / "site-plugin"}

    def plain_dir(config: Path) -> Path:
        """Where plain Material writes a language's site: as Zensical would, under site-plain."""
        lang = config.stem.removeprefix("mkdocs-")
        return plain_site if config == configs[0] else plain_site / lang

    def cli(kind: str) -> float:
        t = time.perf_counter()
        if kind == "zensical":  # --clean: no cache from the run before, as MkDocs has none
            for config in configs:
                run([PY, "-m", "zensical", "build", "--clean", "-f", str(config)], cwd=ZENSICAL)
        elif kind == "plain":  # the same pages, every language, without the plugin
            for config in configs:
                run([PY, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(plain_dir(config))])
        else:
            run([PY, "-m", "mkdocs", "build", "-q", "-f", str(plugin_cfg), "-d", str(sites["plugin"])])
        return time.perf_counter() - t

    from mkdocs.commands.build import build  # noqa: PLC0415
    from mkdocs.config import load_config  # noqa: PLC0415

    logging.getLogger("mkdocs").setLevel(logging.ERROR)

    def inproc(kind: str) -> float:
        t = time.perf_counter()
        if kind == "plain":
            for config in configs:
                build(load_config(config_file=str(config), site_dir=str(plain_dir(config))))
        else:
            build(load_config(config_file=str(plugin_cfg), site_dir=str(sites["plugin"])))
        return time.perf_counter() - t

    out: dict[str, Any] = {}
    for mode, fn, kinds in (("subprocess", cli, ("plain", "plugin", "zensical")),
                            ("in_process", inproc, ("plain", "plugin"))):
        for kind in kinds:
            fn(kind)  # warm the file cache and the bytecode
        times: dict[str, list[float]] = {k: [] for k in kinds}
        for _ in range(runs):  # alternate, so a noisy moment hits every side alike
            for kind in kinds:
                gc.collect()
                times[kind].append(fn(kind))
        med = {k: statistics.median(v) for k, v in times.items()}
        out[mode] = {
            "plain_s": med["plain"], "plugin_s": med["plugin"], "ratio": med["plugin"] / med["plain"],
            "runs_s": times,
        }
        if "zensical" in med:
            out[mode] |= {"zensical_s": med["zensical"], "zensical_ratio": med["zensical"] / med["plain"]}
        log(f"build ({mode}): " + ", ".join(f"{k} {v:.2f}s" for k, v in med.items()))
    out["pages"] = sum(1 for _ in sites["plugin"].rglob("index.html"))
    out["zensical_pages"] = sum(1 for _ in (ZENSICAL / "site").rglob("index.html"))

    # `make build-zensical` as a whole: generate pages and config, zensical build, policy.
    site = WORK / "site-zensical"
    whole = []
    for _ in range(max(3, runs // 2)):
        t = time.perf_counter()
        run([PY, "-m", "generator.zensical", str(site), "--work", str(WORK / "zensical-whole")])
        whole.append(time.perf_counter() - t)
    out["zensical_whole_s"] = statistics.median(whole)
    out["zensical_whole_runs_s"] = whole
    log(f"make build-zensical end to end: {out['zensical_whole_s']:.2f}s")
    return out


def bench_plugin_scaling() -> dict[str, Any]:
    """load_content + compile_spec + pages + assets, in-process, with banks 1x, 10x, 100x,
    with the garbage collector paused as the plugin pauses it."""
    runs = {1: 7, 10: 5, 100: 3}
    cap = loader.MAX_BYTES
    out: dict[str, Any] = {"factors": {}}
    for factor, n in runs.items():
        banks = WORK / f"banks-{factor}x"
        counts = synth.write_scaled_banks(ROOT / "assessments", banks, factor)
        lifted = counts["largest_file_bytes"] > cap
        # A 100x bank file is larger than the loader's per-file cap (a guard against runaway
        # files); lift the cap for this measurement only, so every other check still runs.
        loader.MAX_BYTES = max(cap, counts["largest_file_bytes"]) if lifted else cap
        stages: dict[str, list[float]] = {"load": [], "compile": [], "pages": [], "assets": []}
        try:
            loader.load_content(banks, None)  # warm: templates, validators; proves it validates
            for _ in range(n):
                gc.collect()
                with paused_gc():  # as the plugin runs them
                    t0 = time.perf_counter()
                    content = loader.load_content(banks, None)
                    t1 = time.perf_counter()
                    spec = compile_spec(content)
                    t2 = time.perf_counter()
                    pages(spec)
                    t3 = time.perf_counter()
                    assets(spec)
                    t4 = time.perf_counter()
                for k, v in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
                    stages[k].append(v)
        finally:
            loader.MAX_BYTES = cap
        totals = [sum(s) for s in zip(*stages.values(), strict=True)]
        entries = counts["items"] + counts["exercises"]
        med = statistics.median(totals)
        out["factors"][str(factor)] = {
            **counts, "entries": entries, "runs": n, "size_cap_lifted": lifted,
            "total_s": med, "stages_s": {k: statistics.median(v) for k, v in stages.items()},
            "per_entry_ms": 1000 * med / entries,
        }
        log(f"plugin work at {factor}x: {med:.3f}s for {entries} statements+exercises")
    f1, f10, f100 = (out["factors"][k] for k in ("1", "10", "100"))
    out["ratio_100x_1x"] = f100["total_s"] / f1["total_s"]
    out["size_ratio_100x_1x"] = f100["entries"] / f1["entries"]
    for key, lo, hi in (("1x_10x", f1, f10), ("10x_100x", f10, f100)):
        out[f"marginal_ms_per_entry_{key}"] = (
            1000 * (hi["total_s"] - lo["total_s"]) / (hi["entries"] - lo["entries"])
        )
    return out


# ---- 2 and 3. the browser --------------------------------------------------------------------


def build_mkdocs_quiz_site(spec: dict[str, Any]) -> tuple[Path, Path, dict[str, Any]]:
    root = WORK / "quiz-site"
    shape = synth.write_mkdocs_quiz_site(spec, root)
    mkdocs = str(QUIZ_VENV / "bin" / "mkdocs")
    run([mkdocs, "build", "-q", "-f", "mkdocs.yml", "-d", "site"], cwd=root)
    run([mkdocs, "build", "-q", "-f", "mkdocs-plain.yml", "-d", "site-plain"], cwd=root)
    return root / "site", root / "site-plain", shape


def unminified(weight: dict[str, Any]) -> dict[str, int]:
    """What the same files would weigh served as the readable sources (the JSON is unchanged)."""
    raw = gz_total = 0
    for f in weight["list"]:
        source = ROOT / "generator" / "static" / Path(f["path"]).name
        if source.suffix in (".mjs", ".css") and source.is_file():
            data = source.read_bytes()
            raw, gz_total = raw + len(data), gz_total + browser.gz(data)
        else:
            raw, gz_total = raw + f["raw"], gz_total + f["gzip"]
    return {"raw": raw, "gzip": gz_total}


def bench_browser(spec: dict[str, Any], site: Path, zensical_site: Path, paint_runs: int,
                  team_runs: int) -> dict[str, Any]:
    quiz_site, quiz_plain, shape = build_mkdocs_quiz_site(spec)
    result_sets = {}
    for n, seed in ((200, 2), (1000, 1)):
        folder = WORK / f"results-{n}"
        if folder.exists():
            shutil.rmtree(folder)
        run([PY, "-m", "generator", "simulate", "--n", str(n), "--seed", str(seed),
             "--until", UNTIL.isoformat(), "--out", str(folder)])
        result_sets[n] = sorted(str(p) for p in folder.glob("synthetic-*.json"))
    servers = [Server(p) for p in (site, quiz_site, quiz_plain, zensical_site)]
    chromium = browser.Chromium()
    try:
        ours = browser.project_quiz_weight(chromium, servers[0].url)
        zens = browser.project_quiz_weight(chromium, servers[3].url)
        for w in (ours, zens):
            w["unminified"] = {"load": unminified(w["load"]), "flow": unminified(w["flow"])}
        theirs = browser.mkdocs_quiz_weight(chromium, servers[1].url, servers[2].url)
        theirs["shape"] = shape
        log(f"page weight: project adds {ours['load']['gzip']} B gzip at load, {ours['flow']['gzip']} B "
            f"over the flow (Zensical build: {zens['load']['gzip']} B, {zens['flow']['gzip']} B); "
            f"mkdocs-quiz adds {theirs['flow']['gzip']} B")
        paint = browser.results_paint(chromium, servers[0].url, paint_runs)
        log(f"results painted: median {paint['median_ms']:.1f} ms "
            f"(no-op click {paint['baseline_median_ms']:.1f} ms)")
        team = {}
        for n, files in result_sets.items():
            team[str(n)] = browser.team_view(chromium, servers[0].url, files, team_runs)
            log(f"team view, {n} files: median {team[str(n)]['median_ms']:.0f} ms "
                f"(read+parse only {team[str(n)]['baseline_median_ms']:.0f} ms)")
        version = chromium.version
    finally:
        chromium.close()
        for s in servers:
            s.close()
    return {"chromium": version, "weight": {"project": ours, "zensical": zens, "mkdocs_quiz": theirs},
            "results_paint": paint, "team": team}


# ---- 4. Python -------------------------------------------------------------------------------


def bench_python(spec: dict[str, Any], n: int, runs: int) -> dict[str, Any]:
    docs = simulate(spec, n, 7, UNTIL)
    # The bytes `python -m generator simulate` writes.
    files = [(name, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode())
             for name, doc in docs]
    raws = [raw for _, raw in files]
    parsed = [parse_result(raw, spec, name) for name, raw in files]
    answers = [(p.assessment, p.answers) for p in parsed]

    t_json, _ = median_time(lambda: [json.loads(r) for r in raws], runs)
    t_parse, _ = median_time(lambda: [parse_result(r, spec) for r in raws], runs)
    t_score, _ = median_time(lambda: [score(spec, a, ans) for a, ans in answers], runs)
    t_cohort, _ = median_time(lambda: cohort_report(spec, files), max(3, runs // 2))
    t_analyze_files, _ = median_time(lambda: analyze_report(spec, files), max(3, runs // 2))
    t_analyze, _ = median_time(lambda: analyze(spec, parsed), max(3, runs // 2))
    out = {
        "results": n,
        "bytes": sum(len(r) for r in raws),
        "json_loads_s": t_json, "json_loads_per_s": n / t_json,
        "parse_result_s": t_parse, "parse_result_per_s": n / t_parse,
        "score_s": t_score, "score_per_s": n / t_score,
        "cohort_report_s": t_cohort,
        "analyze_report_s": t_analyze_files,
        "analyze_s": t_analyze,
    }
    log(f"python: json.loads {n / t_json:,.0f}/s, parse_result {n / t_parse:,.0f}/s, "
        f"score {n / t_score:,.0f}/s; cohort {t_cohort:.2f}s, analyze {t_analyze_files:.2f}s")
    return out


# ---- the table -------------------------------------------------------------------------------


def kb(n: float) -> str:
    return f"{n / 1000:.1f} KB"


def table(r: dict[str, Any]) -> tuple[list[list[str]], list[dict[str, Any]]]:  # noqa: PLR0915
    """Rows of the printed table, and the budgets with pass/fail."""
    rows: list[list[str]] = []
    budgets: list[dict[str, Any]] = []

    def row(  # noqa: PLR0917 - one argument per column
        area: str, measure: str, value: str, baseline: str, ratio: str, limit: str, result: str
    ) -> None:
        rows.append([area, measure, value, baseline, ratio, limit, result])

    def budget(key: str, what: str, value: float, limit: float, ok: bool, unit: str) -> str:  # noqa: PLR0917
        budgets.append({"id": key, "what": what, "value": value, "limit": limit, "unit": unit, "pass": ok})
        return "PASS" if ok else "**MISS**"

    # 1. build
    cap = BUDGETS["build_overhead"]
    for mode, label in (("subprocess", "`mkdocs build` (new process)"),
                        ("in_process", "build in-process (warm, as `mkdocs serve` rebuilds)")):
        m = r["build"][mode]
        verdict = (budget("build_overhead", "plugin build / plain Material build (`mkdocs build`)",
                          m["ratio"], cap, m["ratio"] <= cap, "ratio") if mode == "subprocess" else "info")
        row("Build", f"{label}: with the plugin vs plain Material of the same pages",
            f"{m['plugin_s']:.2f} s", f"plain {m['plain_s']:.2f} s", f"{m['ratio']:.2f}x",
            f"<= {cap:.2f}x" if mode == "subprocess" else "—", verdict)
    m = r["build"]["subprocess"]
    row("Build", "`zensical build` (new process, no cache) of the same pages vs plain Material",
        f"{m['zensical_s']:.2f} s", f"plain {m['plain_s']:.2f} s", f"{m['zensical_ratio']:.2f}x", "—", "info")
    row("Build", "`make build-zensical` end to end: generate pages and config, `zensical build`, policy",
        f"{r['build']['zensical_whole_s']:.2f} s", f"plugin build {m['plugin_s']:.2f} s",
        f"{r['build']['zensical_whole_s'] / m['plugin_s']:.2f}x", "—", "info")
    s = r["plugin_scaling"]
    one = s["factors"]["1"]
    for k, f in s["factors"].items():
        row("Build", f"plugin's own work (load+compile+render) at {k}x banks: "
            f"{f['entries']:,} statements+exercises",
            f"{f['total_s'] * 1000:,.0f} ms", f"1x: {one['total_s'] * 1000:,.0f} ms",
            f"{f['total_s'] / one['total_s']:.1f}x for {f['entries'] / one['entries']:.1f}x the size "
            f"({f['per_entry_ms']:.2f} ms/entry)", "—", "info")
    growth = s["ratio_100x_1x"] / s["size_ratio_100x_1x"]
    row("Build", "growth: time 100x/1x against size 100x/1x (1.00 = linear)",
        f"{s['ratio_100x_1x']:.1f}x", f"size {s['size_ratio_100x_1x']:.1f}x", f"{growth:.2f}",
        "~1 (linear)", "linear" if growth <= 1.15 else "**superlinear**")
    m1, m2 = s["marginal_ms_per_entry_1x_10x"], s["marginal_ms_per_entry_10x_100x"]
    row("Build", "marginal cost per added entry: 10x to 100x (baseline: 1x to 10x)",
        f"{m2:.2f} ms", f"{m1:.2f} ms", f"{m2 / m1:.2f}x", "—", "rising" if m2 / m1 > 1.2 else "flat")

    # 2. page weight
    w = r["browser"]["weight"]
    ours, theirs = w["project"], w["mkdocs_quiz"]
    limit, share = BUDGETS["added_gzip_bytes"], BUDGETS["vs_mkdocs_quiz"]
    at_load = BUDGETS["added_gzip_load_bytes"]
    for key, engine, prefix in (("project", "MkDocs", ""), ("zensical", "Zensical", "zensical_")):
        e = w[key]
        a = e["load"]["gzip"]
        row("Page weight", f"(a) {engine} build: project files at quiz load, until ready "
            f"({e['load']['files']} files)",
            f"{kb(a)} gz ({kb(e['load']['raw'])} raw)", f"mkdocs-quiz {kb(theirs['load']['gzip'])} gz",
            f"{a / theirs['load']['gzip']:.2f}x", f"<= {kb(at_load)}",
            budget(f"{prefix}added_gzip_load",
                   f"{engine} build: /assets/assessments/ bytes, gzip, at load (a)",
                   a, at_load, a <= at_load, "bytes"))
        v = e["flow"]["gzip"]
        row("Page weight",
            f"(b) {engine} build: project files, whole flow: load, answer 35, results "
            f"({e['flow']['files']} files)",
            f"{kb(v)} gz ({kb(e['flow']['raw'])} raw)", f"limit {kb(limit)}", f"{v / limit:.2f}x",
            f"<= {kb(limit)}",
            budget(f"{prefix}added_gzip", f"{engine} build: /assets/assessments/ bytes, gzip, whole flow (b)",
                   v, limit, v <= limit, "bytes"))
        c, t = e["flow_code"], e["flow_content"]
        row("Page weight", f"{engine} build: (b) split into code (JS, CSS; {c['files']} files) and content "
            f"(spec, report texts, plan exercises; {t['files']} files)",
            f"{kb(c['gzip'])} + {kb(t['gzip'])} gz", f"mkdocs-quiz code {kb(theirs['flow']['gzip'])} gz",
            f"code {c['gzip'] / theirs['flow']['gzip']:.2f}x", "—", "info")
        u = e["unminified"]
        row("Page weight", f"{engine} build: (a) and (b) if the same files were served unminified",
            f"{kb(u['load']['gzip'])} and {kb(u['flow']['gzip'])} gz", f"served: {kb(a)} and {kb(v)} gz",
            f"{u['flow']['gzip'] / v:.2f}x", "—", "info")
    v = ours["flow"]["gzip"]
    q = theirs["flow"]["gzip"]
    row("Page weight", "(b) vs the same 35-question quiz with mkdocs-quiz (its inline JS+CSS)",
        f"{kb(v)} gz", f"mkdocs-quiz {kb(q)} gz ({kb(theirs['flow']['raw'])} raw)", f"{v / q:.2f}x",
        f"<= {share:.1f}x",
        budget("vs_mkdocs_quiz", "(b) / what mkdocs-quiz adds, gzip", v / q, share, v <= share * q, "ratio"))
    mat = ours["material"]
    row("Page weight", "Material's own JS+CSS on the same page",
        f"{kb(mat['gzip'])} gz ({kb(mat['raw'])} raw)", "—", f"(b) is {v / mat['gzip']:.2f}x of it", "—",
        "info")
    row("Page weight", "the quiz page's HTML document (mkdocs-quiz's includes its inline JS+CSS)",
        f"{kb(ours['document']['gzip'])} gz", f"mkdocs-quiz {kb(theirs['document']['gzip'])} gz",
        f"{ours['document']['gzip'] / theirs['document']['gzip']:.2f}x", "—", "info")

    # 3. browser
    p = r["browser"]["results_paint"]
    ms = BUDGETS["results_paint_ms"]
    row("Browser", f'"See my profile" to results painted (median of {len(p["runs_ms"])})',
        f"{p['median_ms']:.1f} ms", f"no-op click {p['baseline_median_ms']:.1f} ms",
        f"{p['median_ms'] / p['baseline_median_ms']:.1f}x", f"<= {ms} ms",
        budget("results_paint", "click to results painted, median", p["median_ms"], ms,
               p["median_ms"] <= ms, "ms"))
    for n, t in r["browser"]["team"].items():
        ms = BUDGETS["team_1000_ms"]
        verdict = (budget("team_1000", "team view takes in 1,000 files, median", t["median_ms"], ms,
                          t["median_ms"] <= ms, "ms") if n == "1000" else "info")
        row("Browser", f"team view takes in {int(n):,} result files (median of {len(t['runs_ms'])})",
            f"{t['median_ms']:,.0f} ms", f"read+JSON.parse only {t['baseline_median_ms']:,.0f} ms",
            f"{t['median_ms'] / t['baseline_median_ms']:.1f}x", f"<= {ms:,} ms" if n == "1000" else "—",
            verdict)

    # 4. Python
    py = r["python"]
    base = py["json_loads_per_s"]
    row("Python", f"json.loads of {py['results']:,} result files (the baseline)",
        f"{base:,.0f}/s", "—", "1.00x", "—", "baseline")
    row("Python", "parse_result (check + rescore) per second", f"{py['parse_result_per_s']:,.0f}/s",
        f"json.loads {base:,.0f}/s", f"{py['parse_result_per_s'] / base:.2f}x", "—", "info")
    rate = BUDGETS["scorer_per_s"]
    row("Python", "score (the scorer alone) per second", f"{py['score_per_s']:,.0f}/s",
        f"json.loads {base:,.0f}/s", f"{py['score_per_s'] / base:.2f}x", f">= {rate:,}/s",
        budget("scorer", "generator.scoring.score calls per second", py["score_per_s"], rate,
               py["score_per_s"] >= rate, "per_s"))
    for key, label in (("cohort_report_s", "cohort_report (files to team report)"),
                       ("analyze_report_s", "analyze_report (files to statistics)"),
                       ("analyze_s", "analyze (statistics of parsed results)")):
        row("Python", f"{label}, {py['results']:,} results", f"{py[key]:.2f} s",
            f"json.loads {py['json_loads_s']:.2f} s", f"{py[key] / py['json_loads_s']:.1f}x", "—", "info")
    return rows, budgets


markdown = page.markdown


# ---- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer runs (a smoke test, not for the docs)")
    ap.add_argument("--out", default=str(HERE / "latest.json"), help="where to write the JSON")
    args = ap.parse_args(argv)
    build_runs, paint_runs, team_runs, py_runs = (3, 3, 3, 3) if args.quick else (7, 9, 7, 5)

    WORK.mkdir(parents=True, exist_ok=True)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    started = datetime.now(UTC)
    info = machine()
    info["mkdocs_quiz"] = quiz_venv()
    log(f"machine: {info['cpu']}, {info['cores']} cores, Python {info['python']}, "
        f"load {info['load_average_at_start']}")
    spec = compile_spec(loader.load_content(ROOT / "assessments", ROOT / "docs"))

    log("1/4 build")
    build = bench_build(build_runs)
    scaling = bench_plugin_scaling()
    log("2-3/4 browser")
    browser_r = bench_browser(spec, WORK / "site-plugin", WORK / "site-zensical", paint_runs, team_runs)
    info["chromium"] = browser_r["chromium"]
    log("4/4 python")
    python = bench_python(spec, 10_000, py_runs)
    info["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]

    results = {"build": build, "plugin_scaling": scaling, "browser": browser_r, "python": python}
    rows, budgets = table(results)
    report = {
        "date": started.isoformat(timespec="seconds"),
        "duration_s": round(time.perf_counter() - T0, 1),
        "quick": args.quick,
        "machine": info,
        "budgets": budgets,
        "all_budgets_met": all(b["pass"] for b in budgets),
        **results,
        "table": rows,
    }
    Path(args.out).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if not args.quick and Path(args.out) == HERE / "latest.json":
        for each in page.pages():  # the Performance page, in every language, shows this run's table
            page.update(report, each)

    print(f"\nMachine: {info['cpu']}, {info['cores']} cores; Python {info['python']}; "
          f"Chromium {info['chromium']}; MkDocs {info['mkdocs']}, Material {info['mkdocs_material']}, "
          f"Zensical {info['zensical']}, "
          f"mkdocs-quiz {info['mkdocs_quiz']}; load average {info['load_average_at_start']} at start, "
          f"{info['load_average_at_end']} at end")
    print(f"Date: {report['date']}; took {report['duration_s']:.0f} s\n")
    print(markdown(rows))
    missed = [b["id"] for b in budgets if not b["pass"]]
    print(f"\nBudgets met: {len(budgets) - len(missed)} of {len(budgets)}"
          + (f"; missed: {', '.join(missed)}" if missed else ""))
    print(f"Wrote {Path(args.out).relative_to(ROOT) if Path(args.out).is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
