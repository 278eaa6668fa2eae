"""Widgets writing Django's exact markup in Python, for the checkout page.

The checkout page is the marketplace's busiest form: through Django's templates (one for the
widget, one more per option and per attribute list) its widgets took about half of the page's
time. These build the same context as Django's widgets (`get_context`) and write the same
HTML from it; the tests compare both, byte for byte.

The class names stay Django's (`TextInput`, `Select`, `RadioSelect`…): Django derives the
field's CSS class (`field--textinput`, `field--radioselect`) from them.
"""

from typing import Any

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def _text(value: Any) -> str:
    # What {{ value|stringformat:'s' }} writes: the value as text, escaped unless safe.
    return conditional_escape(str(value))


def _attrs(attrs: dict[str, Any]) -> str:
    """Django's attrs.html: ` name="value"`, ` name` for True, nothing for False."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict[str, Any]) -> str:
    """Django's input.html."""
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{value}{_attrs(widget['attrs'])}>"
    )


class _PythonRendered:
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        context = self.get_context(name, value, attrs)  # type: ignore[attr-defined]
        return mark_safe(self.write(context["widget"]))  # noqa: S308 — every part is escaped

    def write(self, widget: dict[str, Any]) -> str:
        raise NotImplementedError


class TextInput(_PythonRendered, forms.TextInput):
    def write(self, widget: dict[str, Any]) -> str:
        return _input(widget)


class HiddenInput(_PythonRendered, forms.HiddenInput):
    def write(self, widget: dict[str, Any]) -> str:
        return _input(widget)


class Textarea(_PythonRendered, forms.Textarea):
    def write(self, widget: dict[str, Any]) -> str:
        text = _text(widget["value"]) if widget["value"] else ""
        return (
            f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'
        )


class Select(_PythonRendered, forms.Select):
    def write(self, widget: dict[str, Any]) -> str:
        html = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{_text(group_name)}">')
            html.extend(
                f'\n  <option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_text(option['label'])}</option>\n"
                for option in options
            )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return "".join(html)


class RadioSelect(_PythonRendered, forms.RadioSelect):
    def write(self, widget: dict[str, Any]) -> str:
        attrs = widget["attrs"]
        html = ["<div"]
        if attrs.get("id"):
            html.append(f' id="{_text(attrs["id"])}"')
        if attrs.get("class"):
            html.append(f' class="{_text(attrs["class"])}"')
        html.append(">")
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f"\n  <div><label>{_text(group_name)}</label>")
            # radio_option.html adds a line end to input_option.html's.
            html.extend(f"<div>\n    {_option(option)}\n</div>" for option in options)
            if group_name:
                html.append("\n  </div>")
        html.append("\n</div>")
        return "".join(html)


def _option(option: dict[str, Any]) -> str:
    """Django's input_option.html, with the line ends its included templates leave."""
    if not option["wrap_label"]:
        return f"{_input(option)}\n\n"
    label_for = f' for="{_text(option["attrs"]["id"])}"' if option["attrs"].get("id") else ""
    return f"<label{label_for}>{_input(option)}\n {_text(option['label'])}</label>\n"
