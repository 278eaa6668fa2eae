"""The seller's catalog back office over HTTP: who gets in, forms, stock, export."""

from decimal import Decimal

import pytest

from pmvt.actors.models import StaffRole
from pmvt.catalog.models import Offer, OfferVariant

APT = "/t/pays-dapt-luberon"
NBSP = "\u00a0"


def pro_url(actor, path: str = "") -> str:
    return f"{APT}/espace-pro/{actor.slug}/catalogue/{path}"


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def variant_data(forms: list[dict], *, initial: int = 0) -> dict:
    data = {
        "variants-TOTAL_FORMS": str(len(forms)),
        "variants-INITIAL_FORMS": str(initial),
        "variants-MIN_NUM_FORMS": "0",
        "variants-MAX_NUM_FORMS": "30",
    }
    for i, form in enumerate(forms):
        for key, value in form.items():
            if value is True:
                data[f"variants-{i}-{key}"] = "on"
            elif value is not False:
                data[f"variants-{i}-{key}"] = value
    return data


def offer_data(categories, **changes) -> dict:
    return {
        "name": "Pain de campagne",
        "category": str(categories["pains"].pk),
        "kind": "product",
        "description": "Au levain naturel.",
        "unit": "piece",
        "vat_rate": "5.50",
        "origin_commune": "",
        "labels": ["fait_maison"],
        "allergens": ["gluten"],
        "available_from": "",
        "available_until": "",
        "image_alt": "",
        **changes,
    }


PAGES = ["", "nouvelle-offre/", "import/", "export.csv"]


# --- who gets in ------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", [StaffRole.OWNER, StaffRole.MANAGER])
def test_owner_and_manager_open_the_catalog_back_office(client, seller, add_staff, role, page):
    user = seller.staff.get().user if role == StaffRole.OWNER else add_staff(seller, role)
    client.force_login(user)

    assert client.get(pro_url(seller, page)).status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_operator_opens_any_catalog_back_office(client, seller, operator, page):
    client.force_login(operator)

    assert client.get(pro_url(seller, page)).status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_staff_role_and_other_sellers_are_refused(client, seller, add_staff, make_actor, page):
    other_owner = make_actor("Fromagerie").staff.get().user
    for user in (add_staff(seller, StaffRole.STAFF), other_owner):
        client.force_login(user)

        response = client.get(pro_url(seller, page))

        assert response.status_code == 403
        assert "Seuls les responsables et gérants" in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, seller, page):
    response = client.get(pro_url(seller, page))

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/?next=")


def test_a_seller_of_another_territory_is_not_found_here(client, make_actor, other_territory):
    alsace = make_actor("Boulangerie de Thann", of=other_territory, insee="68334")
    client.force_login(alsace.staff.get().user)

    assert client.get(pro_url(alsace)).status_code == 404


def test_refused_writes_change_nothing(client, seller, make_offer, add_staff, categories):
    offer = make_offer(seller, "Pain")
    variant = offer.variants.get()
    client.force_login(add_staff(seller, StaffRole.STAFF))

    responses = [
        client.post(pro_url(seller, f"offres/{offer.pk}/retirer/")),
        client.post(pro_url(seller, f"formats/{variant.pk}/stock/"), {"stock": "0"}),
        client.post(
            pro_url(seller, "nouvelle-offre/"),
            {**offer_data(categories), **variant_data([{"price": "2,00", "stock": "1"}])},
        ),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403]
    assert list(Offer.objects.values_list("name", "is_active")) == [("Pain", True)]
    assert OfferVariant.objects.get().stock == 10


# --- the list ---------------------------------------------------------------------------------


def test_catalog_lists_every_offer_of_the_seller_with_its_formats(
    client, seller, owner, make_offer, make_actor
):
    make_offer(
        seller,
        "Pain de campagne",
        variants=[
            {"label": "500 g", "price": Decimal("3.20"), "stock": 7},
            {"label": "Cours", "price": Decimal("20"), "stock_tracked": False},
        ],
    )
    make_offer(make_actor("Fromagerie"), "Banon")
    client.force_login(owner)

    page = client.get(pro_url(seller)).content.decode()

    assert "Pain de campagne" in page and "Banon" not in page
    assert "1 offre" in page
    assert f"3,20{NBSP}€" in page
    assert 'name="stock" type="number" min="0" max="1000000" value="7"' in page
    assert "Stock non suivi" in page


def test_catalog_search_finds_an_offer_by_name(client, seller, owner, make_offer):
    make_offer(seller, "Pain de campagne")
    make_offer(seller, "Fougasse")
    client.force_login(owner)

    page = client.get(pro_url(seller), {"q": "FOUGASSE"}).content.decode()

    assert "Fougasse" in page and "Pain de campagne" not in page


