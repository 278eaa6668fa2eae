"""The inbox of a territory: unread first, paginated, opened and marked read, header counter."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pmvt.notifications import views
from pmvt.notifications.models import Notification
from pmvt.notifications.tests.conftest import INBOX

THANN_INBOX = "/t/de-thann-cernay/notifications/"


def titles(response) -> list[str]:
    return [n.title for n in response.context["page_obj"].object_list]


def test_lists_unread_first_then_the_most_recent(member_client, member, note):
    first = note(member, "Première")
    note(member, "Deuxième")
    Notification.objects.filter(pk=first.pk).update(read_at="2026-01-01T10:00:00Z")
    note(member, "Troisième")

    response = member_client.get(INBOX)

    assert response.status_code == 200
    assert titles(response) == ["Troisième", "Deuxième", "Première"]
    html = response.content.decode()
    assert html.count("notification--unread") == 2
    assert "2 notifications non lues" in html
    assert 'aria-current="page"' in html


def test_shows_neither_another_users_nor_another_territorys_notifications(
    member_client, member, make_member, note, territory, other_territory
):
    note(make_member(territory, email="voisine@apt.test"), "Chez la voisine")
    note(member, "Ailleurs", in_territory=other_territory)
    note(member, "Ici")

    response = member_client.get(INBOX)

    assert titles(response) == ["Ici"]
    html = response.content.decode()
    assert "Chez la voisine" not in html
    assert "Ailleurs" not in html
    # The other territory is only pointed to, with its count.
    assert f'href="{THANN_INBOX}"' in html
    assert "1 non lue" in html


def test_empty_inbox_says_so(member_client):
    html = member_client.get(INBOX).content.decode()

    assert (
        "Aucune notification pour l&#x27;instant" in html
        or "Aucune notification pour l'instant" in html
    )
    assert "Aucune notification non lue." in html


def test_needs_a_login(client, territory):
    response = client.get(INBOX)

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_paginates(member_client, member, note, monkeypatch):
    monkeypatch.setattr(views, "NOTIFICATIONS_PER_PAGE", 2)
    for n in range(5):
        note(member, f"Notification {n}")

    response = member_client.get(INBOX, {"page": 3})

    assert titles(response) == ["Notification 0"]
    assert "Page 3 sur 3" in response.content.decode()


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INBOX).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_page(
    member_client, member, note, settings, monkeypatch, django_assert_num_queries
):
    """Territory, session, user, page count, unread count (once, shared with the header), other
    territories, page, membership and cart (header)."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    member_client.force_login(member)
    monkeypatch.setattr(views, "NOTIFICATIONS_PER_PAGE", 3)
    note(member, "Seule")
    few = _queries(member_client)
    for n in range(12):
        note(member, f"Notification {n}")
    monkeypatch.setattr(views, "NOTIFICATIONS_PER_PAGE", 12)

    with django_assert_num_queries(few):
        member_client.get(INBOX)
    assert few == 8


def test_opening_marks_read_and_follows_the_link(member_client, member, note):
    notification = note(member, url="/t/pays-dapt-luberon/valeurs/")

    response = member_client.get(f"{INBOX}{notification.pk}/")

    assert response.status_code == 302
    assert response["Location"] == "/t/pays-dapt-luberon/valeurs/"
    notification.refresh_from_db()
    first_read = notification.read_at
    assert first_read is not None
    member_client.get(f"{INBOX}{notification.pk}/")
    notification.refresh_from_db()
    assert notification.read_at == first_read


@pytest.mark.parametrize(
    "url", ["", "https://ailleurs.example.com/piege", "//ailleurs.example.com/"]
)
def test_opening_a_notification_without_a_safe_link_goes_back_to_the_inbox(
    member_client, member, note, url
):
    notification = note(member, url=url)

    response = member_client.get(f"{INBOX}{notification.pk}/")

    assert response["Location"] == INBOX


def test_opening_another_users_or_another_territorys_notification_is_a_404(
    member_client, member, make_member, note, territory, other_territory
):
    theirs = note(make_member(territory, email="voisine@apt.test"))
    elsewhere = note(member, in_territory=other_territory)

    assert member_client.get(f"{INBOX}{theirs.pk}/").status_code == 404
    assert member_client.get(f"{INBOX}{elsewhere.pk}/").status_code == 404
    assert member_client.get(f"{THANN_INBOX}{elsewhere.pk}/").status_code == 302
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_marks_everything_read_on_this_territory_only(member_client, member, note, other_territory):
    note(member, "Un")
    note(member, "Deux")
    elsewhere = note(member, "Ailleurs", in_territory=other_territory)

    response = member_client.post(f"{INBOX}tout-lu/")

    assert response.status_code == 302
    assert response["Location"] == INBOX
    assert not Notification.objects.filter(
        territory__slug="pays-dapt-luberon", read_at=None
    ).exists()
    assert Notification.objects.get(pk=elsewhere.pk).read_at is None
    assert (
        "Toutes vos notifications sont marquées comme lues."
        in member_client.get(INBOX).content.decode()
    )


def test_mark_all_read_needs_a_post_and_a_login(member_client, member, note):
    note(member)
    assert member_client.get(f"{INBOX}tout-lu/").status_code == 405
    member_client.logout()
    assert member_client.post(f"{INBOX}tout-lu/")["Location"].startswith("/compte/login/")
    assert Notification.objects.get(user=member).read_at is None


def test_header_shows_the_unread_count_of_the_territory(member_client, member, note):
    for n in range(3):
        note(member, f"Notification {n}")

    html = member_client.get("/t/pays-dapt-luberon/").content.decode()

    link = re.search(r'<a class="notifications-link"[^>]*>(.*?)</a>', html, re.S)
    assert link is not None
    assert link.group(1) == (
        'Notifications <span class="notifications-link__count">3'
        '<span class="visually-hidden"> non lues</span></span>'
    )


def test_header_shows_no_count_without_unread_notifications(member_client, member, note):
    Notification.objects.filter(pk=note(member).pk).update(read_at="2026-01-01T10:00:00Z")

    html = member_client.get("/t/pays-dapt-luberon/").content.decode()

    assert re.search(r'<a class="notifications-link"[^>]*>Notifications</a>', html)


def test_visitors_see_no_notifications_link(client, territory):
    html = client.get("/t/pays-dapt-luberon/").content.decode()

    assert "notifications-link" not in html
