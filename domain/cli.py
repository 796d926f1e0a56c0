"""The command lines' parser in Russian: argparse's own words (usage, options, its complaints) translated, so a
user of `python -m loaders|metrics|reports` never reads English."""

from __future__ import annotations

import argparse

_HELP_WORDS = {"usage:": "Использование:", "positional arguments:": "аргументы:", "options:": "параметры:",
               "optional arguments:": "параметры:", "show this help message and exit": "показать эту справку и выйти"}
_ERROR_WORDS = {"the following arguments are required:": "не хватает аргументов:",
                "unrecognized arguments:": "неизвестные аргументы:", "invalid choice:": "неизвестное значение:",
                "expected one argument": "нужно значение", "argument ": "аргумент ", "choose from": "допустимо",
                "ambiguous option:": "неоднозначный ключ:", "could match": "подходит к",
                "invalid int value:": "ожидается целое число, получено", "not allowed with argument":
                "нельзя вместе с аргументом"}


def _translate(text: str, words: dict[str, str]) -> str:
    for english, russian in words.items():
        text = text.replace(english, russian)
    return text


class RussianParser(argparse.ArgumentParser):
    """argparse that helps and complains in Russian; a mistake exits with code 2 and names the help command."""

    def format_help(self) -> str:
        return _translate(super().format_help(), _HELP_WORDS)

    def format_usage(self) -> str:
        return _translate(super().format_usage(), _HELP_WORDS)

    def error(self, message: str) -> None:
        self.exit(2, f"Ошибка: {_translate(message, _ERROR_WORDS)}. Справка: {self.prog} --help\n")


def cli_origin() -> str:
    """Where a change made on the command line comes from, for the journals: the server's own command line trusts
    whoever runs it, so the journal names the operating-system account and the machine beside the account acted for."""
    import getpass
    import socket

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    return f"командная строка ({user}@{socket.gethostname()})"
