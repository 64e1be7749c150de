"""Synthetic result files (`python -m generator simulate`), to try the coach's tools before real data.

The answers have the structure real ones would: each person has a latent level per role (the
five levels correlate a little through a general factor), each statement answer is that level
plus the statement's own offset plus noise, rounded and clipped to 1..5 and reversed for
reverse-keyed statements; about 2% of answers are missing and about 1% of people give the same
answer to every statement; scenario choices lean toward the more effective options, more so for
people with a higher level in the scenario's role. Every file says it is synthetic twice: in
its `name` and in a top-level `"synthetic": true` (readers ignore keys they do not know).

The same seed, count, assessment and `until` date give the same files, byte for byte.
"""

from __future__ import annotations

import json
import math
import random
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from .compile import PROFILE
from .results import new_result

if TYPE_CHECKING:
    from pathlib import Path

Spec = dict[str, Any]

MAX_N = 100_000
RHO = 0.3
"""Share of each role level's variance that comes from the person's general level."""
CENTER = 3.3
"""Mean statement score: people rate their own habits a little above the scale's middle."""
NOISE = 0.9
"""Standard deviation of one answer around its expected value, in scale points."""
P_MISSING = 0.02
P_STRAIGHT = 0.01
SPREAD = timedelta(weeks=8)


def _clip(x: float) -> int:
    return max(1, min(5, math.floor(x + 0.5)))


def simulate(
    spec: Spec, n: int, seed: int, until: date, assessment: str = PROFILE
) -> list[tuple[str, dict[str, Any]]]:
    """`n` synthetic result documents for one assessment.

    Args:
        spec: the compiled spec (gives the items, keys, scenarios and bank version).
        n: how many people, 1 or more.
        seed: any integer; the same seed gives the same people.
        until: results are dated in the eight weeks before this day (UTC midnight).
        assessment: `role-profile` or a role id.

    Returns:
        (file name, result document) pairs: `synthetic-0001.json` and so on.

    Raises:
        KeyError: the assessment does not exist.
    """
    entry = spec["assessments"][assessment]
    items = [spec["items"][i] for i in entry["items"]]
    scenarios = [spec["scenarios"][s] for s in entry["scenarios"]]
    roles = list(dict.fromkeys(i["role"] for i in items))
    rng = random.Random(seed)
    # The bank's own character: roles differ a little in mean, statements in offset and in how
    # strongly they reflect the role level.
    role_mean = {r: rng.uniform(-0.4, 0.4) for r in roles}
    offset = {i["id"]: rng.gauss(0, 0.25) for i in items}
    loading = {i["id"]: rng.uniform(0.6, 1.0) for i in items}
    end = datetime.combine(until, time(), tzinfo=UTC)
    width = max(4, len(str(n)))
    out = []
    for number in range(1, n + 1):
        general = rng.gauss(0, 1)
        level = {
            r: role_mean[r] + math.sqrt(RHO) * general + math.sqrt(1 - RHO) * rng.gauss(0, 1)
            for r in roles
        }
        straight = rng.choice((3, 4, 4, 5)) if rng.random() < P_STRAIGHT else None
        answers: dict[str, Any] = {}
        for item in items:
            if straight is not None:
                answers[item["id"]] = straight
                continue
            if rng.random() < P_MISSING:
                continue
            expected = CENTER + offset[item["id"]] + loading[item["id"]] * level[item["role"]]
            s = _clip(expected + rng.gauss(0, NOISE))
            answers[item["id"]] = 6 - s if item["reverse"] else s
        for sc in scenarios:
            if rng.random() < P_MISSING:
                continue
            # Better options are likelier, and more so for people stronger in the role.
            lean = max(0.1, 0.7 + 0.3 * level.get(sc["role"], 0.0))
            weights = [math.exp(lean * o["rating"]) for o in sc["options"]]
            answers[sc["id"]] = rng.choices(sc["options"], weights)[0]["id"]
        taken = end - timedelta(seconds=rng.randrange(1, int(SPREAD.total_seconds())))
        doc = new_result(
            spec, assessment, answers, taken.strftime("%Y-%m-%dT%H:%M:%SZ"),
            name=f"Synthetic person {number:0{width}d}",
        )
        doc = {k: v for k, v in doc.items() if k != "answers"} | {
            "synthetic": True, "answers": doc["answers"],
        }
        out.append((f"synthetic-{number:0{width}d}.json", doc))
    return out


