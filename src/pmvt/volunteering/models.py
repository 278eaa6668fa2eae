"""Volunteering missions of associations, public bodies and the collectivité.

A `Mission` is organised by a verified association or public body of the territory, or by the
collectivité itself (no organiser actor). It has dated `Session`s, each with its own number of
places; people sign up to one session (`Signup`), on a waiting list when it is full (the seat
engine of pmvt.core.seats). After a session the organiser marks attendance and records the
hours actually given, which `selectors.hours_total()` adds up per mission, organiser or period.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.actors.models import Actor
from pmvt.core.seats import ACTIVE_SEAT_STATUSES, Seat, SeatedSession, SeatStatus
from pmvt.territories.models import Commune, Territory


class MissionStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")
    CANCELLED = "cancelled", _("Annulée")


class Skill(models.TextChoices):
    WELCOME = "accueil", _("Accueil et orientation")
    LOGISTICS = "logistique", _("Logistique et manutention")
    COOKING = "cuisine", _("Cuisine et distribution alimentaire")
    DIY = "bricolage", _("Bricolage et réparation")
    GARDENING = "jardinage", _("Jardinage et environnement")
    DIGITAL = "numerique", _("Informatique et numérique")
    ANIMATION = "animation", _("Animation et encadrement")
    COMPANY = "accompagnement", _("Accompagnement de personnes")
    DRIVING = "conduite", _("Conduite (permis B)")
    ADMIN = "administratif", _("Secrétariat et gestion")
    LANGUAGES = "langues", _("Langues étrangères")


class Mission(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    # None: the collectivité itself organises the mission.
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
    skills = models.JSONField(_("compétences souhaitées"), default=list, blank=True)
    place_name = models.CharField(_("lieu"), max_length=200)
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    wheelchair_access = models.BooleanField(_("accessible en fauteuil roulant"), default=False)
    hearing_loop = models.BooleanField(_("boucle magnétique"), default=False)
    sign_language = models.BooleanField(_("interprétation en LSF"), default=False)
    seated_tasks = models.BooleanField(_("tâches possibles assis"), default=False)
    accessibility_notes = models.TextField(
        _("autres informations d'accessibilité"), blank=True, max_length=1000
    )
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=MissionStatus.choices, default=MissionStatus.DRAFT
    )
    # Folded, stemmed words of the title, summary, skills and commune (pmvt.catalog.text).
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("mission de bénévolat")
        verbose_name_plural = _("missions de bénévolat")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "slug"], name="mission_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(status__in=MissionStatus.values), name="mission_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["territory", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "volunteering:detail",
            kwargs={"territory_slug": self.territory.slug, "mission_slug": self.slug},
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
    def skill_labels(self) -> list[str]:
        labels = dict(Skill.choices)
        return [str(labels[code]) for code in self.skills if code in labels]

    @property
    def is_published(self) -> bool:
        return self.status == MissionStatus.PUBLISHED


class Session(SeatedSession):
    """One dated session of a mission, with its own number of places."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="sessions")

    objects = ScopedManager(territory="territory")

    class Meta(SeatedSession.Meta):
        verbose_name = _("date d'une mission")
        verbose_name_plural = _("dates des missions")
        constraints = [
            *SeatedSession.Meta.constraints,
            models.UniqueConstraint(fields=["mission", "starts_at"], name="vsession_unique_start"),
        ]
        indexes = [models.Index(fields=["territory", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.mission} – {self.starts_at:%Y-%m-%d %H:%M}"


class Signup(Seat):
    """A volunteer's sign-up to one session, and after it the attendance and hours given."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_signups"
    )
    # Filled in by the organiser after the session: None = not recorded yet.
    attended = models.BooleanField(_("présent"), null=True, blank=True)
    hours = models.DecimalField(
        _("heures données"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    hours_recorded_at = models.DateTimeField(_("heures saisies le"), null=True, blank=True)
    hours_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ScopedManager(territory="territory")

    class Meta(Seat.Meta):
        verbose_name = _("inscription à une mission")
        verbose_name_plural = _("inscriptions aux missions")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=models.Q(status__in=ACTIVE_SEAT_STATUSES),
                name="signup_one_active",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=SeatStatus.values), name="signup_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(hours__isnull=True) | models.Q(hours__gt=Decimal(0)),
                name="signup_hours_positive",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.session} ({self.get_status_display()})"
