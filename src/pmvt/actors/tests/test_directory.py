"""The public directory and map of actors: filters, open now, pagination, isolation."""

import json
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pmvt.actors.models import ActorKind, ActorLabel, CaplaFamily
from pmvt.actors.selectors import DirectoryFilters, actor_directory
from pmvt.actors.services.actors import actor_suspend
from pmvt.actors.services.page import actor_closure_add, actor_opening_hours_set
from pmvt.actors.tests.conftest import TERRITORY
from pmvt.actors.views import public
from pmvt.territories.models import Commune

DIRECTORY = f"{TERRITORY}/marche/acteurs/"
PARIS = ZoneInfo("Europe/Paris")
ALL_DAY = [(day, time(0), time(23, 59, 59)) for day in range(7)]


def names(response) -> list[str]:
    return [a.display_name for a in response.context["page_obj"].object_list]


def test_lists_only_verified_actors_by_name(client, make_actor, admin):
    make_actor("Vergers de Goult", naf_code="01.24Z")
    make_actor("Atelier Terre d'Ocre", naf_code="23.41Z")
    make_actor("Boulangerie en attente", verified=False)
    suspended = make_actor("Boucherie suspendue", naf_code="47.22Z")
    actor_suspend(actor=suspended, by=admin, reason="Contrôle.")

    response = client.get(DIRECTORY)

    assert response.status_code == 200
    assert names(response) == ["Atelier Terre d'Ocre", "Vergers de Goult"]
    assert response.context["current_door"] == "market"
    content = response.content.decode()
    assert "2 acteurs" in content
    assert "Boulangerie en attente" not in content


def test_filters_by_name_commune_family_section_label_and_services(
    client, make_actor, commune, gargas
):
    make_actor(
        "Boulangerie des Ocres", commune=commune, labels=["fait_maison"], offers_click_collect=True
    )
    make_actor(
        "Les Jardins de Gargas",
        naf_code="01.13Z",
        commune=gargas,
        labels=["bio", "vente_directe"],
        offers_delivery=True,
    )
    make_actor("Cabinet de kinésithérapie", naf_code="86.90E", commune=commune)
    make_actor("AMAP du Pays d'Apt", kind=ActorKind.ASSOCIATION, naf_code="94.99Z", siret="")

    def found(**params):
        return names(client.get(DIRECTORY, params))

    assert found(q="jardins") == ["Les Jardins de Gargas"]
    assert found(commune=gargas.pk) == ["Les Jardins de Gargas"]
    assert found(famille=CaplaFamily.LIBERAL) == ["Cabinet de kinésithérapie"]
    assert found(activite="A") == ["Les Jardins de Gargas"]
    assert found(activite="Q") == ["Cabinet de kinésithérapie"]
    assert found(activite="S") == ["AMAP du Pays d'Apt"]
    assert found(label="bio") == ["Les Jardins de Gargas"]
    assert found(label="vente_directe") == ["Les Jardins de Gargas"]
    assert found(label=ActorLabel.HVE) == []
    assert found(retrait="on") == ["Boulangerie des Ocres"]
    assert found(livraison="on") == ["Les Jardins de Gargas"]
    assert found(famille=CaplaFamily.ARTISAN, commune=commune.pk) == ["Boulangerie des Ocres"]


def test_ignores_invalid_filters_and_lists_everything(client, make_actor):
    make_actor("Boulangerie des Ocres")

    response = client.get(DIRECTORY, {"famille": "pirate", "commune": "x"})

    assert response.status_code == 200
    assert names(response) == ["Boulangerie des Ocres"]


def test_label_filter_does_not_match_a_longer_label(make_actor, territory):
    make_actor("Ferme", naf_code="01.13Z", labels=["producteur_local"])

    assert list(actor_directory(territory=territory, filters=DirectoryFilters(label="bio"))) == []


def test_open_now_follows_paris_hours_and_closures(make_actor, owner, territory):
    bakery = make_actor("Boulangerie des Ocres", owner=owner)
    farm = make_actor("Ferme", naf_code="01.13Z")
    farm_owner = farm.staff.get().user
    # Tuesday 3 November 2026: 8:00–12:30 at the bakery, 16:00–19:00 at the farm.
    actor_opening_hours_set(actor=bakery, by=owner, hours=[(1, time(8), time(12, 30))])
    actor_opening_hours_set(actor=farm, by=farm_owner, hours=[(1, time(16), time(19))])

    def open_at(hour, minute=0, day=3):
        at = datetime(2026, 11, day, hour, minute, tzinfo=PARIS)
        qs = actor_directory(territory=territory, filters=DirectoryFilters(open_now=True), at=at)
        return [a.display_name for a in qs]

    assert open_at(7, 59) == []
    assert open_at(8) == ["Boulangerie des Ocres"]
    assert open_at(12, 29) == ["Boulangerie des Ocres"]
    assert open_at(12, 30) == []
    assert open_at(17) == ["Ferme"]
    assert open_at(9, day=4) == []  # Wednesday
    # 8:00 in Paris is 7:00 UTC in winter: the check uses Paris time.
    utc = datetime(2026, 11, 3, 7, 0, tzinfo=ZoneInfo("UTC"))
    assert [
        a.display_name
        for a in actor_directory(
            territory=territory, filters=DirectoryFilters(open_now=True), at=utc
        )
    ] == ["Boulangerie des Ocres"]


