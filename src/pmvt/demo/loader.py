"""The demo territory: a real EPCI with real communes and one account per role.

Deterministic and idempotent: running it again changes nothing. Later areas add their own
`load_*` step to DEMO_STEPS.
"""

from dataclasses import dataclass

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
def load_foundation(stdout=None) -> Territory:
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


DEMO_STEPS = [load_foundation]


def demo_load() -> Territory:
    territory = None
    with scopes_disabled():
        for step in DEMO_STEPS:
            result = step()
            territory = territory or result
    assert territory is not None
    return territory
