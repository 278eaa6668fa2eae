"""Forms of the jobs area. They parse input; the services decide and validate for good."""

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pmvt.core.widgets import DateInput
from pmvt.jobs.cv import max_cv_bytes
from pmvt.jobs.models import Contract, JobOffer, SalaryPeriod
from pmvt.jobs.selectors import JobFilters, commune_choices
from pmvt.jobs.services.offers import OfferValues
from pmvt.territories.models import Territory


class EurosField(forms.DecimalField):
    """A French amount: "1 500,50", "1500.50" or "1 500 €" (spaces and the sign are dropped)."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0\u202f€]", "", value).replace(",", ".")
        return super().to_python(value)


class JobFilterForm(forms.Form):
    q = forms.CharField(label=_("Mots-clés"), required=False, max_length=100)
    commune = forms.ChoiceField(label=_("Commune"), required=False)
    contrat = forms.ChoiceField(
        label=_("Contrat"),
        required=False,
        choices=[("", _("Tous les contrats")), *Contract.choices],
    )
    competence = forms.CharField(
        label=_("Compétence"),
        required=False,
        max_length=60,
        help_text=_("Par exemple : vente, menuiserie, permis B."),
        widget=forms.TextInput(attrs={"list": "job-skills"}),
    )

    def __init__(self, *args: Any, territory: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].choices = [  # type: ignore[attr-defined]
            ("", _("Toutes les communes")),
            *((str(c.pk), c.name) for c in commune_choices(territory=territory)),
        ]

    def to_filters(self) -> JobFilters:
        if not self.is_bound or not self.is_valid():
            return JobFilters()
        data = self.cleaned_data
        return JobFilters(
            commune_id=int(data["commune"]) if data.get("commune") else None,
            contract=data.get("contrat") or "",
            skill=data.get("competence") or "",
            text=data.get("q") or "",
        )


class JobOfferForm(forms.Form):
    title = forms.CharField(label=_("Intitulé du poste"), max_length=200)
    contract = forms.ChoiceField(label=_("Contrat"), choices=[("", "—"), *Contract.choices])
    commune = forms.ChoiceField(label=_("Commune du poste"))
    hours_per_week = forms.DecimalField(
        label=_("Heures par semaine"),
        required=False,
        max_digits=4,
        decimal_places=1,
        min_value=Decimal("1"),
        max_value=Decimal("48"),
        localize=True,
    )
    schedule = forms.CharField(
        label=_("Horaires"),
        required=False,
        max_length=200,
        help_text=_("Par exemple : du mardi au samedi, de 6 h à 13 h."),
    )
    skills = forms.CharField(
        label=_("Compétences"),
        required=False,
        max_length=1000,
        help_text=_("Séparées par des virgules : vente, hygiène alimentaire, permis B."),
    )
    salary_min = EurosField(
        label=_("Salaire minimum"),
        required=False,
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0"),
        help_text=_("Brut, en euros, facultatif."),
    )
    salary_max = EurosField(
        label=_("Salaire maximum"),
        required=False,
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0"),
        help_text=_("Brut, en euros, facultatif."),
    )
    salary_period = forms.ChoiceField(
        label=_("Le salaire est donné"),
        required=False,
        choices=[("", "—"), *SalaryPeriod.choices],
    )
    starts_on = forms.DateField(label=_("Date de début"), required=False, widget=DateInput())
    closes_on = forms.DateField(label=_("Date limite de candidature"), widget=DateInput())
    description = forms.CharField(
        label=_("Description du poste"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Missions, profil recherché, conditions. Mise en forme : **gras**, listes avec « - »."
        ),
    )

    def __init__(
        self, *args: Any, territory: Territory, offer: JobOffer | None = None, **kwargs: Any
    ) -> None:
        if offer is not None and not args and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": offer.title,
                "contract": offer.contract,
                "commune": str(offer.commune_id),
                "hours_per_week": offer.hours_per_week,
                "schedule": offer.schedule,
                "skills": ", ".join(offer.skills),
                "salary_min": offer.salary_min,
                "salary_max": offer.salary_max,
                "salary_period": offer.salary_period,
                "starts_on": offer.starts_on,
                "closes_on": offer.closes_on,
                "description": offer.description,
            }
        super().__init__(*args, **kwargs)
        self.communes = {str(c.pk): c for c in commune_choices(territory=territory)}
        self.fields["commune"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((pk, c.name) for pk, c in self.communes.items()),
        ]

    def values(self) -> OfferValues:
        data = self.cleaned_data
        closes_on: date = data["closes_on"]
        return OfferValues(
            title=data["title"],
            contract=data["contract"],
            commune=self.communes[data["commune"]],
            closes_on=closes_on,
            description=data["description"],
            hours_per_week=data.get("hours_per_week"),
            schedule=data.get("schedule") or "",
            skills=data.get("skills") or "",
            salary_min=data.get("salary_min"),
            salary_max=data.get("salary_max"),
            salary_period=data.get("salary_period") or "",
            starts_on=data.get("starts_on"),
        )


class JobApplicationForm(forms.Form):
    message = forms.CharField(
        label=_("Votre message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Présentez-vous en quelques lignes : votre expérience, vos disponibilités."),
    )
    cv = forms.FileField(
        label=_("Votre CV"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cv"].help_text = _(
            "Au format PDF, %(size)s Mo au plus. Seuls l'employeur et vous pourrez le lire."
        ) % {"size": max_cv_bytes() // (1024 * 1024)}


class StatusMessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message à la personne candidate"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Facultatif : une date d'entretien, un lieu, un mot de remerciement."),
    )
