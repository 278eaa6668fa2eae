"""The back office over HTTP: create a consultation, write its questions, publish, export."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pmvt.accounts.models import Role
from pmvt.consultations.models import Consultation, Question, QuestionKind
from pmvt.consultations.services.responses import response_submit
from pmvt.consultations.tests.conftest import GESTION, full_answer, messages_of, questions_of


def admin_url(consultation: Consultation, suffix: str = "") -> str:
    return f"{GESTION}{consultation.slug}/{suffix}"


CONSULTATION_POST = {
    "title": "Horaires du marché d'Apt",
    "description": "Le marché pourrait ouvrir plus tôt.",
    "opens_at": "2030-05-01T08:00",
    "closes_at": "2030-05-31T20:00",
    "eligibility": "residents",
    "anonymous": "on",
}


def test_an_admin_creates_a_consultation_then_adds_a_question(admin_client, territory):
    created = admin_client.post(f"{GESTION}nouvelle/", CONSULTATION_POST, follow=True)
    consultation = Consultation.objects.get()
    added = admin_client.post(
        admin_url(consultation, "questions/nouvelle/"),
        {
            "label": "Quel jour ?",
            "kind": QuestionKind.SINGLE,
            "required": "on",
            "choices": "Samedi\n\nMardi\n",
        },
        follow=True,
    )

    assert created.redirect_chain == [(admin_url(consultation), 302)]
    assert (consultation.eligibility, consultation.anonymous) == ("residents", True)
    assert consultation.opens_at.isoformat() == "2030-05-01T06:00:00+00:00"
    assert messages_of(added) == ["La question est enregistrée."]
    (question,) = questions_of(consultation)
    assert [c.label for c in question.choices.all()] == ["Samedi", "Mardi"]
    assert "Quel jour ?" in html.unescape(added.content.decode())


def test_a_bad_consultation_form_changes_nothing(admin_client, territory):
    response = admin_client.post(
        f"{GESTION}nouvelle/", {**CONSULTATION_POST, "closes_at": "2030-04-01T08:00"}
    )

    assert response.status_code == 400
    assert "La clôture doit être après l&#x27;ouverture." in response.content.decode()
    assert Consultation.objects.count() == 0


def test_a_bad_question_form_says_why(admin_client, make_consultation):
    consultation = make_consultation(questions=[])

    response = admin_client.post(
        admin_url(consultation, "questions/nouvelle/"),
        {"label": "Quel jour ?", "kind": QuestionKind.SINGLE, "choices": "Samedi"},
    )

    assert response.status_code == 400
    assert "Proposez entre 2 et 20 choix, un par ligne." in response.content.decode()
    assert Question.objects.count() == 0


def test_an_admin_edits_moves_and_removes_a_question(admin_client, make_consultation):
    consultation = make_consultation()
    single, multiple, *_rest = questions_of(consultation)

    admin_client.post(
        admin_url(consultation, f"questions/{single.pk}/"),
        {"label": "Quel jour ?", "kind": QuestionKind.SINGLE, "choices": "Samedi\nDimanche"},
    )
    admin_client.post(
        admin_url(consultation, f"questions/{multiple.pk}/deplacer/"), {"sens": "haut"}
    )
    admin_client.post(admin_url(consultation, f"questions/{single.pk}/retirer/"))

    labels = [q.label for q in questions_of(consultation)]
    assert labels[0] == "Quels produits cherchez-vous ?"
    assert "Quel jour ?" not in labels


def test_the_edit_page_says_when_questions_are_frozen(admin_client, make_consultation, member):
    consultation = make_consultation()
    response_submit(user=member, consultation=consultation, data=full_answer(consultation))
    single = questions_of(consultation)[0]

    page = html.unescape(admin_client.get(admin_url(consultation)).content.decode())
    removal = admin_client.post(
        admin_url(consultation, f"questions/{single.pk}/retirer/"), follow=True
    )

    assert "Des membres ont déjà répondu" in page
    assert "Ajouter une question" not in page
    assert messages_of(removal)[0].startswith("Des membres ont déjà répondu à cette consultation.")
    assert len(questions_of(consultation)) == 5


def test_an_admin_publishes_free_text(admin_client, make_consultation):
    consultation = make_consultation()

    admin_client.post(admin_url(consultation, "reponses-libres/"), {"publier": "oui"})
    consultation.refresh_from_db()
    assert consultation.free_text_published is True
    admin_client.post(admin_url(consultation, "reponses-libres/"), {"publier": "non"})
    consultation.refresh_from_db()
    assert consultation.free_text_published is False


def test_an_admin_exports_the_responses(admin_client, make_consultation, member):
    consultation = make_consultation()
    response_submit(user=member, consultation=consultation, data=full_answer(consultation))

    response = admin_client.get(admin_url(consultation, "export.csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="consultation-horaires-du-marche-dapt.csv"' in response["Content-Disposition"]
    assert "habitante@apt.test" in response.content.decode("utf-8")


@pytest.mark.parametrize(
    "path",
    ["", "nouvelle/", "{slug}/", "{slug}/questions/nouvelle/", "{slug}/export.csv"],
)
def test_members_and_other_admins_are_refused(
    client, make_consultation, make_member, territory, other_admin, activate_totp, path
):
    consultation = make_consultation()
    target = f"{GESTION}{path.format(slug=consultation.slug)}"
    moderator = make_member(territory, Role.MODERATOR, email="modo@apt.test")
    activate_totp(other_admin)

    for user in (moderator, other_admin):
        client.force_login(user)
        assert client.get(target).status_code == 403


def test_posts_of_members_change_nothing(client, make_consultation, member):
    consultation = make_consultation()
    single = questions_of(consultation)[0]
    client.force_login(member)

    responses = [
        client.post(f"{GESTION}nouvelle/", CONSULTATION_POST),
        client.post(admin_url(consultation, f"questions/{single.pk}/retirer/")),
        client.post(admin_url(consultation, "reponses-libres/"), {"publier": "oui"}),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403]
    assert Consultation.objects.count() == 1
    assert len(questions_of(consultation)) == 5
    consultation.refresh_from_db()
    assert consultation.free_text_published is False


def test_another_territorys_consultation_is_not_found_in_the_back_office(
    admin_client, make_consultation, other_territory, other_admin
):
    elsewhere = make_consultation("Ailleurs", in_territory=other_territory, by=other_admin)

    assert admin_client.get(admin_url(elsewhere)).status_code == 404
    assert admin_client.get(admin_url(elsewhere, "export.csv")).status_code == 404


def test_the_admin_list_query_count_does_not_grow(
    admin_client, make_consultation, settings, django_assert_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    make_consultation("Première", questions=[])
    admin_client.get(GESTION)
    with CaptureQueriesContext(connection) as first:
        admin_client.get(GESTION)
    for n in range(5):
        make_consultation(f"Consultation {n}", questions=[])

    with django_assert_num_queries(len(first)):
        response = admin_client.get(GESTION)

    assert len(response.context["page_obj"].object_list) == 6
