"""Pydantic schema of the passport files in data/passports/<id>/ (see data/README.md)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Number = float | int
Year = int


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


class Person(_Strict):
    person: str
    position: str | None = None


class PassportFile(_Strict):
    passport_id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    level: Literal["regional", "municipal"]
    territory: str
    title: str
    national_project: str | None = None
    short_title: str | None = None
    period_printed: str | None = None
    start_date: str
    end_date: str
    curator: Person | None = None
    head: Person | None = None
    administrator: Person | None = None
    state_programme: str | None = None
    approved: str | None = None
    goal: str | None = None
    #: the subject of the Russian Federation the territory belongs to (a region's own passport: itself) and its
    #: code (01–99); a municipal passport must name its region
    region: str | None = None
    region_code: str | None = Field(default=None, pattern=r"^\d{2}$")
    #: IANA time zone of the territory: the default «по состоянию на» is today there
    timezone: str = "Europe/Moscow"
    source_file: str | None = None
    line: int | None = None


Accumulates = Literal["level", "flow"]


class Indicator(_Strict):
    code: str | None  # null for a heading row printed without a number
    code_printed: str | None = None
    parent: str | None = None
    name: str
    type: Literal["основной", "дополнительный"] | None = None
    unit: str | None = None
    direction: Literal["up", "down"] | None = "up"
    # what the indicator is about (domain.vocabulary.TOPICS) and the series its values form
    topic: str | None = None
    role: str | None = None
    series: str | None = None
    accumulates: Accumulates | None = None
    base_value: Number | None = None
    base_date: str | None = None
    plan: dict[Year, Number] = Field(default_factory=dict)
    plan_printed: dict[Year, str] = Field(default_factory=dict)
    line: int | None = None


class IndicatorsFile(_Strict):
    years: list[Year]
    indicators: list[Indicator]


class Target(_Strict):
    measure: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    year: Year
    value: Number = Field(ge=0)
    cumulative: bool = False
    # what the target is about (domain.vocabulary.TOPICS), the series it belongs to (default: the measure)
    # and whether that series is a level (a share, a running total) or a yearly flow
    topic: str
    role: str
    series: str | None = None
    accumulates: Accumulates
    quote: str | None = None


class Result(_Strict):
    code: str | None  # null for a task heading printed without a number
    code_printed: str | None = None
    parent: str | None = None
    federal_result: str | None = None
    # Amur: the «Характеристика результата федерального проекта» of the parent row and that row's seed line
    federal_characteristic: str | None = None
    federal_line: int | None = None
    text: str
    deadline: str | None = None
    deadline_printed: str | None = None
    characteristic: str | None = None
    targets: list[Target] = Field(default_factory=list)
    line: int | None = None


class ResultsFile(_Strict):
    results: list[Result]


FundingRole = Literal[
    "heading", "line", "source", "detail", "project_total", "project_total_source", "project_total_detail"
]
FundingSource = Literal["federal", "regional", "municipal", "extrabudgetary", "state_funds"]


class FundingRow(_Strict):
    section: Literal["passport", "additional"]
    line_code: str | None = None
    parent_line_code: str | None = None
    line_name: str
    role: FundingRole
    source: FundingSource | None = None
    detail: str | None = None
    kbk: str | None = None
    amounts: dict[Year, Number] = Field(default_factory=dict)
    total: Number | None = None
    markers: dict[Year | str, str] = Field(default_factory=dict)
    line: int | None = None


class FundingFile(_Strict):
    years: dict[Literal["passport", "additional"], list[Year]]
    rows: list[FundingRow]


class Participant(_Strict):
    number: str | None = None  # № п/п, trailing dot dropped: "1." -> "1"
    number_printed: str | None = None  # as printed: "1.", "3.1"
    block: str | None = None
    block_line: int | None = None  # seed line of the block's heading row
    role: str
    person: str
    position: str | None = None
    supervisor: str | None = None
    workload_pct: Number | None = Field(default=None, ge=0)
    workload_printed: str | None = None
    line: int | None = None


class ParticipantsFile(_Strict):
    participants: list[Participant]


class Delivery(_Strict):
    """A section-3 result that a block of the plan delivers, with that result's seed line."""

    result: str
    line: int


class Activity(_Strict):
    code: str
    code_printed: str | None = None
    kind: Literal["result", "activity", "control_point"]
    result_code: str | None = None
    name: str
    start: str | None = None
    end: str | None = None
    responsible: str | None = None
    document: str | None = None
    control_level: str | None = None
    # a block (kind: result): the section-3 results it delivers, made by hand from the wording of both;
    # [] — it delivers none; absent — not stated (the quality report names such a block)
    delivers: list[Delivery] | None = None
    line: int | None = None


class ActivitiesFile(_Strict):
    activities: list[Activity]


class MethodologyRow(_Strict):
    number: str | None = None
    indicator_name: str | None = None
    method: str | None = None
    base_indicators: str | Number | None = None
    data_source: str | None = None
    responsible: str | None = None
    aggregation: str | None = None
    timing: str | None = None
    extra: str | None = None
    line: int | None = None


class MethodologyFile(_Strict):
    methodology: list[MethodologyRow] = Field(default_factory=list)


class NotTarget(_Strict):
    """A quantity printed in a result's text that is not a target of result_target, and why."""

    quantity: str  # as tests/passports/test_result_quantities.py reads it: «100 Мб/с», «всех участников»
    reason: str
    results: dict[str, int]  # result code -> its seed line


class NotTargetsFile(_Strict):
    not_targets: list[NotTarget] = Field(default_factory=list)


#: optional file of a passport folder (read by the data tests, not by the loader)
NOT_TARGETS_FILE = "not_targets.yaml"

#: file name in a passport folder -> its model; all are required
PASSPORT_FILES: dict[str, type[BaseModel]] = {
    "passport.yaml": PassportFile,
    "indicators.yaml": IndicatorsFile,
    "results.yaml": ResultsFile,
    "funding.yaml": FundingFile,
    "participants.yaml": ParticipantsFile,
    "activities.yaml": ActivitiesFile,
    "methodology.yaml": MethodologyFile,
}
