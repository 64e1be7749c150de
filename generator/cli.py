"""`python -m generator ...`: check, export, schema, score, build and the coach's tools.

Exit codes: 0 success, 1 a problem with the content or an input file, 2 a usage error.
A user's mistake is one clear line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .compile import compile_spec
from .i18n import DEFAULT, available, catalogue
from .loader import ContentError, load_content
from .models import RoleBank, Settings, Starters
from .results import ResultError, read_result
from .translate import languages as bank_languages

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

SCHEMAS: dict[str, type[RoleBank | Starters | Settings]] = {
    "bank": RoleBank,
    "starters": Starters,
    "settings": Settings,
}


class UsageError(Exception):
    """A command line that asks for something that does not exist (exit 2, like argparse)."""


def schema_of(kind: str) -> dict[str, Any]:
    """The JSON Schema editors use to complete and check one kind of bank file."""
    schema = SCHEMAS[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = {"bank": "Role bank", "starters": "Starter practices", "settings": "Settings"}[kind]
    return schema


DEFAULT_DOCS = "docs"


def docs_dir(args: argparse.Namespace) -> Path | None:
    """The curriculum folder module links are checked against; None skips those checks.

    A folder named with `--docs` must exist: a typo must not quietly skip the checks. Without
    `--docs`, `docs` is used when it is there (the command may run outside the repository).

    Raises:
        UsageError: `--docs` names a folder that does not exist.
    """
    if args.no_docs:
        return None
    if args.docs is None:
        default = Path(DEFAULT_DOCS)
        return default if default.is_dir() else None
    docs = Path(args.docs)
    if not docs.is_dir():
        raise UsageError(catalogue(args.lang).t("cli.no_docs", docs=args.docs))
    return docs


def load_spec(args: argparse.Namespace) -> dict[str, Any]:
    """Load the banks named on the command line, in `--lang`, and compile them (ContentError on
    problems)."""
    return compile_spec(load_content(Path(args.banks), docs_dir(args), lang=args.lang), args.lang)


def cmd_check(args: argparse.Namespace) -> int:
    spec = load_spec(args)
    banks = Path(args.banks)
    problems = []
    for lang in bank_languages(banks):
        try:
            load_content(banks, None, lang=lang)
        except ContentError as err:
            problems += err.problems
    if problems:
        raise ContentError(problems)
    counts = {a: len(v["items"]) for a, v in spec["assessments"].items()}
    t = catalogue(spec["lang"]).t
    print(t("cli.check_ok", roles=len(spec["roles"]), statements=len(spec["items"]),
            scenarios=len(spec["scenarios"]), exercises=len(spec["exercises"]),
            profile=counts["role-profile"],
            languages=", ".join(bank_languages(banks)) or t("cli.no_translations")))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    json.dump(load_spec(args), sys.stdout, ensure_ascii=False, indent=1 if args.pretty else None)
    print()
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(schema_of(args.kind), indent=2, ensure_ascii=False))
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    from .report import render_score  # noqa: PLC0415 - only this command needs it

    spec = load_spec(args)
    scored = read_result(Path(args.result), spec)
    t = catalogue(spec["lang"]).t
    for warning in scored.warnings:
        print(t("cli.warning", where=args.result, warning=warning), file=sys.stderr)
    if args.json:
        out = {"name": scored.name, "taken_at": scored.taken_at, **scored.result,
               "warnings": scored.warnings}
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(render_score(spec, scored))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_docs  # noqa: PLC0415 - pulls in the renderer

    docs = docs_dir(args)
    if docs is None:
        raise UsageError(catalogue(args.lang).t("cli.build_needs_docs", docs=args.docs or DEFAULT_DOCS))
    written = build_docs(Path(args.banks), docs, Path(args.out))
    print(catalogue(args.lang).t("cli.build_wrote", count=written, out=args.out))
    return 0


def _print_rejected(rejected: list[dict[str, str]], lang: str) -> None:
    t = catalogue(lang).t
    for r in rejected:
        print(t("cli.error_at", where=r["file"], error=r["error"]), file=sys.stderr)


def cmd_cohort(args: argparse.Namespace) -> int:
    from .cohort import cohort_report, read_files, to_csv, to_markdown  # noqa: PLC0415

    spec = load_spec(args)
    report = cohort_report(spec, *read_files(args.results, spec["lang"]))
    lang = spec["lang"]
    t = catalogue(lang).t
    if not report["count"]:
        _print_rejected(report["rejected"], lang)
        if report["observers_set_aside"]:
            print(t("cli.cohort_aside", count=report["observers_set_aside"]), file=sys.stderr)
        print(t("cli.cohort_none"), file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
    elif args.format == "csv":
        _print_rejected(report["rejected"], lang)  # the CSV has no place for them
        sys.stdout.write(to_csv(report))
    else:
        print(to_markdown(spec, report))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from .cohort import read_files  # noqa: PLC0415
    from .compare import CompareError, compare_files, to_markdown  # noqa: PLC0415

    spec = load_spec(args)
    lang = spec["lang"]
    t = catalogue(lang).t
    found, unread_self = read_files([args.self], lang)
    if len(found) != 1:
        why = unread_self[0][1] if unread_self else t("cli.compare_many")
        print(t("cli.error_at", where=args.self, error=why), file=sys.stderr)
        return 1
    files, unread = read_files(args.observers, lang)
    try:
        report = compare_files(spec, found[0], files, unread)
    except CompareError as err:
        print(t("cli.error", error=err), file=sys.stderr)
        return 1
    _print_rejected(report["rejected"], lang)
    if not report["observers"] and report["rejected"]:
        print(t("cli.compare_none"), file=sys.stderr)
        return 1
    return _print_report(args.format, report, lambda: to_markdown(spec, report))


def _print_report(fmt: str, report: dict[str, Any], markdown: Callable[[], str]) -> int:
    """A report as JSON (for programs) or Markdown (for people); exit code 0."""
    print(json.dumps(report, indent=2, ensure_ascii=False) if fmt == "json" else markdown())
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from .analyze import analyze_report, to_markdown  # noqa: PLC0415
    from .cohort import read_files  # noqa: PLC0415

    spec = load_spec(args)
    files, unread = read_files(args.results, spec["lang"])
    report = analyze_report(spec, files, unread)
    if not report["count"]:
        lang = spec["lang"]
        t = catalogue(lang).t
        _print_rejected(report["rejected"], lang)
        for s in report["skipped"]:
            print(t("cli.analyze_skipped", where=s["file"], assessment=s["assessment"]), file=sys.stderr)
        print(t("cli.analyze_none"), file=sys.stderr)
        return 1
    return _print_report(args.format, report, lambda: to_markdown(spec, report))


def cmd_simulate(args: argparse.Namespace) -> int:
    from .simulate import simulate, write_files  # noqa: PLC0415

    spec = load_spec(args)
    if args.assessment not in spec["assessments"]:
        known = ", ".join(spec["assessments"])
        t = catalogue(spec["lang"]).t
        raise UsageError(t("cli.unknown_assessment", assessment=args.assessment, known=known))
    until = args.until or datetime.now(UTC).date()
    docs = simulate(spec, args.n, args.seed, until, args.assessment)
    selves = len(docs)
    if args.observers:
        from .simulate import simulate_observers  # noqa: PLC0415

        docs += simulate_observers(spec, docs, args.observers, args.seed)
    t = catalogue(spec["lang"]).t
    try:
        others = write_files(Path(args.out), docs)
    except OSError as err:
        print(t("cli.cannot_write", where=err.filename or args.out, error=err.strerror), file=sys.stderr)
        return 1
    print(t("cli.simulate_wrote", count=selves, assessment=args.assessment, out=args.out, seed=args.seed))
    if args.observers:
        print(t("cli.simulate_observers", count=len(docs) - selves, per=args.observers))
    if others:
        print(t("cli.simulate_others", where=args.out, count=len(others), example=others[0]),
              file=sys.stderr)
    return 0


def _count(text: str) -> int:
    from .simulate import MAX_N  # noqa: PLC0415

    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 1 <= n <= MAX_N:
        raise argparse.ArgumentTypeError(f"expected 1 to {MAX_N}, got {n}")
    return n


def _observers(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 0 <= n <= 12:  # a round has 4 to 6 observers; 12 is plenty
        raise argparse.ArgumentTypeError(f"expected 0 to 12, got {n}")
    return n


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-11-24, got {text!r}") from None


def cmd_i18n(args: argparse.Namespace) -> int:
    """`i18n status LANG`: what LANG lacks (exit 1 while anything is missing); `i18n start LANG`:
    a new language's files with the English in place."""
    from .i18n_tools import start, status  # noqa: PLC0415 - only this command needs it

    banks, docs = Path(args.banks), docs_dir(args) or Path(DEFAULT_DOCS)
    if args.action == "start":
        try:
            written = start(args.language, banks, docs)
        except FileExistsError as err:
            raise UsageError(str(err)) from None
        print(f"wrote {len(written)} files for '{args.language}'; translate them, then run "
              f"`python -m generator i18n status {args.language}`")
        return 0
    st = status(args.language, banks, docs)
    for line in st.missing:
        print(f"missing: {line}")
    for line in st.same_as_english:
        print(f"same as English: {line}")
    print(f"{args.language}: {len(st.missing)} missing, {len(st.same_as_english)} the same as English "
          "(fine for names and terms; check the rest)")
    return 1 if st.missing else 0


