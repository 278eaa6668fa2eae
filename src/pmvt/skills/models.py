"""Dormant skills and time that inhabitants (or an actor's staff) declare for collective projects.

The vocabulary (`SkillTerm`) is a national seed list (territory None, loaded by a data migration)
that each territory may extend with its own terms. A person's `SkillProfile` lists their skills
with a level, free keywords, how much time they can give, where, in what spirit, and who may see
the profile. Contact details are never shown: a `ContactRequest` goes through the platform and
the person accepts (their e-mail is then shared with the sender) or declines.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.territories.models import Commune, Territory


class SkillTerm(models.Model):
    """One term of the controlled vocabulary: national (territory None) or the territory's own."""

    territory = models.ForeignKey(
        Territory, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    label = models.CharField(_("compétence"), max_length=120)
    slug = models.SlugField(_("identifiant"), max_length=120)
    category = models.CharField(_("domaine"), max_length=120, blank=True)
    # Folded, stemmed words of the label and category (pmvt.catalog.text.search_text).
    search_text = models.TextField(editable=False, blank=True)
    is_active = models.BooleanField(_("proposée"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Not a ScopedManager: national terms (territory None) are shared by every territory;
    # read them through skills.selectors.skill_terms(territory=…).
    objects = models.Manager()

    class Meta:
        verbose_name = _("compétence du vocabulaire")
        verbose_name_plural = _("vocabulaire des compétences")
        ordering = ["category", "label", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "slug"], name="skillterm_unique_slug_in_territory"
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(territory__isnull=True),
                name="skillterm_unique_national_slug",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class SkillLevel(models.IntegerChoices):
    BEGINNER = 1, _("Débutant")
    INTERMEDIATE = 2, _("Intermédiaire")
    CONFIRMED = 3, _("Confirmé")
    EXPERT = 4, _("Expert")


class Spirit(models.TextChoices):
    VOLUNTEER = "volunteer", _("Bénévolat")
    EXCHANGE = "exchange", _("Échange de services")
    PAID = "paid", _("Rémunéré")


class Period(models.TextChoices):
    MORNING = "morning", _("Matins")
    AFTERNOON = "afternoon", _("Après-midi")
    EVENING = "evening", _("Soirées")
    WEEKEND = "weekend", _("Week-ends")
    HOLIDAYS = "holidays", _("Vacances scolaires")


# ISO weekday → label, for SkillProfile.days.
WEEKDAY_LABELS = {
    1: _("Lundi"),
    2: _("Mardi"),
    3: _("Mercredi"),
    4: _("Jeudi"),
    5: _("Vendredi"),
    6: _("Samedi"),
    7: _("Dimanche"),
}


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Publique : visible de tous")
    MEMBERS = "members", _("Membres : visible des personnes connectées du territoire")
    PRIVATE = "private", _("Privée : utilisée seulement pour me proposer des projets")


class SkillProfile(models.Model):
    """What one person can offer on one territory."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skill_profiles"
    )
    # Shown instead of the account's name when set (e.g. a first name only).
    public_name = models.CharField(_("nom affiché"), max_length=120, blank=True)
    presentation = models.TextField(_("présentation"), max_length=2000, blank=True)
    keywords = models.CharField(
        _("mots-clés libres"),
        max_length=500,
        blank=True,
        help_text=_("Séparés par des virgules, par exemple : couture, vélo, tricot."),
    )
    hours_per_month = models.PositiveSmallIntegerField(_("heures disponibles par mois"), default=0)
    # ISO weekdays 1 (Monday) … 7 (Sunday).
    days = models.JSONField(_("jours disponibles"), default=list, blank=True)
    periods = models.JSONField(_("moments disponibles"), default=list, blank=True)
    available_until = models.DateField(_("disponible jusqu'au"), null=True, blank=True)
    communes = models.ManyToManyField(
        Commune, verbose_name=_("communes où je peux me rendre"), blank=True, related_name="+"
    )
    remote = models.BooleanField(_("je peux aider à distance"), default=False)
    spirits = models.JSONField(_("dans quel esprit"), default=list, blank=True)
    visibility = models.CharField(
        _("visibilité"), max_length=20, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    is_active = models.BooleanField(_("profil actif"), default=True)
    # Folded, stemmed words of the skills, keywords and presentation, for matching and search.
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("profil de compétences")
        verbose_name_plural = _("profils de compétences")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "user"], name="skillprofile_one_per_user"),
            models.CheckConstraint(
                condition=models.Q(visibility__in=Visibility.values),
                name="skillprofile_visibility_valid",
            ),
        ]
        indexes = [models.Index(fields=["territory", "is_active", "visibility"])]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse(
            "skills:detail",
            kwargs={"territory_slug": self.territory.slug, "profile_id": self.pk},
        )

    @property
    def display_name(self) -> str:
        # Never fall back to the e-mail address (str(user) does): contact details stay hidden.
        return self.public_name or self.user.display_name or str(_("Membre du territoire"))

    @property
    def day_labels(self) -> list[str]:
        return [str(WEEKDAY_LABELS[d]) for d in sorted(self.days) if d in WEEKDAY_LABELS]

    @property
    def period_labels(self) -> list[str]:
        labels = dict(Period.choices)
        return [str(labels[p]) for p in Period.values if p in self.periods]

    @property
    def spirit_labels(self) -> list[str]:
        labels = dict(Spirit.choices)
        return [str(labels[s]) for s in Spirit.values if s in self.spirits]


class ProfileSkill(models.Model):
    profile = models.ForeignKey(SkillProfile, on_delete=models.CASCADE, related_name="skills")
    term = models.ForeignKey(SkillTerm, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(
        _("niveau"), choices=SkillLevel.choices, default=SkillLevel.INTERMEDIATE
    )

    class Meta:
        verbose_name = _("compétence déclarée")
        verbose_name_plural = _("compétences déclarées")
        ordering = ["term__label", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "term"], name="profileskill_unique"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="profileskill_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.get_level_display()})"


class ContactStatus(models.TextChoices):
    PENDING = "pending", _("En attente de réponse")
    ACCEPTED = "accepted", _("Acceptée")
    DECLINED = "declined", _("Déclinée")


class ContactRequest(models.Model):
    """A message to a person through the platform; their e-mail is shared only if they accept."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(
        SkillProfile, on_delete=models.CASCADE, related_name="contact_requests"
    )
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("message"), max_length=2000)
    status = models.CharField(
        _("état"), max_length=20, choices=ContactStatus.choices, default=ContactStatus.PENDING
    )
    answer = models.TextField(_("réponse"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("demande de contact")
        verbose_name_plural = _("demandes de contact")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "sender"],
                condition=models.Q(status="pending"),
                name="contactrequest_one_pending",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ContactStatus.values),
                name="contactrequest_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender} → {self.profile}"
