"""Demo collective projects of the CC Pays d'Apt-Luberon (pmvt.projects).

Six projects at various stages, carried by demo inhabitants: a travelling solidarity grocery, an
intercommunal Repair Café, a shared garden, a third place in the old station, solidarity car
sharing for seniors and a collective vegetable cannery. Each has two to four needs of different
kinds (skills taken from the national vocabulary when it is seeded, assets, funds, volunteers),
milestones, a news item and supporters. The Repair Café is born from a demo idea when the ideas
demo is loaded.

Deterministic and idempotent: a project whose title exists on the territory is left as it is.
Everything goes through the services.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from pmvt.accounts.models import User
from pmvt.accounts.services.memberships import membership_join
from pmvt.ideas.models import Idea
from pmvt.projects.models import MemberRole, NeedKind, Project, ProjectMember, ProjectStatus
from pmvt.projects.services.life import (
    milestone_add,
    milestone_mark_done,
    news_publish,
    project_support,
)
from pmvt.projects.services.needs import NeedData, need_add
from pmvt.projects.services.projects import project_create, project_move
from pmvt.projects.services.team import team_add
from pmvt.skills.models import SkillTerm
from pmvt.territories.models import Commune, Territory

CARRIERS = [
    ("habitant@demo.pmvt.fr", "Jean Habitant"),
    ("porteuse.sophie@demo.pmvt.fr", "Sophie Porteuse"),
    ("porteur.ahmed@demo.pmvt.fr", "Ahmed Porteur"),
]
NEIGHBOURS = [
    ("voisine.claire@demo.pmvt.fr", "Claire Voisine"),
    ("voisin.karim@demo.pmvt.fr", "Karim Voisin"),
    ("voisine.lucie@demo.pmvt.fr", "Lucie Voisine"),
    ("voisin.paul@demo.pmvt.fr", "Paul Voisin"),
]
IDEA_TITLE = "Un tiers-lieu jeunesse dans l'ancienne poste"


@dataclass(frozen=True)
class DemoProject:
    carrier: int  # index in CARRIERS
    values: dict[str, Any]
    communes: list[str]  # INSEE codes
    status: list[str]  # the statuses it goes through after "idea"
    needs: list[dict[str, Any]]
    milestones: list[tuple[str, int, bool]] = field(default_factory=list)  # title, in days, done
    news: tuple[str, str] | None = None
    team: int = 1  # neighbours in the team
    supporters: int = 3
    from_idea: bool = False


DEMO_PROJECTS = [
    DemoProject(
        carrier=0,
        values={
            "title": "Épicerie solidaire itinérante",
            "summary": "Un camion-épicerie qui passe chaque semaine dans les villages sans commerce.",
            "problem": (
                "Une dizaine de villages du Pays d'Apt n'ont plus de commerce alimentaire. Les "
                "personnes âgées et celles sans voiture dépendent de leurs voisins pour faire "
                "leurs courses."
            ),
            "vision": "Un camion qui s'arrête une demi-journée par semaine sur chaque place, "
            "avec des produits locaux à prix solidaires.",
            "value_economic": "Des débouchés pour une quinzaine de producteurs du territoire.",
            "value_social": "Un rendez-vous hebdomadaire qui rompt l'isolement.",
            "value_environmental": "Moins de trajets en voiture vers les supermarchés d'Apt.",
            "sdgs": [1, 2, 10, 11],
        },
        communes=["84003", "84118", "84102"],
        status=[ProjectStatus.FORMING, ProjectStatus.RUNNING],
        needs=[
            {
                "kind": NeedKind.SKILL,
                "title": "Chauffeur ou chauffeuse poids lourd",
                "terms": ["permis-c-poids-lourd"],
                "keywords": "conduite, camion",
                "hours_per_month": 16,
                "people": 2,
            },
            {"kind": NeedKind.FUNDS, "title": "Aménagement du camion", "amount": Decimal("18000")},
            {
                "kind": NeedKind.VOLUNTEERS,
                "title": "Tenir l'étal le mardi",
                "people": 4,
                "hours_per_month": 8,
            },
        ],
        milestones=[("Achat du camion d'occasion", -20, True), ("Première tournée", 15, False)],
        news=(
            "Le camion est arrivé !",
            "Merci aux **42 soutiens** : le camion est au garage pour son aménagement.",
        ),
        team=2,
        supporters=4,
    ),
    DemoProject(
        carrier=1,
        values={
            "title": "Repair café intercommunal",
            "summary": "Réparer ensemble plutôt que jeter, un samedi par mois dans un village différent.",
            "problem": "Des appareils encore réparables finissent à la déchetterie faute de savoir-faire.",
            "vision": "Un atelier qui tourne dans les 25 communes, animé par des bénévoles.",
            "value_social": "Transmettre des savoir-faire entre générations.",
            "value_environmental": "Moins de déchets électriques et électroniques.",
            "sdgs": [12, 13],
        },
        communes=["84003", "84009"],
        status=[ProjectStatus.FORMING],
        needs=[
            {
                "kind": NeedKind.SKILL,
                "title": "Réparateurs d'appareils électriques",
                "terms": ["reparation-dappareils-electriques", "electricite"],
                "hours_per_month": 4,
                "people": 3,
            },
            {
                "kind": NeedKind.ASSET,
                "title": "Une salle un samedi par mois",
                "asset_kind": "room",
                "starts_in": 10,
                "days": 180,
            },
            {
                "kind": NeedKind.SKILL,
                "title": "Réparation de vélos",
                "terms": ["reparation-de-velos"],
                "hours_per_month": 4,
            },
        ],
        milestones=[("Premier atelier à Apt", 25, False)],
        news=("Appel aux bricoleurs", "Nous cherchons des bénévoles pour le premier atelier."),
        from_idea=True,
    ),
    DemoProject(
        carrier=2,
        values={
            "title": "Jardin partagé de la Croix-Blanche",
            "summary": "Un jardin ouvert aux habitants du quartier, avec des parcelles et un coin pédagogique.",
            "problem": "Les familles du quartier vivent en appartement, sans accès à un jardin.",
            "value_social": "Un lieu de rencontre entre voisins et avec l'école.",
            "value_environmental": "Des légumes sans pesticides et un compost collectif.",
            "sdgs": [2, 3, 11, 15],
        },
        communes=["84003"],
        status=[ProjectStatus.FORMING, ProjectStatus.RUNNING],
        needs=[
            {
                "kind": NeedKind.SKILL,
                "title": "Conseils en maraîchage",
                "terms": ["maraichage", "jardinage"],
                "hours_per_month": 6,
                "min_level": 3,
            },
            {
                "kind": NeedKind.ASSET,
                "title": "Un motoculteur pour le printemps",
                "asset_kind": "tool",
                "starts_in": 20,
                "days": 14,
            },
        ],
        milestones=[("Convention avec la mairie", -60, True), ("Premières plantations", 30, False)],
        news=("Les parcelles sont tracées", "Douze familles ont déjà choisi leur parcelle."),
    ),
    DemoProject(
        carrier=0,
        values={
            "title": "Tiers-lieu dans l'ancienne gare",
            "summary": "Transformer la gare désaffectée en espace de travail partagé, café associatif et atelier.",
            "problem": "La gare est fermée depuis quinze ans et se dégrade ; les travailleurs indépendants n'ont pas de lieu pour se retrouver.",
            "value_economic": "Des bureaux partagés pour une vingtaine d'indépendants.",
            "sdgs": [8, 9, 11],
        },
        communes=["84003"],
        status=[],
        needs=[
            {
                "kind": NeedKind.SKILL,
                "title": "Montage du dossier de financement",
                "terms": ["recherche-de-financements", "gestion-de-projet"],
                "hours_per_month": 10,
            },
            {"kind": NeedKind.FUNDS, "title": "Étude de faisabilité", "amount": Decimal("12500")},
            {
                "kind": NeedKind.SKILL,
                "title": "Site web du tiers-lieu",
                "terms": ["conception-de-sites-web", "graphisme"],
                "hours_per_month": 5,
                "remote_ok": True,
            },
        ],
        news=(
            "Visite de la gare avec la SNCF",
            "La visite a eu lieu : le bâtiment est sain, la toiture est à reprendre.",
        ),
        supporters=2,
        team=0,
    ),
    DemoProject(
        carrier=1,
        values={
            "title": "Covoiturage solidaire pour les seniors",
            "summary": "Des bénévoles conduisent les aînés à leurs rendez-vous médicaux et au marché.",
            "problem": "Sans voiture ni transport en commun, des aînés renoncent à des soins.",
            "value_social": "Le maintien à domicile et du lien entre générations.",
            "sdgs": [3, 10],
        },
        communes=["84118", "84102"],
        status=[ProjectStatus.FORMING, ProjectStatus.PAUSED],
        needs=[
            {
                "kind": NeedKind.VOLUNTEERS,
                "title": "Conducteurs bénévoles",
                "people": 6,
                "terms": ["permis-b"],
                "hours_per_month": 4,
            },
            {
                "kind": NeedKind.SKILL,
                "title": "Accompagnement des personnes âgées",
                "terms": ["accompagnement-des-personnes-agees"],
                "hours_per_month": 6,
            },
        ],
        milestones=[("Charte des conducteurs", -10, True)],
        news=("Projet en pause", "Nous attendons la réponse de l'assureur avant de reprendre."),
    ),
    DemoProject(
        carrier=2,
        values={
            "title": "Conserverie collective de légumes",
            "summary": "Transformer les surplus des maraîchers en bocaux vendus localement.",
            "problem": "Chaque été, des tonnes de légumes invendus sont perdues.",
            "value_economic": "Un revenu complémentaire pour les maraîchers.",
            "value_environmental": "Moins de gaspillage alimentaire.",
            "sdgs": [2, 8, 12],
        },
        communes=["84003", "84009"],
        status=[ProjectStatus.FORMING, ProjectStatus.RUNNING, ProjectStatus.DONE],
        needs=[
            {
                "kind": NeedKind.SKILL,
                "title": "Cuisine en grandes quantités",
                "terms": ["cuisine"],
                "hours_per_month": 12,
            },
            {
                "kind": NeedKind.ASSET,
                "title": "Une cuisine professionnelle en août",
                "asset_kind": "premises",
                "starts_in": 40,
                "days": 30,
            },
        ],
        milestones=[("Première saison de bocaux", -30, True)],
        news=("2 000 bocaux !", "La première saison est un succès : merci à tous."),
    ),
]


def _person(territory: Territory, email: str, name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, display_name=name, is_active=False)
    if not user.memberships.filter(territory=territory).exists():
        membership_join(user=user, territory=territory)
    return User.objects.get(pk=user.pk)


def _terms(territory: Territory, slugs: list[str]) -> list[SkillTerm]:
    """The national (or territory's) terms with these slugs; missing ones are skipped."""
    return list(
        SkillTerm.objects.filter(Q(territory=None) | Q(territory=territory), slug__in=slugs)
    )


def _add_need(project: Project, by: User, spec: dict[str, Any]) -> None:
    spec = dict(spec)
    slugs = spec.pop("terms", [])
    today = timezone.localdate()
    if "starts_in" in spec:
        starts = today + timedelta(days=spec.pop("starts_in"))
        spec["starts_on"], spec["ends_on"] = starts, starts + timedelta(days=spec.pop("days"))
    terms = _terms(project.territory, slugs)
    if spec["kind"] == NeedKind.SKILL and not terms and not spec.get("keywords"):
        spec["keywords"] = ", ".join(slug.replace("-", " ") for slug in slugs)
    kind = spec.pop("kind")
    need_add(project=project, by=by, kind=kind, data=NeedData(skill_terms=terms, **spec))


def _load(
    territory: Territory, spec: DemoProject, carriers: list[User], neighbours: list[User]
) -> None:
    if Project.objects.filter(territory=territory, title=spec.values["title"]).exists():
        return
    carrier = carriers[spec.carrier]
    idea = None
    if spec.from_idea:
        idea = Idea.objects.filter(
            territory=territory, title=IDEA_TITLE, visibility="published"
        ).first()
    communes = list(Commune.objects.filter(territory=territory, insee_code__in=spec.communes))
    project = project_create(
        territory=territory, by=carrier, communes=communes, idea=idea, **spec.values
    )
    for person in neighbours[: spec.team]:
        team_add(project=project, by=carrier, user=person)
    for person in (neighbours[::-1] + carriers)[: spec.supporters]:
        if not ProjectMember.objects.filter(
            project=project, user=person, role=MemberRole.CARRIER
        ).exists():
            project_support(project=project, user=person)
    for need in spec.needs:
        _add_need(project, carrier, need)
    today = timezone.localdate()
    for title, in_days, done in spec.milestones:
        milestone = milestone_add(
            project=project, by=carrier, title=title, due_on=today + timedelta(days=in_days)
        )
        if done:
            milestone_mark_done(
                milestone=milestone, by=carrier, done_on=today + timedelta(days=in_days)
            )
    if spec.news:
        news_publish(project=project, by=carrier, title=spec.news[0], body=spec.news[1])
    for status in spec.status:
        project_move(project=project, by=carrier, to=status)


def load_projects(territory: Territory) -> None:
    carriers = [_person(territory, email, name) for email, name in CARRIERS]
    neighbours = [_person(territory, email, name) for email, name in NEIGHBOURS]
    for spec in DEMO_PROJECTS:
        _load(territory, spec, carriers, neighbours)
