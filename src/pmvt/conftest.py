"""Factories and fixtures shared by every app's tests.

Data is set up through the services (territory_import, membership_join, membership_set_role),
so that tests exercise the same path as the site.
"""

from collections.abc import Callable

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django_scopes import scopes_disabled

from pmvt.accounts.models import Membership, Role, User
from pmvt.accounts.services.memberships import membership_join, membership_set_role
from pmvt.catalog.cache import catalog_forget_local_pages
from pmvt.territories.models import Commune, Territory
from pmvt.territories.services.territories import territory_import

APT_SIREN = "200040624"  # CC Pays d'Apt-Luberon (Vaucluse, 25 communes)
THANN_SIREN = "200036465"  # CC de Thann-Cernay (Haut-Rhin, 16 communes)
PASSWORD = "Ocre-Roussillon-2026"  # noqa: S105 (test accounts only)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: imports every official EPCI; runs with the suite, takes seconds"
    )


@pytest.fixture(scope="session", autouse=True)
def _static_root(tmp_path_factory: pytest.TempPathFactory):
    """Point STATIC_ROOT at an existing directory: WhiteNoise warns about a missing one."""
    with override_settings(STATIC_ROOT=tmp_path_factory.mktemp("static")):
        yield


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Start every test with an empty cache (host mapping, allauth rate limits, TOTP codes)."""
    cache.clear()
    catalog_forget_local_pages()


@pytest.fixture
def postgres_only() -> None:
    """Concurrency tests need real row locks: they run in CI's PostgreSQL step."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: DATABASE_URL=postgres://…")


@pytest.fixture
def territory(db) -> Territory:
    return territory_import(siren=APT_SIREN).territory


@pytest.fixture
def other_territory(db) -> Territory:
    return territory_import(siren=THANN_SIREN).territory


@pytest.fixture
def make_user(db) -> Callable[..., User]:
    def make(email: str, *, password: str = PASSWORD, superuser: bool = False, **extra) -> User:
        create = User.objects.create_superuser if superuser else User.objects.create_user
        user = create(email, password, **extra)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user

    return make


@pytest.fixture
def operator(make_user) -> User:
    """The platform operator: a superuser, no membership anywhere."""
    return make_user("operateur@pmvt.test", superuser=True)


@pytest.fixture
def make_member(make_user, operator) -> Callable[..., User]:
    """A user who joined `territory`, then given `role` by the operator."""

    def make(
        territory: Territory,
        role: str = Role.MEMBER,
        *,
        email: str | None = None,
        commune: Commune | None = None,
        **extra,
    ) -> User:
        count = User.objects.count()
        user = make_user(email or f"{role}-{count}@{territory.slug}.test", **extra)
        with scopes_disabled():
            membership = membership_join(user=user, territory=territory, commune=commune)
            if role != Role.MEMBER:
                membership_set_role(by=operator, membership=membership, role=role)
        return User.objects.get(pk=user.pk)  # Fresh: no cached memberships.

    return make


@pytest.fixture
def member(make_member, territory) -> User:
    return make_member(territory, Role.MEMBER, email="habitante@apt.test")


@pytest.fixture
def actor_member(make_member, territory) -> User:
    return make_member(territory, Role.ACTOR_MEMBER, email="boulanger@apt.test")


@pytest.fixture
def moderator(make_member, territory) -> User:
    return make_member(territory, Role.MODERATOR, email="moderatrice@apt.test")


@pytest.fixture
def admin(make_member, territory) -> User:
    return make_member(territory, Role.ADMIN, email="admin@apt.test")


@pytest.fixture
def other_admin(make_member, other_territory) -> User:
    return make_member(other_territory, Role.ADMIN, email="admin@thann-cernay.test")


@pytest.fixture
def activate_totp(db) -> Callable[[User], TOTP]:
    """Give a user a TOTP authenticator, as allauth's activation page does."""

    def activate(user: User) -> TOTP:
        return TOTP.activate(user, generate_totp_secret())

    return activate


@pytest.fixture
def membership_of_user(db) -> Callable[[User, Territory], Membership]:
    """The stored membership, read fresh from the database."""

    def get(user: User, territory: Territory) -> Membership:
        with scopes_disabled():
            return Membership.objects.select_related("territory").get(
                user=user, territory=territory
            )

    return get
