from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "smartcity.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from smartcity.core import (
            audit_lock,  # noqa: F401  (registers the SQLite function)
            checks,  # noqa: F401  (registers the system checks)
        )
