"""Helper processes of test_sqlite_file_database_serialises_concurrent_checkouts.

`python -m pmvt.orders.tests.sqlite_race setup BUYERS UNITS` migrates a fresh SQLite file
database (the settings' own: WAL, IMMEDIATE transactions) and fills one cart per buyer with
one unit of a product that has UNITS in stock; it prints the ids as JSON.
`python -m pmvt.orders.tests.sqlite_race worker CART_ID…` checks every cart out at once, one
thread (and connection) per cart, and prints each outcome as JSON.
"""

import json
import sys
import threading
from datetime import time, timedelta
from decimal import Decimal

import django


def setup(buyers: int, units: int) -> dict:
    from django.core.management import call_command
    from django.utils import timezone

    from pmvt.accounts.models import User
    from pmvt.actors.models import ActorKind
    from pmvt.actors.services.actors import actor_register, actor_verify
    from pmvt.catalog.models import OfferVariant
    from pmvt.catalog.services.offers import category_create, offer_create
    from pmvt.orders.services.carts import cart_add, cart_for_user
    from pmvt.orders.services.fulfilment import pickup_slots_create
    from pmvt.orders.tests.factories import valid_siret
    from pmvt.territories.models import Commune
    from pmvt.territories.services.territories import territory_import

    call_command("migrate", verbosity=0)
    territory = territory_import(siren="200040624").territory
    operator = User.objects.create_superuser("operateur@course.test", "x")
    owner = User.objects.create_user("verger@course.test", "x")
    seller = actor_register(
        territory=territory,
        by=owner,
        kind=ActorKind.BUSINESS,
        legal_name="Verger des Ocres SARL",
        commune=Commune.objects.get(territory=territory, insee_code="84003"),
        address="1 avenue Victor Hugo",
        siret=valid_siret(900),
        naf_code="01.24Z",
    )
    seller = actor_verify(actor=seller, by=operator)
    offer = offer_create(
        actor=seller,
        by=owner,
        category=category_create(territory=territory, name="Fruits"),
        name="Pomme Golden",
        variants=[{"label": "1 kg", "price": Decimal("2.80"), "stock": units}],
    )
    variant = OfferVariant.objects.get(offer=offer)
    day = timezone.localdate() + timedelta(days=1)
    slot = pickup_slots_create(
        actor=seller, by=owner, day=day, start=time(10), end=time(12), capacity=buyers
    )[0]
    cart_ids = []
    for n in range(buyers):
        buyer = User.objects.create_user(f"acheteur{n}@course.test", "x")
        cart = cart_for_user(territory=territory, user=buyer)
        cart_add(cart=cart, variant=variant, quantity=1)
        cart_ids.append(cart.pk)
    return {"cart_ids": cart_ids, "variant_id": variant.pk, "slot_id": slot.pk}


def worker(cart_ids: list[int]) -> list[str]:
    from django.db import connection

    from pmvt.core.exceptions import ApplicationError
    from pmvt.orders.models import Cart, PickupSlot
    from pmvt.orders.services.checkout import checkout_place, new_idempotency_key
    from pmvt.orders.tests.factories import collect

    barrier = threading.Barrier(len(cart_ids))
    outcomes: list[str] = []

    def run(cart_id: int) -> None:
        from django_scopes import scopes_disabled

        try:
            with scopes_disabled():
                cart = Cart.objects.select_related("territory", "user").get(pk=cart_id)
                slot = PickupSlot.objects.get()
                barrier.wait()
                assert cart.user is not None
                checkout_place(
                    cart=cart,
                    buyer=cart.user,
                    idempotency_key=new_idempotency_key(),
                    choices={slot.actor_id: collect(slot)},
                    payment_method="on_pickup",
                )
            outcomes.append("ok")
        except ApplicationError as error:
            outcomes.append(str(error.code))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(cart_id,)) for cart_id in cart_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def main() -> None:
    django.setup()
    from django_scopes import scopes_disabled

    command, *args = sys.argv[1:]
    with scopes_disabled():
        if command == "setup":
            result: object = setup(int(args[0]), int(args[1]))
        else:
            result = worker([int(a) for a in args])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
