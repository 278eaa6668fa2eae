"""A territory administrator keeps the catalog's categories: add, edit, deactivate, delete."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in, make_member, totp_code

pytestmark = pytest.mark.browser

CATEGORIES = f"{HOME}gestion/categories/"
ADMIN_EMAIL = "catalogue@paysapt-luberon.example"


@pytest.fixture
def admin_with_totp(territory, operator):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from pmvt.accounts.models import Role

    admin = make_member(territory, ADMIN_EMAIL, role=Role.ADMIN, by=operator)
    secret = generate_totp_secret()
    TOTP.activate(admin, secret)
    return admin, secret


def test_admin_keeps_the_category_tree(page, axe, territory, admin_with_totp):
    _admin, secret = admin_with_totp
    log_in(page, axe, ADMIN_EMAIL)
    form = page.locator("main form").first
    form.get_by_label("Code").fill(totp_code(secret))
    form.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(rf"{HOME}$"))

    page.goto(CATEGORIES)
    expect(page.get_by_role("heading", level=1)).to_have_text("Catégories du catalogue")
    axe.check(page)

    # Two top categories, the second one added under the first.
    for name in ["Produits laitiers", "Fromages"]:
        page.get_by_label(re.compile(r"^Nom")).fill(name)
        page.get_by_role("button", name="Ajouter la catégorie").click()
        expect(page.get_by_role("status")).to_contain_text(f"La catégorie « {name} » est créée.")
    axe.check(page)

    # Edit: a bad order is refused, then the category moves under the other one.
    page.get_by_role("link", name="Modifier Fromages").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Modifier la catégorie")
    axe.check(page)
    page.get_by_label(re.compile(r"^Ordre")).fill("5000")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe.check(page)
    page.get_by_label(re.compile(r"^Nom")).fill("Fromages de chèvre")
    page.get_by_label(re.compile(r"^Ordre")).fill("1")
    page.get_by_label(re.compile(r"^Catégorie principale")).select_option(label="Produits laitiers")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page).to_have_url(re.compile(rf"{CATEGORIES}$"))
    expect(page.get_by_role("status")).to_contain_text("Fromages de chèvre")
    expect(page.locator(".category-tree ul")).to_contain_text("Fromages de chèvre")

    # A parent with an active subcategory cannot be deactivated; the subcategory can.
    page.get_by_role("button", name="Désactiver Produits laitiers").click()
    expect(page.locator("main")).to_contain_text("Désactivez d'abord les sous-catégories")
    page.get_by_role("button", name="Désactiver Fromages de chèvre").click()
    expect(page.get_by_role("status")).to_contain_text("est désactivée")
    expect(page.get_by_role("button", name="Réactiver Fromages de chèvre")).to_be_visible()
    axe.check(page)

    # Never used: it can be deleted.
    page.get_by_role("button", name="Supprimer Fromages de chèvre").click()
    expect(page.get_by_role("status")).to_contain_text("est supprimée")
    expect(page.locator(".category-tree")).not_to_contain_text("Fromages de chèvre")
    axe.check(page)
