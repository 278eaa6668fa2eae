"""Co-construction workshops ("Many to Many"): contributions, clustering, dot voting, outcome.

A facilitator opens a `Workshop` on a question, in person (a screen in the room), remote or
asynchronous over days. It moves through phases: participants post short `Contribution`s; the
facilitator groups them into `Theme`s (contributors may suggest one: `ThemeSuggestion`);
participants spread their N dots over the themes (`Dot`: one row per participant and theme,
with a count); the outcome is an `Action` list, and one click turns an action into a collective
project draft (pmvt.projects).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.projects.models import Project
from pmvt.territories.models import Commune, Territory


class WorkshopMode(models.TextChoices):
    IN_PERSON = "in_person", _("En présentiel, avec un écran")
    REMOTE = "remote", _("À distance, en direct")
    ASYNC = "async", _("À distance, sur plusieurs jours")


class Phase(models.TextChoices):
    DRAFT = "draft", _("En préparation")
    CONTRIBUTIONS = "contributions", _("Contributions")
    CLUSTERING = "clustering", _("Regroupement en thèmes")
    VOTING = "voting", _("Vote par gommettes")
    OUTCOME = "outcome", _("Plan d'action")
    CLOSED = "closed", _("Terminé")


PHASE_ORDER = [
    Phase.DRAFT,
    Phase.CONTRIBUTIONS,
    Phase.CLUSTERING,
    Phase.VOTING,
    Phase.OUTCOME,
    Phase.CLOSED,
]


class Workshop(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120)
    question = models.CharField(_("la question posée"), max_length=300)
    description = models.TextField(_("présentation"), max_length=5000, blank=True)
    mode = models.CharField(_("format"), max_length=20, choices=WorkshopMode.choices)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("animateur ou animatrice"),
        on_delete=models.PROTECT,
        related_name="facilitated_workshops",
    )
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"), null=True, blank=True)
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    dots_per_participant = models.PositiveSmallIntegerField(
        _("gommettes par participant"), default=5
    )
    max_contribution_length = models.PositiveSmallIntegerField(
        _("longueur maximale d'une contribution"), default=280
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.DRAFT)
    # The project the workshop works for, if any.
    project = models.ForeignKey(
        Project, on_delete=models.SET_NULL, null=True, blank=True, related_name="workshops"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("atelier de co-construction")
        verbose_name_plural = _("ateliers de co-construction")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "slug"], name="workshop_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(phase__in=Phase.values), name="workshop_phase_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(dots_per_participant__gte=1, dots_per_participant__lte=20),
                name="workshop_dots_range",
            ),
        ]
        indexes = [models.Index(fields=["territory", "phase", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "workshops:detail",
            kwargs={"territory_slug": self.territory.slug, "workshop_slug": self.slug},
        )


class Participant(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workshop_participations"
    )
    # Dots already placed, kept under the participant row's lock (never above the workshop's N).
    dots_used = models.PositiveSmallIntegerField(default=0)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "user"], name="participant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.workshop}"


class Theme(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="themes")
    title = models.CharField(_("thème"), max_length=150)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "title"], name="theme_unique_title")
        ]

    def __str__(self) -> str:
        return self.title


class Contribution(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="contributions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.CharField(_("contribution"), max_length=1000)
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="contributions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("À examiner")
    APPLIED = "applied", _("Retenue")
    DISMISSED = "dismissed", _("Écartée")


class ThemeSuggestion(models.Model):
    """A contributor's proposal to file a contribution under an existing or a new theme."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="suggestions"
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, null=True, blank=True)
    new_title = models.CharField(_("nouveau thème"), max_length=150, blank=True)
    status = models.CharField(
        max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(theme__isnull=False) & models.Q(new_title=""))
                | (models.Q(theme__isnull=True) & ~models.Q(new_title="")),
                name="themesuggestion_theme_xor_title",
            )
        ]

    def __str__(self) -> str:
        return f"{self.contribution} → {self.theme or self.new_title}"


class Dot(models.Model):
    """The dots one participant placed on one theme."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="dots")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="dots")
    count = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "theme"], name="dot_unique"),
            models.CheckConstraint(condition=models.Q(count__gte=1), name="dot_count_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} {self.theme} ×{self.count}"


class Action(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="actions")
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    title = models.CharField(_("action"), max_length=200)
    description = models.TextField(_("précisions"), max_length=3000, blank=True)
    owner_name = models.CharField(_("qui s'en charge"), max_length=150, blank=True)
    due_on = models.DateField(_("pour le"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    project = models.ForeignKey(
        Project, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title
