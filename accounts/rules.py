"""What an account may be: a login, a password that is not easy to guess, a role with its passports, an e-mail
address. Refusals are `AccountError` with a Russian message."""

from __future__ import annotations

import re
from collections.abc import Iterable

from zxcvbn import zxcvbn

from domain.access import REGION_PREFIX, ROLES

LOGIN_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,39}")
EMAIL_PATTERN = re.compile(r"[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+")
MIN_PASSWORD = 10
MAX_PASSWORD = 200
MAX_NAME = 100
#: zxcvbn's estimate (0 guessed at once … 4: more than 10¹⁰ guesses): a new password needs the top one
MIN_PASSWORD_SCORE = 4
#: words a Russian user reaches for first, besides the login and the name (zxcvbn knows English ones)
_RUSSIAN_WORDS = ["пароль", "йцукен", "qwerty", "привет", "админ", "администратор", "цос", "монитор", "школа",
                  "образование", "россия", "amur", "tomsk"]


class AccountError(ValueError):
    """A refused account operation; the message is Russian."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def check_login(login: str) -> str:
    """A login as stored: lower-case Latin letters, digits, «.», «_», «-», 2–40 characters."""
    login = (login or "").strip().lower()
    if not LOGIN_PATTERN.fullmatch(login):
        raise AccountError("логин — от 2 до 40 латинских букв, цифр и знаков «.», «_», «-», начинается с буквы "
                           "или цифры")
    return login


def check_password(password: str, login: str = "", name: str = "") -> str:
    """A new password: MIN_PASSWORD to MAX_PASSWORD characters, not only digits, and not easy to guess (zxcvbn:
    repeats, sequences, keyboard rows, common words, dates and the person's own login and name)."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"пароль короче {MIN_PASSWORD} символов")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"пароль длиннее {MAX_PASSWORD} символов")
    if password.isdigit():
        raise AccountError("пароль только из цифр: добавьте буквы")
    personal = [w for w in (login, *name.replace(".", " ").split()) if len(w) > 2]
    if zxcvbn(password, user_inputs=[*personal, *_RUSSIAN_WORDS])["score"] < MIN_PASSWORD_SCORE:
        raise AccountError("пароль легко подобрать (повторы, последовательности, ряды клавиатуры, частые слова, "
                           "логин или имя): возьмите фразу из нескольких слов с цифрой или знаком")
    return password


def check_role(role: str, passports: Iterable[str], known: Iterable[str] | None = None) -> tuple[str, list[str]]:
    """A role and its passport list: known passport ids or «region:NN»; an editor needs at least one."""
    if role not in ROLES:
        raise AccountError(f"роль «{role}» неизвестна: {', '.join(ROLES.codes)}")
    entries = list(dict.fromkeys(p.strip() for p in passports if p.strip()))
    known_ids = set(known) if known is not None else None
    for entry in entries:
        if entry.startswith(REGION_PREFIX):
            if not entry[len(REGION_PREFIX):].isdigit():
                raise AccountError(f"«{entry}»: после «{REGION_PREFIX}» — код региона цифрами, например region:28")
        elif known_ids is not None and entry not in known_ids:
            raise AccountError(f"паспорта «{entry}» нет в модели")
    if role in ("editor", "head") and not entries:
        raise AccountError(f"роли «{ROLES.label(role)}» нужен хотя бы один паспорт (--passport ID или region:КОД)")
    if role == "admin" and entries:
        raise AccountError("администратору паспорта не назначаются: у него все")
    return role, entries


def check_email(email: str | None) -> str:
    """An e-mail address as stored ('' removes it): one @, a domain with a dot, no spaces."""
    email = (email or "").strip()
    if email and (len(email) > 254 or not EMAIL_PATTERN.fullmatch(email)):
        raise AccountError(f"«{email[:60]}» — не адрес электронной почты (нужно имя@домен.рф)")
    return email
