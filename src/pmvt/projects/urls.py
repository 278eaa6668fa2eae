from django.urls import URLPattern, URLResolver, path

from pmvt.projects.views import manage, public

app_name = "projects"

T = "t/<slug:territory_slug>/"
PROJECTS = f"{T}valeurs/maison/projets/"
ONE = f"{PROJECTS}<slug:project_slug>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(PROJECTS, public.project_list_view, name="list"),
    path(f"{PROJECTS}proposer/", public.create, name="create"),
    path(
        f"{PROJECTS}proposer/idee/<int:idea_id>/", public.create_from_idea, name="create_from_idea"
    ),
    path(f"{PROJECTS}mes-projets/", public.mine, name="mine"),
    path(ONE, public.detail, name="detail"),
    path(f"{ONE}soutenir/", public.support, name="support"),
    path(f"{ONE}modifier/", manage.edit, name="edit"),
    path(f"{ONE}etat/", manage.status, name="status"),
    path(f"{ONE}equipe/", manage.team, name="team"),
    path(f"{ONE}equipe/<int:member_id>/porteur/", manage.promote, name="promote"),
    path(f"{ONE}equipe/<int:member_id>/retirer/", manage.remove, name="remove"),
    path(f"{ONE}equipe/quitter/", manage.leave, name="leave"),
    path(f"{ONE}besoins/", manage.needs, name="needs"),
    path(f"{ONE}besoins/nouveau/<str:kind>/", manage.need_create, name="need_create"),
    path(f"{ONE}besoins/<int:need_id>/", manage.need_edit, name="need_edit"),
    path(f"{ONE}besoins/<int:need_id>/pourvu/", manage.need_met, name="need_met"),
    path(f"{ONE}besoins/<int:need_id>/fermer/", manage.need_withdraw, name="need_close"),
    path(f"{ONE}etapes/", manage.milestones, name="milestones"),
    path(f"{ONE}etapes/<int:milestone_id>/franchie/", manage.milestone_done, name="milestone_done"),
    path(
        f"{ONE}etapes/<int:milestone_id>/supprimer/",
        manage.milestone_delete,
        name="milestone_delete",
    ),
    path(f"{ONE}nouvelles/publier/", manage.news_create, name="news_create"),
]
