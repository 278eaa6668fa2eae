"""Opening hours, exceptional closures and photos of an actor's page."""

import io
from datetime import time, timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from pmvt.actors.models import ActorPhoto, Closure, OpeningHours
from pmvt.actors.services.page import (
    actor_closure_add,
    actor_closure_remove,
    actor_opening_hours_set,
    actor_photo_add,
    actor_photo_remove,
)
from pmvt.actors.services.staff import actor_staff_add
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.images import MAX_PHOTO_BYTES

T = time.fromisoformat
NBSP = "\u00a0"


def hours_of(actor):
    return list(OpeningHours.objects.filter(actor=actor).values_list("weekday", "opens", "closes"))


# --- opening hours ----------------------------------------------------------------------------


def test_replaces_all_the_opening_hours(actor, owner):
    actor_opening_hours_set(actor=actor, by=owner, hours=[(0, T("09:00"), T("12:00"))])

    actor_opening_hours_set(
        actor=actor,
        by=owner,
        hours=[
            (5, T("08:00"), T("13:00")),
            (1, T("14:00"), T("19:00")),
            (1, T("08:30"), T("12:30")),
        ],
    )

    assert hours_of(actor) == [
        (1, T("08:30"), T("12:30")),
        (1, T("14:00"), T("19:00")),
        (5, T("08:00"), T("13:00")),
    ]


def test_rejects_a_closing_time_before_the_opening_time_and_keeps_the_old_hours(actor, owner):
    actor_opening_hours_set(actor=actor, by=owner, hours=[(0, T("09:00"), T("12:00"))])

    with pytest.raises(ApplicationError) as error:
        actor_opening_hours_set(
            actor=actor,
            by=owner,
            hours=[(2, T("09:00"), T("12:00")), (3, T("14:00"), T("14:00"))],
        )

    assert str(error.value.message) == (
        f"Le jeudi, l'heure de fermeture (14{NBSP}h) doit être après l'heure d'ouverture "
        f"(14{NBSP}h)."
    )
    assert hours_of(actor) == [(0, T("09:00"), T("12:00"))]


def test_rejects_overlapping_ranges_of_a_day(actor, owner):
    with pytest.raises(ApplicationError) as error:
        actor_opening_hours_set(
            actor=actor,
            by=owner,
            hours=[(4, T("08:30"), T("12:30")), (4, T("12:00"), T("19:00"))],
        )

    assert str(error.value.message) == (
        f"Le vendredi, les plages 8{NBSP}h{NBSP}30 – 12{NBSP}h{NBSP}30 et "
        f"12{NBSP}h – 19{NBSP}h se chevauchent."
    )
    assert hours_of(actor) == []


def test_back_to_back_ranges_do_not_overlap(actor, owner):
    actor_opening_hours_set(
        actor=actor, by=owner, hours=[(4, T("08:00"), T("12:00")), (4, T("12:00"), T("19:00"))]
    )

    assert len(hours_of(actor)) == 2


def test_staff_members_cannot_change_the_hours(actor, owner, make_user):
    seller = make_user("vendeur@fournil.test")
    actor_staff_add(actor=actor, user=seller, role="staff", by=owner)

    with pytest.raises(PermissionDeniedError):
        actor_opening_hours_set(actor=actor, by=seller, hours=[(0, T("09:00"), T("12:00"))])

    assert hours_of(actor) == []


# --- closures ---------------------------------------------------------------------------------


def test_adds_and_removes_an_exceptional_closure(actor, owner):
    start = timezone.localdate() + timedelta(days=10)

    closure = actor_closure_add(
        actor=actor,
        by=owner,
        start_date=start,
        end_date=start + timedelta(days=6),
        reason=" Congés annuels ",
    )

    assert (closure.start_date, closure.end_date, closure.reason) == (
        start,
        start + timedelta(days=6),
        "Congés annuels",
    )
    actor_closure_remove(closure=closure, by=owner)
    assert Closure.objects.count() == 0


def test_a_one_day_closure_is_allowed(actor, owner):
    today = timezone.localdate()

    actor_closure_add(actor=actor, by=owner, start_date=today, end_date=today)

    assert Closure.objects.count() == 1


@pytest.mark.parametrize(
    ("start_offset", "end_offset", "message"),
    [
        (5, 3, "La date de fin doit être le jour de début ou après."),
        (-9, -2, "Cette fermeture est déjà passée : indiquez une date de fin à venir."),
        (1, 400, "Une fermeture exceptionnelle dure au plus un an."),
    ],
)
def test_rejects_bad_closures(actor, owner, start_offset, end_offset, message):
    today = timezone.localdate()

    with pytest.raises(ApplicationError) as error:
        actor_closure_add(
            actor=actor,
            by=owner,
            start_date=today + timedelta(days=start_offset),
            end_date=today + timedelta(days=end_offset),
        )

    assert str(error.value.message) == message
    assert Closure.objects.count() == 0


