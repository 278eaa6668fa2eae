from django.urls import URLPattern, URLResolver, include, path

from pmvt.portal import views

app_name = "portal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("mentions-legales/", views.legal, name="site_legal"),
    path("donnees-personnelles/", views.privacy, name="site_privacy"),
    path("accessibilite/", views.accessibility, name="site_accessibility"),
    path("conditions-utilisation/", views.terms, name="site_terms"),
]

territory_urlpatterns = [
    path("", views.home, name="home"),
    path("marche/", views.market, name="market"),
    path("valeurs/", views.values, name="values"),
    path("mentions-legales/", views.legal, name="legal"),
    path("donnees-personnelles/", views.privacy, name="privacy"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("conditions-utilisation/", views.terms, name="terms"),
    path("contact/", views.contact, name="contact"),
    path("theme.css", views.theme_css, name="theme_css"),
]

urlpatterns += [path("t/<slug:territory_slug>/", include(territory_urlpatterns))]
