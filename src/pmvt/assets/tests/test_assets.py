"""Offering an asset: create, edit, publish, withdraw, photos, blocked periods; bad input."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pmvt.assets.errors import AssetFieldError, AssetStateError
from pmvt.assets.models import Asset, AssetCondition, AssetPhoto, AssetStatus, AssetUnavailability
from pmvt.assets.services.assets import (
    asset_create,
    asset_photo_add,
    asset_photo_remove,
    asset_publish,
    asset_unavailability_add,
    asset_unavailability_remove,
    asset_update,
    asset_withdraw,
)
from pmvt.assets.tests.conftest import asset_data, commune, photo_upload
from pmvt.core.exceptions import PermissionDeniedError


def test_create_stores_a_draft_with_a_free_slug(territory, owner):
    first = asset_create(territory=territory, by=owner, data=asset_data(territory))
    second = asset_create(territory=territory, by=owner, data=asset_data(territory))
    assert (first.slug, second.slug) == ("remorque-bachee-750-kg", "remorque-bachee-750-kg-2")
    assert first.status == AssetStatus.DRAFT
    assert first.owner == owner
    assert "remorqu" in first.search_text


def test_slugs_are_unique_per_territory_only(territory, other_territory, owner, make_member):
    other = make_member(other_territory)
    a = asset_create(territory=territory, by=owner, data=asset_data(territory))
    b = asset_create(territory=other_territory, by=other, data=asset_data(other_territory))
    assert a.slug == b.slug == "remorque-bachee-750-kg"


def test_reserved_slug_is_prefixed(territory, owner):
    asset = asset_create(
        territory=territory, by=owner, data=asset_data(territory, title="Proposer")
    )
    assert asset.slug == "bien-proposer"


def test_price_condition_keeps_decimal_price_and_unit(territory, owner):
    asset = asset_create(
        territory=territory,
        by=owner,
        data=asset_data(
            territory, condition=AssetCondition.PRICE, price=Decimal("12.50"), price_unit="jour"
        ),
    )
    asset.refresh_from_db()
    assert (asset.price, asset.price_unit) == (Decimal("12.50"), "jour")


def test_free_condition_drops_price(territory, owner):
    asset = asset_create(
        territory=territory,
        by=owner,
        data=asset_data(territory, price=Decimal("10"), price_unit="jour"),
    )
    assert (asset.price, asset.price_unit) == (None, "")


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"kind": "boat"}, "kind", "Choisissez le type de bien."),
        ({"title": "   "}, "title", "Donnez un titre au bien."),
        ({"description": ""}, "description", "Décrivez le bien en quelques lignes."),
        ({"capacity": 0}, "capacity", "La capacité est un nombre de personnes, d'au moins 1."),
        ({"condition": "gift"}, "condition", "Choisissez les conditions de prêt."),
        (
            {"condition": AssetCondition.PRICE, "price_unit": "jour"},
            "price",
            "Indiquez le montant de la participation.",
        ),
        (
            {"condition": AssetCondition.PRICE, "price": Decimal("-1"), "price_unit": "jour"},
            "price",
            "La participation est un montant positif ou nul.",
        ),
        (
            {"condition": AssetCondition.PRICE, "price": Decimal("1.234"), "price_unit": "jour"},
            "price",
            "La participation s'écrit en euros, avec deux décimales au plus.",
        ),
        (
            {"condition": AssetCondition.PRICE, "price": Decimal("5")},
            "price_unit",
            "Précisez l'unité de la participation : par jour, par demi-journée…",
        ),
        (
            {"available_from": date(2030, 5, 2), "available_until": date(2030, 5, 1)},
            "available_until",
            "La fin de la disponibilité doit suivre son début.",
        ),
    ],
)
def test_create_refuses_bad_input(territory, owner, values, field, message):
    with pytest.raises(AssetFieldError) as error:
        asset_create(territory=territory, by=owner, data=asset_data(territory, **values))
    assert (error.value.field, str(error.value.message)) == (field, message)
    assert Asset.objects.count() == 0


def test_create_refuses_commune_of_other_territory(territory, other_territory, owner):
    with pytest.raises(AssetFieldError) as error:
        asset_create(
            territory=territory,
            by=owner,
            data=asset_data(territory, commune=commune(other_territory, "68334")),
        )
    assert error.value.field == "commune"
    assert Asset.objects.count() == 0


def test_update_by_manager_and_denied_to_stranger(territory, asset, owner, stranger):
    asset_update(asset=asset, by=owner, data=asset_data(territory, title="Remorque 500 kg"))
    asset.refresh_from_db()
    assert asset.title == "Remorque 500 kg"
    assert asset.slug == "remorque-bachee-750-kg"  # The address stays stable.
    with pytest.raises(PermissionDeniedError):
        asset_update(asset=asset, by=stranger, data=asset_data(territory, title="Piraté"))
    asset.refresh_from_db()
    assert asset.title == "Remorque 500 kg"


def test_update_bad_input_changes_nothing(territory, asset, owner):
    with pytest.raises(AssetFieldError):
        asset_update(asset=asset, by=owner, data=replace(asset_data(territory), title=""))
    asset.refresh_from_db()
    assert asset.title == "Remorque bâchée 750 kg"


def test_publish_withdraw_cycle_and_denials(territory, make_asset, owner, stranger):
    asset = make_asset(territory, owner, publish=False)
    with pytest.raises(PermissionDeniedError):
        asset_publish(asset=asset, by=stranger)
    asset.refresh_from_db()
    assert asset.status == AssetStatus.DRAFT
    asset_publish(asset=asset, by=owner)
    with pytest.raises(AssetStateError):
        asset_publish(asset=asset, by=owner)
    with pytest.raises(PermissionDeniedError):
        asset_withdraw(asset=asset, by=stranger)
    asset_withdraw(asset=asset, by=owner)
    asset.refresh_from_db()
    assert asset.status == AssetStatus.WITHDRAWN
    asset_publish(asset=asset, by=owner)
    asset.refresh_from_db()
    assert asset.status == AssetStatus.PUBLISHED


def test_photo_added_reencoded_with_alt_text(asset, owner):
    photo = asset_photo_add(asset=asset, by=owner, image=photo_upload(), alt_text="La remorque")
    assert photo.alt_text == "La remorque"
    assert photo.image.name.startswith("assets/") and photo.image.name.endswith(".png")
    assert photo.position == 0


def test_photo_needs_alt_text(asset, owner):
    with pytest.raises(AssetFieldError) as error:
        asset_photo_add(asset=asset, by=owner, image=photo_upload(), alt_text="  ")
    assert error.value.field == "alt_text"
    assert AssetPhoto.objects.count() == 0


def test_photo_must_be_an_image(asset, owner):
    fake = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    with pytest.raises(AssetFieldError) as error:
        asset_photo_add(asset=asset, by=owner, image=fake, alt_text="Remorque")
    assert error.value.field == "image"
    assert str(error.value.message).startswith("Ce fichier n'est pas une image lisible")
    assert AssetPhoto.objects.count() == 0


def test_at_most_six_photos(asset, owner):
    for n in range(6):
        asset_photo_add(asset=asset, by=owner, image=photo_upload(), alt_text=f"Vue {n}")
    with pytest.raises(AssetFieldError) as error:
        asset_photo_add(asset=asset, by=owner, image=photo_upload(), alt_text="De trop")
    assert str(error.value.message).startswith("Un bien a six photos au plus")
    assert AssetPhoto.objects.count() == 6


def test_photo_add_and_remove_denied_to_stranger(asset, owner, stranger):
    with pytest.raises(PermissionDeniedError):
        asset_photo_add(asset=asset, by=stranger, image=photo_upload(), alt_text="Intrus")
    photo = asset_photo_add(asset=asset, by=owner, image=photo_upload(), alt_text="Vue")
    with pytest.raises(PermissionDeniedError):
        asset_photo_remove(photo=photo, by=stranger)
    assert AssetPhoto.objects.count() == 1
    asset_photo_remove(photo=photo, by=owner)
    assert AssetPhoto.objects.count() == 0


def test_unavailability_add_remove_and_denials(asset, owner, stranger):
    period = asset_unavailability_add(
        asset=asset,
        by=owner,
        starts_on=date(2030, 7, 1),
        ends_on=date(2030, 7, 3),
        reason="Vacances",
    )
    with pytest.raises(AssetFieldError) as error:
        asset_unavailability_add(
            asset=asset, by=owner, starts_on=date(2030, 7, 5), ends_on=date(2030, 7, 4)
        )
    assert str(error.value.message) == "Le dernier jour doit suivre le premier."
    with pytest.raises(PermissionDeniedError):
        asset_unavailability_add(
            asset=asset, by=stranger, starts_on=date(2030, 8, 1), ends_on=date(2030, 8, 2)
        )
    with pytest.raises(PermissionDeniedError):
        asset_unavailability_remove(unavailability=period, by=stranger)
    assert AssetUnavailability.objects.count() == 1
    asset_unavailability_remove(unavailability=period, by=owner)
    assert AssetUnavailability.objects.count() == 0
