"""Local job offers and the applications to them.

An offer is posted by a verified actor, or by the collectivité itself (`actor` empty: the
territory's name shows as the employer). It is public while published and its closing date
has not passed: no cron job closes it, the selectors filter on the date.

An application carries a message and a PDF CV kept in the private storage (never under
MEDIA_ROOT): only the applicant and the people who handle the offer read it. Some time after
the offer closes (settings.PMVT_JOB_APPLICATION_RETENTION_DAYS) the CV and the personal data
are purged (`jobs_purge_applications`): the row stays, anonymised, for the counts.
"""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.actors.models import Actor
from pmvt.core.private_files import PrivateStorage
from pmvt.territories.models import Commune, Territory

MAX_CV_BYTES = 5 * 1024 * 1024


class Contract(models.TextChoices):
    CDI = "cdi", _("CDI")
    CDD = "cdd", _("CDD")
    APPRENTICESHIP = "alternance", _("Alternance ou apprentissage")
    SEASONAL = "saisonnier", _("Emploi saisonnier")
    INTERNSHIP = "stage", _("Stage")
    TZCLD = "tzcld", _("Entreprise à but d'emploi (TZCLD)")


class SalaryPeriod(models.TextChoices):
    HOUR = "hour", _("de l'heure")
    MONTH = "month", _("par mois")
    YEAR = "year", _("par an")


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")
    CLOSED = "closed", _("Close")


class ApplicationStatus(models.TextChoices):
    RECEIVED = "received", _("Reçue")
    SEEN = "seen", _("Vue par l'employeur")
    INTERVIEW = "interview", _("Entretien proposé")
    CLOSED = "closed", _("Close")
    WITHDRAWN = "withdrawn", _("Retirée")


class JobOffer(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    # Empty: an offer of the collectivité itself, posted by a territory admin.
    actor = models.ForeignKey(
        Actor,
        verbose_name=_("employeur"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="job_offers",
    )
    title = models.CharField(_("intitulé du poste"), max_length=200)
    contract = models.CharField(_("contrat"), max_length=20, choices=Contract.choices)
    hours_per_week = models.DecimalField(
        _("heures par semaine"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    schedule = models.CharField(_("horaires"), max_length=200, blank=True)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    skills = models.JSONField(_("compétences"), default=list, blank=True)
    salary_min = models.DecimalField(
        _("salaire minimum"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    salary_max = models.DecimalField(
        _("salaire maximum"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    salary_period = models.CharField(
        _("période du salaire"), max_length=10, choices=SalaryPeriod.choices, blank=True
    )
    starts_on = models.DateField(_("date de début"), null=True, blank=True)
    closes_on = models.DateField(_("date limite de candidature"))
    description = models.TextField(_("description"), max_length=20000)
    status = models.CharField(
        _("statut"), max_length=20, choices=OfferStatus.choices, default=OfferStatus.DRAFT
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    # Folded, stemmed words of the title, skills, employer and description, space-delimited
    # (" boulang vendeu ... "), so that one `contains` per word searches on every database.
    search_text = models.TextField(editable=False, default="")
    # The folded skills between bars ("|menuiserie|permis b|"): the skill filter's key.
    skill_keys = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("offre d'emploi")
        verbose_name_plural = _("offres d'emploi")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contract__in=Contract.values), name="joboffer_contract_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=OfferStatus.values), name="joboffer_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(salary_period__in=["", *SalaryPeriod.values]),
                name="joboffer_salary_period_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True)
                | models.Q(salary_max__isnull=True)
                | models.Q(salary_min__lte=models.F("salary_max")),
                name="joboffer_salary_order",
            ),
        ]
        indexes = [models.Index(fields=["territory", "status", "closes_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "jobs:detail", kwargs={"territory_slug": self.territory.slug, "offer_id": self.pk}
        )

    def get_manage_url(self) -> str:
        """The offer's page in its employer's back office."""
        if self.actor is None:
            return reverse(
                "jobs:admin_offer",
                kwargs={"territory_slug": self.territory.slug, "offer_id": self.pk},
            )
        return reverse(
            "jobs:pro_offer",
            kwargs={
                "territory_slug": self.territory.slug,
                "actor_slug": self.actor.slug,
                "offer_id": self.pk,
            },
        )

    @property
    def employer_name(self) -> str:
        if self.actor is None:
            return self.territory.public_name
        return self.actor.display_name

    def is_open_on(self, day: date) -> bool:
        return self.status == OfferStatus.PUBLISHED and self.closes_on >= day

    @property
    def is_open(self) -> bool:
        """Published and its closing date not passed: people may apply."""
        return self.is_open_on(timezone.localdate())

    @property
    def is_public(self) -> bool:
        """Everyone may read its page (open, or closed: the page then says so)."""
        return self.status != OfferStatus.DRAFT

    @property
    def has_salary(self) -> bool:
        return self.salary_min is not None or self.salary_max is not None

    @property
    def salary_bounds(self) -> tuple[Decimal | None, Decimal | None]:
        return self.salary_min, self.salary_max


def cv_path(instance: Any, filename: str) -> str:
    """A random name: the applicant's name never appears in the file system."""
    return f"jobs/cv/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


private_storage = PrivateStorage()


class JobApplication(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(JobOffer, on_delete=models.CASCADE, related_name="applications")
    # Empty once purged (retention period over) or when the account was deleted.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="job_applications",
    )
    message = models.TextField(_("message"), max_length=5000, blank=True)
    cv = models.FileField(_("CV"), storage=private_storage, upload_to=cv_path, blank=True)
    cv_name = models.CharField(_("nom du fichier"), max_length=200, blank=True)
    cv_size = models.PositiveIntegerField(_("taille du fichier"), default=0)
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.RECEIVED,
    )
    status_message = models.TextField(_("message de l'employeur"), max_length=2000, blank=True)
    seen_at = models.DateTimeField(_("vue le"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("statut changé le"), default=timezone.now)
    purged_at = models.DateTimeField(_("données effacées le"), null=True, blank=True)
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One application per person and offer; the last line of defence of the service.
            models.UniqueConstraint(
                fields=["offer", "applicant"],
                condition=models.Q(applicant__isnull=False),
                name="jobapplication_one_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ApplicationStatus.values),
                name="jobapplication_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["territory", "applicant"])]

    def __str__(self) -> str:
        return f"{self.offer} – {self.applicant or '?'}"

    def get_absolute_url(self) -> str:
        """The applicant's view: the list of their applications."""
        return (
            reverse("jobs:my_applications", kwargs={"territory_slug": self.territory.slug})
            + f"#candidature-{self.pk}"
        )

    def get_manage_url(self) -> str:
        if self.offer.actor is None:
            return reverse(
                "jobs:admin_application",
                kwargs={"territory_slug": self.territory.slug, "application_id": self.pk},
            )
        return reverse(
            "jobs:pro_application",
            kwargs={
                "territory_slug": self.territory.slug,
                "actor_slug": self.offer.actor.slug,
                "application_id": self.pk,
            },
        )

    def get_cv_url(self) -> str:
        return reverse(
            "jobs:application_cv",
            kwargs={"territory_slug": self.territory.slug, "application_id": self.pk},
        )

    @property
    def is_active(self) -> bool:
        """Still in progress: the employer may move it on, the applicant may withdraw it."""
        return self.status in ACTIVE_STATUSES

    @property
    def is_purged(self) -> bool:
        return self.purged_at is not None


ACTIVE_STATUSES = {ApplicationStatus.RECEIVED, ApplicationStatus.SEEN, ApplicationStatus.INTERVIEW}