RELATIONSHIP_CYCLE = ("peer", "direct-report", "peer", "manager", "peer", "direct-report", "other")
"""Observers' relationships, in turn: a round of five has three peers (a group large enough to show)."""
SELF_LIFT = 0.25
"""How much higher, in scale points, people rate themselves than others see them, on average."""
BLIND_SPREAD = 0.45
"""Spread of that difference between roles: where blind spots and hidden strengths come from."""
P_NOT_SEEN = 0.05
INVITE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def simulate_observers(
    spec: Spec, docs: list[tuple[str, dict[str, Any]]], count: int, seed: int
) -> list[tuple[str, dict[str, Any]]]:
    """`count` synthetic observer files for each self result in `docs` (SCORING.md, observer).

    Each person's observers see the person's own answers per role, moved by a per-role
    difference (mostly a little lower: self-ratings run high), a per-observer leniency and
    noise; about 5% of their answers are "na" (not seen). They share the person's invitation
    code and name the person in `about`; relationships follow RELATIONSHIP_CYCLE.

    Returns:
        (file name, document) pairs: `synthetic-0001-observer-1.json` and so on.
    """
    rng = random.Random(seed * 7919 + 13)
    out = []
    for file_name, doc in docs:
        assessment = doc["assessment"]
        items = [spec["items"][i] for i in spec["assessments"][assessment]["items"]]
        rated: dict[str, list[int]] = {}
        for item in items:
            value = doc["answers"].get(item["id"])
            if type(value) is int:
                rated.setdefault(item["role"], []).append(6 - value if item["reverse"] else value)
        seen = {r: (sum(v) / len(v) if v else CENTER) - rng.gauss(SELF_LIFT, BLIND_SPREAD)
                for r, v in rated.items()}
        invite = "".join(rng.choice(INVITE_LETTERS) for _ in range(6))
        taken = datetime.strptime(doc["taken_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        for number in range(1, count + 1):
            leniency = rng.gauss(0, 0.3)
            answers: dict[str, Any] = {}
            for item in items:
                if rng.random() < P_NOT_SEEN:
                    answers[item["id"]] = "na"
                    continue
                s = _clip(seen.get(item["role"], CENTER) + leniency + rng.gauss(0, NOISE))
                answers[item["id"]] = 6 - s if item["reverse"] else s
            when = taken + timedelta(seconds=rng.randrange(3600, 14 * 86400))
            made = new_result(
                spec, assessment, answers, when.strftime("%Y-%m-%dT%H:%M:%SZ"), perspective="observer",
                relationship=RELATIONSHIP_CYCLE[(number - 1) % len(RELATIONSHIP_CYCLE)],
                about=doc.get("name", ""), invite=invite,
            )
            made = {k: v for k, v in made.items() if k != "answers"} | {"synthetic": True, "answers": answers}
            out.append((f"{file_name.removesuffix('.json')}-observer-{number}.json", made))
    return out


def write_files(out_dir: Path, docs: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """Write the documents into `out_dir` (created if needed), replacing files of the same name.

    Returns:
        The names of other `synthetic-*.json` files already in the folder, left as they were.

    Raises:
        OSError: the folder or a file cannot be written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, doc in docs:
        text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
        (out_dir / name).write_text(text, encoding="utf-8")
    written = {name for name, _ in docs}
    return sorted(p.name for p in out_dir.glob("synthetic-*.json") if p.name not in written)
