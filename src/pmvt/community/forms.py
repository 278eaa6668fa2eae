"""Forms of the community area: report, moderation decision, settings, themes."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from pmvt.community.models import CommunitySettings, ModerationDecision, ReportReason, Visibility
from pmvt.community.services.moderation import MAX_DETAILS, MAX_REASON, TRANSITIONS


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Pourquoi signalez-vous ce contenu ?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez le motif du signalement.")},
    )
    details = forms.CharField(
        label=_("Précisions"),
        required=False,
        max_length=MAX_DETAILS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Facultatif, sauf pour « Autre raison ». Les modérateurs les lisent ; "
            "l'auteur du contenu ne sait pas qui l'a signalé."
        ),
        error_messages={"max_length": _("Les précisions ne doivent pas dépasser 1000 caractères.")},
    )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if cleaned.get("reason") == ReportReason.OTHER and not cleaned.get("details", "").strip():
            self.add_error(
                "details",
                _("Précisez la raison du signalement quand vous choisissez « Autre raison »."),
            )
        return cleaned


def decisions_for(visibility: str, *, has_reports: bool) -> list[tuple[str, StrOrPromise]]:
    """The decisions a moderator may take on content in this state."""
    choices: list[tuple[str, StrOrPromise]] = []
    for value, label in ModerationDecision.choices:
        allowed, _target = TRANSITIONS[value]
        if visibility not in allowed:
            continue
        if value == ModerationDecision.DISMISS and not has_reports:
            continue
        choices.append((value, label))
    return choices


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=ModerationDecision.choices,
        error_messages={
            "required": _("Choisissez une décision."),
            "invalid_choice": _("Cette décision n'est pas possible pour ce contenu."),
        },
    )
    reason = forms.CharField(
        label=_("Motif, transmis à l'auteur"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Donnez le motif de la décision : il est transmis à l'auteur."),
            "max_length": _("Le motif ne doit pas dépasser 2000 caractères."),
        },
    )

    def __init__(
        self, *args, visibility: str = Visibility.PUBLISHED, has_reports: bool = False, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        decision = self.fields["decision"]
        assert isinstance(decision, forms.ChoiceField)
        decision.choices = [
            ("", _("Choisir…")),
            *decisions_for(visibility, has_reports=has_reports),
        ]


class CommunitySettingsForm(forms.ModelForm):
    class Meta:
        model = CommunitySettings
        fields = ["report_threshold", "moderate_before_publication"]
        error_messages = {
            "report_threshold": {
                "min_value": _("Le seuil doit être d'au moins 1 signalement."),
                "max_value": _("Le seuil ne peut pas dépasser 50 signalements."),
                "required": _("Indiquez le seuil de signalements."),
                "invalid": _("Indiquez un nombre entier."),
            },
        }


class ThemeForm(forms.Form):
    name = forms.CharField(
        label=_("Nom du thème"),
        max_length=80,
        error_messages={
            "required": _("Donnez un nom au thème."),
            "max_length": _("Le nom ne doit pas dépasser 80 caractères."),
        },
    )
