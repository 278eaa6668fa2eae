"""Pages of workshops: list, detail in each phase, the POST flows, results, summary, CSV, screen."""

import pytest

from pmvt.projects.models import Project
from pmvt.workshops.models import Action, Contribution, Dot, Participant, Phase, Workshop
from pmvt.workshops.selectors import upcoming_workshops
from pmvt.workshops.services.facilitation import ActionData, action_create
from pmvt.workshops.services.participation import dots_set
from pmvt.workshops.services.workshops import workshop_phase_next
from pmvt.workshops.tests.conftest import LIST, contribute, fresh, themes, url

pytestmark = pytest.mark.django_db


def test_list_shows_open_and_finished_but_not_drafts(client, make_workshop, territory, facilitator):
    make_workshop(title="Brouillon")
    make_workshop(title="Seniors isolés", phase=Phase.CONTRIBUTIONS)
    closed = make_workshop(title="Centre-bourg", phase=Phase.CONTRIBUTIONS)
    Workshop.objects.filter(pk=closed.pk).update(phase=Phase.CLOSED)

    page = client.get(LIST).content.decode()
    assert "Seniors isolés" in page and "Centre-bourg" in page
    assert "Brouillon" not in page
    assert "Ouvrir un atelier" not in page
    assert [w.title for w in upcoming_workshops(territory=territory, limit=5)] == ["Seniors isolés"]

    client.force_login(facilitator)
    page = client.get(LIST).content.decode()
    assert "Brouillon" in page and "Ouvrir un atelier" in page


def test_list_query_count_does_not_grow(client, make_workshop, django_assert_num_queries):
    make_workshop(title="Atelier 0", phase=Phase.CONTRIBUTIONS)
    with django_assert_num_queries(3) as few:
        client.get(LIST)
    for n in range(1, 5):
        make_workshop(title=f"Atelier {n}", phase=Phase.CONTRIBUTIONS)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(LIST).status_code == 200


def test_create_by_post(client, facilitator, member, territory):
    values = {
        "title": "Services pour les seniors",
        "question": "Quels services pour les seniors isolés ?",
        "mode": "async",
        "starts_at": "2030-03-02T10:00",
        "dots_per_participant": "5",
        "max_contribution_length": "280",
    }
    client.force_login(member)
    assert client.get(f"{LIST}nouveau/").status_code == 403
    assert client.post(f"{LIST}nouveau/", values).status_code == 403

    client.force_login(facilitator)
    response = client.post(f"{LIST}nouveau/", values | {"mode": "in_person"})
    assert response.status_code == 400
    assert "Indiquez le lieu de l&#x27;atelier en présentiel." in response.content.decode()
    assert Workshop.objects.count() == 0
    response = client.post(f"{LIST}nouveau/", values)
    workshop = Workshop.objects.get()
    assert response["Location"] == workshop.get_absolute_url()
    assert (workshop.slug, workshop.facilitator, workshop.phase) == (
        "services-pour-les-seniors",
        facilitator,
        Phase.DRAFT,
    )


def test_a_draft_is_hidden_and_phases_move_by_post(client, make_workshop, facilitator, member):
    workshop = make_workshop()
    client.force_login(member)
    assert client.get(url(workshop)).status_code == 404
    client.force_login(facilitator)
    page = client.get(url(workshop)).content.decode()
    assert "Ouvrir les contributions" in page
    client.post(url(workshop, "phase/suivante/"))
    assert fresh(workshop).phase == Phase.CONTRIBUTIONS

    client.force_login(member)
    assert client.post(url(workshop, "phase/suivante/")).status_code == 403
    assert client.post(url(workshop, "phase/precedente/")).status_code == 403
    assert fresh(workshop).phase == Phase.CONTRIBUTIONS


def test_contribute_edit_and_delete_by_post(client, make_workshop, member, participants):
    workshop = make_workshop(phase=Phase.CONTRIBUTIONS)
    response = client.post(url(workshop, "contributions/"), {"text": "Une idée"})
    assert response.status_code == 302 and "/compte/login/" in response["Location"]

    client.force_login(member)
    page = client.get(url(workshop)).content.decode()
    assert "Publier ma contribution" in page
    response = client.post(url(workshop, "contributions/"), {"text": "x" * 101})
    assert response.status_code == 400
    assert "101 caractères : 100 au plus" in response.content.decode()
    client.post(url(workshop, "contributions/"), {"text": "Une épicerie coopérative"})
    contribution = Contribution.objects.get()
    assert contribution.author == member

    other = participants[0]
    client.force_login(other)
    page = client.get(url(workshop)).content.decode()
    assert "Une épicerie coopérative" in page
    assert (
        client.post(url(workshop, f"contributions/{contribution.pk}/supprimer/")).status_code == 403
    )
    assert (
        client.get(url(workshop, f"contributions/{contribution.pk}/modifier/")).status_code == 403
    )

    client.force_login(member)
    edit = url(workshop, f"contributions/{contribution.pk}/modifier/")
    assert client.get(edit).status_code == 200
    client.post(edit, {"text": "Une épicerie"})
    assert Contribution.objects.get().text == "Une épicerie"
    client.post(url(workshop, f"contributions/{contribution.pk}/supprimer/"))
    assert Contribution.objects.count() == 0


