"""A new inhabitant signs up from their territory, manages their account, then erases it."""

import json
import re

import pytest
from django.core import mail
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.browser.support import HOME, PASSWORD, TERRITORY_SLUG, log_in

pytestmark = pytest.mark.browser

EMAIL = "lea.martin@example.fr"
NEW_PASSWORD = "Cerises-du-Luberon-2027"
LAST_PASSWORD = "Fontaine-de-Vaucluse-2028"
PASSWORD_LABEL = re.compile(r"^Mot de passe(?! \(confirmation\))")
NEW_PASSWORD_LABEL = re.compile(r"^Nouveau mot de passe(?! \(confirmation\))")


def link_in(message, path_pattern: str) -> str:
    match = re.search(rf"https?://[^\s/]+({path_pattern})", message.body)
    assert match, f"no link matching {path_pattern} in:\n{message.body}"
    return match.group(1)


def header_account_menu(page):
    return page.get_by_role("navigation", name="Mon compte")


def sign_up_from_the_territory(page, axe) -> None:
    page.goto(HOME)
    header_account_menu(page).get_by_role("link", name="Créer un compte").click()
    expect(page).to_have_url(re.compile(rf"/compte/signup/\?territoire={TERRITORY_SLUG}$"))
    axe.check(page)

    signup = page.locator("main form")
    signup.get_by_label("Courriel").fill(EMAIL)
    signup.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    signup.get_by_label(re.compile(r"^Mot de passe \(confirmation\)")).fill(PASSWORD)
    submit = signup.get_by_role("button", name=re.compile(r"cr[ée]", re.I))
    # Without consent to the terms, the site refuses the form with its error summary.
    submit.click()
    expect(page.locator("#error-summary")).to_contain_text(
        "Vous devez accepter les conditions pour créer un compte."
    )
    axe.check(page)
    assert mail.outbox == []

    signup = page.locator("main form")
    terms = signup.get_by_label(re.compile(r"J'accepte les conditions générales d'utilisation"))
    # Passwords are never sent back to the browser: type them again.
    signup.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    signup.get_by_label(re.compile(r"^Mot de passe \(confirmation\)")).fill(PASSWORD)
    submit = signup.get_by_role("button", name=re.compile(r"cr[ée]", re.I))
    terms.check()
    submit.click()
    expect(page).to_have_url(re.compile(r"/compte/confirm-email/$"))
    axe.check(page)


def confirm_the_address(page, axe) -> None:
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    assert not re.search(r"c'est\s+!|d'utiliser\s+!", message.body), (
        f"the email names no site:\n{message.body}"
    )
    page.goto(link_in(message, r"/compte/confirm-email/[^\s/]+/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Confirmer"))
    axe.check(page)
    # allauth confirms on POST only: a link scanner's GET must not confirm the address.
    page.locator("main form").get_by_role("button", name="Confirmer").click()
    page.wait_for_load_state("load")


