"""Retention: an anonymous cart goes when its session is over; a buyer's cart stays."""

from datetime import timedelta
from io import StringIO

from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from pmvt.orders.models import Cart, CartLine
from pmvt.orders.services.carts import cart_add, cart_for_user
from pmvt.orders.services.retention import carts_purge_abandoned
from pmvt.orders.tasks import purge_abandoned_carts
from pmvt.orders.tests.factories import messages_of

CART = "/t/pays-dapt-luberon/marche/panier/"
ADD = f"{CART}ajouter/"


def _visitor_cart(client, variant, quantity: int = 2) -> Cart:
    client.post(ADD, {"variant_id": variant.pk, "quantity": str(quantity)})
    return Cart.objects.get(session_key=client.session.session_key, user__isnull=True)


def _untouched_for(cart: Cart, days: int) -> None:
    Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now() - timedelta(days=days))


def _end_session(key: str) -> None:
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(hours=1))


def test_the_command_deletes_the_carts_of_ended_sessions_once(client, buyer, golden, territory):
    expired = _visitor_cart(client, golden)
    _untouched_for(expired, days=15)
    _end_session(expired.session_key)
    deleted_session = _visitor_cart(Client(), golden)
    _untouched_for(deleted_session, days=3)
    Session.objects.filter(session_key=deleted_session.session_key).delete()
    live = _visitor_cart(Client(), golden)
    _untouched_for(live, days=10)
    fresh = _visitor_cart(Client(), golden)
    Session.objects.filter(session_key=fresh.session_key).delete()
    owned = cart_for_user(territory=territory, user=buyer)
    cart_add(cart=owned, variant=golden, quantity=1)
    _untouched_for(owned, days=400)

    out = StringIO()
    call_command("orders_purge_carts", stdout=out)

    assert out.getvalue() == "2 panier(s) abandonné(s) effacé(s).\n"
    assert set(Cart.objects.values_list("pk", flat=True)) == {live.pk, fresh.pk, owned.pk}
    assert set(CartLine.objects.values_list("cart_id", flat=True)) == {live.pk, fresh.pk, owned.pk}

    out = StringIO()
    call_command("orders_purge_carts", stdout=out)
    assert out.getvalue() == "0 panier(s) abandonné(s) effacé(s).\n"


def test_the_task_runs_the_same_purge(client, golden):
    cart = _visitor_cart(client, golden)
    _untouched_for(cart, days=2)
    Session.objects.all().delete()

    assert purge_abandoned_carts.call() == 1
    assert not Cart.objects.exists()


def test_a_visitor_whose_cart_was_purged_gets_a_new_one(client, golden):
    """A session that still names a purged cart (a cached copy, say) finds an empty cart."""
    old = _visitor_cart(client, golden)
    Cart.objects.filter(pk=old.pk).delete()

    page = client.get(CART)
    assert page.status_code == 200
    assert page.context["summary"].item_count == 0

    response = client.post(ADD, {"variant_id": golden.pk, "quantity": "1"}, follow=True)
    assert messages_of(response) == ["1 × «\u00a0Pomme Golden (1 kg)\u00a0» ajouté au panier."]
    assert CartLine.objects.get().quantity == 1
    assert carts_purge_abandoned() == 0
