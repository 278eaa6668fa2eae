"""Account forms: signup extras (consent), profile, commune of residence, erasure."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context as allauth_context
from django import forms
from django.http import HttpRequest
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from pmvt.accounts.models import Role, User
from pmvt.accounts.services.memberships import membership_join
from pmvt.accounts.services.users import user_record_consent
from pmvt.territories.models import Commune, Territory


def _terms_label() -> str:
    return format_html(
        '{} <a href="{}">{}</a>',
        _("J'accepte les"),
        reverse_lazy("portal:site_terms"),
        _("conditions générales d'utilisation"),
    )


class SignupForm(AllauthSignupForm):
    """allauth's signup plus a display name, consent to the terms, and the territory one came from."""

    display_name = forms.CharField(
        label=_("Nom affiché"),
        max_length=150,
        required=False,
        help_text=_("Facultatif : le nom que les autres membres verront."),
    )
    accept_terms = forms.BooleanField(
        label=lazy(_terms_label, str)(),
        required=True,
        error_messages={"required": _("Vous devez accepter les conditions pour créer un compte.")},
    )
    territoire = forms.SlugField(required=False, widget=forms.HiddenInput)

    field_order = ["email", "display_name", "password1", "password2", "accept_terms"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)
        # allauth's signup view does not hand the request to its form; its middleware does.
        request = allauth_context.request
        if request is not None and not self.is_bound:
            self.fields["territoire"].initial = request.GET.get("territoire", "")

    def save(self, request: HttpRequest) -> User:
        user = super().save(request)
        user.display_name = self.cleaned_data.get("display_name", "")
        user.save(update_fields=["display_name"])
        user_record_consent(user=user)
        slug = self.cleaned_data.get("territoire")
        territory = Territory.objects.filter(slug=slug, is_active=True).first() if slug else None
        if territory is not None:
            with scopes_disabled():
                membership_join(user=user, territory=territory)
        return user


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "phone"]
        help_texts = {
            "display_name": _("Le nom que les autres membres voient."),
            "phone": _("Facultatif : utile pour être rappelé par un commerçant ou un agent."),
        }


class CommuneChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Commune) -> str:
        return f"{obj.name} ({obj.postal_codes})" if obj.postal_codes else obj.name


class MembershipCommuneForm(forms.Form):
    commune = CommuneChoiceField(
        label=_("Commune de résidence"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("— Je ne réside pas sur le territoire —"),
        error_messages={"invalid_choice": _("Choisissez une commune du territoire.")},
    )

    def __init__(self, *args, territory: Territory, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = Commune.objects.filter(territory=territory)  # type: ignore[attr-defined]


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Votre mot de passe"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("Je comprends que la suppression est définitive."),
        error_messages={"required": _("Cochez la case pour confirmer la suppression.")},
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Le mot de passe est incorrect."))
        return password


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rôle"), choices=Role.choices)


class MemberSearchForm(forms.Form):
    q = forms.CharField(label=_("Rechercher un membre"), required=False, max_length=100)
    role = forms.ChoiceField(
        label=_("Rôle"), required=False, choices=[("", _("Tous les rôles")), *Role.choices]
    )
