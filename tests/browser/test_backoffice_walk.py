"""A territory administrator logs in with a TOTP code and runs the territory's back office."""

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.browser.support import HOME, PASSWORD, log_in, make_member, totp_code

pytestmark = pytest.mark.browser

BACK_OFFICE = f"{HOME}gestion/"
ADMIN_EMAIL = "direction@paysapt-luberon.example"
MEMBER_EMAIL = "habitant.gargas@example.fr"


@pytest.fixture
def admin_with_totp(territory, operator):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from pmvt.accounts.models import Role

    admin = make_member(territory, ADMIN_EMAIL, role=Role.ADMIN, by=operator)
    secret = generate_totp_secret()
    TOTP.activate(admin, secret)
    return admin, secret


def test_admin_logs_in_with_totp_and_manages_settings_and_roles(
    page, axe, territory, admin_with_totp
):
    from pmvt.accounts.models import Membership, Role
    from pmvt.territories.models import Territory

    admin, secret = admin_with_totp
    member = make_member(territory, MEMBER_EMAIL)

    # Password first, then the code of the authenticator app.
    log_in(page, axe, ADMIN_EMAIL)
    expect(page).to_have_url(re.compile(r"/compte/2fa/authenticate/$"))
    axe.check(page)
    form = page.locator("main form").first
    form.get_by_label("Code").fill("000000" if totp_code(secret) != "000000" else "111111")
    form.get_by_role("button", name="Connexion").click()
    expect(page.locator("main")).to_contain_text("Code incorrect")
    axe.check(page)
    form = page.locator("main form").first
    form.get_by_label("Code").fill(totp_code(secret))
    form.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(rf"{HOME}$"))

    # The back office: dashboard.
    page.get_by_role("navigation", name="Mon compte").get_by_role("link", name="Gestion").click()
    expect(page).to_have_url(re.compile(rf"{BACK_OFFICE}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Gestion du territoire")
    expect(page.get_by_role("table")).to_contain_text("Apt")
    axe.check(page)

    # Settings: an unreadable colour is refused in French, and nothing is saved.
    back_office_nav = page.get_by_role("navigation", name="Gestion du territoire")
    back_office_nav.get_by_role("link", name="Paramètres").click()
    expect(page).to_have_url(re.compile(rf"{BACK_OFFICE}parametres/$"))
    axe.check(page)
    page.get_by_label(re.compile(r"^Couleur principale")).fill("#ffff00")
    page.get_by_label(re.compile(r"^Accroche")).fill("Le Luberon en circuit court")
    page.get_by_role("button", name="Enregistrer les paramètres").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Le formulaire contient des erreurs")
    expect(summary).to_contain_text("Cette couleur n'est pas assez contrastée sur fond blanc")
    expect(page.get_by_label(re.compile(r"^Couleur principale"))).to_have_value("#ffff00")
    expect(page.get_by_label(re.compile(r"^Couleur principale"))).to_have_attribute(
        "aria-invalid", "true"
    )
    axe.check(page)
    stored = Territory.objects.get(pk=territory.pk)
    assert (stored.primary_color, stored.tagline) == ("#1d4e89", "")

    # A readable colour is saved and becomes the territory's theme.
    page.get_by_label(re.compile(r"^Couleur principale")).fill("#0b5a2a")
    page.get_by_role("button", name="Enregistrer les paramètres").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Les paramètres du territoire ont été enregistrés."
    )
    axe.check(page)
    stored.refresh_from_db()
    assert (stored.primary_color, stored.tagline) == ("#0b5a2a", "Le Luberon en circuit court")
    theme = page.request.get(f"{HOME}theme.css")
    assert "--color-primary: #0b5a2a;" in theme.text()
    page.goto(HOME)
    expect(page.locator("main .lead")).to_have_text("Le Luberon en circuit court")
    axe.check(page)

    # Members and roles: make the inhabitant a moderator.
    page.goto(BACK_OFFICE)
    page.get_by_role("navigation", name="Gestion du territoire").get_by_role(
        "link", name="Membres et rôles"
    ).click()
    expect(page).to_have_url(re.compile(rf"{BACK_OFFICE}membres/$"))
    axe.check(page)
    row = page.get_by_role("row").filter(has_text=MEMBER_EMAIL)
    row.get_by_label(f"Rôle de {MEMBER_EMAIL}").select_option(label="Modérateur ou modératrice")
    row.get_by_role("button", name="Changer le rôle").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Le rôle de {MEMBER_EMAIL} est maintenant : Modérateur ou modératrice."
    )
    expect(
        page.get_by_role("row")
        .filter(has_text=MEMBER_EMAIL)
        .get_by_label(f"Rôle de {MEMBER_EMAIL}")
    ).to_have_value(Role.MODERATOR)
    axe.check(page)
    with scopes_disabled():
        assert Membership.objects.get(user=member, territory=territory).role == Role.MODERATOR

    # The catalog's categories: add one, then refuse an empty name.
    page.goto(f"{BACK_OFFICE}categories/")
    axe.check(page)
    page.get_by_label(re.compile(r"^Nom")).first.fill("Fromages")
    page.get_by_role("button", name="Ajouter la catégorie").click()
    expect(page.get_by_role("status")).to_contain_text("La catégorie « Fromages » est créée.")
    axe.check(page)
    page.get_by_role("button", name="Ajouter la catégorie").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe.check(page)
    page.goto(f"{BACK_OFFICE}membres/")

    # Searching the members list keeps the filter and still passes axe.
    page.get_by_label("Rechercher un membre").fill("gargas")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("table")).to_contain_text(MEMBER_EMAIL)
    expect(page.get_by_role("table")).not_to_contain_text(ADMIN_EMAIL)
    axe.check(page)

    # The last administrator cannot demote themself.
    page.get_by_label("Rechercher un membre").fill("")
    page.get_by_role("button", name="Filtrer").click()
    row = page.get_by_role("row").filter(has_text=ADMIN_EMAIL)
    row.get_by_label(f"Rôle de {ADMIN_EMAIL}").select_option(label="Habitant ou habitante")
    row.get_by_role("button", name="Changer le rôle").click()
    expect(page.locator(".messages")).to_contain_text(
        "Le territoire doit garder au moins un administrateur ou une administratrice."
    )
    axe.check(page)
    with scopes_disabled():
        assert Membership.objects.get(user=admin, territory=territory).role == Role.ADMIN


