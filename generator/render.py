"""Compiled spec to generated pages and assets, through Jinja templates (autoescape on).

Pure: takes the spec, returns text. The MkDocs plugin and `python -m generator build` both call
it, so the two ways of building the site produce the same pages.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from importlib import resources
from typing import Any

import jinja2
import markupsafe
import yaml

from .i18n import DEFAULT, catalogue, join_list, script_keys
from .languages import theme_meta
from .minify import minified
from .models import BANDS

STATIC = "static"
SLICE_MODULES = ("quiz.mjs", "observe.mjs")
"""The pages that load one assessment's spec (`spec/<assessment>.json`): the quiz and the
observer form. The slice carries the messages of these modules and what they import."""
ASSET_DIR = "assets/assessments"
MARKER = re.compile(r"^<!--\s*assessments:([a-z-]+)(?:\s+([a-z0-9-]+))?\s*-->\s*$", re.MULTILINE)
SECONDS_PER_ITEM, SECONDS_PER_SCENARIO = 9, 40
REPORT_TEXTS = ("lead_meaning", "growth_meaning", "strengths", "overuse_risks", "coach_question")
"""Role texts the results view shows, one file per role (`spec/roles/<id>.json`)."""
SIMPLE_PAGES = {
    "how-scoring-works.md": "scoring.md.j2",
    "results.md": "results.md.j2",
    "plan.md": "plan.md.j2",
    "coach/assign.md": "assign.md.j2",
    "coach/team.md": "team.md.j2",
    "observers/invite.md": "invite.md.j2",
    "observers/observe.md": "observe.md.j2",
    "observers/compare.md": "self-and-others.md.j2",
}
"""Generated pages that need only the spec: page -> template."""


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja's compiled templates, kept in the user's temp folder between builds (when allowed)."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


@cache
def environment() -> jinja2.Environment:
    """The template environment; templates escape everything they insert."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["url"] = page_url
    # JSON strings are valid YAML scalars; Markup keeps autoescape from mangling the quotes.
    env.filters["yaml"] = lambda v: markupsafe.Markup(json.dumps(v, ensure_ascii=False))
    return env


def page_url(src_uri: str) -> str:
    """The site-relative URL of a Markdown page, with directory URLs (`roles/x.md` -> `roles/x/`)."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def minutes_for(spec: dict[str, Any], assessment_id: str) -> int:
    """A fair estimate of the time an assessment takes, in whole minutes."""
    a = spec["assessments"][assessment_id]
    seconds = len(a["items"]) * SECONDS_PER_ITEM + len(a["scenarios"]) * SECONDS_PER_SCENARIO
    return max(1, round(seconds / 60))


def _roles(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in spec["roles"]}


def _render(name: str, lang: str, **context: Any) -> str:
    """A template in `lang`: `t(<key>, ...)` gives a message of that language's catalogue and
    `join_list` joins names as the language does."""
    cat = catalogue(lang)
    return environment().get_template(name).render(
        **context, t=cat.t, lang=lang, join_list=lambda items: join_list(lang, list(items))
    )


def _without_texts(scenario: dict[str, Any]) -> dict[str, Any]:
    """A scenario without the words its quiz form shows: its situation and its options' texts."""
    options = [{k: v for k, v in o.items() if k != "text"} for o in scenario["options"]]
    return {**{k: v for k, v in scenario.items() if k != "situation"}, "options": options}


def spec_slice(spec: dict[str, Any], assessment_id: str) -> dict[str, Any]:
    """What one quiz page's results need: the spec cut down to one assessment, same shape.

    Scoring a slice gives exactly what scoring the whole spec gives, for that assessment.
    """
    a = spec["assessments"][assessment_id]
    roles = {spec["items"][i]["role"] for i in a["items"]}
    words = set().union(*(script_keys(m) for m in SLICE_MODULES))  # no other page loads a slice
    return {
        "messages": {k: v for k, v in spec["messages"].items() if k in words},
        **{k: spec[k] for k in ("format", "lang", "result_format", "result_formats",
                                "limits", "role_ids", "bands", "scale", "thresholds", "margin",
                                "plan_length", "starter_slots", "min_observers", "gap_threshold")},
        # the report's texts of a role (what it means as a lead role or a growth edge) are
        # fetched for the roles a report shows, from spec/roles/<id>.json
        "roles": [{"id": r["id"], "name": r["name"], "url": page_url(r["module"])}
                  for r in spec["roles"] if r["id"] in roles],
        "items": {i: {k: spec["items"][i][k] for k in ("id", "role", "reverse")} for i in a["items"]},
        # a scenario's situation and options' texts are in the quiz page's form (the results
        # view reads them there); scoring and feedback need the rest
        "scenarios": {s: _without_texts(spec["scenarios"][s]) for s in a["scenarios"]},
        # id, role and bands are all scoring needs; the texts of the few exercises a plan
        # shows are fetched one by one from spec/exercises/<id>.json.
        "exercises": [
            {k: ex[k] for k in ("id", "role", "bands")}
            for ex in spec["exercises"] if ex["role"] in roles or ex["role"] == "starter"
        ],
        "assessments": {assessment_id: a},
    }


