"""Agenda: a visitor browses the demo agenda by day, week and map; the demo inhabitant finds
the youth tournament by filtering on Roussillon, registers, finds it in "my registrations",
and proposes an event (the form explains a wrong end time)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in

pytestmark = pytest.mark.browser

AGENDA = f"{HOME}valeurs/agenda/"
INHABITANT = "habitant@demo.pmvt.fr"
DEMO_PASSWORD = "demo-pmvt-2026"  # The documented demo password.


@pytest.fixture
def demo(transactional_db):
    """The demo territory, its accounts and actors, its themes and its agenda (pmvt.demo)."""
    from django_scopes import scope, scopes_disabled

    from pmvt.demo.actors import load_actors
    from pmvt.demo.agenda import load_agenda
    from pmvt.demo.community import load_community
    from pmvt.demo.loader import load_foundation

    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_community(territory)
        load_agenda(territory)
    return territory


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 360


def test_visitor_browses_the_agenda_by_day_week_and_map(page, axe, demo):
    page.goto(AGENDA)
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda")
    main = page.locator("main")
    expect(main).to_contain_text("Fête du marché d'Apt")
    expect(main).not_to_contain_text("Balade botanique dans les ocres")  # Pending.
    axe.check(page)
    assert fits_a_phone(page)

    page.get_by_label("Commune").select_option(label="Gargas")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"commune=\d+"))
    # The monthly Repair Café is the only event in Gargas: one line per date, over a year.
    titles = page.locator(".agenda-item__title")
    expect(titles.first).to_have_text("Repair Café du Luberon")
    assert set(titles.all_inner_texts()) == {"Repair Café du Luberon"}
    axe.check(page)

    page.get_by_role("navigation", name="Vues de l’agenda").get_by_role(
        "link", name="Par semaine"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Semaine du")
    expect(page.locator(".agenda-week__day")).to_have_count(7)
    axe.check(page)
    assert fits_a_phone(page)
    page.get_by_role("link", name="Semaine suivante").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Semaine du")
    axe.check(page)

    page.goto(f"{AGENDA}carte/")
    expect(page.get_by_role("heading", name="Les événements sur la carte")).to_be_visible()
    assert page.locator(".leaflet-marker-icon").count() >= 5
    axe.check(page)


def test_inhabitant_finds_an_event_registers_and_sees_it_in_my_registrations(page, axe, demo):
    log_in(page, axe, INHABITANT, DEMO_PASSWORD)
    page.goto(AGENDA)
    page.get_by_label("Commune").select_option(label="Roussillon")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator(".agenda-item__title")).to_have_text(["Tournoi de futsal des jeunes"])
    axe.check(page)

    page.get_by_role("link", name="Tournoi de futsal des jeunes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tournoi de futsal des jeunes")
    expect(page.get_by_role("table")).to_contain_text("38 places libres")
    expect(page.get_by_role("link", name="Ajouter à mon agenda (.ics)")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)

    page.get_by_role("button", name=re.compile(r"^M'inscrire")).click()
    expect(page.get_by_role("status")).to_contain_text("Vous êtes inscrit pour le")
    expect(page.get_by_role("table")).to_contain_text("Vous êtes inscrit.")
    expect(page.get_by_role("table")).to_contain_text("37 places libres")
    axe.check(page)

    page.get_by_role("link", name="Mes inscriptions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes inscriptions")
    expect(page.locator("main")).to_contain_text("Tournoi de futsal des jeunes")
    # The inhabitant's own proposal, waiting for the moderator.
    expect(page.locator("main")).to_contain_text("Balade botanique dans les ocres")
    expect(page.locator("main")).to_contain_text("En attente de modération")
    axe.check(page)

    # The senior workshop is full: the inhabitant joins its waiting list.
    page.goto(f"{AGENDA}atelier-numerique-pour-les-seniors/")
    expect(page.get_by_role("table")).to_contain_text("Complet")
    page.get_by_role("button", name=re.compile(r"^M'inscrire sur la liste d'attente")).click()
    expect(page.get_by_role("status")).to_contain_text("vous êtes sur la liste d'attente")
    axe.check(page)

    # Proposing an event: a wrong end time is explained, then the event waits for moderation.
    page.goto(AGENDA)
    page.get_by_role("link", name="Proposer un événement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposer un événement")
    axe.check(page)
    form = page.locator("main form")
    form.get_by_label(re.compile(r"^Titre")).fill("Pique-nique partagé au plan d'eau")
    form.get_by_label(re.compile(r"^Description \(obligatoire\)")).fill(
        "Chacun apporte un plat à partager."
    )
    form.get_by_label(re.compile(r"^Date de début")).fill("2030-06-15")
    form.get_by_label(re.compile(r"^Heure de début")).fill("12:00")
    form.get_by_label(re.compile(r"^Heure de fin")).fill("11:00")
    form.get_by_label(re.compile(r"^Lieu")).fill("Plan d'eau de la Riaille")
    form.get_by_label(re.compile(r"^Commune")).select_option(label="Apt")
    form.get_by_role("button", name="Proposer l'événement").click()
    expect(page.get_by_role("alert")).to_contain_text("La fin doit être après le début")
    axe.check(page)
    page.locator("main form").get_by_label(re.compile(r"^Heure de fin")).fill("15:00")
    page.locator("main form").get_by_role("button", name="Proposer l'événement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pique-nique partagé au plan d'eau")
    expect(page.locator("main")).to_contain_text("attend la relecture d'un modérateur")
    axe.check(page)
