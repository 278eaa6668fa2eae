"""The marketplace's hot path stays cheap: add to cart, checkout page, checkout (issue #3 §6).

The pinned counts only ever go down; each number is what the request needs, listed.
"""

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pmvt.notifications.models import Notification
from pmvt.orders import widgets as lean
from pmvt.orders.forms import parse_fulfilment
from pmvt.orders.models import Cart, CartLine, FulfilmentMethod, Order, PickupSlot
from pmvt.orders.selectors import seller_options
from pmvt.orders.services.carts import cart_add, cart_for_user
from pmvt.orders.services.numbering import next_order_number, next_order_numbers

MARKET = "/t/pays-dapt-luberon/marche/"
ADD = f"{MARKET}panier/ajouter/"
CHECKOUT = f"{MARKET}commande/"
CART = f"{MARKET}panier/"

# Territory, session and user (3), the variant with its offer and seller (1), then the add
# itself: on PostgreSQL one statement that locks the buyer's cart (found by its owner, not
# read first), upserts the line within the maximum and the stock, and touches the cart (1);
# on SQLite, BEGIN (a savepoint in tests), the line's upsert, the cart's touch and COMMIT (a
# release in tests). Was 12 before the cart's lock and its updated_at became one UPDATE and
# the view's variant was no longer read twice, 10 before the upsert, 9 before the add became
# one statement on PostgreSQL.
ADD_QUERIES = {"postgresql": 5, "sqlite": 8}
# Territory, session and user (3), cart (1) and its lines (1), the sellers' options (5: slots,
# home delivery, pickup points, rounds, bank transfer), buyer's actors (1), membership (1),
# the header's counters (1), the communes of the form (1).
CHECKOUT_PAGE_QUERIES = 15  # +1: the buyer's voucher balances at every seller, in one query.
# One seller, in a test transaction (the email tasks are queued on commit, not counted here).
# Was 40 for one seller (41 with a second line) and 56 for two sellers; now 36, 36 and 42:
# stock, slots, order counter, orders, lines, events and the sellers' staff are one statement
# each whatever the number of lines and sellers, the checkout row is not read before its
# INSERT, the chosen slot comes from the options already read, and a submission does not
# read the membership used only for the blank form's initial commune. 32 since a notification
# is one INSERT (no savepoint of its own).
# 30 since the notifications (the sellers' staff, one INSERT per notification) are made by a
# task queued in the checkout's transaction: with the database task backend of production
# that is one more INSERT (the outbox row), whatever the number of sellers.
# 28 since a submission that neither buys as a professional nor pays with vouchers reads
# neither the buyer's actors nor their voucher balances (both only shown on the page).
POST_QUERIES = 28


@pytest.fixture
def bakery(make_seller):
    return make_seller("Fournil de Saignon", insee="84105")


@pytest.fixture
def bread(make_variant, bakery):
    return make_variant(bakery, "Pain au levain", label="800 g", price="4.50", stock=5)


@pytest.fixture
def bakery_slot(make_slot, bakery):
    return make_slot(bakery, days=2, hour=16, capacity=2)


