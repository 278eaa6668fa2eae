from django.urls import URLPattern, URLResolver, path

from pmvt.community.views import backoffice, queue, report

app_name = "community"

T = "t/<slug:territory_slug>/"
CONTENT = "<int:content_type_id>/<int:object_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(f"{T}signaler/{CONTENT}", report.report, name="report"),
    # The moderation queue (moderators and admins; /moderation/ asks admins for 2FA).
    path(f"{T}moderation/", queue.queue, name="queue"),
    path(f"{T}moderation/signales/", queue.queue_reported, name="queue_reported"),
    path(f"{T}moderation/journal/", queue.queue_log, name="queue_log"),
    path(f"{T}moderation/contenu/{CONTENT}", queue.decide, name="decide"),
    # Back office (territory admins).
    path(f"{T}gestion/moderation/", backoffice.settings_page, name="admin_settings"),
    path(f"{T}gestion/themes/", backoffice.themes, name="admin_themes"),
    path(f"{T}gestion/themes/<int:theme_id>/", backoffice.theme_edit, name="admin_theme_edit"),
    path(
        f"{T}gestion/themes/<int:theme_id>/deplacer/",
        backoffice.theme_move_view,
        name="admin_theme_move",
    ),
]
