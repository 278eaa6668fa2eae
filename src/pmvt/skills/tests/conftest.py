"""Factories of skills' tests. Data goes through the services, as on the site."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.skills.models import SkillProfile, SkillTerm, Visibility
from pmvt.skills.services.profiles import ProfileData, skill_profile_save
from pmvt.skills.vocabulary import seed_national_terms
from pmvt.territories.models import Commune, Territory

T = "/t/pays-dapt-luberon"
LIST = f"{T}/valeurs/maison/competences/"
MINE = f"{LIST}mon-profil/"
RECEIVED = f"{LIST}demandes-recues/"
SENT = f"{LIST}demandes-envoyees/"
GESTION = f"{T}/gestion/competences/"


@pytest.fixture(autouse=True)
def _no_scope_in_set_up(db) -> Iterator[None]:
    """Let the tests set data up directly; each request still runs in its territory's scope.

    The national vocabulary comes from a data migration; a flushed database (transactional
    tests) has lost it, so seed it again (a no-op when present).
    """
    with scopes_disabled():
        seed_national_terms(SkillTerm)
        yield


def term(slug: str) -> SkillTerm:
    return SkillTerm.objects.get(territory__isnull=True, slug=slug)


def commune(territory: Territory, insee: str = "84003") -> Commune:
    communes = Commune.objects.filter(territory=territory)
    return communes.filter(insee_code=insee).first() or communes.order_by("insee_code")[0]


def profile_data(territory: Territory, **values: Any) -> ProfileData:
    values.setdefault("skills", {term("menuiserie").pk: 3, term("jardinage").pk: 2})
    values.setdefault("keywords", "restauration de meubles, tricot")
    values.setdefault("presentation", "Menuisier à la retraite, j'aime transmettre.")
    values.setdefault("hours_per_month", 10)
    values.setdefault("days", [2, 4])
    values.setdefault("periods", ["morning"])
    values.setdefault("communes", [commune(territory)])
    values.setdefault("spirits", ["volunteer"])
    values.setdefault("visibility", Visibility.PUBLIC)
    return ProfileData(**values)


@pytest.fixture
def make_profile(territory, make_member) -> Callable[..., SkillProfile]:
    """A member of `territory` (new unless `user` is given) with a saved profile."""

    def make(
        *, user: User | None = None, in_territory: Territory | None = None, **values: Any
    ) -> SkillProfile:
        where = in_territory or territory
        owner = user or make_member(where)
        return skill_profile_save(territory=where, user=owner, data=profile_data(where, **values))

    return make