def cmd_csp(args: argparse.Namespace) -> int:
    from .csp import secure_site  # noqa: PLC0415 - only this command needs it

    t = catalogue(args.lang).t
    site = Path(args.site)
    if not site.is_dir():
        print(t("cli.csp_no_site", site=site), file=sys.stderr)
        return 1
    count = secure_site(site)
    print(t("cli.csp_done", count=count, headers=site / "_headers"))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    p.add_argument("--banks", default="assessments", help="folder of YAML banks (default: %(default)s)")
    p.add_argument("--docs", default=None,
                   help=f"curriculum folder whose pages modules link to (default: {DEFAULT_DOCS})")
    p.add_argument("--no-docs", action="store_true", help="skip checking that module pages exist")
    p.add_argument("--lang", default=DEFAULT, choices=available(),
                   help="language of the texts and reports (default: %(default)s)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help, description=help)
        sp.set_defaults(func=func)
        return sp

    add("check", cmd_check, "validate every bank; print path:line: message for each problem")
    add("export", cmd_export, "print the compiled spec as JSON").add_argument(
        "--pretty", action="store_true", help="indent the JSON")
    add("schema", cmd_schema, "print the JSON Schema of a bank file").add_argument(
        "kind", nargs="?", default="bank", choices=sorted(SCHEMAS), help="which file (default: bank)")
    sp = add("score", cmd_score, "score one result file against the current banks")
    sp.add_argument("result", help="a result file exported from the site")
    sp.add_argument("--json", action="store_true", help="print JSON for programs")
    add("build", cmd_build, "write the docs plus every generated page, for builds without the plugin"
        ).add_argument("out", help="output folder (replaced)")
    add("csp", cmd_csp, "add the Content-Security-Policy to a site built without the plugin"
        ).add_argument("site", help="the built site folder")
    sp = add("i18n", cmd_i18n, "for translators: what a language lacks, or a new language's files")
    sp.add_argument("action", choices=("status", "start"), help="status: list what is untranslated; "
                    "start: write a new language's files with the English in place")
    sp.add_argument("language", help="a language code, such as es or fr")
    sp = add("cohort", cmd_cohort, "the team report of many result files: who leads which role")
    sp.add_argument("results", nargs="+", metavar="RESULT", help="result files (or a quoted glob)")
    sp.add_argument("--format", choices=("md", "csv", "json"), default="md",
                    help="output format (default: %(default)s)")
    sp = add("compare", cmd_compare,
             "a leader's own result beside observers' feedback files (self and others)")
    sp.add_argument("self", metavar="SELF", help="the leader's own result file")
    sp.add_argument("observers", nargs="+", metavar="OBSERVER", help="feedback files (or a quoted glob)")
    sp.add_argument("--format", choices=("md", "json"), default="md",
                    help="output format (default: %(default)s)")
    sp = add("analyze", cmd_analyze,
             "item and scale statistics of role-profile results: alpha, item-total r, correlations")
    sp.add_argument("results", nargs="+", metavar="RESULT", help="result files (or a quoted glob)")
    sp.add_argument("--format", choices=("md", "json"), default="md",
                    help="output format (default: %(default)s)")
    sp = add("simulate", cmd_simulate, "write synthetic result files, clearly marked, for trying the tools")
    sp.add_argument("--n", type=_count, default=100, help="how many people (default: %(default)s)")
    sp.add_argument("--seed", type=int, default=0, help="random seed (default: %(default)s)")
    sp.add_argument("--out", required=True, help="folder to write synthetic-0001.json ... into")
    sp.add_argument("--assessment", default="role-profile", help="assessment id (default: %(default)s)")
    sp.add_argument("--observers", type=_observers, default=0,
                    help="also write this many observer feedback files per person (0 to 12; default 0)")
    sp.add_argument("--until", type=_day, default=None,
                    help="date the results in the 8 weeks before this day (default: today, UTC)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    lang = getattr(args, "lang", DEFAULT)
    t = catalogue(lang if lang in available() else DEFAULT).t
    try:
        return int(args.func(args))
    except ContentError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(t("cli.problems", count=len(err.problems)), file=sys.stderr)
        return 1
    except ResultError as err:
        print(t("cli.error_at", where=getattr(args, "result", "result"), error=err), file=sys.stderr)
        return 1
    except UsageError as err:
        print(t("cli.error_at", where=f"python -m generator {args.command}", error=err), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
