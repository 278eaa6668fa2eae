"""The kinds the marketplace already sends and those of the Valeurs territoriales door.

Quiet by default: only what concerns the user's own orders, actor or an action awaited from
them is emailed at once; community news waits in the inbox or in the daily digest. An area
may register its kind again with better words: the last registration wins.
"""

from django.utils.translation import gettext_lazy as _

from pmvt.notifications.kinds import NotificationMode, kind_register


def register_builtin_kinds() -> None:
    # Orders: transactional, about an order the user placed or must fulfil.
    kind_register(
        "order_placed",
        label=_("Commande enregistrée"),
        description=_("La confirmation de chaque commande que vous passez."),
        default_mode=NotificationMode.INSTANT,
        mandatory=True,
    )
    kind_register(
        "order_status",
        label=_("Suivi de mes commandes"),
        description=_("Votre commande est acceptée, prête, livrée ou annulée par le vendeur."),
        default_mode=NotificationMode.INSTANT,
        mandatory=True,
    )
    kind_register(
        "order_received",
        label=_("Commandes reçues par mon activité"),
        description=_("Une nouvelle commande à préparer pour un acteur dont vous faites partie."),
        default_mode=NotificationMode.INSTANT,
        mandatory=True,
    )
    kind_register(
        "order_cancelled",
        label=_("Commandes annulées par le client"),
        description=_("Un client annule une commande passée à votre activité."),
        default_mode=NotificationMode.INSTANT,
        mandatory=True,
    )
    # Actors: the life of the user's own actor page, and the admins' verification queue.
    kind_register(
        "actor_registered",
        label=_("Acteurs à vérifier"),
        description=_(
            "Pour les administrateurs du territoire : un nouvel acteur demande à être publié."
        ),
        default_mode=NotificationMode.INSTANT,
    )
    kind_register(
        "actor_verified",
        label=_("Page de mon activité vérifiée"),
        description=_("La communauté de communes a vérifié et publié la page de votre activité."),
        default_mode=NotificationMode.INSTANT,
    )
    kind_register(
        "actor_suspended",
        label=_("Page de mon activité suspendue"),
        description=_("La page de votre activité n'est plus publiée, avec le motif."),
        default_mode=NotificationMode.INSTANT,
    )
    kind_register(
        "actor_reinstated",
        label=_("Page de mon activité rétablie"),
        description=_("La page de votre activité est de nouveau publiée."),
        default_mode=NotificationMode.INSTANT,
    )
    # Valeurs territoriales.
    kind_register(
        "moderation",
        label=_("Modération"),
        description=_(
            "Un contenu que vous avez publié est masqué ou rétabli ; pour les modérateurs, "
            "un contenu est signalé."
        ),
        default_mode=NotificationMode.INSTANT,
    )
    kind_register(
        "news",
        label=_("Actualités du territoire"),
        description=_("Une nouvelle actualité est publiée sur un thème que vous suivez."),
        default_mode=NotificationMode.IN_APP,
    )
    kind_register(
        "event",
        label=_("Événements"),
        description=_("Un événement auquel vous participez change ou approche."),
        default_mode=NotificationMode.DIGEST,
    )
    kind_register(
        "idea",
        label=_("Idées et propositions"),
        description=_("Une réponse ou un soutien à une idée que vous avez proposée ou suivie."),
        default_mode=NotificationMode.DIGEST,
    )
    kind_register(
        "consultation",
        label=_("Consultations"),
        description=_("Une consultation s'ouvre, va se clore ou publie ses résultats."),
        default_mode=NotificationMode.DIGEST,
    )
    kind_register(
        "club",
        label=_("Clubs et projets"),
        description=_("La vie des clubs et des projets collectifs dont vous êtes membre."),
        default_mode=NotificationMode.DIGEST,
    )
    kind_register(
        "aid",
        label=_("Aides publiques"),
        description=_("Une aide publique correspondant à votre profil est publiée ou va fermer."),
        default_mode=NotificationMode.IN_APP,
    )
