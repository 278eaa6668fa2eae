"""Resources: links and documents checked by their content, stored outside the public media."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pmvt.clubs.documents import MAX_DOCUMENT_BYTES
from pmvt.clubs.models import Resource
from pmvt.clubs.services.resources import resource_add, resource_remove, resource_set_pinned
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (40, 30), "orange")
    exif = Image.Exif()
    exif[0x010F] = "Appareil de démonstration"  # Make
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


@pytest.fixture
def club_member(open_club, join, member):
    join(open_club, member)
    return member


def test_sharing_a_link(open_club, club_member):
    resource = resource_add(
        club=open_club, by=club_member, title=" Guide  du tri ", url="https://example.org/tri"
    )
    assert resource.title == "Guide du tri"
    assert resource.url == "https://example.org/tri"
    assert not resource.is_document
    assert resource.territory == open_club.territory


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("fiche.pdf", PDF, "pdf"),
        ("cr.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), "odt"),
        (
            "budget.ods",
            _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
            "ods",
        ),
        (
            "note.docx",
            _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}),
            "docx",
        ),
        (
            "prix.xlsx",
            _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}),
            "xlsx",
        ),
        ("sans-extension", PDF, "pdf"),
    ],
)
def test_a_document_is_typed_by_its_content(open_club, club_member, name, data, expected):
    resource = resource_add(
        club=open_club, by=club_member, title="Document", document=SimpleUploadedFile(name, data)
    )
    assert resource.document_type == expected
    assert resource.document_size == len(data)
    assert resource.document.name.endswith(f".{expected}")
    path = Path(resource.document.path)
    assert path.read_bytes() == data
    # Outside the public media, with no URL.
    assert "private" in str(path)
    with pytest.raises(ValueError):
        _ = resource.document.url


def test_an_image_loses_its_metadata(open_club, club_member):
    resource = resource_add(
        club=open_club,
        by=club_member,
        title="Affiche",
        document=SimpleUploadedFile("affiche.jpg", _jpeg_with_exif()),
    )
    assert resource.document_type == "jpg"
    with Image.open(resource.document.path) as stored:
        assert 0x010F not in stored.getexif()


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00 an executable",
        b"<html><script>alert(1)</script></html>",
        _zip({"evil.exe": b"MZ"}),
        _zip({"mimetype": b"application/zip"}),
        b"PK\x03\x04 not really a zip",
    ],
)
def test_a_file_of_another_kind_is_refused_whatever_its_name(open_club, club_member, data):
    with pytest.raises(ApplicationError) as caught:
        resource_add(
            club=open_club,
            by=club_member,
            title="Fiche",
            document=SimpleUploadedFile("fiche.pdf", data),
        )
    assert caught.value.field == "document"  # type: ignore[attr-defined]
    assert "format accepté" in str(caught.value.message)
    assert Resource.objects.count() == 0


def test_a_document_over_10_mb_is_refused(open_club, club_member):
    big = SimpleUploadedFile("gros.pdf", PDF + b"0" * MAX_DOCUMENT_BYTES)
    with pytest.raises(ApplicationError) as caught:
        resource_add(club=open_club, by=club_member, title="Gros", document=big)
    assert "10 Mo" in str(caught.value.message)
    assert Resource.objects.count() == 0


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": "", "url": "https://example.org"}, "title"),
        ({"title": "Lien", "url": "javascript:alert(1)"}, "url"),
        ({"title": "Lien", "url": "example.org"}, "url"),
        ({"title": "Lien"}, "url"),
        (
            {
                "title": "Lien",
                "url": "https://example.org",
                "document": SimpleUploadedFile("a.pdf", PDF),
            },
            "url",
        ),
    ],
)
def test_a_bad_resource_is_refused(open_club, club_member, values, field):
    with pytest.raises(ApplicationError) as caught:
        resource_add(club=open_club, by=club_member, **values)
    assert caught.value.field == field  # type: ignore[attr-defined]
    assert Resource.objects.count() == 0


def test_non_members_share_nothing_and_members_do_not_pin(open_club, club_member, actor_member):
    with pytest.raises(PermissionDeniedError):
        resource_add(club=open_club, by=actor_member, title="Lien", url="https://example.org")
    with pytest.raises(PermissionDeniedError):
        resource_add(
            club=open_club, by=club_member, title="Lien", url="https://example.org", pinned=True
        )
    assert Resource.objects.count() == 0


def test_removing_a_document_deletes_its_file(
    open_club, club_member, django_capture_on_commit_callbacks
):
    resource = resource_add(
        club=open_club, by=club_member, title="Fiche", document=SimpleUploadedFile("f.pdf", PDF)
    )
    path = Path(resource.document.path)
    with django_capture_on_commit_callbacks(execute=True):
        resource_remove(resource=resource, by=club_member)
    assert not path.exists()
    assert Resource.objects.count() == 0


def test_managers_pin_a_resource(open_club, club_member, moderator):
    resource = resource_add(club=open_club, by=club_member, title="Lien", url="https://example.org")
    with pytest.raises(PermissionDeniedError):
        resource_set_pinned(resource=resource, by=club_member, pinned=True)
    resource_set_pinned(resource=resource, by=moderator, pinned=True)
    resource.refresh_from_db()
    assert resource.pinned
