"""In-app notifications, each user's choice of mode per kind, and the daily digests sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.notifications.kinds import NotificationMode
from pmvt.territories.models import Territory


class Notification(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("type"), max_length=50)
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("lien"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Waiting for the user's next daily digest (mode "digest"); cleared once digested.
    digest_pending = models.BooleanField(default=False)
    digested_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at", "created_at"]),
            models.Index(
                fields=["user"], condition=Q(digest_pending=True), name="notification_digest_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """A user's choice for one kind, on every territory; no row means the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("type"), max_length=50)
    mode = models.CharField(_("mode"), max_length=10, choices=NotificationMode.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("préférence de notification")
        verbose_name_plural = _("préférences de notification")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_unique"),
            models.CheckConstraint(
                condition=Q(mode__in=NotificationMode.values), name="notification_pref_mode"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.mode}"


class DigestDelivery(models.Model):
    """One daily digest sent to a user: the unique (user, day) makes sending idempotent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_digests"
    )
    day = models.DateField(_("jour"))
    sent_at = models.DateTimeField(auto_now_add=True)
    item_count = models.PositiveIntegerField(_("notifications"), default=0)

    class Meta:
        verbose_name = _("résumé quotidien envoyé")
        verbose_name_plural = _("résumés quotidiens envoyés")
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="notification_digest_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}"
