"""Uploaded photos: checked, re-encoded without metadata, turned upright and resized.

Every area that takes a picture (actor pages, offers, news, ideas, projects, assets) goes
through `clean_photo()`, so the limits and the French messages are the same everywhere.
"""

import io
import warnings
from typing import IO

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from pmvt.core.exceptions import ApplicationError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_SIDE = 1600
MAX_PHOTO_PIXELS = 40_000_000  # Refuse "decompression bombs" before decoding them.
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class InvalidImageError(ApplicationError):
    """The upload is not an acceptable photo; `field` is the form field to show it beside."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="invalid_image")
        self.field = "image"


def clean_photo(upload: IO[bytes]) -> tuple[bytes, str]:
    """Check an upload and re-encode it: (bytes, extension). EXIF and metadata are dropped.

    Only JPEG, PNG and WebP up to 5 MB are accepted; the image is turned upright (EXIF
    orientation) and shrunk to at most 1600 px on its longest side.
    """
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size > MAX_PHOTO_BYTES:
        raise InvalidImageError(_("La photo ne doit pas dépasser 5 Mo."))
    upload.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload)
            image_format = image.format or ""
            if image_format not in PHOTO_FORMATS:
                raise InvalidImageError(_("Envoyez une photo au format JPEG, PNG ou WebP."))
            if image.width * image.height > MAX_PHOTO_PIXELS:
                raise InvalidImageError(
                    _("Cette image est trop grande : 40 millions de pixels au plus.")
                )
            image.load()
        except ApplicationError:
            raise
        except (
            UnidentifiedImageError,
            OSError,
            ValueError,
            SyntaxError,
            Image.DecompressionBombError,
        ):
            raise InvalidImageError(
                _("Ce fichier n'est pas une image lisible : envoyez une photo JPEG, PNG ou WebP.")
            ) from None
        except Image.DecompressionBombWarning:
            raise InvalidImageError(
                _("Cette image est trop grande : 40 millions de pixels au plus.")
            ) from None
    picture: Image.Image = ImageOps.exif_transpose(image) or image
    picture.thumbnail((MAX_PHOTO_SIDE, MAX_PHOTO_SIDE), Image.Resampling.LANCZOS)
    output = io.BytesIO()
    if image_format == "JPEG":
        if picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        picture.save(output, "JPEG", quality=85, optimize=True)
    elif image_format == "PNG":
        picture.save(output, "PNG", optimize=True)
    else:
        picture.save(output, "WEBP", quality=85)
    return output.getvalue(), PHOTO_FORMATS[image_format]