def test_names_are_shown_to_members_only(client, make_workshop, member, other_admin):
    workshop = make_workshop(phase=Phase.CONTRIBUTIONS)
    contribute(workshop, member, "Un jardin partagé")
    member.display_name = "Camille Habitante"
    member.save(update_fields=["display_name"])
    assert "Camille Habitante" not in client.get(url(workshop)).content.decode()
    client.force_login(other_admin)
    assert "Camille Habitante" not in client.get(url(workshop)).content.decode()
    client.force_login(member)
    assert "Camille Habitante" in client.get(url(workshop)).content.decode()


def test_clustering_page_and_filing_by_post(client, clustered, facilitator, participants):
    bench = Contribution.objects.get(text="Des bancs à l'ombre")
    shops = themes(clustered)["Commerces"]
    client.force_login(participants[1])
    page = client.get(url(clustered)).content.decode()
    assert "Proposer un thème" in page and "Enregistrer le classement" not in page
    client.post(
        url(clustered, f"contributions/{bench.pk}/suggerer/"), {"new_title": "Cadre de vie"}
    )
    assert (
        client.post(url(clustered, "classement/"), {f"theme-{bench.pk}": shops.pk}).status_code
        == 403
    )
    assert Contribution.objects.get(pk=bench.pk).theme is None

    client.force_login(facilitator)
    page = client.get(url(clustered)).content.decode()
    assert "Enregistrer le classement" in page and "Nouveau thème : Cadre de vie" in page
    client.post(url(clustered, "classement/"), {f"theme-{bench.pk}": shops.pk})
    assert Contribution.objects.get(pk=bench.pk).theme == shops
    client.post(url(clustered, "themes/"), {"title": "Culture"})
    assert "Culture" in themes(clustered)


