"""The preferences form (one radio set per kind) and the unsubscribe choice."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pmvt.notifications.kinds import NotificationMode
from pmvt.notifications.selectors import PreferenceRow


class PreferencesForm(forms.Form):
    """One choice of mode per switchable kind, named after the kind; a kind left out keeps
    its mode (every radio set has a checked value, so a browser always sends it)."""

    def __init__(self, *args: Any, rows: list[PreferenceRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in rows:
            self.fields[row.kind.key] = forms.ChoiceField(
                label=row.kind.label,
                help_text=row.kind.description,
                choices=NotificationMode.choices,
                initial=row.mode,
                widget=forms.RadioSelect,
                required=False,
                error_messages={
                    "invalid_choice": _("Choisissez un des modes proposés pour « %(kind)s ».")
                    % {"kind": row.kind.label},
                },
            )

    def modes(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key in self.fields if self.cleaned_data[key]}


class UnsubscribeScope:
    KIND = "kind"
    ALL = "all"


class UnsubscribeForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Courriels à arrêter"),
        widget=forms.RadioSelect,
        choices=[],
        error_messages={
            "required": _("Choisissez les courriels que vous ne voulez plus recevoir."),
            "invalid_choice": _("Choisissez une des options proposées."),
        },
    )

    def __init__(self, *args: Any, kind_label: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = []
        if kind_label:
            choices.append(
                (
                    UnsubscribeScope.KIND,
                    str(_("Seulement les courriels « %(kind)s »") % {"kind": kind_label}),
                )
            )
        choices.append(
            (
                UnsubscribeScope.ALL,
                str(
                    _("Tous les courriels de notification, sauf ceux qui concernent vos commandes")
                ),
            )
        )
        field = self.fields["scope"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
        field.initial = choices[0][0]