def pages(spec: dict[str, Any]) -> dict[str, str]:
    """Every generated page, as `src_uri -> Markdown` (with HTML blocks)."""
    roles = _roles(spec)
    lang = spec.get("lang", DEFAULT)
    common = {"spec": spec, "roles": roles, "bands": BANDS,
              "profile_minutes": minutes_for(spec, "role-profile")}
    out = {}
    for aid, a in spec["assessments"].items():
        out[f"quiz/{aid}.md"] = _render(
            "quiz.md.j2", lang, **common, a=a, minutes=minutes_for(spec, aid),
            items=[spec["items"][i] for i in a["items"]],
            scenarios=[spec["scenarios"][s] for s in a["scenarios"]],
            role=roles.get(aid),
        )
    for role in spec["roles"]:
        mine = [ex for ex in spec["exercises"] if ex["role"] == role["id"]]
        by_band = {band: [ex for ex in mine if band in ex["bands"]] for band in BANDS}
        out[f"practice/{role['id']}.md"] = _render(
            "practice.md.j2", lang, **common, role=role, by_band=by_band
        )
    for src_uri, template in SIMPLE_PAGES.items():
        out[src_uri] = _render(template, lang, **common)
    return out


FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?\n)---\n", re.DOTALL)


def title_as_text(title: str) -> str:
    """A page title escaped for Material's templates, which print titles as HTML."""
    return html.escape(title, quote=False)


def escape_front_matter_title(markdown: str) -> str:
    """The page with its front-matter `title` escaped, for builds that run without the plugin."""
    m = FRONT_MATTER.match(markdown)
    if not m:
        return markdown
    try:
        meta = yaml.safe_load(m.group("yaml"))
    except yaml.YAMLError:
        return markdown
    if not isinstance(meta, dict) or not isinstance(meta.get("title"), str):
        return markdown
    line = "title: " + json.dumps(title_as_text(meta["title"]), ensure_ascii=False)
    front = re.sub(r"^title:.*(?:\n[ \t]+.*)*$", lambda _: line, m.group("yaml"), count=1, flags=re.M)
    return f"---\n{front}---\n" + markdown[m.end():]


def with_theme_meta(markdown: str, lang: str) -> str:
    """The page with `languages.theme_meta` written into its front matter (as JSON, which is
    YAML), for builds without the plugin: the theme override then prints the same words."""
    m = FRONT_MATTER.match(markdown)
    meta: Any = {}
    if m:
        try:
            meta = yaml.safe_load(m.group("yaml"))
        except yaml.YAMLError:
            return markdown
    if not isinstance(meta, dict):
        return markdown
    body = markdown[m.end():] if m else markdown
    extra = theme_meta(meta, body, lang)
    if not extra:
        return markdown
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in extra.items())
    return f"---\n{m.group('yaml') if m else ''}{lines}---\n{body}"


def expand_markers(markdown: str, spec: dict[str, Any]) -> str:
    """Replace `<!-- assessments:role-card ID -->` and `<!-- assessments:starters -->` in a page.

    Raises:
        ValueError: a marker names an unknown role or kind.
    """
    roles = _roles(spec)
    lang = spec.get("lang", DEFAULT)

    def replace(m: re.Match[str]) -> str:
        kind, arg = m.group(1), m.group(2)
        if kind == "role-card" and arg in roles:
            return _render("role_card.html.j2", lang, role=roles[arg])
        if kind == "starters" and arg is None:
            starters = [ex for ex in spec["exercises"] if ex["role"] == "starter"]
            return _render("starters.html.j2", lang, exercises=starters)
        raise ValueError(f"unknown marker '{m.group(0).strip()}'")

    return MARKER.sub(replace, markdown)


SHARED_ROOT = re.compile(rb'SHARED_ROOT = "[./]*"')


def assets(spec: dict[str, Any], minify: bool = True, nested: bool = False) -> dict[str, bytes]:
    """Static files (scripts and styles minified unless asked not to) and spec JSON, as
    `path under the site -> bytes`.

    `nested`: the site of another language, one folder below the default one's (`store.mjs`
    then points its storage one folder further up).
    """
    out = {}
    for entry in resources.files("generator").joinpath(STATIC).iterdir():
        if entry.is_file() and entry.name.endswith((".mjs", ".css", ".svg")):
            data = entry.read_bytes()
            if entry.name == "store.mjs" and nested:
                data, found = SHARED_ROOT.subn(b'SHARED_ROOT = "../../../"', data)
                if found != 1:  # a language's answers would land apart from the others'
                    raise RuntimeError("store.mjs: expected one SHARED_ROOT to point one folder up")
            out[f"{ASSET_DIR}/{entry.name}"] = minified(entry.name, data) if minify else data
    full = {**spec, "roles": [{**r, "url": page_url(r["module"])} for r in spec["roles"]],
            "exercises": [{**ex, "url": page_url(ex["module"])} for ex in spec["exercises"]]}
    out[f"{ASSET_DIR}/spec/all.json"] = _json(full)
    for aid in spec["assessments"]:
        out[f"{ASSET_DIR}/spec/{aid}.json"] = _json(spec_slice(spec, aid))
    for ex in full["exercises"]:
        out[f"{ASSET_DIR}/spec/exercises/{ex['id']}.json"] = _json(ex)
    for r in spec["roles"]:
        texts = {k: r.get(k) for k in REPORT_TEXTS}
        out[f"{ASSET_DIR}/spec/roles/{r['id']}.json"] = _json({"id": r["id"], **texts})
    return out


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
