"""The 17 United Nations Sustainable Development Goals (ODD), with their official French titles.

Projects declare the goals they contribute to; the observatory will aggregate by goal.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

SDG_TITLES: dict[int, Promise] = {
    1: _("Pas de pauvreté"),
    2: _("Faim « zéro »"),
    3: _("Bonne santé et bien-être"),
    4: _("Éducation de qualité"),
    5: _("Égalité entre les sexes"),
    6: _("Eau propre et assainissement"),
    7: _("Énergie propre et d'un coût abordable"),
    8: _("Travail décent et croissance économique"),
    9: _("Industrie, innovation et infrastructure"),
    10: _("Inégalités réduites"),
    11: _("Villes et communautés durables"),
    12: _("Consommation et production responsables"),
    13: _("Mesures relatives à la lutte contre les changements climatiques"),
    14: _("Vie aquatique"),
    15: _("Vie terrestre"),
    16: _("Paix, justice et institutions efficaces"),
    17: _("Partenariats pour la réalisation des objectifs"),
}

SDG_CHOICES = list(SDG_TITLES.items())


def sdg_label(number: int) -> str:
    """'ODD 7 – Énergie propre et d'un coût abordable'."""
    return gettext("ODD %(number)s – %(title)s") % {"number": number, "title": SDG_TITLES[number]}