def test_inhabitant_signs_up_manages_account_and_erases_it(page, axe, territory):
    from allauth.account.models import EmailAddress

    from pmvt.accounts.models import Membership, User

    sign_up_from_the_territory(page, axe)
    confirm_the_address(page, axe)

    # Confirmation logs the new member in and brings them back to their territory.
    expect(page).to_have_url(re.compile(rf"{HOME}$"))
    expect(header_account_menu(page).get_by_role("button", name="Se déconnecter")).to_be_visible()
    axe.check(page)
    user = User.objects.get(email=EMAIL)
    assert EmailAddress.objects.get(user=user).verified is True
    assert user.terms_accepted_at is not None

    # The profile in the territory: choose a commune of residence.
    header_account_menu(page).get_by_role("link", name="Mon profil").click()
    expect(page).to_have_url(re.compile(rf"{HOME}profil/$"))
    axe.check(page)
    expect(
        page.get_by_role("button", name="Rejoindre ce territoire"),
        "signing up from the territory makes the new user a member of it",
    ).to_have_count(0)
    page.get_by_label("Commune de résidence").select_option(label="Apt (84400)")
    page.get_by_role("button", name="Enregistrer ma commune").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Votre commune de résidence a été enregistrée."
    )
    expect(page.get_by_label("Commune de résidence")).to_have_value(re.compile(r"\d+"))
    axe.check(page)
    with scopes_disabled():
        membership = Membership.objects.select_related("commune").get(user=user)
    assert membership.commune.name == "Apt"

    # My account: download everything the platform holds about me.
    header_account_menu(page).get_by_role("link", name="Mon compte").click()
    expect(page).to_have_url(re.compile(r"/compte/mes-donnees/$"))
    axe.check(page)
    expect(page.get_by_text("CC Pays d'Apt-Luberon").first).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger mes données").click()
    download = download_info.value
    assert re.fullmatch(r"pmvt-mes-donnees-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    with open(download.path(), encoding="utf-8") as f:
        export = json.load(f)
    assert export["account"]["email"] == EMAIL
    assert {"email": EMAIL, "verified": True, "primary": True} in export["email_addresses"]
    assert [(m["territory_siren"], m["commune"], m["role"]) for m in export["memberships"]] == [
        ("200040624", "Apt", "member")
    ]

    # Security pages reached from My account.
    page.get_by_role("link", name="Gérer mes adresses électroniques").click()
    expect(page).to_have_url(re.compile(r"/compte/email/$"))
    axe.check(page)
    page.go_back()
    page.get_by_role("link", name=re.compile(r"Double authentification")).click()
    expect(page).to_have_url(re.compile(r"/compte/2fa/$"))
    axe.check(page)
    page.go_back()
    page.get_by_role("link", name="Changer mon mot de passe").click()
    expect(page).to_have_url(re.compile(r"/compte/password/change/$"))
    axe.check(page)
    page.get_by_label("Mot de passe actuel").fill(PASSWORD)
    page.get_by_label(NEW_PASSWORD_LABEL).fill(NEW_PASSWORD)
    page.get_by_label(re.compile(r"^Nouveau mot de passe \(confirmation\)")).fill(NEW_PASSWORD)
    page.locator("main form").get_by_role("button", name="Modifier le mot de passe").click()
    expect(page.get_by_role("status")).to_contain_text("Mot de passe modifié avec succès.")
    axe.check(page)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    # Log out from the header.
    header_account_menu(page).get_by_role("button", name="Se déconnecter").click()
    expect(header_account_menu(page).get_by_role("link", name="Se connecter")).to_be_visible()
    axe.check(page)

    # Forgotten password: the reset link arrives by email and sets a new password.
    mail.outbox.clear()
    page.goto("/compte/login/")
    axe.check(page)
    page.get_by_role("link", name="Mot de passe oublié ?").click()
    expect(page).to_have_url(re.compile(r"/compte/password/reset/$"))
    axe.check(page)
    page.locator("main form").get_by_label("Courriel").fill(EMAIL)
    page.get_by_role("button", name="Réinitialiser mon mot de passe").click()
    expect(page).to_have_url(re.compile(r"/compte/password/reset/done/$"))
    axe.check(page)
    assert len(mail.outbox) == 1
    page.goto(link_in(mail.outbox[0], r"/compte/password/reset/key/[^\s/]+/"))
    axe.check(page)
    page.get_by_label(NEW_PASSWORD_LABEL).fill(LAST_PASSWORD)
    page.get_by_label(re.compile(r"^Nouveau mot de passe \(confirmation\)")).fill(LAST_PASSWORD)
    page.locator("main form").get_by_role("button", name=re.compile("mot de passe", re.I)).click()
    expect(page).to_have_url(re.compile(r"/compte/password/reset/key/done/$"))
    axe.check(page)

    # Erase the account: a wrong password changes nothing.
    log_in(page, axe, EMAIL, LAST_PASSWORD)
    expect(header_account_menu(page).get_by_role("button", name="Se déconnecter")).to_be_visible()
    page.goto("/compte/mes-donnees/")
    page.get_by_role("link", name="Supprimer mon compte").click()
    expect(page).to_have_url(re.compile(r"/compte/supprimer/$"))
    axe.check(page)
    page.get_by_label("Votre mot de passe").fill("pas-le-bon-mot-de-passe")
    page.get_by_label(re.compile(r"^Je comprends que la suppression est définitive")).check()
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    expect(page.get_by_role("alert")).to_contain_text("Le mot de passe est incorrect.")
    expect(page.get_by_label("Votre mot de passe")).to_have_attribute("aria-invalid", "true")
    axe.check(page)
    user.refresh_from_db()
    assert (user.email, user.is_active, user.erased_at) == (EMAIL, True, None)
    with scopes_disabled():
        assert Membership.objects.filter(user=user).count() == 1

    page.get_by_label("Votre mot de passe").fill(LAST_PASSWORD)
    page.get_by_label(re.compile(r"^Je comprends que la suppression est définitive")).check()
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("status")).to_contain_text(
        "Votre compte et vos données personnelles ont été supprimés."
    )
    expect(header_account_menu(page).get_by_role("link", name="Se connecter")).to_be_visible()
    axe.check(page)
    user.refresh_from_db()
    assert user.email != EMAIL
    assert user.is_active is False
    assert user.erased_at is not None
    assert not user.has_usable_password()
    assert not EmailAddress.objects.filter(email=EMAIL).exists()
    with scopes_disabled():
        assert not Membership.objects.filter(user=user).exists()

    # The erased account cannot log in any more.
    log_in(page, axe, EMAIL, LAST_PASSWORD)
    expect(page).to_have_url(re.compile(r"/compte/login/$"))
    expect(page.locator("main")).to_contain_text(
        "L’adresse e-mail ou le mot de passe sont incorrects."
    )
    expect(header_account_menu(page).get_by_role("link", name="Se connecter")).to_be_visible()
    axe.check(page)
