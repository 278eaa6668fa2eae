"""Demo consultations of the CC Pays d'Apt-Luberon: one open with every kind of question, one
closed with 40 anonymous responses so that its results page shows charts.

Deterministic (fixed seed, dates relative to today) and idempotent: a consultation whose slug
exists is left as it is. Everything goes through the services, as on the site. The 40 voters
are inactive accounts (no password, no email is sent to them), residents of the communes.
The demo inhabitant habitant@demo.pmvt.fr has not answered: the demo lets them do it.
"""

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from pmvt.accounts.models import User
from pmvt.accounts.services.memberships import membership_join
from pmvt.community.models import Theme
from pmvt.consultations.models import Consultation, Eligibility, Question, QuestionKind
from pmvt.consultations.services.consultations import (
    consultation_create,
    consultation_publish_free_text,
    consultation_update,
    question_add,
)
from pmvt.consultations.services.responses import response_submit
from pmvt.territories.models import Commune, Territory

SEED = 84400  # Apt's postal code.
ADMIN_EMAIL = "admin@demo.pmvt.fr"
VOTERS = 40
OPEN_SLUG = "horaires-du-marche-dapt"
CLOSED_SLUG = "se-deplacer-entre-les-villages"

QuestionSpec = tuple[str, str, list[str], dict[str, Any]]

MARKET_QUESTIONS: list[QuestionSpec] = [
    (
        QuestionKind.SINGLE,
        "Quel marché fréquentez-vous le plus souvent ?",
        [
            "Le marché du samedi matin à Apt",
            "Le marché des producteurs du mardi soir",
            "Je ne vais pas au marché",
        ],
        {},
    ),
    (
        QuestionKind.MULTIPLE,
        "Qu'est-ce qui vous ferait venir plus souvent ?",
        [
            "Des horaires plus tardifs",
            "Plus de producteurs du territoire",
            "Un parking plus proche",
            "Des animations pour les enfants",
            "Une navette depuis les villages",
        ],
        {"max_choices": 3},
    ),
    (
        QuestionKind.RANKING,
        "Classez ces horaires pour le marché du samedi",
        ["De 7 h à 12 h", "De 8 h à 13 h", "De 9 h à 14 h"],
        {},
    ),
    (
        QuestionKind.SCALE,
        "Êtes-vous satisfait du marché tel qu'il est aujourd'hui ?",
        [],
        {"scale_low_label": "Pas du tout satisfait", "scale_high_label": "Très satisfait"},
    ),
    (
        QuestionKind.TEXT,
        "Une idée pour le marché d'Apt ?",
        [],
        {
            "required": False,
            "help": "Facultatif. Votre réponse est lue par la communauté de communes.",
        },
    ),
]

MOBILITY_QUESTIONS: list[QuestionSpec] = [
    (
        QuestionKind.SINGLE,
        "Comment vous déplacez-vous le plus souvent entre les villages ?",
        ["En voiture", "À vélo", "En car", "En covoiturage", "À pied"],
        {},
    ),
    (
        QuestionKind.MULTIPLE,
        "Qu'est-ce qui vous manque le plus ?",
        [
            "Des cars plus fréquents",
            "Des pistes cyclables sûres",
            "Des aires de covoiturage",
            "Un transport à la demande",
            "Des bornes de recharge",
        ],
        {"max_choices": 2},
    ),
    (
        QuestionKind.RANKING,
        "Classez ces projets par ordre de priorité",
        [
            "Une navette Apt – Roussillon",
            "La véloroute du Calavon jusqu'aux villages",
            "Une aire de covoiturage à Gargas",
            "Un transport à la demande le samedi",
        ],
        {},
    ),
    (
        QuestionKind.SCALE,
        "Êtes-vous satisfait de l'offre de transport actuelle ?",
        [],
        {"scale_low_label": "Pas du tout satisfait", "scale_high_label": "Très satisfait"},
    ),
    (QuestionKind.TEXT, "Vos suggestions", [], {"required": False}),
]

SUGGESTIONS = [
    "Un car le dimanche pour aller au marché.",
    "Sécuriser la traversée de la départementale à vélo.",
    "Des horaires de car adaptés aux lycéens.",
    "Un parking vélo abrité près de la gare routière.",
    "Une appli pour organiser le covoiturage entre voisins.",
]


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _add_questions(consultation: Consultation, by: User, questions: list[QuestionSpec]) -> None:
    for kind, label, choices, extra in questions:
        question_add(
            consultation=consultation, by=by, kind=kind, label=label, choices=choices, **extra
        )


