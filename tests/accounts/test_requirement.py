"""Sign-in fails closed: once the installation has had accounts (its signing key exists) or COS_REQUIRE_SIGN_IN=1
is set, a store that is missing, out of reach or without accounts refuses the app — on both backends; a fresh
install without a key, accounts or the setting opens without sign-in."""

from __future__ import annotations

import socket
import stat

import pytest

from accounts.accounts import Accounts
from accounts.keys import SigningKey
from accounts.requirement import sign_in_requirement
from store.facts_store import FactStore
from store.location import open_store

PASSWORD = "длинный-пароль-1"


@pytest.fixture
def key(tmp_path) -> SigningKey:
    return SigningKey(tmp_path / "server" / ".cos-secret")


def test_a_fresh_install_opens_without_sign_in(store, key, monkeypatch):
    monkeypatch.delenv("COS_REQUIRE_SIGN_IN", raising=False)
    needed = sign_in_requirement(store, key)
    assert not needed.required and needed.refusal is None
    assert needed.summary().endswith("вход выключен (учётных записей нет)") and store.identity in needed.summary()


def test_the_setting_refuses_a_store_without_accounts(store, key, monkeypatch):
    monkeypatch.setenv("COS_REQUIRE_SIGN_IN", "1")
    needed = sign_in_requirement(store, key)
    assert needed.required and "COS_REQUIRE_SIGN_IN=1" in needed.refusal and store.identity in needed.refusal
    assert "не содержит ни одной учётной записи" in needed.refusal or "не найдено" in needed.refusal


def test_once_there_were_accounts_another_store_refuses_the_app(stores, key, tmp_path):
    """A wrong COS_FACTS_DB path, a restore to another place, a fresh PostgreSQL schema: the key says this
    installation signs people in, so an empty store does not open the app to anyone."""
    Accounts(stores.open(), keys=key).add("admin", "admin", [], PASSWORD, by="тест")
    assert stat.S_IMODE(key.path.stat().st_mode) == 0o600
    other = stores.open()  # a new, empty store of the same backend
    needed = sign_in_requirement(other, key)
    assert needed.required and needed.refusal is not None
    assert other.identity in needed.refusal and str(key.path) in needed.refusal
    assert "python -m loaders users add" in needed.refusal
    missing = FactStore(tmp_path / "typo" / "facts.sqlite")
    assert "не найдено" in sign_in_requirement(missing, key).refusal
    assert not (tmp_path / "typo").exists()  # looking did not create it


def test_an_unreachable_store_refuses_the_app(key):
    Accounts(open_store(str(key.path.parent.parent / "f.sqlite")), keys=key).add("admin", "admin", [], PASSWORD,
                                                                              by="тест")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    needed = sign_in_requirement(open_store(f"postgresql://cos:tajna@127.0.0.1:{port}/cos"), key)
    assert needed.refusal is not None and "не удалось подключиться" in needed.refusal and "tajna" not in needed.refusal


def test_a_store_with_accounts_makes_its_key_and_requires_sign_in(store, key):
    Accounts(store, keys=SigningKey(key.path.parent / "first.key")).add("admin", "admin", [], PASSWORD, by="тест")
    assert not key.exists()
    needed = sign_in_requirement(store, key)
    assert needed.required and needed.refusal is None and key.exists()
    assert stat.S_IMODE(key.path.stat().st_mode) == 0o600
