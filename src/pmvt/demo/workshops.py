"""Demo co-construction workshops of the CC Pays d'Apt-Luberon (pmvt.workshops).

Two workshops, facilitated by the demo admin:

- "Comment faire revivre le centre-bourg ?", finished: 15 contributions filed under 4 themes,
  the dots of up to 8 participants, 4 actions, one of which became a collective project draft;
- "Quels services pour les seniors isolés ?", asynchronous over two weeks, open to
  contributions, with a few of them already.

Participants are the territory's existing demo members (the demo neighbours of
pmvt.demo.volunteering join in when there are few). Deterministic (dates relative to today)
and idempotent: a workshop whose slug exists is left as it is. Everything goes through the
services.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from pmvt.accounts.models import Membership, User
from pmvt.accounts.services.memberships import membership_join
from pmvt.agenda.recurrence import paris, paris_datetime
from pmvt.demo.volunteering import demo_volunteers
from pmvt.territories.models import Commune, Territory
from pmvt.workshops.models import Contribution, Theme, Workshop, WorkshopMode
from pmvt.workshops.services.facilitation import (
    ActionData,
    action_create,
    action_to_project,
    contributions_file,
    theme_create,
)
from pmvt.workshops.services.participation import contribution_create, dots_set
from pmvt.workshops.services.workshops import (
    WorkshopData,
    workshop_close,
    workshop_create,
    workshop_open_contributions,
    workshop_open_voting,
    workshop_publish_outcome,
    workshop_start_clustering,
)

ADMIN_EMAIL = "admin@demo.pmvt.fr"
CENTRE = "comment-faire-revivre-le-centre-bourg"
SENIORS = "quels-services-pour-les-seniors-isoles"
PARTICIPANTS = 8
# Inactive demo neighbours (no password, no email), only when the territory has few members.
EXTRA_NEIGHBOURS = [
    ("voisine.ines@demo.pmvt.fr", "Inès Voisine"),
    ("voisin.marius@demo.pmvt.fr", "Marius Voisin"),
    ("voisine.rose@demo.pmvt.fr", "Rose Voisine"),
    ("voisin.yanis@demo.pmvt.fr", "Yanis Voisin"),
]

# Theme → contributions (15 in all).
CENTRE_THEMES = {
    "Commerces et marché": [
        "Une épicerie coopérative dans l'ancienne boucherie de la place.",
        "Un marché de producteurs le vendredi soir, l'été.",
        "Des loyers modérés pour les commerçants qui s'installent.",
        "Une boutique éphémère pour les artisans d'art du Luberon.",
    ],
    "Se déplacer et stationner": [
        "Une navette le samedi matin depuis les hameaux.",
        "Des arceaux à vélo devant la mairie et l'école.",
        "Un parking relais à l'entrée du village.",
    ],
    "Lieux de rencontre": [
        "Un café associatif où jeunes et anciens se croisent.",
        "Rouvrir la salle des fêtes en semaine pour les associations.",
        "Des bancs à l'ombre des platanes.",
        "Une bibliothèque de rue près de la fontaine.",
    ],
    "Habitat et patrimoine": [
        "Rénover les logements vacants au-dessus des commerces.",
        "Mettre en valeur les façades en ocre.",
        "Un permis de louer pour lutter contre les logements indignes.",
        "Des visites du patrimoine menées par les habitants.",
    ],
}
# Each participant's dots (5 each), in the order of CENTRE_THEMES.
CENTRE_DOTS = [
    (3, 0, 2, 0),
    (2, 1, 1, 1),
    (0, 0, 5, 0),
    (4, 1, 0, 0),
    (1, 2, 1, 1),
    (2, 0, 3, 0),
    (0, 3, 0, 2),
    (3, 0, 1, 1),
]
CENTRE_ACTIONS = [
    (
        "Ouvrir une épicerie coopérative sur la place",
        "Réunir les habitants intéressés, chercher un local et monter une SCIC.",
        "Collectif des habitants du centre",
        60,
        0,
        True,
    ),
    (
        "Lancer un café associatif à l'essai",
        "Trois mois d'essai dans la salle des fêtes, deux après-midi par semaine.",
        "Comité des fêtes",
        45,
        2,
        False,
    ),
    (
        "Tester une navette du samedi matin",
        "Un minibus de la communauté de communes depuis trois hameaux, pendant l'été.",
        "Service mobilité de la communauté de communes",
        90,
        1,
        False,
    ),
    (
        "Recenser les logements vacants du centre",
        "Croiser les données fiscales et une visite de terrain, avant une opération d'amélioration de l'habitat.",
        "Service habitat",
        120,
        3,
        False,
    ),
]
SENIORS_CONTRIBUTIONS = [
    "Un appel chaque semaine par un bénévole du village.",
    "Un transport solidaire pour les rendez-vous médicaux à Apt.",
    "Des ateliers numériques à la médiathèque, en petits groupes.",
    "Un repas partagé une fois par mois dans chaque commune.",
]


def _at(days: int, hour: int) -> datetime:
    return paris_datetime(paris(timezone.now()).date() + timedelta(days=days), time(hour))


def _participants(territory: Territory, facilitator: User) -> list[User]:
    members = list(
        User.objects.filter(pk__in=Membership.objects.filter(territory=territory).values("user_id"))
        .exclude(pk=facilitator.pk)
        .exclude(is_superuser=True)
        .order_by("pk")[:PARTICIPANTS]
    )
    if len(members) < PARTICIPANTS:
        known = {user.pk for user in members}
        members += [user for user in demo_volunteers(territory) if user.pk not in known]
    for email, name in EXTRA_NEIGHBOURS[: max(0, PARTICIPANTS - len(members))]:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, display_name=name, is_active=False)
        membership_join(user=user, territory=territory)
        members.append(user)
    return members[:PARTICIPANTS]


def _apt(territory: Territory) -> Commune | None:
    return Commune.objects.filter(territory=territory, insee_code="84003").first()


def _load_centre(territory: Territory, facilitator: User, people: list[User]) -> None:
    workshop = workshop_create(
        territory=territory,
        by=facilitator,
        data=WorkshopData(
            title="Comment faire revivre le centre-bourg ?",
            question="Comment faire revivre le centre-bourg ?",
            description=(
                "Commerces qui ferment, logements vacants, places devenues parkings : "
                "habitants, commerçants et élus ont cherché ensemble des pistes concrètes "
                "pour le centre d'Apt, en une soirée, avec un écran dans la salle."
            ),
            mode=WorkshopMode.IN_PERSON,
            starts_at=_at(-21, 18),
            ends_at=_at(-21, 21),
            place="Salle des fêtes, place de la Bouquerie",
            commune=_apt(territory),
            dots_per_participant=5,
            max_contribution_length=200,
        ),
    )
    workshop_open_contributions(workshop=workshop, by=facilitator)
    filed: dict[str, list[Contribution]] = {}
    index = 0
    for title, texts in CENTRE_THEMES.items():
        filed[title] = []
        for text in texts:
            author = people[index % len(people)]
            filed[title].append(contribution_create(workshop=workshop, by=author, text=text))
            index += 1
    workshop_start_clustering(workshop=workshop, by=facilitator)
    themes: list[Theme] = []
    assignments: dict[int, int | None] = {}
    for title, contributions in filed.items():
        theme = theme_create(workshop=workshop, by=facilitator, title=title)
        themes.append(theme)
        assignments |= {c.pk: theme.pk for c in contributions}
    contributions_file(workshop=workshop, by=facilitator, assignments=assignments)
    workshop_open_voting(workshop=workshop, by=facilitator)
    for person, counts in zip(people, CENTRE_DOTS, strict=False):
        dots_set(
            workshop=workshop,
            by=person,
            allocation={theme.pk: count for theme, count in zip(themes, counts, strict=True)},
        )
    workshop_publish_outcome(workshop=workshop, by=facilitator)
    today = paris(timezone.now()).date()
    for title, description, owner, due_in, theme_index, to_project in CENTRE_ACTIONS:
        action = action_create(
            workshop=workshop,
            by=facilitator,
            data=ActionData(
                title=title,
                description=description,
                owner_name=owner,
                due_on=today + timedelta(days=due_in),
                theme=themes[theme_index],
            ),
        )
        if to_project:
            action_to_project(action=action, by=facilitator)
    workshop_close(workshop=workshop, by=facilitator)


def _load_seniors(territory: Territory, facilitator: User, people: list[User]) -> None:
    workshop = workshop_create(
        territory=territory,
        by=facilitator,
        data=WorkshopData(
            title="Quels services pour les seniors isolés ?",
            question="Quels services pour les seniors isolés ?",
            description=(
                "Près d'un habitant sur trois a plus de 60 ans. Partagez vos idées pour que "
                "personne ne reste seul : déplacements, visites, numérique, repas… "
                "L'atelier reste ouvert deux semaines ; le vote suivra."
            ),
            mode=WorkshopMode.ASYNC,
            starts_at=_at(-2, 9),
            ends_at=_at(12, 18),
            dots_per_participant=5,
            max_contribution_length=280,
        ),
    )
    workshop_open_contributions(workshop=workshop, by=facilitator)
    for person, text in zip(people, SENIORS_CONTRIBUTIONS, strict=False):
        contribution_create(workshop=workshop, by=person, text=text)


def load_workshops(territory: Territory) -> None:
    facilitator = User.objects.get(email=ADMIN_EMAIL)
    people = _participants(territory, facilitator)
    existing = set(
        Workshop.objects.filter(territory=territory, slug__in=[CENTRE, SENIORS]).values_list(
            "slug", flat=True
        )
    )
    if CENTRE not in existing:
        _load_centre(territory, facilitator, people)
    if SENIORS not in existing:
        _load_seniors(territory, facilitator, people)
