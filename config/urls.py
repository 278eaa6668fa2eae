from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from pmvt.interop.api import api
from pmvt.portal.views import healthz

admin.site.site_header = "PM-VT — administration de la plateforme"
admin.site.site_title = "PM-VT"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("compte/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("", include("pmvt.accounts.urls")),
    path("", include("pmvt.accounts.backoffice_urls")),
    path("", include("pmvt.actors.urls")),
    path("", include("pmvt.catalog.urls")),
    path("", include("pmvt.orders.urls")),
    path("", include("pmvt.consultations.urls")),
    path("", include("pmvt.jobs.urls")),
    path("", include("pmvt.volunteering.urls")),
    path("", include("pmvt.activities.urls")),
    path("", include("pmvt.investments.urls")),
    path("", include("pmvt.vouchers.urls")),
    path("", include("pmvt.notifications.urls")),
    path("", include("pmvt.aids.urls")),
    path("", include("pmvt.clubs.urls")),
    path("", include("pmvt.news.urls")),
    path("", include("pmvt.ideas.urls")),
    path("", include("pmvt.community.urls")),
    path("", include("pmvt.agenda.urls")),
    path("", include("pmvt.skills.urls")),
    path("", include("pmvt.assets.urls")),
    path("", include("pmvt.projects.urls")),
    path("", include("pmvt.maison.urls")),
    path("", include("pmvt.workshops.urls")),
    path("", include("pmvt.portal.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "pmvt.portal.views.page_not_found"
