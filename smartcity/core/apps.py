from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from smartcity.core.search_index import restore_triggers
from smartcity.core.text import SEARCHABLE


class CoreConfig(AppConfig):
    name = "smartcity.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from smartcity.core import (
            audit_lock,  # noqa: F401  (registers the SQLite function)
            checks,  # noqa: F401  (registers the system checks)
        )

        post_migrate.connect(_restore_search_triggers, sender=self)


def _restore_search_triggers(sender, using, **kwargs):
    """After every migrate (core's signal is sent once, after all of them ran)."""
    for model in SEARCHABLE:
        restore_triggers(connections[using], model._meta.db_table)
