"""Typed models of the framework files (see indicators/FORMAT.md)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from riskframe.domain.entries import EntryIn, scale_problem
from riskframe.framework.method_models import Method
from riskframe.framework.prevention_models import PreventionOption, PreventionSection
from riskframe.framework.reference_models import Reference
from riskframe.framework.sensitivity_models import Sensitivity

if TYPE_CHECKING:  # pandas is imported by indicator_table: the app's first page needs none (issue 18)
    import pandas as pd

Text = dict[str, str]
"""Text by language code; `en` is required, others fall back to `en`."""

Kind = Literal["risk", "resilience"]


def tr(text: Text, lang: str = "en") -> str:
    """Text in `lang`, falling back to English (a translation may be partial)."""
    return text.get(lang) or text.get("en", "")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    document: str
    ref: str
    checked_against: str = ""


def _english_text(value: object) -> object:
    """A plain string is the English text (`reason: "…"` means `reason: {en: "…"}`)."""
    return {"en": value} if isinstance(value, str) else value


class RedFlag(_Strict):
    reason: Text
    """Why this indicator alone warrants escalation, by language; a plain string is the English one."""
    min_tier: str | None = None
    # Method 2 (manifest `method.red_flags`): what kind of sign this is, and the level from which it
    # is raised when it differs from the kind's lowest floor (e.g. 10.6 only at 3).
    kind: str | None = None
    raised_at: int | None = None

    @field_validator("reason", mode="before")
    @classmethod
    def _english_string(cls, value: object) -> object:
        return _english_text(value)

    @field_validator("reason")
    @classmethod
    def _english_reason(cls, value: Text) -> Text:
        if not (value.get("en") or "").strip():
            raise ValueError("a red flag needs its reason in English (en)")
        return value

    def reason_in(self, lang: str = "en") -> str:
        """The reason in `lang` when translated, else in English."""
        return tr(self.reason, lang)


class Indicator(_Strict):
    id: str
    text: Text
    tags: list[str] = Field(default_factory=list)
    red_flag: RedFlag | None = None
    guidance: dict[str, dict[str, str]]
    # Where to look, by language: `{en: [...], fr: [...]}`; a plain list is the English one.
    evidence_sources: dict[str, list[str]]
    source: Source
    # Filled by the loader from the enclosing factor:
    factor_id: str = ""
    kind: Kind = "risk"

    @field_validator("evidence_sources", mode="before")
    @classmethod
    def _english_list(cls, value: object) -> object:
        return {"en": value} if isinstance(value, list) else value

    @field_validator("evidence_sources")
    @classmethod
    def _english_required(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        if not value.get("en"):
            raise ValueError("evidence_sources needs at least one English (en) source")
        return value

    def evidence(self, lang: str = "en") -> list[str]:
        """Where to look for evidence, in `lang` when translated, else in English."""
        return self.evidence_sources.get(lang) or self.evidence_sources["en"]

    @property
    def number(self) -> int:
        return int(self.id.rsplit(".", 1)[1])


class FactorHeader(_Strict):
    id: str
    kind: Kind
    group: str
    title: Text
    description: Text
    source: Source


class FactorFile(_Strict):
    factor: FactorHeader
    indicators: list[Indicator] = Field(min_length=1)


class Factor(FactorHeader):
    """A factor with its indicators, as assembled from one file."""

    indicators: tuple[Indicator, ...]
    file: str

    @property
    def sort_key(self) -> tuple:
        return (self.kind != "risk", int(self.id.lstrip("R")))


class Translations(_Strict):
    """Who made the framework's translations and how far they are checked (manifest `framework.translations`).

    Ours are `unofficial` until someone compares them with the official UN editions; only then may
    `status` say `checked`, naming in `note` what was compared.
    """

    languages: list[str] = Field(min_length=1)
    status: Literal["unofficial", "checked"]
    note: Text

    @field_validator("note")
    @classmethod
    def _english_note(cls, value: Text) -> Text:
        if not (value.get("en") or "").strip():
            raise ValueError("the translations note needs its English (en) text")
        return value


class FrameworkInfo(_Strict):
    id: str
    version: str
    title: Text
    languages: dict[str, str] = Field(min_length=1)
    """Language code → the language's own name, in menu order (interface and framework text alike)."""
    required_language: str = "en"
    translations: Translations | None = None
    """Which languages are translations of the required one, and their standing (unofficial …)."""

    @model_validator(mode="after")
    def _translated_languages_declared(self) -> FrameworkInfo:
        t = self.translations
        if t is None:
            return self
        unknown = [lang for lang in t.languages if lang not in self.languages]
        if unknown:
            raise ValueError(f"translations.languages {unknown} are not declared in framework.languages "
                             f"({', '.join(self.languages)})")
        if self.required_language in t.languages:
            raise ValueError(f"translations.languages lists {self.required_language!r}, the language the "
                             "framework is written in")
        return self