def test_an_exceptional_closure_closes_the_actor(make_actor, owner, territory):
    bakery = make_actor("Boulangerie des Ocres", owner=owner)
    actor_opening_hours_set(actor=bakery, by=owner, hours=ALL_DAY)
    today = timezone.localdate()
    actor_closure_add(actor=bakery, by=owner, start_date=today, end_date=today + timedelta(days=1))

    qs = actor_directory(territory=territory, filters=DirectoryFilters(open_now=True))
    assert list(qs) == []
    listed = actor_directory(territory=territory).get()
    assert listed.is_open_now is False  # type: ignore[attr-defined]


def test_the_directory_shows_the_open_now_badge(client, make_actor, owner):
    bakery = make_actor("Boulangerie des Ocres", owner=owner)
    actor_opening_hours_set(actor=bakery, by=owner, hours=ALL_DAY)
    make_actor("Ferme fermée", naf_code="01.13Z")

    response = client.get(DIRECTORY, {"ouvert": "on"})

    assert names(response) == ["Boulangerie des Ocres"]
    assert "Ouvert maintenant" in response.content.decode()


def map_data(response) -> dict:
    content = response.content.decode()
    block = content.split('<script id="actors-map-data" type="application/json">')[1]
    return json.loads(block.split("</script>")[0])


def test_the_map_data_holds_every_filtered_actor_not_only_the_page(
    client, make_actor, commune, gargas, monkeypatch
):
    monkeypatch.setattr(public, "ACTORS_PER_PAGE", 2)
    Commune.objects.filter(pk=commune.pk).update(latitude="43.8765", longitude="5.3963")
    for n in range(3):
        make_actor(f"Acteur {n}", commune=commune)
    make_actor("Sur place", commune=commune, latitude="43.877", longitude="5.401")
    make_actor("Sans point", commune=gargas)  # Neither its own point nor its commune's.

    response = client.get(DIRECTORY)

    data = map_data(response)
    assert data["tiles"] == ""  # Tests have no tile server.
    assert data["markers"] == [
        *(
            {
                "name": f"Acteur {n}",
                "meta": "Apt",
                "url": f"{TERRITORY}/marche/acteurs/acteur-{n}/",
                "lat": 43.8765,
                "lng": 5.3963,
            }
            for n in range(3)
        ),
        {
            "name": "Sur place",
            "meta": "Apt",
            "url": f"{TERRITORY}/marche/acteurs/sur-place/",
            "lat": 43.877,
            "lng": 5.401,
        },
    ]
    assert len(names(response)) == 2
    assert 'src="/static/actors/js/map.js"' in response.content.decode()


def test_the_map_escapes_names_that_look_like_html(client, make_actor):
    make_actor("</script><script>alert(1)</script>")

    content = client.get(DIRECTORY).content.decode()

    assert "<script>alert(1)</script>" not in content


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_page(
    client, make_actor, monkeypatch, django_assert_num_queries, owner
):
    for n in range(12):
        actor = make_actor(f"Acteur {n:02d}", labels=["bio"], offers_click_collect=True)
        if n == 0:
            actor_opening_hours_set(actor=actor, by=actor.staff.get().user, hours=ALL_DAY)
    monkeypatch.setattr(public, "ACTORS_PER_PAGE", 3)
    small = _queries(client, DIRECTORY)
    monkeypatch.setattr(public, "ACTORS_PER_PAGE", 12)

    # Territory, page count, page of actors, map markers, communes of the filter.
    with django_assert_num_queries(5):
        client.get(DIRECTORY)
    assert small == 5


def test_an_actor_of_another_territory_never_appears(client, make_actor, other_territory):
    make_actor("Boulangerie de Thann", in_territory=other_territory)

    response = client.get(DIRECTORY, {"q": "Thann"})

    assert names(response) == []
    assert "Boulangerie de Thann" not in response.content.decode()


def test_pagination_keeps_the_filters(client, make_actor, monkeypatch):
    monkeypatch.setattr(public, "ACTORS_PER_PAGE", 2)
    for n in range(3):
        make_actor(f"Primeur {n}", naf_code="47.21Z")

    response = client.get(DIRECTORY, {"famille": "commercant"})

    assert 'href="?famille=commercant&amp;page=2"' in response.content.decode()
    assert names(client.get(DIRECTORY, {"famille": "commercant", "page": 2})) == ["Primeur 2"]


@pytest.mark.parametrize("page", ["1", "999", "x"])
def test_any_page_number_answers(client, make_actor, page):
    make_actor("Boulangerie des Ocres")

    assert client.get(DIRECTORY, {"page": page}).status_code == 200
