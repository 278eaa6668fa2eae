from django.urls import URLPattern, URLResolver, path

from pmvt.notifications import views

app_name = "notifications"

T = "t/<slug:territory_slug>/"

urlpatterns: list[URLPattern | URLResolver] = [
    # The inbox is per territory, like the notifications themselves.
    path(f"{T}notifications/", views.inbox, name="inbox"),
    path(f"{T}notifications/tout-lu/", views.mark_all_read, name="mark_all_read"),
    path(
        f"{T}notifications/<int:notification_id>/",
        views.notification_open,
        name="open",
    ),
    # Per account, under /compte/: a territory's own host name serves these paths as they are.
    path("compte/notifications/", views.preferences, name="preferences"),
    path(
        "compte/notifications/desinscription/<str:token>/",
        views.unsubscribe,
        name="unsubscribe",
    ),
]
