"""The report form, the report link, the moderation queue and its decisions, over HTTP."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template
from django.test import RequestFactory

from pmvt.accounts.models import Role
from pmvt.community.models import ModerationAction, ModerationDecision, Report, Visibility
from pmvt.community.services.moderation import content_moderate, content_report
from pmvt.news.models import Post

from .conftest import TERRITORY

QUEUE = f"{TERRITORY}/moderation/"
REPORTED = f"{QUEUE}signales/"
LOG = f"{QUEUE}journal/"


def report_url(post: Post) -> str:
    content_type = ContentType.objects.get_for_model(Post)
    return f"{TERRITORY}/signaler/{content_type.pk}/{post.pk}/"


def decide_url(post: Post) -> str:
    content_type = ContentType.objects.get_for_model(Post)
    return f"{QUEUE}contenu/{content_type.pk}/{post.pk}/"


def _prefix(post: Post) -> str:
    return f"d{ContentType.objects.get_for_model(Post).pk}-{post.pk}"


def _state(post: Post) -> tuple[str, int, int]:
    fresh = Post.objects.get(pk=post.pk)
    return fresh.visibility, fresh.report_count, Report.objects.count()


@pytest.fixture
def totp_admin(admin, activate_totp):
    activate_totp(admin)
    return admin


# --- the report form ---------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_login_and_back(client, post):
    response = client.get(report_url(post))
    assert response.status_code == 302
    assert response["Location"] == f"/compte/login/?next={report_url(post)}"


def test_member_sees_the_form_with_the_reasons(client, post, member):
    client.force_login(member)
    response = client.get(report_url(post))
    assert response.status_code == 200
    body = response.content.decode()
    assert post.title in body
    assert 'type="radio"' in body
    assert "Publicité ou spam" in body


def test_member_reports_and_is_thanked_back_on_the_content(client, post, member):
    client.force_login(member)
    response = client.post(
        report_url(post), {"reason": "offensive", "details": "Insulte envers un voisin."}
    )
    assert response.status_code == 302
    assert response["Location"] == post.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert "Merci, votre signalement a été transmis aux modérateurs" in page
    report = Report.objects.get()
    assert (report.reporter, report.reason, report.details) == (
        member,
        "offensive",
        "Insulte envers un voisin.",
    )


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Choisissez le motif du signalement."),
        ({"reason": "boring"}, "Sélectionnez un choix valide"),
        ({"reason": "other", "details": " "}, "Précisez la raison"),
        ({"reason": "spam", "details": "x" * 1001}, "1000 caractères"),
    ],
)
def test_bad_report_is_refused_and_changes_nothing(client, post, member, data, message):
    client.force_login(member)
    response = client.post(report_url(post), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _state(post) == (Visibility.PUBLISHED, 0, 0)


def test_second_report_is_refused_with_a_clear_message(client, post, member):
    content_report(user=member, content=post, reason="spam")
    client.force_login(member)
    response = client.post(report_url(post), {"reason": "offensive"})
    assert "Vous avez déjà signalé ce contenu" in response.content.decode()
    assert _state(post) == (Visibility.PUBLISHED, 1, 1)
    response = client.get(report_url(post), follow=True)
    assert "Vous avez déjà signalé ce contenu" in response.content.decode()


def test_author_cannot_report_their_own_content(client, post, author):
    client.force_login(author)
    response = client.post(report_url(post), {"reason": "spam"}, follow=True)
    assert "Vous ne pouvez pas signaler votre propre contenu." in response.content.decode()
    assert _state(post) == (Visibility.PUBLISHED, 0, 0)


def test_report_form_404_for_content_of_another_territory(
    client, make_post, make_member, other_territory, member
):
    other_post = make_post(make_member(other_territory, Role.MEMBER))
    client.force_login(member)
    assert client.get(report_url(other_post)).status_code == 404
    assert client.post(report_url(other_post), {"reason": "spam"}).status_code == 404
    assert Report.objects.count() == 0


def test_report_form_404_for_content_not_visible_or_not_moderated(
    client, make_post, author, member
):
    pending = make_post(author, published=False)
    client.force_login(member)
    assert client.get(report_url(pending)).status_code == 404
    territory_type = ContentType.objects.get(app_label="territories", model="territory")
    assert client.get(f"{TERRITORY}/signaler/{territory_type.pk}/1/").status_code == 404
    assert client.get(f"{TERRITORY}/signaler/999999/1/").status_code == 404


# --- the report link ---------------------------------------------------------------------------


def _render_link(post: Post, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load community %}{% report_link post %}")
    return template.render(Context({"request": request, "post": post}))


def test_report_link_for_a_member(post, member):
    html = _render_link(post, member)
    assert f'href="{report_url(post)}"' in html
    assert "Signaler ce contenu" in html


def test_report_link_for_a_visitor_leads_to_login(post):
    from django.contrib.auth.models import AnonymousUser

    html = _render_link(post, AnonymousUser())
    assert 'href="/compte/login/?next=' in html


def test_no_report_link_for_the_author(post, author):
    assert _render_link(post, author).strip() == ""


def test_the_news_page_shows_the_link(client, post, member):
    client.force_login(member)
    assert report_url(post) in client.get(post.get_absolute_url()).content.decode()


# --- the moderation queue ----------------------------------------------------------------------


@pytest.mark.parametrize("url", [QUEUE, REPORTED, LOG])
def test_queue_is_closed_to_members(client, member, url):
    client.force_login(member)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [QUEUE, REPORTED, LOG])
def test_queue_sends_anonymous_visitors_to_login(client, territory, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/compte/login/?next={url}"


def test_queue_asks_an_admin_for_two_factor_first(client, admin):
    client.force_login(admin)
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert "totp" in response["Location"]


def test_admin_with_two_factor_sees_the_queue(client, totp_admin):
    client.force_login(totp_admin)
    assert client.get(QUEUE).status_code == 200


def test_moderator_sees_pending_content_with_a_decision_form(client, make_post, author, moderator):
    pending = make_post(author, published=False, title="Vide-grenier de Gargas")
    client.force_login(moderator)
    response = client.get(QUEUE)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Vide-grenier de Gargas" in body
    assert "Actualité" in body
    assert str(author) in body
    [(entry, form)] = response.context["items"]
    assert entry.content == pending
    assert [value for value, _label in form.fields["decision"].choices] == [
        "",
        "approve",
        "hide",
        "remove",
    ]


def test_moderator_sees_reported_content_with_reasons(client, post, member, moderator):
    content_report(user=member, content=post, reason="misleading", details="Date fausse.")
    client.force_login(moderator)
    response = client.get(REPORTED)
    body = response.content.decode()
    assert post.title in body
    assert "Information fausse ou trompeuse" in body
    assert "Date fausse." in body
    assert str(member) not in body  # Reporters stay anonymous, even to moderators.
    assert response.context["tabs"][1]["count"] == 1


def test_queue_leaves_out_other_territories(
    client, make_post, make_member, other_territory, moderator
):
    make_post(make_member(other_territory, Role.MEMBER), published=False, title="Fête à Thann")
    client.force_login(moderator)
    assert "Fête à Thann" not in client.get(QUEUE).content.decode()


def test_pending_queue_query_count_does_not_grow(
    client, make_post, author, moderator, settings, django_assert_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    make_post(author, published=False)
    client.force_login(moderator)
    client.get(QUEUE)
    with django_assert_num_queries(12) as few:
        client.get(QUEUE)
    for _ in range(24):
        make_post(author, published=False)
    with django_assert_num_queries(len(few)):
        response = client.get(QUEUE)
    assert len(response.context["items"]) == 20
    assert response.context["page_obj"].paginator.num_pages == 2


def test_reported_queue_query_count_does_not_grow(
    client, make_post, author, make_reporters, moderator, settings, django_assert_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    first, second = make_reporters(2)
    content_report(user=first, content=make_post(author), reason="spam")
    client.force_login(moderator)
    client.get(REPORTED)
    with django_assert_num_queries(12) as few:
        client.get(REPORTED)
    for _ in range(22):
        post = make_post(author)
        content_report(user=first, content=post, reason="spam")
        content_report(user=second, content=post, reason="offensive")
    with django_assert_num_queries(len(few)):
        response = client.get(REPORTED)
    assert len(response.context["items"]) == 20
    # Most reported first.
    assert [len(entry.reports) for entry, _form in response.context["items"]][:2] == [2, 2]


def test_log_query_count_does_not_grow(
    client, make_post, author, moderator, settings, django_assert_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    make_post(author)
    client.force_login(moderator)
    client.get(LOG)
    with django_assert_num_queries(10) as few:
        client.get(LOG)
    for _ in range(35):
        make_post(author)
    with django_assert_num_queries(len(few)):
        response = client.get(LOG)
    assert len(response.context["page_obj"].object_list) == 30


# --- decisions ---------------------------------------------------------------------------------


def test_moderator_hides_reported_content_and_the_log_shows_it(
    client, post, author, member, moderator
):
    content_report(user=member, content=post, reason="offensive")
    client.force_login(moderator)
    prefix = _prefix(post)
    response = client.post(
        decide_url(post),
        {
            "tab": "reported",
            f"{prefix}-decision": "hide",
            f"{prefix}-reason": "Propos injurieux.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == REPORTED
    assert _state(post) == (Visibility.HIDDEN, 0, 1)
    action = ModerationAction.objects.get(decision="hide")
    assert (action.moderator, action.reason) == (moderator, "Propos injurieux.")
    log = client.get(LOG).content.decode()
    assert "Propos injurieux." in log
    assert post.title in log


def test_decision_without_reason_is_refused_and_changes_nothing(client, post, member, moderator):
    content_report(user=member, content=post, reason="offensive")
    client.force_login(moderator)
    prefix = _prefix(post)
    response = client.post(decide_url(post), {f"{prefix}-decision": "hide", f"{prefix}-reason": ""})
    assert response.status_code == 400
    assert "Donnez le motif de la décision" in response.content.decode()
    assert _state(post) == (Visibility.PUBLISHED, 1, 1)
    assert not ModerationAction.objects.filter(decision="hide").exists()


def test_decision_not_allowed_is_refused(client, post, moderator):
    client.force_login(moderator)
    prefix = _prefix(post)
    response = client.post(
        decide_url(post), {f"{prefix}-decision": "approve", f"{prefix}-reason": "Bien."}
    )
    assert response.status_code == 400
    assert "Cette décision n&#x27;est pas possible pour ce contenu." in response.content.decode()
    assert ModerationAction.objects.filter(decision="approve").count() == 1  # The set-up's.


def test_decision_page_is_closed_to_members(client, post, member):
    client.force_login(member)
    prefix = _prefix(post)
    response = client.post(
        decide_url(post), {f"{prefix}-decision": "hide", f"{prefix}-reason": "Non."}
    )
    assert response.status_code == 403
    assert _state(post)[0] == Visibility.PUBLISHED


def test_decision_page_404_for_content_of_another_territory(
    client, make_post, make_member, other_territory, moderator
):
    other_post = make_post(make_member(other_territory, Role.MEMBER))
    client.force_login(moderator)
    assert client.get(decide_url(other_post)).status_code == 404


def test_moderator_can_open_hidden_content(client, post, moderator, member):
    content_moderate(
        moderator=moderator, content=post, decision=ModerationDecision.HIDE, reason="À voir."
    )
    client.force_login(member)
    assert client.get(post.get_absolute_url()).status_code == 404
    client.force_login(moderator)
    assert client.get(post.get_absolute_url()).status_code == 200
    assert client.get(decide_url(post)).status_code == 200


def test_header_links_the_queue_for_moderators_only(client, moderator, member):
    client.force_login(member)
    assert QUEUE not in client.get(f"{TERRITORY}/").content.decode()
    client.force_login(moderator)
    assert f'href="{QUEUE}"' in client.get(f"{TERRITORY}/").content.decode()


def _render_notice(post: Post, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load community %}{% moderation_notice post %}")
    return template.render(Context({"request": request, "post": post}))


def test_moderation_notice_says_why_and_links_the_queue_for_moderators(post, author, moderator):
    assert _render_notice(post, author).strip() == ""  # Published: nothing to say.
    content_moderate(
        moderator=moderator, content=post, decision=ModerationDecision.HIDE, reason="À voir."
    )
    for_author = _render_notice(post, author)
    assert "masqué au public" in for_author
    assert QUEUE not in for_author
    assert f'href="{QUEUE}"' in _render_notice(post, moderator)


def test_report_link_costs_no_query_on_its_territory_pages(
    post, member, territory, django_assert_num_queries
):
    request = RequestFactory().get("/")
    request.user = member
    request.territory = territory  # type: ignore[attr-defined]
    fresh = Post.objects.get(pk=post.pk)
    ContentType.objects.get_for_model(Post)
    template = Template("{% load community %}{% report_link post %}")
    with django_assert_num_queries(0):
        html = template.render(Context({"request": request, "post": fresh}))
    assert "Signaler ce contenu" in html
