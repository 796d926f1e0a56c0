"""The rules of access: role × passport × action, region lists, disabled accounts and the sign-in lock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.access import LOCK, Account, LoginState, after_attempt, covers, may, refusal

REGIONS = {"amur": "28", "tomsk": "70", "seversk": "70", "blag": "28"}
region_of = REGIONS.get
VIEWER = Account("v", "viewer")
VIEWER_TOMSK = Account("vt", "viewer", ("tomsk",))
EDITOR_TOMSK = Account("et", "editor", ("tomsk",))
EDITOR_REGION = Account("er", "editor", ("region:70",))
ADMIN = Account("a", "admin")


@pytest.mark.parametrize(("account", "action", "passports", "allowed"), [
    (VIEWER, "view", ["amur", "tomsk"], True),
    (VIEWER, "change", ["tomsk"], False),
    (VIEWER, "undo", ["tomsk"], False),
    (VIEWER_TOMSK, "view", ["tomsk"], True),
    (VIEWER_TOMSK, "view", ["amur"], False),
    (EDITOR_TOMSK, "view", ["amur"], True),
    (EDITOR_TOMSK, "change", ["tomsk"], True),
    (EDITOR_TOMSK, "change", ["amur"], False),
    (EDITOR_TOMSK, "change", ["tomsk", "amur"], False),  # a batch touching another passport is refused whole
    (EDITOR_TOMSK, "change", ["seversk"], False),
    (EDITOR_REGION, "change", ["seversk", "tomsk"], True),  # region:70 covers its municipalities
    (EDITOR_REGION, "change", ["blag"], False),
    (EDITOR_TOMSK, "undo", ["tomsk"], True),
    (EDITOR_TOMSK, "undo", ["tomsk", "amur"], False),
    (EDITOR_TOMSK, "examples", ["tomsk"], False),
    (EDITOR_TOMSK, "users", [], False),
    (ADMIN, "examples", [], True),
    (ADMIN, "undo", ["amur", "tomsk"], True),
    (ADMIN, "users", [], True),
    (Account("off", "admin", active=False), "view", ["amur"], False),
    (None, "view", ["amur"], False),
])
def test_role_passport_action(account, action, passports, allowed):
    assert may(account, action, passports, region_of) is allowed
    message = refusal(account, action, passports, region_of, {"amur": "Амурская область"})
    assert (message is None) is allowed
    if message:
        assert all(ord(c) < 128 or "\u0400" <= c <= "\u04ff" or c in "«»—…" for c in message)


def test_an_editor_without_passports_changes_nothing():
    assert not may(Account("e", "editor"), "change", ["tomsk"], region_of)
    assert not may(EDITOR_TOMSK, "change", [], region_of)


def test_region_entries_need_the_passport_region():
    assert covers(EDITOR_REGION, "tomsk", region_of)
    assert not covers(EDITOR_REGION, "unknown", region_of)


NOW = datetime(2026, 11, 30, 12, 0)


def test_five_wrong_passwords_lock_for_fifteen_minutes_even_the_right_one():
    state = LoginState()
    for _ in range(LOCK.attempts - 1):
        ok, state = after_attempt(state, False, NOW)
        assert not ok and state.locked_until is None
    ok, state = after_attempt(state, False, NOW)
    assert not ok and state.locked_until == NOW + timedelta(minutes=15) and "locked" in state.events
    ok, locked = after_attempt(state, True, NOW + timedelta(minutes=14))
    assert not ok and locked.events == ["refused_locked"]
    ok, state = after_attempt(state, True, NOW + timedelta(minutes=15))
    assert ok and state.failures == 0 and state.locked_until is None


@given(st.lists(st.booleans(), max_size=30))
def test_a_right_password_outside_a_lock_always_resets_the_count(attempts):
    state, now = LoginState(), NOW
    for ok_password in attempts:
        now += timedelta(minutes=1)
        ok, state = after_attempt(state, ok_password, now)
        if ok:
            assert state.failures == 0
        assert state.failures < LOCK.attempts
