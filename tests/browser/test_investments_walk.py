"""Investment calls: the demo inhabitant opens the demo call, reads the legal notice, pledges and
sees the progress bar move; the baker who holds the call reads the pledges and exports them."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in

pytestmark = pytest.mark.browser

INVEST = f"{HOME}marche/investissement/"
CALL_TITLE = "Reprise de l'épicerie de Saint-Saturnin-lès-Apt"
NBSP = "\u00a0"
NNBSP = "\u202f"


@pytest.fixture
def demo(transactional_db):
    """The demo territory, its accounts, its actors and its investment calls (pmvt.demo)."""
    from django_scopes import scope, scopes_disabled

    from pmvt.demo.actors import load_actors
    from pmvt.demo.investments import load_investments
    from pmvt.demo.loader import load_foundation

    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_investments(territory)
    return territory


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 360


def progress_text(page):
    return page.locator(".invest-pledge .invest-progress__text")


def test_the_inhabitant_reads_the_notice_pledges_and_sees_the_bar_move(page, axe, demo):
    from pmvt.demo.loader import DEMO_PASSWORD

    page.goto(INVEST)
    expect(page.get_by_role("heading", level=1)).to_have_text("Investir localement")
    expect(page.get_by_role("heading", name="1 projet")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)

    filters = page.get_by_role("search", name="Filtrer les projets")
    filters.get_by_label("Forme d'investissement").select_option(label="Parts sociales ou actions")
    filters.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("heading", name="Aucun projet", exact=True)).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Effacer les filtres").click()

    page.get_by_role("link", name=CALL_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CALL_TITLE)
    notice = page.get_by_role("complementary", name="Avant de promettre : à savoir")
    expect(notice).to_contain_text("La plateforme ne collecte aucun argent")
    expect(notice).to_contain_text("2020/1503")
    expect(notice).to_contain_text("perte de tout ou partie du capital")
    expect(
        page.get_by_role("heading", name="Les risques, dits par le porteur du projet")
    ).to_be_visible()
    expect(progress_text(page)).to_contain_text(
        f"2{NNBSP}000,00{NBSP}€ promis sur 40{NNBSP}000,00{NBSP}€ recherchés (5 %) · 2 personnes"
    )
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "5")
    axe.check(page)
    assert fits_a_phone(page)

    page.get_by_role("link", name="Se connecter pour faire une promesse").click()
    axe.check(page)
    form = page.locator("main form")
    form.get_by_label("Courriel").fill("habitant@demo.pmvt.fr")
    form.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    form.get_by_role("button", name="Connexion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Faire une promesse")
    expect(page.get_by_role("complementary", name="Avant de promettre : à savoir")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)

    form = page.locator("main form")
    form.get_by_label(re.compile(r"^Montant de votre promesse")).fill("20")
    form.get_by_label("Prêt").check()
    form.get_by_role("button", name="Enregistrer ma promesse").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Cochez cette case pour enregistrer votre promesse")
    expect(summary).to_contain_text("au moins 50,00")
    axe.check(page)

    form.get_by_label(re.compile(r"^Montant de votre promesse")).fill("2 000")
    form.get_by_label(re.compile(r"^J'accepte que le porteur du projet")).check()
    form.get_by_role("button", name="Enregistrer ma promesse").click()
    expect(page.get_by_role("status")).to_contain_text("Votre promesse est enregistrée")
    expect(page.locator(".invest-mine")).to_have_text(
        f"Votre promesse : 2{NNBSP}000,00{NBSP}€ (Prêt)."
    )
    expect(progress_text(page)).to_contain_text("(10 %) · 3 personnes")
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "10")
    axe.check(page)

    page.get_by_role("link", name="Modifier ma promesse").click()
    page.get_by_label(re.compile(r"^Montant de votre promesse")).fill("4000")
    page.get_by_role("button", name="Enregistrer ma promesse modifiée").click()
    expect(progress_text(page)).to_contain_text("(15 %) · 3 personnes")

    page.goto(f"{INVEST}mes-promesses/")
    expect(page.get_by_role("table", name="Mes promesses d'investissement")).to_contain_text(
        CALL_TITLE
    )
    axe.check(page)


def test_the_holder_reads_and_exports_the_pledges(page, axe, demo):
    from pmvt.demo.loader import DEMO_PASSWORD

    log_in(page, axe, "acteur@demo.pmvt.fr", DEMO_PASSWORD)
    page.goto(f"{HOME}espace-pro/boulangerie-des-ocres/investissement/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Investissement local")
    axe.check(page)
    page.get_by_role("link", name=CALL_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CALL_TITLE)
    axe.check(page)
    assert fits_a_phone(page)

    page.get_by_role("link", name="Voir les promesses").click()
    table = page.get_by_role("table", name="Promesses, de la plus ancienne à la plus récente")
    expect(table).to_contain_text("moderation@demo.pmvt.fr")
    expect(table).to_contain_text("Sur cinq ans si possible")
    axe.check(page)
    assert fits_a_phone(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger les promesses (CSV)").click()
    download = download_info.value
    assert (
        download.suggested_filename
        == "promesses-reprise-de-lepicerie-de-saint-saturnin-les-apt.csv"
    )
    content = Path(download.path()).read_text(encoding="utf-8-sig")
    assert content.splitlines()[0].startswith("Nom;Courriel;Montant (€)")
    assert "moderation@demo.pmvt.fr;1500,00;Prêt" in content


def test_the_admin_submits_and_publishes_the_collectivites_draft(page, axe, demo):
    from pmvt.demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD
    from tests.browser.support import totp_code

    admin = next(a for a in DEMO_ACCOUNTS if a.email == "admin@demo.pmvt.fr")
    log_in(page, axe, admin.email, DEMO_PASSWORD)
    page.locator("main form").first.get_by_label("Code").fill(totp_code(admin.totp_secret))
    page.locator("main form").first.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(rf"{HOME}$"))

    page.goto(f"{HOME}gestion/investissement/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Investissement local")
    expect(page.get_by_text("Aucun projet n'attend de validation.")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)

    page.get_by_role("link", name="Toit solaire citoyen du gymnase d'Apt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Toit solaire citoyen du gymnase d'Apt"
    )
    axe.check(page)
    page.get_by_role("button", name="Soumettre à la validation du territoire").click()
    expect(page.get_by_role("status")).to_contain_text("Le projet est soumis")
    expect(page.get_by_role("heading", name="Validation par le territoire")).to_be_visible()
    axe.check(page)
    page.get_by_role("button", name="Publier le projet").click()
    expect(page.get_by_role("status")).to_contain_text("Le projet est publié")

    page.get_by_role("link", name="Voir la page publique").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Toit solaire citoyen du gymnase d'Apt"
    )
    expect(page.locator(".invest-badges")).to_contain_text("Promesses bientôt ouvertes")
    axe.check(page)
