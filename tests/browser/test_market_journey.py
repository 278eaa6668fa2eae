"""The marketplace's promise, end to end, as a new user lives it.

Find a farmer on the map, search "pommes" and find "Pomme", fill one cart from two sellers,
click & collect from one and home delivery from the other, pay at pickup or on delivery; each
seller's staff sees only its own order and gets it ready; the buyer follows both statuses;
emails go out at each step. Every page visited passes axe-core.
"""

import re
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.browser.support import HOME, PASSWORD, log_in, make_user

pytestmark = pytest.mark.browser

MARKET = f"{HOME}marche/"
BUYER = "nouvelle.habitante@example.fr"
ORCHARD_OWNER = "verger.journee@example.fr"
BAKER = "fournil.journee@example.fr"
BAKERY_CLERK = "vendeuse.fournil@example.fr"  # Staff, not owner: handles orders only.
ORCHARD = "Verger de la Doa"
BAKERY = "Fournil du Calavon"


def _seller(territory, operator, *, name, number, owner_email, naf, insee, lat, lng, **extra):
    from pmvt.actors.identifiers import fictitious_siret
    from pmvt.actors.models import ActorKind
    from pmvt.actors.services.actors import actor_register, actor_verify
    from pmvt.territories.models import Commune

    owner = make_user(owner_email)
    actor = actor_register(
        territory=territory,
        by=owner,
        kind=ActorKind.BUSINESS,
        legal_name=f"{name} EARL",
        trade_name=name,
        commune=Commune.objects.get(territory=territory, insee_code=insee),
        address="Chemin des Vergers",
        siret=fictitious_siret(number),
        naf_code=naf,
        latitude=Decimal(lat),
        longitude=Decimal(lng),
        terms_of_sale="Produits frais : pas de droit de rétractation.",
        **extra,
    )
    return actor_verify(actor=actor, by=operator), owner


@pytest.fixture
def two_sellers(territory, operator):
    """An orchard (a farmer, click & collect) and a bakery delivering to Apt, with a clerk."""
    from django.utils import timezone

    from pmvt.actors.models import StaffRole
    from pmvt.actors.services.staff import actor_staff_add
    from pmvt.catalog.services.offers import category_create, offer_create
    from pmvt.orders.services.fulfilment import delivery_settings_update, pickup_slots_create
    from pmvt.territories.models import Commune

    with scopes_disabled():
        orchard, orchard_owner = _seller(
            territory,
            operator,
            name=ORCHARD,
            number=951,
            owner_email=ORCHARD_OWNER,
            naf="01.24Z",  # Fruit growing: an agriculteur.
            insee="84003",
            lat="43.8760",
            lng="5.3960",
            offers_click_collect=True,
        )
        bakery, baker = _seller(
            territory,
            operator,
            name=BAKERY,
            number=952,
            owner_email=BAKER,
            naf="10.71C",
            insee="84047",
            lat="43.9010",
            lng="5.3560",
            offers_delivery=True,
        )
        actor_staff_add(actor=bakery, user=make_user(BAKERY_CLERK), role=StaffRole.STAFF, by=baker)
        fruit = category_create(territory=territory, name="Fruits")
        bread = category_create(territory=territory, name="Boulangerie")
        offer_create(
            actor=orchard,
            by=orchard_owner,
            category=fruit,
            name="Pomme Golden du Luberon",
            variants=[{"label": "1 kg", "price": Decimal("2.80"), "stock": 30}],
        )
        offer_create(
            actor=bakery,
            by=baker,
            category=bread,
            name="Pain au levain",
            variants=[{"label": "800 g", "price": Decimal("4.50"), "stock": 12}],
        )
        pickup_slots_create(
            actor=orchard,
            by=orchard_owner,
            day=timezone.localdate() + timedelta(days=2),
            start=time(17),
            end=time(19),
            capacity=5,
        )
        apt = Commune.objects.get(territory=territory, insee_code="84003")
        delivery_settings_update(
            actor=bakery,
            by=baker,
            enabled=True,
            communes=[apt],
            fee=Decimal("3.00"),
            weekdays=range(7),
        )
    return orchard, bakery


def _emails_to(address: str) -> list[str]:
    return [str(m.subject) for m in mail.outbox if address in m.to]


