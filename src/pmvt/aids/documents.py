"""Check an uploaded aid document by its content, not its name: PDF, ODT or DOCX, 10 MB at most.

A PDF starts with "%PDF-". ODT and DOCX are ZIP archives: an ODT names its type in its first
entry "mimetype"; a DOCX holds "[Content_Types].xml" and "word/document.xml".
"""

import zipfile
from typing import IO

from django.utils.translation import gettext as _

from pmvt.aids.errors import AidErrorCode
from pmvt.core.exceptions import ApplicationError

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _error(message: str) -> ApplicationError:
    return ApplicationError(message, code=AidErrorCode.INVALID_DOCUMENT)


def _zip_format(stream: IO[bytes]) -> str:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return "odt"
            if {"[Content_Types].xml", "word/document.xml"} <= names:
                return "docx"
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return ""
    return ""


def document_format(stream: IO[bytes], *, size: int) -> str:
    """ "pdf", "odt" or "docx" from the content, or ApplicationError with a French message."""
    if size > MAX_DOCUMENT_BYTES:
        raise _error(_("Le document dépasse 10 Mo. Réduisez-le ou indiquez plutôt un lien."))
    if size == 0:
        raise _error(_("Le fichier envoyé est vide."))
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        found = _zip_format(stream)
        stream.seek(0)
        if found:
            return found
    raise _error(
        _(
            "Ce fichier n'est pas un document PDF, ODT ou DOCX. "
            "Enregistrez-le dans l'un de ces formats, puis envoyez-le de nouveau."
        )
    )
