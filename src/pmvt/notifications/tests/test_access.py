"""Who may see an inbox and follow a notification: each rule, allowed and denied."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from pmvt.core.exceptions import PermissionDeniedError
from pmvt.notifications.access import (
    access_inbox,
    access_notification_as_recipient,
    can_use_inbox,
)


def test_a_logged_in_active_user_may_use_the_inbox(member):
    assert can_use_inbox(user=member) is True
    assert access_inbox(user=member) == member


def test_an_anonymous_visitor_may_not(db):
    assert can_use_inbox(user=AnonymousUser()) is False
    with pytest.raises(PermissionDeniedError):
        access_inbox(user=AnonymousUser())


def test_a_deactivated_user_may_not(member):
    member.is_active = False

    assert can_use_inbox(user=member) is False
    with pytest.raises(PermissionDeniedError):
        access_inbox(user=member)


def test_the_recipient_may_follow_their_notification(member, note, territory):
    notification = note(member)

    found = access_notification_as_recipient(
        user=member, territory=territory, notification_id=notification.pk
    )

    assert found == notification


def test_another_user_gets_a_404(member, make_member, note, territory):
    notification = note(member)
    neighbour = make_member(territory, email="voisine@apt.test")

    with pytest.raises(Http404):
        access_notification_as_recipient(
            user=neighbour, territory=territory, notification_id=notification.pk
        )


def test_the_notification_of_another_territory_is_a_404(member, note, territory, other_territory):
    notification = note(member, in_territory=other_territory)

    with pytest.raises(Http404):
        access_notification_as_recipient(
            user=member, territory=territory, notification_id=notification.pk
        )


def test_an_anonymous_visitor_is_sent_to_log_in_before_any_lookup(member, note, territory):
    notification = note(member)

    with pytest.raises(PermissionDeniedError):
        access_notification_as_recipient(
            user=AnonymousUser(), territory=territory, notification_id=notification.pk
        )
