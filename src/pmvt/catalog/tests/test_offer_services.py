"""Offer, format and category services: validation, price_from, permissions, nothing on error."""

from datetime import date
from decimal import Decimal

import pytest

from pmvt.actors.models import StaffRole
from pmvt.catalog.errors import CatalogErrorCode, CatalogFieldError
from pmvt.catalog.models import Category, Offer, OfferVariant
from pmvt.catalog.services.offers import (
    category_create,
    offer_activate,
    offer_create,
    offer_deactivate,
    offer_update,
    variant_add,
    variant_set_stock,
    variant_update,
)
from pmvt.core.exceptions import PermissionDeniedError

NBSP = "\u00a0"


def snapshot() -> list[tuple]:
    offers = list(Offer.objects.values_list("pk", "name", "price_from", "is_active").order_by("pk"))
    variants = list(
        OfferVariant.objects.values_list(
            "pk", "label", "price", "stock", "sku", "is_active"
        ).order_by("pk")
    )
    return [*offers, *variants]


# --- categories -------------------------------------------------------------------------------


def test_category_create_builds_a_two_level_tree_with_unique_slugs(territory):
    fruits = category_create(territory=territory, name="Fruits et légumes")
    apples = category_create(territory=territory, name="Pommes", parent=fruits)
    other = category_create(territory=territory, name="Fruits  et  légumes bio")

    assert (fruits.slug, fruits.parent, fruits.position) == ("fruits-et-legumes", None, 0)
    assert (apples.slug, apples.parent, apples.position) == ("pommes", fruits, 0)
    assert (other.name, other.position) == ("Fruits et légumes bio", 1)


def test_category_create_refuses_a_third_level(territory):
    top = category_create(territory=territory, name="Épicerie")
    child = category_create(territory=territory, name="Huiles", parent=top)

    with pytest.raises(CatalogFieldError) as error:
        category_create(territory=territory, name="Huile d'olive", parent=child)

    assert error.value.code == CatalogErrorCode.CATEGORY_TOO_DEEP
    assert Category.objects.filter(territory=territory).count() == 2


def test_category_create_refuses_a_twin_and_a_parent_of_another_territory(
    territory, other_territory
):
    category_create(territory=territory, name="Épicerie")
    foreign = category_create(territory=other_territory, name="Boissons")

    with pytest.raises(CatalogFieldError, match="existe déjà"):
        category_create(territory=territory, name="epicerie")
    with pytest.raises(CatalogFieldError, match="parente du territoire"):
        category_create(territory=territory, name="Vins", parent=foreign)
    assert Category.objects.filter(territory=territory).count() == 1


# --- offers -----------------------------------------------------------------------------------


def test_offer_create_stores_the_offer_its_formats_and_the_lowest_price(
    seller, owner, categories, commune
):
    offer = offer_create(
        actor=seller,
        by=owner,
        category=categories["pains"],
        name="  Pain   de campagne ",
        variants=[
            {"label": "500 g", "price": Decimal("3.20"), "stock": 12},
            {"label": "1 kg", "price": Decimal("5.80"), "stock": 4, "sku": "PC-1KG"},
        ],
        vat_rate=Decimal("5.5"),
        unit="piece",
        origin_commune=commune("84047"),
        labels=["bio", "fait_maison", "bio"],
        allergens=["gluten"],
        available_from=date(2026, 1, 1),
        available_until=date(2026, 12, 31),
    )

    offer.refresh_from_db()
    assert (offer.name, offer.slug, offer.sort_name) == (
        "Pain de campagne",
        "pain-de-campagne",
        "pain de campagne",
    )
    assert offer.price_from == Decimal("3.20")
    assert offer.vat_rate == Decimal("5.50")
    assert offer.labels == ["bio", "fait_maison"]
    assert offer.allergens == ["gluten"]
    assert offer.origin_commune is not None
    assert offer.origin_commune.name == "Gargas"
    assert list(offer.variants.values_list("label", "price", "stock", "sku", "position")) == [
        ("500 g", Decimal("3.20"), 12, "pain-de-campagne-500-g", 0),
        ("1 kg", Decimal("5.80"), 4, "PC-1KG", 1),
    ]


