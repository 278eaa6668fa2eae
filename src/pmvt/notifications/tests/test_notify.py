"""notify() follows each user's mode: instant email, daily digest, inbox only, or silent."""

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from pmvt.core.email import email_on_commit
from pmvt.notifications.kinds import NotificationMode
from pmvt.notifications.links import unsubscribe_token_read
from pmvt.notifications.models import Notification, NotificationPreference
from pmvt.notifications.services.preferences import preferences_save

UNSUBSCRIBE_PREFIX = "https://pmvt.example.fr/compte/notifications/desinscription/"


def _token(message) -> str:
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith(f"<{UNSUBSCRIBE_PREFIX}") and header.endswith("/>")
    return header[len(UNSUBSCRIBE_PREFIX) + 1 : -2]


def test_instant_kind_sends_one_email_with_an_unsubscribe_footer_and_headers(
    member, note, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = note(
            member,
            "Votre page est publiée",
            kind="actor_verified",
            body="La communauté de communes a vérifié votre activité.",
            url="/t/pays-dapt-luberon/espace-pro/",
        )

    assert notification.read_at is None
    assert notification.digest_pending is False
    [message] = mail.outbox
    assert message.to == [member.email]
    assert message.subject == "[CC Pays d'Apt-Luberon] Votre page est publiée"
    assert message.body.startswith(
        "La communauté de communes a vérifié votre activité.\n\n"
        "https://pmvt.example.fr/t/pays-dapt-luberon/espace-pro/\n\n-- \n"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = _token(message)
    assert f"{UNSUBSCRIBE_PREFIX}{token}/" in message.body
    request = unsubscribe_token_read(token)
    assert request is not None
    assert (request.user_id, request.kind) == (member.pk, "actor_verified")


def test_a_mandatory_kind_is_emailed_even_against_a_stored_choice_and_its_link_stops_the_others(
    member, note, django_capture_on_commit_callbacks
):
    # A row written behind the services' back must not silence an order email.
    NotificationPreference.objects.create(user=member, kind="order_status", mode="off")
    with django_capture_on_commit_callbacks(execute=True):
        notification = note(member, "Commande prête", kind="order_status")

    assert notification.read_at is None
    [message] = mail.outbox
    request = unsubscribe_token_read(_token(message))
    assert request is not None
    assert request.kind == ""


def test_digest_kind_is_kept_for_the_digest_without_email(
    member, note, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = note(member, kind="event")

    assert (notification.digest_pending, notification.read_at) == (True, None)
    assert mail.outbox == []


def test_in_app_kind_waits_unread_without_email(member, note, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = note(member, kind="news")

    assert (notification.digest_pending, notification.read_at) == (False, None)
    assert mail.outbox == []


def test_off_kind_is_archived_already_read_without_email(
    member, note, django_capture_on_commit_callbacks
):
    preferences_save(user=member, modes={"club": NotificationMode.OFF})
    with django_capture_on_commit_callbacks(execute=True):
        notification = note(member, kind="club")

    assert notification.read_at is not None
    assert notification.digest_pending is False
    assert Notification.objects.filter(user=member).count() == 1
    assert mail.outbox == []


def test_the_users_choice_overrides_the_default(member, note, django_capture_on_commit_callbacks):
    preferences_save(user=member, modes={"news": NotificationMode.INSTANT})
    with django_capture_on_commit_callbacks(execute=True):
        note(member, kind="news")

    assert len(mail.outbox) == 1


def test_an_unknown_kind_is_emailed_at_once(member, note, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        note(member, kind="brand_new_kind")

    assert len(mail.outbox) == 1


def test_email_false_never_emails_nor_queues_a_digest(
    member, note, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        instant = note(member, kind="actor_verified", email=False)
        digest = note(member, kind="event", email=False)

    assert (instant.digest_pending, digest.digest_pending) == (False, False)
    assert mail.outbox == []


def test_an_inactive_or_erased_account_gets_no_email(
    member, note, django_capture_on_commit_callbacks
):
    member.is_active = False
    member.save(update_fields=["is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        note(member, kind="actor_verified")
        digest = note(member, kind="event")

    assert digest.digest_pending is False
    assert mail.outbox == []
    member.is_active, member.erased_at = True, timezone.now()
    member.save(update_fields=["is_active", "erased_at"])
    with django_capture_on_commit_callbacks(execute=True):
        note(member, kind="actor_verified")
    assert mail.outbox == []


def test_no_email_leaves_when_the_transaction_is_rolled_back(member, note):
    # Inside the test's transaction, nothing commits: the email waits for a commit.
    note(member, kind="actor_verified")
    assert mail.outbox == []


def test_plain_emails_carry_no_unsubscribe_footer_nor_header(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email_on_commit(subject="Sujet", body="Corps", to=["a@example.fr"], html="<p>Corps</p>")

    [message] = mail.outbox
    assert isinstance(message, EmailMultiAlternatives)
    assert message.body == "Corps"
    assert "List-Unsubscribe" not in message.extra_headers
    assert message.alternatives[0][0] == "<p>Corps</p>"


def test_html_notification_emails_carry_the_link_too(db, django_capture_on_commit_callbacks):
    url = "https://pmvt.example.fr/compte/notifications/desinscription/abc/"
    with django_capture_on_commit_callbacks(execute=True):
        email_on_commit(
            subject="Sujet",
            body="Corps",
            to=["a@example.fr"],
            html="<p>Corps</p>",
            unsubscribe_url=url,
        )

    [message] = mail.outbox
    assert isinstance(message, EmailMultiAlternatives)
    html = str(message.alternatives[0][0])
    assert html.startswith("<p>Corps</p>\n<hr>\n<p>Vous recevez ce courriel")
    assert f'<a href="{url}">{url}</a>' in html
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"


def test_a_title_on_several_lines_makes_a_one_line_subject(
    member, note, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        note(member, "Votre page\nest publiée", kind="actor_verified")

    assert mail.outbox[0].subject == "[CC Pays d'Apt-Luberon] Votre page est publiée"
