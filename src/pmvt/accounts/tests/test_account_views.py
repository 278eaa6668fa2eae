"""Account pages over HTTP: my account, my data (RGPD export), deleting my account."""

import html
import json

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from django_scopes import scopes_disabled

from pmvt.accounts.models import Membership, User
from pmvt.accounts.personal_data import HANDLERS
from pmvt.conftest import PASSWORD


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def test_my_account_requires_login(client, db):
    response = client.get("/compte/mes-donnees/")

    assert response.status_code == 302
    assert response["Location"] == "/compte/login/?next=/compte/mes-donnees/"


def test_my_account_shows_email_and_territories(member_client, member):
    response = member_client.get("/compte/mes-donnees/")

    assert response.status_code == 200
    page = text(response)
    assert "Vous êtes connecté avec l'adresse habitante@apt.test." in page
    assert '<a href="/t/pays-dapt-luberon/profil/">CC Pays d\'Apt-Luberon</a> — Habitant' in page
    assert [m.territory.slug for m in response.context["memberships"]] == ["pays-dapt-luberon"]
    assert 'href="/compte/mes-donnees/export.json"' in page


def test_my_account_saves_name_and_phone(member_client, member):
    response = member_client.post(
        "/compte/mes-donnees/", {"display_name": "Camille", "phone": "06 12 34 56 78"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/compte/mes-donnees/"
    member.refresh_from_db()
    assert (member.display_name, member.phone, member.email) == (
        "Camille",
        "06 12 34 56 78",
        "habitante@apt.test",
    )


def test_export_downloads_my_data_as_json(member_client, member):
    response = member_client.get("/compte/mes-donnees/export.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (
        f'attachment; filename="pmvt-mes-donnees-{timezone.localdate():%Y-%m-%d}.json"'
    )
    data = json.loads(response.content)
    # Every area that registered personal data has its own key (each area tests its content).
    assert sorted(data) == sorted(
        [
            "account",
            "consents",
            "email_addresses",
            "exported_at",
            "format",
            "memberships",
            *HANDLERS,
        ]
    )
    assert data["format"] == "pmvt-export-1"
    assert data["account"]["email"] == "habitante@apt.test"
    assert data["account"]["last_login"] is not None
    assert data["email_addresses"] == [
        {"email": "habitante@apt.test", "verified": True, "primary": True}
    ]
    assert [(m["territory_siren"], m["role"]) for m in data["memberships"]] == [
        ("200040624", "member")
    ]


def test_export_requires_login(client, db):
    response = client.get("/compte/mes-donnees/export.json")

    assert response.status_code == 302
    assert response["Location"] == "/compte/login/?next=/compte/mes-donnees/export.json"


def test_delete_account_rejects_a_wrong_password_in_french_and_changes_nothing(
    member_client, member
):
    response = member_client.post(
        "/compte/supprimer/", {"password": "pas-le-bon-mot-de-passe", "confirm": "on"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"password": ["Le mot de passe est incorrect."]}
    assert "Le mot de passe est incorrect." in text(response)
    kept = User.objects.get(pk=member.pk)
    assert (kept.email, kept.is_active, kept.erased_at) == ("habitante@apt.test", True, None)
    assert kept.check_password(PASSWORD)
    with scopes_disabled():
        assert Membership.objects.filter(user=member).count() == 1
    assert member_client.get("/compte/mes-donnees/").status_code == 200


def test_delete_account_requires_the_confirmation_box(member_client, member):
    response = member_client.post("/compte/supprimer/", {"password": PASSWORD})

    assert response.context["form"].errors == {
        "confirm": ["Cochez la case pour confirmer la suppression."]
    }
    assert User.objects.get(pk=member.pk).is_active is True


def test_delete_account_with_the_right_password_erases_and_logs_out(member_client, member):
    response = member_client.post("/compte/supprimer/", {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    erased = User.objects.get(pk=member.pk)
    assert erased.email == f"supprime-{member.pk}@invalid.pmvt"
    assert (erased.is_active, erased.has_usable_password()) == (False, False)
    assert erased.erased_at is not None
    with scopes_disabled():
        assert Membership.objects.filter(user=member).count() == 0
    assert EmailAddress.objects.filter(user=member).count() == 0
    assert "_auth_user_id" not in member_client.session
    follow = member_client.get("/")
    assert [str(m) for m in follow.context["messages"]] == [
        "Votre compte et vos données personnelles ont été supprimés."
    ]
    assert member_client.get("/compte/mes-donnees/").status_code == 302


def test_join_makes_a_logged_in_user_member_of_the_territory(client, make_user, territory):
    user = make_user("arrivant@apt.test")
    client.force_login(user)

    response = client.post("/t/pays-dapt-luberon/rejoindre/")

    assert response.status_code == 302
    assert response["Location"] == "/t/pays-dapt-luberon/profil/"
    with scopes_disabled():
        assert list(
            Membership.objects.filter(user=user).values_list("territory__slug", "role")
        ) == [("pays-dapt-luberon", "member")]


def test_profile_page_asks_for_login(client, territory):
    response = client.get("/t/pays-dapt-luberon/profil/")

    assert response.status_code == 302
    assert response["Location"] == "/compte/login/?next=/t/pays-dapt-luberon/profil/"
