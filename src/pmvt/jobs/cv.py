"""Check an uploaded CV: a PDF (by its extension and its first bytes), 5 MB at most.

The browser's content type is not trusted: it says what the sender claims. A PDF starts
with "%PDF-" (ISO 32000); the extension is checked too, so that the file opens as a PDF
on the employer's computer.
"""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from pmvt.core.exceptions import ApplicationError
from pmvt.jobs.errors import JobErrorCode
from pmvt.jobs.models import MAX_CV_BYTES

PDF_MAGIC = b"%PDF-"


def max_cv_bytes() -> int:
    return int(getattr(settings, "PMVT_JOB_CV_MAX_BYTES", MAX_CV_BYTES))


def clean_cv_name(name: str) -> str:
    """The file name without its folders, at most 200 characters, ending in ".pdf"."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip() or "cv.pdf"
    stem = base[: -len(".pdf")] if base.lower().endswith(".pdf") else base
    return f"{stem[:190]}.pdf"


def check_cv(upload: UploadedFile) -> None:
    """Raise ApplicationError unless the upload is a PDF within the size limit."""
    name = upload.name or ""
    if not name.lower().endswith(".pdf"):
        raise ApplicationError(
            _("Le CV doit être un fichier PDF (nom se terminant par .pdf)."),
            code=JobErrorCode.INVALID_CV,
        )
    size = upload.size or 0
    if size == 0:
        raise ApplicationError(_("Le fichier du CV est vide."), code=JobErrorCode.INVALID_CV)
    limit = max_cv_bytes()
    if size > limit:
        raise ApplicationError(
            _("Le CV ne doit pas dépasser %(size)s Mo.") % {"size": limit // (1024 * 1024)},
            code=JobErrorCode.INVALID_CV,
        )
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise ApplicationError(
            _("Ce fichier n'est pas un PDF valide : enregistrez votre CV au format PDF."),
            code=JobErrorCode.INVALID_CV,
        )
