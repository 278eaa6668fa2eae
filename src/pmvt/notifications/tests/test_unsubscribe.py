"""Unsubscribe from an email, without logging in: GET asks, POST (or one-click) applies."""

import pytest
from django.core import signing
from django.utils import timezone

from pmvt.notifications.kinds import switchable_kinds
from pmvt.notifications.links import (
    UNSUBSCRIBE_SALT,
    unsubscribe_token,
    unsubscribe_token_read,
    unsubscribe_url,
)
from pmvt.notifications.models import NotificationPreference
from pmvt.notifications.selectors import preference_modes
from pmvt.notifications.services.preferences import preferences_save

BASE = "/compte/notifications/desinscription/"


def link(user, kind: str = "") -> str:
    return f"{BASE}{unsubscribe_token(user=user, kind=kind)}/"


def stored(user) -> dict[str, str]:
    return dict(NotificationPreference.objects.filter(user=user).values_list("kind", "mode"))


def test_token_round_trip_and_absolute_url(member, settings):
    token = unsubscribe_token(user=member, kind="event")
    request = unsubscribe_token_read(token)

    assert request is not None
    assert (request.user_id, request.kind) == (member.pk, "event")
    assert unsubscribe_url(user=member, kind="event") == (f"https://pmvt.example.fr{BASE}{token}/")


def test_get_asks_and_changes_nothing(client, member):
    response = client.get(link(member, "actor_verified"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ne plus recevoir ces courriels" in html
    assert member.email in html
    assert "Seulement les courriels «\u00a0Page de mon activité vérifiée\u00a0»" in html
    assert "Tous les courriels de notification, sauf ceux qui concernent vos commandes" in html
    assert "<legend>Courriels à arrêter" in html
    assert stored(member) == {}


def test_post_stops_one_kind(client, member):
    response = client.post(link(member, "actor_verified"), {"scope": "kind"})

    assert response.status_code == 200
    assert (
        "Vous ne recevrez plus de courriel pour «\u00a0Page de mon activité vérifiée\u00a0»."
        in (response.content.decode())
    )
    assert stored(member) == {"actor_verified": "in_app"}


def test_post_stops_every_email_that_is_not_mandatory(client, member):
    preferences_save(user=member, modes={"club": "off", "news": "instant"})

    response = client.post(link(member, "actor_verified"), {"scope": "all"})

    assert response.status_code == 200
    modes = preference_modes(user=member)
    assert {k.key for k in switchable_kinds() if modes[k.key] in {"instant", "digest"}} == set()
    assert modes["club"] == "off"  # Quieter than asked: left as it is.
    assert modes["order_status"] == "instant"


def test_one_click_post_applies_the_links_scope_without_csrf(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(link(member, "actor_verified"), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert stored(member) == {"actor_verified": "in_app"}


def test_one_click_from_a_digest_or_an_order_email_stops_every_optional_email(client, member):
    client.post(link(member), {"List-Unsubscribe": "One-Click"})

    modes = preference_modes(user=member)
    assert all(modes[k.key] not in {"instant", "digest"} for k in switchable_kinds())


def test_link_of_an_order_email_offers_only_the_optional_emails(client, member):
    html = client.get(link(member)).content.decode()

    assert "Seulement les courriels" not in html
    assert 'value="all"' in html


def test_a_choice_not_offered_is_refused_and_changes_nothing(client, member):
    response = client.post(link(member), {"scope": "kind"})

    assert response.status_code == 200
    assert "Choisissez une des options proposées." in response.content.decode()
    assert stored(member) == {}


@pytest.mark.parametrize(
    "token",
    [
        "pas-un-jeton",
        signing.dumps({"u": 1, "k": ""}, salt="another.salt"),
        signing.dumps(["not", "a", "dict"], salt=UNSUBSCRIBE_SALT),
        signing.dumps({"u": "1", "k": ""}, salt=UNSUBSCRIBE_SALT),
    ],
)
def test_an_invalid_link_is_a_clear_400_and_changes_nothing(client, member, token):
    for method in (client.get, client.post):
        response = method(f"{BASE}{token}/", {"scope": "all"} if method == client.post else {})

        assert response.status_code == 400
        assert "Lien de désinscription invalide" in response.content.decode()
    assert stored(member) == {}


def test_an_expired_link_is_refused(client, member, monkeypatch):
    token = unsubscribe_token(user=member)
    monkeypatch.setattr("pmvt.notifications.links.UNSUBSCRIBE_MAX_AGE", -1)

    response = client.post(f"{BASE}{token}/", {"scope": "all"})

    assert response.status_code == 400
    assert stored(member) == {}


def test_the_link_of_an_erased_account_is_refused(client, member):
    member.erased_at = timezone.now()
    member.save(update_fields=["erased_at"])

    assert client.post(link(member), {"List-Unsubscribe": "One-Click"}).status_code == 400
    assert stored(member) == {}


def test_one_click_on_the_link_of_a_kind_no_longer_registered_stops_every_optional_email(
    client, member
):
    response = client.post(link(member, "retired_kind"), {"List-Unsubscribe": "One-Click"})

    assert "sauf ceux qui concernent vos commandes" in response.content.decode()
    modes = preference_modes(user=member)
    assert all(modes[k.key] not in {"instant", "digest"} for k in switchable_kinds())
