"""Clubs: the demo baker asks to join the club des acteurs, the demo moderator accepts, and
the baker asks the club a question; a visitor sees only the club's presentation."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in

pytestmark = pytest.mark.browser

CLUBS = f"{HOME}valeurs/clubs/"
BAKER = "acteur@demo.pmvt.fr"
MODERATOR = "moderation@demo.pmvt.fr"


@pytest.fixture
def demo(transactional_db):
    """The demo territory, its accounts, its actors and its two clubs (pmvt.demo)."""
    from django_scopes import scope, scopes_disabled

    from pmvt.demo.actors import load_actors
    from pmvt.demo.clubs import load_clubs
    from pmvt.demo.loader import load_foundation

    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_clubs(territory)
    return territory


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 360


def log_out(page) -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state("load")


def test_a_visitor_sees_the_clubs_but_not_their_exchanges(page, axe, demo):
    page.goto(CLUBS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Clubs")
    expect(page.locator(".club-card")).to_have_count(2)
    axe.check(page)
    assert fits_a_phone(page)

    page.get_by_role("link", name="Club citoyens–acteurs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Club citoyens–acteurs")
    expect(page.locator("main")).to_contain_text("réservées aux membres du club")
    expect(page.locator("main")).not_to_contain_text("Le marché du samedi à Apt")
    expect(page.get_by_role("link", name="Se connecter pour rejoindre le club")).to_be_visible()
    axe.check(page)


def test_the_baker_joins_the_actors_club_and_asks_a_question(page, axe, demo):
    from pmvt.demo.loader import DEMO_PASSWORD

    log_in(page, axe, BAKER, DEMO_PASSWORD)
    page.goto(CLUBS)
    club_card = page.locator(".club-card", has_text="Club citoyens–acteurs")
    expect(club_card).to_contain_text("Vous êtes membre")
    axe.check(page)

    page.get_by_role("link", name="Club des acteurs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Club des acteurs")
    expect(page.locator("main")).not_to_contain_text("Achat groupé d'emballages")
    axe.check(page)
    assert fits_a_phone(page)

    page.get_by_role("button", name="Demander à rejoindre le club").click()
    expect(page.get_by_role("status")).to_contain_text("Votre demande est envoyée")
    expect(page.get_by_role("button", name="Retirer ma demande")).to_be_visible()
    axe.check(page)
    log_out(page)

    # The territory's moderator may do all that the club's moderators do.
    log_in(page, axe, MODERATOR, DEMO_PASSWORD)
    page.goto(f"{CLUBS}club-des-acteurs/")
    expect(page.locator("main")).to_contain_text("Achat groupé d'emballages")
    axe.check(page)
    page.get_by_role("link", name=re.compile(r"^Demandes d'adhésion \(1\)")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demandes d'adhésion")
    expect(page.locator(".request")).to_contain_text("Élodie Boulangère")
    axe.check(page)
    page.get_by_role("button", name="Accepter Élodie Boulangère").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Élodie Boulangère est désormais membre du club."
    )
    expect(page.get_by_text("Aucune demande en attente.")).to_be_visible()
    axe.check(page)
    log_out(page)

    log_in(page, axe, BAKER, DEMO_PASSWORD)
    page.goto(f"{CLUBS}club-des-acteurs/")
    threads = page.locator(".thread-list .thread-row__title")
    # Pinned first: the group purchase, then the most recent activity.
    expect(threads.first).to_have_text("Achat groupé d'emballages kraft et compostables")
    expect(page.locator("main")).to_contain_text("Vous êtes membre de ce club.")
    axe.check(page)

    page.get_by_label("Catégorie").select_option(label="Question")
    page.get_by_role("button", name="Filtrer").click()
    expect(threads).to_have_count(1)
    axe.check(page)
    threads.first.get_by_role("link").click()
    expect(page.locator("main")).to_contain_text("Réponse qui a résolu la question")
    axe.check(page)

    page.get_by_role("link", name="Membres (6)").click()
    expect(page.get_by_role("table")).to_contain_text("Élodie Boulangère")
    axe.check(page)

    page.get_by_role("link", name="Discussions").click()
    page.get_by_role("link", name="Ouvrir une discussion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle discussion")
    axe.check(page)
    form = page.locator("main form")
    form.get_by_role("button", name="Publier la discussion").click()
    expect(page.get_by_role("alert")).to_contain_text("Le formulaire contient des erreurs")
    axe.check(page)

    form.get_by_label(re.compile(r"^Titre")).fill("Qui répare les vitrines réfrigérées ?")
    form.get_by_label(re.compile(r"^Catégorie")).select_option(label="Question")
    form.get_by_label(re.compile(r"^Message")).fill(
        "Ma vitrine à pâtisseries givre depuis une semaine. Un frigoriste **du territoire** "
        "à recommander ?"
    )
    form.get_by_role("button", name="Publier la discussion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Qui répare les vitrines réfrigérées ?"
    )
    expect(page.get_by_role("status")).to_contain_text("Votre discussion est publiée.")
    expect(page.locator(".thread__body strong")).to_have_text("du territoire")
    expect(page.get_by_role("heading", name="Répondre")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)
