"""Invitations to contribute to a need, offers of help, answers, and the hours given.

The team invites a person or an asset (with the suggestion's reasons and score as a snapshot);
a person may also offer to help. The other side accepts or declines; the side that sent may
withdraw while it is pending. Accepting an asset invitation books the asset for the need's
dates through pmvt.assets; accepting people may fill the need (pmvt.projects marks it met).
"""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.assets.models import Asset, AssetStatus, Booking
from pmvt.assets.services.bookings import booking_accept, booking_request
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.maison import selectors
from pmvt.maison.access import (
    access_help_offer,
    access_hours_record,
    access_invitation_as_recipient,
    access_invitation_as_sender,
    access_need_as_team,
    is_member,
)
from pmvt.maison.errors import HoursFieldError, InvitationError, MaisonErrorCode
from pmvt.maison.matching import PEOPLE_KINDS, Suggestion
from pmvt.maison.models import (
    ContributionHours,
    Direction,
    Invitation,
    InvitationStatus,
)
from pmvt.maison.services import notices
from pmvt.projects.models import Need, NeedKind, NeedStatus
from pmvt.projects.services.needs import need_mark_met

MAX_HOURS_PER_DAY = Decimal(24)


def _locked_need(need: Need) -> Need:
    return (
        Need.objects.select_for_update(of=("self",))
        .select_related("project", "territory")
        .get(pk=need.pk)
    )


def _locked_invitation(invitation: Invitation) -> Invitation:
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("need__project", "territory", "person", "asset__owner", "sent_by")
        .get(pk=invitation.pk)
    )


def _check_need_open(need: Need) -> None:
    if need.status != NeedStatus.OPEN:
        raise InvitationError(_("Ce besoin n'est plus ouvert."))


def _check_not_already(need: Need, *, person: User | None, asset: Asset | None) -> None:
    if selectors.active_invitation_exists(need=need, person=person, asset=asset):
        raise InvitationError(
            _("Une invitation est déjà en cours ou acceptée pour ce besoin."),
            code=MaisonErrorCode.ALREADY_INVITED,
        )


def _create(**values: Any) -> Invitation:
    try:
        with transaction.atomic():
            return Invitation.objects.create(**values)
    except IntegrityError as error:  # Two clicks at once: the unique constraint decides.
        raise InvitationError(
            _("Une invitation est déjà en cours ou acceptée pour ce besoin."),
            code=MaisonErrorCode.ALREADY_INVITED,
        ) from error


@transaction.atomic
def invitation_send(
    *,
    need: Need,
    by: User,
    person: User | None = None,
    asset: Asset | None = None,
    message: str = "",
    suggestion: Suggestion | None = None,
) -> Invitation:
    """The team invites a person (skill or volunteers need) or an asset (asset need)."""
    need = _locked_need(need)
    access_need_as_team(user=by, need=need)
    _check_need_open(need)
    if (person is None) == (asset is None):
        raise InvitationError(_("Invitez une personne ou un bien."))
    if person is not None:
        if need.kind not in PEOPLE_KINDS:
            raise InvitationError(_("Ce besoin attend un bien, pas une personne."))
        if not is_member(user=person, territory=need.territory):
            raise InvitationError(_("Cette personne n'est pas membre du territoire."))
        if selectors.is_team_member(user=person, project=need.project):
            raise InvitationError(_("Cette personne fait déjà partie de l'équipe du projet."))
    if asset is not None:
        if need.kind != NeedKind.ASSET:
            raise InvitationError(_("Ce besoin attend des personnes, pas un bien."))
        if asset.territory_id != need.territory_id or asset.status != AssetStatus.PUBLISHED:
            raise InvitationError(_("Ce bien n'est pas proposé sur le territoire."))
    if len(message) > 2000:
        raise InvitationError(_("Le message ne doit pas dépasser 2 000 caractères."))
    _check_not_already(need, person=person, asset=asset)
    invitation = _create(
        territory=need.territory,
        need=need,
        direction=Direction.TEAM_INVITES,
        person=person,
        asset=asset,
        sent_by=by,
        message=message.strip(),
        reasons=list(suggestion.reasons) if suggestion else [],
        score=Decimal(str(suggestion.score)) if suggestion else None,
    )
    notices.tell_invited(invitation)
    return invitation


@transaction.atomic
def help_offer(
    *, need: Need, person: User, message: str = "", suggestion: Suggestion | None = None
) -> Invitation:
    """A person offers to help on a skill or volunteers need; the team accepts or declines."""
    need = _locked_need(need)
    access_help_offer(user=person, need=need)
    _check_need_open(need)
    if need.kind not in PEOPLE_KINDS:
        raise InvitationError(_("Ce besoin attend un bien : proposez-le depuis vos biens."))
    if len(message) > 2000:
        raise InvitationError(_("Le message ne doit pas dépasser 2 000 caractères."))
    _check_not_already(need, person=person, asset=None)
    invitation = _create(
        territory=need.territory,
        need=need,
        direction=Direction.PERSON_OFFERS,
        person=person,
        sent_by=person,
        message=message.strip(),
        reasons=list(suggestion.reasons) if suggestion else [],
        score=Decimal(str(suggestion.score)) if suggestion else None,
    )
    notices.tell_offered(invitation)
    return invitation


