from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "pmvt.portal"
    label = "portal"
