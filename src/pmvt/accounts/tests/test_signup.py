"""Signing up through allauth: consent to the terms, membership of the territory, verification."""

import html
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django_scopes import scopes_disabled

from pmvt.accounts.models import ConsentRecord, Membership, Role, User
from pmvt.territories.models import Territory

SIGNUP = "/compte/signup/?territoire=pays-dapt-luberon"
NEW_PASSWORD = "Lavande-84-Apt!"


def signup_data(**changes) -> dict:
    data = {
        "email": "Nina@Exemple.fr",
        "display_name": "Nina",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "accept_terms": "on",
        "territoire": "pays-dapt-luberon",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_signup_page_carries_the_territory_it_came_from(client, territory):
    response = client.get(SIGNUP)

    assert response.status_code == 200
    assert response.context["form"]["territoire"].value() == "pays-dapt-luberon"
    assert 'name="territoire" value="pays-dapt-luberon"' in response.content.decode()
    # The page keeps the territory's header and doors.
    assert 'href="/t/pays-dapt-luberon/marche/"' in response.content.decode()


def test_signup_creates_user_consent_membership_and_sends_verification(
    client, territory, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, signup_data())

    assert response.status_code == 302
    assert response["Location"] == "/compte/confirm-email/"
    user = User.objects.get()
    assert (user.email, user.display_name, user.is_active) == ("nina@exemple.fr", "Nina", True)
    assert user.check_password(NEW_PASSWORD)
    consent = ConsentRecord.objects.get()
    assert (consent.user_id, consent.terms_version) == (user.pk, settings.PMVT_TERMS_VERSION)
    assert (user.terms_version, user.terms_accepted_at) == ("2026-11", consent.accepted_at)
    with scopes_disabled():
        membership = Membership.objects.get()
    assert (membership.user_id, membership.territory_id) == (user.pk, territory.pk)
    assert (membership.role, membership.commune_id) == (Role.MEMBER, None)
    assert list(EmailAddress.objects.values_list("email", "verified", "primary")) == [
        ("nina@exemple.fr", False, True)
    ]
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["nina@exemple.fr"]
    assert sent.subject == "[PM-VT] Confirmez votre adresse e-mail"
    assert "http://testserver/compte/confirm-email/" in sent.body
    assert "Merci d'utiliser testserver !" in sent.body


def test_verification_link_confirms_the_email_and_logs_in(
    client, territory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP, signup_data())
    [path] = re.findall(r"http://testserver(/compte/confirm-email/\S+/)", str(mail.outbox[0].body))

    response = client.post(path)

    assert response.status_code == 302
    assert EmailAddress.objects.get().verified is True
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)


def test_signup_without_accepting_terms_fails_in_french_and_creates_nothing(
    client, territory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, signup_data(accept_terms=None))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "accept_terms": ["Vous devez accepter les conditions pour créer un compte."]
    }
    assert "Vous devez accepter les conditions pour créer un compte." in html.unescape(
        response.content.decode()
    )
    assert User.objects.count() == 0
    assert ConsentRecord.objects.count() == 0
    assert EmailAddress.objects.count() == 0
    with scopes_disabled():
        assert Membership.objects.count() == 0
    assert mail.outbox == []


def test_signup_without_territory_creates_no_membership(
    client, territory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/compte/signup/", signup_data(territoire=""))

    assert response.status_code == 302
    assert User.objects.get().email == "nina@exemple.fr"
    assert ConsentRecord.objects.count() == 1
    with scopes_disabled():
        assert Membership.objects.count() == 0


@pytest.mark.parametrize(("slug", "active"), [("nulle-part", True), ("pays-dapt-luberon", False)])
def test_signup_for_an_unknown_or_inactive_territory_creates_no_membership(
    client, territory, slug, active, django_capture_on_commit_callbacks
):
    Territory.objects.filter(pk=territory.pk).update(is_active=active)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/compte/signup/", signup_data(territoire=slug))

    assert response.status_code == 302
    assert User.objects.count() == 1
    with scopes_disabled():
        assert Membership.objects.count() == 0


def test_signup_rejects_an_email_already_used(client, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, signup_data(email="HABITANTE@apt.test"))

    assert User.objects.filter(email="habitante@apt.test").count() == 1
    assert User.objects.count() == 2  # The member and the operator who set their role.
    assert ConsentRecord.objects.count() == 0
    # allauth answers as for a new account (no account enumeration) and warns the owner instead.
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["habitante@apt.test"]]