def test_admin_without_totp_is_sent_to_activate_it_before_the_back_office(
    page, axe, territory, operator
):
    from pmvt.accounts.models import Role

    make_member(territory, ADMIN_EMAIL, role=Role.ADMIN, by=operator)
    log_in(page, axe, ADMIN_EMAIL)
    expect(page).to_have_url(re.compile(rf"{HOME}$"))

    page.goto(BACK_OFFICE)
    # allauth asks for the password again before adding an authenticator.
    expect(page).to_have_url(re.compile(r"/compte/reauthenticate/"))
    expect(page.locator(".messages")).to_contain_text("activez d'abord la double authentification")
    axe.check(page)
    page.locator("main form").get_by_label("Mot de passe").fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Confirmer").click()
    expect(page).to_have_url(re.compile(r"/compte/2fa/totp/activate/$"))
    axe.check(page)

    secret = page.locator("#authenticator_secret").input_value()
    form = page.locator("main form").first
    form.get_by_label(re.compile(r"^Code")).fill(totp_code(secret))
    form.get_by_role("button", name="Activer").click()
    expect(page).to_have_url(re.compile(r"/compte/2fa/"))
    axe.check(page)

    page.goto(BACK_OFFICE)
    expect(page).to_have_url(re.compile(rf"{BACK_OFFICE}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Gestion du territoire")
    axe.check(page)


def test_member_is_refused_the_back_office_in_french(page, axe, territory):
    make_member(territory, MEMBER_EMAIL)
    log_in(page, axe, MEMBER_EMAIL)
    expect(
        page.get_by_role("navigation", name="Mon compte").get_by_role("link", name="Gestion")
    ).to_have_count(0)
    response = page.goto(BACK_OFFICE)
    assert response is not None and response.status == 403
    expect(page.locator("main")).to_contain_text(
        "Seuls les administrateurs de ce territoire ont accès à cette page."
    )
    axe.check(page)
