"""User services: consent to the terms, RGPD export and erasure."""

from datetime import datetime

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.test import Client
from django.utils import timezone
from django_scopes import scopes_disabled

from pmvt.accounts.models import ConsentRecord, Membership, Role, User
from pmvt.accounts.personal_data import HANDLERS
from pmvt.accounts.services.memberships import membership_join
from pmvt.accounts.services.users import user_erase, user_export_data, user_record_consent
from pmvt.conftest import PASSWORD
from pmvt.territories.models import Commune


@pytest.fixture
def resident(make_member, territory, other_territory) -> User:
    """An inhabitant of Apt, also a moderator in Thann-Cernay, who accepted the terms."""
    with scopes_disabled():
        apt = Commune.objects.get(territory=territory, insee_code="84003")
    user = make_member(
        territory, email="lea@apt.test", commune=apt, display_name="Léa", phone="04 90 00 00 00"
    )
    with scopes_disabled():
        membership_join(user=user, territory=other_territory)
    user_record_consent(user=user)
    return User.objects.get(pk=user.pk)


def test_record_consent_stores_the_current_terms_version(make_user, settings):
    user = make_user("nouveau@apt.test")

    record = user_record_consent(user=user)

    user.refresh_from_db()
    assert settings.PMVT_TERMS_VERSION == "2026-11"
    assert (record.user_id, record.terms_version) == (user.pk, "2026-11")
    assert (user.terms_version, user.terms_accepted_at) == ("2026-11", record.accepted_at)
    assert list(ConsentRecord.objects.values_list("terms_version", flat=True)) == ["2026-11"]


def test_record_consent_keeps_every_accepted_version(make_user):
    user = make_user("fidele@apt.test")
    first = user_record_consent(user=user, terms_version="2025-01")

    second = user_record_consent(user=user)

    user.refresh_from_db()
    assert (user.terms_version, user.terms_accepted_at) == ("2026-11", second.accepted_at)
    assert sorted(ConsentRecord.objects.filter(user=user).values_list("pk", "terms_version")) == [
        (first.pk, "2025-01"),
        (second.pk, "2026-11"),
    ]


def test_export_contains_exactly_what_is_held_about_the_user(
    resident, territory, other_territory, membership_of_user
):
    before = timezone.now()

    data = user_export_data(user=resident)

    exported_at = datetime.fromisoformat(data.pop("exported_at"))
    memberships = data.pop("memberships")
    for key in HANDLERS:  # Registered by the other areas; each covers its own content.
        data.pop(key)
    assert before <= exported_at <= timezone.now()
    consent = ConsentRecord.objects.get(user=resident)
    in_apt = membership_of_user(resident, territory)
    in_thann = membership_of_user(resident, other_territory)
    assert data == {
        "format": "pmvt-export-1",
        "account": {
            "email": "lea@apt.test",
            "display_name": "Léa",
            "phone": "04 90 00 00 00",
            "date_joined": resident.date_joined.isoformat(),
            "last_login": None,
            "terms_version": "2026-11",
            "terms_accepted_at": consent.accepted_at.isoformat(),
            "two_factor_enabled": False,
        },
        "email_addresses": [{"email": "lea@apt.test", "verified": True, "primary": True}],
        "consents": [{"terms_version": "2026-11", "accepted_at": consent.accepted_at.isoformat()}],
    }
    assert sorted(memberships, key=lambda m: m["territory_siren"]) == [
        {
            "territory": "CC de Thann-Cernay",
            "territory_siren": "200036465",
            "role": Role.MEMBER,
            "commune": None,
            "commune_insee": None,
            "joined_at": in_thann.joined_at.isoformat(),
        },
        {
            "territory": "CC Pays d'Apt-Luberon",
            "territory_siren": "200040624",
            "role": Role.MEMBER,
            "commune": "Apt",
            "commune_insee": "84003",
            "joined_at": in_apt.joined_at.isoformat(),
        },
    ]


def test_export_tells_when_two_factor_is_on(admin, activate_totp):
    activate_totp(admin)

    assert user_export_data(user=admin)["account"]["two_factor_enabled"] is True


def test_export_holds_nothing_of_other_users(resident, admin, other_admin):
    data = user_export_data(user=resident)

    assert [e["email"] for e in data["email_addresses"]] == ["lea@apt.test"]
    assert len(data["memberships"]) == 2
    assert len(data["consents"]) == 1


def test_erase_removes_personal_data_and_keeps_the_bare_row(resident, activate_totp):
    activate_totp(resident)
    EmailAddress.objects.create(user=resident, email="lea.perso@apt.test", verified=False)
    user_id = resident.pk

    user_erase(user=resident)

    erased = User.objects.get(pk=user_id)
    assert erased.email == f"supprime-{user_id}@invalid.pmvt"
    assert (erased.display_name, erased.phone) == ("", "")
    assert (erased.is_active, erased.is_staff, erased.is_superuser) == (False, False, False)
    assert erased.erased_at is not None
    assert erased.has_usable_password() is False
    assert not erased.check_password(PASSWORD)
    with scopes_disabled():
        assert Membership.objects.filter(user_id=user_id).count() == 0
    assert EmailAddress.objects.filter(user_id=user_id).count() == 0
    assert Authenticator.objects.filter(user_id=user_id).count() == 0
    # The proof of consent is kept (RGPD art. 7: the controller must be able to show it).
    assert ConsentRecord.objects.filter(user_id=user_id).count() == 1


def test_erase_takes_away_operator_powers(operator):
    user_erase(user=operator)

    operator.refresh_from_db()
    assert (operator.is_active, operator.is_staff, operator.is_superuser) == (False, False, False)


def test_erase_leaves_other_users_untouched(resident, member, territory, membership_of_user):
    user_erase(user=resident)

    member.refresh_from_db()
    assert (member.email, member.is_active, member.has_usable_password()) == (
        "habitante@apt.test",
        True,
        True,
    )
    assert membership_of_user(member, territory).role == Role.MEMBER
    assert EmailAddress.objects.filter(user=member).count() == 1


def test_erased_user_cannot_log_in_again(client, resident):
    user_erase(user=resident)

    response = client.post("/compte/login/", {"login": "lea@apt.test", "password": PASSWORD})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors


def test_erase_ends_the_users_other_sessions(resident):
    laptop, phone = Client(), Client()
    laptop.force_login(resident)
    phone.force_login(resident)
    assert phone.get("/compte/mes-donnees/").status_code == 200

    user_erase(user=resident)

    for device in (laptop, phone):
        response = device.get("/compte/mes-donnees/")
        assert response.status_code == 302
        assert response["Location"] == "/compte/login/?next=/compte/mes-donnees/"
