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
    source_file: str | None = None
    line: int | None = None


class Indicator(_Strict):
    code: str | None  # null for a heading row printed without a number
    code_printed: str | None = None
    parent: str | None = None
    name: str
    type: Literal["основной", "дополнительный"] | None = None
    unit: str | None = None
    direction: Literal["up", "down"] | None = "up"
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
    quote: str | None = None


class Result(_Strict):
    code: str | None  # null for a task heading printed without a number
    code_printed: str | None = None
    parent: str | None = None
    federal_result: str | None = None
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
    number: str | None = None
    block: str | None = None
    role: str
    person: str
    position: str | None = None
    supervisor: str | None = None
    workload_pct: Number | None = Field(default=None, ge=0)
    workload_printed: str | None = None
    line: int | None = None


class ParticipantsFile(_Strict):
    participants: list[Participant]


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

#: measures of result targets and their Russian labels and units (data/README.md)
MEASURES: dict[str, tuple[str, str]] = {
    "it_cubes": ("Центры «IT-куб»", "ед."),
    "it_cube_children": ("Дети, охваченные «IT-куб»", "чел."),
    "workers_trained": ("Работники, прошедшие повышение квалификации", "чел."),
    "teachers_one_window": ("Педагоги, обученные через ресурс «одного окна»", "чел."),
    "teachers_one_window_pct": ("Доля педагогов, обученных через «одно окно»", "%"),
    "managers_retrained": ("Руководители, прошедшие переподготовку", "чел."),
    "orgs_internet_pct": ("Доля организаций с интернетом 100/50 Мбит/с", "%"),
    "orgs_internet_count": ("Организации с интернетом 100/50 Мбит/с", "ед."),
    "digital_tech_children": ("Дети в эксперименте по цифровым технологиям", "чел."),
    "digital_tech_orgs_pct": ("Доля школ в эксперименте по цифровым технологиям", "%"),
    "orgs_website_pct": ("Доля организаций с обновлёнными сайтами", "%"),
    "orgs_website_count": ("Организации с обновлёнными сайтами", "ед."),
    "target_model_orgs_pct": ("Доля организаций с целевой моделью ЦОС", "%"),
    "target_model_orgs_count": ("Организации с целевой моделью ЦОС", "ед."),
    "orgs_equipment_pct": ("Доля организаций с обновлённой материально-технической базой", "%"),
    "orgs_equipment_count": ("Организации с обновлённой материально-технической базой", "ед."),
    "orgs_platform_pct": ("Доля организаций, использующих федеральную платформу ЦОС", "%"),
    "workers_trained_orgs_count": ("Организации, работники которых прошли повышение квалификации", "ед."),
    "students_profile_pct": ("Доля обучающихся с цифровым профилем и индивидуальным планом", "%"),
    "students_platform_pct": ("Доля обучающихся, использующих федеральную платформу ЦОС", "%"),
    "orgs_online_assessment_pct": ("Доля организаций с онлайн-оцениванием", "%"),
    "regional_orgs_internet_pct": ("Доля организаций с интернетом по региону (региональный результат)", "%"),
    "regional_target_model_orgs_pct": ("Доля организаций с целевой моделью по региону (региональный результат)", "%"),
    "regional_students_profile_pct": ("Доля обучающихся с цифровым профилем по региону (региональный результат)", "%"),
    "regional_orgs_platform_pct": ("Доля организаций на платформе ЦОС по региону (региональный результат)", "%"),
    "regional_students_platform_pct": (
        "Доля обучающихся на платформе ЦОС по региону (региональный результат)", "%"),
    "regional_teachers_one_window_pct": (
        "Доля педагогов, обученных через «одно окно», по региону (региональный результат)", "%"),
    "federal_it_cubes": ("Центры «IT-куб» по России (федеральный результат)", "ед."),
    "federal_it_cube_children": ("Дети, охваченные «IT-куб», по России (федеральный результат)", "чел."),
    "federal_workers_trained": (
        "Работники, прошедшие повышение квалификации, по России (федеральный результат)", "чел."),
    "federal_orgs_website_pct": ("Доля организаций с обновлёнными сайтами по России (федеральный результат)", "%"),
    "federal_digital_tech_children": ("Дети в эксперименте по цифровым технологиям по России (федеральный результат)",
                                      "чел."),
    "federal_digital_tech_orgs_pct": ("Доля школ в эксперименте по России (федеральный результат)", "%"),
    "federal_digital_tech_regions": ("Субъекты РФ в эксперименте по цифровым технологиям (федеральный результат)",
                                     "субъектов"),
    "federal_target_model_regions": ("Субъекты РФ с целевой моделью ЦОС (федеральный результат)", "субъектов"),
    "federal_orgs_internet_pct": ("Доля организаций с интернетом по России (федеральный результат)", "%"),
}
