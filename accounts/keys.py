"""The key that signs sign-in tokens. It comes from COS_SECRET_KEY, or from a file (COS_SECRET_FILE, by default
data/.cos-secret) made readable by its owner only — never from the facts store, so a copy of the store, a backup or
a `pg_dump` cannot sign anyone in. The file is made with the first account (`users add`) or at the app's start
when the store has accounts; its presence means this installation signs people in (the app then refuses to open
on a store without accounts). `users rotate-key` writes a new one: every sign-in ends."""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from accounts.rules import AccountError
from domain import paths

MIN_ENV_KEY = 32


class SigningKey:
    """Where the key is (a file, or the COS_SECRET_KEY variable) and its bytes."""

    def __init__(self, path: Path | None = None, value: str | None = None):
        self.path = path
        self.value = value

    @classmethod
    def configured(cls) -> SigningKey:
        """COS_SECRET_KEY when set, else the file COS_SECRET_FILE (data/.cos-secret), read at call time."""
        value = os.environ.get("COS_SECRET_KEY", "")
        if value:
            return cls(value=value)
        return cls(path=Path(os.environ.get("COS_SECRET_FILE") or paths.SECRET_FILE))

    @property
    def where(self) -> str:
        """How a message names it."""
        return "переменная COS_SECRET_KEY" if self.value is not None else f"файл {self.path}"

    def exists(self) -> bool:
        return self.value is not None or (self.path is not None and self.path.exists())

    def load(self, create: bool = False) -> bytes:
        """The key's bytes; made first when missing and `create`; AccountError in Russian when it cannot be read."""
        if self.value is not None:
            if len(self.value) < MIN_ENV_KEY:
                raise AccountError(f"COS_SECRET_KEY короче {MIN_ENV_KEY} символов: задайте длинный случайный ключ "
                                   "(например, python -c \"import secrets; print(secrets.token_hex(32))\")")
            return hashlib.sha256(self.value.encode()).digest()
        assert self.path is not None
        if create and not self.path.exists():
            self._write(secrets.token_hex(32), exclusive=True)
        try:
            key = bytes.fromhex(self.path.read_text(encoding="ascii").strip())
        except FileNotFoundError:
            raise AccountError(f"ключа входа нет ({self.where}): его создаёт первая учётная запись "
                               "(python -m loaders users add …)") from None
        except (OSError, ValueError):
            raise AccountError(f"{self.where} не читается (права или содержимое): ключ входа должен читать "
                               "пользователь, от которого работает приложение") from None
        if len(key) < MIN_ENV_KEY:
            raise AccountError(f"файл ключа входа {self.path} испорчен (слишком короткий): выполните "
                               "python -m loaders users rotate-key")
        return key

    def ensure(self) -> bytes:
        """The key, made first when there is none."""
        return self.load(create=True)

    def rotate(self) -> None:
        """A new key in place of the old one (every token signed with the old one stops working)."""
        if self.value is not None:
            raise AccountError("ключ задан переменной COS_SECRET_KEY: смените её значение и перезапустите приложение")
        self._write(secrets.token_hex(32), exclusive=False)

    def _write(self, text: str, exclusive: bool) -> None:
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(text + "\n")
        try:
            if exclusive:
                os.link(tmp, self.path)  # a key made by another process at the same moment is kept
            else:
                os.replace(tmp, self.path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)

