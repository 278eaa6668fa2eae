"""Forms of the consultations: the admin's consultation and question forms, and the member's
answer form (built by hand: its fields come from the questions)."""

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pmvt.community.models import Theme
from pmvt.consultations.models import (
    TEXT_MAX_LENGTH,
    Consultation,
    Eligibility,
    Question,
    QuestionKind,
)

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_field(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=[DATETIME_FORMAT],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        error_messages={
            "required": _("Indiquez la date et l'heure."),
            "invalid": _("Indiquez une date et une heure valables."),
        },
    )


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    description = forms.CharField(
        label=_("Présentation"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Ce qui est en jeu, ce que la collectivité fera des réponses."),
    )
    opens_at = _datetime_field(_("Ouverture des réponses"))
    closes_at = _datetime_field(_("Clôture des réponses"))
    eligibility = forms.ChoiceField(
        label=_("Qui peut répondre"),
        choices=Eligibility.choices,
        initial=Eligibility.MEMBERS,
        widget=forms.RadioSelect,
    )
    anonymous = forms.BooleanField(
        label=_("Réponses anonymes"),
        required=False,
        help_text=_(
            "Les réponses ne sont pas reliées aux membres qui les donnent, ni dans le tableau "
            "des résultats ni dans l'export. Ne peut plus changer après la première réponse."
        ),
    )
    themes: forms.ModelMultipleChoiceField[Theme] = forms.ModelMultipleChoiceField(
        label=_("Thèmes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, territory: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        themes: QuerySet[Theme] = Theme.objects.filter(territory=territory)
        self.fields["themes"].queryset = themes  # type: ignore[attr-defined]
        if not themes.exists():
            del self.fields["themes"]

    @classmethod
    def initial_for(cls, consultation: Consultation) -> dict[str, Any]:
        return {
            "title": consultation.title,
            "description": consultation.description,
            "opens_at": timezone.localtime(consultation.opens_at),
            "closes_at": timezone.localtime(consultation.closes_at),
            "eligibility": consultation.eligibility,
            "anonymous": consultation.anonymous,
            "themes": list(consultation.themes.all()),
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "opens_at": data["opens_at"],
            "closes_at": data["closes_at"],
            "eligibility": data["eligibility"],
            "anonymous": data["anonymous"],
            "themes": data.get("themes") or [],
        }


class QuestionForm(forms.Form):
    label = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(label=_("Type de question"), choices=QuestionKind.choices)
    help = forms.CharField(
        label=_("Aide"),
        required=False,
        max_length=500,
        help_text=_("Une précision affichée sous la question (facultatif)."),
    )
    required = forms.BooleanField(label=_("Réponse obligatoire"), required=False, initial=True)
    choices = forms.CharField(
        label=_("Choix proposés"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Un choix par ligne, de 2 à 20. Pour les questions à choix unique, à choix multiples "
            "et de classement seulement."
        ),
    )
    min_choices = forms.IntegerField(
        label=_("Nombre minimum de choix"),
        required=False,
        min_value=1,
        max_value=20,
        help_text=_("Choix multiples seulement (facultatif)."),
    )
    max_choices = forms.IntegerField(
        label=_("Nombre maximum de choix"),
        required=False,
        min_value=1,
        max_value=20,
        help_text=_("Choix multiples seulement (facultatif)."),
    )
    scale_low_label = forms.CharField(
        label=_("Sens de la note 1"),
        required=False,
        max_length=60,
        help_text=_("Échelle seulement, par exemple « Pas du tout satisfait »."),
    )
    scale_high_label = forms.CharField(
        label=_("Sens de la note 5"),
        required=False,
        max_length=60,
        help_text=_("Échelle seulement, par exemple « Très satisfait »."),
    )

    @classmethod
    def initial_for(cls, question: Question) -> dict[str, Any]:
        return {
            "label": question.label,
            "kind": question.kind,
            "help": question.help,
            "required": question.required,
            "choices": "\n".join(choice.label for choice in question.choices.all()),
            "min_choices": question.min_choices,
            "max_choices": question.max_choices,
            "scale_low_label": question.scale_low_label,
            "scale_high_label": question.scale_high_label,
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "label": data["label"],
            "kind": data["kind"],
            "help": data["help"],
            "required": data["required"],
            "choices": data["choices"].splitlines(),
            "min_choices": data["min_choices"],
            "max_choices": data["max_choices"],
            "scale_low_label": data["scale_low_label"],
            "scale_high_label": data["scale_high_label"],
        }


# --- the answer form --------------------------------------------------------------------------


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def rank_field_name(question: Question, choice_id: int) -> str:
    return f"q{question.pk}_c{choice_id}"


def parse_response(*, questions: list[Question], post: QueryDict) -> dict[int, object]:
    """The POSTed answer form → the raw data response_submit() validates."""
    data: dict[int, object] = {}
    for question in questions:
        name = field_name(question)
        if question.kind == QuestionKind.MULTIPLE:
            data[question.pk] = post.getlist(name)
        elif question.kind == QuestionKind.RANKING:
            data[question.pk] = {
                choice.pk: post.get(rank_field_name(question, choice.pk), "")
                for choice in question.choices.all()
            }
        else:
            data[question.pk] = post.get(name, "")
    return data


@dataclass
class AnswerOption:
    id: str
    value: str
    label: str
    checked: bool = False
    rank: str = ""  # Ranking: the rank currently given to this choice.
    name: str = ""


@dataclass
class AnswerField:
    """What the template needs to draw one question as a fieldset."""

    question: Question
    name: str
    first_id: str
    error: str = ""
    text: str = ""
    options: list[AnswerOption] = field(default_factory=list)
    ranks: list[int] = field(default_factory=list)
    max_length: int = TEXT_MAX_LENGTH

    @property
    def describedby(self) -> str:
        ids = []
        if self.question.help:
            ids.append(f"{self.name}-aide")
        if self.error:
            ids.append(f"{self.name}-erreur")
        return " ".join(ids)


def answer_fields(
    *, questions: list[Question], values: dict[int, Any], errors: dict[int, str]
) -> list[AnswerField]:
    """One AnswerField per question, filled with `values` (stored answers or the POST)."""
    fields = []
    for question in questions:
        name = field_name(question)
        value = values.get(question.pk)
        item = AnswerField(
            question=question,
            name=name,
            first_id=f"{name}-1",
            error=errors.get(question.pk, ""),
        )
        if question.kind == QuestionKind.TEXT:
            item.first_id = name
            item.text = "" if value is None else str(value)
        elif question.kind == QuestionKind.SCALE:
            item.options = [
                AnswerOption(
                    id=f"{name}-{scale}",
                    value=str(scale),
                    label=label,
                    checked=str(value) == str(scale),
                )
                for scale, label in question.scale_labels()
            ]
        elif question.kind == QuestionKind.RANKING:
            ranks = value if isinstance(value, dict) else {}
            choices = list(question.choices.all())
            item.ranks = list(range(1, len(choices) + 1))
            item.options = [
                AnswerOption(
                    id=f"{name}-{index}",
                    value=str(choice.pk),
                    label=choice.label,
                    rank=str(ranks.get(choice.pk, ranks.get(str(choice.pk), "")) or ""),
                    name=rank_field_name(question, choice.pk),
                )
                for index, choice in enumerate(choices, start=1)
            ]
        else:
            picked = value if isinstance(value, list | tuple) else [value]
            picked_text = {str(v) for v in picked if v not in (None, "")}
            item.options = [
                AnswerOption(
                    id=f"{name}-{index}",
                    value=str(choice.pk),
                    label=choice.label,
                    checked=str(choice.pk) in picked_text,
                )
                for index, choice in enumerate(question.choices.all(), start=1)
            ]
        fields.append(item)
    return fields