def _check_pending(invitation: Invitation) -> None:
    if invitation.status != InvitationStatus.PENDING:
        raise InvitationError(_("Cette invitation a déjà reçu une réponse ou a été retirée."))


def _book_asset(invitation: Invitation, *, by: User) -> Booking:
    """Book the asset for the need's dates and accept the booking at once (the owner says yes)."""
    need = invitation.need
    asset = invitation.asset
    assert asset is not None
    period = selectors.need_period(need)
    if period is None:
        raise InvitationError(_("Ce besoin n'a pas de dates : la réservation est impossible."))
    starts_at, ends_at = period
    requester = invitation.sent_by or by
    message = _("Réservation pour le projet « %(project)s » : %(need)s.") % {
        "project": need.project.title,
        "need": need.title,
    }
    try:
        booking = booking_request(
            asset=asset, requester=requester, starts_at=starts_at, ends_at=ends_at, message=message
        )
    except PermissionDeniedError as error:  # The requester's side: not the answerer's fault.
        raise InvitationError(error.message) from error
    return booking_accept(booking=booking, by=by, answer="")


def _maybe_mark_met(invitation: Invitation, *, team_user: User | None) -> None:
    need = invitation.need
    if need.kind not in PEOPLE_KINDS or team_user is None:
        return
    if selectors.accepted_people_count(need) < need.people:
        return
    try:
        with transaction.atomic():
            need_mark_met(need=need, by=team_user)
    except ApplicationError:
        # The need stays open: the team marks it met from the project's page.
        return


@transaction.atomic
def invitation_accept(*, invitation: Invitation, by: User, answer: str = "") -> Invitation:
    invitation = _locked_invitation(invitation)
    access_invitation_as_recipient(user=by, invitation=invitation)
    _check_pending(invitation)
    _check_need_open(invitation.need)
    if invitation.asset is not None:
        invitation.booking = _book_asset(invitation, by=by)
    invitation.status = InvitationStatus.ACCEPTED
    invitation.answer = answer.strip()[:2000]
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answer", "answered_at", "booking"])
    if invitation.direction == Direction.PERSON_OFFERS:
        team_user: User | None = by
    elif invitation.sent_by and selectors.is_team_member(
        user=invitation.sent_by, project=invitation.need.project
    ):
        team_user = invitation.sent_by
    else:
        team_user = None
    _maybe_mark_met(invitation, team_user=team_user)
    notices.tell_accepted(invitation, by=by)
    return invitation


@transaction.atomic
def invitation_decline(*, invitation: Invitation, by: User, answer: str = "") -> Invitation:
    invitation = _locked_invitation(invitation)
    access_invitation_as_recipient(user=by, invitation=invitation)
    _check_pending(invitation)
    if len(answer) > 2000:
        raise InvitationError(_("La réponse ne doit pas dépasser 2 000 caractères."))
    invitation.status = InvitationStatus.DECLINED
    invitation.answer = answer.strip()
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answer", "answered_at"])
    notices.tell_declined(invitation, by=by)
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, by: User) -> Invitation:
    invitation = _locked_invitation(invitation)
    access_invitation_as_sender(user=by, invitation=invitation)
    _check_pending(invitation)
    invitation.status = InvitationStatus.WITHDRAWN
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    notices.tell_withdrawn(invitation, by=by)
    return invitation


def parse_hours(value: object) -> Decimal:
    try:
        hours = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as error:
        raise HoursFieldError(
            _("Indiquez un nombre d'heures, par exemple 2,5."), field="hours"
        ) from error
    if not hours.is_finite():
        raise HoursFieldError(_("Indiquez un nombre d'heures, par exemple 2,5."), field="hours")
    return hours


@transaction.atomic
def contribution_hours_record(
    *, invitation: Invitation, by: User, given_on: date, hours: Decimal, note: str = ""
) -> ContributionHours:
    """Record hours actually given on an accepted contribution (the person or a carrier)."""
    invitation = _locked_invitation(invitation)
    access_hours_record(user=by, invitation=invitation)
    if invitation.status != InvitationStatus.ACCEPTED:
        raise InvitationError(_("Les heures se saisissent sur une contribution acceptée."))
    if given_on > timezone.localdate():
        raise HoursFieldError(_("La date ne peut pas être dans le futur."), field="given_on")
    hours = hours.quantize(Decimal("0.01")) if hours.is_finite() else hours
    if not hours > 0:
        raise HoursFieldError(_("Indiquez un nombre d'heures positif."), field="hours")
    if hours > MAX_HOURS_PER_DAY:
        raise HoursFieldError(_("Indiquez au plus 24 heures pour une journée."), field="hours")
    if len(note) > 300:
        raise HoursFieldError(_("La note ne doit pas dépasser 300 caractères."), field="note")
    record = ContributionHours.objects.create(
        territory=invitation.territory,
        invitation=invitation,
        given_on=given_on,
        hours=hours,
        note=note.strip(),
        recorded_by=by,
    )
    notices.tell_hours(invitation, by=by, hours=format(hours.normalize(), "f").replace(".", ","))
    return record
