"""Join and leave a club; the club's moderators accept, refuse, remove members and name others.

A person has at most one current (pending or active) membership of a club: the database
refuses a second one, so two clicks on "Rejoindre" give one membership. Ended memberships
(left, refused, removed) stay as the club's history; joining again starts a new one.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import Role, User
from pmvt.clubs.access import (
    access_club_join,
    access_club_leave,
    access_club_manage,
    forget_club_memberships,
)
from pmvt.clubs.errors import ClubErrorCode
from pmvt.clubs.formatting import person_name
from pmvt.clubs.models import (
    Club,
    ClubMembership,
    JoinPolicy,
    MembershipRole,
    MembershipStatus,
)
from pmvt.clubs.selectors import club_moderator_users
from pmvt.clubs.services._common import ClubFieldError, text_block
from pmvt.core.exceptions import ApplicationError
from pmvt.notifications.services import notify

NOTIFICATION_KIND = "club"


def _club_url(club: Club, name: str = "clubs:detail") -> str:
    return reverse(name, kwargs={"territory_slug": club.territory.slug, "club_slug": club.slug})


def request_reviewers(*, club: Club) -> list[User]:
    """Who hears of a request to join: the club's moderators, else the territory's."""
    moderators = club_moderator_users(club=club)
    if moderators:
        return moderators
    return list(
        User.objects.filter(
            Q(memberships__role=Role.MODERATOR) | Q(memberships__role=Role.ADMIN),
            memberships__territory=club.territory,
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


@transaction.atomic
def club_join(*, club: Club, user: User) -> ClubMembership:
    """Join at once (open club) or ask the club's moderators (club on approval)."""
    access_club_join(user=user, club=club)
    status = (
        MembershipStatus.ACTIVE if club.join_policy == JoinPolicy.OPEN else MembershipStatus.PENDING
    )
    membership = ClubMembership(territory=club.territory, club=club, user=user, status=status)
    if status == MembershipStatus.ACTIVE:
        membership.decided_at = timezone.now()
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:
        forget_club_memberships(user)
        raise ApplicationError(
            _("Vous êtes déjà membre de ce club ou votre demande est en cours."),
            code=ClubErrorCode.ALREADY_MEMBER,
        ) from None
    forget_club_memberships(user)
    if status == MembershipStatus.PENDING:
        for reviewer in request_reviewers(club=club):
            if reviewer.pk == user.pk:
                continue
            notify(
                user=reviewer,
                territory=club.territory,
                kind=NOTIFICATION_KIND,
                title=_("Demande d'adhésion au %(club)s") % {"club": club.name},
                body=_("%(person)s demande à rejoindre le %(club)s.")
                % {"person": person_name(user), "club": club.name},
                url=_club_url(club, "clubs:requests"),
            )
    return membership


@transaction.atomic
def club_leave(*, club: Club, user: User) -> ClubMembership:
    """Leave the club, or withdraw a pending request."""
    membership = access_club_leave(user=user, club=club)
    locked = ClubMembership.objects.select_for_update().get(pk=membership.pk)
    if locked.status not in (MembershipStatus.ACTIVE, MembershipStatus.PENDING):
        raise ApplicationError(
            _("Vous n'êtes pas membre de ce club."), code=ClubErrorCode.NOT_MEMBER
        )
    locked.status = MembershipStatus.LEFT
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    forget_club_memberships(user)
    return locked


def _lock_for_decision(
    *, membership: ClubMembership, by: User, allowed_from: set[str], refusal: str
) -> ClubMembership:
    access_club_manage(user=by, club=membership.club)
    locked = (
        ClubMembership.objects.select_for_update()
        .select_related("club__territory", "user")
        .get(pk=membership.pk)
    )
    if locked.status not in allowed_from:
        raise ApplicationError(refusal, code=ClubErrorCode.INVALID_TRANSITION)
    return locked


def _decide(*, membership: ClubMembership, by: User, status: str, reason: str = "") -> None:
    membership.status = status
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.reason = reason
    membership.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    forget_club_memberships(membership.user)


