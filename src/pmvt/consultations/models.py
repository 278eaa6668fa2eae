"""Consultations: a survey the territory puts to its members, their answers and the results.

A consultation has ordered questions of five kinds; a member answers once (`Response`) and may
change the answer until closing. In an anonymous consultation the response keeps no link to
the member: only a keyed hash (`voter_key`) that refuses a second response.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.community.models import Theme
from pmvt.territories.models import Territory

TEXT_MAX_LENGTH = 5000
SCALE_MIN = 1
SCALE_MAX = 5


class Eligibility(models.TextChoices):
    RESIDENTS = "residents", _("Les membres qui résident dans une commune du territoire")
    MEMBERS = "members", _("Tous les membres du territoire")


class ConsultationStatus(models.TextChoices):
    UPCOMING = "upcoming", _("À venir")
    OPEN = "open", _("En cours")
    CLOSED = "closed", _("Terminée")


class Consultation(models.Model):
    """A survey of the territory, open to answers between `opens_at` and `closes_at`."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120)
    description = models.TextField(_("présentation"), blank=True, max_length=5000)
    themes = models.ManyToManyField(Theme, verbose_name=_("thèmes"), blank=True, related_name="+")
    opens_at = models.DateTimeField(_("ouverture"))
    closes_at = models.DateTimeField(_("clôture"))
    eligibility = models.CharField(
        _("qui peut répondre"),
        max_length=20,
        choices=Eligibility.choices,
        default=Eligibility.MEMBERS,
    )
    anonymous = models.BooleanField(_("réponses anonymes"), default=False)
    free_text_published = models.BooleanField(_("réponses libres publiées"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "slug"], name="consultation_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="consultation_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(eligibility__in=Eligibility.values),
                name="consultation_eligibility_valid",
            ),
        ]
        indexes = [models.Index(fields=["territory", "opens_at", "closes_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "consultations:detail",
            kwargs={"territory_slug": self.territory.slug, "consultation_slug": self.slug},
        )

    def get_results_url(self) -> str:
        return reverse(
            "consultations:results",
            kwargs={"territory_slug": self.territory.slug, "consultation_slug": self.slug},
        )

    def get_admin_url(self) -> str:
        return reverse(
            "consultations:admin_edit",
            kwargs={"territory_slug": self.territory.slug, "consultation_slug": self.slug},
        )

    def status_at(self, moment) -> str:
        if moment < self.opens_at:
            return ConsultationStatus.UPCOMING
        if moment < self.closes_at:
            return ConsultationStatus.OPEN
        return ConsultationStatus.CLOSED

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    @property
    def status_label(self) -> str:
        return str(ConsultationStatus(self.status).label)

    @property
    def is_open(self) -> bool:
        return self.status == ConsultationStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == ConsultationStatus.CLOSED


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Choix unique")
    MULTIPLE = "multiple", _("Choix multiples")
    RANKING = "ranking", _("Classement")
    SCALE = "scale", _("Échelle de 1 à 5")
    TEXT = "text", _("Réponse libre")


# Kinds whose answers are picked among the question's choices.
KINDS_WITH_CHOICES = {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING}


class Question(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    kind = models.CharField(_("type de question"), max_length=20, choices=QuestionKind.choices)
    label = models.CharField(_("question"), max_length=300)
    help = models.CharField(_("aide"), max_length=500, blank=True)
    required = models.BooleanField(_("réponse obligatoire"), default=True)
    min_choices = models.PositiveSmallIntegerField(_("choix minimum"), null=True, blank=True)
    max_choices = models.PositiveSmallIntegerField(_("choix maximum"), null=True, blank=True)
    scale_low_label = models.CharField(_("sens de la note 1"), max_length=60, blank=True)
    scale_high_label = models.CharField(_("sens de la note 5"), max_length=60, blank=True)

    objects = ScopedManager(territory="consultation__territory")

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=QuestionKind.values), name="question_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(min_choices__isnull=True)
                | models.Q(max_choices__isnull=True)
                | models.Q(min_choices__lte=models.F("max_choices")),
                name="question_min_not_above_max",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def has_choices(self) -> bool:
        return self.kind in KINDS_WITH_CHOICES

    def scale_labels(self) -> list[tuple[int, str]]:
        """[(1, "1 – Pas du tout"), (2, "2"), …, (5, "5 – Tout à fait")]."""
        low = self.scale_low_label or _("Pas du tout")
        high = self.scale_high_label or _("Tout à fait")
        labels = []
        for value in range(SCALE_MIN, SCALE_MAX + 1):
            if value == SCALE_MIN:
                labels.append((value, f"{value} – {low}"))
            elif value == SCALE_MAX:
                labels.append((value, f"{value} – {high}"))
            else:
                labels.append((value, str(value)))
        return labels


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    label = models.CharField(_("choix"), max_length=200)

    objects = ScopedManager(territory="question__consultation__territory")

    class Meta:
        verbose_name = _("choix")
        verbose_name_plural = _("choix")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label


class Response(models.Model):
    """One member's answer to a consultation, replaced as a whole when they change it.

    `voter_key` is an HMAC of the member and the consultation under the site's secret key: the
    unique constraint refuses a second response even when `user` is empty (anonymous).
    """

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="responses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    voter_key = models.CharField(max_length=64)
    # An anonymous response keeps the day only, so that it cannot be matched with access logs.
    submitted_at = models.DateTimeField(_("envoyée le"))

    objects = ScopedManager(territory="consultation__territory")

    class Meta:
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "voter_key"], name="response_once_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}#{self.pk}"


class Answer(models.Model):
    """The answer to one question: the field used depends on the question's kind."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    choices = models.ManyToManyField(Choice, blank=True, related_name="+")
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=TEXT_MAX_LENGTH)

    objects = ScopedManager(territory="response__consultation__territory")

    class Meta:
        verbose_name = _("réponse à une question")
        verbose_name_plural = _("réponses aux questions")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_once"),
            models.CheckConstraint(
                condition=models.Q(scale__isnull=True)
                | models.Q(scale__gte=SCALE_MIN, scale__lte=SCALE_MAX),
                name="answer_scale_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"


class Rank(models.Model):
    """The rank (1 = first) a member gives one choice of a ranking question."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="ranks")
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()

    objects = ScopedManager(territory="answer__response__consultation__territory")

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "choice"], name="rank_choice_once"),
            models.UniqueConstraint(fields=["answer", "rank"], name="rank_used_once"),
            models.CheckConstraint(condition=models.Q(rank__gte=1), name="rank_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.choice_id}"
