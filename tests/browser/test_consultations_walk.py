"""Consultations: the demo inhabitant answers the open consultation on the market's hours, fixes
the answers the site refuses, then reads the charts of the closed consultation on mobility."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in, totp_code

pytestmark = pytest.mark.browser

CONSULTATIONS = f"{HOME}valeurs/consultations/"
INHABITANT = "habitant@demo.pmvt.fr"


@pytest.fixture
def demo(transactional_db):
    """The demo territory, its accounts and its two consultations (pmvt.demo)."""
    from django_scopes import scope, scopes_disabled

    from pmvt.demo.consultations import load_consultations
    from pmvt.demo.loader import load_foundation

    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_consultations(territory)
    return territory


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 360


def test_an_inhabitant_answers_then_reads_the_results(page, axe, demo):
    from pmvt.demo.loader import DEMO_PASSWORD

    log_in(page, axe, INHABITANT, DEMO_PASSWORD)
    page.goto(CONSULTATIONS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultations")
    expect(page.get_by_role("link", name=re.compile(r"^En cours \(1\)"))).to_have_attribute(
        "aria-current", "page"
    )
    axe.check(page)

    page.get_by_role("link", name="Horaires du marché d'Apt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Horaires du marché d'Apt")
    axe.check(page)
    assert fits_a_phone(page)

    # Sent empty: every required question is listed at the top and marked in the form.
    page.get_by_role("button", name="Envoyer ma réponse").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("4 réponses sont à corriger avant l'envoi.")
    expect(summary.get_by_role("link")).to_have_count(4)
    axe.check(page)

    form = page.locator("form.consultation-form")
    form.get_by_label("Le marché du samedi matin à Apt").check()
    form.get_by_label("Plus de producteurs du territoire").check()
    form.get_by_label("Une navette depuis les villages").check()
    form.get_by_label("De 7 h à 12 h").select_option("2")
    form.get_by_label("De 8 h à 13 h").select_option("1")
    form.get_by_label("De 9 h à 14 h").select_option("1")  # The same rank twice: refused.
    satisfaction = form.get_by_role("group", name=re.compile(r"^Êtes-vous satisfait"))
    satisfaction.get_by_label("4", exact=True).check()
    form.get_by_label(re.compile(r"^Une idée pour le marché")).fill("Un marché le soir en été.")
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Chaque rang, de 1 à 3, doit être donné à un seul choix."
    )
    # What was chosen is kept; only the ranking is to fix.
    expect(form.get_by_label("Plus de producteurs du territoire")).to_be_checked()
    expect(form.get_by_label(re.compile(r"^Une idée pour le marché"))).to_have_value(
        "Un marché le soir en été."
    )
    axe.check(page)

    form.get_by_label("De 9 h à 14 h").select_option("3")
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Votre réponse est enregistrée. Vous pouvez la modifier jusqu'au "
    )
    expect(satisfaction.get_by_label("4", exact=True)).to_be_checked()
    expect(page.get_by_role("button", name="Enregistrer ma nouvelle réponse")).to_be_visible()
    axe.check(page)

    # The results of an open consultation are for the territory's admins only.
    response = page.goto(f"{CONSULTATIONS}horaires-du-marche-dapt/resultats/")
    assert response is not None and response.status == 403
    axe.check(page)

    page.goto(CONSULTATIONS)
    page.get_by_role("link", name=re.compile(r"^Terminée \(1\)")).click()
    page.get_by_role("link", name=re.compile(r"^Voir les résultats")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Se déplacer entre les villages")
    expect(page.locator("main")).to_contain_text("40 personnes ont répondu.")
    charts = page.locator("svg[role='img']")
    expect(charts).to_have_count(4)
    expect(charts.first.locator("title")).to_contain_text("Répartition des réponses")
    expect(page.get_by_role("table")).to_have_count(4)
    expect(page.get_by_role("columnheader", name="Score de Borda")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)

    page.get_by_role("link", name=re.compile(r"^Lire les \d+ réponses libres")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Réponses libres")
    expect(page.locator(".free-text-list li").first).to_be_visible()
    axe.check(page)


def test_the_admin_writes_a_consultation_and_exports_the_answers(page, axe, demo):
    from pmvt.demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD

    admin = next(a for a in DEMO_ACCOUNTS if a.email == "admin@demo.pmvt.fr")
    log_in(page, axe, admin.email, DEMO_PASSWORD)
    page.locator("main form").first.get_by_label("Code").fill(totp_code(admin.totp_secret))
    page.locator("main form").first.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(rf"{HOME}$"))

    page.goto(CONSULTATIONS)
    page.get_by_role("link", name="Gérer les consultations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultations")
    expect(page.get_by_role("table")).to_contain_text("Se déplacer entre les villages")
    axe.check(page)

    page.get_by_role("link", name="Créer une consultation").click()
    axe.check(page)
    form = page.locator("main form")
    form.get_by_label(re.compile(r"^Titre")).fill("Budget participatif 2027")
    form.get_by_label(re.compile(r"^Ouverture")).fill("2027-01-10T09:00")
    form.get_by_label(re.compile(r"^Clôture")).fill("2027-01-05T18:00")
    form.get_by_role("button", name="Créer la consultation").click()
    expect(page.get_by_role("alert")).to_contain_text("La clôture doit être après l'ouverture.")
    axe.check(page)
    page.locator("main form").get_by_label(re.compile(r"^Clôture")).fill("2027-02-05T18:00")
    page.get_by_role("button", name="Créer la consultation").click()
    expect(page.get_by_role("status")).to_contain_text("Ajoutez maintenant ses questions.")
    axe.check(page)

    page.get_by_role("link", name="Ajouter une question").click()
    axe.check(page)
    form = page.locator("main form")
    form.get_by_label(re.compile(r"^Question")).fill("Quel projet soutenez-vous ?")
    form.get_by_label(re.compile(r"^Type de question")).select_option(label="Choix unique")
    form.get_by_label(re.compile(r"^Choix proposés")).fill("Un jardin partagé\nUn skatepark")
    form.get_by_role("button", name="Ajouter la question").click()
    expect(page.get_by_role("status")).to_contain_text("La question est enregistrée.")
    expect(page.locator(".admin-questions")).to_contain_text("Un jardin partagé, Un skatepark")
    axe.check(page)

    # The closed consultation: answers frozen, results, and the anonymous export.
    page.goto(f"{HOME}gestion/consultations/se-deplacer-entre-les-villages/")
    expect(page.locator("main")).to_contain_text("Des membres ont déjà répondu")
    axe.check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter les 40 réponses (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Réponse n°;Date;")
    assert len(text.splitlines()) == 41
