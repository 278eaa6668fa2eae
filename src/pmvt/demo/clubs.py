"""Demo clubs of the CC Pays d'Apt-Luberon: the two clubs of the Valeurs territoriales door.

- the club citoyens–acteurs, open to every member: the demo inhabitant, the baker
  (acteur@demo.pmvt.fr) and two shopkeepers talk about the Saturday market and co-design a
  breakfast basket; the demo moderator (moderation@demo.pmvt.fr) moderates the club;
- the club des acteurs, on approval and for the staff of verified actors only: shopkeepers and
  craftspeople answer a question (solved), propose a group purchase of packaging and announce
  a training session. The baker has not joined it: the demo lets her ask, and the demo
  moderator (a moderator of the territory) accept her request.

Deterministic and idempotent: a club, a membership or a thread that exists is left as it is.
Everything goes through the services, as on the site; the dates of the threads and replies are
then set relative to today, so the demo always looks alive. The club des acteurs is created
open, filled, then switched to approval, so that loading sends no request notifications.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from pmvt.accounts.models import User
from pmvt.clubs.models import (
    Audience,
    Club,
    ClubKind,
    ClubMembership,
    JoinPolicy,
    MembershipRole,
    MembershipStatus,
    Reply,
    Resource,
    Thread,
)
from pmvt.clubs.services.clubs import club_create, club_update
from pmvt.clubs.services.memberships import club_join, membership_set_role
from pmvt.clubs.services.resources import resource_add
from pmvt.clubs.services.threads import (
    reply_create,
    thread_create,
    thread_mark_solved,
    thread_set_pinned,
)
from pmvt.territories.models import Territory

ADMIN_EMAIL = "admin@demo.pmvt.fr"
CITIZENS_SLUG = "club-citoyens-acteurs"
ACTORS_SLUG = "club-des-acteurs"


def _pro(slug: str) -> str:
    """The owner account pmvt.demo.actors gives a demo actor."""
    return f"pro.{slug}@demo.pmvt.fr"


@dataclass(frozen=True)
class DemoThread:
    title: str
    category: str
    author: str  # email
    body: str
    days_ago: int
    replies: list[tuple[str, str]] = field(default_factory=list)  # (email, body)
    pinned: bool = False
    solved_by_reply: int | None = None  # index in replies


@dataclass(frozen=True)
class DemoClub:
    name: str
    purpose: str
    description: str
    kind: str
    join_policy: str
    audience: str
    moderators: list[str]
    members: list[str]
    threads: list[DemoThread]
    resources: list[tuple[str, str, str, bool]]  # title, url, description, pinned


INHABITANT = "habitant@demo.pmvt.fr"
BAKER = "acteur@demo.pmvt.fr"
MODERATOR = "moderation@demo.pmvt.fr"
GREENGROCER = _pro("les-primeurs-du-luberon")
CHEESE = _pro("fromagerie-du-calavon")
CONFECTIONER = _pro("confiserie-aptesienne")
POTTER = _pro("atelier-terre-docre")
SOAP = _pro("savonnerie-de-rustrel")
JOINER = _pro("menuiserie-berard")

CLUBS: list[DemoClub] = [
    DemoClub(
        name="Club citoyens–acteurs",
        purpose=(
            "Habitants et acteurs de la Place des marchés imaginent ensemble les offres, "
            "donnent leur avis et deviennent ambassadeurs des commerces du territoire."
        ),
        description=(
            "Le club réunit celles et ceux qui font vivre le commerce de proximité : "
            "**habitants**, commerçants, artisans, producteurs.\n\n"
            "- donner votre avis sur les marchés et les services ;\n"
            "- imaginer avec les acteurs de nouvelles offres (paniers, horaires, livraisons) ;\n"
            "- devenir ambassadeur ou ambassadrice d'un commerce de votre village."
        ),
        kind=ClubKind.CITIZENS_ACTORS,
        join_policy=JoinPolicy.OPEN,
        audience=Audience.EVERYONE,
        moderators=[MODERATOR],
        members=[INHABITANT, BAKER, GREENGROCER, CHEESE],
        threads=[
            DemoThread(
                title="Le marché du samedi à Apt : vos retours",
                category="feedback",
                author=INHABITANT,
                body=(
                    "Je viens au marché du samedi depuis Saint-Saturnin. Ce qui marche bien : "
                    "le choix, l'ambiance, les producteurs qui expliquent leurs produits.\n\n"
                    "Ce qui pourrait aller mieux : **se garer avant 9 h**, et trouver les "
                    "producteurs bio sans faire trois fois le tour. Et vous ?"
                ),
                days_ago=6,
                pinned=True,
                replies=[
                    (
                        GREENGROCER,
                        "Merci pour le retour ! Un plan des étals à l'entrée de la place "
                        "Gabriel-Péri, avec les bios signalés, ça vous aiderait ?",
                    ),
                    (
                        BAKER,
                        "Nous pourrions aussi proposer le retrait des commandes au stand : vous "
                        "commandez le vendredi sur la Place des marchés, vous passez prendre.",
                    ),
                    (
                        INHABITANT,
                        "Le plan, oui ! Et le retrait au stand, je suis preneur pour le pain.",
                    ),
                ],
            ),
            DemoThread(
                title="Un panier « petit-déjeuner » du territoire ?",
                category="co_design",
                author=BAKER,
                body=(
                    "Avec la fromagerie du Calavon, nous réfléchissons à un panier du dimanche : "
                    "pain au levain, fromage frais, confiture d'abricots d'Apt.\n\n"
                    "Quel prix vous semblerait juste ? Plutôt à retirer en boutique ou livré ?"
                ),
                days_ago=3,
                replies=[
                    (
                        INHABITANT,
                        "Entre 12 et 15 € pour deux personnes, à retirer le dimanche matin.",
                    ),
                    (
                        CHEESE,
                        "Bonne base ! On peut ajouter une faisselle de chèvre du Luberon.",
                    ),
                ],
            ),
        ],
        resources=[
            (
                "Mieux consommer au quotidien (ADEME)",
                "https://agirpourlatransition.ademe.fr/particuliers/",
                "Conseils pour consommer local et de saison, réduire ses déchets.",
                True,
            ),
        ],
    ),
    DemoClub(
        name="Club des acteurs",
        purpose=(
            "Commerçants, artisans, professions libérales et agriculteurs s'entraident : "
            "questions, bonnes pratiques, achats groupés, ressources et formations."
        ),
        description=(
            "Un espace entre professionnels du Pays d'Apt-Luberon, réservé aux équipes des "
            "acteurs vérifiés de la Place des marchés. Les demandes d'adhésion sont examinées "
            "par les modérateurs du club."
        ),
        kind=ClubKind.ACTORS,
        join_policy=JoinPolicy.APPROVAL,
        audience=Audience.ACTORS,
        moderators=[CONFECTIONER],
        members=[GREENGROCER, POTTER, SOAP, JOINER],
        threads=[
            DemoThread(
                title="Quel terminal de paiement sans abonnement ?",
                category="question",
                author=POTTER,
                body=(
                    "Je vends surtout aux stages du samedi et sur les marchés d'été. Mon "
                    "terminal me coûte 30 € par mois même l'hiver. Vous utilisez quoi ?"
                ),
                days_ago=9,
                replies=[
                    (
                        GREENGROCER,
                        "Un lecteur de carte sans abonnement, payé à la transaction (autour de "
                        "1,75 %). Pour un petit volume, c'est bien moins cher.",
                    ),
                    (
                        SOAP,
                        "Pareil, et pensez à demander à votre banque : certaines offrent les "
                        "frais la première année.",
                    ),
                ],
                solved_by_reply=0,
            ),
            DemoThread(
                title="Achat groupé d'emballages kraft et compostables",
                category="group_purchase",
                author=SOAP,
                body=(
                    "Je commande des sachets kraft et des boîtes compostables en mars. À "
                    "partir de 5000 pièces, le fournisseur fait -20 %.\n\n"
                    "Qui se joint ? Indiquez vos quantités avant le **15 du mois** ; livraison "
                    "groupée à Apt, chacun récupère sa part."
                ),
                days_ago=4,
                pinned=True,
                replies=[
                    (CONFECTIONER, "Pour la confiserie : 1500 boîtes et 1000 sachets."),
                    (GREENGROCER, "1000 sacs kraft grand format pour moi."),
                ],
            ),
            DemoThread(
                title="Formation : vendre en ligne avec la Place des marchés",
                category="training",
                author=CONFECTIONER,
                body=(
                    "Deux heures pour mettre son catalogue en ligne, gérer le retrait des "
                    "commandes et les fermetures exceptionnelles.\n\n"
                    "Mardi en 15, 14 h, salle de la communauté de communes à Apt. Gratuit, "
                    "12 places."
                ),
                days_ago=1,
                replies=[(JOINER, "Inscrit, avec une question sur les devis sur mesure.")],
            ),
        ],
        resources=[
            (
                "Aides à la transition écologique des entreprises (ADEME)",
                "https://agirpourlatransition.ademe.fr/entreprises/",
                "Diagnostics, financements et guides pour les TPE et PME.",
                True,
            ),
            (
                "Créer, gérer et développer son entreprise (service-public.fr)",
                "https://entreprendre.service-public.fr/",
                "Les démarches officielles des entreprises, pas à pas.",
                False,
            ),
        ],
    ),
]


def _club(*, territory: Territory, spec: DemoClub, admin: User) -> Club:
    slug = CITIZENS_SLUG if spec.kind == ClubKind.CITIZENS_ACTORS else ACTORS_SLUG
    club = Club.objects.filter(territory=territory, slug=slug).first()
    if club is not None:
        return club
    # Created open so that members join without request notifications, then switched.
    return club_create(
        territory=territory,
        by=admin,
        name=spec.name,
        purpose=spec.purpose,
        description=spec.description,
        kind=spec.kind,
        join_policy=JoinPolicy.OPEN,
        audience=spec.audience,
    )


def _members(*, club: Club, spec: DemoClub, admin: User) -> dict[str, User]:
    users = {u.email: u for u in User.objects.filter(email__in=spec.moderators + spec.members)}
    current = set(
        ClubMembership.objects.filter(
            club=club, status__in=(MembershipStatus.ACTIVE, MembershipStatus.PENDING)
        ).values_list("user__email", flat=True)
    )
    for email in spec.moderators + spec.members:
        if email in current or email not in users:
            continue
        membership = club_join(club=club, user=users[email])
        if email in spec.moderators:
            membership_set_role(membership=membership, by=admin, role=MembershipRole.MODERATOR)
    return users


def _thread(*, club: Club, spec: DemoThread, users: dict[str, User], admin: User) -> None:
    if Thread.objects.filter(club=club, title=spec.title).exists():
        return
    thread = thread_create(
        club=club,
        author=users[spec.author],
        title=spec.title,
        category=spec.category,
        body=spec.body,
    )
    replies = [
        reply_create(thread=thread, author=users[email], body=body) for email, body in spec.replies
    ]
    if spec.pinned:
        thread_set_pinned(thread=thread, by=admin, pinned=True)
    if spec.solved_by_reply is not None:
        thread_mark_solved(
            thread=thread, by=users[spec.author], reply=replies[spec.solved_by_reply]
        )
    # Spread the conversation over the past days.
    start = timezone.now() - timedelta(days=spec.days_ago)
    last = start
    for n, reply in enumerate(replies, start=1):
        last = start + timedelta(hours=3 * n)
        Reply.objects.filter(pk=reply.pk).update(created_at=last, updated_at=last)
    Thread.objects.filter(pk=thread.pk).update(
        created_at=start, updated_at=last, last_activity_at=last
    )


def load_clubs(territory: Territory) -> None:
    """Create the demo clubs of `territory` with their members, threads and resources."""
    admin = User.objects.get(email=ADMIN_EMAIL)
    for spec in CLUBS:
        club = _club(territory=territory, spec=spec, admin=admin)
        users = _members(club=club, spec=spec, admin=admin)
        if club.join_policy != spec.join_policy:
            club = club_update(
                club=club,
                by=admin,
                name=club.name,
                purpose=club.purpose,
                description=club.description,
                kind=club.kind,
                join_policy=spec.join_policy,
                audience=club.audience,
                is_active=club.is_active,
            )
        for thread_spec in spec.threads:
            _thread(club=club, spec=thread_spec, users=users, admin=admin)
        titles = set(Resource.objects.filter(club=club).values_list("title", flat=True))
        for title, url, description, pinned in spec.resources:
            if title not in titles:
                resource_add(
                    club=club,
                    by=admin,
                    title=title,
                    url=url,
                    description=description,
                    pinned=pinned,
                )


# Agenda events each club puts forward to its members (after the agenda's demo step).
CLUB_EVENT_SLUGS = {
    CITIZENS_SLUG: ["fete-du-marche-dapt", "repair-cafe-du-luberon"],
    ACTORS_SLUG: ["distribution-des-paniers-de-lamap"],
}


def load_club_events(territory: Territory) -> None:
    """Attach demo agenda events to the demo clubs (idempotent)."""
    from pmvt.agenda.models import Event
    from pmvt.clubs.services.events import club_event_attach

    admin = User.objects.get(email=ADMIN_EMAIL)
    for club_slug, event_slugs in CLUB_EVENT_SLUGS.items():
        club = Club.objects.get(territory=territory, slug=club_slug)
        for event in Event.objects.filter(territory=territory, slug__in=event_slugs):
            club_event_attach(club=club, event=event, by=admin)
