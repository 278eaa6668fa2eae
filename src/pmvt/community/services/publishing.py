"""The shared publishing rule of the Valeurs territoriales door.

Every area (news, ideas, clubs, events…) asks `initial_visibility()` which visibility a new
piece of content starts with:

- published for the territory's administrators and moderators, the platform operator, and the
  staff of a verified actor of the territory: they answer for what they publish;
- for everyone else (plain inhabitants, staff of actors not verified yet): pending when the
  territory moderates before publication (`CommunitySettings.moderate_before_publication`, on
  by default), published otherwise.
"""

from pmvt.accounts.access import AnyUser, can_moderate_territory, is_operator
from pmvt.actors.models import Actor, ActorStatus
from pmvt.community.models import Visibility
from pmvt.community.selectors import community_settings_of
from pmvt.territories.models import Territory


def is_trusted_publisher(*, user: AnyUser, territory: Territory) -> bool:
    """Whether what the user publishes on this territory skips moderation."""
    if not user.is_authenticated:
        return False
    if is_operator(user):
        return True
    if can_moderate_territory(user=user, territory=territory):
        return True
    return Actor.objects.filter(
        territory=territory, staff__user=user, status=ActorStatus.VERIFIED
    ).exists()


def initial_visibility(*, user: AnyUser, territory: Territory) -> Visibility:
    if is_trusted_publisher(user=user, territory=territory):
        return Visibility.PUBLISHED
    if community_settings_of(territory).moderate_before_publication:
        return Visibility.PENDING
    return Visibility.PUBLISHED
