"""Every word of the domain, written once: what a fact is about, statuses, funding sources and sections,
units, directions, topics and roles of measures, the measures themselves, thresholds and tolerances.

Codes are what is stored (YAML, the facts store, SQL, URLs); labels are what users read. SQL gets these
lists as the table `vocab_term` and the thresholds as `metric_settings` (see `domain.sql_tables`), so SQL and
Python cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.terms import Term, Terms

# ---- what a fact can be about ---------------------------------------------------------------------------------
FACT_KINDS = Terms("fact_kind", [
    Term("indicator", "показатель"),
    Term("result", "результат"),
    Term("funding", "финансирование"),
    Term("control_point", "контрольная точка"),
    Term("user_measure", "мера пользователя", note="то, чего нет в паспорте: оборудованные организации, единицы "
                                                   "оборудования…"),
], aliases={"мероприятие": "control_point", "кт": "control_point", "показатели": "indicator",
            "результаты": "result", "своя мера": "user_measure"})

#: registers kept beside the facts, per passport, audited like them
ENTRY_KINDS = Terms("entry_kind", [
    Term("risk", "риск"),
    Term("event", "событие"),
    Term("user_measure", "мера пользователя"),
    Term("report", "отчёт за период"),
    Term("mailing", "рассылка отчётов"),
])
#: how the records of each register are numbered: «Р-1», «С-1», «М-1»
ENTRY_ID_PREFIX = {"risk": "Р", "event": "С", "user_measure": "М"}
RISK_LEVELS = Terms("risk_level", [
    Term("low", "низкая", "#1a9850"),
    Term("medium", "средняя", "#fdae61"),
    Term("high", "высокая", "#d73027"),
], aliases={"низкое": "low", "среднее": "medium", "высокое": "high", "н": "low", "с": "medium", "в": "high"})
#: a risk's rating from its score (probability × impact), see THRESHOLDS.risk_high_score
RISK_RATINGS = Terms("risk_rating", [
    Term("low", "низкий", "#1a9850"),
    Term("medium", "средний", "#fdae61"),
    Term("high", "высокий", "#d73027"),
])
RISK_STATUSES = Terms("risk_status", [
    Term("open", "открыт"),
    Term("mitigating", "принимаются меры"),
    Term("happened", "наступил"),
    Term("closed", "закрыт"),
])
#: what a user measure's target is called wherever it is shown: never a plan of the passport
USER_TARGET = "цель пользователя"

#: rows of the plan of activities (Приложение № 1)
ACTIVITY_KINDS = Terms("activity_kind", [
    Term("result", "результат"),
    Term("activity", "мероприятие"),
    Term("control_point", "контрольная точка"),
])

# ---- statuses ---------------------------------------------------------------------------------------------------
#: plan against fact of an indicator, result target or funding cell, as of a date
PLAN_STATUSES = Terms("plan_status", [
    Term("achieved", "достигнут", "#1a9850", "факт не хуже плана (или не ниже порога «достигнут»)"),
    Term("at_risk", "риск", "#fdae61", "год прошёл, факт не ниже порога риска"),
    Term("not_achieved", "не достигнут", "#d73027", "год прошёл, факт ниже порога риска"),
    Term("no_data", "нет данных", "#969696", "год прошёл, факта нет"),
    Term("in_progress", "в работе", "#4575b4", "год не закончился"),
    Term("no_plan", "нет плана", "#f0f0f0", "в клетке напечатано не число"),
])

#: a row of the plan of activities as of a date
ACTIVITY_STATUSES = Terms("activity_status", [
    Term("done", "выполнено", "#1b7837"),
    Term("done_late", "выполнено с опозданием", "#fec44f"),
    Term("in_progress", "в работе", "#5e9fd1"),
    Term("not_started", "не начато", "#ffffff"),
    Term("overdue", "просрочено", "#7f0000"),
    Term("cancelled", "отменено", "#ffffff"),
    Term("no_deadline", "нет срока", "#d9d9d9"),
])

#: what a user reports about a control point
CONTROL_FACT_STATUSES = Terms("control_fact_status", [
    Term("done", "выполнено"),
    Term("not_done", "не выполнено"),
    Term("cancelled", "отменено"),
])

# ---- money ------------------------------------------------------------------------------------------------------
FUNDING_SOURCES = Terms("funding_source", [
    Term("federal", "Федеральный бюджет", "#08306b"),
    Term("regional", "Бюджет региона / города", "#4292c6"),
    Term("municipal", "Бюджеты муниципальных образований", "#9ecae1"),
    Term("extrabudgetary", "Внебюджетные источники", "#fdae6b"),
    Term("state_funds", "Бюджеты государственных внебюджетных фондов", "#d9d9d9"),
], aliases={"федеральный": "federal", "региональный бюджет": "regional", "региональный": "regional",
            "консолидированный бюджет": "regional", "муниципальный бюджет": "municipal", "муниципальный": "municipal",
            "внебюджетный": "extrabudgetary", "внебюджетные": "extrabudgetary"})
#: a printed total is not a source; it is named so in tables
TOTAL_SOURCE = Term("total", "Итого")
ALL_SOURCES = Term("all", "Все источники")

FUNDING_SECTIONS = Terms("funding_section", [
    Term("passport", "Раздел 4 паспорта", note="раздел 4 «Финансовое обеспечение»"),
    Term("additional", "Доп. материалы", note="«Дополнительные материалы»"),
], aliases={"паспорт": "passport", "раздел 4": "passport", "доп. материалы": "additional",
            "дополнительные материалы": "additional"})

FUNDING_DETAILS = Terms("funding_detail", [
    Term("own_budget", "бюджет субъекта (собственные средства)"),
    Term("transfers_to_municipal", "межбюджетные трансферты бюджетам муниципальных образований"),
    Term("municipal_own", "бюджеты муниципальных образований без трансфертов"),
    Term("transfers_to_budget", "из них межбюджетные трансферты"),
])

MONEY_UNIT = "млн руб."

# ---- passports and people ---------------------------------------------------------------------------------------
PASSPORT_LEVELS = Terms("passport_level", [
    Term("regional", "региональный"),
    Term("municipal", "муниципальный"),
])

DIRECTIONS = Terms("direction", [
    Term("up", "больше — лучше"),
    Term("down", "меньше — лучше"),
], aliases={"рост": "up", "снижение": "down", "больше": "up", "меньше": "down", "больше - лучше": "up",
            "меньше - лучше": "down"})

#: how a series adds up over the years: a level (a share, a running total) or a flow (counted per year)
ACCUMULATES = Terms("accumulates", [
    Term("level", "уровень на конец года", note="Нарастающим итогом: каждое число — сколько всего к концу года."),
    Term("flow", "за год", note="Не нарастающим итогом: число относится только к своему году."),
])

#: targets of the level above that a passport quotes beside its own
QUOTED_LEVELS = Terms("quoted_level", [
    Term("federal", "Федеральный результат", note="цель по России"),
    Term("regional", "Региональный результат", note="цель субъекта"),
])

SEVERITIES = Terms("severity", [
    Term("error", "ошибка", "#d73027", "Ошибки"),
    Term("warning", "предупреждение", "#fdae61", "Предупреждения"),
    Term("info", "сведение", "#969696", "Сведения (округление и пометки)"),
])

AUDIT_ACTIONS = Terms("audit_action", [
    Term("save", "сохранение"),
    Term("undo", "отмена"),
    Term("example", "пример"),
    Term("submit", "сдача отчёта на согласование"),
    Term("approve", "утверждение отчёта"),
    Term("return", "возврат отчёта на доработку"),
])

YES, NO = "Да", "Нет"
_YES_WORDS = {"да", "yes", "true", "1", "д"}
_NO_WORDS = {"нет", "no", "false", "0", "н"}


def parse_yes_no(text: object) -> bool | None:
    """«Да»/«Нет» (any case; also 1/0, true/false) as a bool; None when it is neither."""
    word = str(text or "").strip().lower()
    return True if word in _YES_WORDS else False if word in _NO_WORDS else None

# ---- units ------------------------------------------------------------------------------------------------------
UNITS = Terms("unit", [
    Term("percent", "%"),
    Term("persons", "чел."),
    Term("units", "ед."),
    Term("money", MONEY_UNIT),
    Term("regions", "субъектов"),
], aliases={"процент": "percent", "процентов": "percent", "человек": "persons", "единиц": "units",
            "единица": "units", "млн рублей": "money"})


def is_share(unit: object) -> bool:
    """True for a unit that is a share in percent (a value cannot exceed 100)."""
    text = str(unit or "").strip().lower()
    return text.startswith("процент") or text in ("%", "percent")


# ---- topics and roles: what a measure is about, chosen by data, never by code --------------------------------------
@dataclass(frozen=True)
class Role:
    """What a series measures within its topic: its label, the axis title, whether it is a share, and the
    words by which a result that promises it without a number is found (all of them, case-insensitive)."""

    code: str
    label: str
    axis: str
    share: bool = False
    keywords: tuple[str, ...] = ()
    #: quoted only: the passports quote the level above's target in it, and plan nothing of their own
    quoted_only: bool = False


@dataclass(frozen=True)
class Topic:
    """A topic of the project; `page` is the page that shows it (None: it shows on «Показатели»)."""

    code: str
    label: str
    page: str | None
    roles: tuple[Role, ...]
    note: str = ""

    def role(self, code: str) -> Role | None:
        return next((r for r in self.roles if r.code == code), None)


TOPICS: tuple[Topic, ...] = (
    Topic("internet", "Интернет", "internet", (
        Role("share", "Доля организаций с интернетом 100/50 Мбит/с", "% организаций", True),
        Role("count", "Число организаций с интернетом 100/50 Мбит/с", "организаций"),
    ), "Образовательные организации с интернетом не менее 100 Мбит/с в городах и 50 Мбит/с в сельской местности."),
    Topic("it_cube", "IT-куб", "it_cube", (
        Role("centres", "Центры «IT-куб»", "центров"),
        Role("children", "Дети, охваченные «IT-кубом»", "детей"),
    ), "Центры цифрового образования детей «IT-куб» и охват детей."),
    Topic("training", "Кадры", "training", (
        Role("workers", "Работники, прошедшие повышение квалификации", "человек"),
        Role("workers_orgs", "Организации, все работники которых прошли повышение квалификации", "организаций"),
        Role("teachers_share", "Доля педагогов, обученных через ресурс «одного окна»", "% педагогов", True),
        Role("teachers", "Педагоги, обученные через ресурс «одного окна»", "человек"),
        Role("managers", "Руководители, прошедшие профессиональную переподготовку", "человек",
             keywords=("переподготовк", "руководител")),
    ), "Повышение квалификации работников, обучение педагогов через «одно окно», переподготовка руководителей."),
    Topic("platform", "Цифровая платформа", None, (
        Role("orgs_share", "Доля организаций, работающих на федеральной платформе ЦОС", "% организаций", True),
        Role("students_share", "Доля обучающихся, использующих федеральную платформу ЦОС", "% обучающихся", True),
    ), "Федеральная информационно-сервисная платформа цифровой образовательной среды."),
    Topic("target_model", "Целевая модель ЦОС", None, (
        Role("orgs_share", "Доля организаций с целевой моделью ЦОС", "% организаций", True),
        Role("orgs_count", "Организации с целевой моделью ЦОС", "организаций"),
        Role("profile_share", "Доля обучающихся с цифровым профилем и индивидуальным планом", "% обучающихся", True),
        Role("assessment_share", "Доля организаций с онлайн-оцениванием", "% организаций", True),
        Role("equipment_share", "Доля организаций с обновлённой материально-технической базой", "% организаций",
             True),
        Role("equipment_count", "Организации с обновлённой материально-технической базой", "организаций"),
        Role("municipalities_share", "Доля муниципальных образований с целевой моделью ЦОС",
             "% муниципальных образований", True),
        Role("regions", "Субъекты РФ с целевой моделью ЦОС", "субъектов", quoted_only=True),
    ), "Внедрение целевой модели цифровой образовательной среды в организациях."),
    Topic("digital_tech", "Цифровые технологии в программах", None, (
        Role("children", "Дети в эксперименте по внедрению цифровых технологий", "детей"),
        Role("orgs_share", "Доля школ в эксперименте по внедрению цифровых технологий", "% организаций", True),
        Role("regions", "Субъекты РФ в эксперименте", "субъектов", quoted_only=True),
    ), "Эксперимент по внедрению современных цифровых технологий в основные общеобразовательные программы."),
    Topic("websites", "Сайты организаций", None, (
        Role("share", "Доля организаций, обновивших информационное наполнение сайтов", "% организаций", True),
        Role("count", "Организации, обновившие информационное наполнение сайтов", "организаций"),
    ), "Обновление информационного наполнения и функциональных возможностей открытых информационных ресурсов."),
    Topic("funding", "Финансирование", "funding", (), "Деньги проекта по годам, строкам и источникам."),
)
TOPIC_BY_CODE = {t.code: t for t in TOPICS}


def parse_topic(text: object) -> str | None:
    """A topic code from its code or Russian label (any case)."""
    word = " ".join(str(text or "").split()).lower()
    return next((t.code for t in TOPICS if word in (t.code.lower(), t.label.lower())), None)


def topic(code: str) -> Topic:
    """The topic of a code (KeyError for an unknown one: the loader refuses it before)."""
    return TOPIC_BY_CODE[code]


# ---- measures of result targets (section 3): the key of result facts --------------------------------------------
@dataclass(frozen=True)
class Measure:
    """A measure a result target is stated in; `quoted` marks a target of the level above (no facts)."""

    code: str
    label: str
    unit: str
    quoted: str | None = None


MEASURES: tuple[Measure, ...] = (
    Measure("it_cubes", "Центры «IT-куб»", "ед."),
    Measure("it_cube_children", "Дети, охваченные «IT-кубом»", "чел."),
    Measure("workers_trained", "Работники, прошедшие повышение квалификации", "чел."),
    Measure("workers_trained_orgs_count", "Организации, все работники которых прошли повышение квалификации", "ед."),
    Measure("teachers_one_window", "Педагоги, обученные через ресурс «одного окна»", "чел."),
    Measure("teachers_one_window_pct", "Доля педагогов, обученных через ресурс «одного окна»", "%"),
    Measure("managers_retrained", "Руководители, прошедшие профессиональную переподготовку", "чел."),
    Measure("orgs_internet_pct", "Доля организаций с интернетом 100/50 Мбит/с", "%"),
    Measure("orgs_internet_count", "Организации с интернетом 100/50 Мбит/с", "ед."),
    Measure("digital_tech_children", "Дети в эксперименте по цифровым технологиям", "чел."),
    Measure("digital_tech_orgs_pct", "Доля школ в эксперименте по цифровым технологиям", "%"),
    Measure("orgs_website_pct", "Доля организаций с обновлёнными сайтами", "%"),
    Measure("orgs_website_count", "Организации с обновлёнными сайтами", "ед."),
    Measure("target_model_orgs_pct", "Доля организаций с целевой моделью ЦОС", "%"),
    Measure("target_model_orgs_count", "Организации с целевой моделью ЦОС", "ед."),
    Measure("orgs_equipment_pct", "Доля организаций с обновлённой материально-технической базой", "%"),
    Measure("orgs_equipment_count", "Организации с обновлённой материально-технической базой", "ед."),
    Measure("orgs_platform_pct", "Доля организаций, использующих федеральную платформу ЦОС", "%"),
    Measure("students_profile_pct", "Доля обучающихся с цифровым профилем и индивидуальным планом", "%"),
    Measure("students_platform_pct", "Доля обучающихся, использующих федеральную платформу ЦОС", "%"),
    Measure("orgs_online_assessment_pct", "Доля организаций с онлайн-оцениванием", "%"),
    Measure("municipalities_pct", "Доля муниципальных образований", "%"),
    Measure("regional_orgs_internet_pct", "Доля организаций с интернетом по региону", "%", "regional"),
    Measure("regional_target_model_orgs_pct", "Доля организаций с целевой моделью по региону", "%", "regional"),
    Measure("regional_students_profile_pct", "Доля обучающихся с цифровым профилем по региону", "%", "regional"),
    Measure("regional_orgs_platform_pct", "Доля организаций на платформе ЦОС по региону", "%", "regional"),
    Measure("regional_students_platform_pct", "Доля обучающихся на платформе ЦОС по региону", "%", "regional"),
    Measure("regional_teachers_one_window_pct", "Доля педагогов, обученных через «одно окно», по региону", "%",
            "regional"),
    Measure("federal_it_cubes", "Центры «IT-куб» по России", "ед.", "federal"),
    Measure("federal_it_cube_children", "Дети, охваченные «IT-кубом», по России", "чел.", "federal"),
    Measure("federal_workers_trained", "Работники, прошедшие повышение квалификации, по России", "чел.", "federal"),
    Measure("federal_orgs_website_pct", "Доля организаций с обновлёнными сайтами по России", "%", "federal"),
    Measure("federal_digital_tech_children", "Дети в эксперименте по цифровым технологиям по России", "чел.",
            "federal"),
    Measure("federal_digital_tech_orgs_pct", "Доля школ в эксперименте по России", "%", "federal"),
    Measure("federal_digital_tech_regions", "Субъекты РФ в эксперименте по цифровым технологиям", "субъектов",
            "federal"),
    Measure("federal_target_model_regions", "Субъекты РФ с целевой моделью ЦОС", "субъектов", "federal"),
    Measure("federal_orgs_internet_pct", "Доля организаций с интернетом по России", "%", "federal"),
)
MEASURE_BY_CODE = {m.code: m for m in MEASURES}


def parse_measure(text: object) -> str | None:
    """A measure code from what a user typed: the code or its Russian label (any case)."""
    key = " ".join(str(text or "").split()).lower()
    for m in MEASURES:
        if key in (m.code.lower(), m.label.lower(), measure_label(m.code).lower()):
            return m.code
    return None


def measure_label(code: str) -> str:
    """The Russian label of a measure code (the code itself when unknown)."""
    m = MEASURE_BY_CODE.get(code)
    if m is None:
        return code
    return f"{m.label} ({QUOTED_LEVELS.label(m.quoted).lower()})" if m.quoted else m.label


def measure_cell(kind: str, measure: str) -> str:
    """What a fact of a kind is measured in, in Russian (the «Мера» cell): a result's measure by its label, a
    funding source by its name, anything else as stored."""
    if kind == "funding":
        return FUNDING_SOURCES.label(measure)
    if kind == "result":
        return measure_label(measure)
    return measure


# ---- thresholds and tolerances ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Thresholds:
    """Numbers that decide a status or a finding; SQL reads them from `metric_settings`."""

    #: a risk's probability × impact (each 1–3: низкая, средняя, высокая) at or above this is a high risk
    risk_high_score: int = 6
    #: … at or above this (and below high) a medium risk
    risk_medium_score: int = 3
    #: fact ≥ this % of plan: «достигнут»
    achieved_pct: float = 100.0
    #: fact ≥ this % of plan (year over): «риск», below: «не достигнут»
    risk_pct: float = 85.0
    #: a person whose workload summed across blocks is above this is overloaded
    overload_pct: float = 100.0
    #: two money amounts (млн руб., printed to 2 decimals) are equal when they differ by less than this
    money_match_mln_rub: float = 0.005
    #: every printed amount is rounded to 0,01: it may be off by half of that. A printed total against the sum of
    #: n printed parts differs by rounding when |difference| ≤ (n + 1) × this (see money_rounding_tolerance)
    money_rounding_per_cell_mln_rub: float = 0.005
    #: a line total that misses exactly one source: the gap equals that source within this
    money_gap_mln_rub: float = 0.015
    #: a percentage that differs from count / total by less than this (points) is rounding
    pct_rounding_points: float = 0.5
    #: two indicator/target names are the same when their word stems overlap at least this much
    name_match_score: float = 0.5


THRESHOLDS = Thresholds()


def money_rounding_tolerance(parts: int) -> float:
    """The largest difference between a printed total and the sum of `parts` printed parts that rounding alone
    explains (each of the parts and the total rounded to 0,01)."""
    return (max(int(parts), 1) + 1) * THRESHOLDS.money_rounding_per_cell_mln_rub + 1e-9

@dataclass(frozen=True)
class InputLimits:
    """What a fact can be at all: larger numbers and farther dates are typing errors, refused at their cell."""

    #: money is planned in млн руб.; a project line of a million million roubles is a typo
    max_money_mln_rub: float = 1e6
    #: people, organisations, centres: no count of the project exceeds a hundred million
    max_count: float = 1e8
    #: a share in percent
    max_share_pct: float = 100.0
    #: a fact's dates (completion, report) lie within the passport's period widened by this many years
    date_margin_years: int = 1
    #: the earliest and latest year a file may name at all
    min_year: int = 1990
    max_year: int = 2100


INPUT_LIMITS = InputLimits()


# ---- words printed on pages, slides and files -------------------------------------------------------------------
EXAMPLE_LABEL = "пример — не официальные данные"
EXAMPLE_MARK = "ПРИМЕР — не официальные данные"
PASSPORT_SOURCE = "паспорта проекта «Цифровая образовательная среда»"
FACTS_SOURCE = "факты — данные пользователей ЦОС-монитора"
EXAMPLE_SOURCE = "факты — пример данных, не официальные данные"
NO_FACTS = "Факты не внесены — показан только план. Факты вносятся на странице «Факты»."
NO_BLOCK = "Руководство проекта (вне блоков)"
NO_CONTROL_LEVEL = "не указан"

# ---- data-quality checks: the report of the passports' contradictions (`quality_finding`, `python -m metrics
# quality`, page «Качество данных»); code = check_id --------------------------------------------------------------
QUALITY_CHECKS = Terms("quality_check", [
    Term("funding_line_sum", "строка ≠ сумме источников"),
    Term("funding_total_lines", "«Всего по проекту» ≠ сумме строк"),
    Term("funding_total_sources", "«Всего по проекту» ≠ сумме источников"),
    Term("funding_source_sum", "итог по источнику ≠ сумме по строкам"),
    Term("funding_detail_exceeds", "«в т.ч.» больше целого"),
    Term("funding_year_sum", "«Всего» ≠ сумме по годам"),
    Term("activity_end_before_start", "окончание раньше начала"),
    Term("activity_date_invalid", "дата не распознана"),
    Term("activity_outside_period", "дата вне срока проекта"),
    Term("activity_after_parent", "позже своей контрольной точки / результата"),
    Term("duplicate_code", "код повторяется"),
    Term("activity_numbering", "разрыв или сбой нумерации"),
    Term("activity_no_control_point", "нет контрольной точки"),
    Term("target_cumulative_falls", "накопительная цель убывает"),
    Term("target_conflict", "два разных значения одной цели"),
    Term("result_text_vs_characteristic", "текст и характеристика результата дают разные числа"),
    Term("indicator_year_missing", "у показателя пропущен год"),
    Term("indicator_before_base", "план до базовой даты ≠ базовому значению"),
    Term("indicator_parent_missing", "нет строки, которой подчинён показатель"),
    Term("numbering_gap", "пропущен номер между соседними строками"),
    Term("pct_count_mismatch", "процент ≠ количеству"),
    Term("workload_over_100", "занятость больше 100 %"),
    Term("participant_repeated", "человек дважды в одном блоке"),
    Term("participant_supervisors", "у человека разные руководители"),
    Term("other_level", "назван другой уровень"),
    Term("target_vs_indicator", "результат ≠ плану показателя"),
    Term("plan_vs_target", "план мероприятий ≠ результату или показателю"),
    Term("plan_block_deadline", "срок блока плана ≠ сроку его результатов"),
    Term("result_without_block", "у результата нет блока в плане"),
    Term("block_without_result", "блок плана не даёт результата раздела 3"),
    Term("plan_delivers_unknown", "блок ссылается на несуществующий результат"),
])

#: the funding page's comparison of printed totals (`funding_total_check.check_kind`)
FUNDING_CHECKS = Terms("funding_check", [
    Term("line", "Итог строки ↔ сумма её источников"),
    Term("project", "«Всего по проекту» ↔ сумма по строкам"),
    Term("row_sum", "Графа «Всего» ↔ сумма по годам"),
])


@dataclass(frozen=True)
class QualityThresholds:
    """Numbers of the quality checks; SQL reads them from `metric_settings` beside THRESHOLDS."""

    #: a block of the plan may end up to this many days before the deadline of the results it delivers (Tomsk ends
    #: its blocks on 16.12 for results due 31.12); ending earlier than that, or after the deadline, is a finding
    block_deadline_lead_days: int = 31


QUALITY_THRESHOLDS = QualityThresholds()

#: Words that name a level other than the passport's own in a sentence about its own organisations, territory or
#: project, by the passport's level (vocab_term vocabulary «other_level_<level>»): code — the pattern (regular
#: expression, any case), label — the level it names. Budgets of the region are a city project's source of money
#: and quoted targets of the level above are quotes: the check reads neither. «руководителей … органов
#: исполнительной власти субъектов Российской Федерации» is the name of the federal retraining programme (and of
#: its subsidy), printed by both passports as such: not a claim about the passport's own territory, not listed.
OTHER_LEVEL_PHRASES = {
    "municipal": Terms("other_level_municipal", [
        Term(r"(на территории|организаци[а-яё]*|учреждени[а-яё]*)\s+[а-яё]+(ской|ского) (области|края)",
             "субъект Российской Федерации"),
        Term(r"в субъектах российской федерации", "субъекты Российской Федерации"),
        Term(r"(настоящего|по) региональн[а-яё]* проект[а-яё]*", "региональный проект"),
        Term(r"во? (всех )?муниципальных образованиях", "муниципальные образования субъекта"),
    ]),
    "regional": Terms("other_level_regional", [
        Term(r"в субъектах российской федерации", "субъекты Российской Федерации"),
        Term(r"(настоящего|по) федеральн[а-яё]* проект[а-яё]*", "федеральный проект"),
    ]),
}
