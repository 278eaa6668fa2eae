"""Dormant material assets — premises, rooms, equipment, tools, vehicles, land — and bookings.

An `Asset` is offered by an inhabitant, an actor (through its staff) or the collectivité. Its
availability calendar is the asset's published period minus the periods its owner blocks
(`AssetUnavailability`) minus accepted `Booking`s. A booking is requested for a period and
accepted (or declined) by the owner; two accepted bookings of one asset never overlap: the
asset row is locked while checking, and PostgreSQL also refuses it with an exclusion constraint.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.actors.models import Actor
from pmvt.territories.models import Commune, Territory


class AssetKind(models.TextChoices):
    PREMISES = "premises", _("Local")
    ROOM = "room", _("Salle")
    EQUIPMENT = "equipment", _("Matériel")
    TOOL = "tool", _("Outil")
    VEHICLE = "vehicle", _("Véhicule")
    LAND = "land", _("Terrain")


class AssetCondition(models.TextChoices):
    FREE = "free", _("Gratuit")
    EXCHANGE = "exchange", _("En échange d'un service")
    PRICE = "price", _("Avec participation aux frais")


class AssetStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Proposé")
    WITHDRAWN = "withdrawn", _("Retiré")


class Asset(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposé par"),
        on_delete=models.CASCADE,
        related_name="dormant_assets",
    )
    # Set when offered in the name of an actor (its staff manage it) …
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # … or of the collectivité (its agents manage it).
    by_collectivite = models.BooleanField(_("proposé par la collectivité"), default=False)
    kind = models.CharField(_("type de bien"), max_length=20, choices=AssetKind.choices)
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120)
    description = models.TextField(_("description"), max_length=5000)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(
        _("lieu"),
        max_length=255,
        blank=True,
        help_text=_("Quartier ou lieu-dit, sans adresse exacte."),
    )
    capacity = models.PositiveIntegerField(_("capacité (personnes)"), null=True, blank=True)
    condition = models.CharField(
        _("conditions"), max_length=20, choices=AssetCondition.choices, default=AssetCondition.FREE
    )
    price = models.DecimalField(
        _("participation (€ TTC)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    price_unit = models.CharField(
        _("par"), max_length=40, blank=True, help_text=_("Par exemple : jour, demi-journée.")
    )
    conditions_text = models.TextField(
        _("précisions sur les conditions"), max_length=2000, blank=True
    )
    available_from = models.DateField(_("disponible à partir du"), null=True, blank=True)
    available_until = models.DateField(_("disponible jusqu'au"), null=True, blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=AssetStatus.choices, default=AssetStatus.DRAFT
    )
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("bien à partager")
        verbose_name_plural = _("biens à partager")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "slug"], name="asset_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(kind__in=AssetKind.values), name="asset_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=AssetStatus.values), name="asset_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(price__isnull=True) | models.Q(price__gte=Decimal(0)),
                name="asset_price_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["territory", "status", "kind"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "assets:detail",
            kwargs={"territory_slug": self.territory.slug, "asset_slug": self.slug},
        )

    @property
    def owner_display(self) -> str:
        """Who offers the asset, as shown to everyone: never an email or a phone number."""
        if self.by_collectivite:
            return self.territory.public_name
        if self.actor_id is not None and self.actor is not None:
            return self.actor.display_name
        return self.owner.display_name or str(_("Un habitant ou une habitante du territoire"))

    @property
    def is_published(self) -> bool:
        return self.status == AssetStatus.PUBLISHED


class AssetPhoto(models.Model):
    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="assets/")
    alt_text = models.CharField(_("description de la photo"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt_text


class AssetUnavailability(models.Model):
    """A period the owner keeps the asset for themselves (both days included)."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="unavailabilities")
    starts_on = models.DateField(_("du"))
    ends_on = models.DateField(_("au"))
    reason = models.CharField(_("motif"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="assetunavailability_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.asset} {self.starts_on}–{self.ends_on}"


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Demandée")
    ACCEPTED = "accepted", _("Acceptée")
    DECLINED = "declined", _("Refusée")
    CANCELLED = "cancelled", _("Annulée")


class Booking(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="bookings")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="asset_bookings"
    )
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    message = models.TextField(_("message au propriétaire"), max_length=2000, blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.REQUESTED
    )
    answer = models.TextField(_("réponse"), max_length=2000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.TextField(_("motif de l'annulation"), max_length=2000, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("réservation d'un bien")
        verbose_name_plural = _("réservations de biens")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="booking_ordered"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=BookingStatus.values), name="booking_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["asset", "status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.asset} {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        """Requested or accepted: it still holds (or asks for) the period."""
        return self.status in (BookingStatus.REQUESTED, BookingStatus.ACCEPTED)
