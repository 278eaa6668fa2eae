"""The demo territory: a real EPCI with real communes and one account per role.

Deterministic and idempotent: running it again changes nothing. Later areas add their own
`load_*` step to DEMO_STEPS.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from django_scopes import scope, scopes_disabled

from pmvt.accounts.models import Membership, Role, User
from pmvt.accounts.services.memberships import membership_join
from pmvt.accounts.services.users import user_record_consent
from pmvt.territories.models import Commune, Territory
from pmvt.territories.services.territories import territory_import

DEMO_SIREN = "200040624"  # CC Pays d'Apt-Luberon (Vaucluse), 25 communes.
FEDERATED_SIRENS = ["200036465"]  # CC de Thann-Cernay: a second territory of the federation.
DEMO_PASSWORD = "demo-pmvt-2026"  # noqa: S105 — documented demo password, demo data only.


@dataclass(frozen=True)
class DemoAccount:
    email: str
    display_name: str
    role: str | None  # None: the platform operator (superuser).
    commune_insee: str
    totp_secret: str = ""


# Fixed base32 secrets so the README can document them; demo data only.
DEMO_ACCOUNTS = [
    DemoAccount(
        "operateur@demo.pmvt.fr",
        "Opérateur de la plateforme",
        None,
        "84003",
        "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    ),
    DemoAccount(
        "admin@demo.pmvt.fr",
        "Claire Administratrice",
        Role.ADMIN,
        "84003",
        "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU",
    ),
    DemoAccount("moderation@demo.pmvt.fr", "Marc Modérateur", Role.MODERATOR, "84102"),
    DemoAccount("acteur@demo.pmvt.fr", "Élodie Boulangère", Role.ACTOR_MEMBER, "84003"),
    DemoAccount("habitant@demo.pmvt.fr", "Jean Habitant", Role.MEMBER, "84118"),
]

# Approximate town-centre points of the 25 member communes (WGS84), for distances such as
# "local first". Not part of the official data; a territory admin can correct them.
COMMUNE_POINTS = {
    "04045": ("43.8553", "5.5836"),  # Céreste-en-Luberon
    "84003": ("43.8765", "5.3963"),  # Apt
    "84006": ("43.8606", "5.4456"),  # Auribeau
    "84020": ("43.8239", "5.3078"),  # Bonnieux
    "84023": ("43.8289", "5.3781"),  # Buoux
    "84032": ("43.8858", "5.4797"),  # Caseneuve
    "84033": ("43.8450", "5.4781"),  # Castellet-en-Luberon
    "84047": ("43.9003", "5.3572"),  # Gargas
    "84048": ("43.9386", "5.5264"),  # Gignac
    "84051": ("43.8625", "5.2425"),  # Goult
    "84057": ("43.9253", "5.2497"),  # Joucas
    "84058": ("43.8336", "5.2733"),  # Lacoste
    "84060": ("43.9842", "5.4844"),  # Lagarde-d'Apt
    "84066": ("43.9506", "5.3133"),  # Lioux
    "84073": ("43.8325", "5.2064"),  # Ménerbes
    "84085": ("43.9483", "5.2294"),  # Murs
    "84102": ("43.9025", "5.2925"),  # Roussillon
    "84103": ("43.9236", "5.4828"),  # Rustrel
    "84105": ("43.8628", "5.4283"),  # Saignon
    "84112": ("43.8656", "5.5128"),  # Saint-Martin-de-Castillon
    "84114": ("43.8806", "5.2139"),  # Saint-Pantaléon
    "84118": ("43.9336", "5.3844"),  # Saint-Saturnin-lès-Apt
    "84128": ("43.8297", "5.4067"),  # Sivergues
    "84144": ("43.8964", "5.5628"),  # Viens
    "84145": ("43.9264", "5.4017"),  # Villars
}

TERRITORY_SETTINGS = {
    "tagline": "Acheter local et faire vivre le territoire, de la Durance aux monts de Vaucluse.",
    "contact_email": "contact@demo.pmvt.fr",
    "contact_phone": "04 90 00 00 00",
    "contact_address": "Communauté de communes Pays d'Apt-Luberon\n84400 Apt",
    "publisher_name": "La présidence de la communauté de communes (démonstration)",
    "accessibility_contact": "accessibilite@demo.pmvt.fr",
}


def _ensure_user(account: DemoAccount) -> User:
    user = User.objects.filter(email=account.email).first()
    if user is None:
        user = User.objects.create_user(
            email=account.email,
            password=DEMO_PASSWORD,
            display_name=account.display_name,
            is_staff=account.role is None,
            is_superuser=account.role is None,
        )
        user_record_consent(user=user)
    EmailAddress.objects.get_or_create(
        user=user, email=account.email, defaults={"verified": True, "primary": True}
    )
    if (
        account.totp_secret
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    ):
        TOTP.activate(user, account.totp_secret)
    return user


@transaction.atomic
def load_foundation() -> Territory:
    territory = territory_import(siren=DEMO_SIREN).territory
    for siren in FEDERATED_SIRENS:
        territory_import(siren=siren)
    changed = [k for k, v in TERRITORY_SETTINGS.items() if getattr(territory, k) != v]
    if changed:
        for k in changed:
            setattr(territory, k, TERRITORY_SETTINGS[k])
        territory.save(update_fields=[*changed, "updated_at"])
    with scope(territory=territory):
        communes = {c.insee_code: c for c in Commune.objects.filter(territory=territory)}
        for code, (lat, lng) in COMMUNE_POINTS.items():
            commune = communes[code]
            if (commune.latitude, commune.longitude) != (Decimal(lat), Decimal(lng)):
                commune.latitude, commune.longitude = Decimal(lat), Decimal(lng)
                commune.save(update_fields=["latitude", "longitude"])
        for account in DEMO_ACCOUNTS:
            user = _ensure_user(account)
            membership = membership_join(
                user=user, territory=territory, commune=communes.get(account.commune_insee)
            )
            role = account.role or Role.ADMIN
            if membership.role != role:
                # Demo set-up writes the role directly: no admin exists yet to grant it.
                Membership.objects.filter(pk=membership.pk).update(role=role)
    return territory


def _demo_steps() -> list[Callable[[Territory], None]]:
    """Each area's step, in dependency order; a step takes the demo territory.

    The marketplace first (actors own the club memberships, news posts, ideas and events of
    the later steps), then notifications and the community (themes, moderation settings)
    before every area of the Valeurs territoriales door.
    """
    from pmvt.demo.activities import load_activities
    from pmvt.demo.actors import load_actors
    from pmvt.demo.agenda import load_agenda
    from pmvt.demo.aids import load_aids
    from pmvt.demo.assets import load_assets
    from pmvt.demo.catalog import load_catalog
    from pmvt.demo.clubs import load_club_events, load_clubs
    from pmvt.demo.community import load_community, load_community_reports
    from pmvt.demo.consultations import load_consultations
    from pmvt.demo.ideas import load_ideas
    from pmvt.demo.investments import load_investments
    from pmvt.demo.jobs import load_jobs
    from pmvt.demo.maison import load_maison
    from pmvt.demo.news import load_news
    from pmvt.demo.notifications import load_notifications
    from pmvt.demo.orders import load_orders
    from pmvt.demo.projects import load_projects
    from pmvt.demo.skills import load_skills
    from pmvt.demo.volunteering import load_volunteering
    from pmvt.demo.vouchers import load_vouchers
    from pmvt.demo.workshops import load_workshops

    steps: list[Callable[[Territory], None]] = [
        load_actors,
        load_catalog,
        load_orders,
        load_notifications,
        load_community,
        load_consultations,
        load_aids,
        load_clubs,
        load_news,
        load_community_reports,  # A report on a news post, for the moderation queue.
        load_ideas,
        load_agenda,
        load_club_events,  # Agenda events the clubs put forward.
        load_jobs,
        load_volunteering,
        load_activities,
        load_investments,
        load_vouchers,
        # The Maison de création de valeur territoriale: people and assets before the projects
        # that need them, the matching (invitations) after both, workshops last.
        load_skills,
        load_assets,
        load_projects,
        load_maison,
        load_workshops,
    ]
    return steps


DEMO_STEPS: list[Callable[[Territory], None]] = _demo_steps()


def demo_load() -> Territory:
    with scopes_disabled():
        territory = load_foundation()
    for step in DEMO_STEPS:
        with transaction.atomic(), scope(territory=territory):
            step(territory)
    return territory
