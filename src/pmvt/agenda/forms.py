"""Forms of the agenda. They parse input; the services decide and validate for good."""

from datetime import date, time
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pmvt.accounts.models import User
from pmvt.actors.models import Actor
from pmvt.agenda.access import organiser_actors
from pmvt.agenda.models import Event, Recurrence
from pmvt.agenda.recurrence import paris, paris_datetime
from pmvt.agenda.selectors import AgendaFilters
from pmvt.agenda.services.events import EventData
from pmvt.community.models import Theme
from pmvt.core.exceptions import ApplicationError
from pmvt.territories.models import Commune, Territory
from pmvt.territories.selectors import commune_list

MARKDOWN_HELP = _(
    "Mise en forme simple : une ligne vide entre deux paragraphes, **gras**, *italique*, "
    "une liste avec des tirets, un lien avec [texte](https://adresse)."
)


def _themes(territory: Territory) -> QuerySet[Theme]:
    return Theme.objects.filter(territory=territory).order_by("position", "name")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


class AgendaFilterForm(forms.Form):
    commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Toutes les communes"),
    )
    theme: forms.ModelChoiceField[Theme] = forms.ModelChoiceField(
        label=_("Thème"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("Tous les thèmes"),
    )
    du = forms.DateField(label=_("Du"), required=False, widget=DateInput())
    au = forms.DateField(label=_("Au"), required=False, widget=DateInput())
    gratuit = forms.BooleanField(label=_("Gratuit seulement"), required=False)

    def __init__(self, *args: Any, territory: Territory, dates: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]
        self.fields["theme"].queryset = _themes(territory)  # type: ignore[attr-defined]
        if not dates:
            del self.fields["du"], self.fields["au"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("du"), cleaned.get("au")
        if start and end and end < start:
            self.add_error("au", _("La date de fin doit être après la date de début."))
        return cleaned

    def to_filters(self) -> AgendaFilters:
        if not self.is_bound or not self.is_valid():
            return AgendaFilters()
        data = self.cleaned_data
        return AgendaFilters(
            commune_id=data["commune"].pk if data.get("commune") else None,
            theme_id=data["theme"].pk if data.get("theme") else None,
            date_from=data.get("du"),
            date_to=data.get("au"),
            free_only=bool(data.get("gratuit")),
        )


class EventForm(forms.Form):
    # The event.
    title = forms.CharField(label=_("Titre"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=10000, widget=forms.Textarea, help_text=MARKDOWN_HELP
    )
    themes: forms.ModelMultipleChoiceField[Theme] = forms.ModelMultipleChoiceField(
        label=_("Thèmes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organiser: forms.ModelChoiceField[Actor] = forms.ModelChoiceField(
        label=_("Organisé au nom de"),
        queryset=Actor.objects.none(),
        required=False,
        empty_label=_("En mon nom"),
        help_text=_("Un événement organisé au nom d'un acteur vérifié est publié tout de suite."),
    )
    organiser_name = forms.CharField(
        label=_("Nom de l'organisateur"),
        max_length=200,
        required=False,
        help_text=_("Par exemple une association qui n'est pas encore sur la plateforme."),
    )
    contact_email = forms.EmailField(label=_("Courriel de contact"), required=False)
    contact_phone = forms.CharField(label=_("Téléphone de contact"), max_length=30, required=False)
    # When.
    start_date = forms.DateField(label=_("Date de début"), widget=DateInput())
    start_time = forms.TimeField(label=_("Heure de début"), widget=TimeInput())
    end_date = forms.DateField(
        label=_("Date de fin"),
        required=False,
        widget=DateInput(),
        help_text=_("Laissez vide si l'événement finit le jour où il commence."),
    )
    end_time = forms.TimeField(label=_("Heure de fin"), widget=TimeInput())
    recurrence = forms.ChoiceField(
        label=_("Répétition"),
        choices=Recurrence.choices,
        initial=Recurrence.NONE,
        widget=forms.RadioSelect,
    )
    recurrence_until = forms.DateField(
        label=_("Se répète jusqu'au"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Laissez vide pour une répétition sans fin (les dates sont affichées sur un an)."
        ),
    )
    # Where.
    place_name = forms.CharField(label=_("Lieu"), max_length=200)
    address = forms.CharField(label=_("Adresse"), max_length=255, required=False)
    commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune"), queryset=Commune.objects.none(), empty_label=_("Choisissez la commune")
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        help_text=_("Facultatif : sans point précis, la carte montre le centre de la commune."),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, max_digits=9, decimal_places=6
    )
    # Price.
    is_free = forms.BooleanField(label=_("Gratuit"), required=False, initial=True)
    price = forms.DecimalField(
        label=_("Prix en euros"), required=False, min_value=0, max_digits=8, decimal_places=2
    )
    price_text = forms.CharField(
        label=_("Tarifs"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : 5 €, gratuit pour les moins de 12 ans."),
    )
    # Registration.
    registration_enabled = forms.BooleanField(
        label=_("Inscription obligatoire, places limitées"), required=False
    )
    capacity = forms.IntegerField(label=_("Nombre de places"), required=False, min_value=1)
    waiting_list = forms.BooleanField(
        label=_("Liste d'attente quand c'est complet"), required=False
    )
    # Accessibility.
    wheelchair_access = forms.BooleanField(
        label=_("Accessible en fauteuil roulant"), required=False
    )
    hearing_loop = forms.BooleanField(label=_("Boucle magnétique"), required=False)
    sign_language = forms.BooleanField(
        label=_("Interprétation en langue des signes (LSF)"), required=False
    )
    accessibility_notes = forms.CharField(
        label=_("Autres informations d'accessibilité"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Image.
    image = forms.ImageField(
        label=_("Image"),
        required=False,
        help_text=_("JPEG, PNG ou WebP, 5 Mo au plus."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_alt = forms.CharField(
        label=_("Description de l'image"),
        max_length=250,
        required=False,
        help_text=_("Ce que montre l'image, pour les personnes qui ne la voient pas."),
    )
    remove_image = forms.BooleanField(label=_("Retirer l'image actuelle"), required=False)

    GROUPS = [
        (_("L'événement"), ["title", "description", "themes"]),
        (
            _("Date"),
            ["start_date", "start_time", "end_date", "end_time", "recurrence", "recurrence_until"],
        ),
        (_("Lieu"), ["place_name", "address", "commune", "latitude", "longitude"]),
        (_("Tarif"), ["is_free", "price", "price_text"]),
        (_("Inscription"), ["registration_enabled", "capacity", "waiting_list"]),
        (
            _("Accessibilité"),
            ["wheelchair_access", "hearing_loop", "sign_language", "accessibility_notes"],
        ),
        (_("Image"), ["image", "image_alt", "remove_image"]),
        (
            _("Organisation et contact"),
            ["organiser", "organiser_name", "contact_email", "contact_phone"],
        ),
    ]

    def __init__(
        self,
        *args: Any,
        territory: Territory,
        user: User,
        event: Event | None = None,
        **kwargs: Any,
    ) -> None:
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = event_initial(event)
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["themes"].queryset = _themes(territory)  # type: ignore[attr-defined]
        self.fields["commune"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]
        actors = organiser_actors(user=user, territory=territory)
        if event is not None and event.organiser_id is not None:
            actors = (actors | Actor.objects.filter(pk=event.organiser_id)).distinct()
        self.fields["organiser"].queryset = actors  # type: ignore[attr-defined]
        if not self.fields["organiser"].queryset.exists():  # type: ignore[attr-defined]
            del self.fields["organiser"]
        if not _themes(territory).exists():
            del self.fields["themes"]
        if event is None or not event.image:
            del self.fields["remove_image"]

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (str(title), [self[name] for name in names if name in self.fields])
            for title, names in self.GROUPS
        ]

    def add_service_error(self, error: ApplicationError) -> None:
        field = getattr(error, "field", None)
        self.add_error(field if field in self.fields else None, str(error.message))

    def to_data(self) -> EventData:
        data = self.cleaned_data
        start_date: date = data["start_date"]
        end_date: date = data.get("end_date") or start_date
        start_time: time = data["start_time"]
        end_time: time = data["end_time"]
        return EventData(
            title=data["title"],
            description=data["description"],
            themes=list(data.get("themes") or []),
            organiser=data.get("organiser"),
            organiser_name=data.get("organiser_name", ""),
            contact_email=data.get("contact_email", ""),
            contact_phone=data.get("contact_phone", ""),
            starts_at=paris_datetime(start_date, start_time),
            ends_at=paris_datetime(end_date, end_time),
            recurrence=data["recurrence"],
            recurrence_until=data.get("recurrence_until"),
            place_name=data["place_name"],
            address=data.get("address", ""),
            commune=data["commune"],
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            is_free=bool(data.get("is_free")),
            price=data.get("price"),
            price_text=data.get("price_text", ""),
            registration_enabled=bool(data.get("registration_enabled")),
            capacity=data.get("capacity"),
            waiting_list=bool(data.get("waiting_list")),
            wheelchair_access=bool(data.get("wheelchair_access")),
            hearing_loop=bool(data.get("hearing_loop")),
            sign_language=bool(data.get("sign_language")),
            accessibility_notes=data.get("accessibility_notes", ""),
            image=data.get("image") or None,
            image_alt=data.get("image_alt", ""),
            remove_image=bool(data.get("remove_image")),
        )


def event_initial(event: Event) -> dict[str, Any]:
    start, end = paris(event.starts_at), paris(event.ends_at)
    initial: dict[str, Any] = {
        name: getattr(event, name)
        for name in [
            "title",
            "description",
            "organiser_name",
            "contact_email",
            "contact_phone",
            "recurrence",
            "recurrence_until",
            "place_name",
            "address",
            "latitude",
            "longitude",
            "is_free",
            "price",
            "price_text",
            "registration_enabled",
            "capacity",
            "waiting_list",
            "wheelchair_access",
            "hearing_loop",
            "sign_language",
            "accessibility_notes",
            "image_alt",
        ]
    }
    initial.update(
        themes=list(event.themes.all()),
        organiser=event.organiser_id,
        commune=event.commune_id,
        start_date=start.date(),
        start_time=start.time().replace(second=0, microsecond=0),
        end_date=end.date() if end.date() != start.date() else None,
        end_time=end.time().replace(second=0, microsecond=0),
    )
    return initial
