"""The facts template's columns: their order, the ones a filled file must have, the ones that hold numbers and dates
(the rest is text), and other names a user may give them."""

from __future__ import annotations

from spreadsheets.cells import Layout

#: template columns in order; the required ones must be present in an uploaded file
COLUMNS = ["Паспорт", "Вид", "Раздел", "Код", "Наименование", "Мера", "Ед. изм.", "Год", "Накопительно",
           "План", "Отчётная дата", "Факт", "Статус", "Комментарий", "Причина отклонения", "Меры", "Источник"]
REQUIRED = ["Паспорт", "Вид", "Код", "Мера", "Год", "Факт"]
FACTS_LAYOUT = Layout(tuple(COLUMNS), ("Год", "План", "Отчётная дата", "Факт"),
                      (("единица", "Ед. изм."), ("отчетная дата", "Отчётная дата"), ("причина", "Причина отклонения"),
                       ("принятые меры", "Меры")))
