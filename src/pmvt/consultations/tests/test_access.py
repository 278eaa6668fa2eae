"""Every permission rule of consultations, allowed and denied."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser

from pmvt.consultations.access import (
    access_consultation_answer,
    access_consultation_export,
    access_consultation_free_text,
    access_consultation_results,
    access_consultations_as_admin,
    can_answer_consultation,
    can_view_free_text,
    can_view_results,
)
from pmvt.consultations.models import Eligibility
from pmvt.core.exceptions import PermissionDeniedError

CLOSED = {"opens_in": timedelta(days=-10), "lasts": timedelta(days=3)}


def test_answering_members_consultation(make_consultation, member, resident, admin):
    consultation = make_consultation(eligibility=Eligibility.MEMBERS)

    for user in (member, resident, admin):
        access_consultation_answer(user=user, consultation=consultation)
        assert can_answer_consultation(user=user, consultation=consultation)


def test_answering_denied_to_visitors_and_people_from_elsewhere(
    make_consultation, make_user, other_admin, operator
):
    consultation = make_consultation()

    for user in (AnonymousUser(), make_user("passant@ailleurs.test"), other_admin, operator):
        with pytest.raises(PermissionDeniedError):
            access_consultation_answer(user=user, consultation=consultation)
        assert not can_answer_consultation(user=user, consultation=consultation)


def test_answering_residents_consultation(make_consultation, member, resident):
    consultation = make_consultation(eligibility=Eligibility.RESIDENTS)

    access_consultation_answer(user=resident, consultation=consultation)
    with pytest.raises(PermissionDeniedError) as caught:
        access_consultation_answer(user=member, consultation=consultation)

    assert "commune de résidence" in str(caught.value.message)


def test_results_before_closing_only_for_admins(make_consultation, admin, operator, member):
    consultation = make_consultation()

    assert can_view_results(user=admin, consultation=consultation)
    assert can_view_results(user=operator, consultation=consultation)
    for user in (member, AnonymousUser()):
        assert not can_view_results(user=user, consultation=consultation)
        with pytest.raises(PermissionDeniedError):
            access_consultation_results(user=user, consultation=consultation)


def test_results_after_closing_for_everyone(make_consultation, member, other_admin):
    consultation = make_consultation(**CLOSED)

    for user in (member, other_admin, AnonymousUser()):
        access_consultation_results(user=user, consultation=consultation)


def test_free_text_for_admins_only_unless_published(make_consultation, admin, member):
    consultation = make_consultation(**CLOSED)

    access_consultation_free_text(user=admin, consultation=consultation)
    assert not can_view_free_text(user=member, consultation=consultation)
    with pytest.raises(PermissionDeniedError):
        access_consultation_free_text(user=AnonymousUser(), consultation=consultation)


def test_published_free_text_follows_the_results(make_consultation, member):
    closed = make_consultation("Close", **CLOSED)
    open_ = make_consultation("Ouverte")
    for consultation in (closed, open_):
        consultation.free_text_published = True

    assert can_view_free_text(user=member, consultation=closed)
    assert can_view_free_text(user=AnonymousUser(), consultation=closed)
    assert not can_view_free_text(user=member, consultation=open_)


def test_export_for_the_territory_admins_only(
    make_consultation, admin, operator, member, moderator, other_admin
):
    consultation = make_consultation(**CLOSED)

    access_consultation_export(user=admin, consultation=consultation)
    access_consultation_export(user=operator, consultation=consultation)
    for user in (member, moderator, other_admin, AnonymousUser()):
        with pytest.raises(PermissionDeniedError):
            access_consultation_export(user=user, consultation=consultation)


def test_managing_for_the_territory_admins_only(territory, admin, member, other_admin):
    access_consultations_as_admin(user=admin, territory=territory)
    for user in (member, other_admin, AnonymousUser()):
        with pytest.raises(PermissionDeniedError):
            access_consultations_as_admin(user=user, territory=territory)
