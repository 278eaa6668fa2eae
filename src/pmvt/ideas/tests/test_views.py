"""The ideas' pages: what each person sees and may do, pinned query counts, isolation."""

from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pmvt.community.models import Visibility
from pmvt.ideas.models import Comment, Follow, Idea, IdeaStatus, IdeaStatusChange, Support
from pmvt.ideas.services.ideas import idea_study
from pmvt.ideas.services.participation import comment_create, idea_support
from pmvt.territories.models import Commune

from .conftest import GESTION, IDEAS, close, fresh, messages_of


def url(idea, rest: str = "") -> str:
    return f"{idea.get_absolute_url()}{rest}"


@pytest.fixture
def neighbour(make_member, territory):
    return make_member(territory, email="voisin@apt.test")


@pytest.fixture
def idea(campaign, make_idea, member) -> Idea:
    return make_idea(campaign, member)


# --- the campaigns ----------------------------------------------------------------------------


def test_the_list_shows_open_and_closed_campaigns_in_tabs(client, make_campaign, make_idea, admin):
    open_one = make_campaign("Jeunes en centre-bourg")
    make_idea(open_one, admin, "Un tiers-lieu")
    close(make_campaign("Mobilité du soir"))
    response = client.get(IDEAS)
    assert [c.title for c in response.context["page_obj"]] == ["Jeunes en centre-bourg"]
    assert response.context["page_obj"][0].idea_count == 1
    assert ("terminees", "Terminée", 1) in response.context["tabs"]
    response = client.get(f"{IDEAS}?etat=terminees")
    assert [c.title for c in response.context["page_obj"]] == ["Mobilité du soir"]


def test_the_list_query_count_does_not_grow(
    client, make_campaign, member, settings, django_assert_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    make_campaign("Première")
    client.force_login(member)
    client.get(IDEAS)
    with django_assert_num_queries(9) as few:
        client.get(IDEAS)
    for n in range(5):
        make_campaign(f"Campagne {n}")
    with django_assert_num_queries(len(few)):
        response = client.get(IDEAS)
    assert len(response.context["page_obj"]) == 6


def test_the_campaign_page_shows_the_rules_before_the_ideas(
    client, make_campaign, make_idea, admin
):
    campaign = make_campaign(rules="Une idée **par semaine**.")
    make_idea(campaign, admin, "Un tiers-lieu")
    page = client.get(campaign.get_absolute_url()).content.decode()
    rules = page.index("Règles de participation")
    assert rules < page.index("Un tiers-lieu")
    assert page.index("On ne soutient pas sa propre idée") < page.index("Un tiers-lieu")
    assert "<strong>par semaine</strong>" in page
    assert "Se connecter pour proposer une idée" in page


def test_ideas_sort_by_support_date_and_status(client, campaign, make_idea, admin, neighbour):
    old = make_idea(campaign, admin, "Ancienne")
    popular = make_idea(campaign, admin, "Populaire")
    recent = make_idea(campaign, admin, "Récente")
    Idea.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))
    idea_support(idea=popular, user=neighbour)
    idea_study(idea=recent, by=admin, answer="À l'étude.")
    base = campaign.get_absolute_url()

    def titles(query: str) -> list[str]:
        return [idea.title for idea, *_ in client.get(f"{base}{query}").context["rows"]]

    assert titles("") == ["Populaire", "Récente", "Ancienne"]
    assert titles("?tri=recentes") == ["Récente", "Populaire", "Ancienne"]
    assert titles("?tri=etat") == ["Populaire", "Ancienne", "Récente"]
    assert titles("?etat=under_study") == ["Récente"]


def test_ideas_filter_by_theme_and_commune(
    client, make_campaign, make_idea, admin, make_theme, territory
):
    youth, culture = make_theme("Jeunesse", "jeunesse"), make_theme("Culture", "culture")
    campaign = make_campaign(themes=[youth, culture])
    apt = Commune.objects.get(territory=territory, insee_code="84003")
    make_idea(campaign, admin, "Concerts", themes=[culture], commune=apt)
    make_idea(campaign, admin, "Foyer", themes=[youth])
    base = campaign.get_absolute_url()

    def titles(query: str) -> list[str]:
        return [idea.title for idea, *_ in client.get(f"{base}{query}").context["rows"]]

    assert titles("?theme=culture") == ["Concerts"]
    assert titles("?commune=84003") == ["Concerts"]
    assert titles("?theme=jeunesse&commune=84003") == []
    # A bad filter value shows every idea rather than an error page.
    assert len(titles("?etat=nimporte")) == 2


