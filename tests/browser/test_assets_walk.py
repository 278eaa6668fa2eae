"""Assets to share: a visitor filters the list and reads an asset's calendar; the demo
inhabitant books the pressure cleaner, finds it under "Mes réservations", then offers a tool
of their own with a photo and a blocked period and publishes it; the territory's admin answers
a request for the salle des fêtes."""

import io
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in, totp_code

pytestmark = pytest.mark.browser

ASSETS = f"{HOME}valeurs/maison/biens/"
INHABITANT = "habitant@demo.pmvt.fr"


@pytest.fixture
def demo(transactional_db):
    """The demo territory, its accounts, its actors and its assets (pmvt.demo)."""
    from django_scopes import scope, scopes_disabled

    from pmvt.demo.actors import load_actors
    from pmvt.demo.assets import load_assets
    from pmvt.demo.loader import load_foundation

    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_assets(territory)
    return territory


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 360


def png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (90, 140, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def local(days: int, hour: int) -> str:
    from django.utils import timezone

    from pmvt.agenda.recurrence import paris

    day = paris(timezone.now()).date() + timedelta(days=days)
    return f"{day:%Y-%m-%d}T{hour:02d}:00"


def test_the_inhabitant_books_and_offers_an_asset(page, axe, demo):
    from pmvt.demo.loader import DEMO_PASSWORD

    page.goto(ASSETS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Biens à partager")
    expect(page.get_by_role("heading", name="10 biens")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)

    filters = page.get_by_role("search", name="Filtrer les biens")
    filters.get_by_label("Type de bien").select_option(label="Outil")
    filters.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("heading", name="2 biens")).to_be_visible()
    axe.check(page)

    page.get_by_role("link", name="Nettoyeur haute pression").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nettoyeur haute pression")
    expect(page.get_by_role("table", name=re.compile("^Disponibilités en"))).to_be_visible()
    expect(page.get_by_text("Bernard Maraîcher")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)
    page.get_by_role("link", name=re.compile("^Mois suivant")).click()
    expect(page).to_have_url(re.compile(r"\?mois=\d{4}-\d{2}"))
    axe.check(page)

    log_in(page, axe, INHABITANT, DEMO_PASSWORD)
    page.goto(f"{ASSETS}nettoyeur-haute-pression/")
    page.get_by_role("link", name="Demander une réservation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Réserver Nettoyeur haute pression")
    axe.check(page)
    page.get_by_label(re.compile("^Début")).fill(local(8, 18))
    page.get_by_label(re.compile("^Fin")).fill(local(8, 9))
    page.get_by_role("button", name="Envoyer la demande de réservation").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "La fin de la réservation doit suivre son début."
    )
    axe.check(page)
    page.get_by_label(re.compile("^Fin")).fill(local(9, 12))
    page.get_by_label(re.compile("^Message")).fill("Pour nettoyer la terrasse avant l'été.")
    page.get_by_role("button", name="Envoyer la demande de réservation").click()
    expect(page.get_by_role("status")).to_contain_text("Votre demande de réservation")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Réservation de Nettoyeur haute pression"
    )
    axe.check(page)

    page.get_by_role("link", name="Mes réservations").click()
    expect(page.get_by_role("link", name="Nettoyeur haute pression", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Remorque bâchée 750 kg", exact=True)).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)

    page.goto(ASSETS)
    page.get_by_role("link", name="Proposer un bien").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposer un bien")
    axe.check(page)
    page.get_by_label("Type de bien").select_option(label="Outil")
    page.get_by_label(re.compile("^Titre")).fill("Débroussailleuse thermique")
    page.get_by_label(re.compile("^Description")).first.fill(
        "Débroussailleuse 43 cm³ avec harnais, lunettes et fil de rechange."
    )
    page.get_by_label(re.compile("^Commune")).select_option(label="Saint-Saturnin-lès-Apt")
    page.get_by_label("Avec participation aux frais").check()
    page.get_by_role("button", name="Enregistrer le bien").click()
    expect(page.get_by_role("alert")).to_contain_text("Indiquez le montant de la participation.")
    axe.check(page)
    page.get_by_label(re.compile("^Participation")).fill("10")
    page.get_by_label("Par", exact=True).fill("journée")
    page.get_by_role("button", name="Enregistrer le bien").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gérer Débroussailleuse thermique")
    axe.check(page)
    assert fits_a_phone(page)

    page.get_by_label(re.compile(r"^Photo \(")).set_input_files(
        {"name": "debroussailleuse.png", "mimeType": "image/png", "buffer": png()}
    )
    page.get_by_label(re.compile("^Description de la photo")).fill(
        "La débroussailleuse et son harnais"
    )
    page.get_by_role("button", name="Ajouter la photo").click()
    expect(page.get_by_role("status")).to_contain_text("La photo est ajoutée.")
    page.get_by_label(re.compile("^Du")).fill(local(20, 0)[:10])
    page.get_by_label(re.compile("^Au")).fill(local(22, 0)[:10])
    page.get_by_role("button", name="Bloquer ces jours").click()
    expect(page.get_by_role("status")).to_contain_text("La période est bloquée")
    page.get_by_role("button", name="Publier le bien").click()
    expect(page.get_by_role("status")).to_contain_text("Le bien est publié")
    axe.check(page)

    page.get_by_role("link", name="Voir la page publique").click()
    expect(page.get_by_role("img", name="La débroussailleuse et son harnais")).to_be_visible()
    expect(
        page.get_by_text("10,00\u00a0€ par journée").or_(page.get_by_text("10 € par journée")).first
    ).to_be_visible()
    axe.check(page)


def test_the_admin_answers_a_request(page, axe, demo):
    from pmvt.demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD

    admin = next(a for a in DEMO_ACCOUNTS if a.email == "admin@demo.pmvt.fr")
    log_in(page, axe, admin.email, DEMO_PASSWORD)
    page.locator("main form").first.get_by_label("Code").fill(totp_code(admin.totp_secret))
    page.locator("main form").first.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(rf"{HOME}$"))

    page.goto(f"{ASSETS}mes-biens/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes biens proposés")
    expect(page.get_by_role("link", name="Salle des fêtes de Gargas")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)
    page.get_by_role("link", name="Demandes de réservation reçues").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demandes de réservation reçues")
    axe.check(page)
    assert fits_a_phone(page)
    page.get_by_role("link", name=re.compile("^Répondre")).first.click()
    expect(page.get_by_text("Assemblée générale du club de foot")).to_be_visible()
    axe.check(page)
    page.get_by_label(re.compile("^Votre réponse")).fill("Entendu, les clés sont en mairie.")
    page.get_by_role("button", name="Accepter la demande").click()
    expect(page.get_by_role("status")).to_contain_text("La réservation est acceptée")
    expect(page.get_by_text("Acceptée", exact=True)).to_be_visible()
    axe.check(page)

    page.goto(f"{ASSETS}salle-des-fetes-de-gargas/gerer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gérer Salle des fêtes de Gargas")
    axe.check(page)
    assert fits_a_phone(page)
