"""Permission rules of the agenda (pmvt.agenda.access): each condition allowed and denied."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from pmvt.agenda.access import (
    access_event_create,
    access_event_edit,
    can_create_event,
    can_edit_event,
    can_register,
    can_view_event,
    organiser_actors,
    registration_refusal,
)
from pmvt.agenda.models import Event, Occurrence
from pmvt.community.models import Visibility
from pmvt.core.exceptions import PermissionDeniedError

ANONYMOUS = AnonymousUser()


def set_visibility(event: Event, visibility: str) -> Event:
    Event.objects.filter(pk=event.pk).update(visibility=visibility)
    event.refresh_from_db()
    return event


@pytest.fixture
def stranger(make_member, territory):
    return make_member(territory, email="voisine@apt.test")


def test_everyone_sees_a_published_event(make_event, stranger):
    event = make_event()
    assert can_view_event(user=ANONYMOUS, event=event)
    assert can_view_event(user=stranger, event=event)


@pytest.mark.parametrize("visibility", [Visibility.PENDING, Visibility.HIDDEN])
def test_unpublished_event_is_seen_by_author_editors_and_moderators_only(
    make_event, member, stranger, moderator, visibility
):
    event = set_visibility(make_event(by=member), visibility)
    assert can_view_event(user=member, event=event)
    assert can_view_event(user=moderator, event=event)
    assert not can_view_event(user=stranger, event=event)
    assert not can_view_event(user=ANONYMOUS, event=event)


def test_removed_event_is_seen_by_moderators_only(make_event, member, moderator):
    event = set_visibility(make_event(by=member), Visibility.REMOVED)
    assert not can_view_event(user=member, event=event)
    assert can_view_event(user=moderator, event=event)
    assert not can_edit_event(user=member, event=event)
    assert can_edit_event(user=moderator, event=event)


def test_organiser_staff_see_and_edit_the_events_of_their_actor(
    make_event, make_actor_staff, territory, admin
):
    user, actor = make_actor_staff(territory)
    colleague_event = set_visibility(
        make_event(by=admin, organiser=None, organiser_name="x"), Visibility.PENDING
    )
    Event.objects.filter(pk=colleague_event.pk).update(organiser=actor)
    colleague_event.refresh_from_db()
    assert can_view_event(user=user, event=colleague_event)
    assert can_edit_event(user=user, event=colleague_event)
    other_user, _ = make_actor_staff(territory)
    assert not can_edit_event(user=other_user, event=colleague_event)


def test_organiser_actors_are_the_verified_ones_of_the_person(make_actor_staff, territory, member):
    user, actor = make_actor_staff(territory)
    pending_user, _ = make_actor_staff(territory, verified=False)
    assert list(organiser_actors(user=user, territory=territory)) == [actor]
    assert not organiser_actors(user=pending_user, territory=territory).exists()
    assert not organiser_actors(user=member, territory=territory).exists()
    assert not organiser_actors(user=ANONYMOUS, territory=territory).exists()


def test_members_and_the_operator_propose_events(
    member, operator, territory, make_user, other_admin
):
    assert can_create_event(user=member, territory=territory)
    assert can_create_event(user=operator, territory=territory)
    assert not can_create_event(user=ANONYMOUS, territory=territory)
    assert not can_create_event(user=make_user("passant@ailleurs.test"), territory=territory)
    assert not can_create_event(user=other_admin, territory=territory)
    with pytest.raises(PermissionDeniedError, match="Connectez-vous"):
        access_event_create(user=ANONYMOUS, territory=territory)
    with pytest.raises(PermissionDeniedError, match="Rejoignez"):
        access_event_create(user=other_admin, territory=territory)


def test_author_edits_but_not_a_neighbour_nor_another_territory_admin(
    make_event, member, stranger, admin, other_admin
):
    event = make_event(by=member)
    assert can_edit_event(user=member, event=event)
    assert can_edit_event(user=admin, event=event)
    assert not can_edit_event(user=stranger, event=event)
    assert not can_edit_event(user=other_admin, event=event)
    assert not can_edit_event(user=ANONYMOUS, event=event)
    with pytest.raises(PermissionDeniedError):
        access_event_edit(user=stranger, event=event)
    with pytest.raises(PermissionDeniedError, match="Connectez-vous"):
        access_event_edit(user=ANONYMOUS, event=event)


@pytest.fixture
def workshop(make_event):
    event = make_event(registration_enabled=True, capacity=5)
    return Occurrence.objects.select_related("event").get(event=event)


def test_a_member_may_register_to_a_future_date(workshop, stranger):
    assert can_register(user=stranger, occurrence=workshop)
    assert registration_refusal(user=stranger, occurrence=workshop) == ""


def test_registration_refusals(workshop, stranger, make_user, make_event):
    assert "Connectez-vous" in registration_refusal(user=ANONYMOUS, occurrence=workshop)
    outsider = make_user("passant@ailleurs.test")
    assert "Rejoignez" in registration_refusal(user=outsider, occurrence=workshop)
    workshop.is_cancelled = True
    assert "annulée" in registration_refusal(user=stranger, occurrence=workshop)
    workshop.is_cancelled = False
    workshop.starts_at = timezone.now() - timedelta(minutes=1)
    assert "passée" in registration_refusal(user=stranger, occurrence=workshop)
    workshop.starts_at = timezone.now() + timedelta(days=1)
    workshop.event.visibility = Visibility.PENDING
    assert "publié" in registration_refusal(user=stranger, occurrence=workshop)
    free_entry = make_event(title="Concert libre")
    occurrence = Occurrence.objects.select_related("event").get(event=free_entry)
    assert "ne prend pas" in registration_refusal(user=stranger, occurrence=occurrence)
    assert not can_register(user=stranger, occurrence=occurrence)