def test_vote_by_post(client, clustered, facilitator, participants):
    workshop_phase_next(workshop=clustered, by=facilitator)
    by_title = themes(clustered)
    shops, mobility = by_title["Commerces"].pk, by_title["Mobilité"].pk
    voter = participants[0]
    client.force_login(voter)
    page = client.get(url(clustered)).content.decode()
    assert f'name="dots-{shops}"' in page and "Il vous reste 3 gommettes." in page

    response = client.post(url(clustered, "vote/"), {f"dots-{shops}": "3", f"dots-{mobility}": "1"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Vous avez placé 4 gommettes : vous en avez 3 au plus." in page
    assert f'name="dots-{shops}" value="3"' in page  # What the person typed is kept.
    response = client.post(url(clustered, "vote/"), {f"dots-{shops}": "deux"})
    assert "Indiquez un nombre entier" in response.content.decode()
    assert Dot.objects.count() == 0

    response = client.post(
        url(clustered, "vote/"), {f"dots-{shops}": "2", f"dots-{mobility}": ""}, follow=True
    )
    assert "2 gommettes placées sur 3" in response.content.decode()
    assert Participant.objects.get(user=voter).dots_used == 2
    assert "Il vous reste 1 gommette." in client.get(url(clustered)).content.decode()


@pytest.fixture
def finished(clustered, facilitator, participants):
    """Votes, then the outcome with one action whose text tries a formula."""
    workshop_phase_next(workshop=clustered, by=facilitator)
    by_title = themes(clustered)
    dots_set(workshop=fresh(clustered), by=participants[0], allocation={by_title["Mobilité"].pk: 3})
    dots_set(
        workshop=fresh(clustered), by=participants[1], allocation={by_title["Commerces"].pk: 1}
    )
    workshop_phase_next(workshop=fresh(clustered), by=facilitator)
    action_create(
        workshop=fresh(clustered),
        by=facilitator,
        data=ActionData(title='=HYPERLINK("http://pirate")', owner_name="Mairie"),
    )
    return fresh(clustered)


def test_results_have_an_accessible_chart_and_table(client, finished):
    page = client.get(url(finished, "resultats/")).content.decode()
    assert 'role="img"' in page
    assert '<title id="graphique-resultats-titre">Gommettes reçues par chaque thème' in page
    assert (
        '<desc id="graphique-resultats-desc">Mobilité : 3 gommettes. Commerces : 1 gommette. </desc>'
        in page
    )
    assert '<th scope="row">Mobilité</th><td class="num">3</td><td class="num">1</td>' in page
    assert "Transformer en projet" not in page


def test_results_are_hidden_before_the_vote(client, clustered, facilitator):
    assert client.get(url(clustered, "resultats/")).status_code == 404
    assert client.get(url(clustered, "export.csv")).status_code == 404
    client.force_login(facilitator)
    assert client.get(url(clustered, "resultats/")).status_code == 200


def test_csv_export_is_safe_for_spreadsheets(client, finished):
    response = client.get(url(finished, "export.csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffAtelier;Faire revivre le centre-bourg\r\n")
    assert "1;Mobilité;3;1;1\r\n2;Commerces;1;1;2\r\n" in text
    assert "Des bancs à l'ombre;;\r\n" in text
    assert '"\'=HYPERLINK(""http://pirate"")";;Mairie;;;\r\n' in text


def test_summary_and_screen(client, finished):
    page = client.get(url(finished, "synthese/")).content.decode()
    assert "Synthèse : Faire revivre le centre-bourg" in page and "site-header" not in page
    assert 'role="img"' in page
    page = client.get(url(finished, "ecran/")).content.decode()
    assert 'http-equiv="refresh"' not in page and "Actualiser toutes les 30 secondes" in page
    page = client.get(url(finished, "ecran/?actualiser=30")).content.decode()
    assert '<meta http-equiv="refresh" content="30">' in page


def test_action_becomes_a_project_by_post(client, finished, facilitator, participants):
    action = Action.objects.get()
    client.force_login(participants[0])
    assert client.post(url(finished, f"actions/{action.pk}/projet/")).status_code == 403
    assert Project.objects.count() == 0

    client.force_login(facilitator)
    page = client.get(url(finished, "resultats/")).content.decode()
    assert "Transformer en projet" in page
    assert "Ajouter une action" in page
    response = client.post(url(finished, f"actions/{action.pk}/projet/"))
    project = Project.objects.get()
    assert response["Location"] == project.get_absolute_url()
    assert Action.objects.get().project == project


def test_other_territory_sees_no_workshop(client, make_workshop, other_territory):
    workshop = make_workshop(phase=Phase.CONTRIBUTIONS)
    other = f"/t/{other_territory.slug}/valeurs/maison/ateliers/{workshop.slug}/"
    assert client.get(other).status_code == 404


@pytest.mark.parametrize(
    ("phase", "facilitator_sees"),
    [
        (Phase.DRAFT, "Ouvrir les contributions"),
        (Phase.CONTRIBUTIONS, "Clore les contributions et regrouper en thèmes"),
        (Phase.CLUSTERING, "Créer le thème"),
        (Phase.VOTING, "Voir les résultats en direct"),
    ],
)
def test_detail_adapts_to_the_phase(
    phase, facilitator_sees, client, make_workshop, facilitator, member
):
    workshop = make_workshop(phase=phase)
    client.force_login(facilitator)
    page = client.get(url(workshop)).content.decode()
    assert facilitator_sees in page
    assert 'aria-current="step"' in page
    assert client.get(url(workshop, "ecran/")).status_code == 200
    if phase != Phase.DRAFT:
        client.force_login(member)
        page = client.get(url(workshop)).content.decode()
        assert facilitator_sees not in page and "Participer à l'atelier" in page


def test_detail_of_a_finished_workshop(client, finished, facilitator):
    Workshop.objects.filter(pk=finished.pk).update(phase=Phase.CLOSED)
    page = client.get(url(finished)).content.decode()
    assert "Résultats et plan d'action" in page and "Cet atelier est terminé." in page
    assert client.get(url(finished, "synthese/")).status_code == 200


def test_edit_pages(client, finished, facilitator, member):
    action = Action.objects.get()
    client.force_login(member)
    assert client.get(url(finished, "modifier/")).status_code == 403
    assert client.get(url(finished, f"actions/{action.pk}/modifier/")).status_code == 403

    client.force_login(facilitator)
    page = client.get(url(finished, "modifier/")).content.decode()
    assert 'value="Faire revivre le centre-bourg"' in page
    response = client.post(url(finished, f"actions/{action.pk}/modifier/"), {"title": ""})
    assert response.status_code == 400
    response = client.post(
        url(finished, f"actions/{action.pk}/modifier/"),
        {"title": "Navette du samedi", "owner_name": "Mairie", "due_on": "2030-05-01"},
    )
    assert response.status_code == 302
    assert Action.objects.get().title == "Navette du samedi"
    client.post(url(finished, "phase/suivante/"))
    assert fresh(finished).phase == Phase.CLOSED
    response = client.get(url(finished, "modifier/"), follow=True)
    assert "Un atelier terminé ne peut plus être modifié." in response.content.decode()
    response = client.post(url(finished, f"actions/{action.pk}/supprimer/"), follow=True)
    assert "se rédige pendant la phase" in response.content.decode()
    assert Action.objects.count() == 1
