"""Forms of the orders area: they parse input; the services decide what is allowed."""

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import lru_cache

from django import forms
from django.conf import settings
from django.forms.models import ModelChoiceIterator
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pmvt.actors.models import Actor, ActorStatus, Market, Weekday
from pmvt.catalog.models import OfferVariant
from pmvt.core.requests import id_param
from pmvt.core.templatetags.pmvt_format import euros_text
from pmvt.orders import widgets as lean
from pmvt.orders.models import (
    DeliveryRound,
    FulfilmentMethod,
    PaymentMethod,
    PickupPoint,
    PickupPointKind,
    PickupSlot,
)
from pmvt.orders.selectors import SellerOptions
from pmvt.orders.services.carts import MAX_QUANTITY, variant_display
from pmvt.orders.services.checkout import FulfilmentChoice
from pmvt.orders.services.fulfilment import MAX_REPEAT_WEEKS, MAX_SLOT_CAPACITY
from pmvt.territories.models import Commune, Territory


def _money_field(label, *, required: bool = True, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0.00"),
        required=required,
        localize=True,  # "4,50" as French people write it.
        **kwargs,
    )


def _slot_label(slot: PickupSlot) -> str:
    from django.utils import timezone

    start = timezone.localtime(slot.starts_at)
    end = timezone.localtime(slot.ends_at)
    return _("Retrait le %(day)s de %(start)s à %(end)s") % {
        "day": _day_label(start.date()),
        # strftime("%H:%M") writes what date_format(…, "H:i") does, for less work.
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
    }


@lru_cache(maxsize=256)
def _day_text(day: date, language: str | None) -> str:
    return date_format(day, "l j F")


def _day_label(day: date) -> str:
    # Slots share days: each day is written once per language ("l j F" is translated).
    return _day_text(day, get_language())


class CartAddForm(forms.Form):
    variant_id = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quantity = forms.IntegerField(
        label=_("Quantité"), min_value=1, max_value=MAX_QUANTITY, initial=1
    )


class CartQuantityForm(forms.Form):
    quantity = forms.IntegerField(label=_("Quantité"), min_value=1, max_value=MAX_QUANTITY)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de l'annulation, transmis au client"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def fulfilment_choices(options: SellerOptions) -> list:
    """Radio choices, grouped by way of receiving: 'slot:12', 'delivery:2026-12-03', …"""
    groups: list = []
    if options.slots:
        groups.append(
            (
                _("Retrait chez le vendeur (click & collect)"),
                [
                    (
                        f"slot:{slot.pk}",
                        _("%(when)s (encore %(n)s places)")
                        % {"when": _slot_label(slot), "n": slot.remaining},
                    )
                    for slot in options.slots
                ],
            )
        )
    if options.delivery and options.delivery_dates:
        delivery = options.delivery
        fee = euros_text(delivery.fee) if delivery.fee else _("gratuite")
        groups.append(
            (
                _("Livraison à domicile (frais : %(fee)s)") % {"fee": fee},
                [
                    (
                        f"delivery:{day.isoformat()}",
                        _("Livraison le %(day)s") % {"day": _day_label(day)},
                    )
                    for day in options.delivery_dates
                ],
            )
        )
    if options.pickup_points:
        groups.append(
            (
                _("Point de retrait"),
                [
                    (
                        f"point:{point.pk}",
                        _("%(name)s, %(address)s, %(commune)s")
                        % {
                            "name": point.name,
                            "address": point.address,
                            "commune": point.commune.name,
                        },
                    )
                    for point in options.pickup_points
                ],
            )
        )
    if options.rounds:
        groups.append(
            (
                _("Tournée de livraison collective"),
                [
                    (
                        f"round:{option.delivery_round.pk}",
                        _("%(name)s, livraison le %(day)s (frais : %(fee)s)")
                        % {
                            "name": option.delivery_round.name,
                            "day": _day_label(option.next_date),
                            "fee": euros_text(option.delivery_round.fee),
                        },
                    )
                    for option in options.rounds
                ],
            )
        )
    return groups


