"""Missions and their dates: bad input changes nothing; weekly series."""

from datetime import time, timedelta
from itertools import pairwise
from typing import Any

import pytest

from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.seats import session_starts
from pmvt.volunteering.models import Mission, MissionStatus, Session
from pmvt.volunteering.services.missions import (
    mission_create,
    mission_publish,
    mission_update,
)
from pmvt.volunteering.services.sessions import sessions_add
from pmvt.volunteering.tests.conftest import commune, in_days, mission_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(territory, organiser):
    return mission_create(
        territory=territory, organiser=organiser[1], by=organiser[0], data=mission_data(territory)
    )


def test_adds_a_weekly_series_for_n_weeks(draft, organiser):
    added = sessions_add(
        mission=draft,
        by=organiser[0],
        starts_at=in_days(2),
        ends_at=in_days(2, time(12)),
        capacity=4,
        weekly=True,
        weeks=6,
    )
    assert len(added) == 6
    starts = [s.starts_at for s in Session.objects.filter(mission=draft).order_by("starts_at")]
    week_gaps = {timedelta(days=7), timedelta(days=7, hours=1), timedelta(days=6, hours=23)}
    assert all(b - a in week_gaps for a, b in pairwise(starts))
    assert {s.capacity for s in added} == {4}


def test_adds_a_weekly_series_until_a_date_and_skips_existing_dates(draft, organiser):
    first = in_days(2)
    until = (first + timedelta(weeks=3)).date()
    kwargs: dict[str, Any] = {"starts_at": first, "ends_at": in_days(2, time(12)), "capacity": 2}
    sessions_add(mission=draft, by=organiser[0], **kwargs)

    added = sessions_add(mission=draft, by=organiser[0], weekly=True, until=until, **kwargs)

    assert len(added) == 3
    assert Session.objects.filter(mission=draft).count() == 4


@pytest.mark.parametrize(
    ("starts", "ends", "capacity", "message"),
    [
        (-1, 0, 3, "futur"),
        (2, -1, 3, "La fin doit suivre"),
        (2, 0, 0, "au moins une place"),
        (2, 0, 501, "au plus"),
    ],
)
def test_refuses_bad_dates_and_changes_nothing(draft, organiser, starts, ends, capacity, message):
    starts_at = in_days(starts)
    ends_at = starts_at + timedelta(hours=2) if ends >= 0 else starts_at - timedelta(hours=1)
    with pytest.raises(ApplicationError, match=message):
        sessions_add(
            mission=draft, by=organiser[0], starts_at=starts_at, ends_at=ends_at, capacity=capacity
        )
    assert not Session.objects.exists()


def test_weekly_series_needs_a_length():
    with pytest.raises(ApplicationError, match="nombre de semaines"):
        session_starts(first=in_days(2), weekly=True)
    with pytest.raises(ApplicationError, match="entre 1 et 52"):
        session_starts(first=in_days(2), weekly=True, weeks=60)


def test_publishing_needs_a_date_to_come(draft, organiser):
    with pytest.raises(ApplicationError, match="au moins une date"):
        mission_publish(mission=draft, by=organiser[0])
    assert Mission.objects.get(pk=draft.pk).status == MissionStatus.DRAFT


def test_refuses_a_commune_of_another_territory(territory, other_territory, organiser):
    data = mission_data(territory, commune=commune(other_territory))
    with pytest.raises(ApplicationError, match="commune du territoire"):
        mission_create(territory=territory, organiser=organiser[1], by=organiser[0], data=data)
    assert not Mission.objects.exists()


def test_refuses_an_unknown_skill(draft, organiser, territory):
    with pytest.raises(ApplicationError, match="compétences"):
        mission_update(
            mission=draft, by=organiser[0], data=mission_data(territory, skills=["magie"])
        )


def test_slugs_are_unique_and_avoid_reserved_words(territory, organiser):
    missions = [
        mission_create(
            territory=territory,
            organiser=organiser[1],
            by=organiser[0],
            data=mission_data(territory, title=title),
        )
        for title in ("Mes missions", "Accueil", "Accueil")
    ]
    assert [m.slug for m in missions] == ["mes-missions-2", "accueil", "accueil-2"]


def test_a_business_cannot_organise_missions(make_organiser, territory):
    user, shop = make_organiser(territory, kind="business")
    with pytest.raises(PermissionDeniedError, match="associations"):
        mission_create(territory=territory, organiser=shop, by=user, data=mission_data(territory))
    assert not Mission.objects.exists()
