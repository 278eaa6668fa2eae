"""The agenda's pages: lists, week, map, event page, forms, registrations."""

import json
from datetime import time, timedelta

import pytest
from django.core import mail
from django.test import Client

from pmvt.agenda.models import Event, Occurrence, Registration
from pmvt.agenda.recurrence import paris
from pmvt.community.models import Theme, Visibility

from .conftest import AGENDA, commune, in_days

NBSP = "\u00a0"


@pytest.fixture
def culture(territory):
    return Theme.objects.create(territory=territory, name="Culture", slug="culture")


def test_list_groups_upcoming_published_dates_by_day(client: Client, make_event, member):
    make_event(title="Concert du soir", starts_at=in_days(2, time(20)))
    make_event(title="Marché des potiers", starts_at=in_days(2, time(9)))
    make_event(title="Atelier vélo", starts_at=in_days(4))
    make_event(title="Proposition en attente", by=member)
    response = client.get(AGENDA)
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 dates à venir" in html
    assert (
        html.index("Marché des potiers")
        < html.index("Concert du soir")
        < html.index("Atelier vélo")
    )
    assert len(response.context["days"]) == 2
    assert f"9{NBSP}h – 11{NBSP}h" in html
    assert "Proposition en attente" not in html
    assert 'href="http://testserver/t/pays-dapt-luberon/valeurs/agenda/agenda.ics"' in html


def test_list_filters_by_commune_theme_dates_and_price(client, make_event, territory, culture):
    make_event(title="Concert à Apt", themes=[culture], starts_at=in_days(3))
    make_event(
        title="Fête à Roussillon",
        commune=commune(territory, "84102"),
        is_free=False,
        price_text="5 €",
        starts_at=in_days(20),
    )

    def titles(**params):
        response = client.get(AGENDA, params)
        assert response.status_code == 200
        return [o.event.title for o in response.context["page_obj"].object_list]

    roussillon = commune(territory, "84102")
    assert titles(commune=roussillon.pk) == ["Fête à Roussillon"]
    assert titles(theme=culture.pk) == ["Concert à Apt"]
    assert titles(gratuit="on") == ["Concert à Apt"]
    assert titles(du=paris(in_days(10)).date().isoformat()) == ["Fête à Roussillon"]
    assert titles(au=paris(in_days(10)).date().isoformat()) == ["Concert à Apt"]


def test_list_explains_a_bad_date_range(client, make_event):
    make_event()
    response = client.get(AGENDA, {"du": "2030-05-10", "au": "2030-05-01"})
    assert response.status_code == 200
    assert "La date de fin doit être après la date de début." in response.content.decode()


def test_list_hides_other_territories(client, make_event, other_territory, make_member):
    elsewhere = make_member(other_territory, "admin", email="admin@thann.test")
    other = make_event(title="Fête à Thann", by=elsewhere, in_territory=other_territory)
    assert "Fête à Thann" not in client.get(AGENDA).content.decode()
    assert client.get(f"{AGENDA}{other.slug}/").status_code == 404
    assert client.get(f"/t/{other_territory.slug}/valeurs/agenda/{other.slug}/").status_code == 200


def _many(make_event, count: int, culture) -> None:
    for n in range(count):
        make_event(title=f"Événement {n}", themes=[culture], starts_at=in_days(1 + n % 5))


