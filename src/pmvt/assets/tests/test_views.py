"""Pages of assets: list with filters, detail with calendar, offering, managing, booking."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from pmvt.agenda.recurrence import paris
from pmvt.assets.models import (
    Asset,
    AssetCondition,
    AssetKind,
    AssetPhoto,
    AssetStatus,
    Booking,
    BookingStatus,
)
from pmvt.assets.services.assets import asset_photo_add
from pmvt.assets.services.bookings import booking_accept, booking_request
from pmvt.assets.tests.conftest import ROOT, commune, in_days, photo_upload

pytestmark = pytest.mark.django_db


def test_list_shows_published_assets_with_filters(client, territory, make_asset, owner, requester):
    make_asset(territory, owner, title="Salle des fêtes", kind=AssetKind.ROOM)
    make_asset(
        territory,
        owner,
        title="Motoculteur",
        kind=AssetKind.TOOL,
        commune=commune(territory, "84118"),
        condition=AssetCondition.PRICE,
        price=Decimal("12.50"),
        price_unit="jour",
    )
    make_asset(territory, owner, title="Brouillon caché", publish=False)
    page = client.get(ROOT).content.decode()
    assert "Salle des fêtes" in page and "Motoculteur" in page
    assert "Brouillon caché" not in page
    assert "2 biens" in page
    assert "12,50\xa0€ par jour" in page or "12,50 € par jour" in page

    page = client.get(ROOT, {"type": "room"}).content.decode()
    assert "Salle des fêtes" in page and "Motoculteur" not in page
    page = client.get(ROOT, {"commune": "84118"}).content.decode()
    assert "Motoculteur" in page and "Salle des fêtes" not in page
    page = client.get(ROOT, {"conditions": "price"}).content.decode()
    assert "Motoculteur" in page and "Salle des fêtes" not in page


def test_list_free_dates_filter(client, territory, make_asset, owner, requester):
    room = make_asset(territory, owner, title="Salle des fêtes")
    make_asset(territory, owner, title="Motoculteur")
    booking_accept(
        booking=booking_request(
            asset=room, requester=requester, starts_at=in_days(3), ends_at=in_days(4)
        ),
        by=owner,
    )
    day = paris(in_days(3)).date().isoformat()
    page = client.get(ROOT, {"du": day, "au": day}).content.decode()
    assert "Motoculteur" in page and "Salle des fêtes" not in page
    later = paris(in_days(10)).date().isoformat()
    page = client.get(ROOT, {"du": later}).content.decode()
    assert "Motoculteur" in page and "Salle des fêtes" in page


def test_list_query_count_is_pinned(
    client, territory, make_asset, owner, requester, django_assert_max_num_queries
):
    def add(count: int, start: int) -> None:
        for n in range(start, start + count):
            asset = make_asset(territory, owner, title=f"Bien {n}")
            asset_photo_add(asset=asset, by=owner, image=photo_upload(), alt_text=f"Vue {n}")

    add(2, 0)
    client.force_login(requester)
    with django_assert_max_num_queries(LIST_QUERIES_LOGGED_IN):
        assert client.get(ROOT).status_code == 200
    add(6, 2)
    with django_assert_max_num_queries(LIST_QUERIES_LOGGED_IN):
        assert client.get(ROOT).status_code == 200
    client.logout()
    with django_assert_max_num_queries(LIST_QUERIES_ANONYMOUS):
        assert client.get(ROOT).status_code == 200


LIST_QUERIES_LOGGED_IN = 10
LIST_QUERIES_ANONYMOUS = 5


def test_detail_shows_owner_name_never_contact(client, territory, asset, owner, requester):
    asset_photo_add(asset=asset, by=owner, image=photo_upload(), alt_text="La remorque attelée")
    page = client.get(asset.get_absolute_url()).content.decode()
    assert "Jeanne Prête" in page
    assert owner.email not in page
    assert 'alt="La remorque attelée"' in page
    assert "Connectez-vous pour demander une réservation" in page
    client.force_login(requester)
    page = client.get(asset.get_absolute_url()).content.decode()
    assert "Demander une réservation" in page
    assert owner.email not in page


def test_detail_calendar_table(client, territory, asset, owner, requester):
    booking_accept(
        booking=booking_request(
            asset=asset, requester=requester, starts_at=in_days(40), ends_at=in_days(41)
        ),
        by=owner,
    )
    month = paris(in_days(40)).date()
    page = client.get(asset.get_absolute_url(), {"mois": f"{month:%Y-%m}"}).content.decode()
    assert "<caption" in page and "Disponibilités en" in page
    assert f'datetime="{month:%Y-%m-%d}"' in page
    cell = page.split(f'datetime="{month:%Y-%m-%d}"')[0].rsplit("<td", 1)[1]
    assert 'class="day--booked"' in cell
    assert "Réservé" in page and "Libre" in page
    assert "?mois=" in page and "Mois suivant" in page


def test_draft_detail_is_hidden_from_others(client, territory, make_asset, owner, requester):
    draft = make_asset(territory, owner, publish=False)
    client.force_login(requester)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(owner)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_territory_isolation(client, territory, other_territory, make_asset, make_member):
    other_owner = make_member(other_territory)
    other = make_asset(other_territory, other_owner, title="Remorque de Thann")
    assert client.get(f"{ROOT}{other.slug}/").status_code == 404
    assert "Remorque de Thann" not in client.get(ROOT).content.decode()
    client.force_login(other_owner)
    assert client.get(f"{ROOT}mes-biens/").status_code == 403


def test_create_by_post_then_publish(client, territory, owner):
    client.force_login(owner)
    assert client.get(f"{ROOT}proposer/").status_code == 200
    response = client.post(
        f"{ROOT}proposer/",
        {
            "offering_as": "moi",
            "kind": "tool",
            "title": "Nettoyeur haute pression",
            "description": "Kärcher 130 bars, avec rallonge.",
            "commune": commune(territory).pk,
            "condition": "exchange",
        },
    )
    asset = Asset.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{ROOT}{asset.slug}/gerer/"
    assert asset.status == AssetStatus.DRAFT
    client.post(f"{ROOT}{asset.slug}/publier/")
    asset.refresh_from_db()
    assert asset.status == AssetStatus.PUBLISHED


def test_create_bad_input_shows_french_message(client, territory, owner):
    client.force_login(owner)
    response = client.post(
        f"{ROOT}proposer/",
        {
            "offering_as": "moi",
            "kind": "tool",
            "title": "Bétonnière",
            "description": "Électrique.",
            "commune": commune(territory).pk,
            "condition": "price",
        },
    )
    assert response.status_code == 200
    assert "Indiquez le montant de la participation." in response.content.decode()
    assert 'value="Bétonnière"' in response.content.decode()
    assert Asset.objects.count() == 0


def test_create_in_collectivite_name_refused_to_member(client, territory, owner):
    client.force_login(owner)
    response = client.post(
        f"{ROOT}proposer/",
        {
            "offering_as": "collectivite",
            "kind": "room",
            "title": "Salle",
            "description": "Grande salle.",
            "commune": commune(territory).pk,
            "condition": "free",
        },
    )
    assert response.status_code == 200  # Not a choice offered to them: a form error.
    assert Asset.objects.count() == 0


def test_manage_pages_denied_to_stranger(client, territory, asset, stranger):
    client.force_login(stranger)
    for suffix in ("gerer/", "modifier/"):
        assert client.get(f"{ROOT}{asset.slug}/{suffix}").status_code == 403
    for suffix in ("retirer/", "publier/", "indisponibilites/"):
        assert client.post(f"{ROOT}{asset.slug}/{suffix}").status_code == 403
    response = client.post(
        f"{ROOT}{asset.slug}/photos/", {"image": photo_upload(), "alt_text": "Intrus"}
    )
    assert response.status_code == 403
    asset.refresh_from_db()
    assert asset.status == AssetStatus.PUBLISHED
    assert AssetPhoto.objects.count() == 0


def test_edit_photo_and_blocked_period_by_post(client, territory, asset, owner):
    client.force_login(owner)
    assert client.get(f"{ROOT}{asset.slug}/modifier/").status_code == 200
    client.post(
        f"{ROOT}{asset.slug}/modifier/",
        {
            "kind": "vehicle",
            "title": "Remorque 500 kg",
            "description": "Plus petite.",
            "commune": commune(territory).pk,
            "condition": "free",
        },
    )
    asset.refresh_from_db()
    assert (asset.title, asset.kind) == ("Remorque 500 kg", "vehicle")
    response = client.post(f"{ROOT}{asset.slug}/photos/", {"image": photo_upload(), "alt_text": ""})
    assert response.status_code == 400
    assert AssetPhoto.objects.count() == 0
    client.post(f"{ROOT}{asset.slug}/photos/", {"image": photo_upload(), "alt_text": "Vue"})
    photo = AssetPhoto.objects.get()
    client.post(f"{ROOT}{asset.slug}/photos/{photo.pk}/retirer/")
    assert AssetPhoto.objects.count() == 0
    start = (timezone.localdate() + timedelta(days=5)).isoformat()
    end = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(
        f"{ROOT}{asset.slug}/indisponibilites/", {"starts_on": start, "ends_on": end}
    )
    assert "Le dernier jour doit suivre le premier." in response.content.decode()
    client.post(f"{ROOT}{asset.slug}/indisponibilites/", {"starts_on": end, "ends_on": start})
    assert asset.unavailabilities.count() == 1
    page = client.get(f"{ROOT}{asset.slug}/gerer/").content.decode()
    assert "Débloquer" in page


def test_booking_flow_by_post(client, territory, asset, owner, requester, stranger):
    url = f"{ROOT}{asset.slug}/reserver/"
    assert client.get(url).status_code == 302  # To the login page.
    client.force_login(requester)
    assert client.get(url).status_code == 200
    start = paris(in_days(3)).strftime("%Y-%m-%dT%H:%M")
    end = paris(in_days(4)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"starts_at": end, "ends_at": start, "message": ""})
    assert "La fin de la réservation doit suivre son début." in response.content.decode()
    assert Booking.objects.count() == 0
    response = client.post(url, {"starts_at": start, "ends_at": end, "message": "Merci !"})
    booking = Booking.objects.get()
    assert response["Location"] == f"{ROOT}reservations/{booking.pk}/"
    assert "Merci !" in client.get(response["Location"]).content.decode()
    assert "Remorque bâchée 750 kg" in client.get(f"{ROOT}mes-reservations/").content.decode()

    # The requester may not answer; a stranger may not even see it.
    answer = f"{ROOT}reservations/{booking.pk}/repondre/"
    assert client.post(answer, {"decision": "accept"}).status_code == 403
    client.force_login(stranger)
    assert client.get(f"{ROOT}reservations/{booking.pk}/").status_code == 403
    assert (
        client.post(f"{ROOT}reservations/{booking.pk}/annuler/", {"reason": "x"}).status_code == 403
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED

    client.force_login(owner)
    page = client.get(f"{ROOT}demandes-recues/").content.decode()
    assert "Répondre" in page and "Marc Emprunte" in page
    client.post(answer, {"decision": "accept", "answer": "Clés à la mairie."})
    booking.refresh_from_db()
    assert (booking.status, booking.answer) == (BookingStatus.ACCEPTED, "Clés à la mairie.")

    cancel = f"{ROOT}reservations/{booking.pk}/annuler/"
    response = client.post(cancel, {"reason": ""})
    assert response.status_code == 400
    assert "Expliquez à la personne pourquoi" in response.content.decode()
    client.force_login(requester)
    client.post(cancel, {"reason": "Plus besoin."})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_my_bookings_and_requests_query_counts_are_pinned(
    client, territory, make_asset, owner, requester, django_assert_max_num_queries
):
    def book(count: int, start: int) -> None:
        for n in range(start, start + count):
            asset = make_asset(territory, owner, title=f"Bien {n}")
            booking_request(
                asset=asset, requester=requester, starts_at=in_days(3), ends_at=in_days(4)
            )

    book(2, 0)
    client.force_login(requester)
    with django_assert_max_num_queries(MY_BOOKINGS_QUERIES):
        client.get(f"{ROOT}mes-reservations/")
    client.force_login(owner)
    with django_assert_max_num_queries(REQUESTS_QUERIES):
        client.get(f"{ROOT}demandes-recues/")
    book(5, 2)
    client.force_login(requester)
    with django_assert_max_num_queries(MY_BOOKINGS_QUERIES):
        client.get(f"{ROOT}mes-reservations/")
    client.force_login(owner)
    with django_assert_max_num_queries(REQUESTS_QUERIES):
        client.get(f"{ROOT}demandes-recues/")


MY_BOOKINGS_QUERIES = 7
REQUESTS_QUERIES = 7
