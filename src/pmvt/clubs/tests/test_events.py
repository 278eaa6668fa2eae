"""A club puts agenda events forward to its members: who may, which events, shown how."""

import pytest

from pmvt.agenda.tests.conftest import event_data
from pmvt.clubs.models import ClubEvent
from pmvt.clubs.selectors import club_event_candidates, club_events
from pmvt.clubs.services.events import club_event_attach, club_event_detach
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError


@pytest.fixture
def concert(territory, admin):
    from pmvt.agenda.services.events import event_create

    return event_create(territory=territory, by=admin, data=event_data(territory))


def test_a_club_moderator_puts_an_event_forward_once(open_club, join, member, concert):
    join(open_club, member, moderator=True)

    first = club_event_attach(club=open_club, event=concert, by=member)
    again = club_event_attach(club=open_club, event=concert, by=member)

    assert first.pk == again.pk
    assert [ce.event for ce in club_events(club=open_club)] == [concert]
    assert concert not in club_event_candidates(club=open_club)


def test_a_plain_member_cannot_put_an_event_forward(open_club, join, member, concert):
    join(open_club, member)
    with pytest.raises(PermissionDeniedError):
        club_event_attach(club=open_club, event=concert, by=member)
    assert not ClubEvent.objects.exists()


def test_an_event_of_another_territory_or_unpublished_is_refused(
    open_club, admin, concert, other_territory, other_admin
):
    from pmvt.agenda.services.events import event_create
    from pmvt.community.models import Visibility

    elsewhere = event_create(
        territory=other_territory, by=other_admin, data=event_data(other_territory)
    )
    with pytest.raises(ApplicationError, match="publié dans l'agenda du territoire"):
        club_event_attach(club=open_club, event=elsewhere, by=admin)
    concert.visibility = Visibility.PENDING
    concert.save(update_fields=["visibility"])
    with pytest.raises(ApplicationError):
        club_event_attach(club=open_club, event=concert, by=admin)
    assert not ClubEvent.objects.exists()


def test_the_club_page_shows_the_event_and_moderators_take_it_off(
    client, open_club, join, member, concert, admin
):
    join(open_club, member)
    club_event = club_event_attach(club=open_club, event=concert, by=admin)
    client.force_login(member)
    page = client.get(open_club.get_absolute_url()).content.decode()
    assert concert.title in page
    assert "Retirer" not in page.split("club-events")[1].split("</section>")[0]

    with pytest.raises(PermissionDeniedError):
        club_event_detach(club_event=club_event, by=member)
    club_event_detach(club_event=club_event, by=admin)
    assert club_events(club=open_club) == []


@pytest.mark.parametrize("not_an_id", ["", "x", "²", "9" * 40])
def test_putting_forward_something_that_is_not_an_event_changes_nothing(
    client, open_club, join, member, not_an_id
):
    join(open_club, member, moderator=True)
    client.force_login(member)

    response = client.post(
        f"{open_club.get_absolute_url()}evenements/", {"event": not_an_id}, follow=True
    )

    assert response.status_code == 200
    assert "Choisissez un événement de l'agenda." in [str(m) for m in response.context["messages"]]
    assert not ClubEvent.objects.exists()
