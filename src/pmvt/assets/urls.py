from django.urls import URLPattern, URLResolver, path

from pmvt.assets.views import manage, public

app_name = "assets"

T = "t/<slug:territory_slug>/"
ROOT = f"{T}valeurs/maison/biens/"
ONE = f"{ROOT}<slug:asset_slug>/"
BOOKING = f"{ROOT}reservations/<int:booking_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(ROOT, public.asset_list_view, name="list"),
    path(f"{ROOT}mes-biens/", manage.mine, name="mine"),
    path(f"{ROOT}proposer/", manage.create, name="create"),
    path(f"{ROOT}mes-reservations/", public.my_bookings_view, name="my_bookings"),
    path(f"{ROOT}demandes-recues/", manage.requests_received, name="requests"),
    path(BOOKING, public.booking_view, name="booking"),
    path(f"{BOOKING}repondre/", public.booking_answer, name="booking_answer"),
    path(f"{BOOKING}annuler/", public.booking_cancel_view, name="booking_cancel"),
    path(ONE, public.detail, name="detail"),
    path(f"{ONE}reserver/", public.book, name="book"),
    path(f"{ONE}gerer/", manage.manage, name="manage"),
    path(f"{ONE}modifier/", manage.edit, name="edit"),
    path(f"{ONE}publier/", manage.publish, name="publish"),
    path(f"{ONE}retirer/", manage.withdraw, name="withdraw"),
    path(f"{ONE}photos/", manage.photo_add, name="photo_add"),
    path(f"{ONE}photos/<int:photo_id>/retirer/", manage.photo_remove, name="photo_remove"),
    path(f"{ONE}indisponibilites/", manage.unavailability_add, name="unavailability_add"),
    path(
        f"{ONE}indisponibilites/<int:unavailability_id>/retirer/",
        manage.unavailability_remove,
        name="unavailability_remove",
    ),
]
