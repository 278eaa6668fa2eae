"""Weekly markets: the public list, the printable schedule, admins' management, stalls."""

from datetime import time

import pytest

from pmvt.actors.models import Market, MarketStall
from pmvt.actors.services.actors import actor_suspend
from pmvt.actors.services.markets import (
    market_create,
    market_delete,
    market_stall_remove,
    market_stall_set,
    market_update,
)
from pmvt.actors.services.staff import actor_staff_add
from pmvt.actors.tests.conftest import TERRITORY, messages_of
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.territories.models import Commune

NBSP = "\u00a0"
MARKETS = f"{TERRITORY}/marche/marches/"
GESTION = f"{TERRITORY}/gestion/marches/"


def stalls(market) -> list[tuple[str, bool]]:
    return list(
        MarketStall.objects.filter(market=market)
        .order_by("actor__legal_name")
        .values_list("actor__legal_name", "offers_pickup")
    )


# --- services ---------------------------------------------------------------------------------


def test_an_admin_creates_a_market(territory, admin, commune):
    market = market_create(
        territory=territory,
        by=admin,
        name="  Marché de  Roussillon ",
        commune=commune,
        place="Place de la Poste",
        weekday=3,
        start_time=time(8),
        end_time=time(12, 30),
        season_start_month=4,
        season_end_month=10,
    )

    assert (market.name, market.slug, market.weekday) == (
        "Marché de Roussillon",
        "marche-de-roussillon",
        3,
    )
    assert (market.season_start_month, market.season_end_month) == (4, 10)
    assert not market.is_all_year
    assert [m for m in range(1, 13) if market.is_in_season(m)] == [4, 5, 6, 7, 8, 9, 10]


def test_a_winter_season_wraps_around_the_new_year(make_market):
    market = make_market("Marché de Noël", season_start_month=11, season_end_month=2)

    assert [m for m in range(1, 13) if market.is_in_season(m)] == [1, 2, 11, 12]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"end_time": time(7)}, "L'heure de fin doit être après l'heure de début."),
        ({"weekday": 9}, "Choisissez le jour du marché."),
        ({"name": ""}, "Indiquez le nom du marché (200 caractères au plus)."),
        ({"season_start_month": 13}, "Choisissez un mois dans la liste."),
        (
            {"place": " "},
            f"Indiquez le lieu du marché, par exemple «{NBSP}place de la Bouquerie{NBSP}».",
        ),
    ],
)
def test_rejects_bad_markets_and_creates_nothing(make_market, values, message):
    with pytest.raises(ApplicationError) as error:
        make_market(**values)

    assert str(error.value.message) == message
    assert Market.objects.count() == 0


def test_rejects_a_commune_of_another_territory(make_market, other_territory):
    with pytest.raises(ApplicationError):
        make_market(commune=Commune.objects.filter(territory=other_territory).first())

    assert Market.objects.count() == 0


def test_an_update_keeps_the_address_of_the_market(make_market, admin):
    market = make_market("Marché d'Apt")

    market_update(market=market, by=admin, values={"name": "Grand marché d'Apt", "weekday": 2})

    market.refresh_from_db()
    assert (market.name, market.weekday, market.slug) == ("Grand marché d'Apt", 2, "marche-dapt")


def test_a_bad_update_changes_nothing(make_market, admin):
    market = make_market("Marché d'Apt")

    with pytest.raises(ApplicationError):
        market_update(market=market, by=admin, values={"name": "Nouveau", "end_time": time(6)})

    market.refresh_from_db()
    assert market.name == "Marché d'Apt"


@pytest.mark.parametrize("who", ["member", "moderator", "owner", "other_admin"])
def test_only_admins_create_change_or_delete_markets(request, make_market, commune, territory, who):
    user = request.getfixturevalue(who)
    market = make_market("Marché d'Apt")

    with pytest.raises(PermissionDeniedError):
        market_create(
            territory=territory,
            by=user,
            name="Faux",
            commune=commune,
            place="Ici",
            weekday=1,
            start_time=time(8),
            end_time=time(9),
        )
    with pytest.raises(PermissionDeniedError):
        market_update(market=market, by=user, values={"name": "Piraté"})
    with pytest.raises(PermissionDeniedError):
        market_delete(market=market, by=user)

    assert list(Market.objects.values_list("name", flat=True)) == ["Marché d'Apt"]


def test_an_actor_editor_declares_a_stall_and_pickup(make_market, actor, owner):
    market = make_market()

    market_stall_set(market=market, actor=actor, by=owner, offers_pickup=True)
    market_stall_set(market=market, actor=actor, by=owner, offers_pickup=False)

    assert stalls(market) == [("Boulangerie des Ocres", False)]
    market_stall_remove(market=market, actor=actor, by=owner)
    assert stalls(market) == []


