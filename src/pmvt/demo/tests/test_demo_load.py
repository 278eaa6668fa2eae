import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django_scopes import scopes_disabled

from pmvt.accounts.models import ConsentRecord, Membership, Role, User
from pmvt.demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SIREN
from pmvt.territories.models import Commune, Territory


def _snapshot() -> dict:
    with scopes_disabled():
        return {
            "territories": list(
                Territory.objects.values_list("siren", "updated_at").order_by("siren")
            ),
            "communes": Commune.objects.count(),
            "users": list(User.objects.values_list("email", "password").order_by("email")),
            "memberships": list(
                Membership.objects.values_list(
                    "user__email", "role", "commune__insee_code"
                ).order_by("pk")
            ),
            "consents": ConsentRecord.objects.count(),
            "authenticators": Authenticator.objects.count(),
        }


@pytest.mark.django_db
def test_demo_load_creates_one_account_per_role_on_the_real_epci(capsys):
    call_command("demo_load")
    territory = Territory.objects.get(siren=DEMO_SIREN)
    assert territory.name == "CC Pays d'Apt-Luberon"
    with scopes_disabled():
        assert Commune.objects.filter(territory=territory).count() == 25
        roles = dict(
            Membership.objects.filter(
                territory=territory, user__email__in=[a.email for a in DEMO_ACCOUNTS]
            ).values_list("user__email", "role")
        )
    assert roles == {
        "operateur@demo.pmvt.fr": Role.ADMIN,
        "admin@demo.pmvt.fr": Role.ADMIN,
        "moderation@demo.pmvt.fr": Role.MODERATOR,
        "acteur@demo.pmvt.fr": Role.ACTOR_MEMBER,
        "habitant@demo.pmvt.fr": Role.MEMBER,
    }
    assert User.objects.get(email="operateur@demo.pmvt.fr").is_superuser
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(email=account.email)
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.get(user=user).verified
        assert Authenticator.objects.filter(user=user).exists() == bool(account.totp_secret)
    out = capsys.readouterr().out
    assert "/t/pays-dapt-luberon/" in out
    assert "admin@demo.pmvt.fr" in out


@pytest.mark.django_db
def test_demo_load_twice_changes_nothing():
    call_command("demo_load")
    before = _snapshot()
    call_command("demo_load")
    assert _snapshot() == before
