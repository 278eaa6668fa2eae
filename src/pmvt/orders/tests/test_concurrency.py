"""Races proven with real threads (PostgreSQL) and real processes (SQLite file database).

PostgreSQL: each thread has its own connection and transaction; checkout locks the variants
(SELECT … FOR UPDATE, in key order), then the slots, so the check and the write happen under
the same lock. SQLite: `transaction_mode=IMMEDIATE` takes the database write lock when the
transaction begins, so concurrent checkouts run one after the other and each one sees the
stock the previous one left.
"""

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import close_old_connections, connection
from django_scopes import scopes_disabled

from pmvt.catalog.models import OfferVariant
from pmvt.catalog.services.offers import variant_set_stock
from pmvt.core.exceptions import ApplicationError
from pmvt.orders.errors import OrderErrorCode
from pmvt.orders.models import Cart, CartLine, Checkout, Order, PickupSlot
from pmvt.orders.services.carts import cart_add, cart_add_for_user, cart_for_user
from pmvt.orders.services.checkout import checkout_place, new_idempotency_key
from pmvt.orders.tests.factories import collect, owner_of

BUYERS = 20
ROUNDS = 10
UNITS = 4
ROOT = Path(__file__).resolve().parents[4]

pytestmark = pytest.mark.django_db(transaction=True)


