"""Who sees a profile: 3 visibility levels × anonymous / member / stranger / owner; private
profiles are used for matching but never listed nor shown."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pmvt.skills.access import can_view_profile
from pmvt.skills.models import Visibility
from pmvt.skills.selectors import (
    matchable_profiles,
    profile_list,
    profile_of,
    visible_profile_or_none,
)
from pmvt.skills.tests.conftest import LIST

pytestmark = pytest.mark.django_db

# visibility → (anonymous, member, member of another territory, owner)
EXPECTED = {
    Visibility.PUBLIC: (True, True, True, True),
    Visibility.MEMBERS: (False, True, False, True),
    Visibility.PRIVATE: (False, False, False, True),
}


@pytest.mark.parametrize("visibility", list(EXPECTED))
def test_can_view_profile(territory, make_profile, member, other_admin, visibility):
    profile = make_profile(visibility=visibility)
    viewers = (AnonymousUser(), member, other_admin, profile.user)
    assert (
        tuple(can_view_profile(viewer=v, profile=profile) for v in viewers) == EXPECTED[visibility]
    )
    for viewer, allowed in zip(viewers, EXPECTED[visibility], strict=True):
        found = visible_profile_or_none(territory=territory, viewer=viewer, profile_id=profile.pk)
        assert (found == profile) is allowed


@pytest.mark.parametrize("visibility", list(EXPECTED))
def test_detail_page_allows_and_denies(client, make_profile, member, other_admin, visibility):
    profile = make_profile(visibility=visibility, public_name="Jeanne")
    url = f"{LIST}{profile.pk}/"
    for viewer, allowed in zip(
        (None, member, other_admin, profile.user), EXPECTED[visibility], strict=True
    ):
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        response = client.get(url)
        assert response.status_code == (200 if allowed else 404)
        if allowed:
            assert "Jeanne" in response.content.decode()


def test_inactive_profiles_are_shown_to_their_owner_only(territory, make_profile, member):
    profile = make_profile(visibility=Visibility.PUBLIC, is_active=False)
    assert can_view_profile(viewer=member, profile=profile) is False
    assert can_view_profile(viewer=AnonymousUser(), profile=profile) is False
    assert can_view_profile(viewer=profile.user, profile=profile) is True
    assert list(profile_list(territory=territory, viewer=member)) == []
    assert list(matchable_profiles(territory=territory)) == []


def test_list_shows_public_to_all_members_to_members_never_private(
    client, territory, make_profile, member
):
    public = make_profile(visibility=Visibility.PUBLIC, public_name="Publique Paule")
    members = make_profile(visibility=Visibility.MEMBERS, public_name="Membre Marc")
    private = make_profile(visibility=Visibility.PRIVATE, public_name="Privée Pia")

    assert list(profile_list(territory=territory, viewer=AnonymousUser())) == [public]
    assert set(profile_list(territory=territory, viewer=member)) == {public, members}
    assert set(profile_list(territory=territory, viewer=private.user)) == {public, members}
    assert set(matchable_profiles(territory=territory)) == {public, members, private}

    page = client.get(LIST).content.decode()
    assert "Publique Paule" in page and "Membre Marc" not in page and "Privée Pia" not in page
    client.force_login(member)
    page = client.get(LIST).content.decode()
    assert "Publique Paule" in page and "Membre Marc" in page and "Privée Pia" not in page
    client.force_login(private.user)
    page = client.get(LIST).content.decode()
    assert "Privée Pia" not in page


def test_contact_details_are_never_shown(client, make_profile, member):
    profile = make_profile(visibility=Visibility.PUBLIC)
    owner_email = profile.user.email
    client.force_login(member)
    for url in [LIST, f"{LIST}{profile.pk}/"]:
        assert owner_email not in client.get(url).content.decode()
    # Without a public name nor an account name, the email is not used either.
    assert profile.public_name == ""
    assert profile.display_name == "Membre du territoire"


def test_territory_isolation(client, territory, other_territory, make_profile, other_admin):
    theirs = make_profile(in_territory=other_territory, visibility=Visibility.PUBLIC)
    ours = make_profile(visibility=Visibility.PUBLIC)
    assert list(profile_list(territory=territory, viewer=AnonymousUser())) == [ours]
    assert list(matchable_profiles(territory=territory)) == [ours]
    assert (
        visible_profile_or_none(territory=territory, viewer=other_admin, profile_id=theirs.pk)
        is None
    )
    assert profile_of(territory=territory, user=theirs.user) is None
    assert client.get(f"{LIST}{theirs.pk}/").status_code == 404
