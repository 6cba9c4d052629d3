from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "smartcity.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from smartcity.notifications import receivers, rules  # noqa: F401 (connect, register)