def _themes(territory: Territory, *slugs: str) -> list[Theme]:
    """The community's demo themes, when that step created them."""
    return list(Theme.objects.filter(territory=territory, slug__in=slugs))


def _voters(territory: Territory) -> list[User]:
    communes = list(Commune.objects.filter(territory=territory).order_by("insee_code"))
    voters = []
    for n in range(1, VOTERS + 1):
        email = f"votant-{n:02d}@demo.pmvt.fr"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=None, display_name=f"Votant {n}", is_active=False
            )
        membership_join(user=user, territory=territory, commune=communes[n % len(communes)])
        voters.append(user)
    return voters


def _random_answer(rng: random.Random, questions: list[Question]) -> dict[int, Any]:
    """A plausible answer: the first choices a little more often than the last ones."""
    data: dict[int, Any] = {}
    for question in questions:
        choices = list(question.choices.all())
        weights = [len(choices) - index + 1 for index in range(len(choices))]
        if question.kind == QuestionKind.SINGLE:
            data[question.pk] = rng.choices(choices, weights=weights)[0].pk
        elif question.kind == QuestionKind.MULTIPLE:
            count = rng.randint(1, question.max_choices or len(choices))
            picked = {rng.choices(choices, weights=weights)[0].pk for _ in range(count)}
            data[question.pk] = sorted(picked)
        elif question.kind == QuestionKind.RANKING:
            order = sorted(choices, key=lambda c: rng.random() * (1 + c.position / 2))
            data[question.pk] = {c.pk: rank for rank, c in enumerate(order, start=1)}
        elif question.kind == QuestionKind.SCALE:
            data[question.pk] = rng.choices([1, 2, 3, 4, 5], weights=[1, 3, 5, 4, 2])[0]
        elif rng.random() < 0.3:
            data[question.pk] = rng.choice(SUGGESTIONS)
    return data


def load_consultations(territory: Territory) -> None:
    admin = User.objects.get(email=ADMIN_EMAIL)
    today = timezone.localdate()
    existing = set(Consultation.objects.filter(territory=territory).values_list("slug", flat=True))
    if OPEN_SLUG not in existing:
        market = consultation_create(
            territory=territory,
            by=admin,
            title="Horaires du marché d'Apt",
            description=(
                "Le marché du samedi matin fait vivre le centre d'Apt depuis le Moyen Âge. "
                "Commerçants, producteurs et habitants s'interrogent sur ses horaires et son "
                "accès. Donnez votre avis : la communauté de communes en tiendra compte pour "
                "la saison prochaine."
            ),
            opens_at=_at(today - timedelta(days=5), 8),
            closes_at=_at(today + timedelta(days=25), 20),
            eligibility=Eligibility.MEMBERS,
            themes=_themes(territory, "commerce", "economie-locale"),
        )
        _add_questions(market, admin, MARKET_QUESTIONS)
    if CLOSED_SLUG not in existing:
        opens_at = _at(today - timedelta(days=70), 8)
        mobility = consultation_create(
            territory=territory,
            by=admin,
            title="Se déplacer entre les villages",
            description=(
                "Comment vous déplacez-vous entre Apt et les villages, et quels projets de "
                "mobilité attendez-vous en priorité ? Consultation réservée aux habitants des "
                "communes du territoire, réponses anonymes."
            ),
            opens_at=opens_at,
            closes_at=_at(today + timedelta(days=1), 20),
            eligibility=Eligibility.RESIDENTS,
            anonymous=True,
            themes=_themes(territory, "mobilite"),
        )
        _add_questions(mobility, admin, MOBILITY_QUESTIONS)
        questions = list(
            Question.objects.filter(consultation=mobility)
            .prefetch_related("choices")
            .order_by("position")
        )
        rng = random.Random(SEED)
        for voter in _voters(territory):
            response_submit(user=voter, consultation=mobility, data=_random_answer(rng, questions))
        # Answers were taken while it was open; it closed ten days ago.
        consultation_update(
            consultation=mobility,
            by=admin,
            title=mobility.title,
            description=mobility.description,
            opens_at=opens_at,
            closes_at=_at(today - timedelta(days=10), 20),
            eligibility=mobility.eligibility,
            anonymous=True,
            themes=list(mobility.themes.all()),
        )
        consultation_publish_free_text(consultation=mobility, by=admin, published=True)
