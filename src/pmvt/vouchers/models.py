"""Territorial vouchers: campaigns, participating actors, vouchers, and their double-entry ledger.

Sign convention of the ledger: an entry's `amount` is positive for a debit and negative for a
credit; the amounts of a transaction sum to zero. Each account kind has a normal side:

- debit-normal (balance = sum of amounts): `commitment` (what the collectivité committed to
  the campaign), `cash` (money received from buyers);
- credit-normal (balance = -sum of amounts): `funding` (top-up budget still available),
  `holder` (a voucher's spendable value), `merchant` (what the territory owes an actor),
  `paid` (reimbursements paid out), `expired` (value back from expired vouchers).

So every balance reads as a positive number in everyday terms, and the database refuses any
negative one (`ledgerentry_balance_not_negative`). Entries and transactions are immutable:
corrections are new, opposite transactions (see pmvt.vouchers.ledger).
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.actors.models import Actor
from pmvt.territories.models import Territory

CENT = Decimal("0.01")


class CampaignKind(models.TextChoices):
    PURCHASE_BONUS = "purchase_bonus", _("Achat abondé")
    FREE = "free", _("Bons gratuits")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    OPEN = "open", _("Ouverte")
    CLOSED = "closed", _("Clôturée")


class Campaign(models.Model):
    """A voucher scheme of the territory, with its budget and its dates."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120)
    description = models.TextField(_("présentation"), blank=True, max_length=5000)
    kind = models.CharField(_("type de campagne"), max_length=20, choices=CampaignKind.choices)
    # Per unit: the buyer pays `price` and receives `face_value`; free vouchers have price 0.
    price = models.DecimalField(_("prix payé par bon"), max_digits=12, decimal_places=2)
    face_value = models.DecimalField(_("valeur d'un bon"), max_digits=12, decimal_places=2)
    max_units = models.PositiveSmallIntegerField(_("bons par achat, au plus"), default=5)
    budget = models.DecimalField(_("budget d'abondement"), max_digits=12, decimal_places=2)
    per_person_cap = models.DecimalField(
        _("valeur maximale par personne"), max_digits=12, decimal_places=2
    )
    issue_starts = models.DateField(_("début des émissions"))
    issue_ends = models.DateField(_("fin des émissions"))
    spend_deadline = models.DateField(_("date limite d'utilisation"))
    where_to_buy = models.TextField(_("où acheter"), blank=True, max_length=3000)
    status = models.CharField(
        _("statut"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("campagne de bons d'achat")
        verbose_name_plural = _("campagnes de bons d'achat")
        ordering = ["-issue_starts", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "slug"], name="vouchercampaign_unique_slug"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=CampaignKind.values), name="vouchercampaign_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=CampaignStatus.values),
                name="vouchercampaign_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(face_value__gt=0)
                & models.Q(price__gte=0)
                & models.Q(price__lte=models.F("face_value")),
                name="vouchercampaign_price_within_face_value",
            ),
            models.CheckConstraint(
                condition=models.Q(budget__gt=0) & models.Q(per_person_cap__gt=0),
                name="vouchercampaign_amounts_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(issue_starts__lte=models.F("issue_ends"))
                & models.Q(issue_ends__lte=models.F("spend_deadline")),
                name="vouchercampaign_dates_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "vouchers:campaign",
            kwargs={"territory_slug": self.territory.slug, "campaign_slug": self.slug},
        )

    def get_admin_url(self) -> str:
        return reverse(
            "vouchers:admin_campaign",
            kwargs={"territory_slug": self.territory.slug, "campaign_slug": self.slug},
        )

    @property
    def top_up(self) -> Decimal:
        """What the collectivité adds to each voucher unit."""
        return self.face_value - self.price

    def is_spendable_on(self, day: date) -> bool:
        return self.status != CampaignStatus.DRAFT and day <= self.spend_deadline

    def is_issuing_on(self, day: date) -> bool:
        return self.status == CampaignStatus.OPEN and self.issue_starts <= day <= self.issue_ends


