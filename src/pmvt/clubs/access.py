"""Permission rules on clubs: who sees, joins, reads, writes in and manages a club.

- a club's presentation and the list of clubs: everyone (an inactive club: territory admins);
- threads, resources and the member list: the club's active members and the territory's
  moderators;
- posting and replying: active members (and the territory's moderators);
- joining: a member of the territory, who must be on the staff of a verified actor when the
  club is for actors only;
- managing (pin, lock, requests, members, events): the club's moderators, and the territory's
  moderators and admins, who may do all that club moderators do;
- creating and editing clubs: the territory's admins.

`access_*` helpers raise PermissionDeniedError (views answer 403); `can_*` return a bool.
"""

from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import (
    AnyUser,
    can_administer_territory,
    can_moderate_territory,
    membership_of,
)
from pmvt.actors.selectors import verified_actors
from pmvt.clubs.models import (
    CURRENT_STATUSES,
    Audience,
    Club,
    ClubMembership,
    Resource,
    Thread,
)
from pmvt.community.models import Visibility
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.territories.models import Territory

MEMBERSHIP_CACHE = "_pmvt_club_memberships"


def club_membership_of(*, user: AnyUser, club: Club) -> ClubMembership | None:
    """The user's current (pending or active) membership of the club, cached for the request."""
    if not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault(MEMBERSHIP_CACHE, {})
    if club.pk not in cache:
        cache[club.pk] = ClubMembership.objects.filter(
            club=club, user=user, status__in=CURRENT_STATUSES
        ).first()
    return cache[club.pk]


def forget_club_memberships(user: AnyUser) -> None:
    """Drop the cached memberships after a change, so the next check reads the database."""
    user.__dict__.pop(MEMBERSHIP_CACHE, None)


def is_verified_actor_staff(*, user: AnyUser, territory: Territory) -> bool:
    """On the team (any role) of at least one verified actor of the territory."""
    if not user.is_authenticated:
        return False
    return verified_actors(territory=territory).filter(staff__user=user).exists()


def is_active_club_member(*, user: AnyUser, club: Club) -> bool:
    membership = club_membership_of(user=user, club=club)
    return membership is not None and membership.is_active


def is_club_moderator(*, user: AnyUser, club: Club) -> bool:
    membership = club_membership_of(user=user, club=club)
    return membership is not None and membership.is_moderator


# --- the club's presentation and content ------------------------------------------------------


def can_view_club(*, user: AnyUser, club: Club) -> bool:
    if club.is_active:
        return True
    return can_administer_territory(user=user, territory=club.territory)


def can_read_club(*, user: AnyUser, club: Club) -> bool:
    """Threads, resources, events and the member list."""
    if not can_view_club(user=user, club=club):
        return False
    if is_active_club_member(user=user, club=club):
        return True
    return can_moderate_territory(user=user, territory=club.territory)


def access_club_content(*, user: AnyUser, club: Club) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour lire les échanges de ce club."))
    if not can_read_club(user=user, club=club):
        raise PermissionDeniedError(
            _("Les échanges de ce club sont réservés à ses membres. Rejoignez-le pour les lire.")
        )


def can_view_thread(*, user: AnyUser, thread: Thread) -> bool:
    """A member reads published threads, and their own while they wait for moderation."""
    if not can_read_club(user=user, club=thread.club):
        return False
    if thread.visibility == Visibility.PUBLISHED:
        return True
    if user.is_authenticated and thread.author_id == user.pk:
        return thread.visibility != Visibility.REMOVED
    return can_moderate_territory(user=user, territory=thread.territory)


def access_thread(*, user: AnyUser, thread: Thread) -> None:
    access_club_content(user=user, club=thread.club)
    if not can_view_thread(user=user, thread=thread):
        raise PermissionDeniedError(_("Cette discussion n'est pas visible."))


# --- writing ----------------------------------------------------------------------------------


def can_post_in_club(*, user: AnyUser, club: Club) -> bool:
    if not user.is_authenticated:
        return False
    if not club.is_active:
        return False
    if is_active_club_member(user=user, club=club):
        return True
    return can_moderate_territory(user=user, territory=club.territory)


def access_club_post(*, user: AnyUser, club: Club) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour écrire dans ce club."))
    if not club.is_active:
        raise PermissionDeniedError(_("Ce club est fermé : on ne peut plus y écrire."))
    if not can_post_in_club(user=user, club=club):
        raise PermissionDeniedError(_("Seuls les membres de ce club peuvent y écrire."))


