"""The operator's Django admin shows actors and offers across territories, read-only for offers."""

import pytest


@pytest.fixture
def operator_client(client, operator, activate_totp):
    activate_totp(operator)
    client.force_login(operator)
    return client


def test_operator_lists_and_opens_actors_and_offers(operator_client, seller, make_offer):
    offer = make_offer(seller, "Fougasse")

    for url in [
        "/admin/actors/actor/",
        f"/admin/actors/actor/{seller.pk}/change/",
        "/admin/actors/market/",
        "/admin/catalog/offer/",
        f"/admin/catalog/offer/{offer.pk}/change/",
        "/admin/catalog/category/",
    ]:
        response = operator_client.get(url)
        assert response.status_code == 200, url
    assert "Fougasse" in operator_client.get("/admin/catalog/offer/").content.decode()


def test_offers_cannot_be_changed_from_the_admin(operator_client, seller, make_offer):
    offer = make_offer(seller, "Fougasse")
    response = operator_client.post(f"/admin/catalog/offer/{offer.pk}/change/", {"name": "X"})
    assert response.status_code == 403
    assert operator_client.get("/admin/catalog/offer/add/").status_code == 403


def test_territory_admins_have_no_django_admin(client, admin):
    client.force_login(admin)
    response = client.get("/admin/catalog/offer/")
    assert response.status_code in {302, 403}
    assert "Fougasse" not in response.content.decode()
