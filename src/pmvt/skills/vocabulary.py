"""The national seed list of the skills vocabulary (SkillTerm rows with territory None).

Plain data, so that the data migration and the tests seed the same list. A territory adds its
own terms from its management pages (services.vocabulary.skill_term_add).
"""

from typing import Any

from django.utils.text import slugify

from pmvt.catalog.text import search_text

# (category, [labels]) in the order the declaration form shows them.
NATIONAL_TERMS: list[tuple[str, list[str]]] = [
    (
        "Gestion et administration",
        [
            "Comptabilité",
            "Gestion administrative",
            "Recherche de financements",
            "Ressources humaines",
            "Conseil juridique",
            "Gestion de projet",
        ],
    ),
    (
        "Bâtiment et bricolage",
        [
            "Menuiserie",
            "Maçonnerie",
            "Électricité",
            "Plomberie",
            "Peinture et décoration",
            "Petits travaux de bricolage",
        ],
    ),
    (
        "Numérique et communication",
        [
            "Conception de sites web",
            "Graphisme",
            "Bureautique",
            "Réseaux sociaux",
            "Photo et vidéo",
            "Communication et rédaction",
            "Aide informatique",
        ],
    ),
    (
        "Nature et agriculture",
        [
            "Jardinage",
            "Maraîchage",
            "Apiculture",
            "Entretien d'espaces verts",
            "Taille et greffe d'arbres fruitiers",
        ],
    ),
    (
        "Transmission et animation",
        [
            "Soutien scolaire",
            "Traduction",
            "Langue anglaise",
            "Langue espagnole",
            "Langue italienne",
            "Animation d'ateliers",
            "Animation de réunions",
        ],
    ),
    (
        "Santé, soin et secours",
        [
            "Premiers secours (PSC1)",
            "Accompagnement des personnes âgées",
            "Garde d'enfants",
        ],
    ),
    (
        "Mobilité",
        [
            "Permis B",
            "Permis C (poids lourd)",
            "Conduite de minibus",
            "Réparation de vélos",
        ],
    ),
    (
        "Cuisine et artisanat",
        [
            "Cuisine",
            "Pâtisserie",
            "Couture",
            "Réparation d'appareils électriques",
            "Travail du bois",
        ],
    ),
    (
        "Culture et patrimoine",
        [
            "Musique",
            "Histoire locale et patrimoine",
            "Organisation d'événements",
        ],
    ),
]


def term_search_text(label: str, category: str) -> str:
    return search_text(f"{label} {category}")


def seed_national_terms(term_model: Any) -> int:
    """Create the national terms that are missing; returns how many were created.

    `term_model` is the SkillTerm model (the historical one in the data migration).
    """
    existing = set(term_model.objects.filter(territory__isnull=True).values_list("slug", flat=True))
    missing = [
        term_model(
            territory=None,
            label=label,
            slug=slugify(label),
            category=category,
            search_text=term_search_text(label, category),
        )
        for category, labels in NATIONAL_TERMS
        for label in labels
        if slugify(label) not in existing
    ]
    term_model.objects.bulk_create(missing)
    return len(missing)
