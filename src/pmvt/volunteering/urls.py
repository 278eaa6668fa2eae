from django.urls import URLPattern, URLResolver

app_name = "volunteering"

T = "t/<slug:territory_slug>/"

urlpatterns: list[URLPattern | URLResolver] = []
