"""The territory admins keep the product taxonomy: allow and deny, bad input, no dead ends."""

import pytest

from pmvt.catalog.forms import OfferForm, category_choices
from pmvt.catalog.models import Category
from pmvt.catalog.selectors import OfferFilters, offer_search
from pmvt.catalog.services.categories import (
    category_activate,
    category_add,
    category_deactivate,
    category_delete,
    category_update,
)
from pmvt.catalog.services.offers import (
    category_create,
    offer_activate,
    offer_deactivate,
    offer_update,
)
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError

URL = "/t/pays-dapt-luberon/gestion/categories/"
LIST_QUERIES = 11  # the whole page, whatever the number of categories


def _edit(category: Category, **changes):
    values = {
        "name": category.name,
        "parent": category.parent,
        "position": category.position,
    } | changes
    return values


@pytest.fixture
def admin_client(client, admin, activate_totp):
    activate_totp(admin)
    client.force_login(admin)
    return client


# --- services: allow and deny -------------------------------------------------------------


def test_admin_adds_a_category_and_a_subcategory(territory, admin):
    fruits = category_add(territory=territory, by=admin, name="Fruits")
    apples = category_add(territory=territory, by=admin, name="Pommes", parent=fruits, position=5)

    assert apples.parent == fruits
    assert Category.objects.get(territory=territory, name="Pommes").position == 5


@pytest.mark.parametrize("who", ["member", "owner", "other_admin"])
def test_others_cannot_change_the_taxonomy(territory, who, request, categories):
    user = request.getfixturevalue(who)
    pains = categories["pains"]
    attempts = [
        lambda: category_add(territory=territory, by=user, name="Fromages"),
        lambda: category_update(category=pains, by=user, **_edit(pains, name="Pains spéciaux")),
        lambda: category_deactivate(category=pains, by=user),
        lambda: category_activate(category=pains, by=user),
        lambda: category_delete(category=pains, by=user),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDeniedError):
            attempt()
    assert not Category.objects.filter(name="Fromages").exists()
    assert Category.objects.get(pk=pains.pk).name == "Pains"


def test_renaming_reindexes_the_offers(territory, admin, seller, make_offer, categories):
    make_offer(seller, "Fougasse", category="pains")
    pains = categories["pains"]

    category_update(category=pains, by=admin, **_edit(pains, name="Viennoiseries salées"))

    page = offer_search(
        territory=territory, query="viennoiseries", filters=OfferFilters(), sort="name"
    )
    assert [o.name for o in page.offers] == ["Fougasse"]


def test_moving_under_another_parent_reindexes_and_reorders(
    territory, admin, seller, make_offer, categories
):
    make_offer(seller, "Fougasse", category="pains")
    pains = categories["pains"]

    category_update(
        category=pains, by=admin, **_edit(pains, parent=categories["epicerie"], position=7)
    )

    pains.refresh_from_db()
    assert (pains.parent, pains.position) == (categories["epicerie"], 7)
    page = offer_search(territory=territory, query="epicerie", filters=OfferFilters(), sort="name")
    assert [o.name for o in page.offers] == ["Fougasse"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "Services", "parent": None}, "existe déjà"),
        ({"name": "  "}, "Indiquez le nom"),
        ({"position": -1}, "nombre entier"),
        ({"position": 1000}, "nombre entier"),
        ({"parent": "pains"}, "catégorie principale du territoire"),
        ({"parent": "other"}, "catégorie principale du territoire"),
    ],
)
def test_bad_changes_are_refused_and_change_nothing(
    admin, categories, other_territory, changes, message
):
    epicerie = categories["epicerie"]
    before = (epicerie.name, epicerie.parent_id, epicerie.position)
    changes = dict(changes)
    if changes.get("parent") == "pains":
        changes["parent"] = categories["pains"]
    elif changes.get("parent") == "other":
        changes["parent"] = category_create(territory=other_territory, name="Ailleurs")
    with pytest.raises(ApplicationError, match=message):
        category_update(category=epicerie, by=admin, **_edit(epicerie, **changes))
    epicerie.refresh_from_db()
    assert (epicerie.name, epicerie.parent_id, epicerie.position) == before


