"""Notify a user, open a notification, mark the inbox read."""

from django.db import transaction
from django.utils import timezone

from pmvt.accounts.models import User
from pmvt.core.email import email_on_commit
from pmvt.notifications.kinds import NotificationMode, is_mandatory
from pmvt.notifications.links import absolute_url, unsubscribe_url
from pmvt.notifications.models import Notification
from pmvt.notifications.selectors import can_receive_email, preference_mode
from pmvt.territories.models import Territory


def notify(
    *,
    user: User,
    territory: Territory,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
) -> Notification:
    """Record an in-app notification, and email it as the user chose for this kind.

    instant: an email after commit; digest: kept for the next daily digest; in_app: no email;
    off: no email and already read (kept in the inbox, no counter). `email=False` never emails.
    """
    mode = preference_mode(user=user, kind=kind)
    emailable = email and can_receive_email(user)
    notification = Notification.objects.create(
        territory=territory,
        user=user,
        kind=kind,
        title=title,
        body=body,
        url=url,
        read_at=timezone.now() if mode == NotificationMode.OFF else None,
        digest_pending=emailable and mode == NotificationMode.DIGEST,
    )
    if emailable and mode == NotificationMode.INSTANT:
        link = absolute_url(url)
        text = f"{body}\n\n{link}" if link else str(body)
        # A mandatory kind cannot be switched off: its link stops every other email instead.
        scope = "" if is_mandatory(kind) else kind
        email_on_commit(
            # A line break in a header would make the email unsendable: flatten the title.
            subject=" ".join(f"[{territory.public_name}] {title}".split()),
            body=text,
            to=[user.email],
            unsubscribe_url=unsubscribe_url(user=user, kind=scope),
        )
    return notification


@transaction.atomic
def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark read (the user followed it); reading it again changes nothing."""
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user: User, territory: Territory) -> int:
    """Mark every unread notification of the user on this territory read; returns how many."""
    return Notification.objects.filter(territory=territory, user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
