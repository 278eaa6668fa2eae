"""The public pages over HTTP: the list and its filters, one offer with its JSON-LD, applying,
"my applications", withdrawing."""

import html
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pmvt.actors.models import ActorStatus
from pmvt.jobs.models import ApplicationStatus, Contract, JobApplication, JobOffer
from pmvt.jobs.tests.conftest import PDF, PUBLIC, apply, days, messages_of


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def titles(response) -> list[str]:
    return [offer.title for offer in response.context["page_obj"].object_list]


def json_ld(response) -> dict:
    block = response.content.decode().split('<script type="application/ld+json">')[1]
    return json.loads(block.split("</script>")[0])


@pytest.fixture
def three_offers(make_offer, bakery, make_actor, gargas, admin):
    joinery = make_actor("Menuiserie Bérard")
    make_offer(bakery, title="Vendeur", closes_on=days(20), skills="vente, encaissement")
    make_offer(
        joinery,
        title="Menuisier poseur",
        contract=Contract.CDI,
        commune=gargas,
        closes_on=days(5),
        skills="Menuiserie, permis B",
        description="Pose de fenêtres en bois.",
    )
    make_offer(
        None,
        by=admin,
        title="Stage économie locale",
        contract=Contract.INTERNSHIP,
        closes_on=days(30),
    )


