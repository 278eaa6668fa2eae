"""Check an uploaded call document by its content, not its name: a PDF of 10 MB at most."""

from typing import IO

from django.utils.translation import gettext as _

from pmvt.investments.errors import InvestmentErrorCode, InvestmentFieldError

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_DOCUMENTS = 10


def check_pdf(stream: IO[bytes], *, size: int) -> None:
    """Raise InvestmentFieldError (on "file") unless the upload is a PDF within the size limit."""
    if size == 0:
        raise InvestmentFieldError(
            _("Le fichier envoyé est vide."),
            field="file",
            code=InvestmentErrorCode.INVALID_DOCUMENT,
        )
    if size > MAX_DOCUMENT_BYTES:
        raise InvestmentFieldError(
            _("Le document dépasse 10 Mo. Réduisez-le, puis envoyez-le de nouveau."),
            field="file",
            code=InvestmentErrorCode.INVALID_DOCUMENT,
        )
    stream.seek(0)
    head = stream.read(5)
    stream.seek(0)
    if head != b"%PDF-":
        raise InvestmentFieldError(
            _(
                "Ce fichier n'est pas un document PDF. Enregistrez-le au format PDF, "
                "puis envoyez-le de nouveau."
            ),
            field="file",
            code=InvestmentErrorCode.INVALID_DOCUMENT,
        )
