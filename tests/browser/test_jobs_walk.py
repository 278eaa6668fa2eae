"""Jobs: the demo inhabitant finds a job with the filters, applies with a PDF CV and follows
it in "Mes candidatures"; the demo baker (acteur@demo.pmvt.fr, owner of the Boulangerie des
Ocres) opens the application, downloads the CV and proposes an interview; the inhabitant
sees the new status."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in

pytestmark = pytest.mark.browser

JOBS = f"{HOME}marche/emplois/"
INHABITANT = "habitant@demo.pmvt.fr"
BAKER = "acteur@demo.pmvt.fr"
OFFER = "Vendeur ou vendeuse en boulangerie"
APPLIED = "Employé ou employée de rayon fruits et légumes"  # Closes first, the demo applied.


@pytest.fixture
def demo(transactional_db):
    """The demo territory, its accounts, its actors and its jobs (pmvt.demo)."""
    from django_scopes import scope, scopes_disabled

    from pmvt.demo.actors import load_actors
    from pmvt.demo.jobs import load_jobs
    from pmvt.demo.loader import load_foundation

    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_jobs(territory)
    return territory


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 360


def log_out(page) -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state("load")


def job_titles(page):
    return page.locator(".job-list").get_by_role("heading", level=3)


def test_an_inhabitant_applies_and_the_baker_answers(page, axe, demo):
    from pmvt.demo.jobs import tiny_pdf
    from pmvt.demo.loader import DEMO_PASSWORD

    # The inhabitant finds the offer from the Place des marchés.
    log_in(page, axe, INHABITANT, DEMO_PASSWORD)
    page.goto(f"{HOME}marche/")
    jobs_card = page.locator("li.card", has=page.get_by_role("link", name="Emplois du territoire"))
    expect(jobs_card).to_contain_text("7 offres ouvertes")
    jobs_card.get_by_role("link", name="Emplois du territoire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Emplois du territoire")
    expect(page.get_by_role("heading", name="7 offres ouvertes")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)

    filters = page.get_by_role("search", name="Filtrer les offres d’emploi")
    filters.get_by_label("Contrat").select_option(label="CDD")
    filters.get_by_label("Commune").select_option(label="Apt")
    filters.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"contrat=cdd"))
    expect(job_titles(page)).to_have_text([OFFER])
    axe.check(page)

    filters.get_by_label("Contrat").select_option(label="Tous les contrats")
    filters.get_by_label(re.compile(r"^Compétence")).fill("vente")
    filters.get_by_role("button", name="Filtrer").click()
    expect(job_titles(page)).to_have_text([APPLIED, OFFER])

    page.get_by_role("link", name=OFFER).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(OFFER)
    expect(page.locator(".job-aside")).to_contain_text(
        "De 11,88\u00a0€ à 12,50\u00a0€ brut de l'heure"
    )
    axe.check(page)
    assert fits_a_phone(page)

    # Apply: a file that is not a PDF is refused, then the PDF goes.
    page.get_by_role("link", name="Postuler à cette offre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Postuler : {OFFER}")
    axe.check(page)
    form = page.locator("main form")
    form.get_by_label(re.compile(r"^Votre message")).fill(
        "Bonjour, j'ai tenu la caisse d'une épicerie pendant deux ans."
    )
    form.get_by_label(re.compile(r"^Votre CV")).set_input_files(
        {"name": "cv.txt", "mimeType": "application/pdf", "buffer": b"not a pdf"}
    )
    form.get_by_role("button", name="Envoyer ma candidature").click()
    expect(page.get_by_role("alert")).to_contain_text("Le CV doit être un fichier PDF")
    axe.check(page)
    page.locator("main form").get_by_label(re.compile(r"^Votre CV")).set_input_files(
        {"name": "CV Jean.pdf", "mimeType": "application/pdf", "buffer": tiny_pdf("Jean")}
    )
    page.locator("main form").get_by_role("button", name="Envoyer ma candidature").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mes candidatures")
    expect(page.get_by_role("status")).to_contain_text("Votre candidature est envoyée")
    mine = page.locator(".job-application-list > li", has_text=OFFER)
    expect(mine).to_contain_text("Reçue")
    axe.check(page)
    assert fits_a_phone(page)
    log_out(page)

    # The baker opens the application from her professional space.
    log_in(page, axe, BAKER, DEMO_PASSWORD)
    page.goto(f"{HOME}espace-pro/boulangerie-des-ocres/emplois/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Offres d'emploi")
    expect(page.get_by_role("row", name=re.compile(OFFER))).to_contain_text("1 nouvelle")
    axe.check(page)
    assert fits_a_phone(page)
    page.get_by_role("link", name=OFFER).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(OFFER)
    axe.check(page)
    page.get_by_role("link", name="Jean Habitant").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Candidature de Jean Habitant")
    expect(page.locator("main")).to_contain_text("Vue par l'employeur")
    axe.check(page)
    assert fits_a_phone(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger le CV (CV Jean.pdf)").click()
    download = download_info.value
    assert download.suggested_filename == "CV Jean.pdf"
    with open(download.path(), "rb") as cv:
        assert cv.read(5) == b"%PDF-"

    page.get_by_label("Message pour l'entretien (facultatif)").fill("Jeudi à 15 h au fournil.")
    page.get_by_role("button", name="Proposer un entretien").click()
    expect(page.get_by_role("status")).to_contain_text("Un entretien est proposé")
    expect(page.locator("main")).to_contain_text("Entretien proposé")
    axe.check(page)
    log_out(page)

    # The inhabitant sees the new status.
    log_in(page, axe, INHABITANT, DEMO_PASSWORD)
    page.goto(f"{JOBS}mes-candidatures/")
    mine = page.locator(".job-application-list > li", has_text=OFFER)
    expect(mine).to_contain_text("Entretien proposé")
    expect(mine).to_contain_text("Jeudi à 15 h au fournil.")
    axe.check(page)
