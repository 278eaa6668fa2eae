"""Activities: a visitor filters the activities for seniors and the free ones; the demo
inhabitant registers his mother to the digital-help workshop, then himself to a full outing
(waiting list), and finds both under "Mes activités"; the territory's admin prints the list of
the workshop's participants."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in, totp_code

pytestmark = pytest.mark.browser

ACTIVITIES = f"{HOME}marche/activites/"
INHABITANT = "habitant@demo.pmvt.fr"
WORKSHOP = "Atelier numérique : premiers pas sur tablette"


@pytest.fixture
def demo(transactional_db):
    """The demo territory, its accounts, its actors and its activities (pmvt.demo)."""
    from django_scopes import scope, scopes_disabled

    from pmvt.demo.activities import load_activities
    from pmvt.demo.actors import load_actors
    from pmvt.demo.loader import load_foundation

    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_activities(territory)
    return territory


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 360


def titles(page):
    return page.locator(".activity-list").get_by_role("heading", level=3)


def test_the_inhabitant_registers_a_relative_and_himself(page, axe, demo):
    from pmvt.demo.loader import DEMO_PASSWORD

    page.goto(f"{HOME}marche/")
    page.get_by_role("link", name="Activités seniors et jeunesse").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activités seniors et jeunesse")
    expect(page.get_by_role("heading", name="5 activités")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)

    filters = page.get_by_role("search", name="Filtrer les activités")
    filters.get_by_label("Public").select_option(label="Seniors")
    filters.get_by_label("Gratuites seulement").check()
    filters.get_by_role("button", name="Filtrer").click()
    expect(titles(page)).to_have_text([WORKSHOP, "Atelier cuisine anti-gaspi"])
    axe.check(page)

    log_in(page, axe, INHABITANT, DEMO_PASSWORD)
    page.goto(ACTIVITIES)
    page.get_by_role("link", name=WORKSHOP).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(WORKSHOP)
    axe.check(page)
    assert fits_a_phone(page)
    first = page.locator(".session-list > li").first
    first.get_by_label(re.compile(r"^Pour un proche")).fill("Marie Habitant")
    first.get_by_role("button", name=re.compile(r"^S'inscrire")).click()
    expect(page.get_by_role("status")).to_contain_text("Inscription confirmée pour Marie Habitant")
    expect(page.get_by_text("Marie Habitant : inscription confirmée.")).to_be_visible()
    axe.check(page)

    page.goto(f"{ACTIVITIES}sortie-aux-ocres-de-roussillon/")
    expect(page.get_by_text("12,50")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^S'inscrire en liste d'attente")).click()
    expect(page.get_by_role("status")).to_contain_text("est sur la liste d'attente")
    axe.check(page)

    page.get_by_role("link", name="Mes activités").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes activités")
    expect(page.get_by_role("cell", name="Marie Habitant")).to_be_visible()
    expect(page.get_by_role("cell", name="En liste d'attente")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)


def test_the_admin_sees_the_participants(page, axe, demo):
    from pmvt.demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD

    admin = next(a for a in DEMO_ACCOUNTS if a.email == "admin@demo.pmvt.fr")
    log_in(page, axe, admin.email, DEMO_PASSWORD)
    page.locator("main form").first.get_by_label("Code").fill(totp_code(admin.totp_secret))
    page.locator("main form").first.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(rf"{HOME}$"))

    page.goto(f"{HOME}gestion/activites/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Activités de")
    axe.check(page)
    page.get_by_role("link", name=WORKSHOP).click()
    axe.check(page)
    page.get_by_role("table", name=re.compile("Séances de l'activité")).get_by_role(
        "link"
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Inscriptions – {WORKSHOP}")
    expect(page.get_by_role("row", name=re.compile("Karim Voisin"))).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)