def _assert_emailed(address: str, *words: str) -> None:
    """One email to `address` whose subject holds every word (an order number, a status)."""
    subjects = _emails_to(address)
    assert any(all(word in subject for word in words) for subject in subjects), (
        f"no email to {address} about {words}: {subjects}"
    )


def _order_numbers() -> dict[str, str]:
    """The buyer's order number at each seller, by the seller's name."""
    from pmvt.orders.models import Order

    with scopes_disabled():
        orders = Order.objects.filter(buyer__email=BUYER).select_related("seller")
        return {order.seller.display_name: order.number for order in orders}


def _sign_up_and_join(page, axe) -> None:
    """A new visitor creates an account and joins the territory, as the site asks."""
    with scopes_disabled():
        make_user(BUYER)  # The signup form itself has its own walk (test_account_walk).
    log_in(page, axe, BUYER)
    page.goto(HOME)
    join = page.get_by_role("button", name=re.compile("Rejoindre"))
    if join.count():
        join.first.click()
        page.wait_for_load_state("load")
        axe.check(page)


def _find_the_farmer_on_the_map(page, axe) -> None:
    page.goto(f"{MARKET}acteurs/")
    axe.check(page)
    page.get_by_label("Famille").select_option("agriculteur")
    page.get_by_role("button", name=re.compile("Filtrer|Appliquer|Afficher")).first.click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text(ORCHARD)
    expect(page.locator("main")).not_to_contain_text(BAKERY)
    marker = page.get_by_role("button", name=ORCHARD)
    expect(marker).to_be_visible()
    axe.check(page)
    marker.click()
    page.locator(".leaflet-popup").get_by_role("link", name=ORCHARD).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ORCHARD)
    axe.check(page)


def _fill_the_cart_from_two_sellers(page, axe) -> None:
    # Search "pommes", find "Pomme", add it from the results.
    page.goto(f"{MARKET}catalogue/")
    page.get_by_label("Rechercher un produit ou un service").fill("pommes")
    page.get_by_role("button", name="Rechercher").click()
    card = page.locator(".offer-card", has_text="Pomme Golden du Luberon")
    expect(card).to_be_visible()
    axe.check(page)
    card.get_by_role("button", name=re.compile("Ajouter au panier")).click()
    expect(page.locator(".messages")).to_contain_text("ajouté au panier")

    # A second seller: bread, from the offer's own page.
    page.get_by_label("Rechercher un produit ou un service").fill("pain levain")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="Pain au levain").first.click()
    axe.check(page)
    page.locator("main form").filter(
        has=page.get_by_role("button", name=re.compile("panier"))
    ).get_by_role("button", name=re.compile("panier")).first.click()
    expect(page.get_by_role("link", name=re.compile(r"Panier \(2\)"))).to_be_visible()


def _check_out(page, axe) -> dict[str, str]:
    """One cart, two sellers: click & collect at the orchard, home delivery for the bread."""
    page.get_by_role("link", name=re.compile(r"Panier \(2\)")).click()
    expect(page.get_by_role("heading", level=2, name=ORCHARD)).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=BAKERY)).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Passer commande").click()
    expect(page.get_by_role("button", name="Valider la commande")).to_be_visible()
    axe.check(page)
    page.get_by_role("group", name=re.compile(ORCHARD)).locator(
        "input[value^='slot:']"
    ).first.check()
    page.get_by_role("group", name=re.compile(BAKERY)).locator(
        "input[value^='delivery:']"
    ).first.check()
    page.get_by_label("Commune de livraison").select_option(label="Apt")
    page.get_by_label("Adresse de livraison").fill("3 rue des Marchands")
    page.get_by_label("Paiement au retrait ou à la livraison").check()
    page.get_by_role("button", name="Valider la commande").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre commande est enregistrée"
    )
    numbers = _order_numbers()
    assert set(numbers) == {ORCHARD, BAKERY}
    main = page.locator("main")
    expect(main.locator(".card", has_text=numbers[ORCHARD])).to_contain_text(
        f"Retrait chez {ORCHARD}"
    )
    expect(main.locator(".card", has_text=numbers[BAKERY])).to_contain_text("Livraison à domicile")
    expect(main).to_contain_text("Paiement au retrait ou à la livraison")
    axe.check(page)

    # The buyer gets one confirmation per order; each seller's team hears of its own only.
    _assert_emailed(BUYER, numbers[ORCHARD], "enregistrée")
    _assert_emailed(BUYER, numbers[BAKERY], "enregistrée")
    _assert_emailed(ORCHARD_OWNER, "Nouvelle commande", numbers[ORCHARD])
    for address in (BAKER, BAKERY_CLERK):
        _assert_emailed(address, "Nouvelle commande", numbers[BAKERY])
        assert not any(numbers[ORCHARD] in s for s in _emails_to(address))
    assert not any(numbers[BAKERY] in s for s in _emails_to(ORCHARD_OWNER))
    return numbers


