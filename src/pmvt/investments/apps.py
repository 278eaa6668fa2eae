from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentsConfig(AppConfig):
    """Local investment calls: projects present their need, inhabitants record non-binding pledges."""

    name = "pmvt.investments"
    label = "investments"

    def ready(self) -> None:
        from pmvt.accounts.personal_data import register_personal_data
        from pmvt.catalog.kinds import OfferKind, register_offer_kind
        from pmvt.investments.personal_data import (
            erase_investments_data,
            export_investments_data,
        )
        from pmvt.investments.selectors import open_calls_line, search_calls
        from pmvt.notifications.kinds import NotificationMode, kind_register
        from pmvt.portal.doors import DoorSection, register_door_section

        register_door_section(
            "market",
            DoorSection(
                key="investments",
                title=_("Investir localement"),
                description=_(
                    "Des commerces, des fermes, des toits solaires et des coopératives du "
                    "territoire cherchent des fonds : promettez un don, un prêt ou des parts. "
                    "Promesses non engageantes, la plateforme ne collecte pas d'argent."
                ),
                url_name="investments:list",
                position=30,
                live=open_calls_line,
            ),
        )
        register_offer_kind(
            OfferKind(
                key="investments",
                label=_("Investissement local"),
                position=30,
                search=search_calls,
            )
        )
        register_personal_data(
            key="investments", export=export_investments_data, erase=erase_investments_data
        )
        kind_register(
            "investment_pledge",
            label=_("Promesses reçues par mes projets"),
            description=_(
                "Un membre fait une promesse d'investissement sur un projet que vous portez."
            ),
            default_mode=NotificationMode.DIGEST,
        )
        kind_register(
            "investment_call_status",
            label=_("Validation de mes appels à investissement"),
            description=_(
                "Le territoire publie ou refuse un appel à investissement que vous portez."
            ),
            default_mode=NotificationMode.INSTANT,
        )
        kind_register(
            "investment_call_review",
            label=_("Appels à investissement à valider"),
            description=_(
                "Pour les administrateurs du territoire : un projet demande à être publié."
            ),
            default_mode=NotificationMode.INSTANT,
        )
        kind_register(
            "investment_call_news",
            label=_("Projets que je soutiens"),
            description=_(
                "Les actualités et la clôture des projets sur lesquels vous avez fait une promesse."
            ),
            default_mode=NotificationMode.DIGEST,
        )
