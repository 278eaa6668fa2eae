"""The territory's verification queue over HTTP: who may see it and act, and what changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pmvt.actors.models import Actor, ActorStatus
from pmvt.actors.services.actors import actor_suspend
from pmvt.actors.tests.conftest import TERRITORY, messages_of
from pmvt.notifications.models import Notification

NBSP = "\u00a0"
QUEUE = f"{TERRITORY}/gestion/acteurs/"


def status_of(actor) -> str:
    return Actor.objects.get(pk=actor.pk).status


@pytest.fixture
def pending(make_actor, owner):
    return make_actor("Boulangerie des Ocres", owner=owner, verified=False)


def test_the_queue_lists_pending_actors_first(admin_client, pending, make_actor):
    make_actor("Déjà vérifié", naf_code="47.21Z")

    response = admin_client.get(QUEUE)

    assert response.status_code == 200
    assert [a.display_name for a in response.context["page_obj"].object_list] == [
        "Boulangerie des Ocres"
    ]
    content = response.content.decode()
    assert "elodie@fournil.test" in content
    assert "Vérifier Boulangerie des Ocres" in content
    assert response.context["counts"] == [
        ("En attente de vérification", 1),
        ("Vérifié", 1),
        ("Suspendu", 0),
    ]


def test_the_queue_filters_by_status(admin_client, pending, make_actor):
    make_actor("Déjà vérifié", naf_code="47.21Z")

    verified = admin_client.get(QUEUE, {"statut": "verified"})
    everything = admin_client.get(QUEUE, {"statut": ""})

    assert [a.display_name for a in verified.context["page_obj"].object_list] == ["Déjà vérifié"]
    assert len(everything.context["page_obj"].object_list) == 2


def test_the_back_office_menu_links_to_the_actors(admin_client, territory):
    content = admin_client.get(f"{TERRITORY}/gestion/").content.decode()

    assert f'href="{QUEUE}"' in content


def test_an_admin_verifies_from_the_queue(admin_client, pending, owner):
    response = admin_client.post(f"{QUEUE}{pending.slug}/verifier/", {"next": "queue"}, follow=True)

    assert response.redirect_chain == [(QUEUE, 302)]
    assert status_of(pending) == ActorStatus.VERIFIED
    assert messages_of(response) == [
        f"Boulangerie des Ocres est vérifié{NBSP}: sa page est publiée."
    ]
    assert Notification.objects.filter(user=owner, kind="actor_verified").count() == 1


def test_an_admin_suspends_with_a_reason_then_reinstates(admin_client, actor):
    admin_client.post(f"{QUEUE}{actor.slug}/suspendre/", {"reason": "SIRET radié."})
    assert (status_of(actor), Actor.objects.get(pk=actor.pk).status_reason) == (
        ActorStatus.SUSPENDED,
        "SIRET radié.",
    )
    detail = admin_client.get(f"{QUEUE}{actor.slug}/")
    assert "Rétablir l'acteur" in detail.content.decode()

    admin_client.post(f"{QUEUE}{actor.slug}/retablir/")
    assert status_of(actor) == ActorStatus.VERIFIED


def test_a_suspension_without_reason_is_refused(admin_client, actor):
    response = admin_client.post(f"{QUEUE}{actor.slug}/suspendre/", {"reason": "  "})

    assert response.status_code == 400
    assert "reason" in response.context["suspend_form"].errors
    assert status_of(actor) == ActorStatus.VERIFIED


def test_an_invalid_transition_is_explained(admin_client, actor):
    response = admin_client.post(f"{QUEUE}{actor.slug}/verifier/", follow=True)

    assert messages_of(response) == ["Seul un acteur en attente de vérification peut être vérifié."]
    assert status_of(actor) == ActorStatus.VERIFIED


def test_the_operator_verifies(client, operator, activate_totp, pending):
    activate_totp(operator)
    client.force_login(operator)

    assert client.get(QUEUE).status_code == 200
    client.post(f"{QUEUE}{pending.slug}/verifier/")
    assert status_of(pending) == ActorStatus.VERIFIED


@pytest.mark.parametrize("who", ["member", "moderator", "owner", "other_admin"])
def test_others_get_403_and_change_nothing(
    client, request, activate_totp, pending, actor, make_actor, admin, who
):
    suspended = make_actor("Suspendu", naf_code="47.21Z")
    actor_suspend(actor=suspended, by=admin, reason="Contrôle.")
    user = request.getfixturevalue(who)
    activate_totp(user)
    client.force_login(user)

    assert client.get(QUEUE).status_code == 403
    assert client.get(f"{QUEUE}{pending.slug}/").status_code == 403
    assert client.post(f"{QUEUE}{pending.slug}/verifier/").status_code == 403
    assert client.post(f"{QUEUE}{actor.slug}/suspendre/", {"reason": "x"}).status_code == 403
    assert client.post(f"{QUEUE}{suspended.slug}/retablir/").status_code == 403
    assert [status_of(a) for a in (pending, actor, suspended)] == [
        ActorStatus.PENDING,
        ActorStatus.VERIFIED,
        ActorStatus.SUSPENDED,
    ]


def test_an_admin_without_two_factor_is_sent_to_set_it_up(client, admin, pending):
    client.force_login(admin)

    response = client.post(f"{QUEUE}{pending.slug}/verifier/")

    assert response["Location"] == "/compte/2fa/totp/activate/"
    assert status_of(pending) == ActorStatus.PENDING


def test_an_actor_of_another_territory_is_not_found(admin_client, make_actor, other_territory):
    elsewhere = make_actor("Boulangerie de Thann", in_territory=other_territory, verified=False)

    assert admin_client.get(f"{QUEUE}{elsewhere.slug}/").status_code == 404
    assert admin_client.post(f"{QUEUE}{elsewhere.slug}/verifier/").status_code == 404
    assert status_of(elsewhere) == ActorStatus.PENDING


def test_the_queue_query_count_does_not_grow_with_its_length(admin_client, make_actor):
    make_actor("Premier", verified=False)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(QUEUE)
    for n in range(10):
        make_actor(f"Acteur {n}", verified=False)
    with CaptureQueriesContext(connection) as many:
        admin_client.get(QUEUE)

    assert len(many) == len(few)
