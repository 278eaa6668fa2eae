"""Moderation: a member reports an inhabitant's post; the demo moderator finds it in the queue,
hides it with a reason, and the log keeps the decision; the author is told why. The territory's
admin then sets the report threshold and reorders the themes in the back office."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in, totp_code

pytestmark = pytest.mark.browser

NEWS = f"{HOME}valeurs/actualites/"
QUEUE = f"{HOME}moderation/"
POST_TITLE = "Un atelier vélo pour les jeunes à Saint-Saturnin"
PENDING_TITLE = "Vide-grenier de l'école de Villars"
REPORTER = "acteur@demo.pmvt.fr"
MODERATOR = "moderation@demo.pmvt.fr"
AUTHOR = "habitant@demo.pmvt.fr"
ADMIN = "admin@demo.pmvt.fr"


@pytest.fixture
def demo(transactional_db):
    """The demo territory, its accounts, actors, themes and news (pmvt.demo)."""
    from django_scopes import scope, scopes_disabled

    from pmvt.demo.actors import load_actors
    from pmvt.demo.community import load_community
    from pmvt.demo.loader import load_foundation
    from pmvt.demo.news import load_news

    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_community(territory)
        load_news(territory)
    return territory


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 360


def log_out(page) -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state("load")


def test_a_moderator_hides_a_reported_post(page, axe, demo):
    from pmvt.demo.loader import DEMO_PASSWORD

    # A member reports the post: a reason is required, then she is thanked.
    log_in(page, axe, REPORTER, DEMO_PASSWORD)
    page.goto(NEWS)
    page.get_by_role("link", name=POST_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(POST_TITLE)
    page.get_by_role("link", name="Signaler ce contenu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaler un contenu")
    axe.check(page)
    assert fits_a_phone(page)
    page.get_by_role("button", name="Envoyer le signalement").click()
    expect(page.locator(".error-summary")).to_contain_text("Choisissez le motif du signalement.")
    axe.check(page)
    page.get_by_label("Propos injurieux, haineux ou harcèlement").check()
    page.get_by_label("Précisions").fill("Le texte se moque d'un commerçant nommé.")
    page.get_by_role("button", name="Envoyer le signalement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(POST_TITLE)
    expect(page.locator("main")).to_contain_text(
        "Merci, votre signalement a été transmis aux modérateurs"
    )
    axe.check(page)
    log_out(page)

    # The moderator: the header links the queue; the pending post waits to be published.
    log_in(page, axe, MODERATOR, DEMO_PASSWORD)
    page.get_by_role("navigation", name="Mon compte").get_by_role("link", name="Modération").click()
    expect(page).to_have_url(re.compile(rf"{QUEUE}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Modération")
    expect(page.locator("main")).to_contain_text(PENDING_TITLE)
    axe.check(page)
    assert fits_a_phone(page)

    # Reported: the post, the reason and the details; a decision without reason is refused.
    page.get_by_role("link", name=re.compile(r"^Signalés")).click()
    item = page.locator(".moderation-item", has_text=POST_TITLE)
    expect(item).to_contain_text("Propos injurieux, haineux ou harcèlement")
    expect(item).to_contain_text("Le texte se moque d'un commerçant nommé.")
    axe.check(page)
    item.get_by_label("Décision").select_option(label="Masquer")
    item.get_by_role("button", name=re.compile("^Enregistrer la décision")).click()
    expect(page.locator(".error-summary")).to_contain_text("Donnez le motif de la décision")
    axe.check(page)
    form = page.locator("main form.moderation-item__form")
    form.get_by_label("Décision").select_option(label="Masquer")
    form.get_by_label("Motif, transmis à l'auteur").fill(
        "Propos moqueurs envers un commerçant : merci de reformuler."
    )
    form.get_by_role("button", name=re.compile("^Enregistrer la décision")).click()
    expect(page).to_have_url(re.compile(rf"{QUEUE}signales/$"))
    expect(page.locator("main")).to_contain_text("Décision enregistrée")
    expect(page.locator(".moderation-item", has_text=POST_TITLE)).to_contain_text(
        "Masqué en attendant l'examen d'un modérateur"
    )
    axe.check(page)

    # The log keeps who, what, why.
    page.get_by_role("link", name="Journal").click()
    log = page.get_by_role("region", name="Journal des décisions de modération")
    expect(log).to_contain_text(POST_TITLE)
    expect(log).to_contain_text("Masquer")
    expect(log).to_contain_text("Propos moqueurs envers un commerçant")
    expect(log).to_contain_text("Marc Modérateur")
    axe.check(page)
    assert fits_a_phone(page)
    log_out(page)

    # The public no longer sees the post; its author is told why.
    page.goto(NEWS)
    expect(page.locator("main")).not_to_contain_text(POST_TITLE)
    log_in(page, axe, AUTHOR, DEMO_PASSWORD)
    page.get_by_role("navigation", name="Mon compte").get_by_role(
        "link", name=re.compile("^Notifications")
    ).click()
    expect(page.locator("main")).to_contain_text("Votre contenu est masqué par la modération")
    expect(page.locator("main")).to_contain_text("merci de reformuler")
    axe.check(page)


def test_the_admin_sets_the_threshold_and_orders_the_themes(page, axe, demo):
    from pmvt.demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD

    secret = next(a.totp_secret for a in DEMO_ACCOUNTS if a.email == ADMIN)
    log_in(page, axe, ADMIN, DEMO_PASSWORD)
    form = page.locator("main form").first
    form.get_by_label("Code").fill(totp_code(secret))
    form.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(rf"{HOME}$"))

    page.get_by_role("navigation", name="Mon compte").get_by_role("link", name="Gestion").click()
    page.get_by_role("navigation", name="Gestion du territoire").get_by_role(
        "link", name="Modération et thèmes"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Modération et thèmes")
    axe.check(page)
    page.get_by_label("Seuil de signalements").fill("0")
    page.get_by_role("button", name="Enregistrer les réglages").click()
    expect(page.locator(".error-summary")).to_contain_text("au moins 1")
    axe.check(page)
    page.get_by_label("Seuil de signalements").fill("5")
    page.get_by_role("button", name="Enregistrer les réglages").click()
    expect(page.locator("main")).to_contain_text(
        "Les réglages de la modération ont été enregistrés."
    )
    expect(page.get_by_label("Seuil de signalements")).to_have_value("5")

    page.get_by_role("link", name="Gérer les thèmes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thèmes")
    rows = page.locator(".theme-row__name")
    expect(rows).to_have_count(8)
    expect(rows.first).to_have_text("Mobilité")
    axe.check(page)
    assert fits_a_phone(page)
    page.get_by_role("button", name="Monter Jeunesse").click()
    expect(rows.first).to_have_text("Jeunesse")
    page.get_by_role("button", name="Ajouter le thème").click()
    expect(page.locator(".error-summary")).to_contain_text("Donnez un nom au thème.")
    axe.check(page)
    page.get_by_label("Nom du thème").fill("Sport")
    page.get_by_role("button", name="Ajouter le thème").click()
    expect(rows).to_have_count(9)
    expect(rows.last).to_have_text("Sport")
    page.get_by_role("link", name="Renommer Sport").click()
    axe.check(page)
    page.get_by_label("Nom du thème").fill("Sport et loisirs")
    page.get_by_role("button", name="Enregistrer le nom").click()
    expect(rows.last).to_have_text("Sport et loisirs")
    axe.check(page)
