"""Pickup points and collective delivery rounds, run by the territory's admins."""

from datetime import time
from decimal import Decimal

import pytest

from pmvt.accounts.models import Role
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.orders.models import DeliveryRound, PickupPoint
from pmvt.orders.services.fulfilment import (
    delivery_round_create,
    delivery_round_update,
    pickup_point_create,
    pickup_point_update,
)
from pmvt.orders.tests.factories import messages_of, owner_of

LOGISTICS = "/t/pays-dapt-luberon/gestion/logistique/"


@pytest.fixture
def admin_client(client, admin, activate_totp):
    activate_totp(admin)
    client.force_login(admin)
    return client


def point_data(commune, **values) -> dict:
    data = {
        "name": "Mairie de Gargas",
        "kind": "mairie",
        "commune": commune("84047").pk,
        "address": "Place de la Mairie",
        "opening_info": "Du lundi au vendredi, de 9 h à 12 h",
        "is_active": "on",
    }
    data.update(values)
    return data


def round_data(commune, seller, **values) -> dict:
    data = {
        "name": "Tournée des villages du Luberon",
        "operator_name": "Luberon Logistique (SCIC)",
        "weekday": "1",
        "departure_time": "14:00",
        "fee": "2,50",
        "communes": [commune("84102").pk, commune("84020").pk],
        "sellers": [seller.pk],
        "is_active": "on",
    }
    data.update(values)
    return data


def test_admin_creates_a_pickup_point(admin_client, commune, seller):
    response = admin_client.post(
        f"{LOGISTICS}points/nouveau/", point_data(commune, sellers=[seller.pk]), follow=True
    )

    assert messages_of(response) == ["Le point de retrait est créé."]
    point = PickupPoint.objects.get()
    assert (point.name, point.kind, point.commune.name, point.is_active) == (
        "Mairie de Gargas",
        "mairie",
        "Gargas",
        True,
    )
    assert list(point.sellers.all()) == [seller]
    assert "Mairie de Gargas" in admin_client.get(LOGISTICS).content.decode()


def test_rejects_a_pickup_point_without_an_address(admin_client, commune):
    response = admin_client.post(f"{LOGISTICS}points/nouveau/", point_data(commune, address=""))

    assert "address" in response.context["form"].errors
    assert PickupPoint.objects.count() == 0


def test_admin_edits_and_closes_a_pickup_point(admin_client, admin, territory, commune):
    point = pickup_point_create(
        territory=territory,
        by=admin,
        name="Mairie de Gargas",
        kind="mairie",
        commune=commune("84047"),
        address="Place de la Mairie",
    )

    admin_client.post(
        f"{LOGISTICS}points/{point.pk}/",
        {
            k: v
            for k, v in point_data(commune, name="Mairie de Gargas (accueil)").items()
            if k != "is_active"
        },
    )

    point.refresh_from_db()
    assert (point.name, point.is_active) == ("Mairie de Gargas (accueil)", False)


def test_admin_creates_a_delivery_round(admin_client, commune, seller):
    admin_client.post(f"{LOGISTICS}tournees/nouvelle/", round_data(commune, seller))

    tour = DeliveryRound.objects.get()
    assert (tour.name, tour.weekday, tour.departure_time, tour.fee) == (
        "Tournée des villages du Luberon",
        1,
        time(14),
        Decimal("2.50"),
    )
    assert sorted(c.name for c in tour.communes.all()) == ["Bonnieux", "Roussillon"]
    assert list(tour.sellers.all()) == [seller]


def test_rejects_a_round_without_any_commune(admin_client, commune, seller):
    response = admin_client.post(
        f"{LOGISTICS}tournees/nouvelle/", round_data(commune, seller, communes=[])
    )

    assert "communes" in response.context["form"].errors
    assert DeliveryRound.objects.count() == 0


