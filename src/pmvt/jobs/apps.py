from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Local jobs: offers by verified actors and the collectivité, applications with private CVs."""

    name = "pmvt.jobs"
    label = "jobs"

    def ready(self) -> None:
        from pmvt.accounts.personal_data import register_personal_data
        from pmvt.catalog.kinds import OfferKind, register_offer_kind
        from pmvt.jobs.personal_data import erase_jobs_data, export_jobs_data
        from pmvt.jobs.selectors import open_jobs_line, search_jobs
        from pmvt.jobs.services.applications import KIND_NEW_APPLICATION, KIND_STATUS
        from pmvt.notifications.kinds import NotificationMode, kind_register
        from pmvt.portal.doors import DoorSection, register_door_section

        register_door_section(
            "market",
            DoorSection(
                key="jobs",
                title=_("Emplois du territoire"),
                description=_(
                    "Les offres d'emploi des commerces, artisans, associations et de la "
                    "collectivité : CDI, CDD, saisonniers, alternance, et l'entreprise à but "
                    "d'emploi de Territoires zéro chômeur."
                ),
                url_name="jobs:list",
                position=20,
                live=open_jobs_line,
            ),
        )
        register_offer_kind(
            OfferKind(key="jobs", label=_("Emplois"), position=10, search=search_jobs)
        )
        register_personal_data(key="jobs", export=export_jobs_data, erase=erase_jobs_data)
        kind_register(
            KIND_NEW_APPLICATION,
            label=_("Candidatures reçues"),
            description=_("Une personne a postulé à une offre d'emploi que vous gérez."),
            default_mode=NotificationMode.INSTANT,
        )
        kind_register(
            KIND_STATUS,
            label=_("Suivi de mes candidatures"),
            description=_(
                "Votre candidature a été vue, un entretien vous est proposé, ou elle est close."
            ),
            default_mode=NotificationMode.INSTANT,
        )