def _offered(items, pk: int):
    return next((item for item in items if item.pk == pk), None)


def parse_fulfilment(
    value: str,
    *,
    seller: Actor,
    address: str,
    commune: Commune | None,
    options: SellerOptions | None = None,
) -> FulfilmentChoice:
    """'slot:12' → a FulfilmentChoice; unknown or foreign ids give an empty choice the
    service refuses with a clear message.

    With `options` (read in this request, where the form's choices come from), the slot,
    point or round is taken from them instead of being read again; the service re-checks it.
    """
    kind, _sep, raw_ref = value.partition(":")
    ref = id_param(raw_ref)
    choice = FulfilmentChoice(method="", address=address, commune=commune)
    if kind == "slot" and ref is not None:
        slot = _offered(options.slots, ref) if options is not None else None
        if slot is None:
            slot = PickupSlot.objects.filter(pk=ref, actor=seller).first()
        return replace(choice, method=FulfilmentMethod.CLICK_COLLECT, slot=slot)
    if kind == "delivery":
        try:
            day: date | None = date.fromisoformat(raw_ref)
        except ValueError:
            day = None
        return replace(choice, method=FulfilmentMethod.HOME_DELIVERY, delivery_date=day)
    if kind == "point" and ref is not None:
        point = _offered(options.pickup_points, ref) if options is not None else None
        if point is None:
            point = PickupPoint.objects.filter(pk=ref).first()
        return replace(choice, method=FulfilmentMethod.PICKUP_POINT, pickup_point=point)
    if kind == "round" and ref is not None:
        rounds = [option.delivery_round for option in options.rounds] if options else []
        delivery_round = _offered(rounds, ref)
        if delivery_round is None:
            delivery_round = DeliveryRound.objects.filter(pk=ref).first()
        return replace(
            choice, method=FulfilmentMethod.DELIVERY_ROUND, delivery_round=delivery_round
        )
    return choice


# The territory's communes as (pk, name), per process, under `logistics_version`: every change
# of a commune bumps it (the logistics cache's signals, the territory import).
_COMMUNE_CHOICES: dict[tuple[int, int], list[tuple[int, str]]] = {}


def commune_choices(territory: Territory) -> list[tuple[int, str]]:
    """The territory's communes, by name, for a select."""
    rows = Commune.objects.filter(territory=territory).order_by("name").values_list("pk", "name")
    if not settings.PMVT_LOGISTICS_CACHE_SECONDS:
        return list(rows)
    key = (territory.pk, territory.logistics_version)
    choices = _COMMUNE_CHOICES.get(key)
    if choices is None:
        if len(_COMMUNE_CHOICES) >= 64:  # Old versions and other territories: start afresh.
            _COMMUNE_CHOICES.clear()
        choices = _COMMUNE_CHOICES[key] = list(rows)
    return choices


