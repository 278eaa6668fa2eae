"""The territory admins keep the product taxonomy: allow and deny, bad input, no dead ends."""

import pytest

from pmvt.catalog.models import Category
from pmvt.catalog.selectors import OfferFilters, offer_search
from pmvt.catalog.services.categories import category_add, category_delete, category_rename
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError

URL = "/t/pays-dapt-luberon/gestion/categories/"


@pytest.fixture
def admin_client(client, admin, activate_totp):
    activate_totp(admin)
    client.force_login(admin)
    return client


def test_admin_adds_a_category_and_a_subcategory(territory, admin):
    fruits = category_add(territory=territory, by=admin, name="Fruits")
    apples = category_add(territory=territory, by=admin, name="Pommes", parent=fruits)

    assert apples.parent == fruits
    assert Category.objects.filter(territory=territory, name="Pommes").exists()


@pytest.mark.parametrize("who", ["member", "owner"])
def test_others_cannot_change_the_taxonomy(territory, who, request, categories):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDeniedError):
        category_add(territory=territory, by=user, name="Fruits")
    with pytest.raises(PermissionDeniedError):
        category_rename(category=categories["pains"], by=user, name="Pains spéciaux")
    with pytest.raises(PermissionDeniedError):
        category_delete(category=categories["pains"], by=user)


def test_an_admin_of_another_territory_cannot_change_it(other_territory, make_member, categories):
    from pmvt.accounts.models import Role

    stranger = make_member(other_territory, Role.ADMIN, email="admin@thann.test")
    with pytest.raises(PermissionDeniedError):
        category_rename(category=categories["pains"], by=stranger, name="Pains")


def test_renaming_reindexes_the_offers(territory, admin, seller, make_offer, categories):
    make_offer(seller, "Fougasse", category="pains")

    category_rename(category=categories["pains"], by=admin, name="Viennoiseries salées")

    page = offer_search(
        territory=territory, query="viennoiseries", filters=OfferFilters(), sort="name"
    )
    assert [o.name for o in page.offers] == ["Fougasse"]


def test_a_duplicate_or_empty_name_is_refused(territory, admin, categories):
    with pytest.raises(ApplicationError, match="existe déjà"):
        category_rename(category=categories["epicerie"], by=admin, name="Services")
    with pytest.raises(ApplicationError, match="Indiquez le nom"):
        category_rename(category=categories["epicerie"], by=admin, name="  ")
    assert Category.objects.get(pk=categories["epicerie"].pk).name == "Épicerie"


def test_a_category_in_use_cannot_be_deleted(territory, admin, seller, make_offer, categories):
    make_offer(seller, "Fougasse", category="pains")

    with pytest.raises(ApplicationError, match="Une offre est rangée"):
        category_delete(category=categories["pains"], by=admin)
    assert Category.objects.filter(pk=categories["pains"].pk).exists()


def test_an_empty_category_is_deleted(territory, admin):
    empty = category_add(territory=territory, by=admin, name="Divers")
    category_delete(category=empty, by=admin)
    assert not Category.objects.filter(pk=empty.pk).exists()


def test_the_page_lists_the_tree_and_adds_through_the_form(admin_client, categories):
    page = admin_client.get(URL)
    assert page.status_code == 200
    assert "Pains" in page.content.decode()

    response = admin_client.post(URL, {"name": "Fromages", "parent": ""})
    assert response.status_code == 302
    assert Category.objects.filter(name="Fromages").exists()

    refused = admin_client.post(URL, {"name": "", "parent": ""})
    assert refused.status_code == 200
    assert "Ce champ est obligatoire" in refused.content.decode()


def test_the_page_is_refused_to_members(client, member, categories):
    client.force_login(member)
    assert client.get(URL).status_code == 403
