"""Eligibility: the database filter (aids_for_profile) and its French explanation (explain)."""

import itertools
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pmvt.actors.models import ActorKind, CaplaFamily
from pmvt.aids.eligibility import (
    EligibilityProfile,
    eligibility_summary,
    explain,
    naf_section_of,
    profile_of_actor,
)
from pmvt.aids.models import AidScheme, HeadcountRange
from pmvt.aids.selectors import aids_for_actor, aids_for_profile
from pmvt.aids.services.profiles import actor_aid_profile_set
from pmvt.aids.tests.conftest import NBSP, days


def test_naf_section_comes_from_the_activity_code():
    assert naf_section_of("10.71C") == "C"
    assert naf_section_of("4711d") == "G"
    assert naf_section_of("01.13Z") == "A"
    assert naf_section_of("") == ""
    assert naf_section_of("99.99Z") == ""


def test_an_actor_profile_reads_its_page(make_actor):
    actor = make_actor(naf_code="47.24Z")

    profile = profile_of_actor(actor, headcount=HeadcountRange.MICRO)

    assert profile == EligibilityProfile(
        kind=ActorKind.BUSINESS,
        capla_family=CaplaFamily.COMMERCANT,
        naf_section="G",
        headcount="1-9",
        commune_id=actor.commune_id,
        commune_name="Apt",
    )


BAKER = EligibilityProfile(
    kind=ActorKind.BUSINESS,
    capla_family=CaplaFamily.ARTISAN,
    naf_section="C",
    headcount=HeadcountRange.MICRO,
    commune_name="Apt",
)


def test_explains_a_match_criterion_by_criterion(make_aid, apt):
    aid = make_aid(
        eligible_actor_kinds=[ActorKind.BUSINESS],
        eligible_capla_families=[CaplaFamily.ARTISAN, CaplaFamily.COMMERCANT],
        eligible_naf_sections=["C", "G"],
        eligible_headcounts=[HeadcountRange.NONE, HeadcountRange.MICRO],
        eligible_communes=[apt],
    )
    profile = EligibilityProfile(**{**BAKER.__dict__, "commune_id": apt.pk})

    verdict = explain(aid, profile)

    assert verdict.eligible
    assert verdict.sentence == (
        f"Votre entreprise correspond{NBSP}: artisan, section C, de 1 à 9 salariés, à Apt."
    )


def test_explains_why_an_aid_does_not_match(make_aid, gargas):
    aid = make_aid(
        eligible_capla_families=[CaplaFamily.AGRICULTEUR],
        eligible_naf_sections=["A"],
        eligible_headcounts=[HeadcountRange.SMALL],
        eligible_communes=[gargas],
    )

    verdict = explain(aid, BAKER)

    assert not verdict.eligible
    assert verdict.missed == (
        "réservée aux familles agriculteur",
        "réservée aux sections NAF A",
        f"réservée aux effectifs suivants{NBSP}: de 10 à 49 salariés",
        f"réservée aux communes suivantes{NBSP}: Gargas",
    )
    assert verdict.sentence.startswith(f"Votre entreprise ne remplit pas ces conditions{NBSP}: ")


def test_an_unknown_headcount_matches_only_aids_open_to_every_size(make_aid):
    sized = make_aid("Pass commerce", eligible_headcounts=[HeadcountRange.MICRO])
    open_to_all = make_aid("Prêt d'honneur")
    profile = EligibilityProfile(kind=ActorKind.BUSINESS, capla_family=CaplaFamily.ARTISAN)

    found = list(
        aids_for_profile(territory=sized.territory, profile=profile, today=timezone.localdate())
    )

    assert found == [open_to_all]
    assert explain(sized, profile).missed == (
        f"réservée aux effectifs suivants{NBSP}: de 1 à 9 salariés{NBSP}; indiquez votre effectif",
    )
    assert explain(open_to_all, profile).sentence == (
        "Cette aide est ouverte à tous les acteurs du territoire."
    )


def test_an_association_is_told_in_its_own_words(make_aid):
    aid = make_aid(eligible_actor_kinds=[ActorKind.ASSOCIATION])

    verdict = explain(aid, EligibilityProfile(kind=ActorKind.ASSOCIATION))

    assert verdict.sentence == "Votre association correspond aux conditions de cette aide."
    assert explain(aid, BAKER).missed == (
        f"réservée aux types d'acteurs suivants{NBSP}: association ou structure de "
        "l'économie sociale et solidaire",
    )


def test_only_published_aids_open_today_match(make_aid):
    make_aid("Brouillon", is_published=False)
    make_aid("Clôturée", opens_at=days(-30), deadline=days(-1))
    make_aid("À venir", opens_at=days(3))
    last_day = make_aid("Dernier jour", deadline=days(0))
    ongoing = make_aid("Permanente")

    found = list(
        aids_for_profile(territory=ongoing.territory, profile=BAKER, today=timezone.localdate())
    )

    assert found == [last_day, ongoing]


def test_aids_of_another_territory_never_match(make_aid, other_territory, other_admin):
    make_aid("Aide de Thann", in_territory=other_territory, by=other_admin)
    here = make_aid("Aide d'Apt")

    found = list(aids_for_profile(territory=here.territory, profile=BAKER, today=days(0)))

    assert found == [here]