def test_the_campaign_page_query_count_stays_constant_with_1000_ideas(
    client, campaign, make_idea, admin, neighbour, settings, django_assert_num_queries, territory
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    first = make_idea(campaign, admin, "Première idée")
    idea_support(idea=first, user=neighbour)
    client.force_login(neighbour)
    page = campaign.get_absolute_url()
    client.get(page)
    with django_assert_num_queries(13) as few:
        client.get(page)
    apt = Commune.objects.get(territory=territory, insee_code="84003")
    Idea.objects.bulk_create(
        Idea(
            territory=territory,
            campaign=campaign,
            author=admin,
            commune=apt,
            title=f"Idée {n}",
            slug=f"idee-{n}",
            description="…",
            support_count=n % 50,
        )
        for n in range(1000)
    )
    supports = [
        Support(territory=territory, idea=idea, user=neighbour)
        for idea in Idea.objects.filter(campaign=campaign, support_count__gte=45)
    ]
    Support.objects.bulk_create(supports)
    for query in ("", "?tri=recentes", "?tri=etat&commune=84003", "?page=7"):
        with django_assert_num_queries(len(few)):
            response = client.get(f"{page}{query}")
        assert response.status_code == 200
        assert len(response.context["rows"]) == 20
    response = client.get(page)
    assert response.context["page_obj"].paginator.count == 1001
    # The most supported come first, and the member's supports are shown.
    assert all(supported for _idea, supported, *_ in response.context["rows"])
    assert "Vous soutenez cette idée." in response.content.decode()


def test_the_campaign_page_hides_pending_ideas_and_other_territories(
    client, moderate_first, campaign, make_idea, member, make_campaign, other_territory, other_admin
):
    make_idea(campaign, member, "En attente")
    foreign = make_campaign("Thann", in_territory=other_territory, by=other_admin)
    response = client.get(campaign.get_absolute_url())
    assert response.context["rows"] == []
    assert client.get(f"{IDEAS}{foreign.slug}/").status_code == 404


# --- one idea ---------------------------------------------------------------------------------


def test_the_idea_page_shows_the_description_history_and_comments(client, idea, admin, neighbour):
    idea_study(idea=idea, by=admin, answer="Les **services** regardent.")
    comment_create(idea=idea, author=neighbour, text="Bonne idée <b>vraiment</b> !")
    page = client.get(url(idea)).content.decode()
    assert "<strong>wifi</strong>" in page
    assert "<strong>services</strong>" in page
    assert "Bonne idée &lt;b&gt;vraiment&lt;/b&gt; !" in page
    assert "Règles de participation" in page
    assert "Se connecter pour soutenir cette idée" in page


def test_a_pending_idea_is_404_for_others_and_visible_to_its_author_and_moderators(
    client, moderate_first, campaign, make_idea, member, neighbour, moderator
):
    idea = make_idea(campaign, member)
    assert client.get(url(idea)).status_code == 404
    client.force_login(neighbour)
    assert client.get(url(idea)).status_code == 404
    client.force_login(member)
    response = client.get(url(idea))
    assert response.status_code == 200
    assert "En attente de modération" in response.content.decode()
    client.force_login(moderator)
    assert client.get(url(idea)).status_code == 200


def test_an_idea_of_another_territory_is_404(
    client, make_campaign, make_idea, other_territory, other_admin
):
    foreign = make_campaign("Thann", in_territory=other_territory, by=other_admin)
    idea = make_idea(foreign, other_admin, "Idée de Thann")
    assert client.get(f"{IDEAS}{foreign.slug}/{idea.slug}/").status_code == 404


def test_a_member_supports_and_withdraws_with_plain_forms(client, idea, neighbour):
    client.force_login(neighbour)
    response = client.post(url(idea, "soutenir/"), follow=True)
    assert "Votre soutien est enregistré" in " ".join(messages_of(response))
    assert "Vous soutenez cette idée." in response.content.decode()
    assert fresh(idea).support_count == 1
    response = client.post(url(idea, "soutenir/"), follow=True)
    assert "Vous soutenez déjà cette idée" in " ".join(messages_of(response))
    assert fresh(idea).support_count == 1
    response = client.post(url(idea, "retirer-mon-soutien/"), follow=True)
    assert "Votre soutien est retiré." in messages_of(response)
    assert fresh(idea).support_count == 0


def test_supporting_from_the_campaign_page_comes_back_to_it(client, idea, neighbour):
    client.force_login(neighbour)
    back = f"{idea.campaign.get_absolute_url()}?tri=recentes"
    response = client.post(url(idea, "soutenir/"), {"next": back})
    assert response.url == back
    response = client.post(url(idea, "retirer-mon-soutien/"), {"next": "https://evil.example/"})
    assert response.url == idea.get_absolute_url()


def test_the_author_cannot_support_own_idea_and_is_told_why(client, idea, member):
    client.force_login(member)
    page = client.get(url(idea)).content.decode()
    assert "On ne soutient pas sa propre idée." in page
    assert client.post(url(idea, "soutenir/")).status_code == 403
    assert fresh(idea).support_count == 0


def test_a_visitor_is_sent_to_log_in_to_support(client, idea):
    response = client.post(url(idea, "soutenir/"))
    assert response.status_code == 302
    assert "/compte/" in response.url
    assert not Support.objects.exists()


def test_supports_are_refused_once_the_campaign_is_closed(client, idea, neighbour):
    close(idea.campaign)
    client.force_login(neighbour)
    page = client.get(url(idea)).content.decode()
    assert "les soutiens ne sont plus possibles" in page
    assert client.post(url(idea, "soutenir/")).status_code == 403
    assert not Support.objects.exists()


def test_support_pages_need_post(client, idea, neighbour):
    client.force_login(neighbour)
    assert client.get(url(idea, "soutenir/")).status_code == 405


def test_a_member_follows_and_unfollows(client, idea, neighbour):
    client.force_login(neighbour)
    client.post(url(idea, "suivre/"), {"suivre": "1"})
    assert Follow.objects.filter(idea=idea, user=neighbour).exists()
    assert "Ne plus suivre cette idée" in client.get(url(idea)).content.decode()
    client.post(url(idea, "suivre/"), {"suivre": "0"})
    assert not Follow.objects.filter(idea=idea, user=neighbour).exists()


def test_a_member_comments_and_replies(client, idea, neighbour, member):
    client.force_login(neighbour)
    response = client.post(url(idea, "commenter/"), {"text": "Je participerais."})
    top = Comment.objects.get()
    assert response.url == top.get_absolute_url()
    client.force_login(member)
    client.post(url(idea, "commenter/"), {"text": "Merci !", "parent": top.pk})
    reply = Comment.objects.exclude(pk=top.pk).get()
    assert reply.parent == top
    page = client.get(url(idea)).content.decode()
    assert page.index("Je participerais.") < page.index("Merci !")
    assert 'id="reponse-' in page
    assert fresh(idea).comment_count == 2


def test_an_empty_comment_is_shown_back_with_an_error(client, idea, neighbour):
    client.force_login(neighbour)
    response = client.post(url(idea, "commenter/"), {"text": "   "})
    assert response.status_code == 400
    assert "Le formulaire contient des erreurs" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_reply_to_an_unknown_comment_is_404(client, idea, neighbour):
    client.force_login(neighbour)
    assert client.post(url(idea, "commenter/"), {"text": "?", "parent": 999}).status_code == 404
    assert not Comment.objects.exists()


def test_the_comment_query_count_does_not_grow(
    client, idea, neighbour, member, settings, django_assert_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    top = comment_create(idea=idea, author=neighbour, text="Premier.")
    comment_create(idea=idea, author=member, text="Réponse.", parent=top)
    client.force_login(neighbour)
    client.get(url(idea))
    with CaptureQueriesContext(connection) as few:
        client.get(url(idea))
    for n in range(5):
        parent = comment_create(idea=idea, author=member, text=f"Commentaire {n}.")
        comment_create(idea=idea, author=neighbour, text=f"Réponse {n}.", parent=parent)
    with django_assert_num_queries(len(few)):
        response = client.get(url(idea))
    assert len(response.context["page_obj"]) == 6


# --- the admins' answer -----------------------------------------------------------------------


def test_only_admins_see_the_answer_form(client, idea, moderator, admin, activate_totp):
    client.force_login(moderator)
    assert "Répondre publiquement" not in client.get(url(idea)).content.decode()
    client.force_login(admin)
    assert "Répondre publiquement" in client.get(url(idea)).content.decode()


def test_an_admin_answers_and_the_idea_moves_on(client, idea, admin):
    client.force_login(admin)
    response = client.post(
        url(idea, "repondre/"), {"status": "under_study", "answer": "Les services étudient."}
    )
    assert response.status_code == 302
    assert fresh(idea).status == IdeaStatus.UNDER_STUDY
    page = client.get(url(idea)).content.decode()
    assert "Les services étudient." in page
    assert 'value="accepted"' in page and 'value="declined"' in page


def test_an_answer_without_text_or_with_a_wrong_status_changes_nothing(client, idea, admin):
    client.force_login(admin)
    response = client.post(url(idea, "repondre/"), {"status": "under_study", "answer": ""})
    assert response.status_code == 400
    assert "Écrivez la réponse publique" in response.content.decode()
    response = client.post(url(idea, "repondre/"), {"status": "realised", "answer": "Fini."})
    assert response.status_code == 400
    assert fresh(idea).status == IdeaStatus.SUBMITTED
    assert not IdeaStatusChange.objects.exists()


def test_a_moderator_or_member_cannot_answer(client, idea, moderator, neighbour):
    for user in (moderator, neighbour):
        client.force_login(user)
        response = client.post(url(idea, "repondre/"), {"status": "under_study", "answer": "Oui"})
        assert response.status_code == 403
    assert fresh(idea).status == IdeaStatus.SUBMITTED


# --- submitting -------------------------------------------------------------------------------


def test_a_member_submits_an_idea_through_the_form(client, campaign, neighbour):
    client.force_login(neighbour)
    submit = campaign.get_submit_url()
    assert client.get(submit).status_code == 200
    response = client.post(
        submit, {"title": "Un skatepark", "description": "Près du collège.", "commune": ""}
    )
    idea = Idea.objects.get()
    assert response.url == idea.get_absolute_url()
    assert (idea.author, idea.visibility) == (neighbour, Visibility.PUBLISHED)


def test_a_bad_idea_form_is_shown_back_and_changes_nothing(client, campaign, neighbour):
    client.force_login(neighbour)
    response = client.post(campaign.get_submit_url(), {"title": "", "description": "x"})
    assert response.status_code == 400
    assert "Le formulaire contient des erreurs" in response.content.decode()
    assert not Idea.objects.exists()


def test_an_image_without_description_is_refused(client, campaign, neighbour):
    from .test_services import png

    client.force_login(neighbour)
    response = client.post(
        campaign.get_submit_url(),
        {"title": "Affiche", "description": "Voir l'image.", "image": png(), "image_alt": ""},
    )
    assert response.status_code == 400
    assert "Décrivez l'image" in unescape(response.content.decode())
    assert not Idea.objects.exists()


def test_submitting_is_refused_to_visitors_outsiders_and_after_closing(
    client, campaign, make_member, other_territory, neighbour
):
    submit = campaign.get_submit_url()
    assert client.get(submit).status_code == 302  # To the login page.
    client.force_login(make_member(other_territory, email="thann@thann.test"))
    assert client.post(submit, {"title": "X", "description": "Y"}).status_code == 403
    close(campaign)
    client.force_login(neighbour)
    assert client.get(submit).status_code == 403
    assert not Idea.objects.exists()


# --- the back office --------------------------------------------------------------------------


def test_an_admin_creates_and_edits_a_campaign(client, admin, activate_totp, make_theme):
    youth = make_theme("Jeunesse", "jeunesse")
    activate_totp(admin)
    client.force_login(admin)
    assert client.get(GESTION).status_code == 200
    response = client.post(
        f"{GESTION}nouvelle/",
        {
            "title": "Jeunes en centre-bourg",
            "question": "Comment faire revenir les jeunes ?",
            "opens_at": "2026-01-05T09:00",
            "closes_at": "2026-12-31T18:00",
            "rules": "",
            "themes": [youth.pk],
        },
    )
    campaign = idea_campaign()
    assert response.url == campaign.get_absolute_url()
    assert list(campaign.themes.all()) == [youth]
    response = client.post(
        f"{GESTION}{campaign.slug}/",
        {
            "title": "Jeunes en centre-bourg",
            "question": "Comment faire revenir les jeunes ?",
            "opens_at": "2026-01-05T09:00",
            "closes_at": "2026-01-01T18:00",
        },
    )
    assert response.status_code == 400
    assert "La clôture doit venir après l'ouverture" in unescape(response.content.decode())


def idea_campaign():
    from pmvt.ideas.models import Campaign

    return Campaign.objects.get()


def test_the_back_office_is_for_admins_of_the_territory_only(
    client, campaign, moderator, other_admin, activate_totp
):
    client.force_login(moderator)
    assert client.get(GESTION).status_code == 403
    assert client.get(f"{GESTION}nouvelle/").status_code == 403
    activate_totp(other_admin)
    client.force_login(other_admin)
    assert client.get(f"{GESTION}{campaign.slug}/").status_code == 403


@pytest.mark.parametrize("not_an_id", ["x", "²", "9" * 40])
def test_a_link_to_a_comment_that_is_not_an_id_shows_the_first_page(client, idea, not_an_id):
    assert client.get(url(idea), {"commentaire": not_an_id}).status_code == 200
