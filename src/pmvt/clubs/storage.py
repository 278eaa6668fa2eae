"""Where club documents live: outside MEDIA_ROOT, served only through a view that checks access.

The location is the setting PMVT_PRIVATE_MEDIA_ROOT, else a `private-media` folder beside
MEDIA_ROOT. It is read at each use, so tests can point it at a temporary folder.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A file system storage with no URL: the files are never served as static media."""

    @property
    def base_location(self) -> str:
        configured = getattr(settings, "PMVT_PRIVATE_MEDIA_ROOT", "")
        return str(configured or Path(settings.MEDIA_ROOT).parent / "private-media")

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> None:  # type: ignore[override]
        return None


_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _storage
