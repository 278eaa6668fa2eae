from django.urls import URLPattern, URLResolver

app_name = "jobs"

T = "t/<slug:territory_slug>/"

urlpatterns: list[URLPattern | URLResolver] = []
