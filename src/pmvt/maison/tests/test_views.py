"""The Maison's pages: landing, suggestions (privacy), for me, invitations; query counts pinned."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from pmvt.maison.models import ContributionHours, Invitation, InvitationStatus
from pmvt.maison.selectors import open_needs_line
from pmvt.maison.services.invitations import help_offer, invitation_accept, invitation_send
from pmvt.maison.tests.conftest import T
from pmvt.projects.models import NeedKind
from pmvt.skills.models import SkillLevel, Spirit, Visibility


def suggestions_url(need):
    return f"{T}besoins/{need.pk}/suggestions/"


def need_invitations_url(need):
    return f"{T}besoins/{need.pk}/invitations/"


@pytest.fixture
def db_sessions(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


# --- Landing ------------------------------------------------------------------------------------


def test_the_landing_shows_open_needs_projects_and_calls_to_action(client, world):
    html = client.get(T).content.decode()

    assert "4 besoins ouverts" in html
    assert "Tenir la comptabilité de l&#x27;épicerie" in html
    assert "Épicerie solidaire de Saignon" in html
    assert "Déclarer mes compétences" in html
    assert "Proposer un bien" in html
    assert "Proposer un projet" in html
    assert "Des projets pour vous" not in html


def test_the_landing_suggests_projects_to_a_person_with_a_profile(client, world):
    client.force_login(world["people"]["nina"][0])
    html = client.get(T).content.decode()

    assert "Des projets pour vous" in html
    assert "Refaire le site de l&#x27;épicerie" in html
    assert "possible à distance" in html


def test_the_door_line_counts_open_needs(world, territory):
    assert open_needs_line(territory) == "4 besoins ouverts"


def test_landing_query_count_does_not_grow(
    client, world, make_project, make_need, terms, db_sessions, django_assert_num_queries
):
    client.force_login(world["people"]["marc"][0])
    client.get(T)
    with django_assert_num_queries(19) as few:
        client.get(T)
    for number in range(5):
        project = make_project(title=f"Projet {number}", communes=[world["room"].commune])
        make_need(project, title=f"Besoin {number}", skill_terms=[terms["compta"]])
    with django_assert_num_queries(len(few)):
        client.get(T)


# --- Suggestions: the team only; private profiles never displayed -------------------------------


def test_the_team_sees_ranked_suggestions_and_private_profiles_stay_anonymous(client, world):
    client.force_login(world["teammate"])
    response = client.get(suggestions_url(world["accounting"]))
    html = response.content.decode()

    assert response.status_code == 200
    rows = response.context["people"]
    assert [r["shown"].name for r in rows][:3] == [
        "Claire",
        f"Une personne (commune : {world['room'].commune.name}) — profil privé",
        "Sophie",
    ]
    assert "3 compétences sur 3" in html
    assert (
        f'href="/t/pays-dapt-luberon/valeurs/maison/competences/{world["people"]["claire"][1].pk}/"'
        in html
    )
    # Marc's profile is private: his name, email and presentation never appear.
    assert "Marc" not in html
    assert "marc.secret" not in html
    assert "Trésorier du club de foot" not in html
    assert f"/competences/{world['people']['marc'][1].pk}/" not in html
    # … but he can be invited.
    assert f'name="profile" value="{world["people"]["marc"][1].pk}"' in html


def test_asset_suggestions_for_an_asset_need(client, world):
    client.force_login(world["carrier"])
    html = client.get(suggestions_url(world["room"])).content.decode()

    assert "3 biens suggérés" in html
    assert "Grange des Argiles" in html
    assert "Salle Saint-Pierre" not in html  # booked


def test_suggestions_are_for_the_team_only(client, world, member):
    assert client.get(suggestions_url(world["accounting"])).status_code == 302
    client.force_login(member)
    assert client.get(suggestions_url(world["accounting"])).status_code == 403
    client.force_login(world["people"]["claire"][0])
    assert client.get(suggestions_url(world["accounting"])).status_code == 403


def test_suggestions_query_count_does_not_grow(
    client, world, make_person, terms, places, db_sessions, django_assert_num_queries
):
    client.force_login(world["carrier"])
    client.get(suggestions_url(world["accounting"]))
    with django_assert_num_queries(16) as few:
        client.get(suggestions_url(world["accounting"]))
    for number in range(4):
        make_person(
            f"Voisin{number}",
            skills=[(terms["compta"], SkillLevel.CONFIRMED)],
            hours=5,
            communes=[places["b"]],
            spirits=[Spirit.VOLUNTEER],
            visibility=[Visibility.PUBLIC, Visibility.PRIVATE][number % 2],
        )
    with django_assert_num_queries(len(few)):
        response = client.get(suggestions_url(world["accounting"]))
    assert len(response.context["people"]) == 8


def test_the_team_invites_a_private_profile_who_receives_it(client, world):
    marc, marc_profile = world["people"]["marc"]
    client.force_login(world["carrier"])

    response = client.post(
        f"{T}besoins/{world['accounting'].pk}/inviter/",
        {"profile": marc_profile.pk, "message": "Votre aide serait précieuse."},
    )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.person == marc
    assert invitation.reasons[0] == "2 compétences sur 3"
    client.force_login(marc)
    html = client.get(f"{T}invitations/").content.decode()
    assert "Votre aide serait précieuse." in html
    assert "Tenir la comptabilité de l&#x27;épicerie" in html


def test_a_second_invitation_shows_an_error_and_changes_nothing(client, world):
    client.force_login(world["carrier"])
    url = f"{T}besoins/{world['accounting'].pk}/inviter/"
    client.post(url, {"profile": world["people"]["claire"][1].pk})

    response = client.post(url, {"profile": world["people"]["claire"][1].pk}, follow=True)

    assert "déjà en cours ou acceptée" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_a_stranger_cannot_invite(client, world, member):
    client.force_login(member)
    response = client.post(
        f"{T}besoins/{world['accounting'].pk}/inviter/",
        {"profile": world["people"]["claire"][1].pk},
    )
    assert response.status_code == 403
    assert Invitation.objects.count() == 0


def test_the_team_invites_an_asset(client, world):
    client.force_login(world["carrier"])
    client.post(f"{T}besoins/{world['room'].pk}/inviter/", {"asset": world["assets"]["grange"].pk})
    invitation = Invitation.objects.get()
    assert invitation.asset == world["assets"]["grange"]
    # A booked asset is not offered.
    response = client.post(
        f"{T}besoins/{world['room'].pk}/inviter/",
        {"asset": world["assets"]["booked"].pk},
        follow=True,
    )
    assert "plus disponible" in response.content.decode()
    assert Invitation.objects.count() == 1


# --- For me, offers -----------------------------------------------------------------------------


def test_for_me_lists_projects_with_reasons_and_offers_help(client, world):
    nina = world["people"]["nina"][0]
    client.force_login(nina)
    html = client.get(f"{T}pour-moi/").content.decode()
    assert "Refaire le site de l&#x27;épicerie" in html
    assert "1 compétence sur 1" in html

    response = client.post(
        f"{T}besoins/{world['website'].pk}/proposer-mon-aide/", {"message": "Avec plaisir"}
    )

    assert response.status_code == 302
    offer = Invitation.objects.get()
    assert (offer.person, offer.message) == (nina, "Avec plaisir")
    assert offer.reasons[0] == "1 compétence sur 1"


def test_for_me_without_a_profile_invites_to_declare_skills(client, member, world):
    client.force_login(member)
    html = client.get(f"{T}pour-moi/").content.decode()
    assert "Déclarez vos compétences pour recevoir des suggestions." in html


def test_for_me_needs_a_login(client, world):
    assert client.get(f"{T}pour-moi/").status_code == 302
    response = client.post(f"{T}besoins/{world['website'].pk}/proposer-mon-aide/")
    assert response.status_code == 302
    assert Invitation.objects.count() == 0


# --- My invitations, the need's invitations, hours ----------------------------------------------


def test_the_invited_person_accepts_then_records_hours(client, world):
    claire = world["people"]["claire"][0]
    invitation = invitation_send(need=world["accounting"], by=world["carrier"], person=claire)
    client.force_login(claire)

    client.post(f"{T}invitations/{invitation.pk}/accepter/")
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED

    today = timezone.localdate()
    response = client.post(
        f"{T}invitations/{invitation.pk}/heures/",
        {"given_on": (today + timedelta(days=1)).isoformat(), "hours": "2"},
        follow=True,
    )
    assert "La date ne peut pas être dans le futur." in response.content.decode()
    response = client.post(
        f"{T}invitations/{invitation.pk}/heures/",
        {"given_on": today.isoformat(), "hours": "deux"},
        follow=True,
    )
    assert "Indiquez un nombre d&#x27;heures" in response.content.decode()
    assert ContributionHours.objects.count() == 0

    client.post(
        f"{T}invitations/{invitation.pk}/heures/",
        {"given_on": today.isoformat(), "hours": "2,5", "note": "Bilan"},
    )
    assert ContributionHours.objects.get().hours == Decimal("2.50")
    assert "2,5 h données à ce jour" in client.get(f"{T}invitations/").content.decode()


def test_others_cannot_answer_an_invitation(client, world, member):
    claire = world["people"]["claire"][0]
    invitation = invitation_send(need=world["accounting"], by=world["carrier"], person=claire)
    client.force_login(member)
    assert client.post(f"{T}invitations/{invitation.pk}/accepter/").status_code == 403
    assert client.post(f"{T}invitations/{invitation.pk}/decliner/").status_code == 403
    assert client.post(f"{T}invitations/{invitation.pk}/retirer/").status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_the_need_invitations_page_names_people_only_once_they_accept(client, world):
    marc = world["people"]["marc"][0]
    claire = world["people"]["claire"][0]
    world["accounting"].people = 2
    world["accounting"].save(update_fields=["people"])
    pending = invitation_send(need=world["accounting"], by=world["carrier"], person=marc)
    offer = help_offer(need=world["accounting"], person=claire)
    client.force_login(world["carrier"])

    html = client.get(need_invitations_url(world["accounting"])).content.decode()
    assert "Marc" not in html and "marc.secret" not in html
    assert "profil privé" in html
    assert "Claire" in html  # She offered: the team knows who she is.

    client.post(f"{T}invitations/{offer.pk}/accepter/", {"next": "need"})
    offer.refresh_from_db()
    assert offer.status == InvitationStatus.ACCEPTED

    invitation_accept(invitation=pending, by=marc)
    html = client.get(need_invitations_url(world["accounting"])).content.decode()
    assert "Marc" in html
    assert "marc.secret" not in html
    assert "Trésorier du club de foot" not in html


def test_the_need_invitations_page_is_for_the_team(client, world, member):
    client.force_login(member)
    assert client.get(need_invitations_url(world["accounting"])).status_code == 403


def test_invitation_pages_query_count_does_not_grow(
    client, world, make_person, terms, places, db_sessions, django_assert_num_queries
):
    carrier = world["carrier"]
    world["accounting"].people = 10
    world["accounting"].save(update_fields=["people"])
    people = [make_person(f"Aide{n}", skills=[(terms["compta"], 3)])[0] for n in range(5)]
    invitation_send(need=world["accounting"], by=carrier, person=people[0])
    client.force_login(carrier)
    url = need_invitations_url(world["accounting"])
    client.get(url)
    with django_assert_num_queries(14) as few:
        client.get(url)
    for person in people[1:]:
        invitation_accept(
            invitation=invitation_send(need=world["accounting"], by=carrier, person=person),
            by=person,
        )
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert len(response.context["rows"]) == 5


def test_my_invitations_query_count_does_not_grow(
    client, world, make_project, make_need, db_sessions, django_assert_num_queries
):
    claire = world["people"]["claire"][0]
    invitation_send(need=world["accounting"], by=world["carrier"], person=claire)
    client.force_login(claire)
    client.get(f"{T}invitations/")
    with django_assert_num_queries(10) as few:
        client.get(f"{T}invitations/")
    for number in range(4):
        project = make_project(title=f"Projet {number}")
        need = make_need(project, kind=NeedKind.VOLUNTEERS, title=f"Besoin {number}")
        invitation = invitation_send(need=need, by=project.created_by, person=claire)
        if number % 2:
            invitation_accept(invitation=invitation, by=claire)
        help_offer(need=make_need(project, kind=NeedKind.VOLUNTEERS), person=claire)
    with django_assert_num_queries(len(few)):
        response = client.get(f"{T}invitations/")
    assert len(response.context["received"]) == 3
    assert len(response.context["contributions"]) == 2
