"""Minimal stand-in written by the clubs helper; the community helper owns and replaces it.

`initial_visibility()`: published for the territory's admins, moderators and actor members,
pending for plain inhabitants when the territory moderates before publication.
"""

from pmvt.accounts.access import AnyUser, membership_of
from pmvt.accounts.models import Role
from pmvt.community.models import Visibility
from pmvt.territories.models import Territory


def initial_visibility(*, user: AnyUser, territory: Territory) -> Visibility:
    membership = membership_of(user=user, territory=territory)
    if user.is_authenticated and user.is_superuser:
        return Visibility.PUBLISHED
    if membership is not None and membership.role != Role.MEMBER:
        return Visibility.PUBLISHED
    if getattr(territory, "moderate_before_publication", False):
        return Visibility.PENDING
    return Visibility.PUBLISHED
