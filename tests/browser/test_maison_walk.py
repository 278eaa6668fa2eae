"""The Maison de création de valeur: a visitor finds it from the Valeurs territoriales door; the
demo inhabitant, who carries the travelling grocery, reads the explained suggestions for one of
its needs and invites the best person, sees the projects suggested to him and offers his help,
then accepts the invitation he received from another project and records the hours he gave."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in

pytestmark = pytest.mark.browser

MAISON = f"{HOME}valeurs/maison/"
INHABITANT = "habitant@demo.pmvt.fr"
GROCERY = "Épicerie solidaire itinérante"


@pytest.fixture
def demo(transactional_db):
    """The demo territory with its inhabitants' skills, assets, projects and invitations."""
    from django_scopes import scope, scopes_disabled

    from pmvt.demo.actors import load_actors
    from pmvt.demo.assets import load_assets
    from pmvt.demo.loader import load_foundation
    from pmvt.demo.maison import load_maison
    from pmvt.demo.projects import load_projects
    from pmvt.demo.skills import load_skills

    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_skills(territory)
        load_assets(territory)
        load_projects(territory)
        load_maison(territory)
        _inhabitant_profile(territory)
    return territory


def _inhabitant_profile(territory):
    """The skills walk declares the inhabitant's profile; here it is set up directly."""
    from pmvt.accounts.models import User
    from pmvt.catalog.text import search_text
    from pmvt.skills.models import SkillProfile

    user = User.objects.get(email=INHABITANT)
    SkillProfile.objects.get_or_create(
        territory=territory,
        user=user,
        defaults={
            "public_name": "Jean",
            "keywords": "réparation de vélos, jardinage, accueil",
            "hours_per_month": 10,
            "spirits": ["volunteer"],
            "remote": True,
            "search_text": search_text("réparation de vélos, jardinage, accueil"),
        },
    )


def _need_id(title: str) -> int:
    from django_scopes import scopes_disabled

    from pmvt.projects.models import Need

    with scopes_disabled():
        return Need.objects.get(title=title, project__title=GROCERY).pk


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 360


def test_the_inhabitant_invites_offers_help_accepts_and_records_hours(page, axe, demo):
    from pmvt.demo.loader import DEMO_PASSWORD

    page.goto(f"{HOME}valeurs/")
    page.get_by_role("link", name="Maison de création de valeur").first.click()
    expect(page).to_have_url(re.compile(r"/valeurs/maison/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Maison de création de valeur territoriale"
    )
    expect(page.get_by_role("heading", name=re.compile(r"besoins? ouverts?$"))).to_be_visible()
    expect(page.get_by_role("link", name="Déclarer mes compétences")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)

    log_in(page, axe, INHABITANT, DEMO_PASSWORD)
    page.goto(MAISON)
    expect(page.get_by_role("heading", name="Des projets pour vous")).to_be_visible()
    axe.check(page)

    # The team's view: explained suggestions for the grocery's stall, and an invitation.
    stall = _need_id("Tenir l'étal le mardi")
    page.goto(f"{MAISON}besoins/{stall}/suggestions/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Suggestions pour « Tenir l'étal le mardi »"
    )
    expect(page.get_by_text(re.compile(r"^Correspondance : \d+ %$")).first).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)
    page.get_by_role("button", name=re.compile(r"^Inviter")).first.click()
    expect(page.get_by_role("status")).to_contain_text("Invitation envoyée.")
    axe.check(page)
    page.get_by_role("link", name="Invitations et propositions d'aide de ce besoin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Invitations pour « Tenir l'étal le mardi »"
    )
    axe.check(page)

    # The person's view: projects for me, with reasons, and an offer of help.
    page.goto(f"{MAISON}pour-moi/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Des projets pour moi")
    axe.check(page)
    assert fits_a_phone(page)
    page.get_by_role("button", name=re.compile(r"^Proposer mon aide")).first.click()
    expect(page.get_by_role("status")).to_contain_text("Votre proposition d'aide est envoyée")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes invitations")
    axe.check(page)

    # The invitation from another project: accept, then record the hours given.
    received = page.locator("section", has=page.get_by_role("heading", name="Invitations reçues"))
    received.get_by_role("button", name=re.compile(r"^Accepter")).first.click()
    expect(page.get_by_role("status")).to_contain_text("vous avez accepté")
    contributions = page.locator(
        "section", has=page.get_by_role("heading", name="Mes contributions")
    )
    contributions.get_by_label("Heures données").first.fill("2,5")
    contributions.get_by_role("button", name="Enregistrer les heures").first.click()
    expect(page.get_by_role("status")).to_contain_text("Les heures données sont enregistrées.")
    expect(page.get_by_text("2,5 h données à ce jour")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)
