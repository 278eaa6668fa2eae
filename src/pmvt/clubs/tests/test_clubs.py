"""Opening and changing clubs (territory admins)."""

import pytest

from pmvt.clubs.models import Club, ClubKind, JoinPolicy
from pmvt.clubs.services.clubs import club_create, club_update
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError


def test_an_admin_opens_a_club(territory, admin):
    club = club_create(
        territory=territory,
        by=admin,
        name=" Club  des acteurs ",
        purpose="Les CAPLA s'entraident.",
        kind=ClubKind.ACTORS,
        join_policy=JoinPolicy.APPROVAL,
        audience="actors",
    )
    assert (club.name, club.slug, club.created_by) == (
        "Club des acteurs",
        "club-des-acteurs",
        admin,
    )
    assert club.categories[0] == "question"
    again = club_create(territory=territory, by=admin, name="Club des acteurs", purpose="Bis")
    assert again.slug == "club-des-acteurs-2"
    reserved = club_create(territory=territory, by=admin, name="Nouveau", purpose="x")
    assert reserved.slug == "club-nouveau"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": "", "purpose": "x"}, "name"),
        ({"name": "Club", "purpose": ""}, "purpose"),
        ({"name": "Club", "purpose": "x", "kind": "secret"}, "kind"),
        ({"name": "Club", "purpose": "x", "join_policy": "invitation"}, "join_policy"),
        ({"name": "Club", "purpose": "x", "audience": "elus"}, "audience"),
        ({"name": "Club", "purpose": "x", "description": "x" * 5001}, "description"),
    ],
)
def test_a_bad_club_is_refused(territory, admin, values, field):
    with pytest.raises(ApplicationError) as caught:
        club_create(territory=territory, by=admin, **values)
    assert caught.value.field == field  # type: ignore[attr-defined]
    assert Club.objects.count() == 0


def test_only_admins_open_clubs(territory, moderator):
    with pytest.raises(PermissionDeniedError):
        club_create(territory=territory, by=moderator, name="Club", purpose="x")
    assert Club.objects.count() == 0


def test_changing_a_club_keeps_its_address(open_club, admin):
    club = club_update(
        club=open_club,
        by=admin,
        name="Club des habitants",
        purpose="Autre chose.",
        kind=ClubKind.OTHER,
        join_policy=JoinPolicy.APPROVAL,
        audience="everyone",
        is_active=False,
    )
    club.refresh_from_db()
    assert (club.name, club.slug, club.is_active) == (
        "Club des habitants",
        "club-citoyens-acteurs",
        False,
    )