@transaction.atomic
def membership_approve(*, membership: ClubMembership, by: User) -> ClubMembership:
    locked = _lock_for_decision(
        membership=membership,
        by=by,
        allowed_from={MembershipStatus.PENDING},
        refusal=_("Cette demande a déjà été traitée."),
    )
    _decide(membership=locked, by=by, status=MembershipStatus.ACTIVE)
    club = locked.club
    notify(
        user=locked.user,
        territory=club.territory,
        kind=NOTIFICATION_KIND,
        title=_("Bienvenue au %(club)s") % {"club": club.name},
        body=_("Votre demande d'adhésion est acceptée : vous pouvez lire et écrire dans le club."),
        url=_club_url(club),
    )
    return locked


@transaction.atomic
def membership_refuse(*, membership: ClubMembership, by: User, reason: str = "") -> ClubMembership:
    reason = text_block(reason)
    if len(reason) > 1000:
        raise ClubFieldError(_("Le motif ne doit pas dépasser 1000 caractères."), field="reason")
    locked = _lock_for_decision(
        membership=membership,
        by=by,
        allowed_from={MembershipStatus.PENDING},
        refusal=_("Cette demande a déjà été traitée."),
    )
    _decide(membership=locked, by=by, status=MembershipStatus.REFUSED, reason=reason)
    club = locked.club
    body = _("Votre demande d'adhésion au %(club)s n'a pas été acceptée.") % {"club": club.name}
    if reason:
        body = f"{body}\n\n{_('Motif :')} {reason}"
    notify(
        user=locked.user,
        territory=club.territory,
        kind=NOTIFICATION_KIND,
        title=_("Votre demande d'adhésion au %(club)s") % {"club": club.name},
        body=body,
        url=_club_url(club),
    )
    return locked


@transaction.atomic
def membership_remove(*, membership: ClubMembership, by: User, reason: str) -> ClubMembership:
    """Remove a member from the club, saying why; the member is told."""
    reason = text_block(reason)
    if not reason:
        raise ClubFieldError(
            _("Indiquez le motif du retrait : il est transmis à la personne."),
            field="reason",
            code=ClubErrorCode.REASON_REQUIRED,
        )
    if len(reason) > 1000:
        raise ClubFieldError(_("Le motif ne doit pas dépasser 1000 caractères."), field="reason")
    if membership.user_id == by.pk:
        raise ApplicationError(
            _("Pour vous retirer vous-même, quittez le club."),
            code=ClubErrorCode.INVALID_TRANSITION,
        )
    locked = _lock_for_decision(
        membership=membership,
        by=by,
        allowed_from={MembershipStatus.ACTIVE},
        refusal=_("Cette personne n'est plus membre du club."),
    )
    _decide(membership=locked, by=by, status=MembershipStatus.REMOVED, reason=reason)
    club = locked.club
    notify(
        user=locked.user,
        territory=club.territory,
        kind=NOTIFICATION_KIND,
        title=_("Vous avez été retiré du %(club)s") % {"club": club.name},
        body=_("Les modérateurs du club vous ont retiré de ses membres.")
        + f"\n\n{_('Motif :')} {reason}",
        url=_club_url(club),
    )
    return locked


@transaction.atomic
def membership_set_role(*, membership: ClubMembership, by: User, role: str) -> ClubMembership:
    """Name a member moderator of the club, or make a moderator a plain member again."""
    if role not in MembershipRole.values:
        raise ClubFieldError(_("Choisissez un rôle."), field="role")
    locked = _lock_for_decision(
        membership=membership,
        by=by,
        allowed_from={MembershipStatus.ACTIVE},
        refusal=_("Cette personne n'est plus membre du club."),
    )
    if locked.role != role:
        locked.role = role
        locked.save(update_fields=["role"])
        forget_club_memberships(locked.user)
        if role == MembershipRole.MODERATOR:
            club = locked.club
            notify(
                user=locked.user,
                territory=club.territory,
                kind=NOTIFICATION_KIND,
                title=_("Vous modérez désormais le %(club)s") % {"club": club.name},
                body=_(
                    "Vous pouvez accepter les demandes d'adhésion, épingler et clore les "
                    "discussions, et retirer un membre en indiquant le motif."
                ),
                url=_club_url(club, "clubs:members"),
            )
    return locked
