"""The private storage: rooted at PMVT_PRIVATE_ROOT, no URL, served as a guarded download."""

import pytest
from django.core.files.base import ContentFile

from pmvt.core.private_files import PrivateStorage, private_file_response


def test_private_storage_writes_under_the_private_root(settings, tmp_path):
    settings.PMVT_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    storage = PrivateStorage()

    name = storage.save("jobs/cv/test.pdf", ContentFile(b"%PDF-1.4 test"))

    assert (tmp_path / "private" / name).read_bytes() == b"%PDF-1.4 test"
    assert not (tmp_path / "media").exists()


def test_private_storage_follows_a_changed_setting(settings, tmp_path):
    storage = PrivateStorage()
    settings.PMVT_PRIVATE_ROOT = tmp_path / "one"
    assert storage.path("a.pdf") == str(tmp_path / "one" / "a.pdf")
    settings.PMVT_PRIVATE_ROOT = tmp_path / "two"
    assert storage.path("a.pdf") == str(tmp_path / "two" / "a.pdf")


def test_private_storage_has_no_url(settings, tmp_path):
    settings.PMVT_PRIVATE_ROOT = tmp_path
    storage = PrivateStorage()
    assert storage.base_url is None
    with pytest.raises(ValueError, match="no URL"):
        storage.url("jobs/cv/test.pdf")


def test_private_storage_deconstructs_without_arguments():
    assert PrivateStorage().deconstruct() == ("pmvt.core.private_files.PrivateStorage", (), {})


def test_private_file_response_is_an_uncached_attachment(settings, tmp_path):
    settings.PMVT_PRIVATE_ROOT = tmp_path
    storage = PrivateStorage()
    name = storage.save("cv.pdf", ContentFile(b"%PDF-1.4 hello"))
    file = storage.open(name)

    response = private_file_response(file, "CV Jean Habitant.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "CV" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response.getvalue() == b"%PDF-1.4 hello"
    file.close()