def test_offer_create_gives_each_offer_of_a_seller_its_own_slug_and_references(seller, make_offer):
    first = make_offer(seller, "Fougasse")
    second = make_offer(seller, "Fougasse")

    assert (first.slug, second.slug) == ("fougasse", "fougasse-2")
    skus = list(OfferVariant.objects.order_by("pk").values_list("sku", flat=True))
    assert skus == ["fougasse", "fougasse-2"]


def test_services_do_not_track_stock_by_default(seller, make_offer):
    offer = make_offer(
        seller,
        "Réparation de chaise",
        category="services",
        kind="service",
        unit="hour",
        vat_rate=Decimal("20"),
        variants=[{"label": "", "price": Decimal("45")}],
    )

    variant = offer.variants.get()
    assert (variant.stock_tracked, variant.stock) == (False, 0)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "  "}, "name", "Indiquez le nom de l'offre."),
        (
            {"vat_rate": Decimal("19")},
            "vat_rate",
            f"Le taux de TVA 19 n'existe pas (20{NBSP}; 10{NBSP}; 5,5{NBSP}; 2,1).",
        ),
        (
            {"unit": "sac"},
            "unit",
            f"L'unité «{NBSP}sac{NBSP}» n'existe pas (pièce{NBSP}; kg{NBSP}; litre{NBSP}; "
            f"douzaine{NBSP}; botte{NBSP}; heure{NBSP}; prestation).",
        ),
        (
            {"kind": "abonnement"},
            "kind",
            f"Le type «{NBSP}abonnement{NBSP}» n'existe pas (produit{NBSP}; service).",
        ),
        (
            {"labels": ["bio", "nature"]},
            "labels",
            f"Le label «{NBSP}nature{NBSP}» n'est pas dans la liste proposée.",
        ),
        (
            {"allergens": ["fraise"]},
            "allergens",
            f"L'allergène «{NBSP}fraise{NBSP}» n'est pas l'un des 14 allergènes à déclarer.",
        ),
        (
            {"available_from": date(2026, 6, 1), "available_until": date(2026, 5, 31)},
            "available_until",
            "La fin de la disponibilité doit être le même jour ou après son début.",
        ),
        (
            {"variants": []},
            "variants",
            "Une offre doit garder au moins un format en vente, avec son prix.",
        ),
        (
            {"variants": [{"label": "1 kg", "price": Decimal("-1")}]},
            "price",
            "Le prix ne peut pas être négatif.",
        ),
        (
            {"variants": [{"label": "1 kg", "price": Decimal("2.505")}]},
            "price",
            f"Le prix 2.505 a plus de deux décimales{NBSP}: arrondissez au centime.",
        ),
        (
            {"variants": [{"label": "1 kg", "price": Decimal("2"), "stock": -3}]},
            "stock",
            f"Le stock «{NBSP}-3{NBSP}» n'est pas valable{NBSP}: indiquez un nombre entier entre "
            "0 et 1\u202f000\u202f000.",
        ),
        (
            {
                "variants": [
                    {"label": "1 kg", "price": Decimal("2")},
                    {"label": "1 KG", "price": Decimal("3")},
                ]
            },
            "variants",
            f"Deux formats portent le même nom «{NBSP}1 kg{NBSP}»{NBSP}: distinguez-les.",
        ),
        (
            {"variants": [{"label": "", "price": Decimal("2"), "sku": "pain à l'ail"}]},
            "sku",
            f"La référence «{NBSP}pain à l'ail{NBSP}» n'est pas valable{NBSP}: 64 caractères au "
            "plus, lettres sans accent, chiffres, points, tirets, barres obliques ou soulignés.",
        ),
    ],
)
def test_offer_create_rejects_bad_values_and_writes_nothing(
    seller, owner, categories, changes, field, message
):
    values = {
        "actor": seller,
        "by": owner,
        "category": categories["pains"],
        "name": "Pain",
        "variants": [{"label": "", "price": Decimal("2.00")}],
        **changes,
    }

    with pytest.raises(CatalogFieldError) as error:
        offer_create(**values)

    assert (error.value.field, str(error.value.message)) == (field, message)
    assert snapshot() == []


