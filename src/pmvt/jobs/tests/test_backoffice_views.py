"""The employers' back offices over HTTP: an actor's pro space and the collectivité's gestion."""

import html

from pmvt.accounts.models import Role
from pmvt.actors.models import StaffRole
from pmvt.jobs.models import ApplicationStatus, JobOffer, OfferStatus
from pmvt.jobs.tests.conftest import (
    GESTION,
    TERRITORY,
    add_staff,
    apply,
    days,
    messages_of,
    owner_of,
)


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def pro(actor, rest: str = "") -> str:
    return f"{TERRITORY}/espace-pro/{actor.slug}/emplois/{rest}"


FORM = {
    "title": "Commis de cuisine",
    "contract": "saisonnier",
    "hours_per_week": "39",
    "schedule": "Midi et soir",
    "skills": "cuisine, travail en équipe",
    "salary_min": "1 900",
    "salary_max": "2 100,50",
    "salary_period": "month",
    "starts_on": "",
    "description": "Préparations froides et mise en place.",
}


def test_the_owner_creates_and_publishes_an_offer(client, bakery, baker, apt):
    client.force_login(baker)
    assert client.get(pro(bakery, "nouvelle/")).status_code == 200

    response = client.post(
        pro(bakery, "nouvelle/"),
        {**FORM, "commune": apt.pk, "closes_on": days(30).isoformat(), "action": "publish"},
        follow=True,
    )

    offer = JobOffer.objects.get()
    assert response.redirect_chain[-1][0] == pro(bakery, f"{offer.pk}/")
    assert messages_of(response) == ["L'offre est publiée."]
    assert offer.status == OfferStatus.PUBLISHED
    assert (str(offer.salary_min), str(offer.salary_max)) == ("1900.00", "2100.50")
    assert offer.skills == ["cuisine", "travail en équipe"]


def test_a_bad_form_keeps_the_values_and_saves_nothing(client, bakery, baker, apt):
    client.force_login(baker)
    response = client.post(
        pro(bakery, "nouvelle/"),
        {
            **FORM,
            "salary_min": "3000",
            "commune": apt.pk,
            "closes_on": days(30).isoformat(),
            "action": "publish",
        },
    )
    assert response.status_code == 200
    assert "inférieur ou égal au salaire maximum" in text_of(response)
    assert 'value="Commis de cuisine"' in response.content.decode()
    assert not JobOffer.objects.exists()


def test_the_offer_list_shows_counts_in_constant_queries(
    client, bakery, baker, make_offer, make_member, territory, django_assert_max_num_queries
):
    first = make_offer(bakery, title="Première")
    apply(first, make_member(territory))
    client.force_login(baker)
    with django_assert_max_num_queries(30) as few:
        response = client.get(pro(bakery))
    assert "Première" in text_of(response)
    for number in range(8):
        offer = make_offer(bakery, title=f"Offre {number}")
        apply(offer, make_member(territory))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(pro(bakery))
    assert "1 nouvelle" in text_of(response)


def test_the_team_reads_an_application_and_it_becomes_seen(
    client, offer, bakery, member, make_member, territory
):
    application = apply(offer, member, message="Disponible tout de suite.")
    staff = add_staff(bakery, make_member(territory), StaffRole.STAFF)
    client.force_login(staff)

    response = client.get(pro(bakery, f"candidatures/{application.pk}/"))

    assert response.status_code == 200
    page = text_of(response)
    assert "Disponible tout de suite." in page
    assert "Télécharger le CV (cv.pdf)" in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SEEN

    response = client.post(
        pro(bakery, f"candidatures/{application.pk}/entretien/"),
        {"message": "Jeudi 9 h."},
        follow=True,
    )
    assert messages_of(response) == [
        "Un entretien est proposé : la personne candidate est prévenue."
    ]
    application.refresh_from_db()
    assert (application.status, application.status_message) == (
        ApplicationStatus.INTERVIEW,
        "Jeudi 9 h.",
    )
    client.post(pro(bakery, f"candidatures/{application.pk}/clore/"), {"message": ""})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CLOSED


def test_staff_cannot_edit_offers(client, offer, bakery, make_member, territory):
    staff = add_staff(bakery, make_member(territory), StaffRole.STAFF)
    client.force_login(staff)
    assert client.get(pro(bakery)).status_code == 200
    assert client.get(pro(bakery, "nouvelle/")).status_code == 403
    assert client.post(pro(bakery, f"{offer.pk}/clore/")).status_code == 403
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PUBLISHED


def test_another_actor_sees_nothing(client, offer, bakery, member, make_actor):
    application = apply(offer, member)
    other = make_actor("Confiserie")
    client.force_login(owner_of(other))
    assert client.get(pro(bakery)).status_code == 403
    assert client.get(pro(bakery, f"candidatures/{application.pk}/")).status_code == 403
    # Through its own space, the other actor's offer and application are not found.
    assert client.get(pro(other, f"{offer.pk}/")).status_code == 404
    assert client.get(pro(other, f"candidatures/{application.pk}/")).status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RECEIVED


def test_the_owner_closes_an_offer(client, offer, bakery, baker):
    client.force_login(baker)
    response = client.post(pro(bakery, f"{offer.pk}/clore/"), follow=True)
    assert messages_of(response) == ["L'offre est close : elle ne reçoit plus de candidatures."]
    offer.refresh_from_db()
    assert offer.status == OfferStatus.CLOSED


def test_the_collectivite_back_office(admin_client, member, apt):
    response = admin_client.post(
        f"{GESTION}nouvelle/",
        {**FORM, "commune": apt.pk, "closes_on": days(20).isoformat(), "action": "draft"},
        follow=True,
    )
    offer = JobOffer.objects.get()
    assert offer.actor is None and offer.status == OfferStatus.DRAFT
    assert messages_of(response) == ["L'offre est enregistrée en brouillon."]
    admin_client.post(f"{GESTION}{offer.pk}/publier/")
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PUBLISHED

    application = apply(offer, member)
    page = text_of(admin_client.get(f"{GESTION}{offer.pk}/"))
    assert "1 candidature" in page
    assert admin_client.get(f"{GESTION}candidatures/{application.pk}/").status_code == 200
    assert admin_client.get(application.get_cv_url()).status_code == 200


def test_the_gestion_is_for_this_territory_admins(
    client, make_member, territory, other_territory, activate_totp, bakery, baker
):
    other_admin = make_member(other_territory, Role.ADMIN)
    activate_totp(other_admin)
    client.force_login(other_admin)
    assert client.get(GESTION).status_code == 403
    client.force_login(baker)
    assert client.get(GESTION).status_code in (302, 403)


def test_an_admin_cannot_open_an_actor_application(admin_client, offer, bakery, member):
    application = apply(offer, member)
    assert admin_client.get(pro(bakery, f"candidatures/{application.pk}/")).status_code == 403
    assert admin_client.get(f"{GESTION}candidatures/{application.pk}/").status_code == 404