def test_only_verified_actors_hold_a_stall(make_market, make_actor, operator):
    pending = make_actor("En attente", verified=False)

    with pytest.raises(ApplicationError) as error:
        market_stall_set(market=make_market(), actor=pending, by=operator)

    assert error.value.code == "not_verified"
    assert MarketStall.objects.count() == 0


def test_staff_without_page_rights_cannot_declare_a_stall(make_market, actor, owner, make_user):
    seller = make_user("vendeur@fournil.test")
    actor_staff_add(actor=actor, user=seller, role="staff", by=owner)

    with pytest.raises(PermissionDeniedError):
        market_stall_set(market=make_market(), actor=actor, by=seller)

    assert MarketStall.objects.count() == 0


def test_a_market_of_another_territory_takes_no_stall(
    make_market, make_actor, other_territory, operator
):
    elsewhere = make_actor("Boulangerie de Thann", in_territory=other_territory)

    with pytest.raises(ApplicationError):
        market_stall_set(market=make_market(), actor=elsewhere, by=operator)

    assert MarketStall.objects.count() == 0


# --- public pages -----------------------------------------------------------------------------


@pytest.fixture
def apt_market(make_market, make_actor, operator, admin):
    market = make_market("Marché d'Apt", description="Le grand marché du samedi.")
    farm = make_actor("Les Jardins de Gargas", naf_code="01.13Z")
    honey = make_actor("Le Rucher de Saignon", naf_code="01.49Z")
    suspended = make_actor("Boucherie suspendue", naf_code="47.22Z")
    market_stall_set(market=market, actor=farm, by=operator, offers_pickup=True)
    market_stall_set(market=market, actor=honey, by=operator)
    market_stall_set(market=market, actor=suspended, by=operator)
    actor_suspend(actor=suspended, by=admin, reason="Contrôle.")
    return market


def test_lists_markets_with_their_verified_producers(client, apt_market, make_market):
    make_market(
        "Marché de Roussillon",
        weekday=3,
        end_time=time(12, 30),
        season_start_month=4,
        season_end_month=10,
    )

    response = client.get(MARKETS)

    assert response.status_code == 200
    content = response.content.decode()
    assert [m.name for m in response.context["markets"]] == [
        "Marché de Roussillon",
        "Marché d'Apt",
    ]
    assert f"Le samedi, de 8{NBSP}h à 13{NBSP}h" in content
    assert f"Le jeudi, de 8{NBSP}h à 12{NBSP}h{NBSP}30" in content
    assert "toute l&#x27;année" in content
    assert "d&#x27;avril à octobre" in content
    assert "Les Jardins de Gargas" in content
    assert "Le Rucher de Saignon" in content
    assert "Boucherie suspendue" not in content
    assert content.count("Retrait des commandes au stand") == 1
    assert response.context["current_door"] == "market"


def test_the_printable_schedule_lists_every_market_in_a_table(client, apt_market):
    response = client.get(f"{MARKETS}imprimer/")

    assert response.status_code == 200
    content = response.content.decode()
    assert ">Marchés de plein vent, jour par jour</caption>" in content
    assert "<td>Le Rucher de Saignon, Les Jardins de Gargas (R)</td>" in content
    assert "Boucherie suspendue" not in content


def test_markets_of_another_territory_are_not_listed(client, make_market, other_territory):
    make_market(
        "Marché de Thann",
        territory=other_territory,
        commune=Commune.objects.filter(territory=other_territory).first(),
    )

    assert "Marché de Thann" not in client.get(MARKETS).content.decode()


# --- back office ------------------------------------------------------------------------------


def market_post(commune, **values):
    return {
        "name": "Marché de Gargas",
        "commune": commune.pk,
        "place": "Place de la Mairie",
        "weekday": "2",
        "start_time": "08:00",
        "end_time": "12:00",
        "season_start_month": "1",
        "season_end_month": "12",
        **values,
    }


def test_an_admin_adds_a_market_from_the_back_office(admin_client, commune):
    response = admin_client.post(f"{GESTION}nouveau/", market_post(commune))

    market = Market.objects.get()
    assert response["Location"] == f"{GESTION}{market.slug}/"
    assert (market.name, market.weekday, market.start_time) == ("Marché de Gargas", 2, time(8))


def test_a_bad_market_form_shows_french_errors_and_creates_nothing(admin_client, commune):
    response = admin_client.post(
        f"{GESTION}nouveau/", market_post(commune, end_time="07:00", name="Marché")
    )

    assert response.status_code == 200
    assert "L&#x27;heure de fin doit être après l&#x27;heure de début." in response.content.decode()
    assert Market.objects.count() == 0


