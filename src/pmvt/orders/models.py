"""Cart, fulfilment options and orders: one cart across sellers, one order per seller."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.actors.models import Actor, Market, Weekday
from pmvt.catalog.models import OfferVariant
from pmvt.territories.models import Commune, Territory

ZERO = Decimal("0.00")


# --- Fulfilment options -------------------------------------------------------------------


class PickupSlot(models.Model):
    """A click & collect time slot of a seller, with a capacity in orders."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="pickup_slots")
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    capacity = models.PositiveSmallIntegerField(_("nombre de commandes"), default=5)
    booked = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("créneau de retrait")
        verbose_name_plural = _("créneaux de retrait")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(booked__lte=models.F("capacity")), name="slot_not_overbooked"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_time_order"
            ),
        ]
        indexes = [models.Index(fields=["actor", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.actor} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def remaining(self) -> int:
        return self.capacity - self.booked


class DeliverySettings(models.Model):
    """Home delivery by the seller itself."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    actor = models.OneToOneField(Actor, on_delete=models.CASCADE, related_name="delivery_settings")
    enabled = models.BooleanField(_("livraison à domicile active"), default=False)
    communes = models.ManyToManyField(
        Commune, verbose_name=_("communes livrées"), blank=True, related_name="+"
    )
    fee = models.DecimalField(
        _("frais de livraison TTC"), max_digits=8, decimal_places=2, default=ZERO
    )
    free_threshold = models.DecimalField(
        _("livraison offerte à partir de"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    minimum_order = models.DecimalField(
        _("commande minimum"), max_digits=8, decimal_places=2, default=ZERO
    )
    weekdays = models.JSONField(_("jours de livraison"), default=list, blank=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("livraison du vendeur")
        verbose_name_plural = _("livraisons des vendeurs")
        constraints = [
            models.CheckConstraint(condition=models.Q(fee__gte=0), name="delivery_fee_positive"),
            models.CheckConstraint(
                condition=models.Q(minimum_order__gte=0), name="delivery_minimum_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor}"


class PickupPointKind(models.TextChoices):
    TOWN_HALL = "mairie", _("Mairie")
    MARKET_STALL = "market", _("Stand de marché")
    PARTNER_SHOP = "shop", _("Commerce partenaire")
    OTHER = "other", _("Autre lieu")


class PickupPoint(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="pickup_points")
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=10, choices=PickupPointKind.choices)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("adresse"), max_length=255)
    opening_info = models.CharField(_("horaires de retrait"), max_length=255, blank=True)
    host_actor = models.ForeignKey(
        Actor, on_delete=models.SET_NULL, null=True, blank=True, related_name="hosted_pickup_points"
    )
    market = models.ForeignKey(
        Market, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sellers = models.ManyToManyField(
        Actor, verbose_name=_("vendeurs desservis"), blank=True, related_name="pickup_points"
    )
    is_active = models.BooleanField(default=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("point de retrait")
        verbose_name_plural = _("points de retrait")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DeliveryRound(models.Model):
    """A collective delivery tour run by the territory or a logistics partner for several sellers."""

    territory = models.ForeignKey(
        Territory, on_delete=models.CASCADE, related_name="delivery_rounds"
    )
    name = models.CharField(_("nom"), max_length=200)
    operator_name = models.CharField(_("opérateur de la tournée"), max_length=200)
    weekday = models.PositiveSmallIntegerField(_("jour"), choices=Weekday.choices)
    departure_time = models.TimeField(_("heure de départ"))
    communes = models.ManyToManyField(
        Commune, verbose_name=_("communes desservies"), related_name="+"
    )
    # Annotated: django-stubs cannot infer this field's type on its own.
    sellers: "models.ManyToManyField[Actor, Any]" = models.ManyToManyField(
        Actor, verbose_name=_("vendeurs participants"), related_name="delivery_rounds"
    )
    fee = models.DecimalField(
        _("frais par commande TTC"), max_digits=8, decimal_places=2, default=ZERO
    )
    is_active = models.BooleanField(default=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("tournée de livraison")
        verbose_name_plural = _("tournées de livraison")
        ordering = ["weekday", "departure_time"]
        constraints = [
            models.CheckConstraint(condition=models.Q(fee__gte=0), name="round_fee_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class SellerPaymentSettings(models.Model):
    """How a seller gets paid besides cash on pickup: bank transfer details shown to buyers."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    actor = models.OneToOneField(Actor, on_delete=models.CASCADE, related_name="payment_settings")
    bank_transfer_enabled = models.BooleanField(_("accepter le virement bancaire"), default=False)
    account_holder = models.CharField(_("titulaire du compte"), max_length=200, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("paiement du vendeur")
        verbose_name_plural = _("paiements des vendeurs")
        constraints = [
            # Transfers need the account details the buyer pays to.
            models.CheckConstraint(
                condition=models.Q(bank_transfer_enabled=False)
                | (~models.Q(iban="") & ~models.Q(account_holder="")),
                name="payment_transfer_needs_iban",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor}"


# --- Cart -----------------------------------------------------------------------------------


class Cart(models.Model):
    """One cart per buyer (or anonymous session) and territory, across every seller."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="carts",
    )
    session_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("panier")
        verbose_name_plural = _("paniers")
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "user"],
                condition=models.Q(user__isnull=False),
                name="cart_unique_user",
            ),
        ]

    def __str__(self) -> str:
        return f"cart {self.pk}"


class CartLine(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(OfferVariant, on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField(_("quantité"))
    added_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(territory="cart__territory")

    class Meta:
        verbose_name = _("ligne de panier")
        verbose_name_plural = _("lignes de panier")
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cart", "variant"], name="cartline_unique_variant"),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="cartline_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.variant_id}"


# --- Orders ---------------------------------------------------------------------------------


class OrderStatus(models.TextChoices):
    PLACED = "placed", _("Passée")
    ACCEPTED = "accepted", _("Acceptée")
    READY = "ready", _("Prête")
    COLLECTED = "collected", _("Retirée")
    DELIVERED = "delivered", _("Livrée")
    CANCELLED = "cancelled", _("Annulée")


class FulfilmentMethod(models.TextChoices):
    CLICK_COLLECT = "click_collect", _("Retrait en boutique (click & collect)")
    HOME_DELIVERY = "delivery", _("Livraison à domicile")
    PICKUP_POINT = "pickup_point", _("Point de retrait")
    DELIVERY_ROUND = "round", _("Tournée de livraison collective")


class PaymentMethod(models.TextChoices):
    ON_PICKUP = "on_pickup", _("Paiement au retrait ou à la livraison")
    BANK_TRANSFER = "transfer", _("Virement bancaire")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("À régler")
    PAID = "paid", _("Réglée")


class Checkout(models.Model):
    """One validated cart: makes a double submission (same key) return the same orders."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="checkouts"
    )
    idempotency_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["buyer", "idempotency_key"], name="checkout_idempotent"
            ),
        ]

    def __str__(self) -> str:
        return f"checkout {self.pk}"


class Order(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="orders")
    number = models.CharField(_("numéro"), max_length=30, unique=True)
    checkout = models.ForeignKey(
        Checkout, on_delete=models.PROTECT, null=True, blank=True, related_name="orders"
    )
    seller = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="orders_received")
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
    )
    buyer_actor = models.ForeignKey(
        Actor,
        verbose_name=_("acheteur professionnel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders_placed",
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.PLACED
    )
    fulfilment = models.CharField(
        _("mode de réception"), max_length=20, choices=FulfilmentMethod.choices
    )
    pickup_slot = models.ForeignKey(
        PickupSlot, on_delete=models.PROTECT, null=True, blank=True, related_name="orders"
    )
    pickup_point = models.ForeignKey(
        PickupPoint, on_delete=models.PROTECT, null=True, blank=True, related_name="orders"
    )
    delivery_round = models.ForeignKey(
        DeliveryRound, on_delete=models.PROTECT, null=True, blank=True, related_name="orders"
    )
    delivery_date = models.DateField(_("date de livraison"), null=True, blank=True)
    delivery_address = models.CharField(_("adresse de livraison"), max_length=255, blank=True)
    delivery_commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    payment_method = models.CharField(
        _("moyen de paiement"), max_length=20, choices=PaymentMethod.choices
    )
    payment_status = models.CharField(
        _("paiement"), max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    # Snapshots of the customer, so the seller sees only what the order needs.
    customer_name = models.CharField(_("client"), max_length=150)
    customer_email = models.EmailField(_("courriel du client"), blank=True)
    customer_phone = models.CharField(_("téléphone du client"), max_length=30, blank=True)
    note = models.TextField(_("message au vendeur"), blank=True)
    is_assisted = models.BooleanField(_("commande assistée"), default=False)
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_professional = models.BooleanField(_("achat professionnel"), default=False)
    subtotal = models.DecimalField(_("sous-total TTC"), max_digits=12, decimal_places=2)
    delivery_fee = models.DecimalField(
        _("frais de livraison TTC"), max_digits=10, decimal_places=2, default=ZERO
    )
    total = models.DecimalField(_("total TTC"), max_digits=12, decimal_places=2)
    # Paid at checkout with territorial vouchers (pmvt.vouchers); the rest is paid as chosen.
    voucher_amount = models.DecimalField(
        _("payé en bons d'achat"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    cancel_reason = models.TextField(_("motif d'annulation"), blank=True)
    paid_at = models.DateTimeField(_("réglée le"), null=True, blank=True)
    placed_at = models.DateTimeField(_("passée le"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("commande")
        verbose_name_plural = _("commandes")
        ordering = ["-placed_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(total__gte=0), name="order_total_positive"),
            models.CheckConstraint(
                condition=models.Q(voucher_amount__gte=0, voucher_amount__lte=models.F("total")),
                name="order_voucher_amount_within_total",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=OrderStatus.values), name="order_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["seller", "status", "placed_at"]),
            models.Index(fields=["buyer", "placed_at"]),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse(
            "orders:buyer_order",
            kwargs={"territory_slug": self.territory.slug, "number": self.number},
        )

    @property
    def amount_due(self) -> Decimal:
        """What remains to pay the seller once the vouchers are deducted."""
        return self.total - self.voucher_amount


class OrderLine(models.Model):
    """A line with its price and VAT snapshotted at order time."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        OfferVariant, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    offer_name = models.CharField(max_length=200)
    variant_label = models.CharField(max_length=100, blank=True)
    unit = models.CharField(max_length=10)
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    vat_rate = models.DecimalField(max_digits=4, decimal_places=2)
    quantity = models.PositiveIntegerField()
    line_total = models.DecimalField(max_digits=12, decimal_places=2)
    # Whether the units were taken from the variant's stock, so a cancellation puts back
    # exactly what was taken even if stock tracking changed since.
    stock_taken = models.BooleanField(default=False)

    objects = ScopedManager(territory="order__territory")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="orderline_quantity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(unit_price__gte=0), name="orderline_price_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.offer_name}"


class OrderEvent(models.Model):
    """The history of an order: every transition, who made it, and why."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(territory="order__territory")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.from_status} → {self.to_status}"

    @property
    def to_status_label(self) -> str:
        if self.to_status in OrderStatus.values:
            return str(OrderStatus(self.to_status).label)
        return self.to_status


class OrderSequence(models.Model):
    """The order counter of a territory: its number prefix and the last number of the year.

    The row is locked while a number is drawn, so concurrent checkouts never share a number.
    """

    territory = models.OneToOneField(
        Territory, on_delete=models.CASCADE, related_name="order_sequence"
    )
    prefix = models.CharField(max_length=8, unique=True)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    objects = ScopedManager(territory="territory")

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}-{self.last_value:06d}"
