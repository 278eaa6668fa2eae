"""The pages: list (filters, pinned queries), detail, drafts, forms, permissions, the idea link."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pmvt.projects.models import Need, NeedKind, Project, ProjectStatus
from pmvt.projects.services.life import news_publish, project_support
from pmvt.projects.services.needs import NeedData, need_add
from pmvt.projects.services.projects import project_create_draft
from pmvt.projects.tests.conftest import LIST, T, commune, fresh, url


def test_list_shows_published_projects_with_a_pinned_query_count(
    client, territory, carrier, make_project, django_assert_num_queries
):
    for number in range(3):
        make_project(territory, title=f"Projet {number}")
    project_create_draft(territory=territory, by=carrier, title="Caché", description="")

    with django_assert_num_queries(5) as few:
        response = client.get(LIST)
    assert response.status_code == 200
    for number in range(3, 8):
        make_project(territory, title=f"Projet {number}")
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert "8 projets" in response.text
    assert "Caché" not in response.text


def test_list_filters(client, territory, carrier, make_project):
    grocery = make_project(territory, sdgs=[2])
    cafe = make_project(
        territory,
        title="Repair café intercommunal",
        summary="Réparer ensemble.",
        sdgs=[12],
        communes=[commune(territory, "04045")],
    )
    need_add(
        project=cafe, by=carrier, kind=NeedKind.VOLUNTEERS, data=NeedData(title="Bras", people=2)
    )
    Project.objects.filter(pk=grocery.pk).update(status=ProjectStatus.RUNNING)

    def titles(query: str) -> list[str]:
        response = client.get(f"{LIST}?{query}")
        return [p.title for p in response.context["page_obj"].object_list]

    assert titles("odd=12") == ["Repair café intercommunal"]
    assert titles("statut=running") == ["Épicerie solidaire itinérante"]
    assert titles("besoin=volunteers") == ["Repair café intercommunal"]
    assert titles(f"commune={commune(territory, '04045').insee_code}") == [
        "Repair café intercommunal"
    ]
    assert titles("q=réparer") == ["Repair café intercommunal"]
    assert titles("odd=99") == ["Repair café intercommunal", "Épicerie solidaire itinérante"]


def test_detail_shows_the_project_without_emails(client, with_team, carrier, member, skill_term):
    need_add(
        project=with_team,
        by=carrier,
        kind=NeedKind.SKILL,
        data=NeedData(title="Menuisier", skill_terms=[skill_term], hours_per_month=4),
    )
    project_support(project=with_team, user=member)
    news_publish(project=with_team, by=carrier, title="Bonne nouvelle", body="Le **camion** roule.")

    response = client.get(url(with_team))

    text = response.text
    assert response.status_code == 200
    for expected in [
        "Dix villages n'ont plus de commerce alimentaire.",
        "ODD 2 – Faim « zéro »",
        "Nina Porteuse",
        "Jo Équipier",
        "Menuisier",
        "4 heures par mois",
        "1 personne soutient ce projet",
        "<strong>camion</strong>",
        "Bonne nouvelle",
    ]:
        assert expected in text
    assert "@apt.test" not in text


def test_draft_is_404_outside_the_team(client, territory, carrier, member, other_admin, admin):
    draft = project_create_draft(territory=territory, by=carrier, title="Brouillon", description="")
    assert client.get(url(draft)).status_code == 404
    for user in (member, other_admin):
        client.force_login(user)
        assert client.get(url(draft)).status_code == 404
    for user in (carrier, admin):
        client.force_login(user)
        assert client.get(url(draft)).status_code == 200


def test_member_proposes_a_project_through_the_form(client, territory, member):
    client.force_login(member)
    assert client.get(f"{LIST}proposer/").status_code == 200
    response = client.post(
        f"{LIST}proposer/",
        {
            "title": "Jardin partagé de la Croix-Blanche",
            "summary": "Un jardin ouvert à tous.",
            "problem": "Les habitants du quartier n'ont pas de jardin.",
            "sdgs": ["2", "15"],
            "communes": [commune(territory).pk],
        },
    )
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    assert (project.sdgs, project.created_by) == ([2, 15], member)


def test_project_form_with_bad_input_changes_nothing(client, member):
    client.force_login(member)
    response = client.post(
        f"{LIST}proposer/",
        {"title": "Jardin", "summary": "Un jardin.", "problem": "P", "sdgs": ["18"]},
    )
    assert response.status_code == 200
    assert "Le formulaire contient des erreurs" in response.text
    assert Project.objects.count() == 0


def test_anonymous_is_sent_to_log_in_and_strangers_are_refused(client, territory, other_admin):
    response = client.get(f"{LIST}proposer/")
    assert response.status_code == 302
    assert "/connexion/" in response["Location"] or "login" in response["Location"]
    client.force_login(other_admin)
    assert client.get(f"{LIST}proposer/").status_code == 403


@pytest.mark.parametrize(
    ("suffix", "method"),
    [
        ("modifier/", "get"),
        ("equipe/", "get"),
        ("besoins/", "get"),
        ("etapes/", "get"),
        ("nouvelles/publier/", "get"),
        ("etat/", "post"),
    ],
)
def test_team_pages_are_refused_outside_the_team(
    suffix, method, client, project, member, other_admin
):
    for user in (member, other_admin):
        client.force_login(user)
        response = getattr(client, method)(url(project, suffix), {"etat": "forming"})
        assert response.status_code == 403
    assert fresh(project).status == ProjectStatus.IDEA


@pytest.mark.parametrize(
    "suffix", ["modifier/", "equipe/", "besoins/", "etapes/", "nouvelles/publier/"]
)
def test_team_pages_open_to_the_carrier(suffix, client, project, carrier):
    client.force_login(carrier)
    assert client.get(url(project, suffix)).status_code == 200


def test_team_member_manages_needs_but_not_the_team(client, with_team, teammate):
    client.force_login(teammate)
    assert client.get(url(with_team, "besoins/")).status_code == 200
    assert client.get(url(with_team, "equipe/")).status_code == 403
    assert client.get(url(with_team, "modifier/")).status_code == 403


def test_carrier_changes_the_status(client, project, carrier):
    client.force_login(carrier)
    response = client.post(url(project, "etat/"), {"etat": "forming"})
    assert response.status_code == 302
    assert fresh(project).status == ProjectStatus.FORMING
    client.post(url(project, "etat/"), {"etat": "done"})
    assert fresh(project).status == ProjectStatus.FORMING


def test_need_forms_per_kind(client, project, carrier):
    client.force_login(carrier)
    for kind in NeedKind.values:
        assert client.get(url(project, f"besoins/nouveau/{kind}/")).status_code == 200
    assert client.get(url(project, "besoins/nouveau/magic/")).status_code == 404
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        url(project, "besoins/nouveau/asset/"),
        {
            "title": "Une chambre froide",
            "asset_kind": "equipment",
            "starts_on": tomorrow.isoformat(),
            "ends_on": (tomorrow - timedelta(days=2)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "La date de fin doit suivre la date de début." in response.text
    assert Need.objects.count() == 0
    response = client.post(
        url(project, "besoins/nouveau/funds/"), {"title": "Le camion", "amount": "12000,50"}
    )
    assert response.status_code == 302
    assert Need.objects.get().amount == 12000.5


def test_support_toggle(client, project, member):
    client.force_login(member)
    client.post(url(project, "soutenir/"), {"soutenir": "1"})
    assert "1 personne soutient ce projet" in client.get(url(project)).text
    client.post(url(project, "soutenir/"), {"soutenir": "0"})
    assert "1 personne soutient ce projet" not in client.get(url(project)).text
    assert not project.supporters.exists()


def test_team_page_adds_by_email(client, project, carrier, member):
    client.force_login(carrier)
    response = client.post(url(project, "equipe/"), {"courriel-email": "personne@ailleurs.test"})
    assert "Aucun membre du territoire n&#x27;a cette adresse électronique." in response.text
    client.post(url(project, "equipe/"), {"courriel-email": member.email})
    assert project.members.filter(user=member).exists()


def test_idea_page_links_to_its_project_and_offers_to_make_one(client, territory, member, idea):
    client.force_login(member)
    page = client.get(idea.get_absolute_url()).text
    make_url = f"{LIST}proposer/idee/{idea.pk}/"
    assert make_url in page
    assert "Transformer en projet collectif" in page

    form = client.get(make_url)
    assert form.status_code == 200
    assert "Un repair café tournant" in form.text
    client.post(
        make_url,
        {"title": idea.title, "summary": "Réparer ensemble.", "problem": idea.description},
    )
    project = Project.objects.get()
    assert project.idea == idea
    assert idea.get_absolute_url() in client.get(url(project)).text
    assert project.get_absolute_url() in client.get(idea.get_absolute_url()).text


def test_anonymous_sees_no_project_link_on_the_idea(client, idea):
    assert "Transformer en projet collectif" not in client.get(idea.get_absolute_url()).text


def test_other_territory_cannot_reach_a_project(client, project, other_territory):
    assert (
        client.get(f"/t/{other_territory.slug}/valeurs/maison/projets/{project.slug}/").status_code
        == 404
    )
    assert T in project.get_absolute_url()
