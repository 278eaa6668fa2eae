"""The Maison de création de valeur territoriale, end to end on the demo data, as a new user:
the demo inhabitant (no skill profile yet) finds the Maison from the Valeurs territoriales door,
declares his skills and offers an asset; he sees a project need that matches him, with the
reasons, and offers his help; a project carrier (the territory's admin, in another browser)
reads his explained suggestion and invites him, and he accepts; he books the salle des fêtes and
the admin accepts; then a workshop goes through its four phases and an action becomes a
collective project draft. Every page visited is checked by axe."""

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in, totp_code

pytestmark = pytest.mark.browser

MAISON = f"{HOME}valeurs/maison/"
INHABITANT = "habitant@demo.pmvt.fr"
ADMIN = "admin@demo.pmvt.fr"
ORCHARD = "Verger partagé des Ocres"
ORCHARD_NEED = "Soigner les fruitiers et le potager"
GARDEN_NEED = "Conseils en maraîchage"  # a need of the demo's Jardin partagé de la Croix-Blanche
MY_ASSET = "Broyeur de végétaux électrique"
HALL = "Salle des fêtes de Gargas"


@pytest.fixture
def demo(transactional_db):
    """The demo territory with every step the Maison needs, and a project the admin carries.

    The demo's project carriers are accounts that cannot log in: the admin carries a project
    of their own, with a gardening need, set up through the projects services."""
    from django_scopes import scope, scopes_disabled

    from pmvt.demo.actors import load_actors
    from pmvt.demo.assets import load_assets
    from pmvt.demo.loader import load_foundation
    from pmvt.demo.maison import load_maison
    from pmvt.demo.projects import load_projects
    from pmvt.demo.skills import load_skills
    from pmvt.demo.workshops import load_workshops

    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_skills(territory)
        load_assets(territory)
        load_projects(territory)
        load_maison(territory)
        load_workshops(territory)
        _admin_project(territory)
    return territory


def _admin_project(territory: Any) -> None:
    from pmvt.accounts.models import User
    from pmvt.projects.models import NeedKind, ProjectStatus
    from pmvt.projects.services.needs import NeedData, need_add
    from pmvt.projects.services.projects import project_create, project_move
    from pmvt.skills.models import SkillTerm
    from pmvt.territories.models import Commune

    admin = User.objects.get(email=ADMIN)
    apt = Commune.objects.get(territory=territory, insee_code="84003")
    project = project_create(
        territory=territory,
        by=admin,
        title=ORCHARD,
        summary="Un verger et un potager ouverts à tous derrière la mairie d'Apt.",
        problem="Les anciennes variétés de fruitiers du pays d'Apt disparaissent.",
        sdgs=[2, 15],
        communes=[apt],
    )
    project_move(project=project, by=admin, to=ProjectStatus.FORMING)
    need_add(
        project=project,
        by=admin,
        kind=NeedKind.SKILL,
        data=NeedData(
            title=ORCHARD_NEED,
            skill_terms=SkillTerm.objects.filter(
                territory__isnull=True, slug__in=["jardinage", "maraichage"]
            ),
            hours_per_month=4,
            min_level=2,
        ),
    )


@pytest.fixture
def admin_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """Another browser, for the admin at the same time as the inhabitant."""
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def local(days: int, hour: int) -> str:
    from django.utils import timezone

    from pmvt.agenda.recurrence import paris

    day = paris(timezone.now()).date() + timedelta(days=days)
    return f"{day:%Y-%m-%d}T{hour:02d}:00"


def admin_log_in(page: Any, axe: Any) -> None:
    from pmvt.demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD

    admin = next(a for a in DEMO_ACCOUNTS if a.email == ADMIN)
    log_in(page, axe, admin.email, DEMO_PASSWORD)
    axe.check(page)
    page.locator("main form").first.get_by_label("Code").fill(totp_code(admin.totp_secret))
    page.locator("main form").first.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(rf"{HOME}$"))
    axe.check(page)


def card(scope: Any, title: str) -> Any:
    """The card (list item) of a Maison list, in a page or a section, whose heading is `title`."""
    page = getattr(scope, "page", scope)  # `has` takes a locator rooted at the page.
    return scope.locator("li.maison-card").filter(
        has=page.get_by_role("heading", name=title, exact=True)
    )


