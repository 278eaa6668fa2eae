"""Pages of volunteering: public list and detail, sign-up by POST, my missions, back office."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from pmvt.catalog.kinds import offer_kind
from pmvt.core.seats import SeatStatus
from pmvt.portal.doors import door_sections
from pmvt.territories.models import Commune
from pmvt.volunteering.models import Mission, MissionStatus, Session, Signup
from pmvt.volunteering.selectors import upcoming_missions_line
from pmvt.volunteering.services.signups import signup_create
from pmvt.volunteering.tests.conftest import GESTION, LIST, T, commune, first_session

pytestmark = pytest.mark.django_db


def test_list_shows_published_missions_with_filters(client, make_mission, territory):
    make_mission(title="Accueil au Repair Café", skills=["bricolage"], capacity=2)
    make_mission(title="Jardin partagé", skills=["jardinage"], commune=commune(territory, "84118"))
    make_mission(title="Brouillon", publish=False)

    page = client.get(LIST).content.decode()
    assert "Accueil au Repair Café" in page and "Jardin partagé" in page
    assert "Brouillon" not in page
    assert "2 missions" in page

    page = client.get(LIST, {"competence": "bricolage"}).content.decode()
    assert "Accueil au Repair Café" in page and "Jardin partagé" not in page

    page = client.get(LIST, {"commune": "84118"}).content.decode()
    assert "Jardin partagé" in page and "Accueil au Repair Café" not in page

    far = (timezone.localdate() + timedelta(days=30)).isoformat()
    page = client.get(LIST, {"du": far}).content.decode()
    assert "Aucune mission ne correspond" in page


def test_places_filter_hides_full_missions(client, make_mission, member):
    full = make_mission(title="Complète", capacity=1)
    signup_create(session=first_session(full), user=member)
    make_mission(title="Avec des places")

    page = client.get(LIST, {"places": "on"}).content.decode()
    assert "Avec des places" in page and "Complète" not in page


def test_list_query_count_does_not_grow(client, make_mission, django_assert_max_num_queries):
    for n in range(3):
        make_mission(title=f"Mission {n}")
    with django_assert_max_num_queries(12) as few:
        client.get(LIST)
    for n in range(3, 9):
        make_mission(title=f"Mission {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(LIST).status_code == 200


def test_detail_and_sign_up_by_post(client, make_mission, member):
    mission = make_mission()
    session = first_session(mission)
    url = mission.get_absolute_url()
    assert "Connectez-vous pour vous inscrire" in client.get(url).content.decode()

    client.force_login(member)
    assert "inscris<span" in client.get(url).content.decode()
    response = client.post(f"{url}dates/{session.pk}/inscription/", follow=True)

    assert "Merci ! Vous êtes inscrit" in response.content.decode()
    assert Signup.objects.get(user=member).status == SeatStatus.CONFIRMED
    page = client.get(f"{LIST}mes-missions/").content.decode()
    assert "picerie solidaire</a>" in page

    client.post(f"{url}dates/{session.pk}/annulation/", {"next": "mes-missions"})
    assert Signup.objects.get(user=member).status == SeatStatus.CANCELLED


def test_anonymous_sign_up_goes_to_log_in(client, make_mission):
    mission = make_mission()
    session = first_session(mission)
    response = client.post(f"{mission.get_absolute_url()}dates/{session.pk}/inscription/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Signup.objects.exists()


def test_draft_mission_is_hidden_from_the_public(client, make_mission, organiser):
    draft = make_mission(publish=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(organiser[0])
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_mission_of_another_territory_is_not_found(
    client, make_mission, other_territory, make_organiser
):
    user, actor = make_organiser(other_territory)
    mission = make_mission(by=user, actor=actor, in_territory=other_territory)
    assert client.get(f"{LIST}{mission.slug}/").status_code == 404


def test_pro_space_writes_a_mission_adds_dates_and_publishes(client, organiser, territory):
    user, actor = organiser
    pro = f"{T}/espace-pro/{actor.slug}/benevolat/"
    client.force_login(user)
    assert client.get(pro).status_code == 200
    response = client.post(
        f"{pro}nouvelle/",
        {
            "title": "Collecte de jouets",
            "summary": "Trier les jouets donnés.",
            "description": "Tri et **emballage**.",
            "skills": ["logistique"],
            "place_name": "Entrepôt",
            "commune": commune(territory).pk,
            "wheelchair_access": "on",
        },
    )
    mission = Mission.objects.get(title="Collecte de jouets")
    assert response["Location"] == f"{pro}{mission.slug}/"
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    client.post(
        f"{pro}{mission.slug}/",
        {
            "day": day,
            "start_time": "14:00",
            "end_time": "17:00",
            "capacity": "5",
            "repeat": "weekly",
            "weeks": "4",
        },
    )
    assert Session.objects.filter(mission=mission).count() == 4
    client.post(f"{pro}{mission.slug}/publier/")
    assert Mission.objects.get(pk=mission.pk).status == MissionStatus.PUBLISHED
    assert client.get(pro).status_code == 200


def test_bad_dates_show_the_error_beside_the_field(client, organiser, make_mission):
    mission = make_mission(publish=False)
    pro = f"{T}/espace-pro/{organiser[1].slug}/benevolat/{mission.slug}/"
    client.force_login(organiser[0])
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(
        pro,
        {
            "day": yesterday,
            "start_time": "14:00",
            "end_time": "17:00",
            "capacity": "5",
            "repeat": "once",
        },
    )
    assert "La date doit être dans le futur." in response.content.decode()
    assert Session.objects.filter(mission=mission).count() == 1


def test_pro_space_is_refused_to_others(client, organiser, member, make_mission):
    mission = make_mission()
    pro = f"{T}/espace-pro/{organiser[1].slug}/benevolat/"
    client.force_login(member)
    assert client.get(pro).status_code == 403
    assert client.get(f"{pro}{mission.slug}/").status_code == 403
    client.logout()
    assert client.get(pro).status_code == 302


def test_gestion_is_for_the_territory_s_admins(client, admin, member, activate_totp):
    client.force_login(member)
    assert client.get(GESTION).status_code == 403
    activate_totp(admin)
    client.force_login(admin)
    assert client.get(GESTION).status_code == 200
    response = client.post(
        f"{GESTION}nouvelle/",
        {
            "title": "Nettoyage des berges",
            "summary": "Ramasser les déchets au bord du Calavon.",
            "description": "Gants fournis.",
            "place_name": "Pont Julien",
            "commune": Commune.objects.get(insee_code="84003").pk,
        },
    )
    mission = Mission.objects.get(title="Nettoyage des berges")
    assert mission.organiser is None
    assert response["Location"] == f"{GESTION}{mission.slug}/"
    assert client.get(response["Location"]).status_code == 200


def test_organiser_records_hours_on_the_roster(client, organiser, make_mission, member):
    mission = make_mission()
    session = first_session(mission)
    signup = signup_create(session=session, user=member)
    start = timezone.now() - timedelta(hours=1)
    Session.objects.filter(pk=session.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=3)
    )
    roster = f"{T}/espace-pro/{organiser[1].slug}/benevolat/{mission.slug}/dates/{session.pk}/"
    client.force_login(organiser[0])

    page = client.get(roster).content.decode()
    assert member.email in page
    response = client.post(
        f"{roster}presences/{signup.pk}/", {"attendance": "present", "hours": "2,5"}, follow=True
    )

    assert "Présence enregistrée" in response.content.decode()
    assert Signup.objects.get(pk=signup.pk).hours == Decimal("2.50")

    response = client.post(
        f"{roster}presences/{signup.pk}/", {"attendance": "present", "hours": "9"}, follow=True
    )
    assert "au plus 5 heures" in response.content.decode()
    assert Signup.objects.get(pk=signup.pk).hours == Decimal("2.50")


def test_roster_is_refused_to_volunteers(client, organiser, make_mission, member):
    mission = make_mission()
    session = first_session(mission)
    client.force_login(member)
    roster = f"{T}/espace-pro/{organiser[1].slug}/benevolat/{mission.slug}/dates/{session.pk}/"
    assert client.get(roster).status_code == 403


def test_door_line_and_marketplace_search(make_mission, territory):
    make_mission(title="Atelier réparation de vélos", skills=["bricolage"])
    make_mission(title="Lecture aux enfants", skills=["animation"])

    assert upcoming_missions_line(territory) == "2 missions à venir"
    assert "volunteering" in [s.section.key for s in door_sections("market", territory=territory)]
    kind = offer_kind("volunteering")
    assert kind is not None
    results = kind.search(territory, "vélo", 10, 0)
    assert results.count == 1
    assert [hit.title for hit in results.hits] == ["Atelier réparation de vélos"]
    assert kind.search(territory, "", 10, 0).count == 2


def test_my_missions_and_the_organiser_list_have_a_fixed_query_count(
    client, make_mission, member, organiser, django_assert_max_num_queries
):
    pro = f"{T}/espace-pro/{organiser[1].slug}/benevolat/"

    def sign_up_to_new_missions(count: int, start: int) -> None:
        for n in range(start, start + count):
            signup_create(session=first_session(make_mission(title=f"Mission {n}")), user=member)

    sign_up_to_new_missions(2, 0)
    client.force_login(member)
    with django_assert_max_num_queries(20) as few_mine:
        client.get(f"{LIST}mes-missions/")
    client.force_login(organiser[0])
    with django_assert_max_num_queries(20) as few_pro:
        client.get(pro)
    sign_up_to_new_missions(5, 2)
    client.force_login(member)
    with django_assert_max_num_queries(len(few_mine.captured_queries)):
        assert client.get(f"{LIST}mes-missions/").status_code == 200
    client.force_login(organiser[0])
    with django_assert_max_num_queries(len(few_pro.captured_queries)):
        assert client.get(pro).status_code == 200