def race(workers: list[Callable[[], object]]) -> list[object]:
    """Run the callables in threads that start together; return results or exceptions."""
    barrier = threading.Barrier(len(workers))
    results: list[object] = [None] * len(workers)

    def run(index: int, work: Callable[[], object]) -> None:
        try:
            with scopes_disabled():
                barrier.wait()
                results[index] = work()
        except Exception as error:  # The test inspects every outcome.
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, w)) for i, w in enumerate(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    return results


@pytest.fixture
def buyers(make_user):
    return [make_user(f"acheteur{n}@apt.test") for n in range(BUYERS)]


def checkout_one(cart_id: int, slot: PickupSlot, key: str | None = None) -> Callable[[], object]:
    def work() -> object:
        cart = Cart.objects.select_related("territory", "user").get(pk=cart_id)
        assert cart.user is not None
        return checkout_place(
            cart=cart,
            buyer=cart.user,
            idempotency_key=key or new_idempotency_key(),
            choices={slot.actor_id: collect(slot)},
            payment_method="on_pickup",
        )

    return work


def test_concurrent_buyers_never_oversell_the_last_units(
    postgres_only, territory, buyers, golden, make_slot, seller
):
    slot = make_slot(seller, capacity=BUYERS * ROUNDS)
    owner = owner_of(seller)
    carts = [cart_for_user(territory=territory, user=b) for b in buyers]
    sold_per_round = []
    for _round in range(ROUNDS):
        variant_set_stock(variant=golden, by=owner, stock=UNITS)
        for cart in carts:
            CartLine.objects.filter(cart=cart).delete()
            cart_add(cart=cart, variant=golden, quantity=1)

        results = race([checkout_one(cart.pk, slot) for cart in carts])

        placed = [r for r in results if isinstance(r, list)]
        refused = [r for r in results if isinstance(r, ApplicationError)]
        assert len(placed) + len(refused) == BUYERS, [
            r for r in results if r not in placed + refused
        ]
        assert {e.code for e in refused} <= {OrderErrorCode.OUT_OF_STOCK}
        sold_per_round.append(len(placed))
        assert OfferVariant.objects.get(pk=golden.pk).stock == 0

    assert sold_per_round == [UNITS] * ROUNDS
    assert Order.objects.count() == UNITS * ROUNDS
    assert sum(o.lines.get().quantity for o in Order.objects.all()) == UNITS * ROUNDS
    assert PickupSlot.objects.get(pk=slot.pk).booked == UNITS * ROUNDS
    numbers = list(Order.objects.values_list("number", flat=True))
    assert len(set(numbers)) == len(numbers)


def test_concurrent_buyers_never_overbook_a_slot(
    postgres_only, territory, buyers, golden, make_slot, seller
):
    owner = owner_of(seller)
    carts = [cart_for_user(territory=territory, user=b) for b in buyers]
    capacity = 3
    for round_number in range(ROUNDS):
        slot = make_slot(seller, days=1 + round_number, capacity=capacity)
        variant_set_stock(variant=golden, by=owner, stock=BUYERS)
        for cart in carts:
            CartLine.objects.filter(cart=cart).delete()
            cart_add(cart=cart, variant=golden, quantity=1)

        results = race([checkout_one(cart.pk, slot) for cart in carts])

        placed = [r for r in results if isinstance(r, list)]
        refused = [r for r in results if isinstance(r, ApplicationError)]
        assert (len(placed), len(refused)) == (capacity, BUYERS - capacity)
        assert {e.code for e in refused} == {OrderErrorCode.SLOT_FULL}
        assert PickupSlot.objects.get(pk=slot.pk).booked == capacity
        assert OfferVariant.objects.get(pk=golden.pk).stock == BUYERS - capacity

    assert Order.objects.count() == capacity * ROUNDS


def test_a_concurrent_double_submission_places_one_set_of_orders(
    postgres_only, territory, buyer, golden, bread_and_slot, seller, make_slot
):
    bread, bakery_slot = bread_and_slot
    slot = make_slot(seller, capacity=50)
    for _round in range(ROUNDS):
        cart = cart_for_user(territory=territory, user=buyer)
        cart_add(cart=cart, variant=golden, quantity=1)
        cart_add(cart=cart, variant=bread, quantity=1)
        key = new_idempotency_key()

        def submit(cart_id: int = cart.pk, key: str = key) -> object:
            cart = Cart.objects.select_related("territory", "user").get(pk=cart_id)
            return checkout_place(
                cart=cart,
                buyer=buyer,
                idempotency_key=key,
                choices={seller.pk: collect(slot), bread.offer.actor_id: collect(bakery_slot)},
                payment_method="on_pickup",
            )

        first, second = race([submit, submit])

        assert isinstance(first, list) and isinstance(second, list), (first, second)
        assert sorted(o.pk for o in first) == sorted(o.pk for o in second)
        assert len(first) == 2
        assert Checkout.objects.filter(idempotency_key=key).count() == 1

    assert Order.objects.count() == 2 * ROUNDS
    assert OfferVariant.objects.get(pk=golden.pk).stock == 10 - ROUNDS
    assert PickupSlot.objects.get(pk=slot.pk).booked == ROUNDS


ADDERS = 10


def test_adds_racing_a_checkout_of_the_same_cart_lose_no_unit(
    postgres_only, territory, buyer, golden, make_slot, seller
):
    """An add waits for a checkout of its cart in progress (both lock the cart row first):
    each unit ends either in the order or in the cart, never lost, and nothing deadlocks."""
    slot = make_slot(seller, capacity=ROUNDS)
    variant_set_stock(variant=golden, by=owner_of(seller), stock=ROUNDS * (ADDERS + 1))
    variant = OfferVariant.objects.select_related("offer__actor").get(pk=golden.pk)

    def add() -> object:
        return cart_add_for_user(territory=territory, user=buyer, variant=variant, quantity=1)

    for _round in range(ROUNDS):
        cart = cart_for_user(territory=territory, user=buyer)
        CartLine.objects.filter(cart=cart).delete()
        cart_add(cart=cart, variant=golden, quantity=1)

        results = race([checkout_one(cart.pk, slot), *[add] * ADDERS])

        assert all(not isinstance(r, Exception) for r in results), results
        orders = results[0]
        assert isinstance(orders, list)
        ordered = sum(line.quantity for line in orders[0].lines.all())
        left = CartLine.objects.filter(cart=cart).values_list("quantity", flat=True).first()
        assert ordered + (left or 0) == 1 + ADDERS

    assert Order.objects.count() == ROUNDS


@pytest.fixture
def bread_and_slot(make_seller, make_variant, make_slot):
    bakery = make_seller("Fournil de Saignon", insee="84105")
    bread = make_variant(bakery, "Pain au levain", label="800 g", price="4.50", stock=50)
    return bread, make_slot(bakery, capacity=50)


# --- SQLite: real processes on a file database ---------------------------------------------


def _run(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pmvt.orders.tests.sqlite_race", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sqlite_file_database_serialises_concurrent_checkouts(tmp_path):
    """Four processes of three threads each race for the last units on a WAL SQLite file."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": "",
        "PMVT_VAR_DIR": str(tmp_path),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    setup = _run(["setup", "12", "5"], env)
    out, err = setup.communicate(timeout=600)
    assert setup.returncode == 0, err
    seeded = json.loads(out.strip().splitlines()[-1])
    carts = seeded["cart_ids"]

    workers = [_run(["worker", *map(str, carts[i::4])], env) for i in range(4)]
    outcomes: list[str] = []
    for worker in workers:
        out, err = worker.communicate(timeout=600)
        assert worker.returncode == 0, err
        outcomes += json.loads(out.strip().splitlines()[-1])

    assert sorted(outcomes) == ["ok"] * 5 + ["out_of_stock"] * 7
    with sqlite3.connect(tmp_path / "pmvt.sqlite3") as db:
        stock = db.execute(
            "SELECT stock FROM catalog_offervariant WHERE id = ?", [seeded["variant_id"]]
        ).fetchone()[0]
        orders = db.execute("SELECT count(*) FROM orders_order").fetchone()[0]
        booked = db.execute(
            "SELECT booked FROM orders_pickupslot WHERE id = ?", [seeded["slot_id"]]
        ).fetchone()[0]
        units = db.execute("SELECT sum(quantity) FROM orders_orderline").fetchone()[0]
    assert (stock, orders, booked, units) == (0, 5, 5, 5)


def test_stock_check_reads_the_stock_under_the_lock(territory, buyer, golden, slot, place):
    """Sequential proof of the same rule: the check uses the stock as it is at write time."""
    cart = cart_for_user(territory=territory, user=buyer)
    cart_add(cart=cart, variant=golden, quantity=4)
    OfferVariant.objects.filter(pk=golden.pk).update(stock=3)

    with pytest.raises(ApplicationError) as error:
        place(cart, buyer, {golden.offer.actor_id: collect(slot)})

    assert error.value.code == OrderErrorCode.OUT_OF_STOCK
    assert OfferVariant.objects.get(pk=golden.pk).stock == 3
    assert Order.objects.count() == 0
