"""Invitations, offers of help, answers and hours: every action allowed and denied."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from pmvt.assets.models import Booking, BookingStatus
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.maison.errors import HoursFieldError, InvitationError
from pmvt.maison.matching import suggest_people
from pmvt.maison.models import ContributionHours, Direction, Invitation, InvitationStatus
from pmvt.maison.personal_data import erase_maison_data, export_maison_data
from pmvt.maison.selectors import (
    contribution_hours_total,
    hours_by_person,
    hours_by_project,
    need_period,
)
from pmvt.maison.services.invitations import (
    contribution_hours_record,
    help_offer,
    invitation_accept,
    invitation_decline,
    invitation_send,
    invitation_withdraw,
)
from pmvt.notifications.models import Notification
from pmvt.projects.models import NeedStatus

TODAY = timezone.localdate


def claire(world):
    return world["people"]["claire"][0]


def marc(world):
    return world["people"]["marc"][0]


# --- Sending ------------------------------------------------------------------------------------


def test_the_team_invites_a_suggested_person_with_the_reasons(
    world, django_capture_on_commit_callbacks
):
    suggestion = suggest_people(need=world["accounting"])[0]

    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_send(
            need=world["accounting"],
            by=world["carrier"],
            person=suggestion.person,
            message="Nous serions ravis de vous accueillir.",
            suggestion=suggestion,
        )

    assert invitation.status == InvitationStatus.PENDING
    assert invitation.direction == Direction.TEAM_INVITES
    assert invitation.person == claire(world)
    assert invitation.reasons[0] == "3 compétences sur 3"
    assert invitation.score == Decimal("0.893")
    notification = Notification.objects.get(user=claire(world), kind="maison")
    assert notification.title == (
        "Le projet « Épicerie solidaire de Saignon » vous invite à contribuer : "
        "Tenir la comptabilité de l'épicerie."
    )
    assert [m.to for m in mail.outbox] == [["claire@maison.test"]]


def test_a_team_member_may_invite_too(world):
    invitation = invitation_send(
        need=world["accounting"], by=world["teammate"], person=claire(world)
    )
    assert invitation.sent_by == world["teammate"]


@pytest.mark.parametrize("who", ["anonymous", "stranger", "invited"])
def test_only_the_team_invites(world, who, make_member, territory):
    from django.contrib.auth.models import AnonymousUser

    by = {
        "anonymous": AnonymousUser(),
        "stranger": make_member(territory, email="voisin@maison.test"),
        "invited": claire(world),
    }[who]
    with pytest.raises(PermissionDeniedError):
        invitation_send(need=world["accounting"], by=by, person=marc(world))
    assert Invitation.objects.count() == 0


def test_refuses_a_second_invitation_of_the_same_person(world):
    invitation_send(need=world["accounting"], by=world["carrier"], person=claire(world))

    with pytest.raises(InvitationError, match="déjà en cours"):
        invitation_send(need=world["accounting"], by=world["teammate"], person=claire(world))
    with pytest.raises(InvitationError, match="déjà en cours"):
        help_offer(need=world["accounting"], person=claire(world))
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("team", "déjà partie de l'équipe"),
        ("asset_for_people", "attend des personnes"),
        ("person_for_asset", "attend un bien"),
        ("closed", "plus ouvert"),
        ("non_member", "pas membre du territoire"),
    ],
)
def test_refuses_invitations_that_do_not_fit_the_need(
    world, case, message, make_user, django_capture_on_commit_callbacks
):
    need = world["accounting"]
    values = {"person": claire(world)}
    if case == "team":
        values = {"person": world["teammate"]}
    elif case == "asset_for_people":
        values = {"asset": world["assets"]["grange"]}
    elif case == "person_for_asset":
        need = world["room"]
    elif case == "closed":
        need.status = NeedStatus.CLOSED
        need.save(update_fields=["status"])
    elif case == "non_member":
        values = {"person": make_user("ailleurs@maison.test")}

    with pytest.raises(InvitationError, match=message):
        invitation_send(need=need, by=world["carrier"], **values)
    assert Invitation.objects.count() == 0
    assert Notification.objects.filter(kind="maison").count() == 0


# --- A private profile: matched, invited, never named before accepting ------------------------


def test_a_private_profile_is_invited_and_named_to_the_team_only_once_accepted(
    world, django_capture_on_commit_callbacks
):
    suggestion = next(
        s for s in suggest_people(need=world["accounting"]) if s.person == marc(world)
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_send(
            need=world["accounting"], by=world["carrier"], person=marc(world), suggestion=suggestion
        )
    assert [m.to for m in mail.outbox] == [["marc.secret@maison.test"]]

    invitation_accept(invitation=invitation, by=marc(world))

    titles = list(
        Notification.objects.filter(user=world["teammate"], kind="maison").values_list(
            "title", flat=True
        )
    )
    assert titles == [
        "Marc Compte accepte de contribuer au projet « Épicerie solidaire de Saignon » : "
        "Tenir la comptabilité de l'épicerie."
    ]


def test_the_team_is_not_told_who_declined(world):
    invitation = invitation_send(need=world["accounting"], by=world["carrier"], person=marc(world))

    invitation_decline(invitation=invitation, by=marc(world), answer="Pas ce trimestre.")

    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED
    assert invitation.answer == "Pas ce trimestre."
    title = Notification.objects.get(user=world["carrier"], kind="maison").title
    assert (
        title
        == "Une personne invitée a décliné l'invitation : Tenir la comptabilité de l'épicerie."
    )
    assert "Marc" not in title


# --- Answering and withdrawing ------------------------------------------------------------------


def test_only_the_invited_person_answers_an_invitation(world):
    invitation = invitation_send(
        need=world["accounting"], by=world["carrier"], person=claire(world)
    )

    for intruder in (world["carrier"], marc(world)):
        with pytest.raises(PermissionDeniedError):
            invitation_accept(invitation=invitation, by=intruder)
        with pytest.raises(PermissionDeniedError):
            invitation_decline(invitation=invitation, by=intruder)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING

    invitation_accept(invitation=invitation, by=claire(world))
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.answered_at is not None


def test_an_answered_invitation_cannot_be_answered_again(world):
    invitation = invitation_send(
        need=world["accounting"], by=world["carrier"], person=claire(world)
    )
    invitation_decline(invitation=invitation, by=claire(world))

    with pytest.raises(InvitationError, match="déjà reçu une réponse"):
        invitation_accept(invitation=invitation, by=claire(world))
    with pytest.raises(InvitationError, match="déjà reçu une réponse"):
        invitation_withdraw(invitation=invitation, by=world["carrier"])
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED


def test_the_team_withdraws_its_invitation_not_the_invited_person(world):
    invitation = invitation_send(
        need=world["accounting"], by=world["carrier"], person=claire(world)
    )

    with pytest.raises(PermissionDeniedError):
        invitation_withdraw(invitation=invitation, by=claire(world))
    invitation_withdraw(invitation=invitation, by=world["teammate"])

    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.WITHDRAWN
    assert Notification.objects.filter(
        user=claire(world), title__startswith="Le projet « Épicerie solidaire de Saignon » a retiré"
    ).exists()
    # Withdrawn: the person may be invited again.
    invitation_send(need=world["accounting"], by=world["carrier"], person=claire(world))


def test_a_person_offers_help_and_the_team_answers(world):
    offer = help_offer(need=world["accounting"], person=claire(world), message="Je suis là !")

    assert offer.direction == Direction.PERSON_OFFERS
    assert Notification.objects.filter(user=world["carrier"], kind="maison").count() == 1
    assert Notification.objects.filter(user=world["teammate"], kind="maison").count() == 1
    with pytest.raises(PermissionDeniedError):
        invitation_accept(invitation=offer, by=claire(world))  # Not her own offer.
    with pytest.raises(PermissionDeniedError):
        invitation_withdraw(invitation=offer, by=world["carrier"])  # The team does not withdraw.

    invitation_accept(invitation=offer, by=world["teammate"])

    offer.refresh_from_db()
    assert offer.status == InvitationStatus.ACCEPTED
    assert Notification.objects.filter(
        user=claire(world), title__contains="accepte votre aide"
    ).exists()


def test_the_person_withdraws_their_offer(world):
    offer = help_offer(need=world["accounting"], person=claire(world))
    invitation_withdraw(invitation=offer, by=claire(world))
    offer.refresh_from_db()
    assert offer.status == InvitationStatus.WITHDRAWN


@pytest.mark.parametrize("who", ["team", "non_member"])
def test_only_members_outside_the_team_offer_help(world, who, make_user):
    person = world["teammate"] if who == "team" else make_user("ailleurs@maison.test")
    with pytest.raises(PermissionDeniedError):
        help_offer(need=world["accounting"], person=person)
    assert Invitation.objects.count() == 0


def test_no_offer_of_help_on_an_asset_need(world):
    with pytest.raises(InvitationError, match="attend un bien"):
        help_offer(need=world["room"], person=claire(world))
    assert Invitation.objects.count() == 0


def test_the_need_is_met_when_enough_people_accepted(world):
    garden = world["garden"]  # Two people wanted.
    first = invitation_send(need=garden, by=world["carrier"], person=world["people"]["leo"][0])
    second = help_offer(need=garden, person=claire(world))

    invitation_accept(invitation=first, by=world["people"]["leo"][0])
    garden.refresh_from_db()
    assert garden.status == NeedStatus.OPEN

    invitation_accept(invitation=second, by=world["carrier"])
    garden.refresh_from_db()
    assert garden.status == NeedStatus.MET


# --- Assets -------------------------------------------------------------------------------------


def test_accepting_an_asset_invitation_books_the_asset_for_the_need_dates(world):
    grange = world["assets"]["grange"]
    invitation = invitation_send(need=world["room"], by=world["carrier"], asset=grange)
    assert Notification.objects.filter(user=grange.owner, kind="maison").count() == 1

    with pytest.raises(PermissionDeniedError):
        invitation_accept(invitation=invitation, by=world["carrier"])
    invitation_accept(invitation=invitation, by=grange.owner)

    invitation.refresh_from_db()
    booking = invitation.booking
    assert invitation.status == InvitationStatus.ACCEPTED
    assert booking is not None
    assert booking.status == BookingStatus.ACCEPTED
    assert (booking.starts_at, booking.ends_at) == need_period(world["room"])
    assert booking.requester == world["carrier"]


def test_an_asset_invitation_is_refused_when_the_asset_is_no_longer_free(world):
    grange = world["assets"]["grange"]
    invitation = invitation_send(need=world["room"], by=world["carrier"], asset=grange)
    period = need_period(world["room"])
    assert period is not None
    starts_at = period[0]
    Booking.objects.create(
        territory=grange.territory,
        asset=grange,
        requester=claire(world),
        starts_at=starts_at + timedelta(hours=8),
        ends_at=starts_at + timedelta(hours=10),
        status=BookingStatus.ACCEPTED,
    )

    with pytest.raises(ApplicationError, match="déjà réservé"):
        invitation_accept(invitation=invitation, by=grange.owner)

    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING
    assert invitation.booking is None
    assert Booking.objects.filter(asset=grange).count() == 1


# --- Hours --------------------------------------------------------------------------------------


def accepted(world):
    invitation = invitation_send(
        need=world["accounting"], by=world["carrier"], person=claire(world)
    )
    return invitation_accept(invitation=invitation, by=claire(world))


def test_the_person_and_a_carrier_record_hours_and_totals_add_up(world, territory):
    invitation = accepted(world)
    yesterday = TODAY() - timedelta(days=1)

    contribution_hours_record(
        invitation=invitation,
        by=claire(world),
        given_on=yesterday,
        hours=Decimal("2.5"),
        note="Saisie",
    )
    contribution_hours_record(
        invitation=invitation, by=world["carrier"], given_on=TODAY(), hours=Decimal(3)
    )

    assert contribution_hours_total(territory=territory, project=world["project"]) == Decimal("5.5")
    assert hours_by_project(territory=territory) == {world["project"].pk: Decimal("5.5")}
    assert hours_by_person(territory=territory) == {claire(world).pk: Decimal("5.5")}
    assert Notification.objects.filter(user=claire(world), title__startswith="3 h").exists()


def test_a_team_member_who_is_not_carrier_does_not_record_hours(world):
    invitation = accepted(world)
    for intruder in (world["teammate"], marc(world)):
        with pytest.raises(PermissionDeniedError):
            contribution_hours_record(
                invitation=invitation, by=intruder, given_on=TODAY(), hours=Decimal(1)
            )
    assert ContributionHours.objects.count() == 0


@pytest.mark.parametrize(
    ("hours", "days", "field"),
    [
        (Decimal(0), 0, "hours"),
        (Decimal(-2), 0, "hours"),
        (Decimal("24.5"), 0, "hours"),
        (Decimal(2), -1, "given_on"),  # tomorrow
    ],
)
def test_refuses_bad_hours_and_changes_nothing(world, hours, days, field):
    invitation = accepted(world)

    with pytest.raises(HoursFieldError) as caught:
        contribution_hours_record(
            invitation=invitation,
            by=claire(world),
            given_on=TODAY() - timedelta(days=days),
            hours=hours,
        )

    assert caught.value.field == field
    assert ContributionHours.objects.count() == 0


def test_no_hours_on_a_pending_invitation(world):
    invitation = invitation_send(
        need=world["accounting"], by=world["carrier"], person=claire(world)
    )
    with pytest.raises(InvitationError, match="contribution acceptée"):
        contribution_hours_record(
            invitation=invitation, by=claire(world), given_on=TODAY(), hours=Decimal(1)
        )
    assert ContributionHours.objects.count() == 0


def test_exports_and_erases_the_persons_invitations_and_hours(world):
    invitation = accepted(world)
    contribution_hours_record(
        invitation=invitation, by=claire(world), given_on=TODAY(), hours=Decimal(2)
    )

    data = export_maison_data(claire(world))
    assert [i["need"] for i in data["invitations"]] == ["Tenir la comptabilité de l'épicerie"]
    assert [h["hours"] for h in data["contribution_hours"]] == ["2.00"]

    erase_maison_data(claire(world))
    assert Invitation.objects.count() == 0
    assert ContributionHours.objects.count() == 0