@pytest.mark.parametrize("path", ["", "carte/", "semaine/"])
def test_list_pages_have_a_fixed_number_of_queries(
    client, make_event, member, culture, settings, django_assert_num_queries, path
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    client.force_login(member)
    _many(make_event, 3, culture)
    client.get(f"{AGENDA}{path}")  # Warm the caches (territory, content types).
    with django_assert_num_queries(QUERIES[path]) as few:
        client.get(f"{AGENDA}{path}")
    _many(make_event, 12, culture)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(f"{AGENDA}{path}")


# Territory, session, user, membership, communes and themes of the filters, count, page,
# themes of the page (prefetch), and the header's counters.
QUERIES = {"": 10, "carte/": 11, "semaine/": 9}


def test_week_shows_seven_days_and_moves_by_week(client, make_event):
    day = paris(in_days(8)).date()
    make_event(title="Repair café", starts_at=in_days(8, time(14)))
    response = client.get(f"{AGENDA}semaine/", {"semaine": day.isoformat()})
    assert response.status_code == 200
    days = response.context["days"]
    assert len(days) == 7
    assert days[0][0].weekday() == 0
    assert [d for d, items in days if items] == [day]
    html = response.content.decode()
    monday = day - timedelta(days=day.weekday())
    assert f"semaine={(monday + timedelta(days=7)).isoformat()}" in html
    assert f"semaine={(monday - timedelta(days=7)).isoformat()}" in html
    assert client.get(f"{AGENDA}semaine/", {"semaine": "pas-une-date"}).status_code == 200


def test_map_lists_the_events_and_their_points(client, make_event, territory):
    from decimal import Decimal

    apt = commune(territory)
    apt.latitude, apt.longitude = Decimal("43.8765"), Decimal("5.3963")
    apt.save()
    make_event(title="Concert au kiosque")
    make_event(title="Balade", latitude=Decimal("43.900000"), longitude=Decimal("5.300000"))
    response = client.get(f"{AGENDA}carte/")
    html = response.content.decode()
    data = json.loads(html.split('id="actors-map-data" type="application/json">')[1].split("<")[0])
    points = {m["name"]: (m["lat"], m["lng"]) for m in data["markers"]}
    assert points == {"Concert au kiosque": (43.8765, 5.3963), "Balade": (43.9, 5.3)}
    assert "Concert au kiosque" in html.split("agenda-results-title")[-1]


def test_detail_shows_the_event_and_its_dates(client, make_event, territory, culture):
    event = make_event(
        title="Atelier numérique",
        description="Apprendre à **envoyer des photos**.<script>alert(1)</script>",
        registration_enabled=True,
        capacity=6,
        wheelchair_access=True,
        sign_language=True,
        themes=[culture],
        contact_email="atelier@apt.example",
    )
    response = client.get(f"{AGENDA}{event.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>envoyer des photos</strong>" in html
    assert "<script>alert" not in html
    assert "6 places libres" in html
    assert "Accessible en fauteuil roulant" in html
    assert "Connectez-vous pour vous inscrire" in html
    assert f'href="{AGENDA}{event.slug}.ics"' in html
    assert 'role="region" aria-labelledby="event-dates-caption"' in html


def test_unpublished_event_is_404_for_others(client, make_event, member, make_member, territory):
    event = make_event(by=member)
    assert event.visibility == Visibility.PENDING
    assert client.get(f"{AGENDA}{event.slug}/").status_code == 404
    client.force_login(make_member(territory, email="voisin@apt.test"))
    assert client.get(f"{AGENDA}{event.slug}/").status_code == 404
    client.force_login(member)
    response = client.get(f"{AGENDA}{event.slug}/")
    assert response.status_code == 200
    assert "attend la relecture" in response.content.decode()


def test_member_registers_and_cancels_from_the_event_page(
    client, make_event, member, django_capture_on_commit_callbacks
):
    event = make_event(title="Atelier seniors", registration_enabled=True, capacity=1)
    occurrence = Occurrence.objects.get(event=event)
    url = f"{AGENDA}{event.slug}/dates/{occurrence.pk}/"
    assert client.post(f"{url}inscription/").url.startswith("/compte/login/")
    client.force_login(member)
    assert client.get(f"{url}inscription/").status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{url}inscription/", follow=True)
    html = response.content.decode()
    assert "Vous êtes inscrit pour le" in html
    assert "Annuler mon inscription" in html
    assert len(mail.outbox) == 1
    page = client.get(f"{AGENDA}mes-inscriptions/").content.decode()
    assert "Atelier seniors" in page
    response = client.post(f"{url}annulation/", {"next": "mes-inscriptions"}, follow=True)
    assert response.redirect_chain[-1][0] == f"{AGENDA}mes-inscriptions/"
    assert "est annulée" in response.content.decode()
    assert Registration.objects.get().status == "cancelled"


def test_full_date_shows_a_clear_message(client, make_event, member, make_member, territory):
    event = make_event(registration_enabled=True, capacity=1)
    occurrence = Occurrence.objects.get(event=event)
    client.force_login(make_member(territory, email="premier@apt.test"))
    client.post(f"{AGENDA}{event.slug}/dates/{occurrence.pk}/inscription/")
    client.force_login(member)
    response = client.post(f"{AGENDA}{event.slug}/dates/{occurrence.pk}/inscription/", follow=True)
    assert "Cette date est complète" in response.content.decode()
    assert not Registration.objects.filter(user=member).exists()


def test_date_of_another_event_is_404(client, make_event, member):
    first = make_event(registration_enabled=True, capacity=3)
    second = make_event(title="Autre", registration_enabled=True, capacity=3)
    client.force_login(member)
    response = client.post(f"{AGENDA}{first.slug}/dates/{second.occurrences.get().pk}/inscription/")
    assert response.status_code == 404


def form_values(territory, **values):
    start = paris(in_days(12))
    data = {
        "title": "Vide-grenier de l'école",
        "description": "Stands des familles, buvette.",
        "start_date": start.date().isoformat(),
        "start_time": "08:00",
        "end_time": "17:00",
        "recurrence": "none",
        "place_name": "Cour de l'école",
        "commune": commune(territory).pk,
        "is_free": "on",
    }
    data.update(values)
    return {k: v for k, v in data.items() if v is not None}


def test_new_event_form_needs_login_and_membership(client, make_user, territory):
    assert client.get(f"{AGENDA}proposer/").url.startswith("/compte/login/")
    client.force_login(make_user("passant@ailleurs.test"))
    assert client.get(f"{AGENDA}proposer/").status_code == 403


def test_member_proposes_an_event_that_waits_for_moderation(client, member, territory):
    client.force_login(member)
    assert client.get(f"{AGENDA}proposer/").status_code == 200
    response = client.post(f"{AGENDA}proposer/", form_values(territory), follow=True)
    event = Event.objects.get()
    assert response.redirect_chain[-1][0] == f"{AGENDA}{event.slug}/"
    assert event.visibility == Visibility.PENDING
    assert paris(event.starts_at).hour == 8
    assert "dès qu&#x27;un modérateur" in response.content.decode()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"end_time": "07:00"}, "La fin doit être après le début"),
        ({"start_date": "2020-01-01"}, "La date de début est passée"),
        ({"registration_enabled": "on"}, "Indiquez le nombre de places"),
        ({"is_free": None}, "Indiquez le prix ou les tarifs"),
        ({"recurrence": "weekly", "recurrence_until": "2020-01-01"}, "fin de la répétition"),
        ({"start_date": "pas une date"}, "Saisissez une date valide"),
        ({"title": ""}, "Ce champ est obligatoire"),
        ({"capacity": "0", "registration_enabled": "on"}, "supérieure ou égale à 1"),
    ],
)
def test_bad_event_form_shows_a_french_message_and_creates_nothing(
    client, member, territory, values, message
):
    client.force_login(member)
    response = client.post(f"{AGENDA}proposer/", form_values(territory, **values))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'class="error-summary"' in html
    assert "Vide-grenier" in html or values.get("title") == ""
    assert not Event.objects.exists()


