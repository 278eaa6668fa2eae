from django.urls import URLPattern, URLResolver, path

from pmvt.workshops.views import facilitate, public

app_name = "workshops"

LIST = "t/<slug:territory_slug>/valeurs/maison/ateliers/"
ONE = f"{LIST}<slug:workshop_slug>/"
CONTRIBUTION = f"{ONE}contributions/<int:contribution_id>/"
THEME = f"{ONE}themes/<int:theme_id>/"
SUGGESTION = f"{ONE}suggestions/<int:suggestion_id>/"
ACTION = f"{ONE}actions/<int:action_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(LIST, public.workshop_list, name="list"),
    path(f"{LIST}nouveau/", facilitate.create, name="create"),
    path(ONE, public.detail, name="detail"),
    path(f"{ONE}modifier/", facilitate.edit, name="edit"),
    path(f"{ONE}phase/suivante/", facilitate.phase_next, name="phase_next"),
    path(f"{ONE}phase/precedente/", facilitate.phase_back, name="phase_back"),
    path(f"{ONE}participer/", public.join, name="join"),
    path(f"{ONE}contributions/", public.contribute, name="contribute"),
    path(f"{CONTRIBUTION}modifier/", public.contribution_edit, name="contribution_edit"),
    path(f"{CONTRIBUTION}supprimer/", public.contribution_remove, name="contribution_delete"),
    path(f"{CONTRIBUTION}suggerer/", public.suggest, name="suggest"),
    path(f"{ONE}themes/", facilitate.theme_add, name="theme_create"),
    path(f"{THEME}renommer/", facilitate.theme_edit, name="theme_rename"),
    path(f"{THEME}supprimer/", facilitate.theme_remove, name="theme_delete"),
    path(f"{ONE}classement/", facilitate.file_contributions, name="file"),
    path(f"{SUGGESTION}retenir/", facilitate.suggestion_accept, name="suggestion_apply"),
    path(f"{SUGGESTION}ecarter/", facilitate.suggestion_reject, name="suggestion_dismiss"),
    path(f"{ONE}vote/", public.vote, name="vote"),
    path(f"{ONE}resultats/", public.results, name="results"),
    path(f"{ONE}actions/", facilitate.action_add, name="action_create"),
    path(f"{ACTION}modifier/", facilitate.action_edit, name="action_edit"),
    path(f"{ACTION}supprimer/", facilitate.action_remove, name="action_delete"),
    path(f"{ACTION}deplacer/", facilitate.action_reorder, name="action_move"),
    path(f"{ACTION}projet/", facilitate.action_project, name="action_project"),
    path(f"{ONE}synthese/", public.summary, name="summary"),
    path(f"{ONE}export.csv", public.export_csv, name="export_csv"),
    path(f"{ONE}ecran/", public.screen, name="screen"),
]
