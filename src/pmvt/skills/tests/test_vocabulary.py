"""The skills vocabulary: national seed list, the territory's own terms, the admin page."""

import pytest

from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.skills.models import SkillTerm
from pmvt.skills.selectors import skill_terms
from pmvt.skills.services.vocabulary import (
    skill_term_add,
    skill_term_deactivate,
    skill_term_reactivate,
)
from pmvt.skills.tests.conftest import GESTION, term
from pmvt.skills.vocabulary import NATIONAL_TERMS

pytestmark = pytest.mark.django_db
NATIONAL_COUNT = sum(len(labels) for _category, labels in NATIONAL_TERMS)


def test_national_vocabulary_is_seeded_with_search_text():
    assert NATIONAL_COUNT == 46
    assert SkillTerm.objects.filter(territory__isnull=True).count() == NATIONAL_COUNT
    carpentry = term("menuiserie")
    assert carpentry.category == "Bâtiment et bricolage"
    assert carpentry.search_text == "menuiser bat bricolag"
    assert term("premiers-secours-psc1").label == "Premiers secours (PSC1)"


def test_skill_terms_are_national_plus_the_territorys_active_ones(
    territory, other_territory, admin, other_admin
):
    own = skill_term_add(territory=territory, by=admin, label="Taille de la lavande")
    withdrawn = skill_term_add(
        territory=territory, by=admin, label="Distillation", category="Nature et agriculture"
    )
    skill_term_deactivate(term=withdrawn, by=admin)
    elsewhere = skill_term_add(territory=other_territory, by=other_admin, label="Vannerie")

    ids = set(skill_terms(territory=territory).values_list("pk", flat=True))
    assert own.pk in ids
    assert withdrawn.pk not in ids
    assert elsewhere.pk not in ids
    assert len(ids) == NATIONAL_COUNT + 1
    assert own.category == "Autres"
    assert own.created_by == admin
    assert own.search_text == "taill lavand autr"


def test_rejects_duplicate_terms_in_french(territory, admin):
    skill_term_add(territory=territory, by=admin, label="Taille de la lavande")
    for label in ["Taille de la  lavande", "Menuiserie", "menuiserie"]:
        with pytest.raises(ApplicationError) as error:
            skill_term_add(territory=territory, by=admin, label=label)
        assert error.value.message == "Cette compétence existe déjà dans le vocabulaire."
    with pytest.raises(ApplicationError) as error:
        skill_term_add(territory=territory, by=admin, label="   ")
    assert error.value.message == "Donnez le nom de la compétence."
    assert SkillTerm.objects.filter(territory=territory).count() == 1


def test_the_same_label_may_exist_on_two_territories(
    territory, other_territory, admin, other_admin
):
    skill_term_add(territory=territory, by=admin, label="Vannerie")
    skill_term_add(territory=other_territory, by=other_admin, label="Vannerie")
    assert SkillTerm.objects.filter(slug="vannerie").count() == 2


def test_only_the_territorys_admins_change_its_vocabulary(
    territory, admin, member, moderator, other_admin
):
    for user in [member, moderator, other_admin]:
        with pytest.raises(PermissionDeniedError):
            skill_term_add(territory=territory, by=user, label="Vannerie")
    assert not SkillTerm.objects.filter(territory=territory).exists()

    own = skill_term_add(territory=territory, by=admin, label="Vannerie")
    for user in [member, other_admin]:
        with pytest.raises(PermissionDeniedError):
            skill_term_deactivate(term=own, by=user)
    own.refresh_from_db()
    assert own.is_active is True
    skill_term_deactivate(term=own, by=admin)
    own.refresh_from_db()
    assert own.is_active is False
    skill_term_reactivate(term=own, by=admin)
    own.refresh_from_db()
    assert own.is_active is True


def test_national_terms_cannot_be_changed(admin, operator):
    carpentry = term("menuiserie")
    for user in [admin, operator]:
        with pytest.raises(PermissionDeniedError) as error:
            skill_term_deactivate(term=carpentry, by=user)
        assert "vocabulaire national" in str(error.value.message)
    carpentry.refresh_from_db()
    assert carpentry.is_active is True


def test_admin_page_lists_adds_and_withdraws(client, territory, admin, activate_totp):
    activate_totp(admin)
    client.force_login(admin)
    page = client.get(GESTION).content.decode()
    assert "Vocabulaire des compétences" in page
    assert "Menuiserie" in page and "National" in page

    response = client.post(GESTION, {"label": "Taille de la lavande", "category": "Nature"})
    assert response.status_code == 302
    own = SkillTerm.objects.get(territory=territory)
    assert (own.label, own.category) == ("Taille de la lavande", "Nature")

    page = client.post(GESTION, {"label": "Menuiserie", "category": ""}).content.decode()
    assert "Cette compétence existe déjà dans le vocabulaire." in page
    assert SkillTerm.objects.filter(territory=territory).count() == 1

    client.post(f"{GESTION}{own.pk}/retirer/")
    own.refresh_from_db()
    assert own.is_active is False
    client.post(f"{GESTION}{own.pk}/proposer/")
    own.refresh_from_db()
    assert own.is_active is True

    national = term("menuiserie")
    assert client.post(f"{GESTION}{national.pk}/retirer/").status_code == 403


def test_admin_page_is_refused_to_others(client, territory, member, other_admin, activate_totp):
    assert client.get(GESTION).status_code in {302, 403}
    client.force_login(member)
    assert client.get(GESTION).status_code == 403
    assert client.post(GESTION, {"label": "Vannerie"}).status_code == 403
    activate_totp(other_admin)
    client.force_login(other_admin)
    assert client.get(GESTION).status_code == 403
    assert not SkillTerm.objects.filter(territory=territory).exists()


def test_admin_cannot_touch_another_territorys_term(
    client, territory, admin, other_territory, other_admin, activate_totp
):
    theirs = skill_term_add(territory=other_territory, by=other_admin, label="Vannerie")
    activate_totp(admin)
    client.force_login(admin)
    assert client.post(f"{GESTION}{theirs.pk}/retirer/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active is True
