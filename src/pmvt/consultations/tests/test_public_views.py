"""The public pages over HTTP: list, answering, results, free text; isolation between territories."""

import html
from datetime import timedelta

import pytest
from django.utils import timezone

from pmvt.accounts.models import Role
from pmvt.consultations.models import Consultation, Eligibility, Response
from pmvt.consultations.services.consultations import consultation_publish_free_text
from pmvt.consultations.services.responses import response_of, response_submit
from pmvt.consultations.tests.conftest import (
    PUBLIC,
    form_post,
    full_answer,
    messages_of,
    questions_of,
)

CLOSED = {"opens_in": timedelta(days=-10), "lasts": timedelta(days=3)}
UPCOMING = {"opens_in": timedelta(days=3)}


def url(consultation: Consultation, suffix: str = "") -> str:
    return f"{PUBLIC}{consultation.slug}/{suffix}"


def test_the_list_shows_each_status_in_its_tab(client, make_consultation):
    make_consultation("Ouverte")
    make_consultation("À venir", **UPCOMING)
    make_consultation("Close", **CLOSED)

    titles = {
        tab: [c.title for c in client.get(PUBLIC, {"etat": tab}).context["page_obj"].object_list]
        for tab in ("en-cours", "a-venir", "terminees")
    }
    default = client.get(PUBLIC)

    assert titles == {"en-cours": ["Ouverte"], "a-venir": ["À venir"], "terminees": ["Close"]}
    assert [c.title for c in default.context["page_obj"].object_list] == ["Ouverte"]
    assert [(v, count) for v, _label, count in default.context["tabs"]] == [
        ("en-cours", 1),
        ("a-venir", 1),
        ("terminees", 1),
    ]
    assert client.get(PUBLIC, {"etat": "nimporte"}).context["tab"] == "en-cours"


