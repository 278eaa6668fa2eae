"""The seller back office over HTTP: orders, transitions, preparation list, dashboard,
assisted orders, slots, delivery and payment settings; who may open each page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pmvt.actors.models import StaffRole
from pmvt.catalog.models import OfferVariant
from pmvt.orders.models import (
    DeliverySettings,
    FulfilmentMethod,
    Order,
    OrderStatus,
    PaymentStatus,
    PickupSlot,
    SellerPaymentSettings,
)
from pmvt.orders.services.fulfilment import delivery_round_create, pickup_point_create
from pmvt.orders.services.transitions import order_accept
from pmvt.orders.tests.factories import collect, messages_of, owner_of
from pmvt.orders.texts import SMS_MAX_LENGTH, assisted_sms_text, gsm_safe


def pro(actor, path: str = "") -> str:
    return f"/t/pays-dapt-luberon/espace-pro/{actor.slug}/commandes/{path}"


@pytest.fixture
def owner(seller):
    return owner_of(seller)


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def order(buyer, golden, slot, fill_cart, place) -> Order:
    return place(fill_cart(buyer, (golden, 3)), buyer, {slot.actor_id: collect(slot)})[0]


# --- Who may open the pages ----------------------------------------------------------------

ORDER_PAGES = ["", "preparation/", "tableau-de-bord/", "assistee/"]
SETTINGS_PAGES = ["creneaux/", "livraison/", "paiement/"]


@pytest.mark.parametrize("page", ORDER_PAGES + SETTINGS_PAGES)
def test_the_owner_opens_every_page(owner_client, seller, page):
    assert owner_client.get(pro(seller, page)).status_code == 200


@pytest.mark.parametrize("page", ORDER_PAGES)
def test_an_employee_handles_orders(client, seller, add_staff, page):
    client.force_login(add_staff(seller, StaffRole.STAFF))

    assert client.get(pro(seller, page)).status_code == 200


@pytest.mark.parametrize("page", SETTINGS_PAGES)
def test_an_employee_cannot_change_the_settings(client, seller, add_staff, page):
    client.force_login(add_staff(seller, StaffRole.STAFF))

    response = client.get(pro(seller, page))

    assert response.status_code == 403
    assert response.context["reason"] == (
        "Seuls les responsables et gérants de cet acteur peuvent modifier ses créneaux, sa "
        "livraison et ses moyens de paiement."
    )


@pytest.mark.parametrize("page", ORDER_PAGES + SETTINGS_PAGES)
def test_staff_of_another_actor_is_refused(client, seller, make_seller, page):
    client.force_login(owner_of(make_seller("Fromagerie de Rustrel")))

    assert client.get(pro(seller, page)).status_code == 403


@pytest.mark.parametrize("page", ORDER_PAGES + SETTINGS_PAGES)
def test_anonymous_visitors_go_to_login(client, seller, page):
    response = client.get(pro(seller, page))

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/?next=")


def test_a_territory_admin_with_two_factor_helps_with_orders(client, admin, seller, activate_totp):
    activate_totp(admin)
    client.force_login(admin)

    assert client.get(pro(seller)).status_code == 200
    assert client.get(pro(seller, "assistee/")).status_code == 200
    assert client.get(pro(seller, "creneaux/")).status_code == 403


def test_a_territory_admin_without_two_factor_is_told_to_enable_it(client, admin, seller):
    client.force_login(admin)

    response = client.get(pro(seller))

    assert response.status_code == 403
    assert response.context["reason"] == (
        "Activez d'abord la double authentification pour agir au nom d'un vendeur."
    )


def test_an_admin_of_another_territory_is_refused(client, other_admin, seller, activate_totp):
    activate_totp(other_admin)
    client.force_login(other_admin)

    assert client.get(pro(seller)).status_code == 403


def test_a_seller_sees_only_its_own_orders(client, order, make_seller):
    other = make_seller("Fromagerie de Rustrel")
    client.force_login(owner_of(other))

    assert client.get(pro(other, f"{order.number}/")).status_code == 404
    response = client.post(pro(other, f"{order.number}/accepter/"))
    assert response.status_code == 404
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PLACED


# --- Orders --------------------------------------------------------------------------------


def test_order_list_filters_by_status_with_a_fixed_number_of_queries(
    owner_client, seller, buyer, golden, make_slot, fill_cart, place, owner
):
    slot = make_slot(seller, capacity=30)
    OfferVariant.objects.filter(pk=golden.pk).update(stock=100)
    first = place(fill_cart(buyer, (golden, 1)), buyer, {seller.pk: collect(slot)})[0]
    order_accept(order=first, by=owner)

    with CaptureQueriesContext(connection) as few:
        owner_client.get(pro(seller))
    for _n in range(6):
        place(fill_cart(buyer, (golden, 1)), buyer, {seller.pk: collect(slot)})
    with CaptureQueriesContext(connection) as many:
        page = owner_client.get(pro(seller))

    assert len(many) == len(few)
    assert page.context["page_obj"].paginator.count == 7
    accepted = owner_client.get(pro(seller, "?statut=accepted"))
    assert [o.number for o in accepted.context["page_obj"].object_list] == [first.number]
    assert ("accepted", "Acceptée", 1) in accepted.context["statuses"]


def test_order_page_offers_the_next_step(owner_client, seller, order):
    page = owner_client.get(pro(seller, f"{order.number}/"))

    assert [a[0] for a in page.context["actions"]] == ["accepter", "payee"]
    assert page.context["cancel_form"] is not None


def test_the_buttons_move_the_order_to_collected(owner_client, seller, order):
    for action in ["accepter", "prete", "retiree", "payee"]:
        response = owner_client.post(pro(seller, f"{order.number}/{action}/"))
        assert response.status_code == 302

    order.refresh_from_db()
    assert (order.status, order.payment_status) == (OrderStatus.COLLECTED, PaymentStatus.PAID)


def test_an_impossible_step_shows_why(owner_client, seller, order):
    response = owner_client.post(pro(seller, f"{order.number}/livree/"), follow=True)

    assert messages_of(response) == [
        "Cette commande est retirée, pas livrée\u00a0: marquez-la comme retirée."
    ]
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PLACED


def test_an_unknown_action_is_not_found(owner_client, seller, order):
    assert owner_client.post(pro(seller, f"{order.number}/expedier/")).status_code == 404


def test_cancel_needs_a_reason(owner_client, seller, order, golden):
    response = owner_client.post(
        pro(seller, f"{order.number}/annuler/"), {"reason": ""}, follow=True
    )

    assert messages_of(response) == [
        "Indiquez le motif de l'annulation\u00a0: il est transmis au client."
    ]
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PLACED

    owner_client.post(pro(seller, f"{order.number}/annuler/"), {"reason": "Rupture de stock."})
    assert Order.objects.get(pk=order.pk).status == OrderStatus.CANCELLED
    assert OfferVariant.objects.get(pk=golden.pk).stock == 10


def test_transitions_are_post_only(owner_client, seller, order):
    assert owner_client.get(pro(seller, f"{order.number}/accepter/")).status_code == 405


# --- Preparation list and dashboard -------------------------------------------------------


def test_preparation_list_sums_quantities_per_product_for_a_slot(
    owner_client, seller, buyer, make_variant, slot, fill_cart, place, make_user
):
    golden = make_variant(seller, "Pomme Golden", label="1 kg", stock=20)
    plums = make_variant(seller, "Prunes", label="500 g", stock=20)
    neighbour = make_user("voisine@apt.test")
    place(fill_cart(buyer, (golden, 2), (plums, 1)), buyer, {seller.pk: collect(slot)})
    place(fill_cart(neighbour, (golden, 3)), neighbour, {seller.pk: collect(slot)})

    page = owner_client.get(pro(seller, f"preparation/?creneau={slot.pk}"))

    rows = [
        (r.offer_name, r.variant_label, r.quantity) for r in page.context["preparation"].products
    ]
    assert rows == [("Pomme Golden", "1 kg", 5), ("Prunes", "500 g", 1)]
    assert len(page.context["preparation"].orders) == 2
    # Ids that are not ids ("²" passes str.isdigit) leave the list unfiltered, never an error.
    for junk in ("creneau=²", "tournee=¹", "point=9999999999999999999999", "creneau=-1"):
        assert owner_client.get(pro(seller, f"preparation/?{junk}")).status_code == 200


def test_preparation_list_per_day_and_per_round(
    owner_client, seller, buyer, golden, slot, territory, admin, commune, fill_cart, place
):
    from datetime import time

    from pmvt.orders.services.checkout import FulfilmentChoice

    tour = delivery_round_create(
        territory=territory,
        by=admin,
        name="Tournée des villages du Luberon",
        operator_name="Luberon Logistique (SCIC)",
        weekday=1,
        departure_time=time(14),
        communes=[commune("84102")],
        sellers=[seller],
    )
    by_round = place(
        fill_cart(buyer, (golden, 2)),
        buyer,
        {
            seller.pk: FulfilmentChoice(
                method=FulfilmentMethod.DELIVERY_ROUND,
                delivery_round=tour,
                address="Chemin des Ocres",
                commune=commune("84102"),
            )
        },
    )[0]
    by_slot = place(fill_cart(buyer, (golden, 1)), buyer, {seller.pk: collect(slot)})[0]

    round_page = owner_client.get(pro(seller, f"preparation/?tournee={tour.pk}"))
    slot_day = timezone.localtime(slot.starts_at).date().isoformat()
    day_page = owner_client.get(pro(seller, f"preparation/?date={slot_day}"))

    assert [o.number for o in round_page.context["preparation"].orders] == [by_round.number]
    day_numbers = [o.number for o in day_page.context["preparation"].orders]
    assert by_slot.number in day_numbers


def test_preparation_list_leaves_cancelled_orders_out(owner_client, seller, order, owner):
    from pmvt.orders.services.transitions import order_cancel_by_seller

    order_cancel_by_seller(order=order, by=owner, reason="Erreur de saisie.")

    page = owner_client.get(pro(seller, f"preparation/?creneau={order.pickup_slot_id}"))

    assert page.context["preparation"].orders == []


def test_dashboard_counts_orders_and_revenue_per_week(owner_client, seller, order, owner):
    page = owner_client.get(pro(seller, "tableau-de-bord/"))

    dashboard = page.context["dashboard"]
    assert len(dashboard.weeks) == 8
    assert (dashboard.weeks[-1].orders, dashboard.weeks[-1].revenue) == (1, Decimal("8.40"))
    assert sum(w.orders for w in dashboard.weeks[:-1]) == 0
    assert [(p.offer_name, p.quantity, p.revenue) for p in dashboard.top_products] == [
        ("Pomme Golden", 3, Decimal("8.40"))
    ]
    html = page.content.decode()
    assert '<title id="graphique-titre">' in html
    assert "8,40\u00a0€" in html


def test_dashboard_leaves_out_cancelled_and_old_orders(owner_client, seller, order, buyer):
    from pmvt.orders.services.transitions import order_cancel_by_buyer

    order_cancel_by_buyer(order=order, by=buyer)

    dashboard = owner_client.get(pro(seller, "tableau-de-bord/")).context["dashboard"]

    assert dashboard.total_orders == 0
    assert dashboard.top_products == []


# --- Assisted orders -----------------------------------------------------------------------


def assisted_data(page, seller, golden, slot, **values) -> dict:
    data = {
        "idempotency_key": page.context["form"].initial["idempotency_key"],
        "customer_name": "Mme Paulette Reynaud",
        "customer_phone": "06 12 34 56 78",
        f"qty_{golden.pk}": "2",
        "fulfilment": f"slot:{slot.pk}",
        "payment_method": "on_pickup",
    }
    data.update(values)
    return data


def test_staff_takes_an_order_by_phone_and_gets_an_sms_text(
    client, seller, golden, slot, add_staff, django_capture_on_commit_callbacks
):
    clerk = add_staff(seller, StaffRole.STAFF)
    client.force_login(clerk)
    page = client.get(pro(seller, "assistee/"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            pro(seller, "assistee/"),
            assisted_data(page, seller, golden, slot, customer_email="paulette@exemple.fr"),
            follow=True,
        )

    order = Order.objects.get()
    assert response.redirect_chain == [(pro(seller, f"{order.number}/"), 302)]
    assert (order.is_assisted, order.assisted_by, order.buyer) == (True, clerk, None)
    assert (order.customer_name, order.customer_phone, order.total) == (
        "Mme Paulette Reynaud",
        "06 12 34 56 78",
        Decimal("5.60"),
    )
    assert OfferVariant.objects.get(pk=golden.pk).stock == 8
    assert PickupSlot.objects.get(pk=slot.pk).booked == 1
    sms = response.context["sms_text"]
    assert len(sms) <= SMS_MAX_LENGTH
    assert sms.startswith(f"Bonjour Mme Paulette Reynaud, votre commande {order.number}")
    assert [m.subject for m in mail.outbox if m.to == ["paulette@exemple.fr"]] == [
        f"[CC Pays d'Apt-Luberon] Commande {order.number} enregistrée"
    ]


def test_an_assisted_order_joins_the_account_with_that_email(
    owner_client, seller, golden, slot, buyer
):
    page = owner_client.get(pro(seller, "assistee/"))

    owner_client.post(
        pro(seller, "assistee/"),
        assisted_data(page, seller, golden, slot, customer_email="HABITANTE@apt.test"),
    )

    assert Order.objects.get().buyer == buyer


def test_an_assisted_order_is_refused_without_any_quantity(owner_client, seller, golden, slot):
    page = owner_client.get(pro(seller, "assistee/"))

    response = owner_client.post(
        pro(seller, "assistee/"),
        assisted_data(page, seller, golden, slot, **{f"qty_{golden.pk}": ""}),
    )

    assert response.context["form"].non_field_errors() == [
        "Indiquez la quantité d'au moins un produit."
    ]
    assert Order.objects.count() == 0


def test_an_assisted_order_above_the_stock_changes_nothing(owner_client, seller, golden, slot):
    page = owner_client.get(pro(seller, "assistee/"))

    response = owner_client.post(
        pro(seller, "assistee/"),
        assisted_data(page, seller, golden, slot, **{f"qty_{golden.pk}": "11"}),
    )

    assert response.context["form"].non_field_errors() == [
        "Il ne reste que 10 «\u00a0Pomme Golden (1 kg)\u00a0» chez Verger des Ocres."
    ]
    assert Order.objects.count() == 0
    assert PickupSlot.objects.get(pk=slot.pk).booked == 0


def test_submitting_an_assisted_order_twice_places_it_once(owner_client, seller, golden, slot):
    page = owner_client.get(pro(seller, "assistee/"))
    data = assisted_data(page, seller, golden, slot)

    owner_client.post(pro(seller, "assistee/"), data)
    owner_client.post(pro(seller, "assistee/"), data)

    assert Order.objects.count() == 1
    assert OfferVariant.objects.get(pk=golden.pk).stock == 8


def test_a_territory_admin_takes_an_order_for_a_seller(
    client, admin, activate_totp, seller, golden, slot
):
    activate_totp(admin)
    client.force_login(admin)
    page = client.get(pro(seller, "assistee/"))

    client.post(pro(seller, "assistee/"), assisted_data(page, seller, golden, slot))

    order = Order.objects.get()
    assert (order.seller, order.assisted_by) == (seller, admin)


def test_sms_text_stays_within_160_gsm_characters(order, seller):
    Order.objects.filter(pk=order.pk).update(
        is_assisted=True,
        customer_name="Marie-Françoise Étiennette de Saint-Saturnin-lès-Apt",
    )
    order.refresh_from_db()
    order.seller.trade_name = (
        "Les Jardins Partagés de la Vallée du Calavon et des Monts de Vaucluse"
    )

    text = assisted_sms_text(order)

    assert len(text) <= SMS_MAX_LENGTH
    assert gsm_safe(text) == text
    assert order.number in text


def test_gsm_safe_replaces_characters_outside_the_sms_alphabet():
    assert gsm_safe("Fête à Céreste\u00a0: 12,50 €") == "Fete à Céreste : 12,50 "


# --- Settings ------------------------------------------------------------------------------


def test_opens_a_weekly_slot_for_several_weeks(owner_client, seller):
    day = timezone.localdate() + timedelta(days=3)

    response = owner_client.post(
        pro(seller, "creneaux/"),
        {
            "day": day.isoformat(),
            "start": "17:00",
            "end": "19:00",
            "capacity": "8",
            "repeat_weeks": "3",
        },
        follow=True,
    )

    assert messages_of(response) == ["4 créneau(x) de retrait ouvert(s)."]
    slots = list(PickupSlot.objects.filter(actor=seller).order_by("starts_at"))
    assert [timezone.localtime(s.starts_at).date() for s in slots] == [
        day + timedelta(weeks=n) for n in range(4)
    ]
    assert {(s.capacity, timezone.localtime(s.ends_at).hour) for s in slots} == {(8, 19)}


def test_rejects_a_slot_ending_before_it_starts(owner_client, seller):
    day = timezone.localdate() + timedelta(days=3)

    response = owner_client.post(
        pro(seller, "creneaux/"),
        {
            "day": day.isoformat(),
            "start": "17:00",
            "end": "16:00",
            "capacity": "8",
            "repeat_weeks": "0",
        },
    )

    assert response.context["form"].non_field_errors() == [
        "L'heure de fin doit être après l'heure de début."
    ]
    assert PickupSlot.objects.count() == 0


def test_rejects_a_slot_in_the_past(owner_client, seller):
    day = timezone.localdate() - timedelta(days=1)

    response = owner_client.post(
        pro(seller, "creneaux/"),
        {
            "day": day.isoformat(),
            "start": "09:00",
            "end": "10:00",
            "capacity": "8",
            "repeat_weeks": "0",
        },
    )

    assert response.context["form"].non_field_errors() == [
        "Ce créneau est déjà passé\u00a0: choisissez une date à venir."
    ]
    assert PickupSlot.objects.count() == 0


def test_deletes_an_empty_slot_but_keeps_a_booked_one(owner_client, seller, order, make_slot):
    empty = make_slot(seller, days=3)

    owner_client.post(pro(seller, f"creneaux/{empty.pk}/supprimer/"), follow=True)
    response = owner_client.post(
        pro(seller, f"creneaux/{order.pickup_slot_id}/supprimer/"), follow=True
    )

    assert not PickupSlot.objects.filter(pk=empty.pk).exists()
    assert PickupSlot.objects.filter(pk=order.pickup_slot_id).exists()
    assert messages_of(response) == [
        "Des commandes sont déjà prévues sur ce créneau\u00a0: il ne peut pas être supprimé."
    ]


def test_saves_the_delivery_settings(owner_client, seller, commune):
    response = owner_client.post(
        pro(seller, "livraison/"),
        {
            "enabled": "on",
            "communes": [commune("84003").pk, commune("84047").pk],
            "weekdays": ["1", "4"],
            "fee": "4,50",
            "minimum_order": "15",
            "free_threshold": "40",
        },
    )

    assert response.status_code == 302
    settings = DeliverySettings.objects.get(actor=seller)
    assert (settings.enabled, settings.fee, settings.minimum_order, settings.free_threshold) == (
        True,
        Decimal("4.50"),
        Decimal("15.00"),
        Decimal("40.00"),
    )
    assert settings.weekdays == [1, 4]
    assert sorted(c.name for c in settings.communes.all()) == ["Apt", "Gargas"]


def test_rejects_delivery_without_any_commune(owner_client, seller):
    response = owner_client.post(
        pro(seller, "livraison/"),
        {"enabled": "on", "weekdays": ["1"], "fee": "4", "minimum_order": "0"},
    )

    assert response.context["form"].non_field_errors() == [
        "Choisissez au moins une commune livrée."
    ]
    assert DeliverySettings.objects.count() == 0


def test_rejects_a_negative_fee(owner_client, seller, commune):
    response = owner_client.post(
        pro(seller, "livraison/"),
        {
            "enabled": "on",
            "communes": [commune("84003").pk],
            "weekdays": ["1"],
            "fee": "-2",
            "minimum_order": "0",
        },
    )

    assert "fee" in response.context["form"].errors
    assert DeliverySettings.objects.count() == 0


def test_saves_a_valid_iban_in_its_compact_form(owner_client, seller):
    owner_client.post(
        pro(seller, "paiement/"),
        {
            "bank_transfer_enabled": "on",
            "account_holder": "Verger des Ocres SARL",
            "iban": "fr76 3000 6000 0112 3456 7890 189",
            "bic": "agrifrpp",
        },
    )

    settings = SellerPaymentSettings.objects.get(actor=seller)
    assert (settings.iban, settings.bic, settings.bank_transfer_enabled) == (
        "FR7630006000011234567890189",
        "AGRIFRPP",
        True,
    )


@pytest.mark.parametrize(
    ("iban", "bic", "message"),
    [
        (
            "FR76 3000 6000 0112 3456 7890 188",
            "",
            "Cet IBAN n'est pas valide\u00a0: vérifiez-le sur votre relevé d'identité bancaire.",
        ),
        (
            "FR7630006000011234567890189",
            "AGRI",
            "Ce BIC n'est pas valide\u00a0: il comporte 8 ou 11 lettres et chiffres.",
        ),
        ("", "", "Pour accepter le virement, indiquez le titulaire du compte et l'IBAN."),
    ],
)
def test_rejects_bad_bank_details(owner_client, seller, iban, bic, message):
    response = owner_client.post(
        pro(seller, "paiement/"),
        {"bank_transfer_enabled": "on", "account_holder": "Verger", "iban": iban, "bic": bic},
    )

    assert response.context["form"].non_field_errors() == [message]
    assert SellerPaymentSettings.objects.count() == 0


def test_a_seller_joins_and_leaves_a_pickup_point(owner_client, seller, territory, admin, commune):
    point = pickup_point_create(
        territory=territory,
        by=admin,
        name="Mairie de Gargas",
        kind="mairie",
        commune=commune("84047"),
        address="Place de la Mairie",
    )
    url = pro(seller, "livraison/participation/")

    owner_client.post(url, {"kind": "point", "id": point.pk, "participates": "1"})
    assert list(point.sellers.all()) == [seller]

    owner_client.post(url, {"kind": "point", "id": point.pk, "participates": "0"})
    assert list(point.sellers.all()) == []

    for kind, not_an_id in (("point", "²"), ("round", "x"), ("point", "9" * 40), ("point", "")):
        response = owner_client.post(url, {"kind": kind, "id": not_an_id, "participates": "1"})
        assert response.status_code == 404
    assert list(point.sellers.all()) == []


def test_a_seller_cannot_join_a_pickup_point_of_another_territory(
    owner_client, seller, other_territory, other_admin
):
    from pmvt.territories.models import Commune

    point = pickup_point_create(
        territory=other_territory,
        by=other_admin,
        name="Mairie de Thann",
        kind="mairie",
        commune=Commune.objects.get(territory=other_territory, insee_code="68334"),
        address="Place Joffre",
    )

    response = owner_client.post(
        pro(seller, "livraison/participation/"),
        {"kind": "point", "id": point.pk, "participates": "1"},
    )

    assert response.status_code == 404
    assert list(point.sellers.all()) == []