class Scale(_Strict):
    """The scoring scale and the coded values an entry may carry, each with its labels.

    `missing` and `confidence` keep the manifest's order; confidence is ascending, so its position
    (1, 2, 3 …) is the number dashboards average.
    """

    min: int
    max: int
    levels: dict[Kind, dict[str, Text]]
    missing: dict[str, Text]
    confidence: dict[str, Text]

    @property
    def scores(self) -> tuple[int, ...]:
        return tuple(range(self.min, self.max + 1))

    def level_label(self, kind: Kind, score: int, lang: str = "en") -> str:
        return tr(self.levels[kind][str(score)], lang)

    def missing_label(self, code: str, lang: str = "en") -> str:
        return tr(self.missing[code], lang) if code in self.missing else code

    def confidence_label(self, code: str, lang: str = "en") -> str:
        return tr(self.confidence[code], lang) if code in self.confidence else code

    def confidence_values(self) -> dict[str, float]:
        """Confidence code → its rank from 1 (lowest), the number dashboards average."""
        return {code: float(n) for n, code in enumerate(self.confidence, start=1)}


HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"


class Tier(_Strict):
    """A tier: its lower bound on the composite, its colour, and its label per language (`en: …`)."""

    model_config = ConfigDict(extra="allow", frozen=True)
    id: str
    min: float
    colour: str = Field(pattern=HEX_COLOUR)

    def label(self, lang: str = "en") -> str:
        extra = self.model_extra or {}
        return extra.get(lang) or extra.get("en") or self.id


class RedFlagRule(_Strict):
    raised_at: int
    min_tier: str


class Alerts(_Strict):
    composite_jump: float = 10
    overdue_days: int = 120
    indicator_rise: int = 2   # levels an indicator rises between consecutive assessments
    indicator_top: int = 3    # level an indicator reaches for the first time


class Scoring(_Strict):
    factor_aggregation: Literal["mean"] = "mean"
    resilience_dampening: float = Field(ge=0, le=1)
    band_missing_codes: list[str]
    submit_min_coverage: float = Field(ge=0, le=1)
    red_flag: RedFlagRule
    tiers: list[Tier] = Field(min_length=1)
    explanation_top_n: int = 5
    drivers: list[str] = Field(default_factory=list)
    alerts: Alerts = Alerts()


class DocumentCoverage(_Strict):
    """How much of the source document the risk files hold; gaps are declared, never filled by guesswork.

    `document_risk_indicators` is the total the document states; `unverified_factors` are the risk
    factors whose indicator count no copy we read confirmed (the missing indicators lie among them).
    """

    document_risk_indicators: int
    unverified_factors: list[str] = Field(default_factory=list)
    note: str = ""


class Manifest(_Strict):
    framework: FrameworkInfo
    document_coverage: DocumentCoverage | None = None
    documents: dict[str, str]
    groups: dict[str, Text]
    tags: dict[str, Text]
    scale: Scale
    scoring: Scoring
    method: Method | None = None
    prevention: PreventionSection | None = None
    sensitivity: Sensitivity | None = None
    reference: Reference | None = None


class Framework(BaseModel):
    """The loaded, validated framework: manifest plus factors in document order."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    manifest: Manifest
    factors: tuple[Factor, ...]
    root: str
    options: tuple[PreventionOption, ...] = ()
    """The prevention catalogue (indicators/prevention/), in file and document order."""

    @property
    def id(self) -> str:
        return self.manifest.framework.id

    @property
    def version(self) -> str:
        return self.manifest.framework.version

    @cached_property
    def indicators(self) -> dict[str, Indicator]:
        return {ind.id: ind for f in self.factors for ind in f.indicators}

    @cached_property
    def factor_by_id(self) -> dict[str, Factor]:
        return {f.id: f for f in self.factors}

    def indicator_ids(self) -> set[str]:
        return set(self.indicators)

    def factors_of(self, kind: Kind) -> list[Factor]:
        return [f for f in self.factors if f.kind == kind]

    def tier(self, tier_id: str):
        return next(t for t in self.manifest.scoring.tiers if t.id == tier_id)

    # -- parameters every layer reads from here (indicators/manifest.yaml), never from a copy ------
    @property
    def scale(self) -> Scale:
        return self.manifest.scale

    @property
    def tiers(self) -> list[Tier]:
        return self.manifest.scoring.tiers

    @property
    def languages(self) -> dict[str, str]:
        """Language code → its own name, in the manifest's order."""
        return self.manifest.framework.languages

    def entry_problem(self, entry: EntryIn) -> str | None:
        """A sentence when an entry does not fit this framework's scale, else None."""
        return scale_problem(entry, self.manifest.scale.min, self.manifest.scale.max)

    @cached_property
    def indicator_table(self) -> pd.DataFrame:
        """One row per indicator with what scoring needs: kind, factor, red flag, tags."""
        import pandas as pd

        default_tier = self.manifest.scoring.red_flag.min_tier
        rows = [
            {
                "indicator_id": ind.id,
                "kind": ind.kind,
                "factor_id": ind.factor_id,
                "order": i,
                "red_flag": ind.red_flag is not None,
                "red_flag_min_tier": (ind.red_flag.min_tier or default_tier) if ind.red_flag else None,
                "tags": tuple(ind.tags),
                "text": tr(ind.text),
            }
            for i, ind in enumerate(self.indicators.values())
        ]
        return pd.DataFrame(rows).set_index("indicator_id")
