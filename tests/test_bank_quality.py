"""Measurement quality of the shipped banks: no test-wise cue finds the best scenario option,
statements do not repeat one another, and the role profile is built as SCORING.md and the
authoring guide promise.

Each test prints the figures it checks (run with `-s` to see them), so a change to the banks
shows its effect on the numbers, not only pass or fail.
"""

from __future__ import annotations

import functools
import itertools
import re
import statistics
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from generator.loader import load_content

if TYPE_CHECKING:
    from generator.models import Content, LikertItem, Scenario

ROOT = Path(__file__).resolve().parents[1]

MAX_ABS_R = 0.2  # |r(option words, rating)| over every option of every scenario
MAX_LONGEST_IS_BEST = 0.25  # share of scenarios whose best option is (one of) the longest
MAX_POSITION_SHARE = 0.40  # share of scenarios whose best option sits at any one position
MAX_LENGTH_RATIO = 1.5  # longest option / shortest option, in words, within a scenario
MAX_JACCARD = 0.6  # word-set similarity at which two statements count as near-duplicates
PROFILE_ITEMS = 6
MAX_CONDITIONAL_PROFILE = 2
# Words by which a best option's feedback names what choosing it costs or risks.
COST_WORDS = re.compile(r"\b(cost|costs|give up|gives up|risk|risks|price|lose|trade|pay)\b", re.IGNORECASE)


@functools.cache
def content() -> Content:
    return load_content(ROOT / "assessments", docs_dir=None)


def scenarios() -> list[Scenario]:
    return [s for bank in content().banks for s in bank.scenarios]


def words(text: str) -> int:
    return len(re.findall(r"\S+", text))


def word_set(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


def jaccard(a: str, b: str) -> float:
    wa, wb = word_set(a), word_set(b)
    return len(wa & wb) / len(wa | wb)


def best(scenario: Scenario) -> str:
    """The best option's id (the first one rated 4; another test requires exactly one)."""
    return next(o.id for o in scenario.options if o.rating == 4)


def test_every_scenario_has_exactly_one_best_option() -> None:
    counts = {s.id: sum(o.rating == 4 for o in s.options) for s in scenarios()}
    print("options rated 4 per scenario:", counts)
    assert all(n == 1 for n in counts.values()), counts


def test_option_length_does_not_predict_rating() -> None:
    xs = [words(o.text) for s in scenarios() for o in s.options]
    ys = [o.rating for s in scenarios() for o in s.options]
    r = statistics.correlation(xs, ys)
    print(f"r(option words, rating) = {r:+.3f} over {len(xs)} options")
    assert abs(r) <= MAX_ABS_R, f"option length predicts rating: r = {r:+.3f}"


def test_the_longest_option_is_rarely_the_best() -> None:
    hits = []
    for s in scenarios():
        lengths = {o.id: words(o.text) for o in s.options}
        if lengths[best(s)] == max(lengths.values()):  # a tie for longest counts as longest
            hits.append(s.id)
    n = len(scenarios())
    print(f"longest option is the best in {len(hits)} of {n} scenarios: {hits}")
    assert len(hits) <= MAX_LONGEST_IS_BEST * n, hits


def test_options_are_of_similar_length() -> None:
    too_long = {}
    for s in scenarios():
        lengths = [words(o.text) for o in s.options]
        if max(lengths) > MAX_LENGTH_RATIO * min(lengths):
            too_long[s.id] = lengths
    print("scenarios whose longest option exceeds 1.5x the shortest:", too_long or "none")
    assert not too_long, too_long


def test_best_option_position_is_balanced() -> None:
    overall = Counter(best(s) for s in scenarios())
    profile = Counter(best(s) for s in scenarios() if s.profile)
    n, n_profile = sum(overall.values()), sum(profile.values())
    print("best option by position, all scenarios:", dict(sorted(overall.items())))
    print("best option by position, profile scenarios:", dict(sorted(profile.items())))
    assert max(overall.values()) <= MAX_POSITION_SHARE * n, overall
    assert max(profile.values()) <= MAX_POSITION_SHARE * n_profile, profile
    for bank in content().banks:
        positions = [best(s) for s in bank.scenarios]
        assert len(set(positions)) == len(positions), f"{bank.role.id}: best option at {positions}"


def test_best_options_name_their_cost() -> None:
    silent = [
        s.id for s in scenarios() for o in s.options if o.rating == 4 and not COST_WORDS.search(o.feedback)
    ]
    print("best options whose feedback names no cost or risk:", silent or "none")
    assert not silent, silent


def all_items() -> list[LikertItem]:
    return [item for bank in content().banks for item in bank.items]


def test_no_near_duplicate_statements() -> None:
    pairs = sorted(
        ((jaccard(a.text, b.text), a.id, b.id) for a, b in itertools.combinations(all_items(), 2)),
        reverse=True,
    )
    print("most similar statements:", [(round(j, 2), a, b) for j, a, b in pairs[:3]])
    close = [(a, b, round(j, 2)) for j, a, b in pairs if j >= MAX_JACCARD]
    assert not close, close
    observed = [i for i in all_items() if i.observer]
    close_obs = [
        (a.id, b.id)
        for a, b in itertools.combinations(observed, 2)
        if jaccard(a.observer or "", b.observer or "") >= MAX_JACCARD
    ]
    assert not close_obs, close_obs


def test_role_profile_items() -> None:
    for bank in content().banks:
        profile = [i for i in bank.items if i.profile]
        conditional = [i.id for i in profile if i.conditional]
        reverse = [i.id for i in profile if i.reverse]
        no_observer = [i.id for i in profile if not i.observer]
        print(
            f"{bank.role.id}: {len(profile)} profile items, conditional {conditional}, "
            f"reverse-keyed {reverse}, without observer form {no_observer or 'none'}"
        )
        assert len(profile) == PROFILE_ITEMS, (bank.role.id, len(profile))
        assert len(conditional) <= MAX_CONDITIONAL_PROFILE, (bank.role.id, conditional)
        assert len(reverse) == 1, (bank.role.id, reverse)
        assert not no_observer, (bank.role.id, no_observer)


def test_roles_explain_lead_and_growth() -> None:
    missing = [
        f"{bank.role.id}.{field}"
        for bank in content().banks
        for field in ("lead_meaning", "growth_meaning")
        if not getattr(bank.role, field)
    ]
    print("roles without lead or growth meaning:", missing or "none")
    assert not missing, missing
