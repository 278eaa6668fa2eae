"""Check an uploaded document by its content, never by its name or the browser's word.

Accepted: PDF, OpenDocument text and spreadsheet (ODT, ODS), Office Open XML text and
spreadsheet (DOCX, XLSX), and JPEG, PNG or WebP images, up to 10 MB. Images are re-encoded
without their metadata (EXIF: place, device), as actor photos are.
"""

import io
import warnings
import zipfile
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from pmvt.clubs.errors import ClubErrorCode
from pmvt.clubs.models import DocumentType
from pmvt.core.exceptions import ApplicationError

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
ODF_TYPES = {
    b"application/vnd.oasis.opendocument.text": DocumentType.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": DocumentType.ODS,
}
OOXML_PARTS = {"word/document.xml": DocumentType.DOCX, "xl/workbook.xml": DocumentType.XLSX}
IMAGE_TYPES = {"JPEG": DocumentType.JPEG, "PNG": DocumentType.PNG, "WEBP": DocumentType.WEBP}
CONTENT_TYPES = {
    DocumentType.PDF: "application/pdf",
    DocumentType.ODT: "application/vnd.oasis.opendocument.text",
    DocumentType.ODS: "application/vnd.oasis.opendocument.spreadsheet",
    DocumentType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    DocumentType.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    DocumentType.JPEG: "image/jpeg",
    DocumentType.PNG: "image/png",
    DocumentType.WEBP: "image/webp",
}


class DocumentError(ApplicationError):
    def __init__(self, message: object) -> None:
        super().__init__(str(message), code=ClubErrorCode.INVALID_DOCUMENT)
        self.field = "document"


@dataclass(frozen=True)
class CheckedDocument:
    data: bytes
    document_type: DocumentType

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.document_type]


def _unsupported() -> DocumentError:
    return DocumentError(
        _(
            "Ce fichier n'est pas d'un format accepté : envoyez un PDF, un document ODT ou DOCX, "
            "un tableur ODS ou XLSX, ou une image JPEG, PNG ou WebP."
        )
    )


def _zip_type(data: bytes) -> DocumentType | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size > 200:
                    return None
                return ODF_TYPES.get(archive.read("mimetype").strip())
            if "[Content_Types].xml" in names:
                for part, document_type in OOXML_PARTS.items():
                    if part in names:
                        return document_type
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return None
    return None


def _clean_image(data: bytes) -> CheckedDocument | None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            document_type = IMAGE_TYPES.get(image.format or "")
            if document_type is None:
                return None
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise DocumentError(
                    _("Cette image est trop grande : 40 millions de pixels au plus.")
                )
            image.load()
        except ApplicationError:
            raise
        except Image.DecompressionBombWarning:
            raise DocumentError(
                _("Cette image est trop grande : 40 millions de pixels au plus.")
            ) from None
        except (
            UnidentifiedImageError,
            OSError,
            ValueError,
            SyntaxError,
            Image.DecompressionBombError,
        ):
            return None
    picture: Image.Image = ImageOps.exif_transpose(image) or image
    output = io.BytesIO()
    if document_type == DocumentType.JPEG:
        if picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        picture.save(output, "JPEG", quality=90)
    elif document_type == DocumentType.PNG:
        picture.save(output, "PNG", optimize=True)
    else:
        picture.save(output, "WEBP", quality=90)
    return CheckedDocument(data=output.getvalue(), document_type=document_type)


def check_document(upload: IO[bytes]) -> CheckedDocument:
    """The document's bytes and its type, read from its content; DocumentError otherwise."""
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size > MAX_DOCUMENT_BYTES:
        raise DocumentError(_("Le document ne doit pas dépasser 10 Mo."))
    if size == 0:
        raise DocumentError(_("Ce fichier est vide."))
    upload.seek(0)
    data = upload.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(_("Le document ne doit pas dépasser 10 Mo."))
    if data.startswith(b"%PDF-"):
        return CheckedDocument(data=data, document_type=DocumentType.PDF)
    if data.startswith(b"PK\x03\x04"):
        document_type = _zip_type(data)
        if document_type is None:
            raise _unsupported()
        return CheckedDocument(data=data, document_type=document_type)
    image = _clean_image(data)
    if image is None:
        raise _unsupported()
    return image
