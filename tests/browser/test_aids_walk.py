"""Aids: a visitor filters the directory, opens an aid and uses the eligibility simulator; the
demo baker sees the aids for her business and tells her headcount; the territory's admin
writes an aid and publishes it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in, totp_code

pytestmark = pytest.mark.browser

AIDS = f"{HOME}valeurs/aides/"
NBSP = "\u00a0"
BAKER = "acteur@demo.pmvt.fr"


@pytest.fixture
def demo(transactional_db):
    """The demo territory, its accounts, its actors and its aids (pmvt.demo)."""
    from django_scopes import scope, scopes_disabled

    from pmvt.demo.actors import load_actors
    from pmvt.demo.aids import load_aids
    from pmvt.demo.loader import load_foundation

    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_aids(territory)
    return territory


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 360


def aid_titles(page):
    return page.locator(".aid-list").get_by_role("heading", level=3)


def test_a_visitor_filters_the_aids_opens_one_and_simulates(page, axe, demo):
    page.goto(AIDS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Aides aux acteurs")
    expect(page.get_by_role("heading", name="7 aides")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Permanences des aides aux entreprises")
    ).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)

    filters = page.get_by_role("search", name="Filtrer les aides")
    filters.get_by_label("Nature de l'aide").select_option(label="Prêt")
    filters.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"type=loan"))
    expect(aid_titles(page)).to_have_text(["Prêt d'honneur Initiative"])
    axe.check(page)

    filters.get_by_label("Nature de l'aide").select_option(label="Toutes les natures")
    filters.get_by_label("Calendrier").select_option(label="Clôture dans moins de 30 jours")
    filters.get_by_role("button", name="Filtrer").click()
    expect(aid_titles(page)).to_have_text(["Diagnostic numérique CCI"])

    page.get_by_role("link", name="Diagnostic numérique CCI").click()
    expect(page).to_have_url(re.compile(r"/valeurs/aides/diagnostic-numerique-cci/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Diagnostic numérique CCI")
    expect(page.locator(".aid-badges")).to_contain_text("Clôture dans 12 jours")
    expect(page.locator(".aid-facts").first).to_contain_text("Commerçant")
    axe.check(page)
    assert fits_a_phone(page)

    page.get_by_role("link", name="Vérifier si mon activité peut en bénéficier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quelles aides pour mon entreprise ?")
    axe.check(page)
    form = page.locator("main form.aids-simulator")
    form.get_by_label(re.compile(r"^Code NAF")).fill("99.99Z")
    form.get_by_role("button", name="Voir les aides possibles").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Dites si vous êtes une entreprise")
    expect(summary).to_contain_text("Ce code NAF n'existe pas")
    axe.check(page)

    form.get_by_label("Entreprise").check()
    form.get_by_label(re.compile(r"^Code NAF")).fill("56.10A")
    form.get_by_label("Effectif salarié").select_option(label="Sans salarié")
    form.get_by_label(re.compile(r"^Commune")).select_option(label="Apt")
    form.get_by_role("button", name="Voir les aides possibles").click()
    expect(page.get_by_role("heading", name="4 aides ouvertes correspondent")).to_be_visible()
    expect(aid_titles(page)).to_have_text(
        [
            "Diagnostic numérique CCI",
            "Pass commerce de proximité",
            "Aide à l'immobilier d'entreprise",
            "Prêt d'honneur Initiative",
        ]
    )
    expect(page.locator(".aid-card__verdict").first).to_have_text(
        f"Votre entreprise correspond{NBSP}: commerçant, section I."
    )
    axe.check(page)
    assert fits_a_phone(page)

    page.goto(f"{AIDS}annonces/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Annonces de la collectivité")
    expect(
        page.get_by_role("link", name="Voir l'aide « Pass commerce de proximité »")
    ).to_be_visible()
    axe.check(page)


def test_the_demo_baker_sees_the_aids_for_her_business(page, axe, demo):
    from pmvt.demo.loader import DEMO_PASSWORD

    log_in(page, axe, BAKER, DEMO_PASSWORD)
    page.goto(AIDS)
    page.get_by_role("link", name="Quelles aides pour mon entreprise ?").click()
    expect(page.get_by_role("heading", level=2, name="Boulangerie des Ocres")).to_be_visible()
    expect(page.get_by_role("heading", name="3 aides ouvertes correspondent")).to_be_visible()
    expect(page.locator(".aid-card__verdict").first).to_have_text(
        f"Votre entreprise correspond{NBSP}: artisan, de 1 à 9 salariés."
    )
    axe.check(page)
    assert fits_a_phone(page)

    page.get_by_label("Effectif salarié").select_option(label="De 10 à 49 salariés")
    page.get_by_role("button", name="Enregistrer l'effectif").click()
    expect(page.get_by_role("status")).to_contain_text("L'effectif est enregistré")
    expect(page.get_by_role("heading", name="2 aides ouvertes correspondent")).to_be_visible()
    expect(aid_titles(page)).to_have_text(
        ["Aide à l'immobilier d'entreprise", "Prêt d'honneur Initiative"]
    )
    axe.check(page)


def test_the_admin_writes_and_publishes_an_aid(page, axe, demo):
    from pmvt.demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD

    admin = next(a for a in DEMO_ACCOUNTS if a.email == "admin@demo.pmvt.fr")
    log_in(page, axe, admin.email, DEMO_PASSWORD)
    page.locator("main form").first.get_by_label("Code").fill(totp_code(admin.totp_secret))
    page.locator("main form").first.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(rf"{HOME}$"))

    page.goto(f"{HOME}gestion/")
    page.get_by_role("link", name="Aides et annonces").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aides")
    axe.check(page)
    page.get_by_role("link", name="Ajouter une aide").click()
    axe.check(page)

    form = page.locator("main form")
    form.get_by_label(re.compile(r"^Intitulé")).fill("Chèque transition énergétique")
    form.get_by_label(re.compile(r"^Résumé")).fill("Un audit énergétique du local pris en charge.")
    form.get_by_label(re.compile(r"^Organisme qui finance")).fill("Département de Vaucluse")
    form.get_by_label(re.compile(r"^Type d'organisme")).select_option(label="Département")
    form.get_by_label(re.compile(r"^Nature de l'aide")).select_option(
        label="Conseil et accompagnement"
    )
    form.get_by_label("Montant minimum").fill("2000")
    form.get_by_label("Montant maximum").fill("500")
    form.get_by_role("button", name="Créer l'aide").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Le montant maximum doit être supérieur ou égal au montant minimum."
    )
    axe.check(page)

    page.get_by_label("Montant maximum").fill("2 500")
    page.get_by_role("group", name=re.compile(r"^Familles d'activité")).get_by_label(
        "Artisan"
    ).check()
    page.get_by_role("button", name="Créer l'aide").click()
    expect(page).to_have_url(re.compile(r"/gestion/aides/cheque-transition-energetique/$"))
    expect(page.get_by_role("status")).to_contain_text("L'aide est enregistrée.")
    axe.check(page)
    page.get_by_role("button", name="Publier l'aide").click()
    expect(page.get_by_role("status")).to_contain_text("L'aide est publiée")

    page.get_by_role("link", name="Voir la page publique").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chèque transition énergétique")
    expect(page.locator(".aid-aside")).to_contain_text("De 2\u202f000\u00a0€ à 2\u202f500\u00a0€")
    axe.check(page)
