"""Pages of skills: the directory (search, filters, query count), "Ce que je peux offrir"."""

import pytest

from pmvt.skills.models import ProfileSkill, SkillProfile, Visibility
from pmvt.skills.tests.conftest import LIST, MINE, commune, term

pytestmark = pytest.mark.django_db


def test_list_search_and_filters(client, territory, make_profile):
    make_profile(
        public_name="Jeanne",
        skills={term("menuiserie").pk: 4},
        keywords="ébénisterie",
        spirits=["volunteer"],
    )
    make_profile(
        public_name="Karim",
        skills={term("jardinage").pk: 2, term("apiculture").pk: 3},
        keywords="",
        presentation="Je m'occupe de ruches au-dessus de Roussillon.",
        communes=[commune(territory, "84102")],
        spirits=["exchange", "paid"],
    )
    page = client.get(LIST).content.decode()
    assert "2 personnes" in page and "Jeanne" in page and "Karim" in page

    def names(**params):
        page = client.get(LIST, params).content.decode()
        return [n for n in ["Jeanne", "Karim"] if f">{n}</a>" in page]

    assert names(q="menuisier") == ["Jeanne"]
    assert names(q="ruches abeilles") == []
    assert names(q="ruche") == ["Karim"]
    assert names(q="Apiculture") == ["Karim"]
    assert names(q="ébénisteries") == ["Jeanne"]
    assert names(competence=term("jardinage").pk) == ["Karim"]
    assert names(commune="84102") == ["Karim"]
    assert names(esprit="volunteer") == ["Jeanne"]
    assert names(esprit="paid") == ["Karim"]
    assert "Personne ne correspond" in client.get(LIST, {"q": "astrophysique"}).content.decode()


def test_list_query_count_is_constant(
    client, make_profile, member, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(member)
    for _n in range(2):
        make_profile(visibility=Visibility.MEMBERS)
    client.get(LIST)  # Warm the caches (session, site settings).
    # At most: with the Redis cache of the PostgreSQL run, one query fewer than with locmem.
    with django_assert_max_num_queries(11) as few:
        client.get(LIST)
    for _n in range(5):
        make_profile(visibility=Visibility.PUBLIC, communes=[commune(member_territory(member))])
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(LIST).status_code == 200


def member_territory(user):
    from pmvt.accounts.models import Membership

    return Membership.objects.get(user=user).territory


def test_my_profile_page_saves_and_keeps_values_on_error(client, territory, member):
    assert client.get(MINE).status_code == 302  # login first
    client.force_login(member)
    page = client.get(MINE).content.decode()
    assert "Ce que je peux offrir" in page and "Menuiserie" in page
    carpentry = term("menuiserie")
    data = {
        f"term_{carpentry.pk}": "3",
        "keywords": "tricot",
        "hours_per_month": "250",
        "days": ["2", "6"],
        "periods": ["evening"],
        "communes": [commune(territory).pk],
        "spirits": ["exchange"],
        "visibility": "members",
        "is_active": "on",
    }
    page = client.post(MINE, data).content.decode()
    assert "Le formulaire contient des erreurs" in page
    assert "entre 0 et 200" in page
    assert 'value="tricot"' in page
    assert not SkillProfile.objects.exists()

    page = client.post(MINE, {**data, "spirits": [], "hours_per_month": "8"}).content.decode()
    assert "Dites dans quel esprit" in page
    assert not SkillProfile.objects.exists()

    response = client.post(MINE, {**data, "hours_per_month": "8"})
    assert response.status_code == 302
    profile = SkillProfile.objects.get(user=member)
    assert (profile.hours_per_month, profile.days, profile.spirits) == (8, [2, 6], ["exchange"])
    assert [(s.term_id, s.level) for s in ProfileSkill.objects.filter(profile=profile)] == [
        (carpentry.pk, 3)
    ]
    page = client.get(MINE).content.decode()
    assert '<option value="3" selected>' in page
    assert "Supprimer mon profil de compétences" in page

    client.post(f"{MINE}supprimer/")
    assert not SkillProfile.objects.exists()


def test_my_profile_is_refused_to_non_members(client, territory, make_user):
    client.force_login(make_user("passant@ailleurs.test"))
    assert client.get(MINE).status_code == 403
    assert client.post(MINE, {"keywords": "tricot"}).status_code == 403
    assert not SkillProfile.objects.exists()
