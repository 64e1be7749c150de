"""`python -m generator ...`: check, export, schema, score, build and the coach's reports.

Exit codes: 0 success, 1 a problem with the content or an input file, 2 a usage error.
A user's mistake is one clear line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .compile import compile_spec
from .loader import ContentError, load_content
from .models import RoleBank, Settings, Starters
from .results import ResultError, read_result

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

SCHEMAS: dict[str, type[RoleBank | Starters | Settings]] = {
    "bank": RoleBank,
    "starters": Starters,
    "settings": Settings,
}


def schema_of(kind: str) -> dict[str, Any]:
    """The JSON Schema editors use to complete and check one kind of bank file."""
    schema = SCHEMAS[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = {"bank": "Role bank", "starters": "Starter practices", "settings": "Settings"}[kind]
    return schema


def load_spec(args: argparse.Namespace) -> dict[str, Any]:
    """Load the banks named on the command line and compile them (ContentError on problems)."""
    docs = Path(args.docs) if args.docs else None
    return compile_spec(load_content(Path(args.banks), docs if docs and docs.is_dir() else None))


def cmd_check(args: argparse.Namespace) -> int:
    spec = load_spec(args)
    counts = {a: len(v["items"]) for a, v in spec["assessments"].items()}
    print(f"ok: {len(spec['roles'])} roles, {len(spec['items'])} statements, "
          f"{len(spec['scenarios'])} scenarios, {len(spec['exercises'])} exercises; "
          f"role profile has {counts['role-profile']} statements")
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
    for warning in scored.warnings:
        print(f"{args.result}: warning: {warning}", file=sys.stderr)
    if args.json:
        out = {"name": scored.name, "taken_at": scored.taken_at, **scored.result,
               "warnings": scored.warnings}
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(render_score(spec, scored))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_docs  # noqa: PLC0415 - pulls in the renderer

    written = build_docs(Path(args.banks), Path(args.docs), Path(args.out))
    print(f"wrote {written} files to {args.out}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    p.add_argument("--banks", default="assessments", help="folder of YAML banks (default: %(default)s)")
    p.add_argument("--docs", default="docs", help="curriculum folder (default: %(default)s)")
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
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except ContentError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{len(err.problems)} problem(s) found", file=sys.stderr)
        return 1
    except ResultError as err:
        print(f"{getattr(args, 'result', 'result')}: error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
