"""Notify a user: an in-app notification now, an email after commit."""

from django.db import transaction

from pmvt.accounts.models import User
from pmvt.core.email import email_on_commit
from pmvt.notifications.models import Notification
from pmvt.territories.models import Territory


@transaction.atomic
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
    notification = Notification.objects.create(
        territory=territory, user=user, kind=kind, title=title, body=body, url=url
    )
    if email and user.is_active and user.email and not user.erased_at:
        text = f"{body}\n\n{url}" if url else body
        email_on_commit(subject=f"[{territory.public_name}] {title}", body=text, to=[user.email])
    return notification
