"""Collective projects: a visitor filters the projects and opens one; the demo inhabitant
supports a project, proposes a new one, adds a skill need and a milestone to it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in

pytestmark = pytest.mark.browser

PROJECTS = f"{HOME}valeurs/maison/projets/"
INHABITANT = "habitant@demo.pmvt.fr"


@pytest.fixture
def demo(transactional_db):
    """The demo territory, its accounts, its ideas and its projects (pmvt.demo)."""
    from django_scopes import scope, scopes_disabled

    from pmvt.demo.ideas import load_ideas
    from pmvt.demo.loader import load_foundation
    from pmvt.demo.projects import load_projects

    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_ideas(territory)
        load_projects(territory)
    return territory


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 360


def test_the_inhabitant_supports_and_proposes_a_project(page, axe, demo):
    from pmvt.demo.loader import DEMO_PASSWORD

    page.goto(PROJECTS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Projets collectifs")
    expect(page.get_by_role("heading", name="6 projets")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)

    filters = page.get_by_role("search", name="Filtrer les projets")
    filters.get_by_label("Besoin ouvert").select_option(label="Financement")
    filters.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("heading", name="2 projets")).to_be_visible()
    axe.check(page)

    log_in(page, axe, INHABITANT, DEMO_PASSWORD)
    page.goto(PROJECTS)
    page.get_by_role("link", name="Jardin partagé de la Croix-Blanche").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jardin partagé de la Croix-Blanche")
    axe.check(page)
    assert fits_a_phone(page)
    page.get_by_role("button", name="Je soutiens ce projet").click()
    expect(page.get_by_role("status")).to_contain_text("Merci pour votre soutien")
    axe.check(page)

    page.goto(PROJECTS)
    page.get_by_role("link", name="Proposer un projet").click()
    axe.check(page)
    page.get_by_label(re.compile("^Titre du projet")).fill("Fête des voisins intercommunale")
    page.get_by_label(re.compile("^En une phrase")).fill(
        "Une fête dans chaque village le même jour."
    )
    page.get_by_label(re.compile("^Le problème")).fill("Les voisins ne se connaissent plus.")
    page.get_by_label("Villes et communautés durables").check()
    page.get_by_role("button", name="Publier le projet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fête des voisins intercommunale")
    axe.check(page)

    page.get_by_role("link", name="Gérer les besoins").click()
    axe.check(page)
    page.get_by_role("link", name="Besoin : bénévoles").click()
    page.get_by_label(re.compile("^Intitulé du besoin")).fill("Installer les tables")
    page.get_by_label(re.compile("^Nombre de personnes")).fill("5")
    axe.check(page)
    page.get_by_role("button", name="Publier le besoin").click()
    expect(page.get_by_role("status")).to_contain_text("Le besoin est publié")
    expect(page.get_by_role("heading", name="Installer les tables")).to_be_visible()
    axe.check(page)

    page.get_by_role("link", name="Retour au projet").click()
    page.get_by_role("link", name="Gérer les étapes").click()
    page.get_by_label(re.compile("^Étape")).fill("Réserver les salles")
    page.get_by_role("button", name="Ajouter l'étape").click()
    expect(page.get_by_role("status")).to_contain_text("L'étape est ajoutée")
    axe.check(page)

    page.goto(f"{PROJECTS}mes-projets/")
    expect(page.get_by_role("link", name="Fête des voisins intercommunale")).to_be_visible()
    axe.check(page)
