from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "pmvt.notifications"
    label = "notifications"
