"""Vouchers: the agent records a purchase for the demo inhabitant, who finds the voucher with its
balance and code and pays part of a bakery order with vouchers at checkout; the demo baker
cashes another part in by code from her pro space and sees her reimbursement statement."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in, totp_code

pytestmark = pytest.mark.browser

INHABITANT = "habitant@demo.pmvt.fr"
BAKER = "acteur@demo.pmvt.fr"
BAKERY = "boulangerie-des-ocres"
NBSP = "\u00a0"


@pytest.fixture
def demo(transactional_db):
    """The demo territory, its accounts, its actors and its vouchers (pmvt.demo)."""
    from django_scopes import scope, scopes_disabled

    from pmvt.demo.actors import load_actors
    from pmvt.demo.catalog import load_catalog
    from pmvt.demo.loader import load_foundation
    from pmvt.demo.orders import load_orders
    from pmvt.demo.vouchers import load_vouchers

    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_catalog(territory)
        load_orders(territory)
        load_vouchers(territory)
    return territory


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 360


def test_a_voucher_bought_at_the_counter_is_spent_in_shop(page, axe, demo):
    from pmvt.demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD

    # The agent records the purchase paid at the counter.
    admin = next(a for a in DEMO_ACCOUNTS if a.email == "admin@demo.pmvt.fr")
    log_in(page, axe, admin.email, DEMO_PASSWORD)
    page.locator("main form").first.get_by_label("Code").fill(totp_code(admin.totp_secret))
    page.locator("main form").first.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(rf"{HOME}$"))

    page.goto(f"{HOME}gestion/bons/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bons d'achat")
    axe.check(page)
    page.get_by_role("link", name="Payez 20 €, recevez 30 €").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Payez 20 €, recevez 30 €")
    axe.check(page)
    page.get_by_role("link", name="Enregistrer un achat").click()
    axe.check(page)
    form = page.locator("main form")
    form.get_by_label(re.compile(r"^Courriel du membre")).fill(INHABITANT)
    form.get_by_label(re.compile(r"^Nombre de bons")).fill("1")
    form.get_by_label("Au guichet partenaire").check()
    form.get_by_role("button", name="Enregistrer l'achat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reçu d'achat de bons")
    expect(page.get_by_role("status")).to_contain_text("L'achat est enregistré")
    code = page.locator(".receipt .voucher-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    axe.check(page)
    page.goto(f"{HOME}gestion/bons/remboursements/")
    axe.check(page)
    page.context.clear_cookies()

    # The inhabitant finds the voucher, its balance and its code.
    log_in(page, axe, INHABITANT, DEMO_PASSWORD)
    page.goto(f"{HOME}marche/bons/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bons d'achat territoriaux")
    axe.check(page)
    assert fits_a_phone(page)
    page.get_by_role("link", name=f"Bon {code}").click()
    expect(page.locator(".voucher-balance")).to_have_text(f"Solde{NBSP}: 30,00{NBSP}€")
    expect(page.locator("main .voucher-code")).to_have_text(code)
    expect(page.get_by_role("img", name=f"QR code du bon {code}")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)
    page.goto(f"{HOME}marche/bons/campagnes/payez-20-recevez-30/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Payez 20 €, recevez 30 €")
    axe.check(page)

    # She pays a bakery order with her vouchers at checkout, collecting it in a slot.
    page.goto(f"{HOME}marche/catalogue/?q=levain+noix")
    card = page.locator(".offer-card", has_text="Pain au levain aux noix")
    card.get_by_role("button", name=re.compile("Ajouter au panier")).click()
    expect(page.locator(".messages")).to_contain_text("ajouté au panier")
    page.goto(f"{HOME}marche/commande/")
    expect(page.get_by_role("group", name="Bons d'achat territoriaux")).to_be_visible()
    axe.check(page)
    page.locator("main input[value^='slot:']").first.check()
    page.get_by_label(re.compile(r"^Payer avec mes bons d'achat chez Boulangerie")).fill("4,90")
    page.get_by_label("Paiement au retrait ou à la livraison").check()
    page.get_by_role("button", name="Valider la commande").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre commande est enregistrée"
    )
    expect(page.locator("main")).to_contain_text("en bons d'achat, reste 0,00")
    axe.check(page)
    page.context.clear_cookies()

    # The baker cashes part of it in by code, from her phone.
    log_in(page, axe, BAKER, DEMO_PASSWORD)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{HOME}espace-pro/{BAKERY}/bons/encaisser/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Encaisser un bon d'achat")
    axe.check(page)
    page.get_by_label(re.compile(r"^Code du bon")).fill(code.lower())
    page.get_by_role("button", name="Vérifier le bon").click()
    expect(page.locator(".voucher-balance")).to_have_text(f"30,00{NBSP}€")
    axe.check(page)
    page.get_by_label(re.compile(r"^Montant à encaisser")).fill("12,50")
    page.get_by_role("button", name="Valider le paiement").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Paiement de 12,50{NBSP}€ encaissé. Solde restant sur le bon : 17,50{NBSP}€."
    )
    axe.check(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Relevés de remboursement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Relevés de remboursement")
    # The demo spends (12,50 € and 8,00 €), the order paid with vouchers (4,90 €) and this one.
    expect(page.locator("main table")).to_contain_text(f"37,90{NBSP}€")
    axe.check(page)
    page.get_by_role("link", name="Campagnes").click()
    axe.check(page)