def test_rejects_a_closure_overlapping_another(actor, owner):
    start = timezone.localdate().replace(year=timezone.localdate().year + 1, month=8, day=1)
    actor_closure_add(actor=actor, by=owner, start_date=start, end_date=start + timedelta(days=14))

    with pytest.raises(ApplicationError) as error:
        actor_closure_add(
            actor=actor,
            by=owner,
            start_date=start + timedelta(days=14),
            end_date=start + timedelta(days=20),
        )

    assert str(error.value.message).startswith("Cette fermeture chevauche celle du ")
    assert f"1 août {start.year}" in str(error.value.message)
    assert Closure.objects.count() == 1


# --- photos -----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def image_file(fmt="JPEG", size=(640, 480), name="photo.jpg", exif=None, color="orange"):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, fmt, **kwargs)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def gps_exif(orientation=1):
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "Appareil de test"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (43.0, 52.0, 35.0)
    return exif


def test_adds_a_photo_resized_and_without_exif(actor, owner):
    photo = actor_photo_add(
        actor=actor,
        by=owner,
        image=image_file(size=(3200, 2400), exif=gps_exif()),
        alt_text=" Le fournil  et ses pains ",
    )

    stored = Image.open(photo.image.path)
    assert stored.format == "JPEG"
    assert stored.size == (1600, 1200)
    assert dict(stored.getexif()) == {}
    assert photo.alt_text == "Le fournil et ses pains"
    assert photo.image.name.startswith("actors/photos/") and photo.image.name.endswith(".jpg")


def test_turns_a_photo_upright_by_its_exif_orientation(actor, owner):
    photo = actor_photo_add(
        actor=actor, by=owner, image=image_file(size=(300, 200), exif=gps_exif(6)), alt_text="Étal"
    )

    assert Image.open(photo.image.path).size == (200, 300)


@pytest.mark.parametrize(("fmt", "extension"), [("PNG", ".png"), ("WEBP", ".webp")])
def test_keeps_png_and_webp_formats(actor, owner, fmt, extension):
    photo = actor_photo_add(
        actor=actor, by=owner, image=image_file(fmt=fmt, name=f"x{extension}"), alt_text="Étal"
    )

    assert Image.open(photo.image.path).format == fmt
    assert photo.image.name.endswith(extension)


def test_photos_are_numbered_in_order(actor, owner):
    first = actor_photo_add(actor=actor, by=owner, image=image_file(), alt_text="Un")
    second = actor_photo_add(actor=actor, by=owner, image=image_file(), alt_text="Deux")

    assert (first.position, second.position) == (1, 2)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: image_file(fmt="GIF", name="anim.gif"),
            "Envoyez une photo au format JPEG, PNG ou WebP.",
        ),
        (
            lambda: SimpleUploadedFile("photo.jpg", b"<?php echo 'bonjour'; ?>"),
            "Ce fichier n'est pas une image lisible : envoyez une photo JPEG, PNG ou WebP.",
        ),
        (
            lambda: SimpleUploadedFile("lourde.jpg", b"\xff" * (MAX_PHOTO_BYTES + 1)),
            "La photo ne doit pas dépasser 5 Mo.",
        ),
    ],
)
def test_rejects_bad_uploads_and_saves_nothing(actor, owner, tmp_path, upload, message):
    with pytest.raises(ApplicationError) as error:
        actor_photo_add(actor=actor, by=owner, image=upload(), alt_text="Photo")

    assert str(error.value.message) == message
    assert ActorPhoto.objects.count() == 0
    assert not (tmp_path / "actors").exists()


def test_rejects_a_photo_without_text_alternative(actor, owner, tmp_path):
    with pytest.raises(ApplicationError) as error:
        actor_photo_add(actor=actor, by=owner, image=image_file(), alt_text="  ")

    assert str(error.value.message) == (
        "Décrivez la photo en quelques mots, pour les personnes qui ne la voient pas."
    )
    assert ActorPhoto.objects.count() == 0
    assert not (tmp_path / "actors").exists()


def test_a_page_holds_twelve_photos_at_most(actor, owner):
    for n in range(12):
        actor_photo_add(actor=actor, by=owner, image=image_file(size=(10, 10)), alt_text=f"P{n}")

    with pytest.raises(ApplicationError) as error:
        actor_photo_add(actor=actor, by=owner, image=image_file(size=(10, 10)), alt_text="P13")

    assert error.value.code == "too_many_photos"
    assert ActorPhoto.objects.count() == 12


def test_removing_a_photo_deletes_its_file_after_commit(
    actor, owner, django_capture_on_commit_callbacks
):
    photo = actor_photo_add(actor=actor, by=owner, image=image_file(), alt_text="Étal")
    path = photo.image.path

    with django_capture_on_commit_callbacks(execute=True):
        actor_photo_remove(photo=photo, by=owner)

    assert ActorPhoto.objects.count() == 0
    assert not Path(path).exists()


def test_a_member_cannot_add_a_photo(actor, member):
    with pytest.raises(PermissionDeniedError):
        actor_photo_add(actor=actor, by=member, image=image_file(), alt_text="Intrus")

    assert ActorPhoto.objects.count() == 0