class ParticipationStatus(models.TextChoices):
    PENDING = "pending", _("Demande en attente")
    APPROVED = "approved", _("Acceptée")
    REFUSED = "refused", _("Refusée")


class Participation(models.Model):
    """An actor's request to accept a campaign's vouchers, and the territory's answer."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participations")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        _("statut"),
        max_length=10,
        choices=ParticipationStatus.choices,
        default=ParticipationStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("participation")
        ordering = ["campaign", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "actor"], name="voucherparticipation_unique_actor"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ParticipationStatus.values),
                name="voucherparticipation_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} – {self.campaign}"


class Voucher(models.Model):
    """One voucher: its value lives in its `holder` ledger account, never on this row."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="vouchers")
    # Null while a claim code waits for its holder, and after the holder erased their account.
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    code = models.CharField(_("code"), max_length=8)
    claim_code = models.CharField(_("code à réclamer"), max_length=12, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    issued_value = models.DecimalField(_("valeur émise"), max_digits=12, decimal_places=2)
    units = models.PositiveSmallIntegerField(_("nombre de bons"), default=1)
    paid_amount = models.DecimalField(
        _("montant payé"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    payment_method = models.CharField(_("mode de paiement"), max_length=20, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("bon d'achat")
        verbose_name_plural = _("bons d'achat")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "code"], name="voucher_unique_code"),
            models.UniqueConstraint(
                fields=["territory", "claim_code"],
                condition=~models.Q(claim_code=""),
                name="voucher_unique_claim_code",
            ),
            models.CheckConstraint(
                condition=models.Q(issued_value__gt=0), name="voucher_value_positive"
            ),
        ]
        indexes = [models.Index(fields=["territory", "holder"])]

    def __str__(self) -> str:
        return self.display_code

    def get_absolute_url(self) -> str:
        return reverse(
            "vouchers:voucher",
            kwargs={"territory_slug": self.territory.slug, "code": self.code},
        )

    @property
    def display_code(self) -> str:
        return f"{self.code[:4]}-{self.code[4:]}"


class AccountKind(models.TextChoices):
    COMMITMENT = "commitment", _("Engagement de la collectivité")
    FUNDING = "funding", _("Budget d'abondement")
    CASH = "cash", _("Encaissements des acheteurs")
    HOLDER = "holder", _("Bon d'achat")
    MERCHANT = "merchant", _("Dû à l'acteur")
    PAID = "paid", _("Remboursements versés")
    EXPIRED = "expired", _("Bons expirés")


DEBIT_NORMAL = frozenset({AccountKind.COMMITMENT, AccountKind.CASH})


class LedgerAccount(models.Model):
    """An account of a campaign. Its balance is derived from its entries, never stored here."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="accounts")
    kind = models.CharField(max_length=12, choices=AccountKind.choices)
    voucher = models.OneToOneField(
        Voucher, on_delete=models.PROTECT, null=True, blank=True, related_name="account"
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("compte")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=AccountKind.values), name="ledgeraccount_kind_valid"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind=AccountKind.HOLDER, voucher__isnull=False, actor__isnull=True)
                    | models.Q(kind=AccountKind.MERCHANT, voucher__isnull=True, actor__isnull=False)
                    | (
                        ~models.Q(kind__in=[AccountKind.HOLDER, AccountKind.MERCHANT])
                        & models.Q(voucher__isnull=True, actor__isnull=True)
                    )
                ),
                name="ledgeraccount_owner_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["campaign", "kind"],
                condition=models.Q(voucher__isnull=True, actor__isnull=True),
                name="ledgeraccount_unique_campaign_account",
            ),
            models.UniqueConstraint(
                fields=["campaign", "actor"],
                condition=models.Q(actor__isnull=False),
                name="ledgeraccount_unique_merchant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def sign(self) -> int:
        """+1 when a debit raises the balance, -1 when a credit does."""
        return 1 if self.kind in DEBIT_NORMAL else -1


class TransactionKind(models.TextChoices):
    BUDGET = "budget", _("Budget")
    ISSUE = "issue", _("Émission")
    SPEND = "spend", _("Paiement")
    REFUND = "refund", _("Remboursement d'un paiement")
    REIMBURSE = "reimburse", _("Remboursement à l'acteur")
    EXPIRE = "expire", _("Expiration")
    REVERSAL = "reversal", _("Annulation")


class ImmutableError(Exception):
    """A ledger row may be written once and never changed or removed."""


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk updates and deletes are refused too, not only Model.save() and delete()."""

    def update(self, **kwargs):
        raise ImmutableError("Ledger rows cannot be changed.")

    def delete(self):
        raise ImmutableError("Ledger rows cannot be deleted.")


AppendOnlyManager = models.Manager.from_queryset(AppendOnlyQuerySet)


class LedgerTransaction(models.Model):
    """A balanced set of entries, written once by pmvt.vouchers.ledger.ledger_post()."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="transactions")
    kind = models.CharField(max_length=10, choices=TransactionKind.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    memo = models.CharField(max_length=300, blank=True)
    # The actor where a voucher was spent (spends, refunds, reimbursements), for statements.
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    order_reference = models.CharField(max_length=40, blank=True, db_index=True)
    reverses = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversals"
    )
    refund_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="refunds"
    )
    idempotency_key = models.CharField(max_length=120, blank=True, default="")

    objects = ScopedManager(AppendOnlyManager, territory="territory")

    class Meta:
        verbose_name = _("transaction")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=TransactionKind.values),
                name="ledgertransaction_kind_valid",
            ),
            models.UniqueConstraint(
                fields=["territory", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="ledgertransaction_unique_key",
            ),
            # A transaction is reversed at most once.
            models.UniqueConstraint(
                fields=["reverses"],
                condition=models.Q(reverses__isnull=False),
                name="ledgertransaction_reversed_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ImmutableError("A ledger transaction cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("A ledger transaction cannot be deleted.")


class LedgerEntry(models.Model):
    """One line of a transaction: positive = debit, negative = credit (module docstring)."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    transaction = models.ForeignKey(
        LedgerTransaction, on_delete=models.PROTECT, related_name="entries"
    )
    account = models.ForeignKey(LedgerAccount, on_delete=models.PROTECT, related_name="entries")
    # Copied from the account so that constraints and reports need no join.
    account_kind = models.CharField(max_length=12, choices=AccountKind.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    # The account's balance (on its normal side) once this entry is written, under its lock.
    balance_after = models.DecimalField(max_digits=12, decimal_places=2)

    objects = ScopedManager(AppendOnlyManager, territory="territory")

    class Meta:
        verbose_name = _("écriture")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(amount=0), name="ledgerentry_amount_not_zero"
            ),
            # The last line against overspending, overdrawn budgets and over-reimbursement.
            models.CheckConstraint(
                condition=models.Q(balance_after__gte=0),
                name="ledgerentry_balance_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["account", "-id"])]

    def __str__(self) -> str:
        return f"{self.account} {self.amount}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ImmutableError("A ledger entry cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("A ledger entry cannot be deleted.")

    @property
    def change(self) -> Decimal:
        """How much this entry raised (positive) or lowered the account's balance."""
        return self.amount if self.account_kind in DEBIT_NORMAL else -self.amount


class StatementStatus(models.TextChoices):
    OPEN = "open", _("À payer")
    PAID = "paid", _("Payé")


class Statement(models.Model):
    """The reimbursement due to an actor for one campaign and one month, once settled."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="statements")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="+")
    period = models.DateField(_("mois"))  # The first day of the month.
    status = models.CharField(
        max_length=10, choices=StatementStatus.choices, default=StatementStatus.OPEN
    )
    amount = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    transaction = models.OneToOneField(
        LedgerTransaction, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("relevé de remboursement")
        ordering = ["-period", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "actor", "period"], name="voucherstatement_unique_period"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=StatementStatus.values),
                name="voucherstatement_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.period:%Y-%m}"