class _CommuneChoiceIterator(ModelChoiceIterator):
    """The choices from `commune_choices`; the submitted commune is still read from the
    queryset when the form is validated."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        field = self.field
        assert isinstance(field, _CommuneChoiceField)
        yield from commune_choices(field.territory)


class _CommuneChoiceField(forms.ModelChoiceField):
    iterator = _CommuneChoiceIterator

    def __init__(self, *args, territory: Territory, **kwargs) -> None:
        self.territory = territory
        super().__init__(*args, **kwargs)


def _commune_field(territory: Territory, *, required: bool = False) -> forms.ModelChoiceField:
    return _CommuneChoiceField(
        label=_("Commune de livraison"),
        queryset=Commune.objects.filter(territory=territory).order_by("name"),
        territory=territory,
        required=required,
        empty_label=_("Choisissez votre commune"),
        widget=lean.Select,
    )


class CheckoutForm(forms.Form):
    """One radio group per seller, then the address, payment and note."""

    idempotency_key = forms.CharField(max_length=64, widget=lean.HiddenInput)
    delivery_address = forms.CharField(
        label=_("Adresse de livraison"),
        max_length=255,
        required=False,
        help_text=_("Seulement pour une livraison à domicile ou par une tournée."),
        widget=lean.TextInput,
    )
    customer_phone = forms.CharField(
        label=_("Téléphone"),
        max_length=30,
        required=False,
        help_text=_("Pour que le vendeur puisse vous joindre au sujet de la commande."),
        widget=lean.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    payment_method = forms.ChoiceField(
        label=_("Moyen de paiement"),
        choices=PaymentMethod.choices,
        initial=PaymentMethod.ON_PICKUP,
        widget=lean.RadioSelect,
    )
    note = forms.CharField(
        label=_("Message aux vendeurs"),
        max_length=1000,
        required=False,
        widget=lean.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args,
        territory: Territory,
        options: dict[int, SellerOptions],
        buyer_actors: list[Actor],
        voucher_balances: Mapping[int, Decimal] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.options = options
        self.voucher_fields: list[tuple[SellerOptions, str]] = []
        self.seller_fields: list[tuple[SellerOptions, str]] = []
        fulfilment_fields: dict[str, forms.Field] = {}
        for seller_id, option in options.items():
            name = f"fulfilment_{seller_id}"
            fulfilment_fields[name] = forms.ChoiceField(
                label=_("Comment recevoir la commande de %(seller)s ?")
                % {"seller": option.seller.display_name},
                choices=fulfilment_choices(option),
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choisissez comment recevoir cette commande."),
                    "invalid_choice": _("Ce mode de réception n'est plus proposé."),
                },
            )
            self.seller_fields.append((option, name))
        for seller_id, balance in (voucher_balances or {}).items():
            if balance <= 0 or seller_id not in options:
                continue
            name = f"vouchers_{seller_id}"
            fulfilment_fields[name] = forms.DecimalField(
                label=_("Payer avec mes bons d'achat chez %(seller)s (en euros)")
                % {"seller": options[seller_id].seller.display_name},
                required=False,
                min_value=Decimal("0"),
                max_value=balance,
                max_digits=10,
                decimal_places=2,
                localize=True,
                help_text=_(
                    "Jusqu'à %(balance)s utilisables chez ce vendeur. Le reste se règle avec le "
                    "moyen de paiement choisi plus bas."
                )
                % {"balance": euros_text(balance)},
                error_messages={
                    "max_value": _("Votre solde utilisable ici est de %(balance)s.")
                    % {"balance": euros_text(balance)},
                    "min_value": _("Indiquez un montant positif."),
                    "invalid": _("Indiquez un montant en euros, par exemple 12,50."),
                    "max_decimal_places": _("Indiquez un montant en euros et centimes."),
                },
            )
            self.voucher_fields.append((options[seller_id], name))
        # Put the sellers' choices first, in the cart's order.
        self.fields = {**fulfilment_fields, **self.fields}
        self.fields["delivery_commune"] = _commune_field(territory)
        self.order_fields(
            [
                *fulfilment_fields,
                "delivery_address",
                "delivery_commune",
                "customer_phone",
                "payment_method",
            ]
        )
        if buyer_actors:
            self.fields["buyer_actor"] = forms.ChoiceField(
                label=_("Acheter en tant que"),
                choices=[
                    ("", _("Particulier")),
                    *[(str(a.pk), a.display_name) for a in buyer_actors],
                ],
                required=False,
                help_text=_(
                    "En tant que professionnel, les prix professionnels s'appliquent chez "
                    "les vendeurs qui vendent aux professionnels."
                ),
            )
        self.buyer_actors = {str(a.pk): a for a in buyer_actors}

    def chosen_fulfilment(self) -> dict[int, FulfilmentChoice]:
        data = self.cleaned_data
        return {
            seller_id: parse_fulfilment(
                data.get(f"fulfilment_{seller_id}", ""),
                seller=option.seller,
                address=data.get("delivery_address", ""),
                commune=data.get("delivery_commune"),
                options=option,
            )
            for seller_id, option in self.options.items()
        }

    def chosen_vouchers(self) -> dict[int, Decimal]:
        """{seller id: amount paid with vouchers there}, for the amounts the buyer filled in."""
        return {
            option.seller.pk: amount
            for option, name in self.voucher_fields
            if (amount := self.cleaned_data.get(name))
        }

    def chosen_buyer_actor(self) -> Actor | None:
        return self.buyer_actors.get(self.cleaned_data.get("buyer_actor") or "")


class AssistedOrderForm(forms.Form):
    """An order taken by phone: the customer, the quantities, how they receive it."""

    idempotency_key = forms.CharField(max_length=64, widget=forms.HiddenInput)
    customer_name = forms.CharField(label=_("Nom du client"), max_length=150)
    customer_phone = forms.CharField(
        label=_("Téléphone du client"),
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    customer_email = forms.EmailField(
        label=_("Courriel du client"),
        required=False,
        help_text=_(
            "Facultatif. S'il correspond à un compte, la commande apparaît dans ses commandes."
        ),
    )
    delivery_address = forms.CharField(
        label=_("Adresse de livraison"), max_length=255, required=False
    )
    payment_method = forms.ChoiceField(
        label=_("Moyen de paiement"),
        choices=PaymentMethod.choices,
        initial=PaymentMethod.ON_PICKUP,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args,
        territory: Territory,
        options: SellerOptions,
        variants: list[OfferVariant],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.options = options
        self.variants = variants
        quantity_fields = {}
        for variant in variants:
            quantity_fields[f"qty_{variant.pk}"] = forms.IntegerField(
                label=_("%(item)s, %(price)s")
                % {"item": variant_display(variant), "price": euros_text(variant.price)},
                min_value=0,
                max_value=MAX_QUANTITY,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
        self.quantity_names = list(quantity_fields)
        self.fields = {**self.fields, **quantity_fields}
        self.fields["fulfilment"] = forms.ChoiceField(
            label=_("Mode de réception"),
            choices=fulfilment_choices(options),
            widget=forms.RadioSelect,
            error_messages={"required": _("Choisissez comment le client reçoit sa commande.")},
        )
        self.fields["delivery_commune"] = _commune_field(territory)
        self.order_fields(
            [
                "customer_name",
                "customer_phone",
                "customer_email",
                *self.quantity_names,
                "fulfilment",
                "delivery_address",
                "delivery_commune",
                "payment_method",
                "note",
            ]
        )

    def clean(self):
        data = super().clean() or {}
        if not any(data.get(name) for name in self.quantity_names):
            raise forms.ValidationError(_("Indiquez la quantité d'au moins un produit."))
        return data

    def quantity_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.quantity_names]

    def items(self) -> list[tuple[OfferVariant, int]]:
        return [
            (variant, self.cleaned_data[f"qty_{variant.pk}"])
            for variant in self.variants
            if self.cleaned_data.get(f"qty_{variant.pk}")
        ]

    def choice(self) -> FulfilmentChoice:
        return parse_fulfilment(
            self.cleaned_data.get("fulfilment", ""),
            seller=self.options.seller,
            address=self.cleaned_data.get("delivery_address", ""),
            commune=self.cleaned_data.get("delivery_commune"),
            options=self.options,
        )


class SlotForm(forms.Form):
    day = forms.DateField(
        label=_("Date du premier créneau"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start = forms.TimeField(
        label=_("Début"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end = forms.TimeField(
        label=_("Fin"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    capacity = forms.IntegerField(
        label=_("Nombre de commandes maximum"), min_value=1, max_value=MAX_SLOT_CAPACITY, initial=5
    )
    repeat_weeks = forms.IntegerField(
        label=_("Répéter chaque semaine pendant"),
        min_value=0,
        max_value=MAX_REPEAT_WEEKS,
        initial=0,
        help_text=_("Nombre de semaines suivantes (0 : créneau unique, 12 au plus)."),
    )


class DeliverySettingsForm(forms.Form):
    enabled = forms.BooleanField(label=_("Je livre à domicile"), required=False)
    communes: "forms.ModelMultipleChoiceField[Commune]" = forms.ModelMultipleChoiceField(
        label=_("Communes livrées"),
        queryset=Commune.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Jours de livraison"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    fee = _money_field(_("Frais de livraison TTC (€)"))
    minimum_order = _money_field(_("Commande minimum (€)"), initial=0)
    free_threshold = _money_field(
        _("Livraison offerte à partir de (€)"),
        required=False,
        help_text=_("Laissez vide si la livraison n'est jamais offerte."),
    )

    def __init__(self, *args, territory: Territory, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        communes: forms.Field = self.fields["communes"]
        assert isinstance(communes, forms.ModelMultipleChoiceField)
        communes.queryset = Commune.objects.filter(territory=territory).order_by("name")


class PaymentSettingsForm(forms.Form):
    bank_transfer_enabled = forms.BooleanField(
        label=_("J'accepte le paiement par virement bancaire"), required=False
    )
    account_holder = forms.CharField(label=_("Titulaire du compte"), max_length=200, required=False)
    iban = forms.CharField(label=_("IBAN"), max_length=42, required=False)
    bic = forms.CharField(label=_("BIC"), max_length=14, required=False)


def _actor_field(territory: Territory, label, *, multiple: bool):
    queryset = Actor.objects.filter(territory=territory, status=ActorStatus.VERIFIED).order_by(
        "trade_name", "legal_name"
    )
    if multiple:
        return forms.ModelMultipleChoiceField(
            label=label, queryset=queryset, required=False, widget=forms.CheckboxSelectMultiple
        )
    return forms.ModelChoiceField(
        label=label, queryset=queryset, required=False, empty_label=_("Aucun")
    )


class PickupPointForm(forms.Form):
    name = forms.CharField(label=_("Nom"), max_length=200)
    kind = forms.ChoiceField(label=_("Type de lieu"), choices=PickupPointKind.choices)
    address = forms.CharField(label=_("Adresse"), max_length=255)
    opening_info = forms.CharField(
        label=_("Horaires de retrait"),
        max_length=255,
        required=False,
        help_text=_("Par exemple : du lundi au vendredi, de 9 h à 12 h."),
    )
    is_active = forms.BooleanField(label=_("Point de retrait ouvert"), required=False, initial=True)

    def __init__(self, *args, territory: Territory, editing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["is_active"]
        self.fields["commune"] = forms.ModelChoiceField(
            label=_("Commune"),
            queryset=Commune.objects.filter(territory=territory).order_by("name"),
            empty_label=_("Choisissez la commune"),
        )
        self.fields["host_actor"] = _actor_field(
            territory, _("Commerce ou producteur qui accueille"), multiple=False
        )
        self.fields["market"] = forms.ModelChoiceField(
            label=_("Marché"),
            queryset=Market.objects.filter(territory=territory).order_by("name"),
            required=False,
            empty_label=_("Aucun"),
        )
        self.fields["sellers"] = _actor_field(territory, _("Vendeurs desservis"), multiple=True)
        self.order_fields(
            ["name", "kind", "commune", "address", "opening_info", "host_actor", "market"]
        )


class DeliveryRoundForm(forms.Form):
    name = forms.CharField(label=_("Nom de la tournée"), max_length=200)
    operator_name = forms.CharField(label=_("Assurée par"), max_length=200)
    weekday = forms.TypedChoiceField(label=_("Jour"), choices=Weekday.choices, coerce=int)
    departure_time = forms.TimeField(
        label=_("Heure de départ"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    fee = _money_field(_("Frais par commande TTC (€)"), initial=0)
    is_active = forms.BooleanField(label=_("Tournée active"), required=False, initial=True)

    def __init__(self, *args, territory: Territory, editing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["is_active"]
        self.fields["communes"] = forms.ModelMultipleChoiceField(
            label=_("Communes desservies"),
            queryset=Commune.objects.filter(territory=territory).order_by("name"),
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["sellers"] = _actor_field(territory, _("Vendeurs participants"), multiple=True)
