from django import forms
from django.utils.translation import gettext_lazy as _


class LocateForm(forms.Form):
    q = forms.CharField(
        label=_("Votre commune ou votre code postal"),
        max_length=100,
        min_length=2,
        help_text=_("Par exemple : Apt, ou 84400."),
        error_messages={
            "required": _("Indiquez le nom de votre commune ou son code postal."),
            "min_length": _("Indiquez au moins deux caractères."),
        },
    )


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Votre nom"), max_length=150)
    email = forms.EmailField(
        label=_("Votre adresse électronique"),
        help_text=_("Pour vous répondre ; elle n'est utilisée à aucune autre fin."),
        error_messages={
            "invalid": _("Saisissez une adresse électronique valide, par exemple nom@exemple.fr.")
        },
    )
    subject = forms.CharField(label=_("Objet"), max_length=200)
    message = forms.CharField(label=_("Votre message"), widget=forms.Textarea, max_length=5000)