def test_author_edits_and_a_neighbour_is_refused(
    client, make_event, member, make_member, territory
):
    event = make_event(by=member)
    client.force_login(make_member(territory, email="voisin@apt.test"))
    assert client.get(f"{AGENDA}{event.slug}/modifier/").status_code == 404  # Pending: hidden.
    Event.objects.filter(pk=event.pk).update(visibility=Visibility.PUBLISHED)
    assert client.get(f"{AGENDA}{event.slug}/modifier/").status_code == 403
    client.force_login(member)
    response = client.get(f"{AGENDA}{event.slug}/modifier/")
    assert response.status_code == 200
    assert 'value="Concert de la chorale"' in response.content.decode()
    values = form_values(
        territory,
        title="Concert reporté",
        start_date=paris(event.starts_at).date().isoformat(),
        start_time="18:00",
        end_time="21:00",
    )
    response = client.post(f"{AGENDA}{event.slug}/modifier/", values)
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.sequence) == ("Concert reporté", 1)


def test_participants_are_listed_for_editors_only(
    client, make_event, admin, member, make_member, territory
):
    event = make_event(registration_enabled=True, capacity=3)
    occurrence = Occurrence.objects.get(event=event)
    client.force_login(member)
    client.post(f"{AGENDA}{event.slug}/dates/{occurrence.pk}/inscription/")
    assert client.get(f"{AGENDA}{event.slug}/inscriptions/").status_code == 403
    client.force_login(admin)
    response = client.get(f"{AGENDA}{event.slug}/inscriptions/")
    assert response.status_code == 200
    assert member.email in response.content.decode()