def _seller_gets_it_ready(page, axe, *, account, seller, number, other, other_number) -> None:
    """A seller's account reaches its orders from the header, sees only its own, readies it."""
    page.context.clear_cookies()
    log_in(page, axe, account, PASSWORD)
    page.goto(HOME)
    page.get_by_role("navigation", name="Mon compte").get_by_role("link", name="Espace pro").click()
    axe.check(page)
    page.locator("main").get_by_role("link", name=seller.display_name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(seller.display_name)
    axe.check(page)
    page.locator("main").get_by_role("link", name="Commandes", exact=True).click()
    orders = page.locator(".order-card")
    expect(orders).to_have_count(1)
    expect(orders).to_contain_text(number)
    expect(page.locator("main")).not_to_contain_text(other_number)
    axe.check(page)

    orders.get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)
    axe.check(page)
    page.get_by_role("button", name="Accepter la commande").click()
    expect(page.locator(".messages")).to_contain_text(f"La commande {number} est acceptée")
    _assert_emailed(BUYER, number, "acceptée")
    page.get_by_role("button", name="Marquer prête").click()
    expect(page.locator(".messages")).to_contain_text(f"La commande {number} est prête")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Prête")
    axe.check(page)
    _assert_emailed(BUYER, number, "prête")

    # The other seller's order stays out of reach, even by typing its address.
    own_orders = f"{HOME}espace-pro/{seller.slug}/commandes/"
    response = page.goto(f"{own_orders}{other_number}/")
    assert response is not None and response.status == 404
    axe.check(page)
    other_orders = f"{HOME}espace-pro/{other.slug}/commandes/"
    for address in (other_orders, f"{other_orders}{other_number}/"):
        response = page.goto(address)
        assert response is not None and response.status == 403
        axe.check(page)


def test_a_new_buyer_orders_from_two_sellers_who_get_their_orders_ready(
    page, axe, territory, two_sellers
):
    orchard, bakery = two_sellers
    _sign_up_and_join(page, axe)
    _find_the_farmer_on_the_map(page, axe)
    _fill_the_cart_from_two_sellers(page, axe)
    numbers = _check_out(page, axe)

    # Each seller's team gets its own order ready: the orchard's owner, the bakery's clerk.
    _seller_gets_it_ready(
        page,
        axe,
        account=ORCHARD_OWNER,
        seller=orchard,
        number=numbers[ORCHARD],
        other=bakery,
        other_number=numbers[BAKERY],
    )
    _seller_gets_it_ready(
        page,
        axe,
        account=BAKERY_CLERK,
        seller=bakery,
        number=numbers[BAKERY],
        other=orchard,
        other_number=numbers[ORCHARD],
    )

    # The buyer follows both orders: ready, one to collect, one to be delivered.
    page.context.clear_cookies()
    log_in(page, axe, BUYER)
    page.goto(f"{MARKET}mes-commandes/")
    axe.check(page)
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    for seller, receipt in ((ORCHARD, f"Retrait chez {ORCHARD}"), (BAKERY, "Livraison à domicile")):
        row = rows.filter(has_text=numbers[seller])
        expect(row).to_contain_text(seller)
        expect(row).to_contain_text("Prête")
        row.get_by_role("link", name=numbers[seller]).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Commande {numbers[seller]}")
        expect(page.locator("main .lead")).to_contain_text("Prête")
        expect(page.locator("main")).to_contain_text(receipt)
        expect(page.get_by_role("heading", name="Suivi")).to_be_visible()
        axe.check(page)
        page.go_back()

    # Placed, accepted and ready: three emails per order.
    assert len(_emails_to(BUYER)) == 6, _emails_to(BUYER)
