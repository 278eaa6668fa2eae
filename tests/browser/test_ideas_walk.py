"""Ideas: the demo inhabitant reads the rules of the open campaign, supports another member's
idea (then sees his support), submits his own idea, and finds the public answers of the
territory on an idea; a visitor sees the rules and is asked to log in to take part."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in

pytestmark = pytest.mark.browser

IDEAS = f"{HOME}valeurs/idees/"
INHABITANT = "habitant@demo.pmvt.fr"
CAMPAIGN = "Comment faire revenir les jeunes en centre-bourg ?"
CONCERTS = "Des concerts le vendredi soir sur la place"


@pytest.fixture
def demo(transactional_db):
    """The demo territory, its accounts, actors, themes and idea campaigns (pmvt.demo)."""
    from django_scopes import scope, scopes_disabled

    from pmvt.demo.actors import load_actors
    from pmvt.demo.community import load_community
    from pmvt.demo.ideas import load_ideas
    from pmvt.demo.loader import load_foundation

    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_community(territory)
        load_ideas(territory)
    return territory


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 360


def test_a_visitor_reads_the_rules_and_is_asked_to_log_in(page, axe, demo):
    page.goto(IDEAS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Idées et propositions")
    axe.check(page)
    page.get_by_role("link", name="Terminée (1)").click()
    expect(page.get_by_role("link", name="Animer nos villages en hiver")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="En cours (1)").click()
    page.get_by_role("link", name=CAMPAIGN).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CAMPAIGN)
    expect(page.get_by_role("heading", name="Règles de participation")).to_be_visible()
    expect(page.get_by_role("link", name="Se connecter pour proposer une idée")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)


def test_the_inhabitant_supports_an_idea_then_submits_his_own(page, axe, demo):
    from pmvt.demo.loader import DEMO_PASSWORD

    log_in(page, axe, INHABITANT, DEMO_PASSWORD)
    page.goto(IDEAS)
    page.get_by_role("link", name=CAMPAIGN).click()
    # The rules come first, before any idea and any support button.
    rules = page.locator(".idea-rules")
    expect(rules).to_contain_text("Un soutien par membre et par idée")
    expect(rules).to_contain_text("On ne soutient pas sa propre idée")
    rules_box = rules.bounding_box()
    first_idea = page.locator(".idea-row").first.bounding_box()
    assert rules_box and first_idea and rules_box["y"] < first_idea["y"]
    ideas = page.locator(".idea-list .idea-row__title")
    expect(ideas).to_have_count(6)
    axe.check(page)

    page.get_by_label("Trier", exact=True).select_option(label="Les plus récentes")
    page.get_by_label("État", exact=True).select_option(label="Déposée")
    page.get_by_role("button", name="Afficher").click()
    expect(ideas).to_have_count(1)
    expect(ideas.first).to_have_text(CONCERTS)
    axe.check(page)

    ideas.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CONCERTS)
    expect(page.get_by_role("heading", name="2 soutiens")).to_be_visible()
    axe.check(page)
    page.get_by_role("button", name="Soutenir cette idée").click()
    expect(page.get_by_role("status")).to_contain_text("Votre soutien est enregistré")
    expect(page.get_by_role("heading", name="3 soutiens")).to_be_visible()
    expect(page.get_by_text("Vous soutenez cette idée.")).to_be_visible()
    expect(page.get_by_role("button", name="Retirer mon soutien")).to_be_visible()
    axe.check(page)
    assert fits_a_phone(page)

    # The public answers of an idea further down the workflow.
    page.get_by_role("link", name=CAMPAIGN).first.click()
    page.get_by_role("link", name="Le wifi gratuit sur les places des bourgs").click()
    answers = page.locator("#reponses")
    expect(answers).to_contain_text("Le wifi public fonctionne sur 12 places depuis mars.")
    expect(answers.locator(".idea-timeline__step")).to_have_count(5)
    axe.check(page)

    page.goto(IDEAS)
    page.get_by_role("link", name=CAMPAIGN).click()
    page.get_by_role("link", name="Proposer une idée").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposer une idée")
    axe.check(page)
    form = page.locator("main form")
    form.get_by_role("button", name="Publier mon idée").click()
    expect(page.get_by_role("alert")).to_contain_text("Le formulaire contient des erreurs")
    axe.check(page)

    form.get_by_label(re.compile(r"^Titre de votre idée")).fill("Une ludothèque ouverte le soir")
    form.get_by_label(re.compile(r"^Description$|^Description \(")).fill(
        "Des jeux de société et des **tournois** le mercredi et le vendredi soir."
    )
    form.get_by_label("Jeunesse").check()
    form.get_by_role("button", name="Publier mon idée").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Une ludothèque ouverte le soir")
    expect(page.get_by_role("status")).to_contain_text("Votre idée est")
    expect(page.locator(".idea__description strong")).to_have_text("tournois")
    axe.check(page)
    assert fits_a_phone(page)