def test_the_list_shows_open_offers_closing_first(client, three_offers, make_offer, bakery):
    make_offer(bakery, title="Brouillon", publish=False)
    expired = make_offer(bakery, title="Expirée")
    JobOffer.objects.filter(pk=expired.pk).update(closes_on=days(-1))

    response = client.get(PUBLIC)

    assert response.status_code == 200
    assert titles(response) == ["Menuisier poseur", "Vendeur", "Stage économie locale"]
    page = text_of(response)
    assert "3 offres ouvertes" in page
    assert "Clôture dans 5 jours" in page
    assert "Brouillon" not in page and "Expirée" not in page
    assert "Communauté de communes" in page or "Pays d" in page  # The collectivité as employer.


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("contrat=cdi", ["Menuisier poseur"]),
        ("contrat=stage", ["Stage économie locale"]),
        ("competence=MENUISERIE", ["Menuisier poseur"]),
        ("competence=permis+b", ["Menuisier poseur"]),
        ("competence=vent", []),  # A skill is matched whole.
        ("q=fenetre", ["Menuisier poseur"]),
        ("q=vendeuse", []),
        ("q=vendeur+boulangerie", ["Vendeur"]),
        ("q=menuiserie+ocres", []),
    ],
)
def test_the_list_filters(client, three_offers, query, expected):
    response = client.get(f"{PUBLIC}?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_the_list_filters_by_commune(client, three_offers, gargas):
    response = client.get(f"{PUBLIC}?commune={gargas.pk}")
    assert titles(response) == ["Menuisier poseur"]


def test_a_suspended_actor_offers_leave_the_list(client, three_offers, bakery):
    type(bakery).objects.filter(pk=bakery.pk).update(status=ActorStatus.SUSPENDED)
    assert "Vendeur" not in titles(client.get(PUBLIC))


def test_the_list_paginates_with_the_filters_kept(client, make_offer, bakery):
    for number in range(22):
        make_offer(bakery, title=f"Offre {number:02d}", skills="vente")
    response = client.get(f"{PUBLIC}?competence=vente")
    assert len(titles(response)) == 20
    assert "?competence=vente&amp;page=2" in response.content.decode()
    assert len(titles(client.get(f"{PUBLIC}?competence=vente&page=2"))) == 2


def test_the_list_query_count_does_not_grow(
    client, make_offer, bakery, make_actor, django_assert_max_num_queries
):
    make_offer(bakery)
    with django_assert_max_num_queries(12) as few:
        client.get(PUBLIC)
    other = make_actor("Confiserie")
    for number in range(15):
        make_offer(other if number % 2 else bakery, title=f"Offre {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(PUBLIC)
    assert len(titles(response)) == 16


def test_the_offer_page_and_its_job_posting(client, offer, territory):
    response = client.get(offer.get_absolute_url())

    assert response.status_code == 200
    page = text_of(response)
    assert "Postuler à cette offre" in page
    assert "De 11,88\u00a0€ à 12,50\u00a0€ brut de l'heure" in page
    data = json_ld(response)
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Vendeur ou vendeuse en boulangerie"
    assert "<strong>six mois</strong>" in data["description"]
    assert data["validThrough"] == f"{offer.closes_on.isoformat()}T23:59:59"
    assert data["datePosted"] == offer.published_at.date().isoformat()
    assert data["employmentType"] == ["PART_TIME", "TEMPORARY"]
    assert data["hiringOrganization"]["name"] == "Boulangerie des Ocres"
    assert data["jobLocation"]["address"]["addressLocality"] == "Apt"
    assert data["jobLocation"]["address"]["postalCode"] == "84400"
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {
            "@type": "QuantitativeValue",
            "minValue": 11.88,
            "maxValue": 12.5,
            "unitText": "HOUR",
        },
    }


def test_an_expired_offer_says_it_is_closed(client, offer):
    JobOffer.objects.filter(pk=offer.pk).update(closes_on=days(-3))
    response = client.get(offer.get_absolute_url())
    assert response.status_code == 200
    page = text_of(response)
    assert "Offre close" in page
    assert "Postuler à cette offre" not in page
    assert json_ld(response)["validThrough"].startswith(days(-3).isoformat())


def test_a_draft_is_hidden_from_others(client, make_offer, bakery, baker, member):
    draft = make_offer(bakery, publish=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(baker)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_an_offer_of_another_territory_is_not_found(client, offer, other_territory):
    url = offer.get_absolute_url().replace("pays-dapt-luberon", other_territory.slug)
    assert client.get(url).status_code == 404


# --- applying ---------------------------------------------------------------------------------


def apply_url(offer) -> str:
    return f"{offer.get_absolute_url()}postuler/"


def test_a_visitor_is_sent_to_log_in_to_apply(client, offer):
    response = client.get(apply_url(offer))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_a_member_applies_through_the_form(client, offer, member):
    client.force_login(member)
    assert client.get(apply_url(offer)).status_code == 200

    response = client.post(
        apply_url(offer),
        {
            "message": "Je suis disponible.",
            "cv": SimpleUploadedFile("Mon CV.pdf", PDF, "application/pdf"),
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0].endswith("/marche/emplois/mes-candidatures/")
    assert messages_of(response) == [
        "Votre candidature est envoyée. Suivez-la dans « Mes candidatures »."
    ]
    application = JobApplication.objects.get()
    assert (application.applicant, application.cv_name) == (member, "Mon CV.pdf")
    page = text_of(response)
    assert "Vendeur ou vendeuse en boulangerie" in page and "Reçue" in page


def test_a_fake_pdf_is_refused_and_nothing_saved(client, offer, member):
    client.force_login(member)
    response = client.post(
        apply_url(offer),
        {"message": "Bonjour", "cv": SimpleUploadedFile("cv.pdf", b"<html>", "application/pdf")},
    )
    assert response.status_code == 200
    assert "pas un PDF valide" in text_of(response)
    assert not JobApplication.objects.exists()


def test_applying_twice_sends_back_to_my_applications(client, offer, member):
    apply(offer, member)
    client.force_login(member)
    response = client.get(apply_url(offer))
    assert response.status_code == 302
    assert "mes-candidatures" in response["Location"]
    detail = text_of(client.get(offer.get_absolute_url()))
    assert "Vous avez postulé : Reçue." in detail


def test_my_applications_and_withdrawal(client, offer, member, make_member, territory):
    application = apply(offer, member)
    stranger = make_member(territory)
    withdraw = f"{PUBLIC}candidatures/{application.pk}/retirer/"

    client.force_login(stranger)
    assert client.post(withdraw).status_code == 403
    assert "Vendeur" not in text_of(client.get(f"{PUBLIC}mes-candidatures/"))

    client.force_login(member)
    page = text_of(client.get(f"{PUBLIC}mes-candidatures/"))
    assert "Vendeur ou vendeuse en boulangerie" in page and "Reçue" in page
    response = client.post(withdraw, follow=True)
    assert messages_of(response) == ["Votre candidature est retirée et votre CV effacé."]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_my_applications_needs_an_account(client, territory):
    response = client.get(f"{PUBLIC}mes-candidatures/")
    assert response.status_code == 302
