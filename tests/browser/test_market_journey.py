"""The marketplace's promise, end to end, as a new user lives it.

Find a farmer on the map, search "pommes" and find "Pomme", fill one cart from two sellers,
click & collect from one and home delivery from the other, pay at pickup; each seller sees
only its own order and gets it ready; the buyer follows both statuses; emails go out at each
step. Every page visited passes axe-core.
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
    from django.utils import timezone

    from pmvt.catalog.services.offers import category_create, offer_create
    from pmvt.orders.services.fulfilment import delivery_settings_update, pickup_slots_create
    from pmvt.territories.models import Commune

    with scopes_disabled():
        orchard, orchard_owner = _seller(
            territory,
            operator,
            name="Verger de la Doa",
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
            name="Fournil du Calavon",
            number=952,
            owner_email=BAKER,
            naf="10.71C",
            insee="84047",
            lat="43.9010",
            lng="5.3560",
            offers_delivery=True,
        )
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
    return [m.subject for m in mail.outbox if address in m.to]


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


def test_a_new_buyer_orders_from_two_sellers_who_get_their_orders_ready(
    page, axe, territory, two_sellers
):
    orchard, bakery = two_sellers
    _sign_up_and_join(page, axe)

    # 1. Find a farmer on the map of the directory.
    page.goto(f"{MARKET}acteurs/")
    axe.check(page)
    page.get_by_label("Famille").select_option("agriculteur")
    page.get_by_role("button", name=re.compile("Filtrer|Appliquer|Afficher")).first.click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("Verger de la Doa")
    expect(page.locator("main")).not_to_contain_text("Fournil du Calavon")
    marker = page.get_by_role("button", name="Verger de la Doa")
    expect(marker).to_be_visible()
    axe.check(page)
    marker.click()
    page.locator(".leaflet-popup").get_by_role("link", name="Verger de la Doa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verger de la Doa")
    axe.check(page)

    # 2. Search "pommes" and find "Pomme"; add it to the cart.
    page.goto(f"{MARKET}catalogue/")
    page.get_by_label("Rechercher un produit ou un service").fill("pommes")
    page.get_by_role("button", name="Rechercher").click()
    card = page.locator(".offer-card", has_text="Pomme Golden du Luberon")
    expect(card).to_be_visible()
    axe.check(page)
    card.get_by_role("button", name=re.compile("Ajouter au panier")).click()
    expect(page.locator(".messages")).to_contain_text("ajouté au panier")

    # 3. A second seller: bread, from the offer's own page.
    page.get_by_label("Rechercher un produit ou un service").fill("pain levain")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="Pain au levain").first.click()
    axe.check(page)
    page.locator("main form").filter(
        has=page.get_by_role("button", name=re.compile("panier"))
    ).get_by_role("button", name=re.compile("panier")).first.click()
    expect(page.get_by_role("link", name=re.compile(r"Panier \(2\)"))).to_be_visible()

    # 4. One cart, two sellers; click & collect at the orchard, delivery for the bread.
    page.goto(f"{MARKET}panier/")
    expect(page.get_by_role("heading", level=2, name="Verger de la Doa")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Fournil du Calavon")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Passer commande").click()
    axe.check(page)
    page.get_by_role("group", name=re.compile("Verger de la Doa")).locator(
        "input[value^='slot:']"
    ).first.check()
    page.get_by_role("group", name=re.compile("Fournil du Calavon")).locator(
        "input[value^='delivery:']"
    ).first.check()
    page.get_by_label("Commune de livraison").select_option(label="Apt")
    page.get_by_label("Adresse de livraison").fill("3 rue des Marchands")
    page.get_by_label("Paiement au retrait ou à la livraison").check()
    page.get_by_role("button", name="Valider la commande").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre commande est enregistrée"
    )
    axe.check(page)
    assert len(_emails_to(BUYER)) >= 1
    assert _emails_to(ORCHARD_OWNER) and _emails_to(BAKER)

    # 5. Each seller sees only its own order, and gets it ready.
    for seller, owner, other in [(orchard, ORCHARD_OWNER, bakery), (bakery, BAKER, orchard)]:
        page.context.clear_cookies()
        log_in(page, axe, owner, PASSWORD)
        page.goto(f"{HOME}espace-pro/{seller.slug}/commandes/")
        axe.check(page)
        orders = page.locator(".order-card")
        expect(orders).to_have_count(1)
        page.locator(".order-card__title a").first.click()
        axe.check(page)
        page.get_by_role("button", name="Accepter la commande").click()
        expect(page.locator(".messages")).to_contain_text("est acceptée")
        page.get_by_role("button", name=re.compile("prête")).first.click()
        expect(page.locator(".messages")).to_contain_text("prête")
        axe.check(page)
        # Another seller's orders stay out of reach, even by typing the address.
        response = page.goto(f"{HOME}espace-pro/{other.slug}/commandes/")
        assert response is not None and response.status == 403
        axe.check(page)

    # 6. The buyer follows both orders, and was told at each step.
    page.context.clear_cookies()
    log_in(page, axe, BUYER)
    page.goto(f"{MARKET}mes-commandes/")
    axe.check(page)
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    for row in rows.all():
        expect(row).to_contain_text("Prête")
    page.locator("main table a").first.click()
    expect(page.get_by_role("heading", name="Suivi")).to_be_visible()
    axe.check(page)
    buyer_mails = _emails_to(BUYER)
    assert len(buyer_mails) >= 5, buyer_mails  # Placed, then accepted and ready, per order.
