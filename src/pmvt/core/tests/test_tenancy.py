"""The territory is the tenant: a query that forgets it fails, and no territory sees another's."""

import pytest
from django_scopes import ScopeError, scope, scopes_disabled

from pmvt.accounts.models import Membership, Role
from pmvt.accounts.services.memberships import membership_join, membership_set_commune
from pmvt.core.exceptions import ApplicationError
from pmvt.territories.models import Commune, TerritoryDomain


@pytest.fixture
def domains(territory, other_territory):
    with scopes_disabled():
        return (
            TerritoryDomain.objects.create(territory=territory, hostname="place.apt.test"),
            TerritoryDomain.objects.create(territory=other_territory, hostname="place.thann.test"),
        )


@pytest.mark.parametrize("model", [Commune, Membership, TerritoryDomain])
def test_rejects_territorial_query_without_an_active_scope(model, territory):
    with pytest.raises(ScopeError):
        list(model.objects.all())
    with pytest.raises(ScopeError):
        model.objects.filter(territory=territory).first()
    with pytest.raises(ScopeError):
        model.objects.count()


def test_scope_shows_only_the_communes_of_its_territory(territory, other_territory):
    with scope(territory=territory):
        codes = set(Commune.objects.values_list("insee_code", flat=True))
        foreign = Commune.objects.filter(territory=other_territory).count()
        thann_commune = Commune.objects.filter(insee_code="68011").first()

    assert len(codes) == 25
    assert all(code.startswith(("84", "04")) for code in codes)
    assert (foreign, thann_commune) == (0, None)


def test_scope_shows_only_the_members_of_its_territory(admin, other_admin, territory):
    with scope(territory=territory):
        emails = list(Membership.objects.values_list("user__email", flat=True))
        by_user = Membership.objects.filter(user=other_admin).exists()

    assert emails == ["admin@apt.test"]
    assert by_user is False


def test_scope_shows_only_the_domains_of_its_territory(domains, other_territory):
    with scope(territory=other_territory):
        hostnames = list(TerritoryDomain.objects.values_list("hostname", flat=True))

    assert hostnames == ["place.thann.test"]


def test_scope_cannot_fetch_a_row_of_another_territory_by_primary_key(
    admin, other_admin, territory, other_territory, membership_of_user
):
    foreign = membership_of_user(other_admin, other_territory)

    with scope(territory=territory), pytest.raises(Membership.DoesNotExist):
        Membership.objects.get(pk=foreign.pk)


def test_rejects_joining_with_a_commune_of_another_territory(make_user, territory, other_territory):
    user = make_user("voyageur@apt.test")
    with scopes_disabled():
        thann_commune = Commune.objects.get(territory=other_territory, insee_code="68011")

        with pytest.raises(ApplicationError) as error:
            membership_join(user=user, territory=territory, commune=thann_commune)

        assert Membership.objects.filter(user=user).count() == 0
    assert error.value.code == "commune_outside_territory"
    assert str(error.value.message) == "Cette commune ne fait pas partie du territoire."


def test_rejects_setting_a_commune_of_another_territory(
    member, territory, other_territory, membership_of_user
):
    membership = membership_of_user(member, territory)
    with scopes_disabled():
        thann_commune = Commune.objects.get(territory=other_territory, insee_code="68011")

        with pytest.raises(ApplicationError) as error:
            membership_set_commune(membership=membership, commune=thann_commune)

    assert error.value.code == "commune_outside_territory"
    assert membership_of_user(member, territory).commune_id is None


# Over HTTP: an admin of one territory has no power over another.


@pytest.fixture
def admin_client(client, admin, activate_totp):
    activate_totp(admin)
    client.force_login(admin)
    return client


@pytest.mark.parametrize("page", ["gestion/", "gestion/parametres/", "gestion/membres/"])
def test_admin_of_a_gets_403_on_back_office_pages_of_b(admin_client, other_territory, page):
    response = admin_client.get(f"/t/{other_territory.slug}/{page}")

    assert response.status_code == 403
    assert response.context["reason"] == (
        "Seuls les administrateurs de ce territoire ont accès à cette page."
    )


def test_admin_of_a_cannot_change_a_role_in_b_through_a_url(
    admin_client, territory, other_admin, other_territory, make_member, membership_of_user
):
    resident = make_member(other_territory, Role.MEMBER, email="habitant@thann.test")
    target = membership_of_user(resident, other_territory)

    response = admin_client.post(
        f"/t/{territory.slug}/gestion/membres/{target.pk}/role/", {"role": Role.ADMIN}
    )

    assert response.status_code == 403
    assert response.context["reason"] == "Ce membre n'appartient pas à ce territoire."
    assert membership_of_user(resident, other_territory).role == Role.MEMBER


def test_admin_of_a_cannot_change_a_role_in_b_through_b_url(
    admin_client, other_territory, make_member, membership_of_user
):
    resident = make_member(other_territory, Role.MEMBER, email="habitant@thann.test")
    target = membership_of_user(resident, other_territory)

    response = admin_client.post(
        f"/t/{other_territory.slug}/gestion/membres/{target.pk}/role/", {"role": Role.ADMIN}
    )

    assert response.status_code == 403
    assert membership_of_user(resident, other_territory).role == Role.MEMBER


def test_profile_form_rejects_a_commune_of_another_territory(
    client, member, territory, other_territory, membership_of_user
):
    with scopes_disabled():
        thann_commune = Commune.objects.get(territory=other_territory, insee_code="68011")
    client.force_login(member)

    response = client.post(f"/t/{territory.slug}/profil/", {"commune": thann_commune.pk})

    assert response.status_code == 200
    assert response.context["form"].errors == {"commune": ["Choisissez une commune du territoire."]}
    assert membership_of_user(member, territory).commune_id is None


def test_profile_form_accepts_a_commune_of_the_territory(
    client, member, territory, membership_of_user
):
    with scopes_disabled():
        apt = Commune.objects.get(territory=territory, insee_code="84003")
    client.force_login(member)

    response = client.post(f"/t/{territory.slug}/profil/", {"commune": apt.pk})

    assert response.status_code == 302
    assert response["Location"] == f"/t/{territory.slug}/profil/"
    assert membership_of_user(member, territory).commune_id == apt.pk
