"""Template helpers of the orders area."""

from dataclasses import dataclass

from django import template
from django.forms import BoundField

register = template.Library()


@dataclass(frozen=True)
class RadioOption:
    id: str
    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class RadioGroup:
    label: str
    options: list[RadioOption]


@register.filter
def radio_groups(field: BoundField) -> list[RadioGroup]:
    """A radio field's grouped choices, to render each group as its own fieldset."""
    current = str(field.value() or "")
    groups = []
    index = 0
    for group_label, options in field.field.choices:  # type: ignore[attr-defined]
        rendered = []
        for value, label in options:
            rendered.append(
                RadioOption(
                    id=f"{field.auto_id}_{index}",
                    value=str(value),
                    label=str(label),
                    checked=str(value) == current,
                )
            )
            index += 1
        groups.append(RadioGroup(label=str(group_label), options=rendered))
    return groups


@register.filter
def iban_display(value: str) -> str:
    """'FR7630006000011234567890189' → 'FR76 3000 6000 0112 3456 7890 189'."""
    compact = "".join(str(value or "").split())
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
