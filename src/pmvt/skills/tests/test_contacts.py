"""Contact through the platform: send (allow/deny), accept (the e-mail is shared then only),
decline; pages "Demandes reçues" and "Mes demandes envoyées"."""

import pytest
from django.core import mail

from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.notifications.models import Notification
from pmvt.skills.models import ContactRequest, ContactStatus, Visibility
from pmvt.skills.services.contacts import (
    contact_request_accept,
    contact_request_decline,
    contact_request_send,
)
from pmvt.skills.tests.conftest import LIST, RECEIVED, SENT

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(make_member, territory):
    return make_member(territory, email="jeanne.menuisiere@apt.test", display_name="Jeanne")


@pytest.fixture
def sender(make_member, territory):
    return make_member(territory, email="paul.porteur@apt.test", display_name="Paul")


@pytest.fixture
def profile(make_profile, person):
    return make_profile(user=person, visibility=Visibility.MEMBERS)


def test_send_notifies_the_person_without_the_senders_email(
    profile, sender, person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = contact_request_send(
            profile=profile, sender=sender, message="Bonjour, pour notre jardin partagé ?"
        )
    assert request.status == ContactStatus.PENDING
    assert request.territory == profile.territory
    notification = Notification.objects.get(user=person)
    assert notification.kind == "skills"
    assert notification.title == "Paul souhaite vous contacter au sujet de vos compétences."
    assert "jardin partagé" in notification.body
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert sender.email not in mail.outbox[0].body
    assert sender.email not in notification.body


def test_send_is_refused_to_anonymous_self_and_non_members(profile, person, make_user, other_admin):
    from django.contrib.auth.models import AnonymousUser

    stranger = make_user("passant@ailleurs.test")
    for user, words in [
        (AnonymousUser(), "Connectez-vous"),
        (person, "vous-même"),
        (stranger, "Rejoignez ce territoire"),
        (other_admin, "Rejoignez ce territoire"),
    ]:
        with pytest.raises(PermissionDeniedError) as error:
            contact_request_send(profile=profile, sender=user, message="Bonjour")
        assert words in str(error.value.message)
    assert not ContactRequest.objects.exists()
    assert not Notification.objects.exists()


def test_private_profiles_cannot_be_contacted(make_profile, sender):
    private = make_profile(visibility=Visibility.PRIVATE)
    with pytest.raises(PermissionDeniedError):
        contact_request_send(profile=private, sender=sender, message="Bonjour")
    assert not ContactRequest.objects.exists()


def test_one_pending_request_per_sender_and_profile(profile, sender):
    first = contact_request_send(profile=profile, sender=sender, message="Bonjour")
    with pytest.raises(ApplicationError) as error:
        contact_request_send(profile=profile, sender=sender, message="Relance")
    assert error.value.message == "Vous avez déjà une demande en attente auprès de cette personne."
    assert list(ContactRequest.objects.all()) == [first]
    contact_request_decline(request=first, by=profile.user)
    contact_request_send(profile=profile, sender=sender, message="Une autre idée")
    assert ContactRequest.objects.count() == 2


def test_rejects_an_empty_message(profile, sender):
    with pytest.raises(ApplicationError) as error:
        contact_request_send(profile=profile, sender=sender, message="   ")
    assert "Écrivez un message" in str(error.value.message)
    assert not ContactRequest.objects.exists()


def test_accept_shares_the_email_with_the_sender_only_then(
    client, profile, sender, person, django_capture_on_commit_callbacks
):
    request = contact_request_send(profile=profile, sender=sender, message="Bonjour")
    client.force_login(sender)
    assert person.email not in client.get(SENT).content.decode()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        contact_request_accept(request=request, by=person, answer="Avec plaisir !")
    request.refresh_from_db()
    assert request.status == ContactStatus.ACCEPTED
    assert request.answer == "Avec plaisir !"
    assert request.answered_at is not None
    assert [m.to for m in mail.outbox] == [[sender.email]]
    assert person.email in mail.outbox[0].body
    assert mail.outbox[0].reply_to == [person.email]
    notification = Notification.objects.get(user=sender)
    assert notification.title == "Jeanne accepte votre demande de contact."
    page = client.get(SENT).content.decode()
    assert f"mailto:{person.email}" in page and "Avec plaisir !" in page


def test_decline_tells_the_sender_without_the_email(
    client, profile, sender, person, django_capture_on_commit_callbacks
):
    request = contact_request_send(profile=profile, sender=sender, message="Bonjour")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        contact_request_decline(request=request, by=person, answer="Pas ce mois-ci.")
    request.refresh_from_db()
    assert request.status == ContactStatus.DECLINED
    notification = Notification.objects.get(user=sender)
    assert notification.title == "Jeanne décline votre demande de contact."
    assert notification.body == "Sa réponse : Pas ce mois-ci."
    assert all(person.email not in m.body for m in mail.outbox)
    client.force_login(sender)
    assert person.email not in client.get(SENT).content.decode()


def test_only_the_person_answers_and_only_once(profile, sender, person, make_member, territory):
    request = contact_request_send(profile=profile, sender=sender, message="Bonjour")
    other = make_member(territory)
    for user in [sender, other]:
        with pytest.raises(PermissionDeniedError):
            contact_request_accept(request=request, by=user)
        with pytest.raises(PermissionDeniedError):
            contact_request_decline(request=request, by=user)
    request.refresh_from_db()
    assert request.status == ContactStatus.PENDING
    contact_request_accept(request=request, by=person)
    with pytest.raises(ApplicationError) as error:
        contact_request_decline(request=request, by=person)
    assert error.value.message == "Vous avez déjà répondu à cette demande."
    request.refresh_from_db()
    assert request.status == ContactStatus.ACCEPTED


def test_contact_page_flow(client, profile, sender, person):
    url = f"{LIST}{profile.pk}/contacter/"
    assert client.get(url).status_code == 404  # members-only profile, anonymous visitor
    client.force_login(sender)
    page = client.get(f"{LIST}{profile.pk}/").content.decode()
    assert "Contacter Jeanne" in page
    page = client.post(url, {"message": ""}).content.decode()
    assert "Écrivez un message" in page
    assert not ContactRequest.objects.exists()
    response = client.post(url, {"message": "Bonjour Jeanne, pour un atelier bois ?"})
    assert response.status_code == 302 and response["Location"] == SENT
    page = client.post(url, {"message": "Encore moi"}).content.decode()
    assert "déjà une demande en attente" in page
    assert ContactRequest.objects.count() == 1
    page = client.get(f"{LIST}{profile.pk}/").content.decode()
    assert "Vous avez déjà envoyé une demande" in page

    client.force_login(person)
    assert client.get(url).status_code == 403  # oneself
    page = client.get(RECEIVED).content.decode()
    assert "Bonjour Jeanne, pour un atelier bois ?" in page
    assert sender.email not in page
    request = ContactRequest.objects.get()
    client.post(f"{RECEIVED}{request.pk}/accepter/", {f"r{request.pk}-answer": "Oui !"})
    request.refresh_from_db()
    assert (request.status, request.answer) == (ContactStatus.ACCEPTED, "Oui !")


def test_answer_pages_are_refused_to_others(client, profile, sender, make_member, territory):
    request = contact_request_send(profile=profile, sender=sender, message="Bonjour")
    response = client.post(f"{RECEIVED}{request.pk}/decliner/")
    assert response.status_code == 302 and "/compte/login/" in response["Location"]
    client.force_login(sender)
    assert client.post(f"{RECEIVED}{request.pk}/decliner/").status_code == 403
    client.force_login(make_member(territory))
    assert client.post(f"{RECEIVED}{request.pk}/accepter/").status_code == 403
    request.refresh_from_db()
    assert request.status == ContactStatus.PENDING


def test_non_member_is_refused_the_contact_page(client, make_profile, make_user):
    public = make_profile(visibility=Visibility.PUBLIC)
    client.force_login(make_user("passant@ailleurs.test"))
    assert client.get(f"{LIST}{public.pk}/contacter/").status_code == 403
    assert client.post(f"{LIST}{public.pk}/contacter/", {"message": "Bonjour"}).status_code == 403
    assert not ContactRequest.objects.exists()
