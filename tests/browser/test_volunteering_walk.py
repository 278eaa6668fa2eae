"""Volunteering: a visitor filters the missions; the demo inhabitant signs up to a mission and
finds it under "Mes missions", and is put on the waiting list of a full date; the territory's
admin opens last week's date of the collectivité's mission and records the hours given."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in, totp_code

pytestmark = pytest.mark.browser

MISSIONS = f"{HOME}marche/benevolat/"
INHABITANT = "habitant@demo.pmvt.fr"


@pytest.fixture
def demo(transactional_db):
    """The demo territory, its accounts, its actors and its missions (pmvt.demo)."""
    from django_scopes import scope, scopes_disabled

    from pmvt.demo.actors import load_actors
    from pmvt.demo.loader import load_foundation
    from pmvt.demo.volunteering import load_volunteering

    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_volunteering(territory)
    return territory


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 360


def mission_titles(page):
    return page.locator(".mission-list").get_by_role("heading", level=3)


def test_the_inhabitant_signs_up_to_missions(page, axe, demo):
    from pmvt.demo.loader import DEMO_PASSWORD

    page.goto(f"{HOME}marche/")
    page.get_by_role("link", name="Bénévolat").first.click()
    expect(page).to_have_url(re.compile(r"/marche/benevolat/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bénévolat")
    expect(page.get_by_role("heading", name="4 missions")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)

    filters = page.get_by_role("search", name="Filtrer les missions")
    filters.get_by_label("Compétence").select_option(label="Bricolage et réparation")
    filters.get_by_role("button", name="Filtrer").click()
    expect(mission_titles(page)).to_have_text(["Accueil du Repair Café"])
    axe.check(page)

    log_in(page, axe, INHABITANT, DEMO_PASSWORD)
    page.goto(MISSIONS)
    page.get_by_role("link", name="Accueil du Repair Café").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accueil du Repair Café")
    axe.check(page)
    assert fits_a_phone(page)
    page.get_by_role("button", name=re.compile(r"^Je m'inscris")).first.click()
    expect(page.get_by_role("status")).to_contain_text("Merci ! Vous êtes inscrit")
    expect(page.get_by_text("Vous êtes inscrit.")).to_be_visible()
    axe.check(page)

    page.get_by_role("link", name="Mes missions").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes missions")
    expect(page.get_by_role("link", name="Accueil du Repair Café")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)

    page.goto(f"{MISSIONS}nettoyage-des-berges-du-calavon/")
    page.get_by_role("button", name=re.compile(r"^M'inscrire en liste d'attente")).click()
    expect(page.get_by_role("status")).to_contain_text("vous êtes sur la liste d'attente")
    expect(page.get_by_text("Vous êtes en liste d'attente (2e).")).to_be_visible()
    axe.check(page)


def test_the_admin_records_the_hours_given(page, axe, demo):
    from pmvt.demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD

    admin = next(a for a in DEMO_ACCOUNTS if a.email == "admin@demo.pmvt.fr")
    log_in(page, axe, admin.email, DEMO_PASSWORD)
    page.locator("main form").first.get_by_label("Code").fill(totp_code(admin.totp_secret))
    page.locator("main form").first.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(rf"{HOME}$"))

    page.goto(f"{HOME}gestion/benevolat/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Missions de bénévolat de")
    axe.check(page)
    page.get_by_role("link", name="Nettoyage des berges du Calavon").click()
    axe.check(page)
    page.get_by_role("table", name=re.compile("Dates de la mission")).get_by_role(
        "link"
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bénévoles – Nettoyage des berges du Calavon"
    )
    axe.check(page)
    assert fits_a_phone(page)

    row = page.get_by_role("row", name=re.compile("Claire Voisine"))
    row.get_by_label("Présent").check()
    row.get_by_label(re.compile(r"^Heures")).fill("2,5")
    row.get_by_role("button", name=re.compile(r"^Enregistrer")).click()
    expect(page.get_by_role("status")).to_contain_text("Présence enregistrée pour Claire Voisine")
    row = page.get_by_role("row", name=re.compile("Karim Voisin"))
    row.get_by_label("Absent").check()
    row.get_by_role("button", name=re.compile(r"^Enregistrer")).click()
    axe.check(page)

    page.goto(f"{HOME}gestion/benevolat/")
    expect(page.get_by_text("toutes missions confondues : 2,50 h")).to_be_visible()
