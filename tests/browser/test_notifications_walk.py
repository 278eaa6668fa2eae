"""An inhabitant reads her notifications, chooses what she receives by email, then
unsubscribes from the link of an email; every page passes axe-core."""

import re

import pytest
from django.core import mail
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in, make_member

pytestmark = pytest.mark.browser

EMAIL = "habitante.rustrel@example.fr"
INBOX = f"{HOME}notifications/"


def unsubscribe_path(message) -> str:
    match = re.search(
        r"https?://[^\s/]+(/compte/notifications/desinscription/[^\s/]+/)", message.body
    )
    assert match, f"no unsubscribe link in:\n{message.body}"
    return match.group(1)


@pytest.fixture
def inhabitant(territory):
    from pmvt.notifications.services import notify

    user = make_member(territory, EMAIL)
    with scopes_disabled():
        notify(
            user=user,
            territory=territory,
            kind="news",
            title="La fête des ocres revient à Rustrel",
            body="Rendez-vous le premier dimanche de juin au Colorado provençal.",
            url=f"{HOME}valeurs/",
        )
        notify(
            user=user,
            territory=territory,
            kind="aid",
            title="Aide à la rénovation des façades",
            body="La communauté de communes aide les propriétaires des centres anciens.",
        )
    assert mail.outbox == []  # Both kinds are quiet by default: inbox only.
    return user


def test_inhabitant_reads_her_notifications_and_chooses_what_she_receives(
    page, axe, territory, inhabitant
):
    from pmvt.notifications.selectors import preference_modes
    from pmvt.notifications.services import notify

    log_in(page, axe, EMAIL)
    page.goto(HOME)
    account_menu = page.get_by_role("navigation", name="Mon compte")
    expect(account_menu.get_by_role("link", name="Notifications 2 non lues")).to_be_visible()
    axe.check(page)

    account_menu.get_by_role("link", name=re.compile(r"^Notifications")).click()
    expect(page).to_have_url(re.compile(rf"{INBOX}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes notifications")
    expect(page.locator("main")).to_contain_text("2 notifications non lues")
    expect(page.locator(".notification--unread")).to_have_count(2)
    axe.check(page)

    # Following a notification marks it read and opens what it points to.
    page.get_by_role("link", name="La fête des ocres revient à Rustrel").click()
    expect(page).to_have_url(re.compile(rf"{HOME}valeurs/$"))
    expect(account_menu.get_by_role("link", name="Notifications 1 non lues")).to_be_visible()
    axe.check(page)

    page.goto(INBOX)
    expect(page.locator(".notification--unread")).to_have_count(1)
    page.get_by_role("button", name="Tout marquer comme lu").click()
    expect(page.get_by_text("Toutes vos notifications sont marquées comme lues.")).to_be_visible()
    expect(page.locator(".notification--unread")).to_have_count(0)
    expect(account_menu.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    axe.check(page)

    # The preferences live in the account area.
    account_menu.get_by_role("link", name="Mon compte").click()
    page.get_by_role("link", name="Choisir les notifications que je reçois par courriel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes notifications")
    expect(page.locator("main")).to_contain_text("Suivi de mes commandes")
    news = page.get_by_role("group", name=re.compile(r"^Actualités du territoire"))
    expect(news.get_by_label("Sur le site seulement")).to_be_checked()
    axe.check(page)

    news.get_by_label("Un courriel à chaque fois").check()
    page.get_by_role("button", name="Enregistrer mes préférences").click()
    expect(page.get_by_text("Vos préférences de notification sont enregistrées.")).to_be_visible()
    news = page.get_by_role("group", name=re.compile(r"^Actualités du territoire"))
    expect(news.get_by_label("Un courriel à chaque fois")).to_be_checked()
    axe.check(page)

    # The next news arrives by email, with its unsubscribe link.
    with scopes_disabled():
        notify(
            user=inhabitant,
            territory=territory,
            kind="news",
            title="Le marché d'Apt s'agrandit",
            url=f"{HOME}marche/",
        )
    [message] = mail.outbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    page.goto(unsubscribe_path(message))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ne plus recevoir ces courriels")
    axe.check(page)
    page.get_by_label(re.compile(r"Tous les courriels de notification")).check()
    page.get_by_role("button", name="Arrêter ces courriels").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Désinscription enregistrée")
    axe.check(page)
    with scopes_disabled():
        modes = preference_modes(user=inhabitant)
    assert modes["news"] == "in_app"
    assert modes["event"] == "in_app"
    assert modes["order_status"] == "instant"

    # A damaged link changes nothing and says so.
    response = page.goto("/compte/notifications/desinscription/abime/")
    assert response is not None and response.status == 400
    expect(page.get_by_role("heading", level=1)).to_have_text("Lien de désinscription invalide")
    axe.check(page)