def test_admin_edits_a_round(admin_client, admin, territory, commune, seller):
    tour = delivery_round_create(
        territory=territory,
        by=admin,
        name="Tournée du mardi",
        operator_name="Luberon Logistique (SCIC)",
        weekday=1,
        departure_time=time(14),
        communes=[commune("84102")],
    )

    admin_client.post(f"{LOGISTICS}tournees/{tour.pk}/", round_data(commune, seller, weekday="3"))

    tour.refresh_from_db()
    assert (tour.name, tour.weekday) == ("Tournée des villages du Luberon", 3)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR])
def test_logistics_is_refused_to_other_roles(client, make_member, territory, role):
    client.force_login(make_member(territory, role))

    assert client.get(LOGISTICS).status_code == 403
    assert client.get(f"{LOGISTICS}points/nouveau/").status_code == 403


def test_logistics_is_refused_to_a_seller(client, seller):
    client.force_login(owner_of(seller))

    assert client.get(LOGISTICS).status_code == 403


def test_logistics_is_refused_to_the_admin_of_another_territory(
    client, territory, other_admin, activate_totp
):
    activate_totp(other_admin)
    client.force_login(other_admin)

    assert client.get(LOGISTICS).status_code == 403


def test_logistics_sends_anonymous_visitors_to_login(client, territory):
    assert client.get(LOGISTICS)["Location"] == f"/compte/login/?next={LOGISTICS}"


def test_a_point_of_another_territory_is_not_found(admin_client, other_territory, other_admin):
    from pmvt.territories.models import Commune

    point = pickup_point_create(
        territory=other_territory,
        by=other_admin,
        name="Mairie de Thann",
        kind="mairie",
        commune=Commune.objects.get(territory=other_territory, insee_code="68334"),
        address="Place Joffre",
    )

    assert admin_client.get(f"{LOGISTICS}points/{point.pk}/").status_code == 404


# --- Services ------------------------------------------------------------------------------


def test_service_refuses_a_non_admin(territory, member, commune):
    with pytest.raises(PermissionDeniedError):
        pickup_point_create(
            territory=territory,
            by=member,
            name="Mairie de Gargas",
            kind="mairie",
            commune=commune("84047"),
            address="Place de la Mairie",
        )

    assert PickupPoint.objects.count() == 0


def test_service_refuses_a_commune_of_another_territory(territory, admin, other_territory):
    from pmvt.territories.models import Commune

    thann = Commune.objects.get(territory=other_territory, insee_code="68334")

    with pytest.raises(ApplicationError) as error:
        delivery_round_create(
            territory=territory,
            by=admin,
            name="Tournée",
            operator_name="Luberon Logistique (SCIC)",
            weekday=1,
            departure_time=time(14),
            communes=[thann],
        )

    assert error.value.message == "Choisissez des communes du territoire."
    assert DeliveryRound.objects.count() == 0


def test_service_refuses_a_seller_of_another_territory(
    territory, admin, commune, make_seller, other_territory, other_admin
):
    alsace = make_seller("Cave de Thann", of=other_territory, insee="68334", verifier=other_admin)
    point = pickup_point_create(
        territory=territory,
        by=admin,
        name="Mairie de Gargas",
        kind="mairie",
        commune=commune("84047"),
        address="Place de la Mairie",
    )

    with pytest.raises(ApplicationError) as error:
        pickup_point_update(
            point=point,
            by=admin,
            name="Mairie de Gargas",
            kind="mairie",
            commune=commune("84047"),
            address="Place de la Mairie",
            sellers=[alsace],
        )

    assert error.value.message == "Choisissez des vendeurs du territoire."
    assert list(point.sellers.all()) == []


def test_service_refuses_an_unknown_weekday(territory, admin, commune):
    tour = delivery_round_create(
        territory=territory,
        by=admin,
        name="Tournée",
        operator_name="Luberon Logistique (SCIC)",
        weekday=1,
        departure_time=time(14),
        communes=[commune("84102")],
    )

    with pytest.raises(ApplicationError):
        delivery_round_update(
            delivery_round=tour,
            by=admin,
            name="Tournée",
            operator_name="Luberon Logistique (SCIC)",
            weekday=9,
            departure_time=time(14),
            communes=[commune("84102")],
        )

    tour.refresh_from_db()
    assert tour.weekday == 1
