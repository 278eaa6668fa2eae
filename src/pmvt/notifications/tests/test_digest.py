"""The daily digest: one email per user, grouped by territory, at most once a day."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from pmvt.notifications.models import DigestDelivery, Notification
from pmvt.notifications.services.digest import DigestReport, digest_send, digest_send_all
from pmvt.notifications.services.preferences import notifications_unsubscribe, preferences_save
from pmvt.notifications.tasks import send_daily_digests

DAY = date(2026, 12, 1)


@pytest.fixture
def waiting(member, note, other_territory):
    """Three notifications waiting for the member's digest, on two territories."""
    note(
        member,
        "Concert au théâtre",
        kind="event",
        body="Samedi 20 h.",
        url="/t/pays-dapt-luberon/valeurs/",
    )
    note(member, "Atelier vélo", kind="club")
    note(member, "Fête de Thann", kind="event", in_territory=other_territory)
    note(member, "Une actualité", kind="news")  # In-app only: never in a digest.
    return member


def send(day: date = DAY, capture=None) -> DigestReport:
    with capture(execute=True):
        return digest_send_all(day=day)


def test_sends_one_email_grouped_by_territory_and_marks_the_items(
    waiting, django_capture_on_commit_callbacks
):
    report = send(capture=django_capture_on_commit_callbacks)

    assert (report.users, report.sent, report.already_sent) == (1, 1, 0)
    [message] = mail.outbox
    assert message.to == [waiting.email]
    assert message.subject == "Votre résumé du jour, 3 notifications"
    body = message.body
    assert "mardi 1 décembre 2026" in body
    apt, thann = body.index("== CC Pays d'Apt-Luberon =="), body.index("== CC de Thann-Cernay ==")
    assert apt < body.index("- Concert au théâtre") < body.index("- Atelier vélo") < thann
    assert thann < body.index("- Fête de Thann")
    assert "  Samedi 20 h.\n  https://pmvt.example.fr/t/pays-dapt-luberon/valeurs/" in body
    assert "Une actualité" not in body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not Notification.objects.filter(digest_pending=True).exists()
    assert Notification.objects.filter(digested_at__isnull=False).count() == 3
    # Digested, not read: they still wait in the inbox.
    assert Notification.objects.filter(read_at__isnull=True).count() == 4
    assert DigestDelivery.objects.get(user=waiting).item_count == 3


def test_a_territory_alone_names_itself_in_the_subject(
    member, note, django_capture_on_commit_callbacks
):
    note(member, "Atelier vélo", kind="club")

    send(capture=django_capture_on_commit_callbacks)

    assert mail.outbox[0].subject == "[CC Pays d'Apt-Luberon] Votre résumé du jour, 1 notification"


def test_running_twice_the_same_day_sends_once_even_with_new_items(
    waiting, note, django_capture_on_commit_callbacks
):
    send(capture=django_capture_on_commit_callbacks)
    late = note(waiting, "Plus tard", kind="event")

    report = send(capture=django_capture_on_commit_callbacks)

    assert (report.sent, report.already_sent) == (0, 1)
    assert len(mail.outbox) == 1
    assert Notification.objects.get(pk=late.pk).digest_pending is True
    next_day = send(DAY + timedelta(days=1), capture=django_capture_on_commit_callbacks)
    assert next_day.sent == 1
    assert len(mail.outbox) == 2
    assert "Plus tard" in mail.outbox[1].body


def test_a_concurrent_run_that_already_recorded_the_day_makes_this_one_send_nothing(
    waiting, django_capture_on_commit_callbacks
):
    # Another process wrote the (user, day) row first: the unique constraint stops this one.
    DigestDelivery.objects.create(user=waiting, day=DAY)

    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send(user=waiting, day=DAY) is None

    assert mail.outbox == []
    assert Notification.objects.filter(digest_pending=True).count() == 3


def test_items_of_a_kind_no_longer_emailed_are_dropped(waiting, django_capture_on_commit_callbacks):
    preferences_save(user=waiting, modes={"club": "in_app"})

    send(capture=django_capture_on_commit_callbacks)

    assert "Atelier vélo" not in mail.outbox[0].body
    assert mail.outbox[0].subject == "Votre résumé du jour, 2 notifications"
    assert not Notification.objects.filter(digest_pending=True).exists()


def test_after_unsubscribing_from_everything_no_digest_leaves(
    waiting, django_capture_on_commit_callbacks
):
    notifications_unsubscribe(user=waiting)

    report = send(capture=django_capture_on_commit_callbacks)

    assert report.sent == 0
    assert mail.outbox == []
    assert not DigestDelivery.objects.exists()
    assert not Notification.objects.filter(digest_pending=True).exists()


def test_an_account_closed_since_gets_nothing(waiting, django_capture_on_commit_callbacks):
    waiting.is_active = False
    waiting.save(update_fields=["is_active"])

    assert send(capture=django_capture_on_commit_callbacks).sent == 0
    assert mail.outbox == []


def test_the_command_reports_and_accepts_a_day(waiting, django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notifications_send_digest", "--day", "2026-12-01", stdout=out)

    assert (
        out.getvalue() == "2026-12-01: 1 digest(s) sent, 0 already sent today, 1 user(s) waiting.\n"
    )
    assert DigestDelivery.objects.get().day == DAY


def test_the_command_refuses_a_bad_day(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("notifications_send_digest", "--day", "01/12/2026")


def test_the_task_sends_todays_digests(waiting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = send_daily_digests.enqueue()

    assert result.return_value == 1
    assert len(mail.outbox) == 1
