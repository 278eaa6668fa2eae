"""The territory's agenda: events, their dated occurrences, and registrations to them.

An `Event` is moderated content of the Valeurs territoriales door: organisations publish
directly, inhabitants' events may wait for moderation. A one-off event has one `Occurrence`;
a recurring one (weekly, or monthly on the same weekday, until a date) has one occurrence per
date, materialised over a rolling horizon so that date queries stay plain indexed queries.
The recurrence is also kept as RFC 5545 RRULE text, which the iCalendar export writes as is.

When registration is on, people register to one occurrence (`Registration`); the seats are
counted under a lock on the occurrence, and a cancelled seat goes to the first person waiting.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.actors.models import Actor
from pmvt.community.models import ModeratedContent, Theme
from pmvt.territories.models import Territory


class Recurrence(models.TextChoices):
    NONE = "none", _("Une seule fois")
    WEEKLY = "weekly", _("Chaque semaine, le même jour")
    MONTHLY = "monthly", _("Chaque mois, le même jour de la semaine (par exemple le 2e samedi)")


class Event(ModeratedContent):
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120)
    description = models.TextField(_("description"), max_length=10000)
    themes = models.ManyToManyField(Theme, verbose_name=_("thèmes"), blank=True, related_name="+")
    organiser = models.ForeignKey(
        Actor,
        verbose_name=_("organisateur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organiser_name = models.CharField(_("nom de l'organisateur"), max_length=200, blank=True)
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone de contact"), max_length=30, blank=True)
    # Where: a place name and address in one of the territory's communes, a point for the map.
    place_name = models.CharField(_("lieu"), max_length=200)
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    # Accessibility.
    wheelchair_access = models.BooleanField(_("accessible en fauteuil roulant"), default=False)
    hearing_loop = models.BooleanField(_("boucle magnétique"), default=False)
    sign_language = models.BooleanField(_("interprétation en LSF"), default=False)
    accessibility_notes = models.TextField(
        _("autres informations d'accessibilité"), blank=True, max_length=1000
    )
    # Price: free, or a price and/or a text ("5 €, gratuit pour les moins de 12 ans").
    is_free = models.BooleanField(_("gratuit"), default=True)
    price = models.DecimalField(_("prix"), max_digits=8, decimal_places=2, null=True, blank=True)
    price_text = models.CharField(_("tarifs"), max_length=200, blank=True)
    image = models.ImageField(_("image"), upload_to="agenda/images/", blank=True)
    image_alt = models.CharField(_("texte alternatif de l'image"), max_length=250, blank=True)
    # When: the first occurrence, and the recurrence.
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    recurrence = models.CharField(
        _("répétition"), max_length=20, choices=Recurrence.choices, default=Recurrence.NONE
    )
    recurrence_until = models.DateField(_("jusqu'au"), null=True, blank=True)
    rrule = models.CharField(_("règle de répétition (RFC 5545)"), max_length=200, blank=True)
    # Registration.
    registration_enabled = models.BooleanField(_("inscription"), default=False)
    capacity = models.PositiveIntegerField(_("nombre de places"), null=True, blank=True)
    waiting_list = models.BooleanField(_("liste d'attente"), default=False)
    # iCalendar SEQUENCE: raised on every change, so calendars replace their copy.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "slug"], name="event_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(recurrence__in=Recurrence.values), name="event_recurrence"
            ),
            models.CheckConstraint(
                condition=models.Q(registration_enabled=False)
                | models.Q(capacity__isnull=False, capacity__gte=1),
                name="event_capacity_when_registration",
            ),
            models.CheckConstraint(
                condition=models.Q(price__isnull=True) | models.Q(price__gte=0),
                name="event_price_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["territory", "visibility", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.url_for("agenda:detail")

    def url_for(self, name: str) -> str:
        return reverse(
            name, kwargs={"territory_slug": self.territory.slug, "event_slug": self.slug}
        )

    @property
    def is_recurring(self) -> bool:
        return self.recurrence != Recurrence.NONE

    @property
    def uid(self) -> str:
        """The iCalendar UID: stable for the life of the event, unique across the platform."""
        return f"evenement-{self.pk}@{self.territory.slug}.pmvt"

    @property
    def location(self) -> str:
        """Place, address, commune: "Salle des fêtes, avenue Victor-Hugo, Apt"."""
        commune = self.commune.name if self.commune else ""
        return ", ".join(part for part in [self.place_name, self.address, commune] if part)

    def point(self) -> tuple[float, float] | None:
        """The event's own point for the map, else its commune's centre, else None."""
        if self.latitude is not None and self.longitude is not None:
            return float(self.latitude), float(self.longitude)
        commune = self.commune
        if commune and commune.latitude is not None and commune.longitude is not None:
            return float(commune.latitude), float(commune.longitude)
        return None

    @property
    def organiser_display(self) -> str:
        if self.organiser_id is not None and self.organiser is not None:
            return self.organiser.display_name
        return self.organiser_name


class Occurrence(models.Model):
    """One dated session of an event; registrations are to an occurrence."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="occurrences")
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    is_cancelled = models.BooleanField(_("annulée"), default=False)
    # Kept by the registration services under a lock on this row.
    confirmed_count = models.PositiveIntegerField(_("inscriptions confirmées"), default=0)
    waiting_count = models.PositiveIntegerField(_("en liste d'attente"), default=0)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("date d'un événement")
        verbose_name_plural = _("dates des événements")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "starts_at"], name="occurrence_unique_start"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="occurrence_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["territory", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.event} – {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def seats_left(self) -> int | None:
        """Free seats (None when the event takes no registration)."""
        if not self.event.registration_enabled or self.event.capacity is None:
            return None
        return max(self.event.capacity - self.confirmed_count, 0)

    @property
    def is_full(self) -> bool:
        return self.seats_left == 0


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Inscription confirmée")
    WAITING = "waiting", _("En liste d'attente")
    CANCELLED = "cancelled", _("Annulée")


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)


class Registration(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(_("état"), max_length=20, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("inscription à un événement")
        verbose_name_plural = _("inscriptions aux événements")
        ordering = ["created_at", "pk"]
        constraints = [
            # One active (confirmed or waiting) registration per person and occurrence.
            models.UniqueConstraint(
                fields=["occurrence", "user"],
                condition=models.Q(status__in=ACTIVE_STATUSES),
                name="registration_one_active",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=RegistrationStatus.values),
                name="registration_status",
            ),
        ]
        indexes = [models.Index(fields=["occurrence", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.occurrence} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