def test_empty_catalog_invites_to_add_or_import(client, seller, owner):
    client.force_login(owner)

    page = client.get(pro_url(seller)).content.decode()

    assert "Votre catalogue est vide." in page
    assert f'href="{pro_url(seller, "nouvelle-offre/")}"' in page


# --- create and edit --------------------------------------------------------------------------


def test_create_form_puts_an_offer_on_sale(client, seller, owner, categories):
    client.force_login(owner)

    response = client.post(
        pro_url(seller, "nouvelle-offre/"),
        {
            **offer_data(categories),
            **variant_data(
                [
                    {
                        "label": "500 g",
                        "price": "3,20",
                        "stock_tracked": True,
                        "stock": "12",
                        "is_active": True,
                    },
                    {
                        "label": "1 kg",
                        "price": "5.80",
                        "pro_price": "5",
                        "stock_tracked": True,
                        "stock": "4",
                        "is_active": True,
                    },
                    {
                        "label": "",
                        "price": "",
                        "stock_tracked": True,
                        "stock": "0",
                        "is_active": True,
                    },
                ]
            ),
        },
        follow=True,
    )

    assert response.redirect_chain == [(pro_url(seller), 302)]
    assert messages_of(response) == [f"L'offre «{NBSP}Pain de campagne{NBSP}» est en vente."]
    offer = Offer.objects.get()
    assert (offer.name, offer.labels, offer.allergens, offer.price_from) == (
        "Pain de campagne",
        ["fait_maison"],
        ["gluten"],
        Decimal("3.20"),
    )
    assert list(offer.variants.values_list("label", "price", "pro_price", "stock")) == [
        ("500 g", Decimal("3.20"), None, 12),
        ("1 kg", Decimal("5.80"), Decimal("5.00"), 4),
    ]


