"""Contributions, theme suggestions and dot voting, with bad input refused."""

import threading

import pytest
from django.db import connection
from django_scopes import scopes_disabled

from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.workshops.errors import PhaseError, WorkshopFieldError
from pmvt.workshops.models import Contribution, Dot, Participant, Phase, ThemeSuggestion
from pmvt.workshops.services.participation import (
    contribution_delete,
    contribution_update,
    dots_set,
    suggestion_create,
)
from pmvt.workshops.services.workshops import workshop_phase_next
from pmvt.workshops.tests.conftest import contribute, fresh, themes

pytestmark = pytest.mark.django_db


def test_contributions_are_checked(make_workshop, member):
    workshop = make_workshop(phase=Phase.CONTRIBUTIONS)
    contribution = contribute(workshop, member, "  Une   épicerie  coopérative ")
    assert contribution.text == "Une épicerie coopérative"
    assert Participant.objects.filter(workshop=workshop, user=member).count() == 1

    with pytest.raises(WorkshopFieldError) as error:
        contribute(workshop, member, "x" * 101)
    assert str(error.value.message) == (
        "Votre contribution fait 101 caractères : 100 au plus, pour qu'elle reste lisible par tous."
    )
    with pytest.raises(WorkshopFieldError) as error:
        contribute(workshop, member, "   ")
    assert str(error.value.message) == "Écrivez votre contribution."
    assert Contribution.objects.filter(workshop=workshop).count() == 1


def test_only_the_author_edits_or_deletes_while_open(
    make_workshop, member, participants, facilitator
):
    workshop = make_workshop(phase=Phase.CONTRIBUTIONS)
    contribution = contribute(workshop, member, "Des bancs")
    with pytest.raises(PermissionDeniedError):
        contribution_update(contribution=contribution, by=participants[0], text="Vandalisme")
    with pytest.raises(PermissionDeniedError):
        contribution_delete(contribution=contribution, by=participants[0])
    contribution_update(contribution=contribution, by=member, text="Des bancs à l'ombre")
    assert Contribution.objects.get().text == "Des bancs à l'ombre"

    workshop_phase_next(workshop=workshop, by=facilitator)
    contribution = Contribution.objects.select_related("workshop").get()
    with pytest.raises(PhaseError):
        contribution_update(contribution=contribution, by=member, text="Trop tard")
    with pytest.raises(PhaseError):
        contribute(fresh(workshop), member, "Trop tard")
    with pytest.raises(PhaseError):
        contribution_delete(contribution=contribution, by=member)
    assert Contribution.objects.get().text == "Des bancs à l'ombre"


def test_suggestions_of_a_theme(clustered, participants):
    a = participants[0]
    bench = Contribution.objects.get(text="Des bancs à l'ombre")
    bus = Contribution.objects.get(text__startswith="Une navette")
    suggestion_create(contribution=bench, by=a, new_title="Cadre de vie")
    suggestion_create(contribution=bus, by=a, theme=themes(clustered)["Commerces"])
    with pytest.raises(WorkshopFieldError):
        suggestion_create(contribution=bench, by=a)
    with pytest.raises(WorkshopFieldError):
        suggestion_create(
            contribution=bench, by=a, theme=themes(clustered)["Mobilité"], new_title="Les deux"
        )
    assert ThemeSuggestion.objects.count() == 2


def voting(clustered, facilitator):
    workshop_phase_next(workshop=clustered, by=facilitator)
    return fresh(clustered)


def test_dots_are_spread_and_changed(clustered, facilitator, participants):
    workshop = voting(clustered, facilitator)
    by_title = themes(workshop)
    shops, mobility = by_title["Commerces"].pk, by_title["Mobilité"].pk
    participant = dots_set(
        workshop=workshop, by=participants[0], allocation={shops: 2, mobility: 1}
    )
    assert participant.dots_used == 3
    assert dict(Dot.objects.values_list("theme_id", "count")) == {shops: 2, mobility: 1}

    participant = dots_set(
        workshop=workshop, by=participants[0], allocation={shops: 0, mobility: 1}
    )
    assert participant.dots_used == 1
    assert dict(Dot.objects.values_list("theme_id", "count")) == {mobility: 1}


@pytest.mark.parametrize(
    ("allocation", "message"),
    [
        ({"shops": 3, "mobility": 1}, "Vous avez placé 4 gommettes : vous en avez 3 au plus."),
        (
            {"shops": -1, "mobility": 2},
            "Le nombre de gommettes d'un thème ne peut pas être négatif.",
        ),
        ({999999: 1}, "Un des thèmes n'appartient pas à cet atelier."),
    ],
)
def test_bad_dots_change_nothing(allocation, message, clustered, facilitator, participants):
    workshop = voting(clustered, facilitator)
    by_title = themes(workshop)
    ids = {"shops": by_title["Commerces"].pk, "mobility": by_title["Mobilité"].pk}
    dots_set(workshop=workshop, by=participants[0], allocation={ids["shops"]: 1})
    real = {ids.get(key, key): value for key, value in allocation.items()}
    with pytest.raises(ApplicationError) as error:
        dots_set(workshop=workshop, by=participants[0], allocation=real)
    assert str(error.value.message) == message
    assert Participant.objects.get(user=participants[0]).dots_used == 1
    assert list(Dot.objects.values_list("theme_id", "count")) == [(ids["shops"], 1)]


def test_no_dots_outside_the_vote(clustered, facilitator, participants, other_admin):
    shops = themes(clustered)["Commerces"].pk
    with pytest.raises(PhaseError):
        dots_set(workshop=clustered, by=participants[0], allocation={shops: 1})
    workshop = voting(clustered, facilitator)
    with pytest.raises(PermissionDeniedError):
        dots_set(workshop=workshop, by=other_admin, allocation={shops: 1})
    workshop_phase_next(workshop=workshop, by=facilitator)
    with pytest.raises(PhaseError):
        dots_set(workshop=fresh(workshop), by=participants[0], allocation={shops: 1})
    assert Dot.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_simultaneous_votes_never_exceed_the_dots(
    postgres_only, clustered, facilitator, participants
):
    """Two submissions at once by the same person: one applies after the other, never a mix."""
    workshop = voting(clustered, facilitator)
    by_title = themes(workshop)
    shops, mobility = by_title["Commerces"].pk, by_title["Mobilité"].pk
    voter = participants[0]
    dots_set(workshop=workshop, by=voter, allocation={shops: 1})
    allocations = [{shops: 3, mobility: 0}, {shops: 0, mobility: 3}] * 3
    barrier = threading.Barrier(len(allocations))
    errors: list[BaseException] = []

    def submit(allocation: dict[int, int]) -> None:
        try:
            barrier.wait()
            with scopes_disabled():
                dots_set(workshop=workshop, by=voter, allocation=allocation)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(a,)) for a in allocations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    participant = Participant.objects.get(user=voter)
    counts = dict(Dot.objects.filter(participant=participant).values_list("theme_id", "count"))
    assert counts in ({shops: 3}, {mobility: 3})
    assert participant.dots_used == 3 == sum(counts.values())
