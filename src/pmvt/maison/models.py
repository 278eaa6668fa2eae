"""Invitations between project needs and the people or assets able to meet them.

The matching engine (pmvt.maison.matching) suggests people and assets for a need, explained.
The project team invites (`Invitation` of direction TEAM_INVITES), or a person offers to help
(direction PERSON_OFFERS); the other side accepts or declines. An accepted invitation of a
person is a contribution: the hours actually given are recorded in `ContributionHours` (they
will feed the observatory). An accepted invitation of an asset books the asset for the need's
dates (pmvt.assets bookings).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.assets.models import Asset, Booking
from pmvt.projects.models import Need
from pmvt.territories.models import Territory


class Direction(models.TextChoices):
    TEAM_INVITES = "team_invites", _("Invitation de l'équipe")
    PERSON_OFFERS = "person_offers", _("Proposition d'aide")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("En attente de réponse")
    ACCEPTED = "accepted", _("Acceptée")
    DECLINED = "declined", _("Déclinée")
    WITHDRAWN = "withdrawn", _("Retirée")


ACTIVE_INVITATION_STATUSES = [InvitationStatus.PENDING, InvitationStatus.ACCEPTED]


class Invitation(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="invitations")
    direction = models.CharField(
        max_length=20, choices=Direction.choices, default=Direction.TEAM_INVITES
    )
    # Exactly one of person / asset.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="need_invitations",
    )
    asset = models.ForeignKey(
        Asset, on_delete=models.CASCADE, null=True, blank=True, related_name="need_invitations"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    # The explanation shown when the invitation was sent ("3 compétences sur 4, …").
    reasons = models.JSONField(default=list, blank=True)
    score = models.DecimalField(max_digits=6, decimal_places=3, null=True, blank=True)
    status = models.CharField(
        _("état"),
        max_length=20,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    answer = models.TextField(_("réponse"), max_length=2000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    booking = models.ForeignKey(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("invitation à contribuer")
        verbose_name_plural = _("invitations à contribuer")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(person__isnull=False) & models.Q(asset__isnull=True))
                | (models.Q(person__isnull=True) & models.Q(asset__isnull=False)),
                name="invitation_person_xor_asset",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=InvitationStatus.values),
                name="invitation_status_valid",
            ),
            models.UniqueConstraint(
                fields=["need", "person"],
                condition=models.Q(status__in=ACTIVE_INVITATION_STATUSES),
                name="invitation_one_active_per_person",
            ),
            models.UniqueConstraint(
                fields=["need", "asset"],
                condition=models.Q(status__in=ACTIVE_INVITATION_STATUSES),
                name="invitation_one_active_per_asset",
            ),
        ]
        indexes = [models.Index(fields=["territory", "status"])]

    def __str__(self) -> str:
        return f"{self.need} ← {self.person or self.asset}"


class ContributionHours(models.Model):
    """Hours actually given by a person on an accepted invitation."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="hours")
    given_on = models.DateField(_("date"))
    hours = models.DecimalField(_("heures données"), max_digits=5, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("heures de contribution")
        verbose_name_plural = _("heures de contribution")
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=Decimal(0)) & models.Q(hours__lte=Decimal(24)),
                name="contributionhours_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.invitation} {self.given_on} {self.hours} h"