def test_my_registrations_lists_only_mine_and_my_proposals(
    client, make_event, member, make_member, territory, settings, django_assert_max_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    mine = make_event(title="Atelier à moi", registration_enabled=True, capacity=5)
    theirs = make_event(title="Atelier des autres", registration_enabled=True, capacity=5)
    neighbour = make_member(territory, email="voisin@apt.test")
    client.force_login(neighbour)
    client.post(f"{AGENDA}{theirs.slug}/dates/{theirs.occurrences.get().pk}/inscription/")
    client.force_login(member)
    client.post(f"{AGENDA}{mine.slug}/dates/{mine.occurrences.get().pk}/inscription/")
    make_event(title="Ma proposition", by=member)
    with django_assert_max_num_queries(14):
        response = client.get(f"{AGENDA}mes-inscriptions/")
    html = response.content.decode()
    assert "Atelier à moi" in html
    assert "Atelier des autres" not in html
    assert "Ma proposition" in html
    assert "En attente de modération" in html
    client.logout()
    assert client.get(f"{AGENDA}mes-inscriptions/").url.startswith("/compte/login/")


def test_event_page_offers_the_report_link_to_other_members(client, make_event, member):
    event = make_event()
    client.force_login(member)
    assert "Signaler ce contenu" in client.get(f"{AGENDA}{event.slug}/").content.decode()


def test_values_door_shows_the_agenda_with_its_live_line(client, make_event):
    make_event(starts_at=in_days(2))
    make_event(title="Plus tard", starts_at=in_days(20))
    html = client.get("/t/pays-dapt-luberon/valeurs/").content.decode()
    assert f'href="{AGENDA}"' in html
    assert "1 événement dans les 7 prochains jours" in html


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 3), "orange").save(buffer, format="PNG")
    return buffer.getvalue()


def test_image_needs_a_description_then_is_shown(client, member, territory):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(member)
    image = SimpleUploadedFile("affiche.png", _png(), content_type="image/png")
    response = client.post(f"{AGENDA}proposer/", {**form_values(territory), "image": image})
    assert "Décrivez l&#x27;image" in response.content.decode()
    assert not Event.objects.exists()
    image = SimpleUploadedFile("affiche.png", _png(), content_type="image/png")
    values = {**form_values(territory), "image": image, "image_alt": "Affiche du vide-grenier"}
    assert client.post(f"{AGENDA}proposer/", values).status_code == 302
    event = Event.objects.get()
    assert event.image.name.startswith("agenda/images/")
    html = client.get(f"{AGENDA}{event.slug}/").content.decode()
    assert 'alt="Affiche du vide-grenier"' in html
