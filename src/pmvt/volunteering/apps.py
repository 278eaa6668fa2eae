from django.apps import AppConfig


class VolunteeringConfig(AppConfig):
    """Volunteering missions of associations and public bodies: sign-up, waiting list, hours given."""

    name = "pmvt.volunteering"
    label = "volunteering"
