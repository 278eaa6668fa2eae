"""The clubs' pages: what each person sees and may do, pinned query counts, isolation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pmvt.clubs.models import ClubMembership, MembershipStatus, Resource, Thread
from pmvt.clubs.services.memberships import club_join
from pmvt.clubs.services.resources import resource_add
from pmvt.clubs.services.threads import reply_create, thread_set_pinned
from pmvt.notifications.models import Notification

from .conftest import CLUBS, GESTION, messages_of
from .test_resources import PDF


def club_url(club, rest: str = "") -> str:
    return f"{CLUBS}{club.slug}/{rest}"


# --- the list of clubs ------------------------------------------------------------------------


def test_the_list_shows_member_counts_and_my_status(
    client, open_club, actors_club, join, member, actor_staff
):
    join(open_club, member)
    club_join(club=actors_club, user=actor_staff)
    client.force_login(actor_staff)

    response = client.get(CLUBS)

    assert response.status_code == 200
    rows = {
        club.name: (club.member_count, mine.status if mine else None)
        for club, mine in response.context["rows"]
    }
    assert rows == {"Club citoyens–acteurs": (1, None), "Club des acteurs": (0, "pending")}
    assert "Demande en attente" in response.content.decode()


def test_the_list_query_count_does_not_grow(
    client, make_club, member, settings, django_assert_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    make_club("Premier club")
    client.force_login(member)
    client.get(CLUBS)
    with django_assert_num_queries(8) as few:
        client.get(CLUBS)
    for n in range(5):
        club = make_club(f"Club {n}")
        club_join(club=club, user=member)
    with django_assert_num_queries(len(few)):
        response = client.get(CLUBS)
    assert len(response.context["rows"]) == 6


def test_the_list_hides_closed_clubs_and_other_territories(
    client, make_club, other_territory, other_admin
):
    make_club("Club fermé", is_active=False)
    make_club("Club de Thann", in_territory=other_territory, by=other_admin)
    response = client.get(CLUBS)
    assert response.context["rows"] == []
    assert client.get(f"{CLUBS}club-de-thann/").status_code == 404
    assert client.get(f"{CLUBS}club-ferme/").status_code == 404


# --- the club page ----------------------------------------------------------------------------


def test_a_visitor_sees_the_presentation_but_no_threads(
    client, open_club, join, member, make_thread
):
    join(open_club, member)
    make_thread(open_club, member, "Une discussion privée")
    response = client.get(club_url(open_club))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Co-construire les offres du territoire." in page
    assert "Une discussion privée" not in page
    assert "Se connecter pour rejoindre le club" in page


def test_a_member_sees_pinned_threads_first(
    client, open_club, join, member, moderator, make_thread
):
    join(open_club, member)
    first = make_thread(open_club, member, "Première")
    make_thread(open_club, member, "Seconde")
    thread_set_pinned(thread=first, by=moderator, pinned=True)
    client.force_login(member)
    response = client.get(club_url(open_club))
    assert [t.title for t in response.context["page_obj"].object_list] == ["Première", "Seconde"]
    assert "Quitter le club" in response.content.decode()


def test_the_category_filter(client, open_club, join, member, make_thread):
    join(open_club, member)
    make_thread(open_club, member, "Une question", category="question")
    make_thread(open_club, member, "Un retour", category="feedback")
    client.force_login(member)
    response = client.get(club_url(open_club), {"categorie": "feedback"})
    assert [t.title for t in response.context["page_obj"].object_list] == ["Un retour"]
    # A category the club does not offer is ignored.
    response = client.get(club_url(open_club), {"categorie": "group_purchase"})
    assert len(response.context["page_obj"].object_list) == 2


def test_the_club_page_query_count_does_not_grow(
    client, open_club, join, member, make_thread, settings, django_assert_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    join(open_club, member)
    make_thread(open_club, member, "Discussion 0")
    client.force_login(member)
    client.get(club_url(open_club))
    # The club's events are one of these queries; none grows with the number of threads.
    with django_assert_num_queries(11) as few:
        client.get(club_url(open_club))
    for n in range(1, 25):
        make_thread(open_club, member, f"Discussion {n}")
    with django_assert_num_queries(len(few)):
        response = client.get(club_url(open_club))
    assert len(response.context["page_obj"].object_list) == 20
    assert response.context["page_obj"].paginator.num_pages == 2


# --- joining and leaving ----------------------------------------------------------------------


def test_joining_an_open_club_by_the_button(client, open_club, member):
    client.force_login(member)
    response = client.post(club_url(open_club, "rejoindre/"), follow=True)
    assert "Bienvenue au Club citoyens–acteurs" in messages_of(response)[0]
    assert ClubMembership.objects.get(club=open_club, user=member).status == MembershipStatus.ACTIVE


def test_asking_to_join_a_club_on_approval(client, actors_club, actor_staff):
    client.force_login(actor_staff)
    response = client.post(club_url(actors_club, "rejoindre/"), follow=True)
    assert "envoyée aux modérateurs" in messages_of(response)[0]
    assert "Retirer ma demande" in response.content.decode()
    assert (
        ClubMembership.objects.get(club=actors_club, user=actor_staff).status
        == MembershipStatus.PENDING
    )


def test_an_inhabitant_is_told_why_the_actors_club_is_closed_to_them(client, actors_club, member):
    client.force_login(member)
    response = client.get(club_url(actors_club))
    assert "acteur vérifié" in response.context["join_refusal"]
    assert "acteur vérifié du territoire" in response.content.decode()
    assert client.post(club_url(actors_club, "rejoindre/")).status_code == 403
    assert not ClubMembership.objects.exists()


def test_joining_twice_says_so(client, open_club, member):
    client.force_login(member)
    client.post(club_url(open_club, "rejoindre/"))
    assert client.post(club_url(open_club, "rejoindre/")).status_code == 403
    assert ClubMembership.objects.filter(club=open_club, user=member).count() == 1


def test_joining_needs_a_post_and_a_login(client, open_club):
    assert client.get(club_url(open_club, "rejoindre/")).status_code == 405
    response = client.post(club_url(open_club, "rejoindre/"))
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_leaving(client, open_club, join, member):
    join(open_club, member)
    client.force_login(member)
    response = client.post(club_url(open_club, "quitter/"), follow=True)
    assert messages_of(response) == ["Vous avez quitté le Club citoyens–acteurs."]
    assert ClubMembership.objects.get(club=open_club, user=member).status == MembershipStatus.LEFT


# --- threads ----------------------------------------------------------------------------------


def test_a_member_opens_a_thread_and_fixes_the_form(client, open_club, join, member):
    join(open_club, member)
    client.force_login(member)
    url = club_url(open_club, "discussions/nouvelle/")
    assert client.get(url).status_code == 200

    response = client.post(url, {"title": "", "category": "group_purchase", "body": ""})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"title", "category", "body"}
    assert Thread.objects.count() == 0

    response = client.post(
        url, {"title": "Un panier mixte ?", "category": "co_design", "body": "Idée"}
    )
    thread = Thread.objects.get()
    assert response["Location"] == thread.get_absolute_url()
    assert thread.author == member


def test_a_non_member_cannot_open_a_thread(client, open_club, member):
    client.force_login(member)
    assert client.get(club_url(open_club, "discussions/nouvelle/")).status_code == 403


def test_reading_and_replying_to_a_thread(
    client, open_club, join, member, make_member, territory, make_thread
):
    author = make_member(territory, email="auteur@apt.test", display_name="Anne")
    join(open_club, author)
    join(open_club, member)
    thread = make_thread(open_club, author, body="Du **gras** et <script>alert(1)</script>")
    client.force_login(member)
    response = client.get(thread.get_absolute_url())
    page = response.content.decode()
    assert "<strong>gras</strong>" in page
    assert "<script>alert" not in page
    assert "auteur@apt.test" not in page  # Names, never email addresses.

    response = client.post(thread.get_absolute_url(), {"body": ""})
    assert response.context["form"].errors["body"]
    assert thread.replies.count() == 0

    response = client.post(thread.get_absolute_url(), {"body": "Chez le grossiste."})
    reply = thread.replies.get()
    assert response["Location"] == reply.get_absolute_url()
    assert Notification.objects.filter(user=author, kind="club").count() == 1


def test_a_reply_link_opens_the_page_holding_it(client, open_club, join, member, make_thread):
    join(open_club, member)
    thread = make_thread(open_club, member)
    replies = [reply_create(thread=thread, author=member, body=f"Réponse {n}") for n in range(25)]
    client.force_login(member)
    response = client.get(replies[22].get_absolute_url())
    assert response.context["page_obj"].number == 2
    assert f'id="reponse-{replies[22].pk}"' in response.content.decode()


def test_threads_are_for_members_only(
    client, open_club, join, member, make_member, territory, make_thread
):
    author = make_member(territory, email="auteur@apt.test")
    join(open_club, author)
    thread = make_thread(open_club, author)
    assert client.get(thread.get_absolute_url()).status_code == 302  # To the login page.
    client.force_login(member)
    assert client.get(thread.get_absolute_url()).status_code == 403
    assert client.post(thread.get_absolute_url(), {"body": "Intrus"}).status_code == 403
    assert thread.replies.count() == 0


def test_the_author_marks_the_solution(
    client, open_club, join, member, make_member, territory, make_thread
):
    helper = make_member(territory, email="aide@apt.test")
    join(open_club, member)
    join(open_club, helper)
    question = make_thread(open_club, member, category="question")
    reply = reply_create(thread=question, author=helper, body="Voici.")
    client.force_login(member)
    response = client.post(
        question.get_absolute_url() + "resolue/", {"reponse": reply.pk}, follow=True
    )
    assert messages_of(response) == ["La question est marquée comme résolue."]
    question.refresh_from_db()
    assert question.solved_reply == reply
    for not_an_id in ("x", "²", "9" * 40):
        response = client.post(question.get_absolute_url() + "resolue/", {"reponse": not_an_id})
        assert response.status_code == 404
    assert client.get(question.get_absolute_url(), {"reponse": "²"}).status_code == 200


def test_the_club_moderator_pins_and_closes(
    client, open_club, join, member, make_member, territory, make_thread
):
    animator = make_member(territory, email="animatrice@apt.test")
    join(open_club, member)
    join(open_club, animator, moderator=True)
    thread = make_thread(open_club, member)
    client.force_login(member)
    assert (
        client.post(thread.get_absolute_url() + "epingler/", {"epingler": "1"}).status_code == 403
    )
    client.force_login(animator)
    client.post(thread.get_absolute_url() + "epingler/", {"epingler": "1"})
    client.post(thread.get_absolute_url() + "clore/", {"clore": "1"})
    thread.refresh_from_db()
    assert (thread.pinned, thread.locked) == (True, True)


# --- resources --------------------------------------------------------------------------------


def test_sharing_and_downloading_a_document(
    client, open_club, join, member, make_member, territory
):
    join(open_club, member)
    client.force_login(member)
    url = club_url(open_club, "ressources/partager/")
    response = client.post(
        url, {"title": "Fiche", "document": SimpleUploadedFile("f.pdf", b"MZ nope")}
    )
    assert "format accepté" in str(response.context["form"].errors["document"])
    response = client.post(
        url, {"title": "Fiche", "url": "", "document": SimpleUploadedFile("f.pdf", PDF)}
    )
    assert response.status_code == 302
    resource = Resource.objects.get()

    download = client.get(resource.get_download_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content) == PDF

    outsider = make_member(territory, email="curieux@apt.test")
    client.force_login(outsider)
    assert client.get(resource.get_download_url()).status_code == 403
    assert client.get(club_url(open_club, "ressources/")).status_code == 403


def test_the_resource_list(client, open_club, join, member):
    join(open_club, member)
    resource_add(club=open_club, by=member, title="Guide du tri", url="https://example.org/tri")
    client.force_login(member)
    response = client.get(club_url(open_club, "ressources/"))
    assert "Guide du tri" in response.content.decode()
    client.post(club_url(open_club, f"ressources/{Resource.objects.get().pk}/retirer/"))
    assert not Resource.objects.exists()


# --- members and requests ---------------------------------------------------------------------


def test_the_member_list_is_for_members(client, open_club, join, member, make_member, territory):
    join(open_club, member)
    assert client.get(club_url(open_club, "membres/")).status_code == 302
    outsider = make_member(territory, email="curieux@apt.test")
    client.force_login(outsider)
    assert client.get(club_url(open_club, "membres/")).status_code == 403
    client.force_login(member)
    response = client.get(club_url(open_club, "membres/"))
    assert [m.user for m in response.context["page_obj"].object_list] == [member]


def test_the_club_moderator_handles_requests(
    client, actors_club, join, actor_staff, make_actor_staff, territory
):
    animator = make_actor_staff(territory, email="animateur@apt.test")
    join(actors_club, animator, moderator=True)
    other = make_actor_staff(territory)
    first = club_join(club=actors_club, user=actor_staff)
    second = club_join(club=actors_club, user=other)
    client.force_login(animator)
    response = client.get(club_url(actors_club, "demandes/"))
    assert list(response.context["page_obj"].object_list) == [first, second]

    client.post(club_url(actors_club, f"demandes/{first.pk}/accepter/"))
    client.post(club_url(actors_club, f"demandes/{second.pk}/refuser/"), {"reason": "Doublon."})

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status, second.reason) == ("active", "refused", "Doublon.")
    # A decided request cannot be decided again.
    assert client.post(club_url(actors_club, f"demandes/{first.pk}/accepter/")).status_code == 404


def test_a_plain_member_sees_no_requests(client, actors_club, join, actor_staff):
    join(actors_club, actor_staff)
    client.force_login(actor_staff)
    assert client.get(club_url(actors_club, "demandes/")).status_code == 403


def test_removing_a_member_with_a_reason(client, open_club, join, member, moderator):
    membership = join(open_club, member)
    client.force_login(moderator)
    url = club_url(open_club, f"membres/{membership.pk}/retirer/")
    response = client.post(url, {"reason": ""})
    assert response.context["form"].errors["reason"]
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE

    response = client.post(url, {"reason": "Publicité répétée."})
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REMOVED
    assert Notification.objects.filter(user=member, kind="club").count() == 1


def test_naming_a_club_moderator(client, open_club, join, member, moderator):
    membership = join(open_club, member)
    client.force_login(moderator)
    client.post(club_url(open_club, f"membres/{membership.pk}/role/"), {"role": "moderator"})
    membership.refresh_from_db()
    assert membership.role == "moderator"


# --- back office ------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, admin, activate_totp):
    activate_totp(admin)
    client.force_login(admin)
    return client


def test_the_admin_opens_and_changes_a_club(admin_client):
    assert admin_client.get(GESTION).status_code == 200
    response = admin_client.post(f"{GESTION}nouveau/", {"name": "", "purpose": ""})
    assert set(response.context["form"].errors) >= {"name", "purpose", "kind"}
    response = admin_client.post(
        f"{GESTION}nouveau/",
        {
            "name": "Club des jeunes",
            "purpose": "Les 15-25 ans proposent.",
            "kind": "other",
            "join_policy": "open",
            "audience": "everyone",
            "is_active": "on",
        },
    )
    assert response["Location"] == f"{CLUBS}club-des-jeunes/"
    response = admin_client.post(
        f"{GESTION}club-des-jeunes/",
        {
            "name": "Club des jeunes",
            "purpose": "Les 15-25 ans proposent.",
            "kind": "other",
            "join_policy": "approval",
            "audience": "everyone",
        },
    )
    assert response.status_code == 302
    response = admin_client.get(GESTION)
    (club,) = response.context["page_obj"].object_list
    assert (club.join_policy, club.is_active) == ("approval", False)


def test_the_back_office_is_for_admins(client, moderator, other_admin, activate_totp, open_club):
    client.force_login(moderator)
    assert client.get(GESTION).status_code == 403
    activate_totp(other_admin)
    client.force_login(other_admin)
    assert client.get(GESTION).status_code == 403
    assert client.get(f"{GESTION}nouveau/").status_code == 403
    assert client.get(f"{GESTION}{open_club.slug}/").status_code == 403


def test_the_thread_page_query_count_does_not_grow(
    client, open_club, join, member, make_thread, settings, django_assert_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    join(open_club, member)
    thread = make_thread(open_club, member)
    reply_create(thread=thread, author=member, body="Première réponse.")
    client.force_login(member)
    client.get(thread.get_absolute_url())
    with django_assert_num_queries(10) as few:
        client.get(thread.get_absolute_url())
    for n in range(30):
        reply_create(thread=thread, author=member, body=f"Réponse {n}")
    with django_assert_num_queries(len(few)):
        response = client.get(thread.get_absolute_url())
    assert len(response.context["page_obj"].object_list) == 20


def test_the_members_and_resources_query_counts_do_not_grow(
    client, open_club, join, member, make_member, territory, settings, django_assert_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    join(open_club, member)
    resource_add(club=open_club, by=member, title="Lien 0", url="https://example.org/0")
    client.force_login(member)
    pages = [club_url(open_club, "membres/"), club_url(open_club, "ressources/")]
    counts = []
    for url in pages:
        client.get(url)
        with django_assert_num_queries(10, exact=False) as few:
            client.get(url)
        counts.append(len(few))
    for n in range(1, 6):
        join(open_club, make_member(territory, email=f"membre{n}@apt.test"))
        resource_add(club=open_club, by=member, title=f"Lien {n}", url=f"https://example.org/{n}")
    for url, count in zip(pages, counts, strict=True):
        with django_assert_num_queries(count):
            response = client.get(url)
        assert len(response.context["page_obj"].object_list) == 6


def test_club_urls_of_another_territory_answer_404(
    client, make_club, other_territory, other_admin, member
):
    club = make_club("Club de Thann", in_territory=other_territory, by=other_admin)
    client.force_login(member)
    for rest in ("", "membres/", "ressources/", "discussions/nouvelle/", "demandes/"):
        assert client.get(f"{CLUBS}{club.slug}/{rest}").status_code == 404
    assert client.post(f"{CLUBS}{club.slug}/rejoindre/").status_code == 404
    assert not ClubMembership.objects.exists()


def test_the_values_door_shows_the_clubs_section(client, make_club):
    make_club("Premier club")
    make_club("Club fermé", is_active=False)
    response = client.get("/t/pays-dapt-luberon/valeurs/")
    page = response.content.decode()
    assert f'href="{CLUBS}"' in page
    assert "1 club ouvert" in page