def can_reply_to_thread(*, user: AnyUser, thread: Thread) -> bool:
    if not can_post_in_club(user=user, club=thread.club):
        return False
    if thread.visibility != Visibility.PUBLISHED:
        return False
    if thread.locked:
        return can_manage_club(user=user, club=thread.club)
    return True


def access_thread_reply(*, user: AnyUser, thread: Thread) -> None:
    access_club_post(user=user, club=thread.club)
    if thread.visibility != Visibility.PUBLISHED:
        raise PermissionDeniedError(_("Cette discussion n'est pas encore publiée."))
    if not can_reply_to_thread(user=user, thread=thread):
        raise PermissionDeniedError(_("Cette discussion est close : on ne peut plus y répondre."))


def can_mark_solved(*, user: AnyUser, thread: Thread) -> bool:
    """The question's author, or whoever manages the club, marks the reply that helped."""
    if not thread.is_question:
        return False
    if not user.is_authenticated:
        return False
    if thread.author_id == user.pk and is_active_club_member(user=user, club=thread.club):
        return True
    return can_manage_club(user=user, club=thread.club)


def access_thread_mark_solved(*, user: AnyUser, thread: Thread) -> None:
    if not can_mark_solved(user=user, thread=thread):
        raise PermissionDeniedError(
            _(
                "Seuls l'auteur de la question et les modérateurs du club peuvent indiquer "
                "la réponse qui l'a résolue."
            )
        )


def can_remove_resource(*, user: AnyUser, resource: Resource) -> bool:
    if not user.is_authenticated:
        return False
    if resource.added_by_id == user.pk and is_active_club_member(user=user, club=resource.club):
        return True
    return can_manage_club(user=user, club=resource.club)


def access_resource_remove(*, user: AnyUser, resource: Resource) -> None:
    if not can_remove_resource(user=user, resource=resource):
        raise PermissionDeniedError(
            _(
                "Seuls la personne qui l'a ajoutée et les modérateurs du club retirent une ressource."
            )
        )


# --- joining and leaving ----------------------------------------------------------------------


def access_club_join(*, user: AnyUser, club: Club) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour rejoindre ce club."))
    if not club.is_active:
        raise PermissionDeniedError(_("Ce club est fermé aux nouvelles adhésions."))
    if membership_of(user=user, territory=club.territory) is None:
        raise PermissionDeniedError(
            _("Rejoignez d'abord le territoire pour adhérer à l'un de ses clubs.")
        )
    if club_membership_of(user=user, club=club) is not None:
        raise PermissionDeniedError(
            _("Vous êtes déjà membre de ce club ou votre demande est en cours.")
        )
    if club.audience == Audience.ACTORS and not is_verified_actor_staff(
        user=user, territory=club.territory
    ):
        raise PermissionDeniedError(
            _(
                "Ce club est réservé aux membres de l'équipe d'un acteur vérifié du territoire. "
                "Inscrivez votre activité sur la Place des marchés pour le rejoindre."
            )
        )


def can_join_club(*, user: AnyUser, club: Club) -> bool:
    try:
        access_club_join(user=user, club=club)
    except PermissionDeniedError:
        return False
    return True


def access_club_leave(*, user: AnyUser, club: Club) -> ClubMembership:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour quitter ce club."))
    membership = club_membership_of(user=user, club=club)
    if membership is None:
        raise PermissionDeniedError(_("Vous n'êtes pas membre de ce club."))
    return membership


# --- managing ---------------------------------------------------------------------------------


def can_manage_club(*, user: AnyUser, club: Club) -> bool:
    """Pin and lock threads, handle requests and members, attach events."""
    if not user.is_authenticated:
        return False
    if is_club_moderator(user=user, club=club):
        return True
    return can_moderate_territory(user=user, territory=club.territory)


def access_club_manage(*, user: AnyUser, club: Club) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour gérer ce club."))
    if not can_manage_club(user=user, club=club):
        raise PermissionDeniedError(_("Seuls les modérateurs de ce club peuvent faire cela."))


def access_clubs_as_admin(*, user: AnyUser, territory: Territory) -> None:
    """Open, change or close clubs: the territory's admins and the operator."""
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour gérer les clubs."))
    if not can_administer_territory(user=user, territory=territory):
        raise PermissionDeniedError(_("Seuls les administrateurs du territoire gèrent les clubs."))
