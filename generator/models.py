"""The content model: what a bank file may contain, checked strictly.

Every model forbids unknown keys, so a typo in YAML is an error rather than a silence.
Cross-file rules (five banks, unique ids, references) live in `loader.py`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

BANDS: tuple[str, ...] = ("emerging", "developing", "strong")

Band = Literal["emerging", "developing", "strong"]


class Translatable:
    """Marks a text field: wording a translation replaces (`assessments/i18n/<lang>/`).

    Every other field (ids, keys, ratings, bands, minutes, module links) is structure or
    scoring, taken from the English bank only, so a translation can never change a score.
    """


TEXT = Translatable()


def _text(lo: int, hi: int) -> type[str]:
    """A stripped, translatable string between `lo` and `hi` characters."""
    return Annotated[  # type: ignore[return-value]
        str, StringConstraints(strip_whitespace=True, min_length=lo, max_length=hi), TEXT
    ]


Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=40)]
ModulePath = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_./-]+\.md$", max_length=120)]
Bullet = _text(10, 200)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Role(Strict):
    id: Id
    name: _text(3, 40)  # type: ignore[valid-type]
    summary: _text(20, 160)  # type: ignore[valid-type]
    in_practice: _text(100, 900)  # type: ignore[valid-type]
    strengths: list[Bullet] = Field(min_length=3, max_length=5)  # type: ignore[valid-type]
    overuse_risks: list[Bullet] = Field(min_length=2, max_length=4)  # type: ignore[valid-type]
    coach_question: _text(15, 200)  # type: ignore[valid-type]
    lead_meaning: _text(80, 600)  # type: ignore[valid-type]
    """What it means for this leader when this is a lead role (second person)."""
    growth_meaning: _text(80, 600)  # type: ignore[valid-type]
    """Why the role matters when it is a growth edge (second person)."""
    module: ModulePath


class LikertItem(Strict):
    id: Id
    text: _text(20, 200)  # type: ignore[valid-type]
    observer: _text(20, 220) | None = None  # type: ignore[valid-type]
    """The same behaviour in the third person, as an observer rates it."""
    reverse: bool = False
    profile: bool = False
    conditional: bool = False
    """The statement depends on an event that may not occur in three months."""

    @model_validator(mode="after")
    def _observer_for_profile(self) -> LikertItem:
        if self.profile and self.observer is None:
            raise ValueError("a profile statement needs an `observer` form (third person) for observers")
        return self


class Option(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z]$")]
    text: _text(10, 250)  # type: ignore[valid-type]
    rating: int = Field(ge=1, le=4)
    feedback: _text(30, 400)  # type: ignore[valid-type]


class Scenario(Strict):
    id: Id
    profile: bool = False
    situation: _text(80, 700)  # type: ignore[valid-type]
    options: list[Option] = Field(min_length=3, max_length=4)

    @model_validator(mode="after")
    def _options_distinct(self) -> Scenario:
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError(f"option ids must be distinct, got {', '.join(ids)}")
        if max(o.rating for o in self.options) != 4:
            raise ValueError("one option must carry the best rating, 4")
        return self


class Exercise(Strict):
    id: Id
    bands: list[Band] = Field(min_length=1, max_length=3)
    minutes: int = Field(ge=5, le=120)
    title: _text(5, 70)  # type: ignore[valid-type]
    steps: list[_text(10, 300)] = Field(min_length=3, max_length=6)  # type: ignore[valid-type]
    reflection: _text(20, 300)  # type: ignore[valid-type]
    module: ModulePath | None = None

    @model_validator(mode="after")
    def _bands_distinct(self) -> Exercise:
        if len(set(self.bands)) != len(self.bands):
            raise ValueError("bands must not repeat")
        return self


class RoleBank(Strict):
    """One role's bank: `assessments/<role-id>.yml`."""

    role: Role
    items: list[LikertItem] = Field(min_length=1)
    scenarios: list[Scenario] = Field(default_factory=list)
    exercises: list[Exercise] = Field(min_length=1)


class StarterExercise(Exercise):
    module: ModulePath


class Starters(Strict):
    """The cross-role starting practices: `assessments/starters.yml`."""

    exercises: list[StarterExercise] = Field(min_length=1)


class Thresholds(Strict):
    developing: int = Field(default=38, ge=1, le=99)
    strong: int = Field(default=63, ge=2, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if not self.developing < self.strong:
            raise ValueError("developing must be below strong")
        return self


class Settings(Strict):
    """Scale and scoring settings: `assessments/settings.yml`."""

    roles: list[Id] = Field(min_length=2, max_length=12)
    """The roles, in canonical order (every tie is broken by it); one bank `<id>.yml` each."""
    scale: list[_text(3, 30)] = Field(min_length=5, max_length=5)  # type: ignore[valid-type]
    scale_prompt: _text(10, 160)  # type: ignore[valid-type]
    thresholds: Thresholds = Field(default_factory=Thresholds)
    na_label: _text(3, 40) = "Did not come up"  # type: ignore[valid-type]
    na_label_observer: _text(3, 40) = "I have not seen this"  # type: ignore[valid-type]
    margin: int = Field(default=10, ge=1, le=50)
    plan_length: int = Field(default=5, ge=1, le=20)
    starter_slots: int = Field(default=1, ge=0, le=19)
    min_observers: int = Field(default=3, ge=1, le=20)
    gap_threshold: int = Field(default=15, ge=1, le=100)
    profile_title: _text(3, 80) = "Role profile"  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _roles_distinct(self) -> Settings:
        if len(set(self.roles)) != len(self.roles):
            raise ValueError("roles must not repeat")
        return self

    @model_validator(mode="after")
    def _starter_slots_fit(self) -> Settings:
        if self.starter_slots >= self.plan_length:
            raise ValueError(
                f"starter_slots ({self.starter_slots}) must be below plan_length ({self.plan_length})"
            )
        return self


class Content(Strict):
    """Everything loaded and cross-checked: the input to compiling and scoring."""

    settings: Settings
    banks: tuple[RoleBank, ...]
    starters: Starters
