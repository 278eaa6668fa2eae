"""The registry of kinds: defaults, mandatory kinds, kinds nobody registered."""

import pytest

from pmvt.notifications.kinds import (
    KINDS,
    NotificationMode,
    default_mode,
    is_mandatory,
    kind_register,
    mandatory_kinds,
    switchable_kinds,
)


@pytest.fixture
def restore_registry():
    saved = dict(KINDS)
    yield
    KINDS.clear()
    KINDS.update(saved)


def test_registers_the_marketplace_kinds_and_those_of_the_values_door():
    expected = {
        "order_placed",
        "order_status",
        "order_received",
        "order_cancelled",
        "actor_registered",
        "actor_verified",
        "actor_suspended",
        "actor_reinstated",
        "moderation",
        "news",
        "event",
        "idea",
        "consultation",
        "club",
        "aid",
    }
    assert expected <= set(KINDS)


def test_order_kinds_are_mandatory_and_instant():
    assert {k.key for k in mandatory_kinds()} >= {
        "order_placed",
        "order_status",
        "order_received",
        "order_cancelled",
    }
    assert all(k.default_mode == NotificationMode.INSTANT for k in mandatory_kinds())
    assert not any(k.mandatory for k in switchable_kinds())


def test_minor_kinds_are_quiet_by_default():
    assert default_mode("news") == NotificationMode.IN_APP
    assert default_mode("aid") == NotificationMode.IN_APP
    assert default_mode("event") == NotificationMode.DIGEST
    assert default_mode("club") == NotificationMode.DIGEST


def test_an_unknown_kind_is_instant_and_not_mandatory():
    assert default_mode("something_new") == NotificationMode.INSTANT
    assert is_mandatory("something_new") is False


def test_registering_a_kind_again_replaces_it(restore_registry):
    kind_register("news", label="Nouvelles", description="Autre texte", default_mode="digest")

    assert KINDS["news"].label == "Nouvelles"
    assert default_mode("news") == NotificationMode.DIGEST


def test_rejects_a_mandatory_kind_that_is_not_instant(restore_registry):
    with pytest.raises(ValueError, match="must default to instant"):
        kind_register(
            "bill", label="Facture", description="", default_mode="digest", mandatory=True
        )
    assert "bill" not in KINDS


def test_rejects_an_unknown_default_mode(restore_registry):
    with pytest.raises(ValueError):
        kind_register("bill", label="Facture", description="", default_mode="weekly")
    assert "bill" not in KINDS
