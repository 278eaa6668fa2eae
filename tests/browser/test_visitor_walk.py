"""A visitor discovers the platform: the federation, a territory, its two doors, the legal pages."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.accessibility import AXE_REPORT
from tests.browser.support import HOME

pytestmark = pytest.mark.browser


def test_root_lists_the_territories_and_finds_mine_by_name_and_postal_code(page, axe, territory):
    page.goto("/")
    axe.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Place des marchés – Valeurs territoriales"
    )
    federated = page.locator(
        "section", has=page.get_by_role("heading", name="Les territoires fédérés")
    )
    expect(federated.get_by_role("link", name="CC Pays d'Apt-Luberon")).to_be_visible()

    locate = page.locator(
        "section", has=page.get_by_role("heading", name="Dans quel territoire suis-je ?")
    )
    locate.get_by_label("Votre commune ou votre code postal").fill("Apt")
    locate.get_by_role("button", name="Trouver mon territoire").click()
    expect(page).to_have_url(re.compile(r"/\?q=Apt$"))
    apt = page.locator(".card", has_text=re.compile(r"^\s*Apt\b"))
    expect(apt.first).to_contain_text("84400")
    expect(apt.first.get_by_role("link", name="CC Pays d'Apt-Luberon")).to_be_visible()
    axe.check(page)

    locate = page.locator(
        "section", has=page.get_by_role("heading", name="Dans quel territoire suis-je ?")
    )
    field = locate.get_by_label("Votre commune ou votre code postal")
    expect(field).to_have_value("Apt")  # The submitted value is kept.
    field.fill("84400")
    locate.get_by_role("button", name="Trouver mon territoire").click()
    expect(page).to_have_url(re.compile(r"/\?q=84400$"))
    results = page.get_by_role("status")
    expect(results).to_contain_text("Apt")
    axe.check(page)

    results.locator(".card", has_text="Apt").first.get_by_role(
        "link", name="CC Pays d'Apt-Luberon"
    ).click()
    expect(page).to_have_url(re.compile(rf"{HOME}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("CC Pays d'Apt-Luberon")


def test_root_rejects_a_one_letter_search_in_french(page, axe, territory):
    page.goto("/")
    page.get_by_label("Votre commune ou votre code postal").fill("A")
    page.get_by_role("button", name="Trouver mon territoire").click()
    expect(page.get_by_role("alert")).to_contain_text("Indiquez au moins deux caractères.")
    axe.check(page)


def test_territory_home_shows_both_doors_and_each_opens(page, axe, territory):
    page.goto(HOME)
    axe.check(page)
    expect(page).to_have_title(re.compile(r"^Accueil – CC Pays d'Apt-Luberon – PM-VT$"))
    expect(page.get_by_role("heading", level=2, name="Place des marchés")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Valeurs territoriales")).to_be_visible()
    doors = page.get_by_role("navigation", name="Les deux portes")
    expect(doors.get_by_role("link", name="Place des marchés")).to_be_visible()
    expect(doors.get_by_role("link", name="Valeurs territoriales")).to_be_visible()

    page.get_by_role("link", name="Entrer sur la Place des marchés").click()
    expect(page).to_have_url(re.compile(rf"{HOME}marche/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Place des marchés")
    expect(doors.get_by_role("link", name="Place des marchés")).to_have_attribute(
        "aria-current", "page"
    )
    axe.check(page)

    page.get_by_role("navigation", name="Fil d’Ariane").get_by_role("link", name="Accueil").click()
    expect(page).to_have_url(re.compile(rf"{HOME}$"))
    page.get_by_role("link", name="Entrer dans les Valeurs territoriales").click()
    expect(page).to_have_url(re.compile(rf"{HOME}valeurs/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Valeurs territoriales")
    expect(doors.get_by_role("link", name="Valeurs territoriales")).to_have_attribute(
        "aria-current", "page"
    )
    axe.check(page)


FOOTER_PAGES = [
    ("Mentions légales", "mentions-legales/", r"mentions légales"),
    ("Données personnelles", "donnees-personnelles/", r"données personnelles"),
    (re.compile(r"^Accessibilité"), "accessibilite/", r"accessibilité"),
    ("Conditions d'utilisation", "conditions-utilisation/", r"conditions"),
]


def test_territory_footer_opens_every_legal_page(page, axe, territory):
    page.goto(HOME)
    footer = page.get_by_role("navigation", name="Informations légales")
    for link_name, path, heading in FOOTER_PAGES:
        footer.get_by_role("link", name=link_name).click()
        expect(page).to_have_url(re.compile(rf"{HOME}{path}$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(heading, re.I))
        axe.check(page)


def test_federation_footer_opens_every_legal_page(page, axe, territory):
    page.goto("/")
    footer = page.get_by_role("navigation", name="Informations légales")
    for link_name, path, heading in FOOTER_PAGES:
        footer.get_by_role("link", name=link_name).click()
        expect(page).to_have_url(re.compile(rf"/{path}$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(heading, re.I))
        axe.check(page)
        if path == "accessibilite/" and AXE_REPORT.exists():
            # The statement publishes the results of the previous run of this suite.
            expect(page.get_by_role("table")).to_contain_text("/t/pays-dapt-luberon/gestion/")


def test_contact_form_reports_errors_then_sends_the_message(page, axe, territory):
    page.goto(HOME)
    page.get_by_role("navigation", name="Informations légales").get_by_role(
        "link", name="Contact"
    ).click()
    expect(page).to_have_url(re.compile(rf"{HOME}contact/$"))
    axe.check(page)

    page.get_by_label("Votre nom").fill("Camille Roux")
    page.get_by_label("Votre adresse électronique").fill("camille.roux")
    page.get_by_role("button", name="Envoyer le message").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Le formulaire contient des erreurs")
    expect(summary).to_contain_text("Saisissez une adresse électronique valide")
    expect(page.get_by_label("Votre nom")).to_have_value("Camille Roux")
    expect(page.get_by_label("Votre adresse électronique")).to_have_attribute(
        "aria-invalid", "true"
    )
    axe.check(page)
    assert mail.outbox == []

    page.get_by_label("Votre adresse électronique").fill("camille.roux@example.fr")
    page.get_by_label("Objet").fill("Marché de Apt le samedi")
    page.get_by_label("Votre message").fill("Bonjour, le marché a-t-il lieu pendant les fêtes ?")
    page.get_by_role("button", name="Envoyer le message").click()
    expect(page.get_by_role("status")).to_contain_text("Votre message a été envoyé. Merci !")
    axe.check(page)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "[CC Pays d'Apt-Luberon] Marché de Apt le samedi"
    assert message.reply_to == ["camille.roux@example.fr"]
    assert "Camille Roux <camille.roux@example.fr>" in message.body
    assert "le marché a-t-il lieu pendant les fêtes ?" in message.body


@pytest.mark.parametrize("path", ["/", HOME, f"{HOME}marche/", f"{HOME}contact/"])
def test_pages_fit_a_360_pixel_wide_phone_without_horizontal_scroll(
    browser, live_server, axe, territory, path
):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 360, "height": 740}
    )
    try:
        page = context.new_page()
        page.goto(path)
        scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
        assert scroll_width <= 360, f"{path} scrolls horizontally at 360 px: {scroll_width} px wide"
        axe.check(page)
    finally:
        context.close()
