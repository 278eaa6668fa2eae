"""Skills' share of the personal data export and erasure."""

import pytest

from pmvt.skills.models import ContactRequest, ProfileSkill, SkillProfile, Visibility
from pmvt.skills.personal_data import erase_skills_data, export_skills_data
from pmvt.skills.services.contacts import contact_request_send

pytestmark = pytest.mark.django_db


def test_export_and_erase(make_profile, make_member, territory):
    mine = make_profile(visibility=Visibility.PUBLIC, public_name="Jeanne")
    theirs = make_profile(visibility=Visibility.PUBLIC, public_name="Karim")
    contact_request_send(profile=theirs, sender=mine.user, message="Pour le jardin ?")
    contact_request_send(profile=mine, sender=theirs.user, message="Pour un meuble ?")

    data = export_skills_data(mine.user)
    assert [p["public_name"] for p in data["profiles"]] == ["Jeanne"]
    assert data["profiles"][0]["skills"] == [
        {"term": "Jardinage", "level": "Intermédiaire"},
        {"term": "Menuiserie", "level": "Confirmé"},
    ]
    assert [r["message"] for r in data["contact_requests_sent"]] == ["Pour le jardin ?"]
    assert [r["message"] for r in data["contact_requests_received"]] == ["Pour un meuble ?"]

    erase_skills_data(mine.user)
    assert list(SkillProfile.objects.all()) == [theirs]
    assert not ContactRequest.objects.exists()
    assert ProfileSkill.objects.filter(profile=theirs).count() == 2