def test_the_maison_journey(page, admin_page, axe, demo):
    from pmvt.demo.loader import DEMO_PASSWORD

    admin = admin_page
    admin_log_in(admin, axe)

    # 1. The inhabitant logs in and finds the Maison through the Valeurs territoriales door.
    log_in(page, axe, INHABITANT, DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(rf"{HOME}$"))
    axe.check(page)
    page.get_by_role("navigation").get_by_role("link", name="Valeurs territoriales").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Valeurs territoriales")
    axe.check(page)
    page.get_by_role("link", name="Maison de création de valeur").first.click()
    expect(page).to_have_url(re.compile(r"/valeurs/maison/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Maison de création de valeur territoriale"
    )
    expect(page.get_by_role("heading", name=re.compile(r"besoins ouverts$"))).to_be_visible()
    expect(page.get_by_role("heading", name="Des projets pour vous")).to_have_count(0)
    axe.check(page)

    # He declares what he can offer.
    page.get_by_role("link", name="Déclarer mes compétences").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ce que je peux offrir")
    axe.check(page)
    page.get_by_label("Jardinage", exact=True).select_option(label="Confirmé")
    page.get_by_label("Maraîchage", exact=True).select_option(label="Confirmé")
    page.get_by_label(re.compile("mots-clés libres")).fill("arbres fruitiers, greffe")
    page.get_by_label("Heures disponibles par mois").fill("6")
    page.get_by_label("Samedi").check()
    page.get_by_label("Saint-Saturnin-lès-Apt").check()
    page.get_by_label("Bénévolat").check()
    page.get_by_label("Publique : visible de tous").check()
    page.get_by_role("button", name="Enregistrer ce que je peux offrir").click()
    expect(page.get_by_role("status")).to_contain_text("Merci ! Ce que vous pouvez offrir")
    expect(page.get_by_label("Maraîchage", exact=True)).to_have_value("3")
    axe.check(page)

    # He offers an asset, and publishes it.
    page.goto(MAISON)
    page.get_by_role("link", name="Proposer un bien").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposer un bien")
    axe.check(page)
    page.get_by_label("Type de bien").select_option(label="Outil")
    page.get_by_label(re.compile("^Titre")).fill(MY_ASSET)
    page.get_by_label(re.compile("^Description")).first.fill(
        "Broyeur 2 500 W pour les branches de taille jusqu'à 4 cm, avec son bac."
    )
    page.get_by_label(re.compile("^Commune")).select_option(label="Saint-Saturnin-lès-Apt")
    page.get_by_role("button", name="Enregistrer le bien").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Gérer {MY_ASSET}")
    axe.check(page)
    page.get_by_role("button", name="Publier le bien").click()
    expect(page.get_by_role("status")).to_contain_text("Le bien est publié")
    axe.check(page)
    page.get_by_role("link", name="Voir la page publique").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(MY_ASSET)
    axe.check(page)

    # 2. Projects for him: a matching need, with the reasons; he offers his help.
    page.goto(MAISON)
    expect(page.get_by_role("heading", name="Des projets pour vous")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Voir tous les projets qui vous correspondent").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Des projets pour moi")
    garden = card(page, GARDEN_NEED)
    expect(garden).to_contain_text("Projet : Jardin partagé de la Croix-Blanche")
    reasons = garden.get_by_role("list", name="Pourquoi cette suggestion")
    expect(reasons).to_contain_text("2 compétences sur 2")
    expect(reasons).to_contain_text("h/mois disponibles")
    expect(reasons).to_contain_text(re.compile(r"à \d+ km|dans la même commune"))
    expect(garden.get_by_text(re.compile(r"^Correspondance : \d+ %$"))).to_be_visible()
    orchard = card(page, ORCHARD_NEED)
    expect(orchard).to_contain_text(f"Projet : {ORCHARD}")
    expect(orchard.get_by_role("list", name="Pourquoi cette suggestion")).to_contain_text(
        re.compile(r"km")
    )
    axe.check(page)
    garden.get_by_label("Un mot pour l'équipe (facultatif)").fill(
        "Je cultive un potager depuis vingt ans, disponible le samedi."
    )
    garden.get_by_role("button", name=re.compile(r"^Proposer mon aide")).click()
    expect(page.get_by_role("status")).to_contain_text("Votre proposition d'aide est envoyée")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes invitations")
    offers = page.locator(
        "section", has=page.get_by_role("heading", name="Mes propositions d'aide")
    )
    expect(card(offers, GARDEN_NEED)).to_contain_text("En attente de réponse")
    axe.check(page)

    # 3. The carrier reads the explained suggestions of his need and invites the inhabitant.
    admin.goto(f"{HOME}valeurs/maison/projets/mes-projets/")
    expect(admin.get_by_role("heading", level=1)).to_have_text("Mes projets")
    axe.check(admin)
    admin.get_by_role("link", name=ORCHARD).first.click()
    expect(admin.get_by_role("heading", level=1)).to_have_text(ORCHARD)
    axe.check(admin)
    admin.get_by_role("link", name=f"Voir les suggestions pour « {ORCHARD_NEED} »").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text(
        f"Suggestions pour « {ORCHARD_NEED} »"
    )
    jean = card(admin, "Jean Habitant")
    why = jean.get_by_role("list", name="Pourquoi cette suggestion")
    expect(why).to_contain_text("2 compétences sur 2")
    expect(why).to_contain_text("6 h/mois disponibles (besoin : 4 h)")
    expect(why).to_contain_text("à 6 km")
    expect(why).to_contain_text("dans un esprit bénévole")
    axe.check(admin)
    jean.get_by_label("Message (facultatif)").fill(
        "Bonjour Jean, venez tailler les pommiers avec nous un samedi !"
    )
    jean.get_by_role("button", name=re.compile(r"^Inviter")).click()
    expect(admin.get_by_role("status")).to_contain_text("Invitation envoyée.")
    axe.check(admin)

    # The inhabitant accepts the invitation.
    page.reload()
    received = page.locator("section", has=page.get_by_role("heading", name="Invitations reçues"))
    invitation = card(received, ORCHARD_NEED)
    expect(invitation).to_contain_text(f"Le projet « {ORCHARD} » vous invite à contribuer.")
    expect(invitation).to_contain_text("venez tailler les pommiers")
    axe.check(page)
    invitation.get_by_role("button", name=f"Accepter – {ORCHARD_NEED}").click()
    expect(page.get_by_role("status")).to_contain_text("vous avez accepté")
    contributions = page.locator(
        "section", has=page.get_by_role("heading", name="Mes contributions")
    )
    expect(card(contributions, ORCHARD_NEED)).to_contain_text(f"Projet : {ORCHARD}")
    axe.check(page)

    # 4. He books the salle des fêtes (a collectivité's asset); the admin accepts.
    page.goto(f"{MAISON}biens/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Biens à partager")
    axe.check(page)
    page.get_by_role("link", name=HALL).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HALL)
    expect(page.get_by_role("table", name=re.compile("^Disponibilités en"))).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Demander une réservation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Réserver {HALL}")
    axe.check(page)
    page.get_by_label(re.compile("^Début")).fill(local(25, 10))
    page.get_by_label(re.compile("^Fin")).fill(local(25, 18))
    page.get_by_label(re.compile("^Message")).fill("Pour la bourse aux greffons du verger.")
    page.get_by_role("button", name="Envoyer la demande de réservation").click()
    expect(page.get_by_role("status")).to_contain_text("Votre demande de réservation")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Réservation de {HALL}")
    axe.check(page)

    admin.goto(f"{MAISON}biens/mes-biens/")
    expect(admin.get_by_role("heading", level=1)).to_have_text("Mes biens proposés")
    axe.check(admin)
    admin.get_by_role("link", name="Demandes de réservation reçues").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Demandes de réservation reçues")
    axe.check(admin)
    admin.get_by_role("row").filter(has_text="Jean").get_by_role(
        "link", name=re.compile("^Répondre")
    ).click()
    expect(admin.get_by_text("Pour la bourse aux greffons du verger.")).to_be_visible()
    axe.check(admin)
    admin.get_by_label(re.compile("^Votre réponse")).fill("Entendu, les clés sont en mairie.")
    admin.get_by_role("button", name="Accepter la demande").click()
    expect(admin.get_by_role("status")).to_contain_text("La réservation est acceptée")
    axe.check(admin)

    page.reload()
    expect(page.get_by_text("Acceptée", exact=True)).to_be_visible()
    axe.check(page)

    # 5. A workshop through its four phases; an action becomes a project draft.
    admin.goto(f"{MAISON}ateliers/")
    expect(admin.get_by_role("heading", level=1)).to_have_text("Ateliers de co-construction")
    axe.check(admin)
    admin.get_by_role("link", name="Ouvrir un atelier").click()
    axe.check(admin)
    form = admin.locator("main form")
    form.get_by_label("Titre de l'atelier").fill("Que planter au verger ?")
    form.get_by_label("La question posée").fill("Quelles variétés anciennes planter au verger ?")
    form.get_by_label("Format").select_option(label="À distance, sur plusieurs jours")
    form.get_by_label("Début").fill(local(3, 18))
    form.get_by_label("Gommettes par participant").fill("3")
    form.get_by_role("button", name="Enregistrer l'atelier").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Que planter au verger ?")
    axe.check(admin)
    admin.get_by_role("button", name="Ouvrir les contributions").click()
    expect(admin.get_by_role("status")).to_contain_text("ouvert aux contributions")
    axe.check(admin)

    page.goto(MAISON)
    upcoming = page.locator(
        "section", has=page.get_by_role("heading", name="Ateliers de co-construction à venir")
    )
    expect(upcoming.get_by_role("link", name="Que planter au verger ?")).to_be_visible()
    axe.check(page)
    upcoming.get_by_role("link", name="Que planter au verger ?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Que planter au verger ?")
    axe.check(page)
    page.get_by_role("button", name="Participer à l'atelier").click()
    expect(page.get_by_role("status")).to_contain_text("Bienvenue dans l'atelier")
    axe.check(page)
    for text in ("La pomme Reinette du Luberon", "Des amandiers, peu gourmands en eau"):
        page.get_by_label("Votre contribution").fill(text)
        page.get_by_role("button", name="Publier ma contribution").click()
        expect(page.get_by_role("status")).to_contain_text("Votre contribution est ajoutée")
    expect(page.get_by_text("Des amandiers, peu gourmands en eau")).to_be_visible()
    axe.check(page)

    admin.reload()
    admin.get_by_role("button", name="Clore les contributions et regrouper en thèmes").click()
    expect(admin.get_by_role("status")).to_contain_text("regroupez-les en thèmes")
    for title in ("Pommiers", "Arbres de la garrigue"):
        admin.get_by_label("Nom du nouveau thème").fill(title)
        admin.get_by_role("button", name="Créer le thème").click()
        expect(admin.get_by_role("status")).to_contain_text("Le thème est créé.")
    admin.get_by_label("Thème de la contribution 1").select_option(label="Pommiers")
    admin.get_by_label("Thème de la contribution 2").select_option(label="Arbres de la garrigue")
    admin.get_by_role("button", name="Enregistrer le classement").click()
    expect(admin.get_by_role("status")).to_contain_text("2 contribution(s)")
    axe.check(admin)
    admin.get_by_role("button", name="Ouvrir le vote par gommettes").click()
    expect(admin.get_by_role("status")).to_contain_text("Le vote par gommettes est ouvert")
    axe.check(admin)

    page.reload()
    page.get_by_label("Pommiers").fill("2")
    page.get_by_label("Arbres de la garrigue").fill("1")
    page.get_by_role("button", name="Enregistrer mon vote").click()
    expect(page.get_by_role("status")).to_contain_text("3 gommettes placées sur 3")
    axe.check(page)

    admin.reload()
    admin.get_by_role("button", name="Clore le vote et passer au plan d'action").click()
    expect(admin.get_by_role("status")).to_contain_text("rédigez le plan d'action")
    axe.check(admin)
    admin.get_by_role("link", name="Résultats et plan d'action").click()
    table = admin.get_by_role("table", name="Résultats du vote par thème")
    expect(table.get_by_role("row").nth(1)).to_contain_text("Pommiers")
    expect(admin.get_by_role("img", name=re.compile("Gommettes reçues"))).to_be_visible()
    axe.check(admin)
    form = admin.locator("#actions form.form")
    form.get_by_role("textbox", name=re.compile(r"^Action")).fill("Greffer des Reinettes")
    form.get_by_label("Qui s'en charge").fill("Verger partagé des Ocres")
    form.get_by_role("button", name="Ajouter l'action").click()
    expect(admin.get_by_role("status")).to_contain_text("L'action est ajoutée au plan.")
    axe.check(admin)
    admin.get_by_role("button", name=re.compile("^Transformer en projet")).click()
    expect(admin.get_by_role("status")).to_contain_text("est créé en brouillon")
    expect(admin.get_by_role("heading", level=1)).to_have_text("Greffer des Reinettes")
    axe.check(admin)
    draft_url = admin.url

    # The outcome is published: the workshop ends, its results link to the project draft.
    admin.goto(f"{MAISON}ateliers/")
    admin.get_by_role("link", name="Que planter au verger ?").click()
    expect(admin.get_by_role("heading", name="Le plan d'action")).to_be_visible()
    axe.check(admin)
    admin.get_by_role("button", name="Terminer l'atelier").click()
    expect(admin.get_by_role("status")).to_contain_text("L'atelier est terminé.")
    axe.check(admin)
    admin.get_by_role("link", name="Résultats et plan d'action").click()
    expect(admin.get_by_role("img", name=re.compile("Gommettes reçues"))).to_be_visible()
    axe.check(admin)
    admin.get_by_role("link", name="Greffer des Reinettes", exact=True).click()
    expect(admin).to_have_url(draft_url)
    expect(admin.get_by_role("heading", level=1)).to_have_text("Greffer des Reinettes")
    axe.check(admin)
    admin.goto(f"{HOME}valeurs/maison/projets/mes-projets/")
    expect(admin.get_by_role("link", name="Greffer des Reinettes")).to_be_visible()
    axe.check(admin)

    page.goto(page.url.split("#")[0])
    steps = page.get_by_role("list", name="Phases de l’atelier")
    expect(steps.locator("[aria-current=step]")).to_have_text("Terminé")
    axe.check(page)
    page.get_by_role("link", name="Résultats et plan d'action").click()
    expect(page.get_by_role("heading", name="Greffer des Reinettes")).to_be_visible()
    axe.check(page)