def test_the_list_query_count_does_not_grow(
    client, make_consultation, settings, django_assert_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    make_consultation("Première")
    client.get(PUBLIC)
    with django_assert_num_queries(5) as few:
        client.get(PUBLIC)
    for n in range(5):
        make_consultation(f"Consultation {n}", questions=[])

    with django_assert_num_queries(len(few)):
        response = client.get(PUBLIC)

    assert len(response.context["page_obj"].object_list) == 6


def test_the_list_paginates(client, make_consultation):
    for n in range(21):
        make_consultation(f"Consultation {n}", questions=[])

    second = client.get(PUBLIC, {"etat": "en-cours", "page": 2})

    assert len(second.context["page_obj"].object_list) == 1
    assert "Page 2 sur 2" in second.content.decode()


def test_another_territorys_consultation_is_not_found(
    client, make_consultation, other_territory, other_admin
):
    elsewhere = make_consultation("Ailleurs", in_territory=other_territory, by=other_admin)

    assert list(client.get(PUBLIC).context["page_obj"].object_list) == []
    assert client.get(url(elsewhere)).status_code == 404
    assert client.get(url(elsewhere, "resultats/")).status_code == 404
    assert (
        client.get(f"/t/{other_territory.slug}/valeurs/consultations/{elsewhere.slug}/").status_code
        == 200
    )


def test_a_visitor_sees_the_questions_and_is_asked_to_log_in(client, make_consultation):
    consultation = make_consultation()

    response = client.get(url(consultation))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Connectez-vous pour répondre à cette consultation." in content
    assert "Se connecter pour répondre" in content
    assert '<form method="post" class="form consultation-form"' not in content


def test_a_member_answers_with_the_form(client, make_consultation, member):
    consultation = make_consultation()
    client.force_login(member)

    form = client.get(url(consultation)).content.decode()
    response = client.post(url(consultation), form_post(consultation), follow=True)

    assert "<fieldset" in form and "<legend>" in form
    assert 'type="radio"' in form and 'type="checkbox"' in form and "<select" in form
    assert response.redirect_chain == [(url(consultation), 302)]
    [message] = messages_of(response)
    assert message.startswith("Votre réponse est enregistrée. Vous pouvez la modifier jusqu'au ")
    stored = response_of(user=member, consultation=consultation)
    assert stored is not None and stored.answers.count() == 5
    content = response.content.decode()
    assert "Enregistrer ma nouvelle réponse" in content
    # The form comes back filled with the recorded answers.
    scale = questions_of(consultation)[3]
    assert f'id="q{scale.pk}-4" name="q{scale.pk}" value="4" checked' in content


def test_bad_answers_come_back_with_their_messages_and_nothing_is_stored(
    client, make_consultation, member
):
    consultation = make_consultation()
    single, _m, ranking, _s, _free = questions_of(consultation)
    client.force_login(member)
    post = form_post(consultation, text="Mon idée")
    post.pop(f"q{single.pk}")
    first = ranking.choices.all()[0]
    post[f"q{ranking.pk}_c{first.pk}"] = "2"

    response = client.post(url(consultation), post)

    content = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "2 réponses sont à corriger avant l'envoi." in content
    assert f'<a href="#q{single.pk}-1">' in content
    assert "Chaque rang, de 1 à 3, doit être donné à un seul choix." in content
    assert "Mon idée</textarea>" in content  # What was typed is kept.
    assert Response.objects.count() == 0


def test_a_member_not_living_in_the_territory_cannot_answer_a_residents_consultation(
    client, make_consultation, member
):
    consultation = make_consultation(eligibility=Eligibility.RESIDENTS)
    client.force_login(member)

    page = client.get(url(consultation)).content.decode()
    response = client.post(url(consultation), form_post(consultation))

    assert "Indiquer ma commune de résidence" in page
    assert response.status_code == 403
    assert Response.objects.count() == 0


def test_a_resident_answers_a_residents_consultation(client, make_consultation, resident):
    consultation = make_consultation(eligibility=Eligibility.RESIDENTS)
    client.force_login(resident)

    client.post(url(consultation), form_post(consultation))

    assert Response.objects.count() == 1


def test_answering_a_closed_consultation_is_refused(client, make_consultation, member):
    consultation = make_consultation(**CLOSED)
    client.force_login(member)

    response = client.post(url(consultation), form_post(consultation), follow=True)

    assert messages_of(response)[0].startswith("Cette consultation est close depuis le ")
    assert Response.objects.count() == 0


def test_an_upcoming_consultation_shows_its_opening_date(client, make_consultation, member):
    consultation = make_consultation(**UPCOMING)
    client.force_login(member)

    content = client.get(url(consultation)).content.decode()

    assert "Cette consultation ouvrira le " in content
    assert "Quel jour préférez-vous ?" in content


def closed_with_answers(make_consultation, make_member, territory, **values) -> Consultation:
    consultation = make_consultation(**values)
    for n in range(2):
        voter = make_member(territory, Role.MEMBER, email=f"votant{n}@apt.test")
        response_submit(
            user=voter, consultation=consultation, data=full_answer(consultation, text=f"Idée {n}")
        )
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    return Consultation.objects.select_related("territory").get(pk=consultation.pk)


def test_everyone_sees_the_results_after_closing(client, make_consultation, make_member, territory):
    consultation = closed_with_answers(make_consultation, make_member, territory)

    response = client.get(url(consultation, "resultats/"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "2 personnes ont répondu." in content
    assert content.count('role="img"') == 4
    assert content.count("<title id=") == 4 and content.count("<desc id=") == 4
    assert content.count('class="table-wrap" tabindex="0" role="region"') == 4
    assert "Score de Borda" in content
    assert "moyenne 4 sur 5" in content
    assert "Les réponses libres ne sont lues que par les administrateurs du territoire." in content
    assert "Idée 0" not in content


def test_results_before_closing_are_for_admins_only(client, make_consultation, member, admin):
    consultation = make_consultation()

    anonymous = client.get(url(consultation, "resultats/"))
    client.force_login(member)
    as_member = client.get(url(consultation, "resultats/"))
    client.force_login(admin)
    as_admin = client.get(url(consultation, "resultats/"))

    # A visitor is sent to the login page; a member is refused.
    assert (anonymous.status_code, as_member.status_code, as_admin.status_code) == (302, 403, 200)
    assert "Résultats provisoires" in as_admin.content.decode()


def test_free_text_answers_are_for_admins_until_published(
    client, make_consultation, make_member, territory, admin
):
    consultation = closed_with_answers(make_consultation, make_member, territory)
    free = questions_of(consultation)[4]
    page = url(consultation, f"resultats/{free.pk}/reponses-libres/")

    hidden = client.get(page)
    client.force_login(make_member(territory, Role.MEMBER, email="curieuse@apt.test"))
    refused = client.get(page)
    client.force_login(admin)
    for_admin = client.get(page)
    consultation_publish_free_text(consultation=consultation, by=admin, published=True)
    client.logout()
    published = client.get(page)

    assert (hidden.status_code, refused.status_code) == (302, 403)
    assert for_admin.status_code == 200
    assert "Idée 0" in for_admin.content.decode()
    assert published.status_code == 200
    assert "Idée 1" in published.content.decode()


def test_the_free_text_page_refuses_other_questions(client, make_consultation, admin):
    consultation = make_consultation()
    single = questions_of(consultation)[0]
    client.force_login(admin)

    assert (
        client.get(url(consultation, f"resultats/{single.pk}/reponses-libres/")).status_code == 404
    )
    assert client.get(url(consultation, "resultats/999999/reponses-libres/")).status_code == 404


@pytest.mark.parametrize("tab", ["en-cours", "a-venir", "terminees"])
def test_empty_tabs_say_so(client, territory, tab):
    assert "Aucune consultation" in client.get(PUBLIC, {"etat": tab}).content.decode()
