"""The shared publishing rule: who publishes at once, whose content waits for a moderator."""

from django.contrib.auth.models import AnonymousUser

from pmvt.accounts.models import Role
from pmvt.community.models import CommunitySettings, Visibility
from pmvt.community.selectors import community_settings_of
from pmvt.community.services.publishing import initial_visibility


def test_settings_are_created_once_with_the_defaults(territory):
    settings = community_settings_of(territory)
    assert (settings.report_threshold, settings.moderate_before_publication) == (3, True)
    territory.__dict__.pop("_pmvt_community_settings")
    assert community_settings_of(territory).pk == settings.pk
    assert CommunitySettings.objects.count() == 1


def test_publishes_at_once_for_the_territory_admin(territory, admin):
    assert initial_visibility(user=admin, territory=territory) == Visibility.PUBLISHED


def test_publishes_at_once_for_a_moderator(territory, moderator):
    assert initial_visibility(user=moderator, territory=territory) == Visibility.PUBLISHED


def test_publishes_at_once_for_the_operator(territory, operator):
    assert initial_visibility(user=operator, territory=territory) == Visibility.PUBLISHED


def test_publishes_at_once_for_the_staff_of_a_verified_actor(territory, make_actor_staff):
    staff = make_actor_staff(territory)
    assert initial_visibility(user=staff, territory=territory) == Visibility.PUBLISHED


def test_holds_the_staff_of_an_actor_not_verified_yet(territory, make_actor_staff):
    staff = make_actor_staff(territory, verified=False)
    assert initial_visibility(user=staff, territory=territory) == Visibility.PENDING


def test_holds_a_plain_inhabitant_when_the_territory_moderates_first(territory, member):
    assert initial_visibility(user=member, territory=territory) == Visibility.PENDING


def test_publishes_a_plain_inhabitant_when_the_territory_does_not_moderate_first(
    set_community, territory, member
):
    set_community(moderate_before_publication=False)
    assert initial_visibility(user=member, territory=territory) == Visibility.PUBLISHED


def test_holds_the_admin_of_another_territory(territory, other_admin):
    assert initial_visibility(user=other_admin, territory=territory) == Visibility.PENDING


def test_holds_the_staff_of_a_verified_actor_of_another_territory(
    territory, other_territory, make_actor_staff
):
    staff = make_actor_staff(other_territory)
    assert initial_visibility(user=staff, territory=territory) == Visibility.PENDING


def test_holds_an_anonymous_visitor(territory):
    assert initial_visibility(user=AnonymousUser(), territory=territory) == Visibility.PENDING


def test_an_actor_member_role_alone_is_not_enough(territory, make_member):
    user = make_member(territory, Role.ACTOR_MEMBER)
    assert initial_visibility(user=user, territory=territory) == Visibility.PENDING