def test_offer_create_rejects_a_category_or_commune_of_another_territory(
    seller, owner, categories, other_territory, commune
):
    foreign = category_create(territory=other_territory, name="Boulangerie")

    with pytest.raises(CatalogFieldError, match="catégorie du territoire"):
        offer_create(
            actor=seller,
            by=owner,
            category=foreign,
            name="Pain",
            variants=[{"price": Decimal("2")}],
        )
    with pytest.raises(CatalogFieldError, match="commune du territoire"):
        offer_create(
            actor=seller,
            by=owner,
            category=categories["pains"],
            name="Pain",
            variants=[{"price": Decimal("2")}],
            origin_commune=commune("68063", of=other_territory),
        )
    assert snapshot() == []


def test_offer_create_rejects_a_reference_already_used_by_the_seller(seller, make_offer):
    make_offer(seller, "Pain", variants=[{"label": "", "price": Decimal("2"), "sku": "PAIN"}])
    before = snapshot()

    with pytest.raises(CatalogFieldError) as error:
        make_offer(
            seller, "Baguette", variants=[{"label": "", "price": Decimal("1"), "sku": "PAIN"}]
        )

    assert error.value.code == CatalogErrorCode.SKU_TAKEN
    assert snapshot() == before


def test_another_seller_may_reuse_a_reference(seller, make_actor, make_offer):
    other = make_actor("Fromagerie de Gargas", naf_code="10.51C")
    make_offer(seller, "Pain", variants=[{"label": "", "price": Decimal("2"), "sku": "REF-1"}])

    offer = make_offer(
        other, "Banon", variants=[{"label": "", "price": Decimal("6"), "sku": "REF-1"}]
    )

    assert offer.variants.get().sku == "REF-1"


# --- permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [StaffRole.OWNER, StaffRole.MANAGER])
def test_owner_and_manager_may_write_the_catalog(seller, add_staff, make_offer, role):
    user = add_staff(seller, role) if role != StaffRole.OWNER else seller.staff.get().user

    offer = make_offer(seller, "Pain", by=user)

    assert Offer.objects.filter(pk=offer.pk).exists()


def test_operator_may_write_any_catalog(seller, operator, make_offer):
    assert make_offer(seller, "Pain", by=operator).actor == seller


def test_staff_role_and_strangers_may_not_write_the_catalog(
    seller, add_staff, make_actor, make_offer, member
):
    offer = make_offer(seller, "Pain")
    other_owner = make_actor("Fromagerie").staff.get().user
    before = snapshot()

    for user in (add_staff(seller, StaffRole.STAFF), other_owner, member):
        with pytest.raises(PermissionDeniedError):
            make_offer(seller, "Baguette", by=user)
        with pytest.raises(PermissionDeniedError):
            offer_update(offer=offer, by=user, name="Pain volé")
        with pytest.raises(PermissionDeniedError):
            offer_deactivate(offer=offer, by=user)
        with pytest.raises(PermissionDeniedError):
            variant_set_stock(variant=offer.variants.get(), by=user, stock=0)

    assert snapshot() == before


# --- updates ----------------------------------------------------------------------------------


def test_offer_update_changes_only_what_is_given(seller, owner, make_offer, categories):
    offer = make_offer(seller, "Pain", description="Au levain", labels=["bio"])

    offer_update(offer=offer, by=owner, name="Pain au levain", category=categories["boulangerie"])

    offer.refresh_from_db()
    assert (offer.name, offer.slug, offer.description, offer.labels) == (
        "Pain au levain",
        "pain",
        "Au levain",
        ["bio"],
    )
    assert offer.category == categories["boulangerie"]


