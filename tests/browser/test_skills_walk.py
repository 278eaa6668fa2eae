"""Skills: a visitor searches the people directory; the demo inhabitant says what they can
offer, contacts a person through the platform, and accepts a request they received; the
territory's admin extends the skills vocabulary."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in, totp_code

pytestmark = pytest.mark.browser

SKILLS = f"{HOME}valeurs/maison/competences/"
INHABITANT = "habitant@demo.pmvt.fr"


@pytest.fixture
def demo(transactional_db):
    """The demo territory, its accounts and its ~40 inhabitants with skills (pmvt.demo)."""
    from django_scopes import scope, scopes_disabled

    from pmvt.demo.loader import load_foundation
    from pmvt.demo.skills import load_skills

    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_skills(territory)
    return territory


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 360


def people(page):
    return page.locator(".profile-list").get_by_role("heading", level=3)


def test_the_inhabitant_offers_skills_and_contacts_a_person(page, axe, demo):
    from django_scopes import scopes_disabled

    from pmvt.accounts.models import User
    from pmvt.demo.loader import DEMO_PASSWORD
    from pmvt.skills.models import SkillProfile
    from pmvt.skills.services.contacts import contact_request_send

    page.goto(SKILLS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Compétences et temps à partager")
    axe.check(page)
    assert fits_a_phone(page)
    search = page.get_by_role("search", name="Chercher des compétences")
    search.get_by_label("Mots").fill("menuisier")
    search.get_by_role("button", name="Chercher").click()
    expect(people(page)).to_have_text(["Karim"])
    axe.check(page)
    page.get_by_role("link", name="Karim", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Karim")
    expect(page.get_by_text("Connectez-vous pour contacter cette personne")).to_be_visible()
    axe.check(page)
    karim_url = page.url

    log_in(page, axe, INHABITANT, DEMO_PASSWORD)
    page.goto(SKILLS)
    page.get_by_role("link", name="Ce que je peux offrir").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ce que je peux offrir")
    axe.check(page)
    assert fits_a_phone(page)
    page.get_by_label("Jardinage", exact=True).select_option(label="Confirmé")
    page.get_by_label("Maraîchage", exact=True).select_option(label="Débutant")
    page.get_by_label(re.compile("mots-clés libres")).fill("lavande, confitures")
    page.get_by_label("Heures disponibles par mois").fill("300")
    page.get_by_role("button", name="Enregistrer ce que je peux offrir").click()
    expect(page.get_by_role("alert")).to_contain_text("entre 0 et 200")
    axe.check(page)
    page.get_by_label("Heures disponibles par mois").fill("6")
    page.get_by_label("Samedi").check()
    page.get_by_label("Saint-Saturnin-lès-Apt").check()
    page.get_by_label("Bénévolat").check()
    page.get_by_label("Publique : visible de tous").check()
    page.get_by_role("button", name="Enregistrer ce que je peux offrir").click()
    expect(page.get_by_role("status")).to_contain_text("Merci ! Ce que vous pouvez offrir")
    expect(page.get_by_label("Jardinage", exact=True)).to_have_value("3")
    axe.check(page)

    page.goto(karim_url)
    page.get_by_role("link", name="Contacter Karim").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contacter Karim")
    axe.check(page)
    page.get_by_label("Votre message").fill(
        "Bonjour Karim, notre jardin partagé a besoin de bacs en bois : auriez-vous un samedi ?"
    )
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes demandes envoyées")
    expect(page.get_by_role("status")).to_contain_text("Votre demande est envoyée à Karim")
    expect(page.get_by_text("En attente de réponse")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)

    with scopes_disabled():
        lucie = User.objects.get(email="lucie.martin@demo.pmvt.fr")
        profile = SkillProfile.objects.get(user__email=INHABITANT)
        contact_request_send(
            profile=profile, sender=lucie, message="Bonjour Jean, des plants de lavande à tailler ?"
        )
    page.get_by_role("link", name=re.compile("^Demandes reçues")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demandes reçues")
    expect(page.get_by_text("des plants de lavande à tailler")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)
    page.get_by_label("Votre réponse (facultative)").fill("Avec plaisir, samedi matin.")
    page.get_by_role("button", name=re.compile("^Accepter et partager mon adresse")).click()
    expect(page.get_by_role("status")).to_contain_text("Demande acceptée")
    expect(page.get_by_text("Votre réponse : Avec plaisir, samedi matin.")).to_be_visible()
    axe.check(page)


def test_the_admin_extends_the_vocabulary(page, axe, demo):
    from pmvt.demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD

    admin = next(a for a in DEMO_ACCOUNTS if a.email == "admin@demo.pmvt.fr")
    log_in(page, axe, admin.email, DEMO_PASSWORD)
    page.locator("main form").first.get_by_label("Code").fill(totp_code(admin.totp_secret))
    page.locator("main form").first.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(rf"{HOME}$"))

    page.goto(f"{HOME}gestion/competences/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vocabulaire des compétences")
    expect(page.get_by_role("button", name="Retirer Murets en pierre sèche")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)
    page.get_by_label("Nom de la compétence").fill("Menuiserie")
    page.get_by_role("button", name="Ajouter la compétence").click()
    expect(page.get_by_role("alert")).to_contain_text("existe déjà dans le vocabulaire")
    axe.check(page)
    page.get_by_label("Nom de la compétence").fill("Cueillette de plantes aromatiques")
    page.get_by_label("Domaine").fill("Nature et agriculture")
    page.get_by_role("button", name="Ajouter la compétence").click()
    expect(page.get_by_role("status")).to_contain_text("« Cueillette de plantes aromatiques »")
    page.get_by_role("button", name="Retirer Cueillette de plantes aromatiques").click()
    expect(page.get_by_role("status")).to_contain_text("n'est plus proposée")
    expect(
        page.get_by_role("button", name="Proposer de nouveau Cueillette de plantes aromatiques")
    ).to_be_visible()
    axe.check(page)
