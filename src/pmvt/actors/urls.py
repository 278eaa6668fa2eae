from django.urls import URLPattern, URLResolver

app_name = "actors"

urlpatterns: list[URLPattern | URLResolver] = []
