"""A buyer orders from two sellers; a seller handles the order; every page passes axe-core."""

import re
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in, make_member, make_user

pytestmark = pytest.mark.browser

MARKET = f"{HOME}marche/"
BUYER_EMAIL = "habitante.saignon@example.fr"


def _seller(territory, operator, name: str, number: int, owner_email: str):
    from pmvt.actors.identifiers import fictitious_siret
    from pmvt.actors.models import ActorKind
    from pmvt.actors.services.actors import actor_register, actor_verify
    from pmvt.territories.models import Commune

    owner = make_user(owner_email)
    actor = actor_register(
        territory=territory,
        by=owner,
        kind=ActorKind.BUSINESS,
        legal_name=f"{name} SARL",
        trade_name=name,
        commune=Commune.objects.get(territory=territory, insee_code="84003"),
        address="12 rue des Marchands",
        siret=fictitious_siret(number),
        naf_code="01.24Z",
        offers_click_collect=True,
        terms_of_sale="Commandes retirées sous 48 heures.",
    )
    return actor_verify(actor=actor, by=operator), owner


@pytest.fixture
def market_data(territory, operator):
    from django.utils import timezone

    from pmvt.catalog.models import OfferVariant
    from pmvt.catalog.services.offers import category_create, offer_create
    from pmvt.orders.services.carts import cart_add, cart_for_user
    from pmvt.orders.services.fulfilment import pickup_slots_create

    with scopes_disabled():
        orchard, orchard_owner = _seller(
            territory, operator, "Verger des Ocres", 901, "verger@example.fr"
        )
        bakery, _baker = _seller(
            territory, operator, "Fournil de Saignon", 902, "fournil@example.fr"
        )
        category = category_create(territory=territory, name="Épicerie fine")
        tomorrow = timezone.localdate() + timedelta(days=1)
        variants = []
        for actor, owner, name, price in [
            (orchard, orchard_owner, "Pomme Golden", "2.80"),
            (bakery, _baker, "Pain au levain", "4.50"),
        ]:
            offer = offer_create(
                actor=actor,
                by=owner,
                category=category,
                name=name,
                variants=[{"label": "1 kg", "price": Decimal(price), "stock": 20}],
            )
            variants.append(OfferVariant.objects.get(offer=offer))
            pickup_slots_create(
                actor=actor, by=owner, day=tomorrow, start=time(17), end=time(19), capacity=5
            )
        buyer = make_member(territory, BUYER_EMAIL)
        cart = cart_for_user(territory=territory, user=buyer)
        for variant in variants:
            cart_add(cart=cart, variant=variant, quantity=2)
    return orchard, bakery


def test_buyer_checks_out_and_seller_prepares_the_order(page, axe, territory, market_data):
    orchard, _bakery = market_data

    log_in(page, axe, BUYER_EMAIL)
    page.goto(f"{MARKET}panier/")
    expect(page.get_by_role("link", name="Panier (4)")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Verger des Ocres")).to_be_visible()
    axe.check(page)

    page.get_by_role("link", name="Passer commande").click()
    expect(page).to_have_url(re.compile(r"/marche/commande/$"))
    axe.check(page)
    # Submitting without choosing shows the error summary, still accessible.
    page.get_by_role("button", name="Valider la commande").click()
    expect(page.locator(".error-summary")).to_be_visible()
    axe.check(page)
    for group in page.locator("fieldset.choice-groups").all():
        group.locator("input[type=radio]").first.check()
    page.get_by_role("button", name="Valider la commande").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre commande est enregistrée"
    )
    axe.check(page)

    page.get_by_role("link", name="Voir toutes mes commandes").click()
    axe.check(page)
    page.locator("table a").first.click()
    expect(page.get_by_role("heading", name="Suivi")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Voir le reçu").click()
    expect(page.get_by_role("table", name="Détail de la TVA")).to_be_visible()
    axe.check(page)
    page.goto(f"{MARKET}acteurs/{orchard.slug}/cgv/")
    axe.check(page)

    # The seller handles the order from a phone.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, axe, "verger@example.fr")
    pro = f"{HOME}espace-pro/{orchard.slug}/commandes/"
    page.goto(pro)
    axe.check(page)
    page.locator(".order-card__title a").first.click()
    axe.check(page)
    page.get_by_role("button", name="Accepter la commande").click()
    expect(page.locator(".messages")).to_contain_text("est acceptée")
    axe.check(page)
    for path in [
        "preparation/",
        "tableau-de-bord/",
        "assistee/",
        "creneaux/",
        "livraison/",
        "paiement/",
    ]:
        page.goto(f"{pro}{path}")
        axe.check(page)
    page.goto(f"{pro}preparation/")
    page.get_by_label("Créneau de retrait").select_option(index=1)
    page.get_by_role("button", name="Afficher la liste").click()
    expect(
        page.get_by_role("table", name="Quantités à préparer, tous clients confondus")
    ).to_contain_text("Pomme Golden")
    axe.check(page)


def test_seller_takes_an_order_by_phone_and_admin_opens_a_pickup_point(
    page, axe, territory, operator, market_data
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from pmvt.accounts.models import Role
    from tests.browser.support import totp_code

    orchard, _bakery = market_data
    pro = f"{HOME}espace-pro/{orchard.slug}/commandes/"

    log_in(page, axe, "verger@example.fr")
    page.goto(f"{pro}assistee/")
    page.get_by_label(re.compile(r"^Nom du client")).fill("Mme Paulette Reynaud")
    page.get_by_label(re.compile(r"^Téléphone du client")).fill("04 90 74 12 56")
    page.get_by_label(re.compile(r"^Pomme Golden")).fill("3")
    page.locator("fieldset.choice-groups input[type=radio]").first.check()
    page.get_by_role("button", name="Enregistrer la commande").click()
    expect(page.get_by_role("heading", name="SMS à envoyer au client")).to_be_visible()
    axe.check(page)

    # The territory admin, with two-factor authentication, opens a pickup point.
    with scopes_disabled():
        admin = make_member(
            territory, "logistique@paysapt-luberon.example", role=Role.ADMIN, by=operator
        )
        secret = generate_totp_secret()
        TOTP.activate(admin, secret)
    page.context.clear_cookies()
    log_in(page, axe, "logistique@paysapt-luberon.example")
    form = page.locator("main form").first
    form.get_by_label("Code").fill(totp_code(secret))
    form.get_by_role("button", name="Connexion").click()
    page.goto(f"{HOME}gestion/logistique/")
    axe.check(page)
    page.get_by_role("link", name="Ajouter un point de retrait").click()
    axe.check(page)
    page.get_by_label(re.compile(r"^Nom")).first.fill("Mairie de Gargas")
    page.get_by_role("button", name="Créer le point de retrait").click()
    expect(page.get_by_role("alert")).to_contain_text("Le formulaire contient des erreurs")
    axe.check(page)
    page.get_by_label(re.compile(r"^Commune")).select_option(label="Gargas")
    page.get_by_label(re.compile(r"^Adresse")).fill("Place de la Mairie")
    page.get_by_role("button", name="Créer le point de retrait").click()
    expect(page.get_by_role("status")).to_contain_text("Le point de retrait est créé.")
    axe.check(page)
    page.get_by_role("link", name="Ajouter une tournée").click()
    axe.check(page)
