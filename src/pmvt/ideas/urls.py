from django.urls import URLPattern, URLResolver, path

from pmvt.ideas.views import backoffice, public

app_name = "ideas"

T = "t/<slug:territory_slug>/"
IDEAS = f"{T}valeurs/idees/"
CAMPAIGN = f"{IDEAS}<slug:campaign_slug>/"
IDEA = f"{CAMPAIGN}<slug:idea_slug>/"
GESTION = f"{T}gestion/idees/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(IDEAS, public.campaign_list_view, name="list"),
    path(CAMPAIGN, public.campaign_detail, name="campaign"),
    path(f"{CAMPAIGN}proposer/", public.idea_submit_view, name="submit"),
    path(IDEA, public.idea_detail, name="detail"),
    path(f"{IDEA}soutenir/", public.idea_support_view, name="support"),
    path(f"{IDEA}retirer-mon-soutien/", public.idea_withdraw_view, name="withdraw"),
    path(f"{IDEA}suivre/", public.idea_follow_view, name="follow"),
    path(f"{IDEA}commenter/", public.idea_comment_view, name="comment"),
    path(f"{IDEA}repondre/", public.idea_answer_view, name="answer"),
    # The territory's back office.
    path(GESTION, backoffice.admin_list, name="admin_list"),
    path(f"{GESTION}nouvelle/", backoffice.admin_create, name="admin_create"),
    path(f"{GESTION}<slug:campaign_slug>/", backoffice.admin_edit, name="admin_edit"),
]
