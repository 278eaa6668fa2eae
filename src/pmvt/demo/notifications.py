"""Demo notifications of the CC Pays d'Apt-Luberon: the inhabitant's inbox and preferences.

Jean Habitant (habitant@demo.pmvt.fr) finds a few notifications of the Valeurs territoriales
door in his inbox, two of them already read, and has chosen to receive the territory's news
in the daily digest. Idempotent: a notification whose title exists for him is left as it is;
no email is sent (demo data).
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from pmvt.accounts.models import User
from pmvt.notifications.models import Notification
from pmvt.notifications.services import notify
from pmvt.notifications.services.preferences import preferences_save
from pmvt.territories.models import Territory

INHABITANT_EMAIL = "habitant@demo.pmvt.fr"


@dataclass(frozen=True)
class DemoNotification:
    kind: str
    title: str
    body: str
    page: str  # A portal URL name.
    read: bool = False


DEMO_NOTIFICATIONS = [
    DemoNotification(
        "news",
        "Bienvenue dans les Valeurs territoriales",
        "Actualités, événements, idées et clubs du Pays d'Apt-Luberon : tout est réuni ici.",
        "portal:values",
        read=True,
    ),
    DemoNotification(
        "event",
        "Marché des producteurs d'Apt samedi matin",
        "Le marché de la place de la Bouquerie accueille les producteurs du territoire.",
        "portal:market",
        read=True,
    ),
    DemoNotification(
        "consultation",
        "Une consultation s'ouvre sur les mobilités du quotidien",
        "Donnez votre avis sur les déplacements entre les villages et Apt.",
        "portal:values",
    ),
    DemoNotification(
        "aid",
        "Aide à la rénovation des façades en centre ancien",
        "La communauté de communes aide les propriétaires des centres anciens.",
        "portal:values",
    ),
]


def load_notifications(territory: Territory) -> None:
    user = User.objects.filter(email=INHABITANT_EMAIL).first()
    if user is None:
        return
    existing = set(
        Notification.objects.filter(territory=territory, user=user).values_list("title", flat=True)
    )
    for demo in DEMO_NOTIFICATIONS:
        if demo.title in existing:
            continue
        notification = notify(
            user=user,
            territory=territory,
            kind=demo.kind,
            title=demo.title,
            body=demo.body,
            url=reverse(demo.page, kwargs={"territory_slug": territory.slug}),
            email=False,
        )
        if demo.read:
            Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())
    preferences_save(user=user, modes={"news": "digest"})
