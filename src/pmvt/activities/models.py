"""Activities for seniors and youth: workshops, outings, sport, digital help, culture.

An `Activity` is organised by any verified actor of the territory, or by the collectivité
itself (no organiser actor). It has dated `Session`s, each with its own number of places;
people register to one session (`Registration`), on a waiting list when it is full (the seat
engine of pmvt.core.seats).

One registration is one seat. A member may register themselves, and may also register a
relative (seniors are often registered by their family): `participant_name` then holds the
relative's name, and each (member, participant) pair has at most one active seat per session.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.actors.models import Actor
from pmvt.core.seats import ACTIVE_SEAT_STATUSES, Seat, SeatedSession, SeatStatus
from pmvt.territories.models import Commune, Territory


class ActivityStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")
    CANCELLED = "cancelled", _("Annulée")


class ActivityKind(models.TextChoices):
    WORKSHOP = "atelier", _("Atelier")
    OUTING = "sortie", _("Sortie")
    SPORT = "sport", _("Sport")
    DIGITAL = "numerique", _("Aide numérique")
    CULTURE = "culture", _("Culture")
    OTHER = "autre", _("Autre")


class AgeGroup(models.TextChoices):
    CHILDREN = "enfants", _("Enfants")
    TEENS = "ados", _("Adolescents")
    YOUNG_ADULTS = "jeunes", _("Jeunes adultes")
    SENIORS = "seniors", _("Seniors")
    ALL = "tous", _("Tous publics")


class Activity(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    # None: the collectivité itself organises the activity.
    organiser = models.ForeignKey(
        Actor,
        verbose_name=_("organisateur"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120)
    summary = models.CharField(_("résumé"), max_length=300)
    description = models.TextField(_("description"), max_length=10000)
    kind = models.CharField(_("type d'activité"), max_length=20, choices=ActivityKind.choices)
    age_group = models.CharField(_("public"), max_length=20, choices=AgeGroup.choices)
    min_age = models.PositiveSmallIntegerField(_("âge minimum"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("âge maximum"), null=True, blank=True)
    price = models.DecimalField(_("prix"), max_digits=8, decimal_places=2, default=0)
    reduced_price_text = models.CharField(_("tarif réduit"), max_length=200, blank=True)
    place_name = models.CharField(_("lieu"), max_length=200)
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    wheelchair_access = models.BooleanField(_("accessible en fauteuil roulant"), default=False)
    hearing_loop = models.BooleanField(_("boucle magnétique"), default=False)
    sign_language = models.BooleanField(_("interprétation en LSF"), default=False)
    transport_help = models.BooleanField(_("transport possible sur demande"), default=False)
    accessibility_notes = models.TextField(
        _("autres informations d'accessibilité"), blank=True, max_length=1000
    )
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.DRAFT
    )
    # Folded, stemmed words of the title, summary, kind, public and commune (pmvt.catalog.text).
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("activité")
        verbose_name_plural = _("activités")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "slug"], name="activity_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(status__in=ActivityStatus.values), name="activity_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=ActivityKind.values), name="activity_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(age_group__in=AgeGroup.values), name="activity_age_group_valid"
            ),
            models.CheckConstraint(condition=models.Q(price__gte=0), name="activity_price_gte_0"),
            models.CheckConstraint(
                condition=models.Q(min_age__isnull=True)
                | models.Q(max_age__isnull=True)
                | models.Q(min_age__lte=models.F("max_age")),
                name="activity_ages_ordered",
            ),
        ]
        indexes = [models.Index(fields=["territory", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "activities:detail",
            kwargs={"territory_slug": self.territory.slug, "activity_slug": self.slug},
        )

    @property
    def organiser_display(self) -> str:
        if self.organiser_id is not None and self.organiser is not None:
            return self.organiser.display_name
        return self.territory.name

    @property
    def location(self) -> str:
        return ", ".join(p for p in [self.place_name, self.address, self.commune.name] if p)

    @property
    def is_free(self) -> bool:
        return self.price == 0

    @property
    def is_published(self) -> bool:
        return self.status == ActivityStatus.PUBLISHED


class Session(SeatedSession):
    """One dated session of an activity, with its own number of places."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sessions")

    objects = ScopedManager(territory="territory")

    class Meta(SeatedSession.Meta):
        verbose_name = _("séance d'une activité")
        verbose_name_plural = _("séances des activités")
        constraints = [
            *SeatedSession.Meta.constraints,
            models.UniqueConstraint(fields=["activity", "starts_at"], name="asession_unique_start"),
        ]
        indexes = [models.Index(fields=["territory", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.activity} – {self.starts_at:%Y-%m-%d %H:%M}"


class Registration(Seat):
    """One seat on a session, for the member or for a relative they name."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_registrations"
    )
    # "" when the member comes themselves; else the name of the relative they register.
    participant_name = models.CharField(_("nom du participant"), max_length=150, blank=True)
    contact_phone = models.CharField(_("téléphone de contact"), max_length=30, blank=True)

    objects = ScopedManager(territory="territory")

    class Meta(Seat.Meta):
        verbose_name = _("inscription à une activité")
        verbose_name_plural = _("inscriptions aux activités")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user", "participant_name"],
                condition=models.Q(status__in=ACTIVE_SEAT_STATUSES),
                name="activity_registration_one_active",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=SeatStatus.values),
                name="activity_registration_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.session} ({self.get_status_display()})"

    @property
    def participant(self) -> str:
        return self.participant_name or self.user.display_name or self.user.email