def test_aids_for_an_actor_use_its_told_headcount(make_actor, make_aid, admin):
    actor = make_actor()
    sized = make_aid("Pass commerce", eligible_headcounts=[HeadcountRange.MICRO])
    assert list(aids_for_actor(actor=actor, today=days(0))) == []

    owner = actor.staff.get().user
    actor_aid_profile_set(actor=actor, by=owner, headcount_range=HeadcountRange.MICRO)

    assert list(aids_for_actor(actor=actor, today=days(0))) == [sized]


def test_matching_is_one_query_whatever_the_criteria(make_aid, apt, django_assert_num_queries):
    for n in range(4):
        make_aid(
            f"Aide {n}",
            eligible_capla_families=[CaplaFamily.ARTISAN],
            eligible_communes=[apt],
        )
    profile = EligibilityProfile(**{**BAKER.__dict__, "commune_id": apt.pk})
    territory = AidScheme.objects.select_related("territory").get(title="Aide 0").territory

    # The aids, then the prefetched themes and communes.
    with django_assert_num_queries(3):
        aids = list(aids_for_profile(territory=territory, profile=profile, today=days(0)))
    with CaptureQueriesContext(connection) as queries:
        verdicts = [explain(aid, profile) for aid in aids]

    assert len(aids) == 4 and all(v.eligible for v in verdicts)
    assert len(queries) == 0


# The same rules twice: every aid × profile combination must agree.
AID_CRITERIA: list[dict[str, Any]] = [
    {},
    {"eligible_actor_kinds": [ActorKind.BUSINESS]},
    {"eligible_actor_kinds": [ActorKind.ASSOCIATION, ActorKind.PUBLIC_BODY]},
    {"eligible_capla_families": [CaplaFamily.ARTISAN]},
    {"eligible_capla_families": [CaplaFamily.COMMERCANT, CaplaFamily.LIBERAL]},
    {"eligible_naf_sections": ["C"]},
    {"eligible_naf_sections": ["A", "G"]},
    {"eligible_headcounts": [HeadcountRange.NONE, HeadcountRange.MICRO]},
    {"eligible_headcounts": [HeadcountRange.SMALL]},
    {"communes": "apt"},
    {"communes": "gargas"},
    {
        "eligible_actor_kinds": [ActorKind.BUSINESS],
        "eligible_capla_families": [CaplaFamily.ARTISAN],
        "eligible_naf_sections": ["C"],
        "eligible_headcounts": [HeadcountRange.MICRO],
        "communes": "apt",
    },
]


@pytest.fixture
def every_aid(make_aid, apt, gargas) -> list[AidScheme]:
    aids = []
    for n, criteria in enumerate(AID_CRITERIA):
        values: dict[str, Any] = dict(criteria)
        commune = values.pop("communes", None)
        if commune:
            values["eligible_communes"] = [apt if commune == "apt" else gargas]
        aids.append(make_aid(f"Aide {n}", **values))
    return aids


def test_the_database_filter_and_the_explanation_agree(every_aid, apt, gargas):
    territory = every_aid[0].territory
    aids = list(
        AidScheme.objects.filter(pk__in=[a.pk for a in every_aid]).prefetch_related(
            "eligible_communes"
        )
    )
    profiles = [
        EligibilityProfile(
            kind=kind,
            capla_family=family,
            naf_section=section,
            headcount=headcount,
            commune_id=commune.pk if commune else None,
            commune_name=commune.name if commune else "",
        )
        for kind, family, section, headcount, commune in itertools.product(
            [ActorKind.BUSINESS, ActorKind.ASSOCIATION],
            ["", CaplaFamily.ARTISAN, CaplaFamily.COMMERCANT],
            ["", "C", "G"],
            ["", HeadcountRange.MICRO, HeadcountRange.SMALL],
            [None, apt, gargas],
        )
    ]
    for profile in profiles:
        found = {
            a.pk for a in aids_for_profile(territory=territory, profile=profile, today=days(0))
        }
        explained = {a.pk for a in aids if explain(a, profile).eligible}
        assert found == explained, profile


def test_the_summary_lists_who_may_apply_in_plain_french(make_aid, apt, gargas):
    aid = make_aid(
        eligible_actor_kinds=[ActorKind.BUSINESS],
        eligible_capla_families=[CaplaFamily.COMMERCANT, CaplaFamily.ARTISAN],
        eligible_naf_sections=["G"],
        eligible_headcounts=[HeadcountRange.MICRO],
        eligible_communes=[gargas, apt],
    )
    aid = AidScheme.objects.prefetch_related("eligible_communes").get(pk=aid.pk)

    rows = eligibility_summary(aid)

    assert rows == [
        ("Types d'acteurs", "Entreprise"),
        ("Familles d'activité (CAPLA)", "Commerçant, Artisan"),
        (
            "Secteurs d'activité (sections NAF)",
            "G – Commerce ; réparation d'automobiles et de motocycles",
        ),
        ("Effectif salarié", "De 1 à 9 salariés"),
        ("Communes", "Apt, Gargas"),
    ]
