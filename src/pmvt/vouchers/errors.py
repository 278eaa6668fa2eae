"""Error codes of the vouchers area, so that tests and callers tell refusals apart."""

from django.db import models


class VoucherErrorCode(models.TextChoices):
    UNBALANCED = "unbalanced"
    INVALID_AMOUNT = "invalid_amount"
    INSUFFICIENT_BALANCE = "insufficient_balance"
    BUDGET_EXHAUSTED = "budget_exhausted"
    OVERPAID = "overpaid"
    CAP_REACHED = "cap_reached"
    CAMPAIGN_NOT_OPEN = "campaign_not_open"
    WRONG_CODE = "wrong_code"
    EXPIRED = "expired"
    NOT_PARTICIPATING = "not_participating"
    ACTOR_NOT_VERIFIED = "actor_not_verified"
    RATE_LIMITED = "rate_limited"
    ALREADY_DONE = "already_done"
    INVALID_STATE = "invalid_state"
