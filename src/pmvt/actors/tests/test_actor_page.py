"""An actor's public page: details, hours, closures, markets, schema.org data, visibility."""

import json
from datetime import time, timedelta

import pytest
from django.utils import timezone

from pmvt.actors.services.actors import actor_suspend
from pmvt.actors.services.markets import market_stall_set
from pmvt.actors.services.page import actor_closure_add, actor_opening_hours_set
from pmvt.actors.tests.conftest import TERRITORY
from pmvt.territories.models import Commune

NBSP = "\u00a0"


def page_url(actor) -> str:
    return f"{TERRITORY}/marche/acteurs/{actor.slug}/"


def json_ld(response) -> dict:
    content = response.content.decode()
    block = content.split('<script type="application/ld+json">')[1].split("</script>")[0]
    return json.loads(block)


@pytest.fixture
def bakery(make_actor, owner, commune, operator, make_market):
    Commune.objects.filter(pk=commune.pk).update(latitude="43.8765", longitude="5.3963")
    actor = make_actor(
        "SARL Fournil des Ocres",
        owner=owner,
        commune=commune,
        trade_name="Boulangerie des Ocres",
        address="14 rue des Marchands",
        phone="04 90 74 00 00",
        email="contact@fournil.test",
        website="https://fournil.example",
        description="Pains au levain cuits au feu de bois.",
        labels=["fait_maison", "artisan"],
        offers_click_collect=True,
    )
    actor_opening_hours_set(
        actor=actor,
        by=owner,
        hours=[(1, time(6, 30), time(13)), (1, time(15, 30), time(19, 30)), (5, time(7), time(13))],
    )
    start = timezone.localdate() + timedelta(days=3)
    actor_closure_add(
        actor=actor,
        by=owner,
        start_date=start,
        end_date=start + timedelta(days=6),
        reason="Congés annuels",
    )
    market = make_market("Marché d'Apt")
    market_stall_set(market=market, actor=actor, by=operator, offers_pickup=True)
    return actor


def test_shows_the_actors_details_hours_closures_and_markets(client, bakery):
    response = client.get(page_url(bakery))

    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Boulangerie des Ocres</h1>" in content
    assert "Artisan · Apt · Boulangerie et boulangerie-pâtisserie" in content
    assert "Pains au levain cuits au feu de bois." in content
    assert 'href="tel:0490740000"' in content
    assert "10.71C – Boulangerie et boulangerie-pâtisserie" in content
    assert f"6{NBSP}h{NBSP}30 – 13{NBSP}h<br>15{NBSP}h{NBSP}30 – 19{NBSP}h{NBSP}30" in content
    assert "Fait maison" in content
    assert "Congés annuels" in content
    assert "Marché d&#x27;Apt</a>" in content
    assert "retrait des commandes au stand" in content
    assert response.context["hours"][1] == (
        "mardi",
        [f"6{NBSP}h{NBSP}30 – 13{NBSP}h", f"15{NBSP}h{NBSP}30 – 19{NBSP}h{NBSP}30"],
    )
    assert response.context["hours"][0] == ("lundi", [])


def test_describes_the_actor_as_a_schema_org_local_business(client, bakery):
    data = json_ld(client.get(page_url(bakery)))

    assert data["@type"] == "LocalBusiness"
    assert data["name"] == "Boulangerie des Ocres"
    assert data["legalName"] == "SARL Fournil des Ocres"
    assert data["url"] == f"http://testserver{TERRITORY}/marche/acteurs/boulangerie-des-ocres/"
    assert data["telephone"] == "04 90 74 00 00"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "14 rue des Marchands",
        "addressLocality": "Apt",
        "postalCode": "84400",
        "addressCountry": "FR",
    }
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 43.8765, "longitude": 5.3963}
    assert data["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Tuesday",
            "opens": "06:30",
            "closes": "13:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Tuesday",
            "opens": "15:30",
            "closes": "19:30",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Saturday",
            "opens": "07:00",
            "closes": "13:00",
        },
    ]
    assert len(data["specialOpeningHoursSpecification"]) == 1


def test_the_json_ld_block_cannot_be_broken_out_of(client, make_actor, owner):
    actor = make_actor("Fournil", owner=owner, description="</script><script>alert(1)</script>")

    response = client.get(page_url(actor))

    content = response.content.decode()
    assert "<script>alert(1)" not in content
    assert json_ld(response)["description"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize("who", [None, "member", "other_admin"])
def test_a_pending_actor_is_hidden_from_the_public(client, request, make_actor, who):
    pending = make_actor("En attente", verified=False)
    if who:
        client.force_login(request.getfixturevalue(who))

    assert client.get(page_url(pending)).status_code == 404


def test_a_suspended_actor_is_hidden_from_the_public(client, actor, admin):
    actor_suspend(actor=actor, by=admin, reason="Contrôle.")

    assert client.get(page_url(actor)).status_code == 404


@pytest.mark.parametrize("who", ["owner", "admin"])
def test_the_team_and_the_admins_preview_an_unpublished_page(
    client, request, make_actor, owner, who
):
    pending = make_actor("En attente", owner=owner, verified=False)
    client.force_login(request.getfixturevalue(who))

    response = client.get(page_url(pending))

    assert response.status_code == 200
    assert "Cette page n'est pas publiée (statut\u00a0: En attente de vérification)" in (
        response.content.decode()
    )


def test_editors_get_a_link_to_edit_the_page(client, actor, owner):
    client.force_login(owner)

    content = client.get(page_url(actor)).content.decode()

    assert f'href="{TERRITORY}/espace-pro/{actor.slug}/fiche/"' in content


def test_visitors_get_no_edit_link(client, actor):
    assert "/fiche/" not in client.get(page_url(actor)).content.decode()


def test_an_actor_of_another_territory_is_not_found_here(client, make_actor, other_territory):
    elsewhere = make_actor("Boulangerie de Thann", in_territory=other_territory)

    assert client.get(page_url(elsewhere)).status_code == 404
    assert (
        client.get(f"/t/{other_territory.slug}/marche/acteurs/{elsewhere.slug}/").status_code == 200
    )


def test_an_unknown_actor_is_not_found(client, territory):
    assert client.get(f"{TERRITORY}/marche/acteurs/personne/").status_code == 404
