"""Widgets rendering Django's exact markup in one template, without one template per option.

The class names stay `Select` and `RadioSelect`: Django derives the field's CSS class
(`field--select`, `field--radioselect`) from them.
"""

from django import forms


class Select(forms.Select):
    template_name = "orders/widgets/select.html"


class RadioSelect(forms.RadioSelect):
    template_name = "orders/widgets/radio.html"