def test_create_form_shows_errors_keeps_values_and_creates_nothing(
    client, seller, owner, categories
):
    client.force_login(owner)

    response = client.post(
        pro_url(seller, "nouvelle-offre/"),
        {
            **offer_data(
                categories, name="Pain", available_from="2026-06-02", available_until="2026-06-01"
            ),
            **variant_data([{"label": "1 kg", "price": "douze", "stock": "1", "is_active": True}]),
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert Offer.objects.count() == 0
    assert 'role="alert"' in page
    assert "Le formulaire contient des erreurs" in page
    assert (
        f"Le prix «{NBSP}douze{NBSP}» n&#x27;est pas un montant{NBSP}: écrivez par exemple 12,50."
        in page
    )
    assert "La fin de la disponibilité doit être le même jour ou après son début." in page
    assert 'value="Pain"' in page


def test_create_form_reports_a_service_refusal(client, seller, owner, categories, make_offer):
    make_offer(seller, "Baguette", variants=[{"label": "", "price": Decimal("1"), "sku": "PAIN"}])
    client.force_login(owner)

    response = client.post(
        pro_url(seller, "nouvelle-offre/"),
        {
            **offer_data(categories),
            **variant_data([{"price": "2", "sku": "PAIN", "is_active": True}]),
        },
    )

    assert response.status_code == 200
    assert "est déjà celle d&#x27;un autre format de votre catalogue" in response.content.decode()
    assert Offer.objects.count() == 1


def test_edit_form_updates_the_offer_and_adds_a_format(
    client, seller, owner, make_offer, categories
):
    offer = make_offer(
        seller, "Pain", variants=[{"label": "500 g", "price": Decimal("3"), "stock": 5}]
    )
    variant = offer.variants.get()
    client.force_login(owner)
    form_page = client.get(pro_url(seller, f"offres/{offer.pk}/")).content.decode()
    assert 'value="3,00"' in form_page

    response = client.post(
        pro_url(seller, f"offres/{offer.pk}/"),
        {
            **offer_data(categories, name="Pain au levain"),
            **variant_data(
                [
                    {
                        "id": str(variant.pk),
                        "label": "500 g",
                        "price": "3,40",
                        "stock_tracked": True,
                        "stock": "5",
                        "sku": variant.sku,
                        "is_active": True,
                    },
                    {
                        "label": "1 kg",
                        "price": "6",
                        "stock_tracked": True,
                        "stock": "2",
                        "is_active": True,
                    },
                ],
                initial=1,
            ),
        },
    )

    assert response.status_code == 302
    offer.refresh_from_db()
    assert (offer.name, offer.price_from) == ("Pain au levain", Decimal("3.40"))
    assert list(offer.variants.values_list("label", "price", "stock")) == [
        ("500 g", Decimal("3.40"), 5),
        ("1 kg", Decimal("6.00"), 2),
    ]


def test_edit_of_an_offer_of_another_seller_is_not_found(
    client, seller, owner, make_actor, make_offer
):
    other = make_offer(make_actor("Fromagerie"), "Banon")
    client.force_login(owner)

    assert client.get(pro_url(seller, f"offres/{other.pk}/")).status_code == 404


# --- stock, sale ------------------------------------------------------------------------------


def test_quick_stock_update_returns_to_the_list(client, seller, owner, make_offer):
    variant = make_offer(seller, "Pain").variants.get()
    client.force_login(owner)

    response = client.post(
        pro_url(seller, f"formats/{variant.pk}/stock/"),
        {"stock": "3", "next": pro_url(seller) + "?page=1"},
        follow=True,
    )

    assert response.redirect_chain == [(pro_url(seller) + "?page=1", 302)]
    assert OfferVariant.objects.get().stock == 3
    assert messages_of(response) == [f"Stock de «{NBSP}Pain{NBSP}»{NBSP}: 3."]


@pytest.mark.parametrize("stock", ["-1", "abc", ""])
def test_quick_stock_update_rejects_a_bad_number(client, seller, owner, make_offer, stock):
    variant = make_offer(seller, "Pain").variants.get()
    client.force_login(owner)

    response = client.post(
        pro_url(seller, f"formats/{variant.pk}/stock/"), {"stock": stock}, follow=True
    )

    assert messages_of(response) == ["Indiquez un stock entier entre 0 et 1\u202f000\u202f000."]
    assert OfferVariant.objects.get().stock == 10


def test_quick_stock_update_ignores_an_outside_next_url(client, seller, owner, make_offer):
    variant = make_offer(seller, "Pain").variants.get()
    client.force_login(owner)

    response = client.post(
        pro_url(seller, f"formats/{variant.pk}/stock/"),
        {"stock": "3", "next": "https://evil.example/"},
    )

    assert response["Location"] == pro_url(seller)


def test_deactivate_then_reactivate_an_offer(client, seller, owner, make_offer):
    offer = make_offer(seller, "Pain")
    client.force_login(owner)

    client.post(pro_url(seller, f"offres/{offer.pk}/retirer/"))
    assert Offer.objects.get().is_active is False
    assert "Retirée de la vente" in client.get(pro_url(seller)).content.decode()

    client.post(pro_url(seller, f"offres/{offer.pk}/remettre-en-vente/"))
    assert Offer.objects.get().is_active is True


def test_deactivate_needs_a_post(client, seller, owner, make_offer):
    offer = make_offer(seller, "Pain")
    client.force_login(owner)

    assert client.get(pro_url(seller, f"offres/{offer.pk}/retirer/")).status_code == 405
    assert Offer.objects.get().is_active is True


# --- export -----------------------------------------------------------------------------------


def test_export_writes_one_row_per_format_for_french_spreadsheets(
    client, seller, owner, make_offer, categories, commune
):
    make_offer(
        seller,
        "Pain de campagne",
        description="Au levain",
        labels=["bio", "fait_maison"],
        allergens=["gluten"],
        origin_commune=commune("84047"),
        variants=[
            {"label": "500 g", "price": Decimal("3.20"), "stock": 12, "sku": "PC-500"},
            {"label": "1 kg", "price": Decimal("5.80"), "pro_price": Decimal("5"), "stock": 4},
        ],
    )
    make_offer(
        seller,
        "Atelier pain",
        category="services",
        kind="service",
        unit="hour",
        vat_rate=Decimal("20"),
        variants=[{"label": "", "price": Decimal("35")}],
    )
    client.force_login(owner)

    response = client.get(pro_url(seller, "export.csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="catalogue-{seller.slug}.csv"'
    assert response.content.decode("utf-8").split("\r\n") == [
        "\ufeffsku;nom;catégorie;type;description;unité;taux TVA;format;prix TTC;prix pro;"
        "stock suivi;stock;commune d'origine (INSEE);labels;allergènes",
        "atelier-pain;Atelier pain;Services;service;;heure;20;;35,00;;non;;;;",
        "PC-500;Pain de campagne;Boulangerie-pâtisserie > Pains;produit;Au levain;pièce;5,5;500 g;"
        "3,20;;oui;12;84047;bio,fait_maison;gluten",
        "pain-de-campagne-1-kg;Pain de campagne;Boulangerie-pâtisserie > Pains;produit;Au levain;"
        "pièce;5,5;1 kg;5,80;5,00;oui;4;84047;bio,fait_maison;gluten",
        "",
    ]
