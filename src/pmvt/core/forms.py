"""One form renderer for every form of the site, so fields look and behave the same."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    field_template_name = "components/field.html"
