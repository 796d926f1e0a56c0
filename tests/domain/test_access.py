"""The rules of access: role × passport × action, region lists, disabled accounts and sign-in throttling."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.access import THROTTLE, Account, covers, may, refusal, throttle_message

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


@pytest.mark.parametrize("rule", [THROTTLE.login_at_client, THROTTLE.client, THROTTLE.login])
def test_throttling_is_free_at_first_then_doubles_up_to_its_cap(rule):
    assert [rule.wait(n) for n in range(rule.free + 1)] == [0.0] * (rule.free + 1)
    assert rule.wait(rule.free + 1) == rule.first_s
    assert rule.wait(rule.free + 2) == min(rule.cap_s, 2 * rule.first_s)
    assert rule.wait(10_000) == rule.cap_s


@given(st.integers(min_value=0, max_value=100_000), st.integers(min_value=0, max_value=100))
def test_a_delay_never_shrinks_with_more_failures_and_never_exceeds_the_cap(failures, more):
    for rule in (THROTTLE.login_at_client, THROTTLE.client, THROTTLE.login):
        assert rule.wait(failures) <= rule.wait(failures + more) <= rule.cap_s


def test_a_login_tried_from_everywhere_costs_its_owner_seconds_not_a_lock_out():
    assert THROTTLE.login.cap_s <= 10 and THROTTLE.login_at_client.cap_s <= THROTTLE.client.cap_s
    assert throttle_message(4.2) == "Слишком много неудачных попыток входа: повторите через 4 с"
