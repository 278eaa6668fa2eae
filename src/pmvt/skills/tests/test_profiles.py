"""Declaring what one can offer: save, validation (nothing changed on error), delete."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pmvt.core.exceptions import PermissionDeniedError
from pmvt.skills.errors import SkillsFieldError
from pmvt.skills.models import ProfileSkill, SkillProfile
from pmvt.skills.services.profiles import clean_keywords, skill_profile_delete, skill_profile_save
from pmvt.skills.services.vocabulary import skill_term_add, skill_term_deactivate
from pmvt.skills.tests.conftest import commune, profile_data, term
from pmvt.territories.models import Commune

pytestmark = pytest.mark.django_db


def test_saves_a_profile_with_skills_levels_and_search_text(territory, member):
    profile = skill_profile_save(
        territory=territory,
        user=member,
        data=profile_data(
            territory,
            keywords="Couture,  vélo ,, couture",
            days=[4, 2, 2],
            periods=["weekend", "morning"],
            spirits=["paid", "volunteer"],
            communes=[commune(territory), commune(territory, "84102")],
            public_name=" Jeanne ",
        ),
    )
    assert profile.territory == territory and profile.user == member
    assert profile.public_name == "Jeanne"
    assert profile.keywords == "Couture, vélo"
    assert profile.days == [2, 4]
    assert profile.periods == ["morning", "weekend"]
    assert profile.spirits == ["volunteer", "paid"]
    assert sorted(c.insee_code for c in profile.communes.all()) == ["84003", "84102"]
    levels = {s.term.slug: s.level for s in ProfileSkill.objects.filter(profile=profile)}
    assert levels == {"menuiserie": 3, "jardinage": 2}
    assert profile.search_text == ("jardinag menuiser coutur velo menuisi retrait aim transmettr")


def test_saving_again_replaces_the_skills(territory, member, make_profile):
    make_profile(user=member)
    profile = skill_profile_save(
        territory=territory,
        user=member,
        data=profile_data(territory, skills={term("cuisine").pk: 4}, keywords=""),
    )
    assert SkillProfile.objects.filter(user=member).count() == 1
    assert [(s.term.slug, s.level) for s in profile.skills.all()] == [("cuisine", 4)]


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"hours_per_month": 201}, "hours_per_month", "entre 0 et 200"),
        ({"hours_per_month": -1}, "hours_per_month", "entre 0 et 200"),
        ({"skills": {}, "keywords": " , "}, "skills", "au moins une compétence"),
        ({"skills": {999_999: 2}}, "skills", "n'existe pas"),
        ({"days": [0]}, "days", "1 (lundi) à 7 (dimanche)"),
        ({"days": [8]}, "days", "1 (lundi) à 7 (dimanche)"),
        ({"periods": ["night"]}, "periods", "moments"),
        ({"spirits": []}, "spirits", "dans quel esprit"),
        ({"spirits": ["charity"]}, "spirits", "esprits"),
        ({"communes": [], "remote": False}, "communes", "ou l'aide à distance"),
        ({"visibility": "friends"}, "visibility", "qui peut voir"),
        ({"presentation": "x" * 2001}, "presentation", "2 000 caractères"),
    ],
)
def test_rejects_bad_values_in_french_and_changes_nothing(
    territory, member, make_profile, values, field, message
):
    before = make_profile(user=member, hours_per_month=12)
    with pytest.raises(SkillsFieldError) as error:
        skill_profile_save(territory=territory, user=member, data=profile_data(territory, **values))
    assert error.value.field == field
    assert message in str(error.value.message)
    after = SkillProfile.objects.get(pk=before.pk)
    assert after.hours_per_month == 12
    assert after.updated_at == before.updated_at
    assert ProfileSkill.objects.filter(profile=before).count() == 2


def test_rejects_a_level_out_of_range_and_a_past_date(territory, member):
    with pytest.raises(SkillsFieldError):
        skill_profile_save(
            territory=territory,
            user=member,
            data=profile_data(territory, skills={term("cuisine").pk: 5}),
        )
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(SkillsFieldError) as error:
        skill_profile_save(
            territory=territory,
            user=member,
            data=profile_data(territory, available_until=yesterday),
        )
    assert error.value.field == "available_until"
    assert not SkillProfile.objects.exists()


def test_rejects_communes_and_terms_of_another_territory(
    territory, other_territory, member, other_admin
):
    foreign = Commune.objects.filter(territory=other_territory).order_by("pk")[0]
    with pytest.raises(SkillsFieldError) as error:
        skill_profile_save(
            territory=territory, user=member, data=profile_data(territory, communes=[foreign])
        )
    assert error.value.field == "communes"
    theirs = skill_term_add(territory=other_territory, by=other_admin, label="Vannerie")
    with pytest.raises(SkillsFieldError):
        skill_profile_save(
            territory=territory, user=member, data=profile_data(territory, skills={theirs.pk: 2})
        )
    assert not SkillProfile.objects.exists()


def test_withdrawn_territory_terms_cannot_be_declared(territory, member, admin):
    own = skill_term_add(territory=territory, by=admin, label="Vannerie")
    skill_profile_save(
        territory=territory, user=member, data=profile_data(territory, skills={own.pk: 2})
    )
    skill_term_deactivate(term=own, by=admin)
    with pytest.raises(SkillsFieldError):
        skill_profile_save(
            territory=territory, user=member, data=profile_data(territory, skills={own.pk: 3})
        )
    assert ProfileSkill.objects.get(term=own).level == 2


def test_only_members_of_the_territory_declare(territory, make_user, other_admin):
    stranger = make_user("passante@ailleurs.test")
    for user in [stranger, other_admin]:
        with pytest.raises(PermissionDeniedError):
            skill_profile_save(territory=territory, user=user, data=profile_data(territory))
    assert not SkillProfile.objects.exists()


def test_delete_profile(territory, member, make_profile):
    make_profile(user=member)
    assert skill_profile_delete(territory=territory, user=member) is True
    assert not SkillProfile.objects.exists()
    assert not ProfileSkill.objects.exists()
    assert skill_profile_delete(territory=territory, user=member) is False


def test_clean_keywords():
    assert clean_keywords(" Vélo, vélo ,tricot,, Couture ") == "Vélo, tricot, Couture"
    assert clean_keywords(" , ") == ""