@pytest.fixture
def db_sessions(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


@pytest.fixture
def buyer_client(client, buyer, db_sessions):
    client.force_login(buyer)
    return client


def _slot_value(page, actor_id: int) -> str:
    field = page.context["form"].fields[f"fulfilment_{actor_id}"]
    return field.choices[0][1][0][0]


# --- Add to cart ---------------------------------------------------------------------------


def test_add_to_cart_costs_a_fixed_number_of_queries(
    buyer_client, buyer, territory, golden, bread, seller, make_variant
):
    buyer_client.post(ADD, {"variant_id": golden.pk, "quantity": "1"})
    with CaptureQueriesContext(connection) as first_line:
        buyer_client.post(ADD, {"variant_id": bread.pk, "quantity": "1"})
    for name in ["Abricots", "Cerises", "Figues"]:
        cart_add(
            cart=cart_for_user(territory=territory, user=buyer),
            variant=make_variant(seller, name, label="1 kg"),
            quantity=1,
        )
    with CaptureQueriesContext(connection) as fuller:
        response = buyer_client.post(ADD, {"variant_id": golden.pk, "quantity": "2"})

    assert response.status_code == 302
    assert len(first_line) == len(fuller) == ADD_QUERIES[connection.vendor]
    cart = Cart.objects.get(user=buyer)
    assert CartLine.objects.get(cart=cart, variant=golden).quantity == 3


def test_adding_touches_the_cart(territory, buyer, golden):
    cart = cart_for_user(territory=territory, user=buyer)
    before = Cart.objects.get(pk=cart.pk).updated_at

    cart_add(cart=cart, variant=golden, quantity=1)

    stored = Cart.objects.get(pk=cart.pk).updated_at
    assert stored > before


def test_a_fresh_variant_from_the_view_is_checked_like_any_other(territory, buyer, golden):
    from pmvt.catalog.models import OfferVariant
    from pmvt.core.exceptions import ApplicationError

    cart = cart_for_user(territory=territory, user=buyer)
    variant = OfferVariant.objects.select_related("offer__actor").get(pk=golden.pk)
    variant.is_active = False

    with pytest.raises(ApplicationError):
        cart_add(cart=cart, variant=variant, quantity=1, fresh=True)
    assert not CartLine.objects.filter(cart=cart).exists()


# --- Checkout page -------------------------------------------------------------------------


def test_checkout_page_costs_the_same_queries_whatever_the_number_of_sellers(
    buyer_client, buyer, territory, golden, bread, slot, bakery_slot
):
    cart = cart_for_user(territory=territory, user=buyer)
    cart_add(cart=cart, variant=golden, quantity=1)
    with CaptureQueriesContext(connection) as one_seller:
        buyer_client.get(CHECKOUT)
    cart_add(cart=cart, variant=bread, quantity=1)
    with CaptureQueriesContext(connection) as two_sellers:
        page = buyer_client.get(CHECKOUT)

    assert page.status_code == 200
    assert len(page.context["seller_fields"]) == 2
    assert len(one_seller) == len(two_sellers) == CHECKOUT_PAGE_QUERIES


# Territory, session and user (3), cart (1) and its lines with their variants, offers and
# sellers (1), the header's counters (1), the membership behind the header's links (1).
CART_PAGE_QUERIES = 7


def test_cart_page_costs_the_same_queries_whatever_its_lines(
    buyer_client, buyer, territory, golden, bread, seller, make_variant
):
    cart = cart_for_user(territory=territory, user=buyer)
    cart_add(cart=cart, variant=golden, quantity=1)
    with CaptureQueriesContext(connection) as one_line:
        buyer_client.get(CART)
    cart_add(cart=cart, variant=bread, quantity=2)
    for name in ["Abricots", "Cerises", "Figues"]:
        cart_add(cart=cart, variant=make_variant(seller, name, label="1 kg"), quantity=1)
    with CaptureQueriesContext(connection) as five_lines:
        page = buyer_client.get(CART)

    assert page.status_code == 200
    assert page.context["summary"].item_count == 6
    assert "Cerises (1 kg)" in page.content.decode()
    assert len(one_line) == len(five_lines) == CART_PAGE_QUERIES


def test_checkout_widgets_render_django_markup(territory, commune):
    """The lean widgets write exactly what Django's own widgets write."""
    apt = commune("84003")
    choices = [("", "Choisissez"), (apt.pk, "Apt & <Gargas>"), (apt.pk + 1, "Gargas")]
    grouped = [("Retrait", [("slot:1", "Mardi"), ("slot:2", "Jeudi")]), ("point:3", "Mairie")]
    aria = {"aria-invalid": "true", "aria-describedby": "x_error"}
    cases: list[tuple[str, object, dict, dict]] = [
        (kind, value, attrs, {"choices": options})
        for kind in ("Select", "RadioSelect")
        for options in (choices, grouped)
        for value in (None, "", str(apt.pk), "slot:2")
        for attrs in ({}, aria, {"id": "id_p", "required": True, "class": "x"})
    ]
    cases += [
        (kind, value, attrs, {})
        for kind in ("TextInput", "HiddenInput", "Textarea")
        for value in (None, "", '12 rue "du Four" & <fils>', 0)
        for attrs in ({}, aria, {"type": "tel", "maxlength": "30", "disabled": False})
    ]
    for kind, value, attrs, options in cases:
        ours = getattr(lean, kind)(dict(attrs), **options).render("f", value)
        django = getattr(forms, kind)(dict(attrs), **options).render("f", value)
        assert ours == django, (kind, value, attrs)


# --- Checkout ------------------------------------------------------------------------------


def test_checkout_post_cost_does_not_grow_with_lines_or_sellers(
    buyer_client,
    buyer,
    territory,
    golden,
    bread,
    slot,
    bakery_slot,
    make_variant,
    seller,
    django_capture_on_commit_callbacks,
):
    def checkout(*variants) -> CaptureQueriesContext:
        cart = cart_for_user(territory=territory, user=buyer)
        for variant in variants:
            cart_add(cart=cart, variant=variant, quantity=1)
        page = buyer_client.get(CHECKOUT)
        data = {
            "idempotency_key": page.context["form"].initial["idempotency_key"],
            "payment_method": "on_pickup",
        }
        for option, name in page.context["form"].seller_fields:
            data[name] = _slot_value(page, option.seller.pk)
        # The notification task runs on commit, after the request's queries are counted.
        with (
            django_capture_on_commit_callbacks(execute=True),
            CaptureQueriesContext(connection) as queries,
        ):
            response = buyer_client.post(CHECKOUT, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        return queries

    checkout(golden)  # The territory's first order creates its order counter.
    one = checkout(golden)
    more_lines = checkout(golden, make_variant(seller, "Abricots", label="1 kg"))
    two_sellers = checkout(golden, bread)

    assert len(one) == len(more_lines) == len(two_sellers) == POST_QUERIES
    assert Order.objects.filter(buyer=buyer).count() == 5
    assert PickupSlot.objects.get(pk=bakery_slot.pk).booked == 1
    assert PickupSlot.objects.get(pk=slot.pk).booked == 4
    assert Notification.objects.filter(kind="order_received").count() == 5


def test_numbers_are_drawn_in_one_go(territory):
    year = timezone.localdate().year

    assert next_order_numbers(territory, 3) == [
        f"APT-{year}-000001",
        f"APT-{year}-000002",
        f"APT-{year}-000003",
    ]
    assert next_order_number(territory) == f"APT-{year}-000004"


def test_parsing_a_choice_takes_the_offered_slot_without_a_query(
    territory, seller, slot, bakery, bakery_slot, django_assert_num_queries
):
    options = seller_options(sellers=[seller], territory=territory)[seller.pk]

    with django_assert_num_queries(0):
        choice = parse_fulfilment(
            f"slot:{slot.pk}", seller=seller, address="", commune=None, options=options
        )
    assert choice.method == FulfilmentMethod.CLICK_COLLECT
    assert choice.slot == slot
    # Another seller's slot is not offered, and reading it again still refuses it.
    foreign = parse_fulfilment(
        f"slot:{bakery_slot.pk}", seller=seller, address="", commune=None, options=options
    )
    assert foreign.slot is None