def test_a_category_with_children_stays_at_the_top(admin, categories):
    food = categories["boulangerie"]
    with pytest.raises(ApplicationError, match="deux niveaux"):
        category_update(category=food, by=admin, **_edit(food, parent=categories["epicerie"]))
    with pytest.raises(ApplicationError, match="elle-même"):
        category_update(
            category=categories["epicerie"],
            by=admin,
            parent=categories["epicerie"],
            name="Épicerie",
            position=0,
        )


# --- deactivation ---------------------------------------------------------------------------


def test_a_category_with_an_offer_on_sale_cannot_be_deactivated(
    admin, seller, make_offer, categories
):
    make_offer(seller, "Fougasse", category="pains")

    with pytest.raises(ApplicationError, match="Une offre en vente est rangée dans"):
        category_deactivate(category=categories["pains"], by=admin)
    assert Category.objects.get(pk=categories["pains"].pk).is_active


def test_a_parent_with_active_children_cannot_be_deactivated(admin, categories):
    with pytest.raises(ApplicationError, match="sous-catégories"):
        category_deactivate(category=categories["boulangerie"], by=admin)


def test_deactivated_category_is_hidden_from_sellers(
    territory, admin, owner, seller, make_offer, categories
):
    offer = make_offer(seller, "Fougasse", category="pains")
    offer_deactivate(offer=offer, by=owner)  # an offer out of sale does not hold it back

    category_deactivate(category=categories["pains"], by=admin)

    choices = dict(category_choices(territory))
    assert str(categories["pains"].pk) not in choices
    assert str(categories["boulangerie"].pk) in choices
    form = OfferForm({"category": categories["pains"].pk}, territory=territory)
    form.is_valid()
    assert "category" in form.errors
    # the offer stays in it and can be edited, but not put back on sale there
    offer_update(offer=offer, by=owner, name="Fougasse aux olives")
    with pytest.raises(ApplicationError, match="rangez l'offre dans une autre catégorie"):
        offer_activate(offer=offer, by=owner)
    offer.refresh_from_db()
    assert not offer.is_active
    # no other offer can be filed in it
    with pytest.raises(ApplicationError, match="n'est plus proposée"):
        offer_update(offer=make_offer(seller, "Baguette"), by=owner, category=categories["pains"])


def test_the_import_rejects_a_deactivated_category(admin, owner, seller, categories):
    from pmvt.catalog.tests.test_csv_import import csv_bytes, refused, row

    category_deactivate(category=categories["services"], by=admin)

    errors = refused(
        seller, owner, csv_bytes(row(nom="Baguette"), row(nom="Livraison", categorie="Services"))
    )

    assert len(errors) == 1 and "Services" in errors[0]
    assert not seller.offers.exists()


def test_reactivation_needs_an_active_parent(admin, categories):
    category_deactivate(category=categories["pains"], by=admin)
    category_deactivate(category=categories["boulangerie"], by=admin)

    with pytest.raises(ApplicationError, match="Réactivez d'abord"):
        category_activate(category=categories["pains"], by=admin)

    category_activate(category=categories["boulangerie"], by=admin)
    category_activate(category=categories["pains"], by=admin)
    assert Category.objects.get(pk=categories["pains"].pk).is_active


def test_a_used_category_cannot_be_deleted_an_empty_one_can(
    territory, admin, seller, make_offer, categories
):
    make_offer(seller, "Fougasse", category="pains")

    with pytest.raises(ApplicationError, match="désactivez-la plutôt"):
        category_delete(category=categories["pains"], by=admin)
    with pytest.raises(ApplicationError, match="sous-catégories"):
        category_delete(category=categories["boulangerie"], by=admin)
    assert Category.objects.filter(pk=categories["pains"].pk).exists()

    category_delete(category=categories["services"], by=admin)
    assert not Category.objects.filter(pk=categories["services"].pk).exists()


# --- pages ----------------------------------------------------------------------------------


