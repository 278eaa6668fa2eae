"""The demo skills of the Pays d'Apt-Luberon (pmvt.demo.skills.load_skills)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django_scopes import scope

from pmvt.demo.loader import load_foundation
from pmvt.demo.skills import INHABITANTS, load_skills
from pmvt.skills.models import ProfileSkill, SkillProfile, SkillTerm, Visibility
from pmvt.skills.selectors import matchable_profiles, profile_list

pytestmark = pytest.mark.django_db


def test_loads_forty_profiles_and_two_territory_terms_idempotently():
    territory = load_foundation()
    with scope(territory=territory):
        load_skills(territory)
        snapshot = list(SkillProfile.objects.order_by("pk").values_list("pk", "updated_at"))
        load_skills(territory)
        assert list(SkillProfile.objects.order_by("pk").values_list("pk", "updated_at")) == (
            snapshot
        )
        assert len(snapshot) == len(INHABITANTS) == 40
        assert sorted(
            SkillTerm.objects.filter(territory=territory).values_list("label", flat=True)
        ) == [
            "Enduits et badigeons aux ocres",
            "Murets en pierre sèche",
        ]
        private = SkillProfile.objects.filter(visibility=Visibility.PRIVATE).count()
        assert private == 4
        assert matchable_profiles(territory=territory).count() == 40
        public = profile_list(territory=territory, viewer=AnonymousUser())
        assert public.count() == SkillProfile.objects.filter(visibility=Visibility.PUBLIC).count()
        assert ProfileSkill.objects.count() >= 80
        assert not SkillProfile.objects.filter(user__email="habitant@demo.pmvt.fr").exists()
