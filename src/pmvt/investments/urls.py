from django.urls import URLPattern, URLResolver

app_name = "investments"

T = "t/<slug:territory_slug>/"

urlpatterns: list[URLPattern | URLResolver] = []
