"""Pages of activities: public list with filters, detail and registration, back office."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from pmvt.activities.models import Activity, ActivityStatus, Registration, Session
from pmvt.activities.selectors import this_week_activities_line
from pmvt.activities.tests.conftest import GESTION, LIST, T, commune, first_session
from pmvt.catalog.kinds import offer_kind

pytestmark = pytest.mark.django_db


def test_list_filters(client, make_activity, territory):
    make_activity(title="Foot en salle", kind="sport", age_group="ados", price=Decimal("5"))
    make_activity(title="Atelier tablette", commune=commune(territory, "84118"))
    make_activity(title="Concert pour tous", kind="culture", age_group="tous")
    make_activity(title="Brouillon", publish=False)

    page = client.get(LIST).content.decode()
    assert "3 activités" in page and "Brouillon" not in page
    page = client.get(LIST, {"public": "ados"}).content.decode()
    assert "Foot en salle" in page and "Concert pour tous" in page
    assert "Atelier tablette" not in page
    page = client.get(LIST, {"gratuit": "on"}).content.decode()
    assert "Foot en salle" not in page and "Atelier tablette" in page
    page = client.get(LIST, {"type": "sport"}).content.decode()
    assert "Foot en salle" in page and "Concert pour tous" not in page
    page = client.get(LIST, {"commune": "84118"}).content.decode()
    assert "Atelier tablette" in page and "Foot en salle" not in page
    far = (timezone.localdate() + timedelta(days=30)).isoformat()
    assert "Aucune activité" in client.get(LIST, {"du": far}).content.decode()


def test_list_query_count_does_not_grow(client, make_activity, django_assert_max_num_queries):
    for n in range(3):
        make_activity(title=f"Activité {n}")
    with django_assert_max_num_queries(12) as few:
        client.get(LIST)
    for n in range(3, 9):
        make_activity(title=f"Activité {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(LIST).status_code == 200


def test_registers_a_relative_by_post(client, make_activity, member):
    activity = make_activity()
    session = first_session(activity)
    url = activity.get_absolute_url()
    client.force_login(member)

    response = client.post(
        f"{url}seances/{session.pk}/inscription/",
        {"participant_name": "Jeanne Martin", "contact_phone": "06 00 00 00 00"},
        follow=True,
    )

    assert "Inscription confirmée pour Jeanne Martin" in response.content.decode()
    registration = Registration.objects.get(user=member)
    assert registration.participant_name == "Jeanne Martin"
    assert "Jeanne Martin" in client.get(f"{LIST}mes-activites/").content.decode()
    client.post(f"{url}seances/{session.pk}/annulation/{registration.pk}/")
    assert Registration.objects.get(pk=registration.pk).status == "cancelled"


def test_pro_space_creates_and_publishes(client, organiser, territory, member):
    user, actor = organiser
    pro = f"{T}/espace-pro/{actor.slug}/activites/"
    client.force_login(member)
    assert client.get(pro).status_code == 403
    client.force_login(user)
    response = client.post(
        f"{pro}nouvelle/",
        {
            "title": "Sortie aux Ocres",
            "summary": "Une après-midi à Roussillon.",
            "description": "Car depuis Apt.",
            "kind": "sortie",
            "age_group": "seniors",
            "price": "12,50",
            "place_name": "Gare routière",
            "commune": commune(territory).pk,
        },
    )
    activity = Activity.objects.get(title="Sortie aux Ocres")
    assert activity.price == Decimal("12.50")
    assert response["Location"] == f"{pro}{activity.slug}/"
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    client.post(
        f"{pro}{activity.slug}/",
        {"day": day, "start_time": "14:00", "end_time": "18:00", "capacity": "0", "repeat": "once"},
    )
    assert not Session.objects.filter(activity=activity).exists()
    client.post(
        f"{pro}{activity.slug}/",
        {"day": day, "start_time": "14:00", "end_time": "18:00", "capacity": "8", "repeat": "once"},
    )
    client.post(f"{pro}{activity.slug}/publier/")
    assert Activity.objects.get(pk=activity.pk).status == ActivityStatus.PUBLISHED
    session = Session.objects.get(activity=activity)
    assert client.get(f"{pro}{activity.slug}/seances/{session.pk}/").status_code == 200


def test_gestion_is_for_admins(client, admin, member, activate_totp):
    client.force_login(member)
    assert client.get(GESTION).status_code == 403
    activate_totp(admin)
    client.force_login(admin)
    assert client.get(GESTION).status_code == 200


def test_door_line_and_search(make_activity, territory):
    make_activity(title="Tennis de table", kind="sport", age_group="ados", days=2)
    make_activity(title="Sortie cinéma", kind="sortie", days=20)

    assert this_week_activities_line(territory) == "1 activité cette semaine"
    kind = offer_kind("activities")
    assert kind is not None
    assert [h.title for h in kind.search(territory, "tennis", 10, 0).hits] == ["Tennis de table"]
    assert kind.search(territory, "", 10, 0).count == 2


def test_my_activities_and_the_organiser_list_have_a_fixed_query_count(
    client, make_activity, member, organiser, django_assert_max_num_queries
):
    from pmvt.activities.services.registrations import registration_create

    pro = f"{T}/espace-pro/{organiser[1].slug}/activites/"

    def register_to_new_activities(count: int, start: int) -> None:
        for n in range(start, start + count):
            session = first_session(make_activity(title=f"Activité {n}"))
            registration_create(session=session, user=member)

    register_to_new_activities(2, 0)
    client.force_login(member)
    with django_assert_max_num_queries(20) as few_mine:
        client.get(f"{LIST}mes-activites/")
    client.force_login(organiser[0])
    with django_assert_max_num_queries(20) as few_pro:
        client.get(pro)
    register_to_new_activities(5, 2)
    client.force_login(member)
    with django_assert_max_num_queries(len(few_mine.captured_queries)):
        assert client.get(f"{LIST}mes-activites/").status_code == 200
    client.force_login(organiser[0])
    with django_assert_max_num_queries(len(few_pro.captured_queries)):
        assert client.get(pro).status_code == 200