def test_offer_update_adds_updates_and_stops_formats_and_keeps_price_from(
    seller, owner, make_offer
):
    offer = make_offer(seller, "Miel", variants=[{"label": "250 g", "price": Decimal("6.50")}])
    small = offer.variants.get()

    offer_update(
        offer=offer,
        by=owner,
        variants=[
            {"id": small.pk, "price": Decimal("5.90")},
            {"label": "500 g", "price": Decimal("10.00"), "stock": 3},
        ],
    )
    assert offer.price_from == Decimal("5.90")

    variant_update(variant=small, by=owner, is_active=False)

    offer.refresh_from_db()
    assert offer.price_from == Decimal("10.00")
    assert list(offer.variants.values_list("label", "price", "is_active", "position")) == [
        ("250 g", Decimal("5.90"), False, 0),
        ("500 g", Decimal("10.00"), True, 1),
    ]


def test_offer_update_refuses_to_stop_the_last_format(seller, owner, make_offer):
    offer = make_offer(seller, "Miel")
    before = snapshot()

    with pytest.raises(CatalogFieldError) as error:
        variant_update(variant=offer.variants.get(), by=owner, is_active=False)

    assert error.value.code == CatalogErrorCode.LAST_VARIANT
    assert snapshot() == before


def test_offer_update_refuses_a_format_of_another_offer(seller, owner, make_offer):
    offer = make_offer(seller, "Miel")
    other = make_offer(seller, "Pain")
    before = snapshot()

    with pytest.raises(CatalogFieldError, match="n'appartient pas"):
        offer_update(
            offer=offer, by=owner, variants=[{"id": other.variants.get().pk, "price": Decimal("1")}]
        )

    assert snapshot() == before


def test_bad_update_changes_nothing(seller, owner, make_offer):
    offer = make_offer(seller, "Miel", variants=[{"label": "250 g", "price": Decimal("6.50")}])
    before = snapshot()

    with pytest.raises(CatalogFieldError):
        offer_update(
            offer=offer,
            by=owner,
            name="Miel de lavande",
            variants=[
                {"id": offer.variants.get().pk, "price": Decimal("7")},
                {"label": "1 kg", "price": "abc"},
            ],
        )

    assert snapshot() == before


def test_variant_add_appends_a_format(seller, owner, make_offer):
    offer = make_offer(seller, "Miel", variants=[{"label": "250 g", "price": Decimal("6.50")}])

    variant = variant_add(offer=offer, by=owner, label="1 kg", price=Decimal("19.00"), stock=2)

    assert (variant.label, variant.price, variant.stock, variant.position) == (
        "1 kg",
        Decimal("19.00"),
        2,
        1,
    )
    assert variant.sku == "miel-1-kg"


def test_deactivate_and_activate_toggle_sale(seller, owner, make_offer):
    offer = make_offer(seller, "Miel")

    offer_deactivate(offer=offer, by=owner)
    assert Offer.objects.get(pk=offer.pk).is_active is False

    offer_activate(offer=offer, by=owner)
    assert Offer.objects.get(pk=offer.pk).is_active is True


# --- stock ------------------------------------------------------------------------------------


def test_variant_set_stock_sets_the_counted_stock(seller, owner, make_offer):
    variant = make_offer(seller, "Miel").variants.get()

    variant_set_stock(variant=variant, by=owner, stock=42)

    assert OfferVariant.objects.get(pk=variant.pk).stock == 42


@pytest.mark.parametrize("stock", [-1, "douze", 1_000_001])
def test_variant_set_stock_rejects_a_bad_number(seller, owner, make_offer, stock):
    variant = make_offer(seller, "Miel").variants.get()

    with pytest.raises(CatalogFieldError) as error:
        variant_set_stock(variant=variant, by=owner, stock=stock)

    assert error.value.code == CatalogErrorCode.INVALID_STOCK
    assert OfferVariant.objects.get(pk=variant.pk).stock == 10


def test_variant_set_stock_refuses_an_untracked_format(seller, owner, make_offer):
    variant = make_offer(
        seller, "Cours de cuisine", variants=[{"price": Decimal("30"), "stock_tracked": False}]
    ).variants.get()

    with pytest.raises(CatalogFieldError, match="pas suivi"):
        variant_set_stock(variant=variant, by=owner, stock=3)
