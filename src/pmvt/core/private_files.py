"""Files only some people may read (CVs of job applications…), kept outside MEDIA_ROOT.

`PrivateStorage` writes under settings.PMVT_PRIVATE_ROOT and has no URL: the web server never
serves these files, a view checks who asks and answers with `private_file_response()`.
"""

from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


@deconstructible
class PrivateStorage(FileSystemStorage):
    """A file system storage rooted at settings.PMVT_PRIVATE_ROOT, without any public URL."""

    def __init__(self, location: str | None = None, **kwargs: Any) -> None:
        kwargs.pop("base_url", None)
        super().__init__(location=location, base_url=None, **kwargs)

    def _clear_cached_properties(self, setting: Any, **kwargs: Any) -> None:
        # Tests point PMVT_PRIVATE_ROOT elsewhere with override_settings: follow them.
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PMVT_PRIVATE_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    @cached_property
    def base_location(self) -> str:
        location = self._location  # type: ignore[attr-defined]
        return str(self._value_or_setting(location, settings.PMVT_PRIVATE_ROOT))

    @property
    def base_url(self) -> None:  # type: ignore[override]
        return None

    def url(self, name: str | None) -> str:
        raise ValueError("A private file has no URL: serve it through a view that checks access.")


def private_file_response(
    file: File, filename: str, *, content_type: str = "application/pdf"
) -> FileResponse:
    """The file as a download the browser neither sniffs nor keeps in a shared cache."""
    file.open("rb")
    response = FileResponse(file, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
