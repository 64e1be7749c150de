"""Models to the compiled spec: the one JSON contract between Python and the browser."""

from __future__ import annotations

import hashlib
import json
from itertools import zip_longest
from typing import Any

from .i18n import DEFAULT, catalogue, script_keys
from .models import BANDS, Content, Exercise, LikertItem, RoleBank, Scenario

SPEC_FORMAT = "role-profile-spec/2"
RESULT_FORMAT = "role-profile-result/2"
READABLE_RESULT_FORMATS = ("role-profile-result/1", RESULT_FORMAT)
"""Result formats readers accept: /1 files are self results with no \"na\"."""
PROFILE = "role-profile"
LIMITS = {
    "result_bytes": 256 * 1024,
    "name": 100,               # a leader's name on a result, or the name an invitation shows
    "about": 100,
    "invite": 20,              # an invitation's code
    "taken_at": 40,
    "bank_version": 64,
    "note": 500,               # a coach's note in an assignment link
    "send_to": 200,            # where an invitation asks observers to send their file
}
"""Every size limit the site and the CLI enforce, in one place; the spec carries it to scripts."""


def bank_version(spec: dict[str, Any], items: list[str], scenarios: list[str]) -> str:
    """sha256 of what scoring reads (item keys and roles, option ids and ratings), 12 hex digits.

    Rewording a statement or its feedback keeps the version; anything that could change a score
    or a scenario's best option changes it.
    """
    scored = {
        "items": [[i, spec["items"][i]["role"], spec["items"][i]["reverse"]] for i in items],
        "scenarios": [
            [s, [[o["id"], o["rating"]] for o in spec["scenarios"][s]["options"]]] for s in scenarios
        ],
    }
    blob = json.dumps(scored, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(blob).hexdigest()[:12]


def _item(role: str, item: LikertItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "role": role,
        "text": item.text,
        "observer": item.observer,
        "reverse": item.reverse,
    }


def _scenario(role: str, sc: Scenario) -> dict[str, Any]:
    return {
        "id": sc.id,
        "role": role,
        "situation": sc.situation,
        "options": [o.model_dump() for o in sc.options],
    }


def _exercise(role: str, ex: Exercise, module: str) -> dict[str, Any]:
    return {**ex.model_dump(), "role": role, "module": ex.module or module}


def _assessment(
    spec: dict[str, Any], ident: str, title: str, items: list[str], scenarios: list[str]
) -> dict[str, Any]:
    return {
        "id": ident,
        "title": title,
        "items": items,
        "scenarios": scenarios,
        "bank_version": bank_version(spec, items, scenarios),
    }


def _profile_items(banks: tuple[RoleBank, ...]) -> list[str]:
    """Profile items interleaved across roles, so no role's statements come in one block."""
    columns = [[i.id for i in b.items if i.profile] for b in banks]
    return [i for row in zip_longest(*columns) for i in row if i is not None]


def compile_spec(content: Content, lang: str = DEFAULT) -> dict[str, Any]:
    """Everything the browser needs to run, score and explain every assessment.

    Args:
        content: the loaded banks, in `lang` (`load_content(..., lang=lang)`).
        lang: the language of the texts; the scripts' messages come in it too.
    """
    s = content.settings
    spec: dict[str, Any] = {
        "format": SPEC_FORMAT,
        "lang": lang,
        "messages": catalogue(lang).subset(set(script_keys())),
        "result_format": RESULT_FORMAT,
        "result_formats": list(READABLE_RESULT_FORMATS),
        "limits": dict(LIMITS),
        "role_ids": list(s.roles),
        "bands": list(BANDS),
        "roles": [b.role.model_dump() for b in content.banks],
        "scale": {
            "labels": list(s.scale),
            "prompt": s.scale_prompt,
            "na": s.na_label,
            "na_observer": s.na_label_observer,
        },
        "thresholds": s.thresholds.model_dump(),
        "margin": s.margin,
        "plan_length": s.plan_length,
        "starter_slots": s.starter_slots,
        "min_observers": s.min_observers,
        "gap_threshold": s.gap_threshold,
        "items": {i.id: _item(b.role.id, i) for b in content.banks for i in b.items},
        "scenarios": {sc.id: _scenario(b.role.id, sc) for b in content.banks for sc in b.scenarios},
        "exercises": [
            _exercise(b.role.id, ex, b.role.module) for b in content.banks for ex in b.exercises
        ]
        + [_exercise("starter", ex, ex.module) for ex in content.starters.exercises],
        "assessments": {},
    }
    assessments = spec["assessments"]
    assessments[PROFILE] = _assessment(
        spec,
        PROFILE,
        s.profile_title,
        _profile_items(content.banks),
        [sc.id for b in content.banks for sc in b.scenarios if sc.profile],
    )
    for b in content.banks:
        assessments[b.role.id] = _assessment(
            spec,
            b.role.id,
            b.role.name,
            [i.id for i in b.items],
            [sc.id for sc in b.scenarios],
        )
    return spec
