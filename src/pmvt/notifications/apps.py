from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "pmvt.notifications"
    label = "notifications"

    def ready(self) -> None:
        from pmvt.accounts.personal_data import register_personal_data
        from pmvt.core.header_counts import register_header_counter
        from pmvt.notifications.builtin_kinds import register_builtin_kinds
        from pmvt.notifications.context_processors import unread_counter
        from pmvt.notifications.personal_data import erase_notifications, export_notifications

        register_builtin_kinds()
        register_header_counter("unread_notifications", unread_counter)
        register_personal_data(
            key="notifications", export=export_notifications, erase=erase_notifications
        )
