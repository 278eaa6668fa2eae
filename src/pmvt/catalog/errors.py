"""Error codes of the catalog area (ApplicationError.code), and the error that names a field."""

from enum import StrEnum
from typing import Any

from pmvt.core.exceptions import ApplicationError


class CatalogErrorCode(StrEnum):
    INVALID_FIELD = "invalid_field"
    INVALID_CATEGORY = "invalid_category"
    CATEGORY_TOO_DEEP = "category_too_deep"
    INVALID_VAT_RATE = "invalid_vat_rate"
    INVALID_PRICE = "invalid_price"
    INVALID_STOCK = "invalid_stock"
    INVALID_UNIT = "invalid_unit"
    INVALID_KIND = "invalid_kind"
    INVALID_DATES = "invalid_dates"
    COMMUNE_OUTSIDE_TERRITORY = "commune_outside_territory"
    INVALID_LABEL = "invalid_label"
    INVALID_ALLERGEN = "invalid_allergen"
    INVALID_SKU = "invalid_sku"
    SKU_TAKEN = "sku_taken"
    NO_VARIANT = "no_variant"
    LAST_VARIANT = "last_variant"
    INVALID_IMAGE = "invalid_image"
    IMPORT_REJECTED = "import_rejected"


class CatalogFieldError(ApplicationError):
    """Bad value for one field: `field` names it, so a form can show the message beside it."""

    def __init__(
        self, message: Any, *, field: str, code: str = CatalogErrorCode.INVALID_FIELD
    ) -> None:
        super().__init__(message, code=code)
        self.field = field