def test_the_page_lists_the_tree_and_adds_through_the_form(admin_client, categories):
    page = admin_client.get(URL)
    assert page.status_code == 200
    assert "Pains" in page.content.decode()

    response = admin_client.post(URL, {"name": "Fromages", "parent": "", "position": ""})
    assert response.status_code == 302
    assert Category.objects.filter(name="Fromages").exists()

    refused = admin_client.post(URL, {"name": "", "parent": ""})
    assert refused.status_code == 200
    assert "Ce champ est obligatoire" in refused.content.decode()
    duplicate = admin_client.post(URL, {"name": "services", "parent": ""})
    assert duplicate.status_code == 200
    assert "existe déjà" in duplicate.content.decode()
    assert Category.objects.filter(name__iexact="services").count() == 1


def test_the_edit_page_moves_and_renames(admin_client, categories):
    pains = categories["pains"]
    url = f"{URL}{pains.pk}/"
    assert admin_client.get(url).status_code == 200

    response = admin_client.post(
        url, {"name": "Pains au levain", "parent": categories["epicerie"].pk, "position": "3"}
    )

    assert response.status_code == 302
    pains.refresh_from_db()
    assert (pains.name, pains.parent, pains.position) == (
        "Pains au levain",
        categories["epicerie"],
        3,
    )
    refused = admin_client.post(url, {"name": "Pains", "parent": "", "position": "abc"})
    assert refused.status_code == 200
    pains.refresh_from_db()
    assert pains.name == "Pains au levain"


def test_deactivate_refused_then_accepted_through_the_page(
    admin_client, owner, seller, make_offer, categories
):
    offer = make_offer(seller, "Fougasse", category="pains")
    url = f"{URL}{categories['pains'].pk}/desactiver/"

    refused = admin_client.post(url, follow=True)
    assert "Une offre en vente est rangée" in refused.content.decode()
    assert Category.objects.get(pk=categories["pains"].pk).is_active

    offer_deactivate(offer=offer, by=owner)
    done = admin_client.post(url, follow=True)
    assert "est désactivée" in done.content.decode()
    assert not Category.objects.get(pk=categories["pains"].pk).is_active

    back = admin_client.post(f"{URL}{categories['pains'].pk}/reactiver/")
    assert back.status_code == 302
    assert Category.objects.get(pk=categories["pains"].pk).is_active


def test_delete_through_the_page(admin_client, categories):
    response = admin_client.post(f"{URL}{categories['services'].pk}/supprimer/")
    assert response.status_code == 302
    assert not Category.objects.filter(pk=categories["services"].pk).exists()


@pytest.mark.parametrize("suffix", ["", "{pk}/"])
def test_the_pages_are_refused_to_members_and_strangers(client, member, categories, suffix):
    url = URL + suffix.format(pk=categories["pains"].pk)
    assert client.get(url).status_code in (302, 403)  # anonymous: sent to log in
    client.force_login(member)
    assert client.get(url).status_code == 403
    assert client.post(f"{URL}{categories['pains'].pk}/supprimer/").status_code == 403
    assert Category.objects.filter(pk=categories["pains"].pk).exists()


def test_a_category_of_another_territory_is_not_found(admin_client, other_territory, categories):
    elsewhere = category_create(territory=other_territory, name="Vins d'Alsace")
    assert admin_client.get(f"{URL}{elsewhere.pk}/").status_code == 404
    assert admin_client.post(f"{URL}{elsewhere.pk}/supprimer/").status_code == 404
    assert Category.objects.filter(pk=elsewhere.pk).exists()
    assert "Vins d'Alsace" not in admin_client.get(URL).content.decode()


def test_the_list_takes_the_same_queries_whatever_the_taxonomy(
    admin_client, territory, settings, django_assert_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"

    def grow(start: int, n: int) -> None:
        for i in range(start, start + n):
            top = category_create(territory=territory, name=f"Rayon {i}")
            category_create(territory=territory, name=f"Sous-rayon {i}", parent=top)

    grow(0, 2)
    admin_client.get(URL)  # warm the per-process caches
    with django_assert_num_queries(LIST_QUERIES):
        assert admin_client.get(URL).status_code == 200
    grow(2, 40)
    with django_assert_num_queries(LIST_QUERIES):
        page = admin_client.get(URL)
    assert 'rel="next"' in page.content.decode()
