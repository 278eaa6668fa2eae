"""Workshops: the demo admin opens a co-construction workshop and takes it through its four
phases while the demo inhabitant, in another browser, contributes and votes; an action becomes
a collective project draft; visitors read the demo's finished workshop, its results (SVG chart
and table), its printable summary and the room's screen."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in, totp_code

pytestmark = pytest.mark.browser

WORKSHOPS = f"{HOME}valeurs/maison/ateliers/"
INHABITANT = "habitant@demo.pmvt.fr"
CENTRE = f"{WORKSHOPS}comment-faire-revivre-le-centre-bourg/"


@pytest.fixture
def demo(transactional_db):
    """The demo territory, its accounts and its workshops (pmvt.demo)."""
    from django_scopes import scope, scopes_disabled

    from pmvt.demo.loader import load_foundation
    from pmvt.demo.workshops import load_workshops

    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_workshops(territory)
    return territory


@pytest.fixture
def second_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """Another browser, for a second person at the same time."""
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 360


def test_visitors_read_a_finished_workshop(page, axe, demo):
    page.goto(WORKSHOPS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ateliers de co-construction")
    expect(
        page.get_by_role("link", name="Quels services pour les seniors isolés ?")
    ).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)

    page.get_by_role("link", name="Comment faire revivre le centre-bourg ?").click()
    expect(page.get_by_text("Cet atelier est terminé.")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)

    page.get_by_role("link", name="Résultats et plan d'action").click()
    chart = page.get_by_role("img", name=re.compile("Gommettes reçues par chaque thème"))
    expect(chart).to_be_visible()
    table = page.get_by_role("table", name="Résultats du vote par thème")
    expect(table.get_by_role("row").nth(1)).to_contain_text("Commerces et marché")
    axe.check(page)
    assert fits_a_phone(page)

    page.get_by_role("link", name="Synthèse imprimable").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Synthèse")
    axe.check(page)

    page.goto(f"{CENTRE}ecran/")
    expect(page.get_by_role("img", name=re.compile("Gommettes reçues"))).to_be_visible()
    axe.check(page)

    page.goto(f"{WORKSHOPS}quels-services-pour-les-seniors-isoles/ecran/")
    expect(page.get_by_text("Un appel chaque semaine par un bénévole du village.")).to_be_visible()
    axe.check(page)


def test_a_workshop_through_its_four_phases(page, second_page, axe, demo):
    from pmvt.demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD

    admin = next(a for a in DEMO_ACCOUNTS if a.email == "admin@demo.pmvt.fr")
    log_in(page, axe, admin.email, DEMO_PASSWORD)
    page.locator("main form").first.get_by_label("Code").fill(totp_code(admin.totp_secret))
    page.locator("main form").first.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(rf"{HOME}$"))

    # The admin opens a workshop (draft), then opens it to contributions.
    page.goto(WORKSHOPS)
    page.get_by_role("link", name="Ouvrir un atelier").click()
    axe.check(page)
    form = page.locator("main form")
    form.get_by_label("Titre de l'atelier").fill("Une cantine pour les écoles")
    form.get_by_label("La question posée").fill("Comment servir des repas locaux aux écoles ?")
    form.get_by_label("Format").select_option(label="À distance, sur plusieurs jours")
    form.get_by_label("Début").fill("2030-01-10T18:00")
    form.get_by_label("Gommettes par participant").fill("3")
    form.get_by_role("button", name="Enregistrer l'atelier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Une cantine pour les écoles")
    axe.check(page)
    page.get_by_role("button", name="Ouvrir les contributions").click()
    expect(page.get_by_role("status")).to_contain_text("ouvert aux contributions")
    axe.check(page)
    workshop_url = page.url

    # The inhabitant contributes, from a phone.
    other = second_page
    log_in(other, axe, INHABITANT, DEMO_PASSWORD)
    other.set_viewport_size({"width": 360, "height": 740})
    other.goto(workshop_url)
    for text in ("Des légumes des fermes du Calavon", "Une cuisine centrale à Apt"):
        other.get_by_label("Votre contribution").fill(text)
        other.get_by_role("button", name="Publier ma contribution").click()
        expect(other.get_by_role("status")).to_contain_text("Votre contribution est ajoutée")
    expect(other.get_by_text("Une cuisine centrale à Apt")).to_be_visible()
    axe.check(other)
    assert other.evaluate("document.documentElement.scrollWidth") <= 360

    # The admin groups the contributions into themes.
    page.reload()
    page.get_by_role("button", name="Clore les contributions et regrouper en thèmes").click()
    for title in ("Approvisionnement", "Cuisine"):
        page.get_by_label("Nom du nouveau thème").fill(title)
        page.get_by_role("button", name="Créer le thème").click()
        expect(page.get_by_role("status")).to_contain_text("Le thème est créé.")
    page.get_by_label("Thème de la contribution 1").select_option(label="Approvisionnement")
    page.get_by_label("Thème de la contribution 2").select_option(label="Cuisine")
    page.get_by_role("button", name="Enregistrer le classement").click()
    expect(page.get_by_role("status")).to_contain_text("2 contribution(s)")
    axe.check(page)
    page.get_by_role("button", name="Ouvrir le vote par gommettes").click()
    expect(page.get_by_role("status")).to_contain_text("Le vote par gommettes est ouvert")
    axe.check(page)

    # The inhabitant spreads their dots.
    other.reload()
    other.get_by_label("Approvisionnement").fill("2")
    other.get_by_label("Cuisine").fill("2")
    other.get_by_role("button", name="Enregistrer mon vote").click()
    expect(other.get_by_role("status")).to_contain_text("vous en avez 3 au plus")
    other.get_by_label("Cuisine").fill("1")
    other.get_by_role("button", name="Enregistrer mon vote").click()
    expect(other.get_by_role("status")).to_contain_text("3 gommettes placées sur 3")
    axe.check(other)

    # The admin closes the vote, writes the action plan and turns an action into a project.
    page.reload()
    page.get_by_role("button", name="Clore le vote et passer au plan d'action").click()
    axe.check(page)
    page.get_by_role("link", name="Résultats et plan d'action").click()
    expect(page.get_by_role("img", name=re.compile("Gommettes reçues"))).to_be_visible()
    axe.check(page)
    form = page.locator("#actions form.form")
    form.get_by_role("textbox", name=re.compile(r"^Action")).fill("Contacter les fermes du Calavon")
    form.get_by_label("Qui s'en charge").fill("Service restauration")
    form.get_by_role("button", name="Ajouter l'action").click()
    expect(page.get_by_role("status")).to_contain_text("L'action est ajoutée au plan.")
    axe.check(page)
    page.get_by_role("button", name=re.compile("^Transformer en projet")).click()
    expect(page.get_by_role("status")).to_contain_text("est créé en brouillon")

    page.goto(f"{workshop_url}resultats/")
    expect(
        page.get_by_role("link", name="Contacter les fermes du Calavon", exact=True)
    ).to_be_visible()
    page.get_by_role("link", name="Synthèse imprimable").click()
    axe.check(page)
    page.goto(f"{workshop_url}ecran/")
    axe.check(page)