def test_an_admin_edits_a_market_and_its_stalls(admin_client, make_market, actor, commune):
    market = make_market()

    admin_client.post(f"{GESTION}{market.slug}/", market_post(commune, name="Grand marché"))
    admin_client.post(
        f"{GESTION}{market.slug}/exposants/", {"actor": actor.pk, "offers_pickup": "on"}
    )

    market.refresh_from_db()
    assert market.name == "Grand marché"
    assert stalls(market) == [("Boulangerie des Ocres", True)]
    page = admin_client.get(f"{GESTION}{market.slug}/")
    assert "Retirer Boulangerie des Ocres" in page.content.decode()

    admin_client.post(f"{GESTION}{market.slug}/exposants/{actor.slug}/retirer/")
    assert stalls(market) == []


def test_the_stall_form_offers_only_verified_actors(admin_client, make_market, make_actor):
    market = make_market()
    pending = make_actor("En attente", verified=False)

    response = admin_client.post(f"{GESTION}{market.slug}/exposants/", {"actor": pending.pk})

    assert response.status_code == 400
    assert MarketStall.objects.count() == 0


def test_an_admin_deletes_a_market(admin_client, make_market):
    market = make_market()

    response = admin_client.post(f"{GESTION}{market.slug}/supprimer/", follow=True)

    assert Market.objects.count() == 0
    assert messages_of(response) == [f"Le marché «{NBSP}Marché d'Apt{NBSP}» a été supprimé."]


@pytest.mark.parametrize("who", ["member", "moderator", "owner", "other_admin"])
def test_non_admins_cannot_use_the_markets_back_office(
    client, request, make_market, commune, activate_totp, who
):
    market = make_market()
    user = request.getfixturevalue(who)
    activate_totp(user)  # Two-factor authentication does not open another territory.
    client.force_login(user)

    assert client.get(GESTION).status_code == 403
    assert client.get(f"{GESTION}{market.slug}/").status_code == 403
    assert client.post(f"{GESTION}nouveau/", market_post(commune)).status_code == 403
    assert client.post(f"{GESTION}{market.slug}/supprimer/").status_code == 403
    assert Market.objects.count() == 1


def test_the_operator_manages_markets(client, operator, activate_totp, make_market):
    activate_totp(operator)
    client.force_login(operator)

    assert client.get(GESTION).status_code == 200


def test_a_market_of_another_territory_is_not_found(admin_client, make_market, other_territory):
    market = make_market(
        "Marché de Thann",
        territory=other_territory,
        commune=Commune.objects.filter(territory=other_territory).first(),
    )

    assert admin_client.get(f"{GESTION}{market.slug}/").status_code == 404
    assert admin_client.post(f"{GESTION}{market.slug}/supprimer/").status_code == 404
    assert Market.objects.count() == 1


# --- the actor's side -------------------------------------------------------------------------


def test_an_owner_says_they_attend_a_market_with_pickup(client, make_market, actor, owner):
    market = make_market()
    client.force_login(owner)
    url = f"{TERRITORY}/espace-pro/{actor.slug}/marches/"

    page = client.get(url)
    heading = f'<h2 class="card__title" id="pro-market-{market.pk}">Marché d&#x27;Apt</h2>'
    assert heading in page.content.decode()
    response = client.post(
        f"{url}{market.slug}/",
        {f"m{market.pk}-attends": "on", f"m{market.pk}-offers_pickup": "on"},
        follow=True,
    )

    assert stalls(market) == [("Boulangerie des Ocres", True)]
    assert messages_of(response) == [f"Votre stand est enregistré{NBSP}: Marché d'Apt."]
    client.post(f"{url}{market.slug}/", {})
    assert stalls(market) == []


@pytest.mark.parametrize("who", ["member", "admin_of_other_territory", "staff"])
def test_others_cannot_declare_a_stall_for_the_actor(
    client, request, make_market, actor, owner, make_user, who
):
    market = make_market()
    if who == "staff":
        user = make_user("vendeur@fournil.test")
        actor_staff_add(actor=actor, user=user, role="staff", by=owner)
    elif who == "member":
        user = request.getfixturevalue("member")
    else:
        user = request.getfixturevalue("other_admin")
    client.force_login(user)

    response = client.post(
        f"{TERRITORY}/espace-pro/{actor.slug}/marches/{market.slug}/",
        {f"m{market.pk}-attends": "on"},
    )

    assert response.status_code == 403
    assert stalls(market) == []
